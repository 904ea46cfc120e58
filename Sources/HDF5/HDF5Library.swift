import Foundation
import Platform
import _HDF5Shims

/// Process-wide facts about, and access to, the HDF5 C library.
///
/// HDF5 is only safe to call from several threads when it was built with its
/// thread-safety option, which distributions do not all enable, and even
/// then a sequence of calls (an operation followed by reading its error
/// stack) must not interleave with another thread's. Every call this module
/// makes into the C library therefore happens while holding one global
/// recursive lock, which `withLock(_:)` exposes so that code calling the C
/// library directly can join the same discipline.
public enum HDF5Library {
    /// The version of the HDF5 C library in use, for example `"1.10.8"`.
    public static var version: String {
        withLock { H5E.libraryVersion() ?? "unknown" }
    }

    /// The number of HDF5 files and objects (groups, datasets, named
    /// datatypes, attributes) currently open in this process, over all files.
    ///
    /// This is a diagnostic for leak tests: after every object has been
    /// released the count returns to what it was before. Because it counts
    /// every file in the process, it is only meaningful when nothing else
    /// uses HDF5 at the same time; `openObjectCount(inFilesUnder:)` is the
    /// variant that tolerates concurrent users.
    public static func openObjectCount() -> Int {
        withLock { (try? H5F.objectCount(hid_t(_h5f_obj_all()), types: _h5f_obj_all(), allFiles)) ?? 0 }
    }

    /// The number of open HDF5 files and objects whose file path begins with
    /// `directory`.
    ///
    /// Unlike `openObjectCount()` this ignores files elsewhere, so a leak test
    /// that keeps its files in its own temporary directory is not disturbed
    /// by other code using HDF5 concurrently.
    public static func openObjectCount(inFilesUnder directory: String) -> Int {
        withLock {
            let all = hid_t(_h5f_obj_all())
            guard let total = try? H5F.objectCount(all, types: _h5f_obj_all(), allFiles), total > 0,
                  let identifiers = try? H5F.objectIdentifiers(all, types: _h5f_obj_all(), maximum: total, allFiles)
            else { return 0 }
            return identifiers.count { identifier in
                (try? H5F.name(of: identifier, allFiles))?.hasPrefix(directory) ?? false
            }
        }
    }

    /// The context of the calls that count every file's objects.
    private static var allFiles: HDF5Call {
        HDF5Call("count open objects", HDF5Location(filePath: "(every file)", objectPath: "/"))
    }

    /// Runs `body` while holding the global recursive lock that serializes
    /// every call into the HDF5 C library.
    ///
    /// The lock is recursive, so `body` may itself call any function of this
    /// module. The first use initializes the library, and every outermost
    /// use switches off HDF5's automatic printing of error stacks to
    /// standard error for the calling thread (a thread-safe HDF5 keeps one
    /// error stack, with its own printing setting, per thread): errors are
    /// reported as thrown `HDF5Error` values instead.
    public static func withLock<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        let state = libraryState
        state.lock.lock()
        state.depth += 1
        defer {
            if state.depth == 1 { HDF5Watchdog.callEnded() }
            state.depth -= 1
            state.lock.unlock()
        }
        if state.depth == 1 {
            HDF5Watchdog.callStarted()
            // Without it HDF5 would print errors too; they are thrown all the same.
            H5E.silence()
        }
        return try body()
    }
}

/// Limits that protect the process when reading files it does not trust.
public enum HDF5Limits {
    /// How many times a SWMR reader reads a metadata object whose checksum fails before
    /// giving up. HDF5 sleeps between attempts, doubling from 1 ns, so n attempts wait
    /// about 2ⁿ⁻¹ ns in all: 24 wait about 8 ms, ample for a writer to finish an update,
    /// where HDF5's default of 100 makes a damaged file hang for ever.
    public static let swmrMetadataReadAttempts = 24

    /// The largest read buffer, in bytes, that a single read may allocate.
    ///
    /// A dataset's extent is declared in its header, so a small (or
    /// malicious) file can claim to hold petabytes. Reads compute the buffer
    /// size with overflow checks before allocating anything and throw an
    /// `HDF5Error` when it exceeds this limit. The default is 8 GiB.
    public static var maximumReadBytes: Int {
        get { HDF5Library.withLock { libraryState.maximumReadBytes } }
        set { HDF5Library.withLock { libraryState.maximumReadBytes = newValue } }
    }
}

// MARK: - Global state

/// The lock and the few process-wide values that live as long as the process.
/// Every stored property is guarded by `lock`.
final class HDF5LibraryState: @unchecked Sendable {
    let lock = NSRecursiveLock()
    /// How many nested `withLock` calls the lock holder is in.
    var depth = 0
    var maximumReadBytes = 8 << 30
    /// A link access property list whose external-link traversal callback
    /// refuses to traverse, so that opening a path through an external link
    /// fails instead of opening another file.
    let linkAccessRefusingExternalLinks: hid_t
    /// Set by that callback to the destination it refused (`"file:/path"`),
    /// so that the error can say why a path did not resolve.
    var refusedExternalLink: String?

    init() {
        lock.lock()
        defer { lock.unlock() }
        // A library that fails to start makes every later call fail, with its error.
        _ = H5E.initializeLibrary()
        H5E.silence()
        linkAccessRefusingExternalLinks = H5P.linkAccessRefusingExternalLinks()
        H5E.clear()
    }
}

let libraryState = HDF5LibraryState()

// MARK: - Error stack capture and checked calls

