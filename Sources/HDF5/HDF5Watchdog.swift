import Foundation
import Platform

/// One call into HDF5 that ran far longer than it should.
public struct HDF5Stall: Sendable {
    /// The file the call was working on, as far as this module knows.
    public var file: String
    /// What was being attempted: `"read attribute \"layer_names\""`.
    public var operation: String
    /// How long the call has run.
    public var seconds: Double
}

/// A guard against calls into the HDF5 C library that never return.
///
/// On some damaged files, chiefly files without metadata checksums (HDF5's older format,
/// which h5py writes by default), HDF5 1.10 can loop for ever inside one call, for example
/// while decoding a corrupt global heap. No error is ever raised, so a tool would hang.
/// Once started, the watchdog notices a call that has run past its budget and hands the
/// stall to the application, which reports it and ends the process: the stuck thread
/// cannot be stopped, and the library's lock stays held by it.
///
/// Metadata calls get `metadataSeconds`; reading or writing data adds time in proportion
/// to the bytes moved, so large datasets are never cut short.
public enum HDF5Watchdog {
    /// The budget of a call that moves no bulk data.
    public static let metadataSeconds = 5.0
    /// Bulk data budget: one more second per this many bytes read or written.
    public static let bytesPerSecond = 16 << 20

    /// Starts watching calls into HDF5. `handler` runs on the watchdog's own thread and
    /// must end the process (with `_exit`, since HDF5's lock is held by the stuck thread).
    /// Starting again replaces the handler.
    public static func start(handler: @escaping @Sendable (HDF5Stall) -> Never) {
        let first = watch.withLock { state in
            defer { state.handler = handler }
            return state.handler == nil
        }
        if first { Thread.detachNewThread { run() } }
    }

    private static func run() {
        while true {
            Thread.sleep(forTimeInterval: 0.25)
            let stall = watch.withLock { state -> (HDF5Stall, @Sendable (HDF5Stall) -> Never)? in
                guard let call = state.call, let handler = state.handler else { return nil }
                let seconds = monotonicNow() - call.start
                guard seconds > call.budget else { return nil }
                return (HDF5Stall(file: call.file, operation: call.operation, seconds: seconds), handler)
            }
            if let (stall, handler) = stall { handler(stall) }
        }
    }

    // MARK: What the library reports (with its lock held)

    /// The outermost `withLock` began a call.
    static func callStarted() {
        watch.withLock { $0.call = Call(start: monotonicNow(), budget: metadataSeconds, file: "", operation: "") }
        Faults.enter("HDF5 faulted; an HDF5 file is damaged")
    }

    static func callEnded() {
        watch.withLock { $0.call = nil }
        Faults.leave()
    }

    /// The current call works on `location` (the file named in a stall or fault report).
    static func working(on operation: String, _ location: HDF5Location) {
        watch.withLock { state in
            state.call?.file = location.filePath
            state.call?.operation = operation
        }
        Faults.enter("\(location.filePath): HDF5 faulted (\(operation)); the file is damaged")
    }

    /// The current call moves `bytes` of data: more time.
    static func moving(bytes: Int) {
        watch.withLock { $0.call?.budget += Double(bytes) / Double(bytesPerSecond) }
    }

    private struct Call {
        var start: Double
        var budget: Double
        var file: String
        var operation: String
    }

    private struct State {
        var call: Call?
        var handler: (@Sendable (HDF5Stall) -> Never)?
    }

    private static let watch = Locked(State())

    private static func monotonicNow() -> Double {
        ProcessInfo.processInfo.systemUptime
    }
}
