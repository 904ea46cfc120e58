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
    public func setAttribute<T: HDF5Scalar>(_ name: String, _ value: T) throws {
        try _attributeTarget.writeNumeric(name, [value], scalar: true)
    }

    /// Sets a one-dimensional numeric attribute, replacing any attribute of
    /// the same name.
    public func setAttribute<T: HDF5Scalar>(_ name: String, _ values: [T]) throws {
        try _attributeTarget.writeNumeric(name, values, scalar: false)
    }

    /// Sets a string attribute, stored as one variable-length UTF-8 string
    /// (what h5py writes for a Python `str`, and reads back as `str`),
    /// replacing any attribute of the same name.
    public func setAttribute(_ name: String, _ value: String) throws {
        try _attributeTarget.writeStrings(name, [value], scalar: true)
    }

    /// Sets a one-dimensional attribute of variable-length UTF-8 strings,
    /// replacing any attribute of the same name.
    public func setAttribute(_ name: String, _ values: [String]) throws {
        try _attributeTarget.writeStrings(name, values, scalar: false)
    }

    /// Reads a numeric attribute that holds exactly one value (a scalar or a
    /// one-element array), converting the stored numeric type to `T`.
    public func attribute<T: HDF5Scalar>(_ name: String, as type: T.Type = T.self) throws -> T {
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
    public func attributeArray<T: HDF5Scalar>(_ name: String, as type: T.Type = T.self) throws -> [T] {
        try _attributeTarget.readNumeric(name, operation: "read attribute \"\(name)\"")
    }

    /// Reads a string attribute that holds exactly one string.
    ///
    /// Accepts variable-length strings (what h5py writes for `str`) and
    /// fixed-length ones (what NumPy `bytes_` values become), whether
    /// null-terminated, null-padded or space-padded, ASCII or UTF-8.
    /// Invalid UTF-8 is repaired with replacement characters.
    public func stringAttribute(_ name: String) throws -> String {
        let target = _attributeTarget
        let operation = "read attribute \"\(name)\""
        let values = try target.readStrings(name, operation: operation)
        guard values.count == 1, let value = values.first else {
            throw target.location.error(operation, "it holds \(values.count) strings, not exactly one")
        }
        return value
    }

    /// Reads a string attribute of any shape as a flat array of strings.
    public func stringArrayAttribute(_ name: String) throws -> [String] {
        try _attributeTarget.readStrings(name, operation: "read attribute \"\(name)\"")
    }

    /// Whether an attribute of this name exists.
    public func hasAttribute(_ name: String) -> Bool {
        let target = _attributeTarget
        return HDF5Library.withLock {
            guard !name.isEmpty, !name.utf8.contains(0),
                  let object = try? target.identifier.open("look up attribute", target.location)
            else { return false }
            defer { HDF5Library.clearErrorStack() }
            return H5Aexists(object, name) > 0
        }
    }

    /// The names of all attributes, sorted by name in increasing byte order.
    public func attributeNames() throws -> [String] {
        let target = _attributeTarget
        return try HDF5Library.withLock {
            let operation = "list attributes"
            let object = try target.identifier.open(operation, target.location)
            let names = HDF5NameCollector()
            var index: hsize_t = 0
            let status = H5Aiterate2(
                object, H5_INDEX_NAME, H5_ITER_INC, &index,
                { _, name, _, context in HDF5NameCollector.collect(name, into: context) },
                Unmanaged.passUnretained(names).toOpaque())
            try HDF5Library.check(status, operation, target.location.description, calling: "H5Aiterate2")
            return names.values
        }
    }

    /// Deletes an attribute; throws if there is none of that name.
    public func removeAttribute(_ name: String) throws {
        let target = _attributeTarget
        try HDF5Library.withLock {
            let operation = "remove attribute \"\(name)\""
            let object = try target.identifier.open(operation, target.location)
            try target.file.requireWritable(operation, target.location)
            try target.requireExisting(name, object, operation)
            try HDF5Library.checkWrite(H5Adelete(object, name), operation, target.location.description,
                                       calling: "H5Adelete", target.file.writes)
        }
    }
}

// MARK: - Implementation

extension HDF5AttributeTarget {
    private func validate(_ name: String, _ operation: String) throws {
        guard !name.isEmpty else { throw location.error(operation, "an attribute name must not be empty") }
        guard !name.utf8.contains(0) else {
            throw location.error(operation, "an attribute name must not contain NUL characters")
        }
    }

    fileprivate func requireExisting(_ name: String, _ object: hid_t, _ operation: String) throws {
        try validate(name, operation)
        let exists = H5Aexists(object, name)
        try HDF5Library.check(exists, operation, location.description, calling: "H5Aexists")
        guard exists > 0 else { throw location.error(operation, "there is no attribute of that name", kind: .notFound) }
    }

