import _HDF5Shims

/// Property lists (`H5P…`).
enum H5P {
    /// `H5Pcreate(H5P_FILE_ACCESS)`.
    static func fileAccess(_ call: HDF5Call) throws(HDF5Error) -> HDF5Identifier {
        try call.own(H5Pcreate(_h5p_file_access()), as: .propertyList, "H5Pcreate")
    }

    /// `H5Pcreate(H5P_LINK_CREATE)`.
    static func linkCreation(_ call: HDF5Call) throws(HDF5Error) -> HDF5Identifier {
        try call.own(H5Pcreate(_h5p_link_create()), as: .propertyList, "H5Pcreate")
    }

    /// `H5Pcreate(H5P_DATASET_CREATE)`.
    static func datasetCreation(_ call: HDF5Call) throws(HDF5Error) -> HDF5Identifier {
        try call.own(H5Pcreate(_h5p_dataset_create()), as: .propertyList, "H5Pcreate")
    }

    // MARK: File access

    /// `H5Pset_libver_bounds`: the file format versions used for writing.
    static func setFormatBounds(_ list: hid_t, _ low: H5F_libver_t, _ high: H5F_libver_t, _ call: HDF5Call) throws(HDF5Error) {
        try call.check(H5Pset_libver_bounds(list, low, high), "H5Pset_libver_bounds")
    }

    /// `H5Pset_metadata_read_attempts`: how often a metadata read whose checksum fails is tried.
    static func setMetadataReadAttempts(_ list: hid_t, _ attempts: Int, _ call: HDF5Call) throws(HDF5Error) {
        try call.check(H5Pset_metadata_read_attempts(list, UInt32(attempts)), "H5Pset_metadata_read_attempts")
    }

    /// `H5Pset_file_locking`: whether HDF5 takes its lock on the file.
    static func setFileLocking(_ list: hid_t, _ locking: Bool, _ call: HDF5Call) throws(HDF5Error) {
        try call.check(H5Pset_file_locking(list, locking, true), "H5Pset_file_locking")
    }

    /// `H5Pset(…, "clear_status_flags", true)`: opening clears the flags a killed SWMR writer
    /// leaves (what `h5clear -s` does). HDF5 1.10 registers this otherwise private property on
    /// every file access list; h5clear sets it the same way.
    static func setClearingStatusFlags(_ list: hid_t, _ call: HDF5Call) throws(HDF5Error) {
        var clear = true
        try call.check(H5Pset(list, "clear_status_flags", &clear), "H5Pset(clear_status_flags)")
    }

    // MARK: Links

    /// `H5Pcreate(H5P_LINK_ACCESS)` and `H5Pset_elink_cb`: a link access list whose
    /// external-link callback refuses to traverse, keeping the refused destination
    /// (`"file:/path"`) in `libraryState.refusedExternalLink`; -1 when it cannot be made, which
    /// makes every open through it fail. Its failures are not taken from the error stack: it
    /// runs while the library's state is being made, which taking them needs.
    static func linkAccessRefusingExternalLinks() -> hid_t {
        let list = H5Pcreate(_h5p_link_access())
        guard list >= 0 else { return -1 }
        let set = H5Pset_elink_cb(list, { _, _, childFile, childObject, _, _, _ in
            let file = childFile.map { String(cString: $0) } ?? "?"
            let object = childObject.map { String(cString: $0) } ?? "?"
            libraryState.refusedExternalLink = "\(file):\(object)"
            return -1
        }, nil)
        guard set >= 0 else {
            // Nothing to report to: the list is unusable whether or not it closes.
            _ = H5Pclose(list)
            return -1
        }
        return list
    }

    /// `H5Pset_create_intermediate_group`: creating a path creates its missing groups.
    static func setCreatingIntermediateGroups(_ list: hid_t, _ call: HDF5Call) throws(HDF5Error) {
        try call.check(H5Pset_create_intermediate_group(list, 1), "H5Pset_create_intermediate_group")
    }

    /// `H5Pset_char_encoding`: the character set of link names.
    static func setCharacterEncoding(_ list: hid_t, _ encoding: H5T_cset_t, _ call: HDF5Call) throws(HDF5Error) {
        try call.check(H5Pset_char_encoding(list, encoding), "H5Pset_char_encoding")
    }

    // MARK: Dataset creation

    /// `H5Pset_fill_value`: what elements never written read as.
    static func setFillValue(_ list: hid_t, type: hid_t, _ value: UnsafeRawPointer, _ call: HDF5Call) throws(HDF5Error) {
        try call.check(H5Pset_fill_value(list, type, value), "H5Pset_fill_value")
    }

    /// `H5Pset_obj_track_times`: whether objects record their modification times.
    static func setTrackingTimes(_ list: hid_t, _ tracking: Bool, _ call: HDF5Call) throws(HDF5Error) {
        try call.check(H5Pset_obj_track_times(list, tracking), "H5Pset_obj_track_times")
    }

