import _HDF5Shims

/// Files (`H5F…`).
enum H5F {
    /// `H5Fcreate`: creates the file at `path`; `flags` is `H5F_ACC_TRUNC` or `H5F_ACC_EXCL`.
    static func create(_ path: String, flags: UInt32, access: HDF5Identifier, _ call: HDF5Call) throws(HDF5Error) -> HDF5Identifier {
        try call.own(H5Fcreate(path, flags, _h5p_default(), access.rawValue), as: .file, "H5Fcreate")
    }

    /// `H5Fopen`: opens the existing file at `path`.
    static func open(_ path: String, flags: UInt32, access: HDF5Identifier, _ call: HDF5Call) throws(HDF5Error) -> HDF5Identifier {
        try call.own(H5Fopen(path, flags, access.rawValue), as: .file, "H5Fopen")
    }

    /// `H5Fget_obj_count`: how many identifiers of the kinds `types` (`H5F_OBJ_…`) are open
    /// on `file` (or on every file, given `H5F_OBJ_ALL` as the file).
    static func objectCount(_ file: hid_t, types: UInt32, _ call: HDF5Call) throws(HDF5Error) -> Int {
        try call.check(H5Fget_obj_count(file, types), "H5Fget_obj_count")
    }

    /// `H5Fget_obj_ids`: the identifiers of the kinds `types` open on `file`, `maximum` at most.
    static func objectIdentifiers(_ file: hid_t, types: UInt32, maximum: Int, _ call: HDF5Call) throws(HDF5Error) -> [hid_t] {
        var identifiers = [hid_t](repeating: 0, count: maximum)
        let found = try call.check(H5Fget_obj_ids(file, types, maximum, &identifiers), "H5Fget_obj_ids")
        return Array(identifiers.prefix(found))
    }

    /// `H5Fget_name`: the name of the file `identifier` belongs to, as it was opened.
    static func name(of identifier: hid_t, _ call: HDF5Call) throws(HDF5Error) -> String {
        let length = try call.check(H5Fget_name(identifier, nil, 0), "H5Fget_name")
        var buffer = [CChar](repeating: 0, count: length + 1)
        try call.check(H5Fget_name(identifier, &buffer, buffer.count), "H5Fget_name")
        return hdf5String(buffer)
    }

    /// `H5Fstart_swmr_write`: makes the writer a SWMR writer. A failure breaks the file.
    static func startSWMRWrite(_ file: hid_t, _ call: HDF5Call) throws(HDF5Error) {
        try call.checkWrite(H5Fstart_swmr_write(file), "H5Fstart_swmr_write", breaksFile: true)
    }

    /// `H5Fflush(…, H5F_SCOPE_GLOBAL)`: hands every buffered byte to the operating system.
    /// A failure breaks the file.
    static func flush(_ file: hid_t, _ call: HDF5Call) throws(HDF5Error) {
        try call.checkWrite(H5Fflush(file, H5F_SCOPE_GLOBAL), "H5Fflush", breaksFile: true)
    }

    /// `H5Fget_vfd_handle`: the file driver's handle (for the default sec2 driver, a pointer
    /// to its file descriptor).
    static func driverHandle(_ file: hid_t, _ call: HDF5Call) throws(HDF5Error) -> UnsafeMutableRawPointer? {
        var handle: UnsafeMutableRawPointer?
        try call.check(H5Fget_vfd_handle(file, _h5p_default(), &handle), "H5Fget_vfd_handle")
        return handle
    }
}

/// Groups (`H5G…`).
enum H5G {
    /// `H5Gopen2`: opens the group at `name` below `location`.
    static func open(_ location: hid_t, _ name: String, _ call: HDF5Call) throws(HDF5Error) -> HDF5Identifier {
        try call.own(H5Gopen2(location, name, _h5p_default()), as: .group, "H5Gopen2")
    }

    /// `H5Gcreate2`: creates a group at `name` below `location`, with link creation list `links`.
    static func create(_ location: hid_t, _ name: String, links: HDF5Identifier, _ call: HDF5Call) throws(HDF5Error) -> HDF5Identifier {
        try call.ownWrite(H5Gcreate2(location, name, links.rawValue, _h5p_default(), _h5p_default()), as: .group, "H5Gcreate2")
    }
}

