import _HDF5Shims

/// Datasets whose elements HDF5 reads from another file: with external raw storage
/// (`h5py.create_dataset(…, external=[(path, offset, size)])`), or virtual datasets whose
/// sources are in other files. A file received from elsewhere could use either to make a
/// reader read any file the user can read, so `HDF5Group.openDataset` refuses them unless
/// the file was opened `allowingExternalData`, as it refuses external links.
enum HDF5ExternalData {
    /// Another file the dataset's elements are read from, and how, when there is one.
    /// Sources of a virtual dataset inside the same file are followed, `depth` levels at most.
    static func otherFile(
        of dataset: hid_t, _ operation: String, _ location: HDF5Location, depth: Int = 4
    ) throws -> (file: String, means: String)? {
        let list = try HDF5Library.own(H5Dget_create_plist(dataset), as: .propertyList,
                                       operation, location.description, calling: "H5Dget_create_plist")
        defer { list.close() }
        if let file = try externalStorage(list.rawValue, operation, location) { return (file, "external raw storage") }
        let layout = H5Pget_layout(list.rawValue)
        try HDF5Library.check(layout.rawValue, operation, location.description, calling: "H5Pget_layout")
        guard layout == H5D_VIRTUAL else { return nil }
        var count = 0
        try HDF5Library.check(H5Pget_virtual_count(list.rawValue, &count), operation, location.description,
                              calling: "H5Pget_virtual_count")
        for index in 0..<count {
            let file = try text(operation, location, "H5Pget_virtual_filename") {
                H5Pget_virtual_filename(list.rawValue, index, $0, $1)
            }
            if file != "." { return (file, "a source of a virtual dataset") }
            let source = try text(operation, location, "H5Pget_virtual_dsetname") {
                H5Pget_virtual_dsetname(list.rawValue, index, $0, $1)
            }
            if let elsewhere = try sourceInThisFile(source, from: dataset, operation, location, depth: depth) {
                return elsewhere
            }
        }
        return nil
    }

    /// The first external file of a dataset creation property list, if it has any.
    private static func externalStorage(_ list: hid_t, _ operation: String, _ location: HDF5Location) throws -> String? {
        let count = H5Pget_external_count(list)
        try HDF5Library.check(count, operation, location.description, calling: "H5Pget_external_count")
        guard count > 0 else { return nil }
        var name = [CChar](repeating: 0, count: 4096)
        var offset = off_t(0)
        var size = hsize_t(0)
        try HDF5Library.check(H5Pget_external(list, 0, name.count, &name, &offset, &size), operation,
                              location.description, calling: "H5Pget_external")
        return String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Where a virtual dataset's source in this file reads from, if elsewhere: the source is
    /// opened without following external links, as HDF5 would open it to read. A source
    /// that does not exist reads as the fill value; one that cannot be opened is refused.
    private static func sourceInThisFile(
        _ source: String, from dataset: hid_t, _ operation: String, _ location: HDF5Location, depth: Int
    ) throws -> (file: String, means: String)? {
        guard depth > 0 else { return (source, "virtual datasets nested too deep to check") }
        // A source's name is a path from the root of its file.
        let path = source.hasPrefix("/") ? source : "/" + source
        let refusing = libraryState.linkAccessRefusingExternalLinks
        defer {
            libraryState.refusedExternalLink = nil
            HDF5Library.clearErrorStack()
        }
        guard H5Lexists(dataset, path, refusing) > 0 else {
            return libraryState.refusedExternalLink.map { ($0, "an external link on the way to a virtual dataset's source") }
        }
        let opened = H5Oopen(dataset, path, refusing)
        guard opened >= 0 else {
            return (libraryState.refusedExternalLink ?? path, "a source of a virtual dataset that cannot be opened to check")
        }
        let sourceObject = HDF5Identifier(owning: opened, kind: .object)
        defer { sourceObject.close() }
        guard H5Iget_type(opened) == H5I_DATASET else { return nil }
        return try otherFile(of: opened, operation, location.appending(path), depth: depth - 1)
    }

    /// A string that a C function writes in two calls: one for its length, one for the text.
    private static func text(
        _ operation: String, _ location: HDF5Location, _ function: String,
        _ call: (UnsafeMutablePointer<CChar>?, Int) -> Int
    ) throws -> String {
        let length = call(nil, 0)
        try HDF5Library.check(length, operation, location.description, calling: function)
        var buffer = [CChar](repeating: 0, count: length + 1)
        try HDF5Library.check(call(&buffer, buffer.count), operation, location.description, calling: function)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
