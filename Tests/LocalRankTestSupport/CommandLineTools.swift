import Foundation

/// Runs the package's command-line tools end to end, as a user would.
public enum CommandLineTools {
    /// What a finished command printed and returned.
    public struct Outcome: Sendable {
        public var status: Int32
        public var standardOutput: String
        public var standardError: String
        /// Whether a signal ended the process (a crash, or the timeout's kill).
        public var signaled: Bool = false
        /// Whether the timeout expired and the process was killed.
        public var timedOut: Bool = false
    }

    /// The directory of the built executables: `LOCAL_RANK_BIN` (set by `make test`), or
    /// the debug build folder beside the sources.
    public static var binaryDirectory: URL {
        if let path = ProcessInfo.processInfo.environment["LOCAL_RANK_BIN"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug")
    }

    public static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Starts `tool` with `arguments`, and `environment` added to this process's; the
    /// caller waits or signals it.
    public static func start(_ tool: String, _ arguments: [String], environment: [String: String] = [:]) throws -> (Process, Pipe, Pipe) {
        let executable = binaryDirectory.appendingPathComponent(tool)
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw Python.Failure(description: "\(executable.path) is not built; run `make test`, which builds it first")
        }
        return try launch(executable, arguments, environment: environment)
    }

    /// Starts `executable` with `arguments` (in `directory`, with `environment` added), its
    /// output and errors piped and no input.
    public static func launch(
        _ executable: URL, _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]
    ) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return (process, output, error)
    }

    /// Runs `tool` to completion.
    @discardableResult
    public static func run(_ tool: String, _ arguments: [String]) throws -> Outcome {
        let (process, output, error) = try start(tool, arguments)
        return finish(process, output, error)
    }

    /// Runs `tool`, killing it when it has not finished after `timeout` seconds.
    public static func run(_ tool: String, _ arguments: [String], environment: [String: String] = [:],
                           timeout: Double) throws -> Outcome {
        let (process, output, error) = try start(tool, arguments, environment: environment)
        let finished = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            process.waitUntilExit()
            finished.signal()
        }
        let timedOut = finished.wait(timeout: .now() + timeout) == .timedOut
        if timedOut { kill(process.processIdentifier, SIGKILL) }
        var outcome = finish(process, output, error)
        outcome.timedOut = timedOut
        return outcome
    }

    /// Waits for a started tool, reading both pipes so that neither fills up and blocks it.
    public static func finish(_ process: Process, _ output: Pipe, _ error: Pipe) -> Outcome {
        let errorData = PipeReader(error.fileHandleForReading)
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus,
                       standardOutput: String(decoding: outputData, as: UTF8.self),
                       standardError: String(decoding: errorData.wait(), as: UTF8.self),
                       signaled: process.terminationReason == .uncaughtSignal)
    }
}

