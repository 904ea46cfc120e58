import Glibc
import Synchronization

/// SIGINT, SIGTERM and SIGHUP. By default they end the process as usual, after removing
/// every `StagedFile` not yet committed. A tool that can stop cleanly calls
/// `stopGracefully()`: then the first signal only sets `requested`, which its work loop
/// checks to finish or abandon what is in flight and keep what is complete, and a second
/// signal ends the process at once.
public enum Interrupts {
    /// The signal received, or 0.
    private static let received = Atomic<Int32>(0)
    private static let graceful = Atomic<Bool>(false)
    /// The staged files' paths as C strings, for the handler (which may not allocate).
    private static let slotCount = 64
    nonisolated(unsafe) private static let slots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let slots = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: slotCount)
        slots.initialize(repeating: nil, count: slotCount)
        return slots
    }()
    private static let installed = Locked(false)

    /// Whether a signal asked the process to stop.
    public static var requested: Bool { received.load(ordering: .relaxed) != 0 }

    /// The signal's name, for the message that reports the stop: "interrupt", "terminate".
    public static var requestName: String {
        switch received.load(ordering: .relaxed) {
        case SIGTERM: "terminate"
        case SIGHUP: "hang-up"
        default: "interrupt"
        }
    }

    /// Makes the first signal set `requested` instead of ending the process.
    public static func stopGracefully() {
        install()
        graceful.store(true, ordering: .relaxed)
    }

    /// Removes `path` if a signal ends the process before `forget(path)`.
    static func removeOnSignal(_ path: String) {
        install()
        installed.withLock { _ in
            guard let slot = (0..<slotCount).first(where: { slots[$0] == nil }) else { return }
            slots[slot] = strdup(path)
        }
    }

    static func forget(_ path: String) {
        installed.withLock { _ in
            for slot in 0..<slotCount where slots[slot].map({ String(cString: $0) == path }) == true {
                let stored = slots[slot]
                slots[slot] = nil
                free(stored)
            }
        }
    }

    private static func install() {
        installed.withLock { done in
            guard !done else { return }
            done = true
            _ = received.load(ordering: .relaxed)
            _ = graceful.load(ordering: .relaxed)
            _ = slots
            var unblocked = sigset_t()
            sigemptyset(&unblocked)
            for number in [SIGINT, SIGTERM, SIGHUP] {
                _ = signal(number) { number in Interrupts.handle(number) }
                sigaddset(&unblocked, number)
            }
            // A parent may have started us with them blocked (some process launchers do).
            pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
        }
    }

    /// Removes every staged file not yet committed, for a process about to end at once.
    public static func removeStagedFiles() {
        for slot in 0..<slotCount { if let path = slots[slot] { unlink(path) } }
    }

    /// Async-signal-safe: atomics, unlink, signal and raise only.
    private static func handle(_ number: Int32) {
        let first = received.compareExchange(expected: 0, desired: number, ordering: .relaxed).exchanged
        if first && graceful.load(ordering: .relaxed) { return }
        removeStagedFiles()
        signal(number, SIG_DFL)
        raise(number)
    }
}
