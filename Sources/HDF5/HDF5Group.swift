import _HDF5Shims

/// A group: a container of named links to groups and datasets.
///
/// Paths given to a group's functions may be relative to it (`"weights/0"`)
/// or absolute from the file's root (`"/weights/0"`).
///
/// ## External links and data in other files
///
/// An external link makes a path inside this file resolve to an object of
/// another file. A file received from elsewhere could use them to make a
/// reader open arbitrary files, so they are never followed unless asked:
/// `contains` treats them as absent, and `openGroup` and `openDataset` throw
/// (`HDF5Error.Kind.external`) unless `followExternalLinks` is `true`, or the
/// file was opened `allowingExternalData`. `openDataset` likewise refuses a
/// dataset whose data lies in another file (`HDF5ExternalData`).
public final class HDF5Group: HDF5Object, @unchecked Sendable {
    // MARK: Groups

    /// Creates a group, and any missing groups on the way to it
    /// (`"weights/0"` creates `weights` if needed). Throws if the group
    /// already exists.
    public func createGroup(_ path: String) throws(HDF5Error) -> HDF5Group {
        try HDF5Library.withLock { () throws(HDF5Error) -> HDF5Group in
            let target = location.appending(path)
            let (group, call) = try begin("create group", at: target, writing: true)
            let name = try Self.validatedName(path, call)
            let linkList = try Self.linkCreationList(call)
            defer { linkList.close() }
            let created = try H5G.create(group, name, links: linkList, call)
            return HDF5Group(file: file, identifier: created, path: target.objectPath)
        }
    }

    /// Opens an existing group.
    ///
    /// - Parameter followExternalLinks: whether the path may pass through
    ///   external links into other files. When `false` (the default), a
    ///   path through an external link throws.
    public func openGroup(_ path: String, followExternalLinks: Bool? = nil) throws(HDF5Error) -> HDF5Group {
        try HDF5Library.withLock { () throws(HDF5Error) -> HDF5Group in
            let target = location.appending(path)
            if HDF5Path.components(path).isEmpty && HDF5Path.isAbsolute(path) {
                return file.root
            }
            let object = try openObject(path, expecting: .group,
                                        followExternalLinks: followExternalLinks ?? file.allowsExternalData,
                                        HDF5Call("open group", target))
            return HDF5Group(file: file, identifier: object, path: target.objectPath)
        }
    }

    /// Whether `path` names a group or dataset of this file.
    ///
    /// Returns `false`, without throwing, when any component of the path is
    /// missing, when the path ends in a dangling soft link, and when it
    /// passes through or ends in an external link: external links are never
    /// followed.
    public func contains(_ path: String) -> Bool {
        HDF5Library.withLock {
            guard !path.utf8.contains(0), let (group, call) = try? begin("look up object") else { return false }
            let components = HDF5Path.components(path)
            if components.isEmpty { return true }
            let absolute = HDF5Path.isAbsolute(path)
            let following = file.allowsExternalData
            let accessList = following ? _h5p_default() : libraryState.linkAccessRefusingExternalLinks
            defer { libraryState.refusedExternalLink = nil }
            for depth in 1...components.count {
                let prefix = (absolute ? "/" : "") + components[..<depth].joined(separator: "/")
                guard (try? H5L.exists(group, prefix, access: accessList, call)) == true,
                      let info = try? H5L.info(group, prefix, access: accessList, call)
                else { return false }
                if info.type == H5L_TYPE_EXTERNAL && !following { return false }
            }
            let full = (absolute ? "/" : "") + components.joined(separator: "/")
            return (try? H5O.exists(group, full, access: accessList, call)) == true
        }
    }

    /// The names of the links (groups, datasets, and soft or external links)
    /// directly in this group, sorted by name in increasing byte order.
    public func memberNames() throws(HDF5Error) -> [String] {
        try HDF5Library.withLock { () throws(HDF5Error) -> [String] in
            let (group, call) = try begin("list group members")
            return try H5L.names(in: group, call)
        }
    }

    // MARK: Datasets

