/// The statuses the tools end with. The README's table of exit codes lists them; a test
/// keeps the two equal.
public enum ExitStatus: Int32, CaseIterable, Sendable {
    /// Done as asked.
    case success = 0
    /// Refused or failed: bad input, a file that cannot be read or written, a request the
    /// run cannot satisfy, runs of a sweep that failed. One line on stderr says what.
    case failure = 1
    /// lr-train: the training loss became NaN or infinite; training stopped, keeping the
    /// checkpoints written so far.
    case trainingStopped = 3
    /// lr-analyze: the report is complete, but some checkpoints have NaN or infinite weights
    /// (reported as non-finite).
    case nonFiniteCheckpoints = 4
    /// A usage error: an option the command does not have, a missing or bad value
    /// (sysexits' EX_USAGE, as swift-argument-parser reports it).
    case usage = 64
    /// lr-analyze stopped by SIGINT, SIGTERM or SIGHUP, keeping every checkpoint it
    /// finished: 128 + SIGINT, as shells report an interrupted command.
    case interrupted = 130
}

/// How a tool reports an error: its one line (after `tool: error: `) and the status it ends with.
public struct ErrorReport: Sendable, Equatable {
    public var message: String
    public var status: ExitStatus

    public init(_ message: String, status: ExitStatus = .failure) {
        self.message = message
        self.status = status
    }
}
