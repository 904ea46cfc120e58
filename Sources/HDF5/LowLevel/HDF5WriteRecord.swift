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
    func check() throws(HDF5Error) {
        if let failure = HDF5Library.withLock({ failure }) { throw failure }
    }
}
