import _HDF5Shims

/// The library's set-up and its error stack (`H5open`, `H5E…`). These calls report to no one:
/// a failure to read the error stack leaves a less specific message, never a wrong one.
enum H5E {
    /// One record of HDF5's error stack.
    struct Record {
        var description: String
        var functionName: String
        var major: hid_t
        var minor: hid_t
        var majorMessage: String
        var minorMessage: String
    }

    /// `H5open` and `H5dont_atexit`: initializes the library without a clean-up at exit (it
    /// would close files this process left open after a failed write, which HDF5 1.10 cannot
    /// do safely: `HDF5WriteRecord`). Whether it worked shows in the first real call.
    static func initializeLibrary() -> Bool {
        H5dont_atexit() >= 0 && H5open() >= 0
    }

    /// `H5get_libversion`: the library's version, for example `"1.10.8"`.
    static func libraryVersion() -> String? {
        var major: UInt32 = 0
        var minor: UInt32 = 0
        var release: UInt32 = 0
        guard H5get_libversion(&major, &minor, &release) >= 0 else {
            clear()
            return nil
        }
        return "\(major).\(minor).\(release)"
    }

    /// `H5Eset_auto2(H5E_DEFAULT, NULL, NULL)`: HDF5 no longer prints the calling thread's
    /// errors to standard error (they are thrown instead). False when it could not be switched off.
    @discardableResult
    static func silence() -> Bool {
        H5Eset_auto2(_h5e_default(), nil, nil) >= 0
    }

    /// `H5Eclear2`: empties the calling thread's error stack, after a failure that is handled.
    @discardableResult
    static func clear() -> Bool {
        H5Eclear2(_h5e_default()) >= 0
    }

    /// `H5Ewalk2`: the error stack from the API function down to the innermost function that
    /// failed, then clears it. Call immediately after the failing call (any other API call
    /// clears the stack).
    static func takeStack() -> [Record] {
        final class Collector {
            var records: [(description: String, function: String, major: hid_t, minor: hid_t)] = []
        }
        let collector = Collector()
        let walked = H5Ewalk2(_h5e_default(), H5E_WALK_DOWNWARD, { _, error, clientData in
            guard let error, let clientData else { return 0 }
            let collector = Unmanaged<Collector>.fromOpaque(clientData).takeUnretainedValue()
            let record = error.pointee
            collector.records.append((
                description: record.desc.map { String(cString: $0) } ?? "",
                function: record.func_name.map { String(cString: $0) } ?? "",
                major: record.maj_num,
                minor: record.min_num))
            return 0
        }, Unmanaged.passUnretained(collector).toOpaque())
        // A walk that failed part way keeps the records it reached.
        _ = walked
        let records = collector.records.map { record in
            Record(description: record.description, functionName: record.function,
                   major: record.major, minor: record.minor,
                   majorMessage: message(record.major), minorMessage: message(record.minor))
        }
        clear()
        return records
    }

    /// `H5Eget_msg`: the text of an error class (major or minor), or `""`.
    private static func message(_ identifier: hid_t) -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard H5Eget_msg(identifier, nil, &buffer, buffer.count) > 0 else { return "" }
        return hdf5String(buffer)
    }

    /// HDF5's error class identifiers, which are run-time values behind C macros.
    struct Classes: @unchecked Sendable {
        let notHDF5 = _h5e_nothdf5(), truncated = _h5e_truncated(), notFound = _h5e_notfound()
        let fileExists = _h5e_fileexists(), exists = _h5e_exists(), cannotOpenFile = _h5e_cantopenfile()
        let cannotDecode = _h5e_cantdecode(), cannotLoad = _h5e_cantload(), badValue = _h5e_badvalue()
        let pipeline = _h5e_pline(), arguments = _h5e_args()

        static let shared = HDF5Library.withLock { Classes() }
    }
}