    /// Creates the attribute (deleting an existing one first), then lets
    /// `write` fill it; deletes it again if `write` fails.
    private func create(
        _ name: String, datatype: hid_t, count: Int, scalar: Bool, _ operation: String,
        write: (hid_t) throws -> Void
    ) throws {
        let object = try identifier.open(operation, location)
        try file.requireWritable(operation, location)
        try validate(name, operation)
        let path = location.description
        let space: HDF5Identifier
        if scalar {
            space = try HDF5Library.own(H5Screate(H5S_SCALAR), as: .dataspace, operation, path,
                                        calling: "H5Screate")
        } else {
            space = try HDF5Library.own(H5Screate_simple(1, [hsize_t(count)], nil), as: .dataspace,
                                        operation, path, calling: "H5Screate_simple")
        }
        defer { space.close() }
        let exists = H5Aexists(object, name)
        try HDF5Library.check(exists, operation, path, calling: "H5Aexists")
        if exists > 0 {
            try HDF5Library.checkWrite(H5Adelete(object, name), operation, path, calling: "H5Adelete", file.writes)
        }
        let attribute = try HDF5Library.ownWrite(
            H5Acreate2(object, name, datatype, space.rawValue, _h5p_default(), _h5p_default()),
            as: .attribute, operation, path, calling: "H5Acreate2", file.writes)
        do {
            try write(attribute.rawValue)
            attribute.close()
        } catch {
            attribute.close()
            if file.writeFailure == nil { _ = H5Adelete(object, name) }
            HDF5Library.clearErrorStack()
            throw error
        }
    }

    func writeNumeric<T: HDF5Scalar>(_ name: String, _ values: [T], scalar: Bool) throws {
        try HDF5Library.withLock {
            let operation = "write attribute \"\(name)\""
            let datatype = try T.nativeDatatype(operation, location)
            try create(name, datatype: datatype, count: values.count, scalar: scalar, operation) { attribute in
                if values.isEmpty { return }
                try values.withUnsafeBufferPointer { buffer in
                    try HDF5Library.checkWrite(H5Awrite(attribute, datatype, buffer.baseAddress), operation,
                                               location.description, calling: "H5Awrite", file.writes)
                }
            }
        }
    }

    func writeStrings(_ name: String, _ values: [String], scalar: Bool) throws {
        try HDF5Library.withLock {
            let operation = "write attribute \"\(name)\""
            if values.contains(where: { $0.utf8.contains(0) }) {
                throw location.error(operation, "HDF5 strings cannot contain NUL characters")
            }
            let datatype = try HDF5StringType.variableLengthUTF8(operation, location)
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
                attribute in
                if values.isEmpty { return }
                try constants.withUnsafeBufferPointer { buffer in
                    try HDF5Library.checkWrite(H5Awrite(attribute, datatype.rawValue, buffer.baseAddress), operation,
                                               location.description, calling: "H5Awrite", file.writes)
                }
            }
        }
    }

    /// Opens an existing attribute with its datatype and dataspace.
    private func open(
        _ name: String, _ operation: String
    ) throws -> (attribute: HDF5Identifier, datatype: HDF5Identifier, space: HDF5Identifier) {
        let object = try identifier.open(operation, location)
        try requireExisting(name, object, operation)
        let path = location.description
        let attribute = try HDF5Library.own(H5Aopen(object, name, _h5p_default()), as: .attribute,
                                            operation, path, calling: "H5Aopen")
        let datatype = try HDF5Library.own(H5Aget_type(attribute.rawValue), as: .datatype,
                                           operation, path, calling: "H5Aget_type")
        let space = try HDF5Library.own(H5Aget_space(attribute.rawValue), as: .dataspace,
                                        operation, path, calling: "H5Aget_space")
        return (attribute, datatype, space)
    }

    func readNumeric<T: HDF5Scalar>(_ name: String, operation: String) throws -> [T] {
        try HDF5Library.withLock {
            let memoryType = try T.nativeDatatype(operation, location)
            let (attribute, datatype, space) = try open(name, operation)
            defer {
                space.close()
                datatype.close()
                attribute.close()
            }
            let stored = HDF5ElementType(datatype: datatype.rawValue)
            guard stored.isNumeric else {
                throw location.error(operation, "stored as \(stored), cannot read as \(T.elementType)")
            }
            let count = try HDF5Shape.extent(of: space.rawValue, operation, location)
                .elementCount(operation, location)
            _ = try HDF5Shape.readBufferByteCount(
                elementCount: count, elementByteCount: MemoryLayout<T>.stride, operation, location)
            if count == 0 { return [] }
            return try [T](unsafeUninitializedCapacity: count) { buffer, initializedCount in
                try HDF5Library.check(H5Aread(attribute.rawValue, memoryType, buffer.baseAddress), operation,
                                      location.description, calling: "H5Aread")
                initializedCount = count
            }
        }
    }

    func readStrings(_ name: String, operation: String) throws -> [String] {
        try HDF5Library.withLock {
            let (attribute, datatype, space) = try open(name, operation)
            defer {
                space.close()
                datatype.close()
                attribute.close()
            }
            let count = try HDF5Shape.extent(of: space.rawValue, operation, location)
                .elementCount(operation, location)
            return try HDF5StringType.read(
                datatype: datatype.rawValue, space: space.rawValue, count: count, operation, location
            ) { memoryType, buffer in
                H5Aread(attribute.rawValue, memoryType, buffer)
            }
        }
    }
}

