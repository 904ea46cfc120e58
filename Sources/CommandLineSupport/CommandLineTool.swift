import HDF5
import Platform
import RunFormat

/// What lr-train, lr-analyze, lr-import and lr-mpi share on the command line: one line per
/// error, named after the tool, and the report of an HDF5 call that never returned.
public struct CommandLineTool: Sendable {
    /// `lr-train`, `lr-analyze`, `lr-import` or `lr-mpi`.
    public let name: String
    /// Who in the tool speaks, put before every error's message: lr-mpi's `rank 3`.
    public let context: String?

    public init(name: String, context: String? = nil) {
        self.name = name
        self.context = context
    }

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
            end(1)
        }
    }
}

/// An output file (a chart, a table) that could not be written.
public struct OutputFileError: Error, CustomStringConvertible {
    public var path: String
    public var reason: SystemError

    public var description: String { "\(path): cannot write it (\(reason))" }

    public init(path: String, reason: SystemError) {
        self.path = path
        self.reason = reason
    }
}

/// Writes `text` to `path` through a staged file: a reader never sees half of it. Missing
/// directories above it are created.
public func writeOutputFile(_ text: String, to path: String) throws {
    try createParentDirectories(of: path)
    do {
        try StagedFile.write(text, to: path)
    } catch {
        throw OutputFileError(path: path, reason: error)
    }
}

/// Creates the missing directories above an output file, as `mkdir -p` would: every tool
/// does this for every path it writes (`--out runs/gauss.h5` in a fresh clone).
public func createParentDirectories(of path: String) throws(DirectoryError) {
    let directory = FileSystem.split(path).directory
    guard !directory.isEmpty, directory != "/" else { return }
    try FileSystem.createDirectories(String(directory.dropLast()))
}
