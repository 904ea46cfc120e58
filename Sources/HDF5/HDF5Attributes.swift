import _HDF5Shims

/// Something that carries HDF5 attributes: small named values attached to a
/// group or dataset (and, through its root group, to a file).
///
/// The attribute functions are provided by an extension; the only
/// requirement is an implementation detail that gives them the underlying
/// object. Only `HDF5Group`, `HDF5Dataset` and `HDF5File` conform.
public protocol HDF5AttributeHolder {
    /// The object whose attributes are read and written. An implementation
    /// detail of the conforming types of this module; not for other use.
    var _attributeTarget: HDF5AttributeTarget { get }
}

/// The HDF5 object behind an `HDF5AttributeHolder`. Opaque.
public struct HDF5AttributeTarget {
    /// Keeps the object (and so the identifier and file) alive while in use.
    let owner: AnyObject
    let file: HDF5File
    let identifier: HDF5Identifier
    let location: HDF5Location
}

extension HDF5AttributeHolder {
    /// Sets a numeric attribute holding one value (a scalar dataspace),
    /// replacing any attribute of the same name.
    public func setAttribute<T: HDF5Scalar>(_ name: String, _ value: T) throws(HDF5Error) {
        try _attributeTarget.writeNumeric(name, [value], scalar: true)
    }

    /// Sets a one-dimensional numeric attribute, replacing any attribute of
    /// the same name.
    public func setAttribute<T: HDF5Scalar>(_ name: String, _ values: [T]) throws(HDF5Error) {
        try _attributeTarget.writeNumeric(name, values, scalar: false)
    }

    /// Sets a string attribute, stored as one variable-length UTF-8 string
    /// (what h5py writes for a Python `str`, and reads back as `str`),
    /// replacing any attribute of the same name.
    public func setAttribute(_ name: String, _ value: String) throws(HDF5Error) {
        try _attributeTarget.writeStrings(name, [value], scalar: true)
    }

    /// Sets a one-dimensional attribute of variable-length UTF-8 strings,
    /// replacing any attribute of the same name.
    public func setAttribute(_ name: String, _ values: [String]) throws(HDF5Error) {
        try _attributeTarget.writeStrings(name, values, scalar: false)
    }

    /// Reads a numeric attribute that holds exactly one value (a scalar or a
    /// one-element array), converting the stored numeric type to `T`.
    public func attribute<T: HDF5Scalar>(_ name: String, as type: T.Type = T.self) throws(HDF5Error) -> T {
        let target = _attributeTarget
        let values: [T] = try target.readNumeric(name, operation: "read attribute \"\(name)\"")
        guard values.count == 1, let value = values.first else {
            throw target.location.error(
                "read attribute \"\(name)\"", "it holds \(values.count) values, not exactly one")
        }
        return value
    }

    /// Reads a numeric attribute of any shape as a flat array in row-major
    /// order, converting the stored numeric type to `T`.
    public func attributeArray<T: HDF5Scalar>(_ name: String, as type: T.Type = T.self) throws(HDF5Error) -> [T] {
        try _attributeTarget.readNumeric(name, operation: "read attribute \"\(name)\"")
    }

    /// Reads a string attribute that holds exactly one string.
    ///
    /// Accepts variable-length strings (what h5py writes for `str`) and
    /// fixed-length ones (what NumPy `bytes_` values become), whether
    /// null-terminated, null-padded or space-padded, ASCII or UTF-8.
    /// Invalid UTF-8 is repaired with replacement characters.
    public func stringAttribute(_ name: String) throws(HDF5Error) -> String {
        let target = _attributeTarget
        let operation = "read attribute \"\(name)\""
        let values = try target.readStrings(name, operation: operation)
        guard values.count == 1, let value = values.first else {
            throw target.location.error(operation, "it holds \(values.count) strings, not exactly one")
        }
        return value
    }

    /// Reads a string attribute of any shape as a flat array of strings.
    public func stringArrayAttribute(_ name: String) throws(HDF5Error) -> [String] {
        try _attributeTarget.readStrings(name, operation: "read attribute \"\(name)\"")
    }

    /// Whether an attribute of this name exists.
    public func hasAttribute(_ name: String) -> Bool {
        let target = _attributeTarget
        return HDF5Library.withLock {
            guard !name.isEmpty, !name.utf8.contains(0), let (object, call) = try? target.begin("look up attribute")
            else { return false }
            return (try? H5A.exists(object, name, call)) == true
        }
    }

    /// The names of all attributes, sorted by name in increasing byte order.
    public func attributeNames() throws(HDF5Error) -> [String] {
        let target = _attributeTarget
        return try HDF5Library.withLock { () throws(HDF5Error) -> [String] in
            let (object, call) = try target.begin("list attributes")
            return try H5A.names(of: object, call)
        }
    }

    /// Deletes an attribute; throws if there is none of that name.
    public func removeAttribute(_ name: String) throws(HDF5Error) {
        let target = _attributeTarget
        try HDF5Library.withLock { () throws(HDF5Error) in
            let (object, call) = try target.begin("remove attribute \"\(name)\"", writing: true)
            try target.requireExisting(name, object, call)
            try H5A.delete(object, name, call)
        }
    }
}

