import _HDF5Shims

/// Datasets whose elements HDF5 reads from another file: with external raw storage
/// (`h5py.create_dataset(…, external=[(path, offset, size)])`), or virtual datasets whose
/// sources are in other files. A file received from elsewhere could use either to make a
/// reader read any file the user can read, so `HDF5Group.openDataset` refuses them unless
/// the file was opened `allowingExternalData`, as it refuses external links.
enum HDF5ExternalData {
    /// Another file the dataset's elements are read from, and how, when there is one.
    /// Sources of a virtual dataset inside the same file are followed, `depth` levels at most.
    static func otherFile(of dataset: hid_t, _ call: HDF5Call, depth: Int = 4) throws(HDF5Error) -> (file: String, means: String)? {
        let list = try H5D.creationList(dataset, call)
        defer { list.close() }
        if let file = try H5P.firstExternalFile(list.rawValue, call) { return (file, "external raw storage") }
        guard try H5P.layout(list.rawValue, call) == H5D_VIRTUAL else { return nil }
        for index in 0..<(try H5P.virtualCount(list.rawValue, call)) {
            let file = try H5P.virtualFileName(list.rawValue, index, call)
            if file != "." { return (file, "a source of a virtual dataset") }
            let source = try H5P.virtualDatasetName(list.rawValue, index, call)
            if let elsewhere = try sourceInThisFile(source, from: dataset, call, depth: depth) {
                return elsewhere
            }
        }
        return nil
    }

    /// Where a virtual dataset's source in this file reads from, if elsewhere: the source is
    /// opened without following external links, as HDF5 would open it to read. A source
    /// that does not exist reads as the fill value; one that cannot be opened is refused.
    private static func sourceInThisFile(
        _ source: String, from dataset: hid_t, _ call: HDF5Call, depth: Int
    ) throws(HDF5Error) -> (file: String, means: String)? {
        guard depth > 0 else { return (source, "virtual datasets nested too deep to check") }
        // A source's name is a path from the root of its file.
        let path = source.hasPrefix("/") ? source : "/" + source
        let refusing = libraryState.linkAccessRefusingExternalLinks
        defer { libraryState.refusedExternalLink = nil }
        guard (try? H5L.exists(dataset, path, access: refusing, call)) == true else {
            return libraryState.refusedExternalLink.map { ($0, "an external link on the way to a virtual dataset's source") }
        }
        guard let sourceObject = try? H5O.open(dataset, path, access: refusing, call) else {
            return (libraryState.refusedExternalLink ?? path, "a source of a virtual dataset that cannot be opened to check")
        }
        defer { sourceObject.close() }
        guard try H5O.type(of: sourceObject.rawValue, call) == H5I_DATASET else { return nil }
        return try otherFile(of: sourceObject.rawValue, call.at(call.location.appending(path)), depth: depth - 1)
    }
}