    /// Creates a dataset without writing to it (its elements read as zero
    /// until written).
    ///
    /// - Parameters:
    ///   - path: where to create it; missing intermediate groups are created.
    ///   - shape: the initial extent, one entry per axis; `[]` makes a scalar.
    ///   - maximumShape: how far each axis may grow with `extend`, `nil`
    ///     entries meaning unlimited; defaults to `shape` (fixed size).
    ///   - chunkShape: the chunk extent, required for growable datasets and
    ///     filters; chosen automatically (chunks of at most about 1 MiB) when
    ///     needed but not given.
    ///   - deflateLevel: gzip compression level, 0...9.
    ///   - shuffle: apply the byte-shuffle filter before compression, which
    ///     usually helps floating-point data compress.
    ///   - fletcher32: store a Fletcher-32 checksum with every chunk, so that
    ///     a damaged chunk fails to read instead of returning wrong values.
    ///   - fillValue: what elements never written read as (0 when not given);
    ///     a value no real element takes tells a reader which ones were not.
    public func createDataset<T: HDF5Scalar>(
        _ path: String, of type: T.Type, shape: [Int], maximumShape: [Int?]? = nil,
        chunkShape: [Int]? = nil, deflateLevel: Int? = nil, shuffle: Bool = false, fletcher32: Bool = false,
        fillValue: T? = nil
    ) throws(HDF5Error) -> HDF5Dataset {
        try HDF5Library.withLock { () throws(HDF5Error) -> HDF5Dataset in
            let target = location.appending(path)
            let (group, call) = try begin("create dataset", at: target, writing: true)
            let name = try Self.validatedName(path, call)
            let datatype = try T.nativeDatatype(call)
            let layout = try HDF5DatasetLayout(
                shape: shape, maximumShape: maximumShape, chunkShape: chunkShape,
                deflateLevel: deflateLevel, shuffle: shuffle, fletcher32: fletcher32,
                elementByteCount: MemoryLayout<T>.stride, call)
            let space = try layout.makeDataspace(call)
            defer { space.close() }
            let creationList = try layout.makeCreationList(call)
            defer { creationList.close() }
            if let fillValue {
                try withUnsafeBytes(of: fillValue) { (value) throws(HDF5Error) in
                    try H5P.setFillValue(creationList.rawValue, type: datatype, value.baseAddress!, call)
                }
            }
            let linkList = try Self.linkCreationList(call)
            defer { linkList.close() }
            let dataset = try H5D.create(group, name, type: datatype, space: space, links: linkList,
                                         creation: creationList, call)
            return HDF5Dataset(file: file, identifier: dataset, path: target.objectPath)
        }
    }

    /// Creates a dataset and writes `values` to it, in row-major order.
    /// `values.count` must equal the product of `shape`.
    @discardableResult
    public func writeDataset<T: HDF5Scalar>(
        _ path: String, _ values: [T], shape: [Int], chunkShape: [Int]? = nil,
        deflateLevel: Int? = nil, shuffle: Bool = false, fletcher32: Bool = false
    ) throws(HDF5Error) -> HDF5Dataset {
        try HDF5Library.withLock { () throws(HDF5Error) -> HDF5Dataset in
            let target = location.appending(path)
            let expected = try HDF5Shape.elementCount(shape, HDF5Call("write dataset", target))
            guard values.count == expected else {
                throw target.error(
                    "write dataset",
                    "\(values.count) values do not fill shape \(shape) (\(expected) elements)")
            }
            let dataset = try createDataset(
                path, of: T.self, shape: shape, chunkShape: chunkShape,
                deflateLevel: deflateLevel, shuffle: shuffle, fletcher32: fletcher32)
            do throws(HDF5Error) {
                try dataset.write(values)
            } catch {
                // Do not leave a half-made dataset behind (unless the file is written no further).
                dataset.identifier.close()
                if file.writeFailure == nil, let (group, call) = try? begin("delete dataset", at: target) {
                    // Best effort: the write's error is the one to report.
                    try? H5L.delete(group, HDF5Path.normalized(path), call)
                }
                throw error
            }
            return dataset
        }
    }

    /// Opens an existing dataset.
    ///
    /// - Parameter followExternalLinks: whether the path may pass through
    ///   external links into other files; by default, when the file was opened
    ///   `allowingExternalData`. Otherwise a path through an external link
    ///   throws. A dataset whose data lies in another file (external raw
    ///   storage, a virtual dataset's sources) throws unless the file was
    ///   opened `allowingExternalData`.
    public func openDataset(_ path: String, followExternalLinks: Bool? = nil) throws(HDF5Error) -> HDF5Dataset {
        try HDF5Library.withLock { () throws(HDF5Error) -> HDF5Dataset in
            let call = HDF5Call("open dataset", location.appending(path))
            let object = try openObject(path, expecting: .dataset,
                                        followExternalLinks: followExternalLinks ?? file.allowsExternalData, call)
            if !file.allowsExternalData, let other = try HDF5ExternalData.otherFile(of: object.rawValue, call) {
                object.close()
                throw call.error("its data is stored in another file, \(other.file) (\(other.means))", kind: .external)
            }
            return HDF5Dataset(file: file, identifier: object, path: call.location.objectPath)
        }
    }