/// Links (`H5L…`).
enum H5L {
    /// `H5Lexists`: whether the last link of `name` exists (every link before it must).
    static func exists(_ location: hid_t, _ name: String, access: hid_t, _ call: HDF5Call) throws(HDF5Error) -> Bool {
        try call.check(H5Lexists(location, name, access), "H5Lexists") > 0
    }

    /// `H5Lget_info`: what the link `name` is (hard, soft, external) and the size of its value.
    static func info(_ location: hid_t, _ name: String, access: hid_t, _ call: HDF5Call) throws(HDF5Error) -> H5L_info_t {
        var info = H5L_info_t()
        try call.check(H5Lget_info(location, name, &info, access), "H5Lget_info")
        return info
    }

    /// `H5Lget_val` and `H5Lunpack_elink_val`: the file and object an external link of value
    /// size `size` points to, as `"file:/object"`.
    static func externalDestination(_ location: hid_t, _ name: String, size: Int, _ call: HDF5Call) throws(HDF5Error) -> String {
        var buffer = [UInt8](repeating: 0, count: size)
        try call.check(H5Lget_val(location, name, &buffer, size, _h5p_default()), "H5Lget_val")
        var flags: UInt32 = 0
        var fileName: UnsafePointer<CChar>?
        var objectName: UnsafePointer<CChar>?
        try call.check(H5Lunpack_elink_val(&buffer, size, &flags, &fileName, &objectName), "H5Lunpack_elink_val")
        guard let fileName, let objectName else { throw call.error("the external link has no destination", kind: .damaged) }
        return "\(String(cString: fileName)):\(String(cString: objectName))"
    }

    /// `H5Ldelete`: removes the link `name`.
    static func delete(_ location: hid_t, _ name: String, _ call: HDF5Call) throws(HDF5Error) {
        try call.checkWrite(H5Ldelete(location, name, _h5p_default()), "H5Ldelete")
    }

    /// `H5Literate` by name in increasing order: the names of the links in `group`.
    static func names(in group: hid_t, _ call: HDF5Call) throws(HDF5Error) -> [String] {
        try HDF5NameCollector.names("H5Literate", call) { index, collector in
            H5Literate(group, H5_INDEX_NAME, H5_ITER_INC, index,
                       { _, name, _, context in HDF5NameCollector.collect(name, into: context) }, collector)
        }
    }
}

/// Objects of any kind (`H5O…`, `H5I…`).
enum H5O {
    /// `H5Oopen`: opens the object at `name`, whatever its kind.
    static func open(_ location: hid_t, _ name: String, access: hid_t, _ call: HDF5Call) throws(HDF5Error) -> HDF5Identifier {
        try call.own(H5Oopen(location, name, access), as: .object, "H5Oopen")
    }

    /// `H5Oexists_by_name`: whether `name` resolves to an object (false for a dangling soft link).
    static func exists(_ location: hid_t, _ name: String, access: hid_t, _ call: HDF5Call) throws(HDF5Error) -> Bool {
        try call.check(H5Oexists_by_name(location, name, access), "H5Oexists_by_name") > 0
    }

    /// `H5Iget_type`: the kind of an open identifier (`H5I_GROUP`, `H5I_DATASET`, …).
    static func type(of identifier: hid_t, _ call: HDF5Call) throws(HDF5Error) -> H5I_type_t {
        let type = H5Iget_type(identifier)
        try call.check(type.rawValue, "H5Iget_type")
        return type
    }
}

/// Collects the names an HDF5 iteration callback reports.
final class HDF5NameCollector {
    var values: [String] = []

    /// The names an iteration by name in increasing order reports: `iterate` is given the
    /// index to start from and the collector to pass as the callback's context.
    static func names(
        _ function: String, _ call: HDF5Call,
        _ iterate: (UnsafeMutablePointer<hsize_t>, UnsafeMutableRawPointer) -> herr_t
    ) throws(HDF5Error) -> [String] {
        let names = HDF5NameCollector()
        var index: hsize_t = 0
        try call.check(iterate(&index, Unmanaged.passUnretained(names).toOpaque()), function)
        return names.values
    }

    /// The body of the C iteration callbacks (links, attributes): appends `name` to the
    /// collector passed as `context`.
    static func collect(_ name: UnsafePointer<CChar>?, into context: UnsafeMutableRawPointer?) -> herr_t {
        guard let name, let context else { return -1 }
        Unmanaged<HDF5NameCollector>.fromOpaque(context).takeUnretainedValue().values.append(String(cString: name))
        return 0
    }
}
