import Foundation

/// Runs Python scripts, for tests that check files against the Python
/// ecosystem (h5py, NumPy) in both directions.
///
/// The interpreter is `python3` from `PATH`, unless the environment variable
/// `LOCAL_RANK_PYTHON` names another one. Tests that need Python packages
/// call `requireModules(_:)` first, so that a missing package fails the test
/// with an instruction instead of being skipped silently.
public enum Python {
    /// A Python script that failed, or a Python that could not be found.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String

        public init(description: String) {
            self.description = description
        }
    }

    /// The interpreter to use.
    public static func interpreter() throws -> URL {
        let environment = ProcessInfo.processInfo.environment
        if let override = environment["LOCAL_RANK_PYTHON"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        let searchPath = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in searchPath.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent("python3")
            if FileManager.default.isExecutableFile(atPath: candidate.path) {
                return candidate
            }
        }
        throw Failure(description: "python3 was not found on PATH (set LOCAL_RANK_PYTHON to choose one)")
    }

    /// Runs `python3 -c script arguments...` and returns its standard
    /// output. Throws, quoting standard error, when it exits unsuccessfully.
    @discardableResult
    public static func run(_ script: String, arguments: [String] = []) throws -> String {
        let outcome = try outcome(script, arguments: arguments)
        guard !outcome.signaled, outcome.status == 0 else {
            throw Failure(description: """
                python3 failed (status \(outcome.status)):
                \(outcome.standardError.isEmpty ? outcome.standardOutput : outcome.standardError)
                """)
        }
        return outcome.standardOutput
    }

    /// Runs `python3 -c script arguments...` with `environment` added, whatever it returns.
    public static func outcome(_ script: String, arguments: [String] = [], environment: [String: String] = [:]) throws
        -> CommandLineTools.Outcome {
        let (process, output, errors) = try CommandLineTools.launch(try interpreter(), ["-c", script] + arguments,
                                                                    environment: environment)
        return CommandLineTools.finish(process, output, errors)
    }

    /// Throws a clear failure naming the first of `modules` that cannot be
    /// imported, such as "h5py is not installed; run `make test`, which
    /// installs it".
    public static func requireModules(_ modules: [String]) throws {
        let script = """
            import importlib, sys
            for name in sys.argv[1:]:
                try:
                    importlib.import_module(name)
                except ImportError:
                    print(name)
                    break
            """
        let missing = try run(script, arguments: modules).trimmingCharacters(in: .whitespacesAndNewlines)
        if !missing.isEmpty {
            throw Failure(description: "\(missing) is not installed; run `make test`, which installs it")
        }
    }
}

/// Reads a file handle to its end on a background thread.
final class PipeReader: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    init(_ handle: FileHandle) {
        DispatchQueue.global().async {
            self.data = handle.readDataToEndOfFile()
            self.done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}