    /// `H5Pset_chunk`: the chunk extent.
    static func setChunk(_ list: hid_t, _ chunk: [hsize_t], _ call: HDF5Call) throws(HDF5Error) {
        try call.check(H5Pset_chunk(list, Int32(chunk.count), chunk), "H5Pset_chunk")
    }

    /// `H5Pset_shuffle`: adds the byte-shuffle filter.
    static func setShuffle(_ list: hid_t, _ call: HDF5Call) throws(HDF5Error) {
        try call.check(H5Pset_shuffle(list), "H5Pset_shuffle")
    }

    /// `H5Pset_deflate`: adds the deflate (gzip) filter at `level`.
    static func setDeflate(_ list: hid_t, level: Int, _ call: HDF5Call) throws(HDF5Error) {
        try call.check(H5Pset_deflate(list, UInt32(level)), "H5Pset_deflate")
    }

    /// `H5Pset_fletcher32`: adds the Fletcher-32 checksum filter.
    static func setFletcher32(_ list: hid_t, _ call: HDF5Call) throws(HDF5Error) {
        try call.check(H5Pset_fletcher32(list), "H5Pset_fletcher32")
    }

    /// `H5Pget_layout`: compact, contiguous, chunked or virtual.
    static func layout(_ list: hid_t, _ call: HDF5Call) throws(HDF5Error) -> H5D_layout_t {
        let layout = H5Pget_layout(list)
        try call.check(layout.rawValue, "H5Pget_layout")
        return layout
    }

    /// `H5Pget_chunk`: the chunk extent.
    static func chunk(_ list: hid_t, _ call: HDF5Call) throws(HDF5Error) -> [hsize_t] {
        var dimensions = [hsize_t](repeating: 0, count: HDF5Shape.maximumRank)
        let rank = try call.check(H5Pget_chunk(list, Int32(dimensions.count), &dimensions), "H5Pget_chunk")
        return Array(dimensions.prefix(Int(rank)))
    }

    /// `H5Pget_nfilters` and `H5Pget_filter2`: the filters, with their first 8 parameters.
    static func filters(_ list: hid_t, _ call: HDF5Call) throws(HDF5Error) -> [(filter: H5Z_filter_t, parameters: [UInt32])] {
        let count = try call.check(H5Pget_nfilters(list), "H5Pget_nfilters")
        var filters: [(filter: H5Z_filter_t, parameters: [UInt32])] = []
        for index in 0..<UInt32(count) {
            var flags: UInt32 = 0
            var parameterCount = 8
            var parameters = [UInt32](repeating: 0, count: parameterCount)
            var configuration: UInt32 = 0
            let filter = try call.check(
                H5Pget_filter2(list, index, &flags, &parameterCount, &parameters, 0, nil, &configuration), "H5Pget_filter2")
            filters.append((filter, Array(parameters.prefix(min(parameterCount, 8)))))
        }
        return filters
    }

    /// `H5Pget_external_count` and `H5Pget_external`: the first file of external raw storage.
    static func firstExternalFile(_ list: hid_t, _ call: HDF5Call) throws(HDF5Error) -> String? {
        guard try call.check(H5Pget_external_count(list), "H5Pget_external_count") > 0 else { return nil }
        var name = [CChar](repeating: 0, count: 4096)
        var offset = off_t(0)
        var size = hsize_t(0)
        try call.check(H5Pget_external(list, 0, name.count, &name, &offset, &size), "H5Pget_external")
        return hdf5String(name)
    }

    /// `H5Pget_virtual_count`: how many source mappings a virtual dataset has.
    static func virtualCount(_ list: hid_t, _ call: HDF5Call) throws(HDF5Error) -> Int {
        var count = 0
        try call.check(H5Pget_virtual_count(list, &count), "H5Pget_virtual_count")
        return count
    }

    /// `H5Pget_virtual_filename`: the file of a virtual dataset's source (`"."`: this file).
    static func virtualFileName(_ list: hid_t, _ index: Int, _ call: HDF5Call) throws(HDF5Error) -> String {
        try text("H5Pget_virtual_filename", call) { H5Pget_virtual_filename(list, index, $0, $1) }
    }

    /// `H5Pget_virtual_dsetname`: the dataset path of a virtual dataset's source.
    static func virtualDatasetName(_ list: hid_t, _ index: Int, _ call: HDF5Call) throws(HDF5Error) -> String {
        try text("H5Pget_virtual_dsetname", call) { H5Pget_virtual_dsetname(list, index, $0, $1) }
    }

    /// A string that a C function writes in two calls: one for its length, one for the text.
    private static func text(
        _ function: String, _ call: HDF5Call, _ get: (UnsafeMutablePointer<CChar>?, Int) -> Int
    ) throws(HDF5Error) -> String {
        let length = try call.check(get(nil, 0), function)
        var buffer = [CChar](repeating: 0, count: length + 1)
        try call.check(get(&buffer, buffer.count), function)
        return hdf5String(buffer)
    }
}
