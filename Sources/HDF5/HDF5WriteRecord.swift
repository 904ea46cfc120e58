import _HDF5Shims

/// What a file opened for writing remembers of its writes: the first one that failed.
///
/// After a failed write HDF5 1.10 cannot be trusted with the file again. It may drop the
/// data of a chunk it could not write from its cache and report later flushes as successful,
/// so that a dataset's index points at bytes never written (which read as zeros and pass
/// Fletcher-32, the checksum of zeros being zero). And closing a file whose flush fails
/// frees the file's state but leaves its identifier registered (HDFFV-11052, fixed in HDF5
/// 1.14.1), so that any later use of the library, its own clean-up at exit included,
/// reads freed memory: the crash `lr-train` had on a full disk.
///
/// So after the first failure nothing is written to the file again and nothing of it is
/// closed: every later write, flush and close throws that failure, the file's identifiers
/// stay open (and consistent) until the process ends, and the library's clean-up at exit
/// is switched off (`H5dont_atexit`, in `HDF5LibraryState`). What was flushed before the
/// failure stays as it was on disk; a file written in SWMR mode stays marked as open for
/// writing, which SWMR readers and `clearingStatusFlags` get past.
final class HDF5WriteRecord: @unchecked Sendable {
    /// Guarded by the library lock.
    private(set) var failure: HDF5Error?

    /// Keeps `error` as the file's failure unless one is already kept.
    func record(_ error: HDF5Error) {
        HDF5Library.withLock { if failure == nil { failure = error } }
    }

    /// Throws the failure kept, if any.
    func check() throws {
        if let failure = HDF5Library.withLock({ failure }) { throw failure }
    }
}

extension HDF5Library {
    /// Throws the current HDF5 error when `status` is negative, first keeping it as the
    /// file's failure when the operating system refused a write, or always with `breaksFile`
    /// (a flush or close that failed leaves the file in a state HDF5 cannot be trusted with).
    static func checkWrite<Status: BinaryInteger>(
        _ status: Status, _ operation: String, _ path: String, calling function: String,
        _ writes: HDF5WriteRecord?, breaksFile: Bool = false
    ) throws {
        guard status < 0 else { return }
        let failure = error(operation, path, calling: function)
        if breaksFile || failure.kind == .writeFailed { writes?.record(failure) }
        throw failure
    }

    /// `own(_:as:…)` for an identifier a write creates (a group, a dataset, an attribute).
    static func ownWrite(
        _ rawValue: hid_t, as kind: HDF5Identifier.Kind, _ operation: String, _ path: String,
        calling function: String, _ writes: HDF5WriteRecord?
    ) throws -> HDF5Identifier {
        try checkWrite(rawValue, operation, path, calling: function, writes)
        return HDF5Identifier(owning: rawValue, kind: kind)
    }
}