    // MARK: Helpers

    private enum ObjectKind: String { case group, dataset }

    /// Opens the object at `path` after checking, link by link, that it
    /// exists and (unless allowed) that no external link is on the way.
    private func openObject(
        _ path: String, expecting kind: ObjectKind, followExternalLinks: Bool, _ call: HDF5Call
    ) throws(HDF5Error) -> HDF5Identifier {
        let group = try identifier.open(call)
        let name = try Self.validatedName(path, call)
        let accessList = followExternalLinks ? _h5p_default() : libraryState.linkAccessRefusingExternalLinks
        libraryState.refusedExternalLink = nil
        defer { libraryState.refusedExternalLink = nil }
        let components = HDF5Path.components(path)
        let prefix = { (depth: Int) in (HDF5Path.isAbsolute(path) ? "/" : "") + components[..<depth].joined(separator: "/") }
        for depth in 1...components.count {
            try requireLink(prefix(depth), parent: depth > 1 ? prefix(depth - 1) : nil, in: group,
                            followExternalLinks: followExternalLinks, access: accessList, call)
        }
        let object: HDF5Identifier
        do throws(HDF5Error) {
            object = try H5O.open(group, name, access: accessList, call)
        } catch {
            throw refusedExternalLink(call) ?? error
        }
        let type = try H5O.type(of: object.rawValue, call)
        guard type == (kind == .group ? H5I_GROUP : H5I_DATASET) else {
            object.close()
            let actual = switch type {
            case H5I_GROUP: "a group"
            case H5I_DATASET: "a dataset"
            case H5I_DATATYPE: "a named datatype"
            default: "not a group or dataset"
            }
            throw call.error("the object is \(actual), not a \(kind.rawValue)")
        }
        return object.reowned(as: kind == .group ? .group : .dataset)
    }

    /// Throws unless the link `prefix` (relative to `group`, or absolute) exists and, unless
    /// `followExternalLinks`, is not an external link. `parent` is the prefix before it.
    private func requireLink(
        _ prefix: String, parent: String?, in group: hid_t, followExternalLinks: Bool, access: hid_t, _ call: HDF5Call
    ) throws(HDF5Error) {
        let prefixPath = HDF5Path.join(path, prefix)
        let exists: Bool
        do throws(HDF5Error) {
            exists = try H5L.exists(group, prefix, access: access, call)
        } catch {
            if let refusal = refusedExternalLink(call) { throw refusal }
            // The usual reason: the previous component is not a group.
            if let parent, let object = try? H5O.open(group, parent, access: access, call),
               (try? H5O.type(of: object.rawValue, call)) == H5I_DATASET {
                throw call.error("\(HDF5Path.join(path, parent)) is a dataset, not a group")
            }
            throw call.error("cannot resolve \(prefixPath): \(error.message)", kind: error.kind == .other ? .invalidArgument : error.kind)
        }
        guard exists else { throw call.error("\(prefixPath) does not exist", kind: .notFound) }
        guard !followExternalLinks else { return }
        let info = try H5L.info(group, prefix, access: libraryState.linkAccessRefusingExternalLinks, call)
        if info.type == H5L_TYPE_EXTERNAL {
            let size = info.u.val_size
            let destination = size > 0 && size < 1 << 20 ? try? H5L.externalDestination(group, prefix, size: size, call) : nil
            throw call.error("\(prefixPath) is an external link\(destination.map { " to \($0)" } ?? "")", kind: .external)
        }
    }

    /// The error for a path that an external link the file was not opened to follow stopped.
    private func refusedExternalLink(_ call: HDF5Call) -> HDF5Error? {
        guard let destination = libraryState.refusedExternalLink else { return nil }
        return call.error("the path leads through an external link to \(destination)", kind: .external)
    }

    /// The path to pass to the C library; refuses paths with no name in them.
    static func validatedName(_ path: String, _ call: HDF5Call) throws(HDF5Error) -> String {
        guard !HDF5Path.components(path).isEmpty else {
            throw call.error("the path \"\(path)\" names no object")
        }
        guard !path.utf8.contains(0) else {
            throw call.error("the path contains a NUL character")
        }
        return HDF5Path.normalized(path)
    }

    /// A link creation property list that creates missing intermediate
    /// groups and stores link names as UTF-8.
    static func linkCreationList(_ call: HDF5Call) throws(HDF5Error) -> HDF5Identifier {
        let list = try H5P.linkCreation(call)
        try H5P.setCreatingIntermediateGroups(list.rawValue, call)
        try H5P.setCharacterEncoding(list.rawValue, H5T_CSET_UTF8, call)
        return list
    }
}
