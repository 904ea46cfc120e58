import Glibc
import Synchronization

/// Memory faults (SIGSEGV, SIGBUS) inside a C library call that reads an untrusted file.
///
/// HDF5 1.10, Debian 12's, follows damaged references on some corrupt files instead of
/// refusing them: a variable-length string whose global-heap ID is corrupt makes
/// `H5HG_read` read through a wild pointer (newer HDF5 reports "bad heap index"). While a
/// call is marked with `enter(_:)`, a fault on the thread that marked it writes one line,
/// `prefix` and the call's description, removes every staged file and ends the process
/// with status 1. Any other fault is a bug of ours: it is passed on to the handler that was
/// there before (Swift's backtracer), and stays a crash.
public enum Faults {
    private static let capacity = 4096
    /// The line to write, and its length (0: no marked call).
    nonisolated(unsafe) private static let line = UnsafeMutablePointer<CChar>.allocate(capacity: capacity)
    private static let length = Atomic<Int>(0)
    /// The thread in the marked call.
    private static let owner = Atomic<UInt>(0)
    /// The message's start, written once by `install`.
    private static let prefixLength = Atomic<Int>(0)
    /// The handlers that were there before, for faults outside marked calls.
    nonisolated(unsafe) private static var previous = (segmentation: sigaction(), bus: sigaction())
    private static let installed = Locked(false)

    /// Handles faults from now on; `prefix` starts the line: "lr-import: error: ".
    public static func install(prefix: String) {
        installed.withLock { done in
            guard !done else { return }
            done = true
            let bytes = Array(prefix.utf8.prefix(capacity / 4))
            for (index, byte) in bytes.enumerated() { line[index] = CChar(bitPattern: byte) }
            prefixLength.store(bytes.count, ordering: .releasing)
            var action = sigaction()
            action.__sigaction_handler.sa_sigaction = { number, _, _ in Faults.handle(number) }
            action.sa_flags = SA_SIGINFO
            sigemptyset(&action.sa_mask)
            sigaction(SIGSEGV, &action, &previous.segmentation)
            sigaction(SIGBUS, &action, &previous.bus)
        }
    }

    /// Marks the start of a call, on this thread, that reads an untrusted file;
    /// `description` ends the line a fault would write ("run.h5: HDF5 faulted (read
    /// attribute "format"); the file is damaged"). Marks nest by replacement.
    public static func enter(_ description: String) {
        let start = prefixLength.load(ordering: .acquiring)
        length.store(0, ordering: .releasing)
        owner.store(UInt(pthread_self()), ordering: .releasing)
        let bytes = Array(description.utf8.prefix(capacity - start - 1)) + [UInt8(ascii: "\n")]
        for (index, byte) in bytes.enumerated() { line[start + index] = CChar(bitPattern: byte) }
        length.store(start + bytes.count, ordering: .releasing)
    }

    /// The marked call returned.
    public static func leave() {
        length.store(0, ordering: .releasing)
    }

    /// Async-signal-safe: atomics, write, unlink, sigaction and _exit only.
    private static func handle(_ number: Int32) {
        let count = length.load(ordering: .acquiring)
        guard count > 0, owner.load(ordering: .acquiring) == UInt(pthread_self()) else {
            // Not in a marked call: restore the previous handler; returning re-runs the
            // faulting instruction, which faults again into it.
            if number == SIGSEGV { sigaction(number, &previous.segmentation, nil) } else { sigaction(number, &previous.bus, nil) }
            return
        }
        _ = write(STDERR_FILENO, line, count)
        Interrupts.removeStagedFiles()
        _exit(1)
    }
}