// MARK: - Implementation

extension HDF5AttributeTarget {
    /// Starts `operation` on the object (`HDF5File.begin`). Call with the lock held.
    func begin(_ operation: String, writing: Bool = false) throws(HDF5Error) -> (object: hid_t, call: HDF5Call) {
        try file.begin(operation, on: identifier, at: location, writing: writing)
    }

    private func validate(_ name: String, _ call: HDF5Call) throws(HDF5Error) {
        guard !name.isEmpty else { throw call.error("an attribute name must not be empty") }
        guard !name.utf8.contains(0) else { throw call.error("an attribute name must not contain NUL characters") }
    }

    fileprivate func requireExisting(_ name: String, _ object: hid_t, _ call: HDF5Call) throws(HDF5Error) {
        try validate(name, call)
        guard try H5A.exists(object, name, call) else { throw call.error("there is no attribute of that name", kind: .notFound) }
    }

    /// Creates the attribute (deleting an existing one first), then lets
    /// `write` fill it; deletes it again if `write` fails.
    private func create(
        _ name: String, datatype: hid_t, count: Int, scalar: Bool, _ operation: String,
        write: (hid_t, HDF5Call) throws(HDF5Error) -> Void
    ) throws(HDF5Error) {
        let (object, call) = try begin(operation, writing: true)
        try validate(name, call)
        let space = try scalar ? H5S.scalar(call) : H5S.simple([hsize_t(count)], call)
        defer { space.close() }
        if try H5A.exists(object, name, call) { try H5A.delete(object, name, call) }
        let attribute = try H5A.create(object, name, type: datatype, space: space, call)
        do throws(HDF5Error) {
            try write(attribute.rawValue, call)
            attribute.close()
        } catch {
            attribute.close()
            // Best effort: the write's error is the one to report.
            if file.writeFailure == nil { try? H5A.delete(object, name, call) }
            throw error
        }
    }

    func writeNumeric<T: HDF5Scalar>(_ name: String, _ values: [T], scalar: Bool) throws(HDF5Error) {
        try HDF5Library.withLock { () throws(HDF5Error) in
            let operation = "write attribute \"\(name)\""
            let datatype = try T.nativeDatatype(HDF5Call(operation, location))
            try create(name, datatype: datatype, count: values.count, scalar: scalar, operation) {
                (attribute, call) throws(HDF5Error) in
                if values.isEmpty { return }
                try withBytes(of: values) { (buffer) throws(HDF5Error) in
                    try H5A.write(attribute, memoryType: datatype, from: buffer.baseAddress, call)
                }
            }
        }
    }

    func writeStrings(_ name: String, _ values: [String], scalar: Bool) throws(HDF5Error) {
        try HDF5Library.withLock { () throws(HDF5Error) in
            let operation = "write attribute \"\(name)\""
            let call = HDF5Call(operation, location)
            if values.contains(where: { $0.utf8.contains(0) }) {
                throw call.error("HDF5 strings cannot contain NUL characters")
            }
            let datatype = try HDF5StringType.variableLengthUTF8(call)
            defer { datatype.close() }
            // C copies of the strings, alive until the write is done.
            let pointers: [UnsafeMutablePointer<CChar>] = values.map { value in
                let bytes = value.utf8CString
                let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count)
                bytes.withUnsafeBufferPointer { pointer.initialize(from: $0.baseAddress!, count: bytes.count) }
                return pointer
            }
            defer { pointers.forEach { $0.deallocate() } }
            let constants: [UnsafePointer<CChar>?] = pointers.map { UnsafePointer($0) }
            try create(name, datatype: datatype.rawValue, count: values.count, scalar: scalar, operation) {
                (attribute, call) throws(HDF5Error) in
                if values.isEmpty { return }
                try withBytes(of: constants) { (buffer) throws(HDF5Error) in
                    try H5A.write(attribute, memoryType: datatype.rawValue, from: buffer.baseAddress, call)
                }
            }
        }
    }

    /// Opens an existing attribute with its datatype and dataspace, and runs `body` on them.
    private func withAttribute<Result>(
        _ name: String, _ operation: String,
        _ body: (_ attribute: hid_t, _ datatype: hid_t, _ space: hid_t, HDF5Call) throws(HDF5Error) -> Result
    ) throws(HDF5Error) -> Result {
        try HDF5Library.withLock { () throws(HDF5Error) -> Result in
            let (object, call) = try begin(operation)
            try requireExisting(name, object, call)
            let attribute = try H5A.open(object, name, call)
            defer { attribute.close() }
            let datatype = try H5A.type(attribute.rawValue, call)
            defer { datatype.close() }
            let space = try H5A.space(attribute.rawValue, call)
            defer { space.close() }
            return try body(attribute.rawValue, datatype.rawValue, space.rawValue, call)
        }
    }

    func readNumeric<T: HDF5Scalar>(_ name: String, operation: String) throws(HDF5Error) -> [T] {
        try withAttribute(name, operation) { (attribute, datatype, space, call) throws(HDF5Error) -> [T] in
            let memoryType = try T.nativeDatatype(call)
            let stored = try HDF5ElementType(datatype: datatype, call)
            guard stored.isNumeric else { throw call.error("stored as \(stored), cannot read as \(T.elementType)") }
            let count = try HDF5Shape.extent(of: space, call).elementCount(call)
            _ = try HDF5Shape.readBufferByteCount(elementCount: count, elementByteCount: MemoryLayout<T>.stride, call)
            if count == 0 { return [] }
            return try hdf5Array(count: count) { (buffer) throws(HDF5Error) in
                try H5A.read(attribute, memoryType: memoryType, into: buffer, call)
            }
        }
    }

    func readStrings(_ name: String, operation: String) throws(HDF5Error) -> [String] {
        try withAttribute(name, operation) { (attribute, datatype, space, call) throws(HDF5Error) -> [String] in
            let count = try HDF5Shape.extent(of: space, call).elementCount(call)
            return try HDF5StringType.read(datatype: datatype, space: space, count: count, call) {
                (memoryType, buffer) throws(HDF5Error) in
                try H5A.read(attribute, memoryType: memoryType, into: buffer, call)
            }
        }
    }
}

