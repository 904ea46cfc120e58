import _HDF5Shims

/// Datasets (`H5D…`).
enum H5D {
    /// `H5Dcreate2`: creates a dataset at `name` below `location`.
    static func create(
        _ location: hid_t, _ name: String, type: hid_t, space: HDF5Identifier, links: HDF5Identifier,
        creation: HDF5Identifier, _ call: HDF5Call
    ) throws(HDF5Error) -> HDF5Identifier {
        try call.ownWrite(H5Dcreate2(location, name, type, space.rawValue, links.rawValue, creation.rawValue, _h5p_default()),
                          as: .dataset, "H5Dcreate2")
    }

    /// `H5Dread`: reads the `fileSpace` selection into `buffer` as `memoryType` laid out as
    /// `memorySpace` (`H5S_ALL` for both: the whole dataset).
    static func read(
        _ dataset: hid_t, memoryType: hid_t, memorySpace: hid_t = _h5s_all(), fileSpace: hid_t = _h5s_all(),
        into buffer: UnsafeMutableRawPointer?, _ call: HDF5Call
    ) throws(HDF5Error) {
        try call.check(H5Dread(dataset, memoryType, memorySpace, fileSpace, _h5p_default(), buffer), "H5Dread")
    }

    /// `H5Dwrite`: writes `buffer`, of `memoryType` laid out as `memorySpace`, to the
    /// `fileSpace` selection.
    static func write(
        _ dataset: hid_t, memoryType: hid_t, memorySpace: hid_t = _h5s_all(), fileSpace: hid_t = _h5s_all(),
        from buffer: UnsafeRawPointer?, _ call: HDF5Call
    ) throws(HDF5Error) {
        try call.checkWrite(H5Dwrite(dataset, memoryType, memorySpace, fileSpace, _h5p_default(), buffer), "H5Dwrite")
    }

    /// `H5Dget_space`: a copy of the dataset's dataspace.
    static func space(_ dataset: hid_t, _ call: HDF5Call) throws(HDF5Error) -> HDF5Identifier {
        try call.own(H5Dget_space(dataset), as: .dataspace, "H5Dget_space")
    }

    /// `H5Dget_type`: a copy of the dataset's stored datatype.
    static func type(_ dataset: hid_t, _ call: HDF5Call) throws(HDF5Error) -> HDF5Identifier {
        try call.own(H5Dget_type(dataset), as: .datatype, "H5Dget_type")
    }

    /// `H5Dget_create_plist`: a copy of the dataset's creation property list.
    static func creationList(_ dataset: hid_t, _ call: HDF5Call) throws(HDF5Error) -> HDF5Identifier {
        try call.own(H5Dget_create_plist(dataset), as: .propertyList, "H5Dget_create_plist")
    }

    /// `H5Dset_extent`: changes the dataset's extent.
    static func setExtent(_ dataset: hid_t, _ shape: [hsize_t], _ call: HDF5Call) throws(HDF5Error) {
        try call.checkWrite(H5Dset_extent(dataset, shape), "H5Dset_extent")
    }

    /// `H5Drefresh`: reloads the dataset's metadata (a SWMR reader's view of a writer's growth).
    static func refresh(_ dataset: hid_t, _ call: HDF5Call) throws(HDF5Error) {
        try call.check(H5Drefresh(dataset), "H5Drefresh")
    }

    /// `H5Dflush`: writes the dataset's buffered data and metadata. A failure breaks the file.
    static func flush(_ dataset: hid_t, _ call: HDF5Call) throws(HDF5Error) {
        try call.checkWrite(H5Dflush(dataset), "H5Dflush", breaksFile: true)
    }

    /// `H5Dvlen_reclaim`: frees the variable-length elements HDF5 allocated in `buffer`.
    static func reclaim(type: hid_t, space: hid_t, _ buffer: UnsafeMutableRawPointer, _ call: HDF5Call) throws(HDF5Error) {
        try call.check(H5Dvlen_reclaim(type, space, _h5p_default(), buffer), "H5Dvlen_reclaim")
    }
}

/// Attributes (`H5A…`).
enum H5A {
    /// `H5Aexists`: whether `object` has an attribute `name`.
    static func exists(_ object: hid_t, _ name: String, _ call: HDF5Call) throws(HDF5Error) -> Bool {
        try call.check(H5Aexists(object, name), "H5Aexists") > 0
    }

