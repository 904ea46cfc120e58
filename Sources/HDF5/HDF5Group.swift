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
    public func createGroup(_ path: String) throws -> HDF5Group {
        try HDF5Library.withLock {
            let operation = "create group"
            let target = location.appending(path)
            let group = try identifier.open(operation, target)
            try file.requireWritable(operation, target)
            let name = try Self.validatedName(path, operation, target)
            let linkList = try Self.linkCreationList(operation, target)
            defer { linkList.close() }
            let created = try HDF5Library.ownWrite(
                H5Gcreate2(group, name, linkList.rawValue, _h5p_default(), _h5p_default()),
                as: .group, operation, target.description, calling: "H5Gcreate2", file.writes)
            return HDF5Group(file: file, identifier: created, path: target.objectPath)
        }
    }

    /// Opens an existing group.
    ///
    /// - Parameter followExternalLinks: whether the path may pass through
    ///   external links into other files. When `false` (the default), a
    ///   path through an external link throws.
    public func openGroup(_ path: String, followExternalLinks: Bool? = nil) throws -> HDF5Group {
        try HDF5Library.withLock {
            let operation = "open group"
            let target = location.appending(path)
            if HDF5Path.components(path).isEmpty && HDF5Path.isAbsolute(path) {
                return file.root
            }
            let object = try openObject(path, expecting: .group,
                                        followExternalLinks: followExternalLinks ?? file.allowsExternalData,
                                        operation, target)
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
            guard let group = try? identifier.open("look up object", location) else { return false }
            guard !path.utf8.contains(0) else { return false }
            let components = HDF5Path.components(path)
            if components.isEmpty { return true }
            let absolute = HDF5Path.isAbsolute(path)
            let following = file.allowsExternalData
            let accessList = following ? _h5p_default() : libraryState.linkAccessRefusingExternalLinks
            defer {
                HDF5Library.clearErrorStack()
                libraryState.refusedExternalLink = nil
            }
            for depth in 1...components.count {
                let prefix = (absolute ? "/" : "") + components[..<depth].joined(separator: "/")
                guard H5Lexists(group, prefix, accessList) > 0 else { return false }
                var info = H5L_info_t()
                guard H5Lget_info(group, prefix, &info, accessList) >= 0 else { return false }
                if info.type == H5L_TYPE_EXTERNAL && !following { return false }
            }
            let full = (absolute ? "/" : "") + components.joined(separator: "/")
            return H5Oexists_by_name(group, full, accessList) > 0
        }
    }

    /// The names of the links (groups, datasets, and soft or external links)
    /// directly in this group, sorted by name in increasing byte order.
    public func memberNames() throws -> [String] {
        try HDF5Library.withLock {
            let operation = "list group members"
            let group = try identifier.open(operation, location)
            let names = HDF5NameCollector()
            var index: hsize_t = 0
            let status = H5Literate(
                group, H5_INDEX_NAME, H5_ITER_INC, &index,
                { _, name, _, context in HDF5NameCollector.collect(name, into: context) },
                Unmanaged.passUnretained(names).toOpaque())
            try HDF5Library.check(status, operation, location.description, calling: "H5Literate")
            return names.values
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
    ) throws -> HDF5Dataset {
        try HDF5Library.withLock {
            let operation = "create dataset"
            let target = location.appending(path)
            let group = try identifier.open(operation, target)
            try file.requireWritable(operation, target)
            let name = try Self.validatedName(path, operation, target)
            let datatype = try T.nativeDatatype(operation, target)
            let layout = try HDF5DatasetLayout(
                shape: shape, maximumShape: maximumShape, chunkShape: chunkShape,
                deflateLevel: deflateLevel, shuffle: shuffle, fletcher32: fletcher32,
                elementByteCount: MemoryLayout<T>.stride,
                operation, target)
            let space = try layout.makeDataspace(operation, target)
            defer { space.close() }
            let creationList = try layout.makeCreationList(operation, target)
            defer { creationList.close() }
            if var fillValue {
                try HDF5Library.check(H5Pset_fill_value(creationList.rawValue, datatype, &fillValue),
                                      operation, target.description, calling: "H5Pset_fill_value")
            }
            let linkList = try Self.linkCreationList(operation, target)
            defer { linkList.close() }
            let dataset = try HDF5Library.ownWrite(
                H5Dcreate2(group, name, datatype, space.rawValue, linkList.rawValue,
                           creationList.rawValue, _h5p_default()),
                as: .dataset, operation, target.description, calling: "H5Dcreate2", file.writes)
            return HDF5Dataset(file: file, identifier: dataset, path: target.objectPath)
        }
    }

    /// Creates a dataset and writes `values` to it, in row-major order.
    /// `values.count` must equal the product of `shape`.
    @discardableResult
    public func writeDataset<T: HDF5Scalar>(
        _ path: String, _ values: [T], shape: [Int], chunkShape: [Int]? = nil,
        deflateLevel: Int? = nil, shuffle: Bool = false, fletcher32: Bool = false
    ) throws -> HDF5Dataset {
        try HDF5Library.withLock {
            let target = location.appending(path)
            let expected = try HDF5Shape.elementCount(shape, "write dataset", target)
            guard values.count == expected else {
                throw target.error(
                    "write dataset",
                    "\(values.count) values do not fill shape \(shape) (\(expected) elements)")
            }
            let dataset = try createDataset(
                path, of: T.self, shape: shape, chunkShape: chunkShape,
                deflateLevel: deflateLevel, shuffle: shuffle, fletcher32: fletcher32)
            do {
                try dataset.write(values)
            } catch {
                // Do not leave a half-made dataset behind (unless the file is written no further).
                dataset.identifier.close()
                if file.writeFailure == nil, let group = try? identifier.open("delete dataset", target) {
                    _ = H5Ldelete(group, HDF5Path.normalized(path), _h5p_default())
                    HDF5Library.clearErrorStack()
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
    public func openDataset(_ path: String, followExternalLinks: Bool? = nil) throws -> HDF5Dataset {
        try HDF5Library.withLock {
            let operation = "open dataset"
            let target = location.appending(path)
            let object = try openObject(path, expecting: .dataset,
                                        followExternalLinks: followExternalLinks ?? file.allowsExternalData,
                                        operation, target)
            if !file.allowsExternalData, let other = try HDF5ExternalData.otherFile(of: object.rawValue, operation, target) {
                object.close()
                throw target.error(operation, "its data is stored in another file, \(other.file) (\(other.means))",
                                   kind: .external)
            }
            return HDF5Dataset(file: file, identifier: object, path: target.objectPath)
        }
    }

    // MARK: Helpers

    private enum ObjectKind: String { case group, dataset }

    /// Opens the object at `path` after checking, link by link, that it
    /// exists and (unless allowed) that no external link is on the way.
    private func openObject(
        _ path: String, expecting kind: ObjectKind, followExternalLinks: Bool,
        _ operation: String, _ target: HDF5Location
    ) throws -> HDF5Identifier {
        let group = try identifier.open(operation, target)
        let name = try Self.validatedName(path, operation, target)
        let components = HDF5Path.components(path)
        let absolute = HDF5Path.isAbsolute(path)
        let refusing = libraryState.linkAccessRefusingExternalLinks
        let accessList = followExternalLinks ? _h5p_default() : refusing
        libraryState.refusedExternalLink = nil
        defer { libraryState.refusedExternalLink = nil }
        func refusal() -> HDF5Error? {
            guard let destination = libraryState.refusedExternalLink else { return nil }
            HDF5Library.clearErrorStack()
            return target.error(operation, "the path leads through an external link to \(destination)", kind: .external)
        }
        for depth in 1...components.count {
            let prefix = (absolute ? "/" : "") + components[..<depth].joined(separator: "/")
            let prefixPath = HDF5Path.join(self.path, prefix)
            let exists = H5Lexists(group, prefix, accessList)
            if exists < 0 {
                if let refusal = refusal() { throw refusal }
                let records = HDF5Library.takeErrorStack()
                let kind = HDF5Library.classify(records)
                let cause = HDF5Library.plainMessage(kind, records) ?? HDF5Library.summarize(records, calling: "H5Lexists")
                // The usual reason: the previous component is not a group.
                if depth > 1 {
                    let parent = (absolute ? "/" : "") + components[..<(depth - 1)].joined(separator: "/")
                    let parentPath = HDF5Path.join(self.path, parent)
                    let object = H5Oopen(group, parent, accessList)
                    if object >= 0 {
                        let type = H5Iget_type(object)
                        H5Oclose(object)
                        if type == H5I_DATASET {
                            throw target.error(operation, "\(parentPath) is a dataset, not a group")
                        }
                    }
                    HDF5Library.clearErrorStack()
                }
                throw target.error(operation, "cannot resolve \(prefixPath): \(cause)", kind: kind == .other ? .invalidArgument : kind)
            }
            if exists == 0 {
                throw target.error(operation, "\(prefixPath) does not exist", kind: .notFound)
            }
            if !followExternalLinks {
                var info = H5L_info_t()
                try HDF5Library.check(H5Lget_info(group, prefix, &info, refusing),
                                      operation, target.description, calling: "H5Lget_info")
                if info.type == H5L_TYPE_EXTERNAL {
                    let destination = externalLinkDestination(group, prefix, size: info.u.val_size)
                    throw target.error(
                        operation, "\(prefixPath) is an external link\(destination.map { " to \($0)" } ?? "")", kind: .external)
                }
            }
        }
        let rawObject = H5Oopen(group, name, accessList)
        if rawObject < 0, let refusal = refusal() { throw refusal }
        let object = try HDF5Library.own(rawObject, as: .object, operation, target.description, calling: "H5Oopen")
        let type = H5Iget_type(object.rawValue)
        let expectedType = kind == .group ? H5I_GROUP : H5I_DATASET
        guard type == expectedType else {
            object.close()
            HDF5Library.clearErrorStack()
            let actual = switch type {
            case H5I_GROUP: "a group"
            case H5I_DATASET: "a dataset"
            case H5I_DATATYPE: "a named datatype"
            default: "not a group or dataset"
            }
            throw target.error(operation, "the object is \(actual), not a \(kind.rawValue)")
        }
        // Re-own with the precise kind so the right close function is used.
        let rawValue = object.release()
        return HDF5Identifier(owning: rawValue, kind: kind == .group ? .group : .dataset)
    }

    /// `"other.h5:/path"` for the external link at `name`, if readable.
    private func externalLinkDestination(_ group: hid_t, _ name: String, size: Int) -> String? {
        defer { HDF5Library.clearErrorStack() }
        guard size > 0, size < 1 << 20 else { return nil }
        var buffer = [UInt8](repeating: 0, count: size)
        guard H5Lget_val(group, name, &buffer, size, _h5p_default()) >= 0 else { return nil }
        var flags: UInt32 = 0
        var fileName: UnsafePointer<CChar>?
        var objectName: UnsafePointer<CChar>?
        guard H5Lunpack_elink_val(&buffer, size, &flags, &fileName, &objectName) >= 0,
              let fileName, let objectName
        else { return nil }
        return "\(String(cString: fileName)):\(String(cString: objectName))"
    }

    /// The path to pass to the C library; refuses paths with no name in them.
    static func validatedName(
        _ path: String, _ operation: String, _ target: HDF5Location
    ) throws -> String {
        guard !HDF5Path.components(path).isEmpty else {
            throw target.error(operation, "the path \"\(path)\" names no object")
        }
        guard !path.utf8.contains(0) else {
            throw target.error(operation, "the path contains a NUL character")
        }
        return HDF5Path.normalized(path)
    }

    /// A link creation property list that creates missing intermediate
    /// groups and stores link names as UTF-8.
    static func linkCreationList(_ operation: String, _ target: HDF5Location) throws -> HDF5Identifier {
        let list = try HDF5Library.own(
            H5Pcreate(_h5p_link_create()), as: .propertyList,
            operation, target.description, calling: "H5Pcreate")
        try HDF5Library.check(H5Pset_create_intermediate_group(list.rawValue, 1),
                              operation, target.description, calling: "H5Pset_create_intermediate_group")
        try HDF5Library.check(H5Pset_char_encoding(list.rawValue, H5T_CSET_UTF8),
                              operation, target.description, calling: "H5Pset_char_encoding")
        return list
    }
}