/// Reading and writing HDF5 strings, shared by attributes and datasets.
enum HDF5StringType {
    /// A variable-length, null-terminated UTF-8 string type, as h5py uses
    /// for `str`.
    static func variableLengthUTF8(_ operation: String, _ location: HDF5Location) throws -> HDF5Identifier {
        let path = location.description
        let datatype = try HDF5Library.own(H5Tcopy(_h5_c_s1()), as: .datatype, operation, path, calling: "H5Tcopy")
        try HDF5Library.check(H5Tset_size(datatype.rawValue, _h5t_variable()), operation, path,
                              calling: "H5Tset_size")
        try HDF5Library.check(H5Tset_cset(datatype.rawValue, H5T_CSET_UTF8), operation, path,
                              calling: "H5Tset_cset")
        return datatype
    }

    /// Reads `count` strings stored with `datatype` through `read`, which is
    /// given the memory datatype and the buffer. Call with the lock held.
    static func read(
        datatype: hid_t, space: hid_t, count: Int, _ operation: String, _ location: HDF5Location,
        using read: (hid_t, UnsafeMutableRawPointer) -> herr_t
    ) throws -> [String] {
        let path = location.description
        let stored = HDF5ElementType(datatype: datatype)
        guard stored == .string else {
            throw location.error(operation, "stored as \(stored), not as strings")
        }
        let variable = H5Tis_variable_str(datatype)
        try HDF5Library.check(variable, operation, path, calling: "H5Tis_variable_str")
        let characterSet = H5Tget_cset(datatype)
        try HDF5Library.check(characterSet.rawValue, operation, path, calling: "H5Tget_cset")
        if variable > 0 {
            _ = try HDF5Shape.readBufferByteCount(
                elementCount: count, elementByteCount: MemoryLayout<UnsafeMutablePointer<CChar>?>.stride,
                operation, location)
            if count == 0 { return [] }
            let memoryType = try HDF5Library.own(H5Tcopy(_h5_c_s1()), as: .datatype, operation, path,
                                                 calling: "H5Tcopy")
            defer { memoryType.close() }
            try HDF5Library.check(H5Tset_size(memoryType.rawValue, _h5t_variable()), operation, path,
                                  calling: "H5Tset_size")
            try HDF5Library.check(H5Tset_cset(memoryType.rawValue, characterSet), operation, path,
                                  calling: "H5Tset_cset")
            var pointers = [UnsafeMutablePointer<CChar>?](repeating: nil, count: count)
            try pointers.withUnsafeMutableBytes { buffer in
                try HDF5Library.check(read(memoryType.rawValue, buffer.baseAddress!), operation, path,
                                      calling: "read")
            }
            let strings = pointers.map { pointer -> String in
                guard let pointer else { return "" }
                return String(cString: pointer)
            }
            // Frees the strings HDF5 allocated.
            try pointers.withUnsafeMutableBytes { buffer in
                try HDF5Library.check(
                    H5Dvlen_reclaim(memoryType.rawValue, space, _h5p_default(), buffer.baseAddress!),
                    operation, path, calling: "H5Dvlen_reclaim")
            }
            return strings
        }
        let size = H5Tget_size(datatype)
        guard size > 0, let width = Int(exactly: size) else {
            throw HDF5Library.error(operation, path, calling: "H5Tget_size")
        }
        let byteCount = try HDF5Shape.readBufferByteCount(
            elementCount: count, elementByteCount: width, operation, location)
        if count == 0 { return [] }
        let padding = H5Tget_strpad(datatype)
        try HDF5Library.check(padding.rawValue, operation, path, calling: "H5Tget_strpad")
        let memoryType = try HDF5Library.own(H5Tcopy(datatype), as: .datatype, operation, path, calling: "H5Tcopy")
        defer { memoryType.close() }
        var bytes = [UInt8](repeating: 0, count: byteCount)
        try bytes.withUnsafeMutableBytes { buffer in
            try HDF5Library.check(read(memoryType.rawValue, buffer.baseAddress!), operation, path, calling: "read")
        }
        return (0..<count).map { index in
            var element = bytes[(index * width)..<((index + 1) * width)]
            if let end = element.firstIndex(of: 0) { element = element[..<end] }
            if padding == H5T_STR_SPACEPAD {
                while element.last == UInt8(ascii: " ") { element = element.dropLast() }
            }
            return element.withUnsafeBytes { decode($0) }
        }
    }

    private static func decode(_ bytes: UnsafeRawBufferPointer) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