extension HDF5Library {
    /// Turns HDF5's error stack into one line: the innermost description,
    /// which names the actual cause ("file signature not found", "component
    /// not found"), preceded by the outer descriptions only when they add
    /// information the operation name does not already give.
    static func summarize(_ records: [H5E.Record], calling function: String) -> String {
        let descriptions = records.map(\.description).filter { !$0.isEmpty }
        guard let innermost = records.last(where: { !$0.description.isEmpty }) else {
            return "\(function) failed (HDF5 left no error description)"
        }
        var parts: [String] = []
        // The second-innermost description often says what was being looked
        // for ("unable to read superblock", "not found"); keep it when it
        // differs from the innermost one.
        if descriptions.count >= 2 {
            let middle = descriptions[descriptions.count - 2]
            if middle != innermost.description && !genericDescriptions.contains(middle) {
                parts.append(middle)
            }
        }
        parts.append(innermost.description)
        var message = parts.joined(separator: ": ")
        if !innermost.minorMessage.isEmpty,
           innermost.minorMessage.lowercased() != innermost.description.lowercased() {
            message += " (\(innermost.minorMessage.lowercased()))"
        }
        return message.replacingOccurrences(of: "\n", with: " ")
    }

    private static let genericDescriptions: Set<String> = [
        "internal path traversal failed", "traversal operator failed",
        "can't find object", "object not found",
    ]

    /// An `HDF5Error` built from the current error stack (which it clears).
    static func error(_ operation: String, _ path: String, calling function: String) -> HDF5Error {
        let records = H5E.takeStack()
        let kind = classify(records)
        return HDF5Error(kind, operation: operation, path: path,
                         message: plainMessage(kind, records) ?? summarize(records, calling: function),
                         systemError: systemError(in: records))
    }

    /// The operating system's error a file driver reported ("…, errno = 28, error message = …").
    static func systemError(in records: [H5E.Record]) -> SystemError? {
        for record in records.reversed() {
            if let code = number(after: "errno = ", in: record.description), code > 0 {
                return SystemError(code: Int32(clamping: code))
            }
        }
        return nil
    }

    /// The errors with which the operating system refuses to write: no space, over quota,
    /// an I/O error, a file too large, a read-only file system.
    static let writeErrors: Set<Int32> = [ENOSPC, EDQUOT, EIO, EFBIG, EROFS]

    /// A plain statement of a damaged or truncated file's problem, in place of HDF5's
    /// internal wording, when the error stack says which it is.
    static func plainMessage(_ kind: HDF5Error.Kind, _ records: [H5E.Record]) -> String? {
        let descriptions = records.map(\.description)
        switch kind {
        case .truncated:
            // "truncated file: eof = 245927, sblock->base_addr = 0, stored_eof = 276769"
            guard let text = descriptions.first(where: { $0.contains("stored_eof") }),
                  let actual = number(after: "eof = ", in: text), let stored = number(after: "stored_eof = ", in: text)
            else { return nil }
            return "it is \(actual) bytes long, but its superblock says \(stored)"
        case .damaged:
            if descriptions.contains(where: { $0.contains("Fletcher32") }) { return "a data checksum (Fletcher-32) does not match" }
            if descriptions.contains(where: { $0.contains("metadata checksum") }) { return "a metadata checksum does not match" }
            return nil
        case .writeFailed:
            return systemError(in: records)?.description
        case .locked:
            return "another process has it open (HDF5's file lock)"
        default:
            return nil
        }
    }

    /// The decimal number that follows `marker` in `text`.
    private static func number(after marker: String, in text: String) -> Int? {
        guard let range = text.range(of: marker) else { return nil }
        return Int(text[range.upperBound...].prefix { $0.isNumber })
    }

    /// The kind of the innermost record whose error class says something a caller can
    /// act on, as h5py maps HDF5's classes to Python exceptions.
    static func classify(_ records: [H5E.Record]) -> HDF5Error.Kind {
        for record in records.reversed() {
            if let kind = kind(of: record) { return kind }
        }
        return .other
    }

    private static func kind(of record: H5E.Record) -> HDF5Error.Kind? {
        let classes = H5E.Classes.shared
        let description = record.description
        if description.contains("unable to lock file") { return .locked }
        if ["file write failed", "unable to extend file", "unable to truncate", "unable to flush"].contains(where: description.contains),
           let code = number(after: "errno = ", in: description), writeErrors.contains(Int32(clamping: code)) {
            return .writeFailed
        }
        switch record.minor {
        case classes.notHDF5: return .notHDF5
        case classes.truncated: return .truncated
        case classes.notFound: return .notFound
        case classes.fileExists, classes.exists: return .alreadyExists
        case classes.cannotOpenFile:
            // The file drivers report the operating system's errno only in the text.
            if description.contains("already open for write") { return .markedOpenForWriting }
            if description.contains("errno = 2,") { return .notFound }
            if description.contains("errno = 13,") { return .permissionDenied }
            if description.contains("errno = 17,") { return .alreadyExists }
            if let code = number(after: "errno = ", in: description), writeErrors.contains(Int32(clamping: code)) {
                return .writeFailed
            }
            return nil
        case classes.cannotDecode, classes.cannotLoad:
            return .damaged
        case classes.badValue where record.major != classes.arguments:
            // A bad value read from the file, not one passed in.
            return .damaged
        default:
            break
        }
        // A failed checksum (metadata, or a Fletcher-32 chunk in the filter pipeline).
        if record.major == classes.pipeline || description.contains("checksum") { return .damaged }
        return nil
    }
}
