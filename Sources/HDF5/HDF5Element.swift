import _HDF5Shims

/// The type of the elements of a dataset or attribute, as far as this module
/// distinguishes them.
///
/// Numeric types are described by their width and signedness regardless of
/// byte order (HDF5 converts byte order on reading). Everything that is
/// neither a number nor a string is `other`, with a short description of the
/// HDF5 type class such as `"compound"` or `"enum"`.
public enum HDF5ElementType: Sendable, Equatable, Hashable, CustomStringConvertible {
    case float32, float64
    case int8, int16, int32, int64
    case uint8, uint16, uint32, uint64
    /// Fixed- or variable-length strings.
    case string
    case other(String)

    public var description: String {
        switch self {
        case .float32: "float32"
        case .float64: "float64"
        case .int8: "int8"
        case .int16: "int16"
        case .int32: "int32"
        case .int64: "int64"
        case .uint8: "uint8"
        case .uint16: "uint16"
        case .uint32: "uint32"
        case .uint64: "uint64"
        case .string: "string"
        case .other(let description): description
        }
    }

    /// Whether values of this type can be read as, or converted to, any of
    /// the numeric `HDF5Scalar` types.
    public var isNumeric: Bool {
        switch self {
        case .string, .other: false
        default: true
        }
    }
}

/// A numeric Swift type that can be stored in HDF5 datasets and attributes.
///
/// Values are stored with the corresponding native HDF5 type; reading
/// converts from whatever numeric type the file holds (for example a float64
/// dataset read as `Float`), with HDF5's rounding and clamping.
///
/// Only the standard numeric types conform; the memory layout of a
/// conforming type must be exactly that of its `elementType`, which is
/// checked before every read or write.
public protocol HDF5Scalar: Sendable {
    /// The HDF5 type values of this Swift type are stored as.
    static var elementType: HDF5ElementType { get }
}

extension Float: HDF5Scalar { public static var elementType: HDF5ElementType { .float32 } }
extension Double: HDF5Scalar { public static var elementType: HDF5ElementType { .float64 } }
extension Int8: HDF5Scalar { public static var elementType: HDF5ElementType { .int8 } }
extension Int16: HDF5Scalar { public static var elementType: HDF5ElementType { .int16 } }
extension Int32: HDF5Scalar { public static var elementType: HDF5ElementType { .int32 } }
extension Int64: HDF5Scalar { public static var elementType: HDF5ElementType { .int64 } }
extension UInt8: HDF5Scalar { public static var elementType: HDF5ElementType { .uint8 } }
extension UInt16: HDF5Scalar { public static var elementType: HDF5ElementType { .uint16 } }
extension UInt32: HDF5Scalar { public static var elementType: HDF5ElementType { .uint32 } }
extension UInt64: HDF5Scalar { public static var elementType: HDF5ElementType { .uint64 } }
/// `Int` is stored as a 64-bit signed integer (32-bit on 32-bit platforms).
extension Int: HDF5Scalar {
    public static var elementType: HDF5ElementType {
        #if arch(x86_64) || arch(arm64) || arch(s390x) || arch(powerpc64) || arch(powerpc64le) || arch(riscv64)
        .int64
        #else
        .int32
        #endif
    }
}

// MARK: - Mapping to HDF5 datatypes

extension HDF5ElementType {
    /// The predefined native HDF5 datatype for a numeric element type. The
    /// identifiers are library constants: they must not be closed.
    var nativeDatatype: hid_t? {
        switch self {
        case .float32: _h5_native_float()
        case .float64: _h5_native_double()
        case .int8: _h5_native_int8()
        case .int16: _h5_native_int16()
        case .int32: _h5_native_int32()
        case .int64: _h5_native_int64()
        case .uint8: _h5_native_uint8()
        case .uint16: _h5_native_uint16()
        case .uint32: _h5_native_uint32()
        case .uint64: _h5_native_uint64()
        case .string, .other: nil
        }
    }

    /// The size in bytes of one element of a numeric type.
    var byteCount: Int? {
        switch self {
        case .int8, .uint8: 1
        case .int16, .uint16: 2
        case .float32, .int32, .uint32: 4
        case .float64, .int64, .uint64: 8
        case .string, .other: nil
        }
    }

    /// The element type of an HDF5 datatype. Call with the lock held.
    init(datatype: hid_t, _ call: HDF5Call) throws(HDF5Error) {
        let typeClass = try H5T.typeClass(datatype, call)
        let size = try H5T.size(datatype, call)
        // The width in bits, for descriptions; the size comes from the file,
        // so the multiplication must not be allowed to trap.
        let (bits, overflow) = size.multipliedReportingOverflow(by: 8)
        let width = overflow ? "(\(size) bytes)" : "\(bits)"
        switch typeClass {
        case H5T_INTEGER:
            let signed = try H5T.isSigned(datatype, call)
            switch (size, signed) {
            case (1, true): self = .int8
            case (2, true): self = .int16
            case (4, true): self = .int32
            case (8, true): self = .int64
            case (1, false): self = .uint8
            case (2, false): self = .uint16
            case (4, false): self = .uint32
            case (8, false): self = .uint64
            default: self = .other("\(signed ? "int" : "uint")\(width)")
            }
        case H5T_FLOAT:
            switch size {
            case 4: self = .float32
            case 8: self = .float64
            default: self = .other("float\(width)")
            }
        case H5T_STRING: self = .string
        case H5T_COMPOUND: self = .other("compound")
        case H5T_ENUM: self = .other("enum")
        case H5T_ARRAY: self = .other("array")
        case H5T_VLEN: self = .other("variable-length sequence")
        case H5T_OPAQUE: self = .other("opaque")
        case H5T_REFERENCE: self = .other("reference")
        case H5T_BITFIELD: self = .other("bitfield")
        case H5T_TIME: self = .other("time")
        default: self = .other("unknown type")
        }
    }
}

extension HDF5Scalar {
    /// The native datatype of `Self`, after checking that the Swift memory
    /// layout matches it (a conformance with a wrong `elementType` would
    /// otherwise make HDF5 write past the end of a buffer).
    static func nativeDatatype(_ call: HDF5Call) throws(HDF5Error) -> hid_t {
        guard let datatype = elementType.nativeDatatype,
              let size = elementType.byteCount,
              MemoryLayout<Self>.size == size,
              MemoryLayout<Self>.stride == size
        else {
            throw call.error(
                "\(Self.self) declares element type \(elementType), which does not match its memory layout")
        }
        return datatype
    }
}
