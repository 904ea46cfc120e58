import HDF5
import Platform

/// What lr-train, lr-analyze, lr-import and lr-mpi share on the command line: their
/// version, one line per error, named after the tool, with the exit status the error's
/// kind calls for, and the report of an HDF5 call that never returned.
public struct CommandLineTool: Sendable {
    /// The version of every tool, written into the files they make (`producer`).
    public static let version = "0.1.0"

    /// A tool's wording of the errors it knows (with the flag that gets past one, where
    /// there is one) and the status each ends with; nil for an error it has no words for.
    public typealias ErrorReporter = @Sendable (any Error) -> ErrorReport?

    /// `lr-train`, `lr-analyze`, `lr-import` or `lr-mpi`.
    public let name: String
    /// Who in the tool speaks, put before every error's message: lr-mpi's `rank 3`.
    public let context: String?
    /// Asked in turn; an error none of them knows is reported by its description, status 1.
    let reporters: [ErrorReporter]

    public init(name: String, context: String? = nil, reporters: [ErrorReporter] = []) {
        self.name = name
        self.context = context
        self.reporters = reporters
    }

    /// The same tool, speaking as `context`.
    public func speaking(as context: String) -> CommandLineTool {
        CommandLineTool(name: name, context: context, reporters: reporters)
    }

    /// `lr-train 0.1.0`: what wrote a file, as run files and caches record it.
    public var producer: String { "\(name) \(Self.version)" }

    /// The line and status for `error`.
    public func report(for error: any Error) -> ErrorReport {
        for reporter in reporters {
            if let report = reporter(error) { return report }
        }
        return ErrorReport("\(error)")
    }

    /// The line for `error`, after `name: error: `.
    public func message(for error: any Error) -> String { report(for: error).message }

    /// `name: error: message` (`name: error: context: message`) on standard error.
    public func reportError(_ message: String) {
        StandardStreams.writeError(errorLine(message))
    }

    /// The line `reportError` writes, newline included.
    public func errorLine(_ message: String) -> String {
        let line = message.replacingOccurrences(of: "\n", with: " ")
        return "\(name): error: \(context.map { "\($0): " } ?? "")\(line)\n"
    }

    /// `name: note: message` on standard error.
    public func note(_ message: String) {
        StandardStreams.writeError("\(name): note: \(message)\n")
    }

    /// Ends the process with one line when a call into HDF5 has not returned in time
    /// (`HDF5Watchdog`): on some damaged files the library loops for ever. Staged output
    /// is removed first; then `end` ends the process (lr-mpi: the whole job) with status 1.
    /// A memory fault inside an HDF5 call (HDF5 1.10 has some on damaged files) also ends
    /// the process with one line naming the file (`Faults`), with status 1.
    public func watchHDF5(end: @escaping @Sendable (Int32) -> Never = CurrentProcess.exitImmediately) {
        let tool = self
        Faults.install(prefix: errorLine("").dropLast().description)
        HDF5Watchdog.start { stall in
            let seconds = Int(stall.seconds.rounded())
            StandardStreams.writeError(tool.errorLine("\(stall.file): HDF5 did not finish (\(stall.operation)) within \(seconds) s; the file is most likely damaged"))
            Interrupts.removeStagedFiles()
            end(ExitStatus.failure.rawValue)
        }
    }
}