/// Reading and writing HDF5 strings, shared by attributes and datasets.
enum HDF5StringType {
    /// A variable-length, null-terminated UTF-8 string type, as h5py uses
    /// for `str`.
    static func variableLengthUTF8(_ call: HDF5Call) throws(HDF5Error) -> HDF5Identifier {
        let datatype = try H5T.copy(_h5_c_s1(), call)
        try H5T.setSize(datatype.rawValue, _h5t_variable(), call)
        try H5T.setCharacterSet(datatype.rawValue, H5T_CSET_UTF8, call)
        return datatype
    }

    /// Reads `count` strings stored with `datatype` through `read`, which is
    /// given the memory datatype and the buffer. Call with the lock held.
    static func read(
        datatype: hid_t, space: hid_t, count: Int, _ call: HDF5Call,
        using read: (hid_t, UnsafeMutableRawPointer) throws(HDF5Error) -> Void
    ) throws(HDF5Error) -> [String] {
        let stored = try HDF5ElementType(datatype: datatype, call)
        guard stored == .string else { throw call.error("stored as \(stored), not as strings") }
        if try H5T.isVariableString(datatype, call) {
            return try readVariableLength(datatype: datatype, space: space, count: count, call, using: read)
        }
        return try readFixedLength(datatype: datatype, count: count, call, using: read)
    }

    /// `read` for variable-length strings, which HDF5 allocates and this frees.
    private static func readVariableLength(
        datatype: hid_t, space: hid_t, count: Int, _ call: HDF5Call,
        using read: (hid_t, UnsafeMutableRawPointer) throws(HDF5Error) -> Void
    ) throws(HDF5Error) -> [String] {
        let characterSet = try H5T.characterSet(datatype, call)
        _ = try HDF5Shape.readBufferByteCount(
            elementCount: count, elementByteCount: MemoryLayout<UnsafeMutablePointer<CChar>?>.stride, call)
        if count == 0 { return [] }
        let memoryType = try H5T.copy(_h5_c_s1(), call)
        defer { memoryType.close() }
        try H5T.setSize(memoryType.rawValue, _h5t_variable(), call)
        try H5T.setCharacterSet(memoryType.rawValue, characterSet, call)
        var pointers = [UnsafeMutablePointer<CChar>?](repeating: nil, count: count)
        try withMutableBytes(of: &pointers) { (buffer) throws(HDF5Error) in try read(memoryType.rawValue, buffer.baseAddress!) }
        let strings = pointers.map { pointer in pointer.map { String(cString: $0) } ?? "" }
        try withMutableBytes(of: &pointers) { (buffer) throws(HDF5Error) in
            try H5D.reclaim(type: memoryType.rawValue, space: space, buffer.baseAddress!, call)
        }
        return strings
    }

    /// `read` for fixed-length strings: null-terminated, null-padded or space-padded.
    private static func readFixedLength(
        datatype: hid_t, count: Int, _ call: HDF5Call,
        using read: (hid_t, UnsafeMutableRawPointer) throws(HDF5Error) -> Void
    ) throws(HDF5Error) -> [String] {
        let width = try H5T.size(datatype, call)
        let byteCount = try HDF5Shape.readBufferByteCount(elementCount: count, elementByteCount: width, call)
        if count == 0 { return [] }
        let padding = try H5T.stringPadding(datatype, call)
        let memoryType = try H5T.copy(datatype, call)
        defer { memoryType.close() }
        var bytes = [UInt8](repeating: 0, count: byteCount)
        try withMutableBytes(of: &bytes) { (buffer) throws(HDF5Error) in try read(memoryType.rawValue, buffer.baseAddress!) }
        return (0..<count).map { index in
            var element = bytes[(index * width)..<((index + 1) * width)]
            if let end = element.firstIndex(of: 0) { element = element[..<end] }
            if padding == H5T_STR_SPACEPAD {
                while element.last == UInt8(ascii: " ") { element = element.dropLast() }
            }
            return element.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
        }
    }
}
