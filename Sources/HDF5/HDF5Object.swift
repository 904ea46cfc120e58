import _HDF5Shims

/// What a group and a dataset share: the file they live in, their open identifier and
/// their absolute path, which also make them attribute holders.
public class HDF5Object: HDF5AttributeHolder, @unchecked Sendable {
    /// Keeps the file (and so the root group identifier) alive.
    let file: HDF5File
    let identifier: HDF5Identifier
    /// The absolute path of the object inside its file, for example `"/weights/0"`.
    public let path: String

    init(file: HDF5File, identifier: HDF5Identifier, path: String) {
        self.file = file
        self.identifier = identifier
        self.path = path
        // Closing a dataset of a file being written flushes its chunks: a failure there is
        // the file's, not to be dropped.
        identifier.joinWrites(file.writes, location: HDF5Location(filePath: file.path, objectPath: path))
    }

    var location: HDF5Location { HDF5Location(filePath: file.path, objectPath: path) }

    /// Starts `operation` on this object, or on `target` below it: the open identifier and the
    /// context of the C calls (`HDF5File.begin`). Call with the lock held.
    func begin(
        _ operation: String, at target: HDF5Location? = nil, writing: Bool = false
    ) throws(HDF5Error) -> (object: hid_t, call: HDF5Call) {
        try file.begin(operation, on: identifier, at: target ?? location, writing: writing)
    }

    public var _attributeTarget: HDF5AttributeTarget {
        HDF5AttributeTarget(owner: self, file: file, identifier: identifier, location: location)
    }
}