    /// `H5Adelete`: removes the attribute `name`.
    static func delete(_ object: hid_t, _ name: String, _ call: HDF5Call) throws(HDF5Error) {
        try call.checkWrite(H5Adelete(object, name), "H5Adelete")
    }

    /// `H5Acreate2`: creates the attribute `name` of `type` and dataspace `space`.
    static func create(_ object: hid_t, _ name: String, type: hid_t, space: HDF5Identifier, _ call: HDF5Call) throws(HDF5Error) -> HDF5Identifier {
        try call.ownWrite(H5Acreate2(object, name, type, space.rawValue, _h5p_default(), _h5p_default()), as: .attribute, "H5Acreate2")
    }

    /// `H5Aopen`: opens the attribute `name`.
    static func open(_ object: hid_t, _ name: String, _ call: HDF5Call) throws(HDF5Error) -> HDF5Identifier {
        try call.own(H5Aopen(object, name, _h5p_default()), as: .attribute, "H5Aopen")
    }

    /// `H5Aget_type`: a copy of the attribute's stored datatype.
    static func type(_ attribute: hid_t, _ call: HDF5Call) throws(HDF5Error) -> HDF5Identifier {
        try call.own(H5Aget_type(attribute), as: .datatype, "H5Aget_type")
    }

    /// `H5Aget_space`: a copy of the attribute's dataspace.
    static func space(_ attribute: hid_t, _ call: HDF5Call) throws(HDF5Error) -> HDF5Identifier {
        try call.own(H5Aget_space(attribute), as: .dataspace, "H5Aget_space")
    }

    /// `H5Aread`: reads the whole attribute into `buffer` as `memoryType`.
    static func read(_ attribute: hid_t, memoryType: hid_t, into buffer: UnsafeMutableRawPointer?, _ call: HDF5Call) throws(HDF5Error) {
        try call.check(H5Aread(attribute, memoryType, buffer), "H5Aread")
    }

    /// `H5Awrite`: writes the whole attribute from `buffer`, of `memoryType`.
    static func write(_ attribute: hid_t, memoryType: hid_t, from buffer: UnsafeRawPointer?, _ call: HDF5Call) throws(HDF5Error) {
        try call.checkWrite(H5Awrite(attribute, memoryType, buffer), "H5Awrite")
    }

    /// `H5Aiterate2` by name in increasing order: the names of the attributes of `object`.
    static func names(of object: hid_t, _ call: HDF5Call) throws(HDF5Error) -> [String] {
        try HDF5NameCollector.names("H5Aiterate2", call) { index, collector in
            H5Aiterate2(object, H5_INDEX_NAME, H5_ITER_INC, index,
                        { _, name, _, context in HDF5NameCollector.collect(name, into: context) }, collector)
        }
    }
}

/// Dataspaces (`H5S…`).
enum H5S {
    /// `H5Screate(H5S_SCALAR)`: a dataspace of one element.
    static func scalar(_ call: HDF5Call) throws(HDF5Error) -> HDF5Identifier {
        try call.own(H5Screate(H5S_SCALAR), as: .dataspace, "H5Screate")
    }

    /// `H5Screate_simple`: a dataspace of extent `dimensions`, growing up to `maximum`
    /// (`nil`: fixed; `H5S_UNLIMITED` entries: unlimited).
    static func simple(_ dimensions: [hsize_t], maximum: [hsize_t]? = nil, _ call: HDF5Call) throws(HDF5Error) -> HDF5Identifier {
        try call.own(H5Screate_simple(Int32(dimensions.count), dimensions, maximum), as: .dataspace, "H5Screate_simple")
    }

    /// `H5Sselect_hyperslab(H5S_SELECT_SET, …)`: selects the block at `start` of extent `count`.
    static func selectBlock(_ space: hid_t, start: [hsize_t], count: [hsize_t], _ call: HDF5Call) throws(HDF5Error) {
        try call.check(H5Sselect_hyperslab(space, H5S_SELECT_SET, start, nil, count, nil), "H5Sselect_hyperslab")
    }

