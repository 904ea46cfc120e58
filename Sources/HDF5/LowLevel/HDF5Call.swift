import _HDF5Shims

/// What one operation of the high-level layer is doing, carried into every C call it makes so
/// that a failure becomes an `HDF5Error` naming the operation, the object and the C function.
///
/// This and the thin wrappers beside it (`H5F`, `H5G`, `H5D`, `H5A`, `H5S`, `H5T`, `H5P`,
/// `H5L`, `H5O`, `H5E`, in the manner of h5py's low-level modules) are the only code of the
/// module that calls the HDF5 C library. Each wrapper makes one C call, checks its return value
/// by HDF5's convention for it (a negative `herr_t`, `hid_t`, `htri_t` or size, an error value
/// of an enumeration, a zero size) and throws the error taken from HDF5's error stack. Call
/// them with the library lock held (`HDF5Library.withLock`).
struct HDF5Call {
    /// What is being attempted, as a verb phrase: `"open dataset"`.
    let operation: String
    /// The object it is attempted on.
    let location: HDF5Location
    /// For a write to a file opened for writing: the file's record of failed writes, in which
    /// a failed write is kept (`HDF5WriteRecord`).
    let writes: HDF5WriteRecord?

    init(_ operation: String, _ location: HDF5Location, writes: HDF5WriteRecord? = nil) {
        self.operation = operation
        self.location = location
        self.writes = writes
    }

    /// The same operation on another object.
    func at(_ location: HDF5Location) -> HDF5Call {
        HDF5Call(operation, location, writes: writes)
    }

    /// The same operation, keeping failed writes in `writes`.
    func writing(to writes: HDF5WriteRecord?) -> HDF5Call {
        HDF5Call(operation, location, writes: writes)
    }

    /// The error HDF5's stack holds after `function` failed (taking the stack).
    func failure(_ function: String) -> HDF5Error {
        HDF5Library.error(operation, location.description, calling: function)
    }

    /// A failure this module detected itself, before or instead of calling HDF5.
    func error(_ message: String, kind: HDF5Error.Kind = .invalidArgument) -> HDF5Error {
        location.error(operation, message, kind: kind)
    }

    /// `status`, unless it is negative, which is how HDF5 reports a failure of most calls.
    @discardableResult
    func check<Status: BinaryInteger>(_ status: Status, _ function: String) throws(HDF5Error) -> Status {
        if status < 0 { throw failure(function) }
        return status
    }

    /// `check` for a call that writes: the failure is first kept as the file's when the
    /// operating system refused a write, or always with `breaksFile` (a flush or close that
    /// failed leaves the file in a state HDF5 cannot be trusted with).
    func checkWrite<Status: BinaryInteger>(
        _ status: Status, _ function: String, breaksFile: Bool = false
    ) throws(HDF5Error) {
        guard status < 0 else { return }
        let failure = failure(function)
        if breaksFile || failure.kind == .writeFailed { writes?.record(failure) }
        throw failure
    }

    /// Takes ownership of the identifier `function` returned, or throws its failure.
    func own(_ rawValue: hid_t, as kind: HDF5Identifier.Kind, _ function: String) throws(HDF5Error) -> HDF5Identifier {
        try check(rawValue, function)
        return HDF5Identifier(owning: rawValue, kind: kind)
    }

    /// `own` for an identifier a write creates (a group, a dataset, an attribute).
    func ownWrite(_ rawValue: hid_t, as kind: HDF5Identifier.Kind, _ function: String) throws(HDF5Error) -> HDF5Identifier {
        try checkWrite(rawValue, function)
        return HDF5Identifier(owning: rawValue, kind: kind)
    }
}

/// Text that a C function writes into a buffer it is given, as Swift text.
func hdf5String(_ buffer: [CChar]) -> String {
    String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// `count` elements that `fill` writes into a new array's storage (a read from HDF5).
func hdf5Array<T>(count: Int, _ fill: (UnsafeMutableRawPointer?) throws(HDF5Error) -> Void) throws(HDF5Error) -> [T] {
    do {
        return try [T](unsafeUninitializedCapacity: count) { buffer, initializedCount in
            try fill(UnsafeMutableRawPointer(buffer.baseAddress))
            initializedCount = count
        }
    } catch let error as HDF5Error {
        throw error
    } catch {
        preconditionFailure("only HDF5 errors are thrown here")
    }
}

/// `body` with the bytes of `array` (the standard library's `withUnsafeBytes` rethrows untyped).
func withBytes<Element, Result>(
    of array: [Element], _ body: (UnsafeRawBufferPointer) throws(HDF5Error) -> Result
) throws(HDF5Error) -> Result {
    try array.withUnsafeBytes { buffer in Swift.Result { () throws(HDF5Error) in try body(buffer) } }.get()
}

/// `body` with the mutable bytes of `array`.
func withMutableBytes<Element, Result>(
    of array: inout [Element], _ body: (UnsafeMutableRawBufferPointer) throws(HDF5Error) -> Result
) throws(HDF5Error) -> Result {
    try array.withUnsafeMutableBytes { buffer in Swift.Result { () throws(HDF5Error) in try body(buffer) } }.get()
}