    /// `H5Sget_simple_extent_type`: null, scalar or simple.
    static func extentClass(_ space: hid_t, _ call: HDF5Call) throws(HDF5Error) -> H5S_class_t {
        let spaceClass = H5Sget_simple_extent_type(space)
        try call.check(spaceClass.rawValue, "H5Sget_simple_extent_type")
        return spaceClass
    }

    /// `H5Sget_simple_extent_ndims`: the number of axes.
    static func rank(_ space: hid_t, _ call: HDF5Call) throws(HDF5Error) -> Int {
        Int(try call.check(H5Sget_simple_extent_ndims(space), "H5Sget_simple_extent_ndims"))
    }

    /// `H5Sget_simple_extent_dims`: the extent and maximum extent of a dataspace of `rank` axes.
    static func dimensions(_ space: hid_t, rank: Int, _ call: HDF5Call) throws(HDF5Error) -> (current: [hsize_t], maximum: [hsize_t]) {
        var current = [hsize_t](repeating: 0, count: rank)
        var maximum = [hsize_t](repeating: 0, count: rank)
        try call.check(H5Sget_simple_extent_dims(space, &current, &maximum), "H5Sget_simple_extent_dims")
        return (current, maximum)
    }
}

/// Datatypes (`H5T…`) and filters (`H5Z…`).
enum H5T {
    /// `H5Tcopy`: a modifiable copy of `type`.
    static func copy(_ type: hid_t, _ call: HDF5Call) throws(HDF5Error) -> HDF5Identifier {
        try call.own(H5Tcopy(type), as: .datatype, "H5Tcopy")
    }

    /// `H5Tset_size`: sets the size of a string type (`H5T_VARIABLE`: variable-length).
    static func setSize(_ type: hid_t, _ size: Int, _ call: HDF5Call) throws(HDF5Error) {
        try call.check(H5Tset_size(type, size), "H5Tset_size")
    }

    /// `H5Tset_cset`: sets the character set of a string type.
    static func setCharacterSet(_ type: hid_t, _ characterSet: H5T_cset_t, _ call: HDF5Call) throws(HDF5Error) {
        try call.check(H5Tset_cset(type, characterSet), "H5Tset_cset")
    }

    /// `H5Tget_size`: the size of one element in bytes (0 is HDF5's failure).
    static func size(_ type: hid_t, _ call: HDF5Call) throws(HDF5Error) -> Int {
        let size = H5Tget_size(type)
        guard size > 0 else { throw call.failure("H5Tget_size") }
        return size
    }

    /// `H5Tis_variable_str`: whether a string type is variable-length.
    static func isVariableString(_ type: hid_t, _ call: HDF5Call) throws(HDF5Error) -> Bool {
        try call.check(H5Tis_variable_str(type), "H5Tis_variable_str") > 0
    }

    /// `H5Tget_cset`: the character set of a string type.
    static func characterSet(_ type: hid_t, _ call: HDF5Call) throws(HDF5Error) -> H5T_cset_t {
        let characterSet = H5Tget_cset(type)
        try call.check(characterSet.rawValue, "H5Tget_cset")
        return characterSet
    }

    /// `H5Tget_strpad`: how a fixed-length string type pads its strings.
    static func stringPadding(_ type: hid_t, _ call: HDF5Call) throws(HDF5Error) -> H5T_str_t {
        let padding = H5Tget_strpad(type)
        try call.check(padding.rawValue, "H5Tget_strpad")
        return padding
    }

    /// `H5Tget_class`: integer, float, string, compound, …
    static func typeClass(_ type: hid_t, _ call: HDF5Call) throws(HDF5Error) -> H5T_class_t {
        let typeClass = H5Tget_class(type)
        try call.check(typeClass.rawValue, "H5Tget_class")
        return typeClass
    }

    /// `H5Tget_sign`: whether an integer type is signed.
    static func isSigned(_ type: hid_t, _ call: HDF5Call) throws(HDF5Error) -> Bool {
        let sign = H5Tget_sign(type)
        try call.check(sign.rawValue, "H5Tget_sign")
        return sign != H5T_SGN_NONE
    }

    /// `H5Zfilter_avail`: whether the library has `filter` (deflate is optional when building HDF5).
    static func filterAvailable(_ filter: H5Z_filter_t, _ call: HDF5Call) throws(HDF5Error) -> Bool {
        try call.check(H5Zfilter_avail(filter), "H5Zfilter_avail") > 0
    }
}
