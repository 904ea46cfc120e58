import Foundation
import Platform

/// A disk that fills up (or fails) under one directory after a number of bytes, for the
/// commands a test runs: `Tests/faults/failwrites.c`, loaded with `LD_PRELOAD`, which the
/// tests build with the C compiler. It works wherever the tests run, root or not, in any
/// container; `SmallFileSystem` is the real thing where mounting is allowed.
public struct WriteFault: Sendable, CustomStringConvertible {
    /// What the disk answers once the budget is spent.
    public enum Failure: String, Sendable, CaseIterable {
        /// ENOSPC: a full disk, which still takes overwrites of bytes a file holds.
        case noSpace = "ENOSPC"
        /// EDQUOT: a quota, likewise.
        case quota = "EDQUOT"
        /// EIO: a failing disk, which takes no write at all.
        case inputOutput = "EIO"

        var code: Int32 {
            switch self {
            case .noSpace: ENOSPC
            case .quota: EDQUOT
            case .inputOutput: EIO
            }
        }

        /// How a tool words it ("no space left on device").
        public var message: String { SystemError(code: code).description }
    }

    public let directory: String
    public let bytes: Int
    public let failure: Failure

    public init(directory: String, bytes: Int, failure: Failure = .noSpace) {
        self.directory = directory
        self.bytes = bytes
        self.failure = failure
    }

    public var description: String { "\(failure.rawValue) after \(bytes) bytes" }

    /// The environment that gives a command this disk.
    public func environment() throws -> [String: String] {
        ["LD_PRELOAD": try Self.library(), "LOCAL_RANK_FAULT_DIRECTORY": directory,
         "LOCAL_RANK_FAULT_BYTES": String(bytes), "LOCAL_RANK_FAULT_ERRNO": String(failure.code)]
    }

    /// `count` budgets from 0 to `size` bytes, evenly spread; `LOCAL_RANK_FAULT_BUDGETS`
    /// (what `make fuzz` sets) asks for more.
    public static func budgets(upTo size: Int, count: Int) -> [Int] {
        let wanted = Int(ProcessInfo.processInfo.environment["LOCAL_RANK_FAULT_BUDGETS"] ?? "") ?? count
        let steps = max(wanted, 2)
        return (0..<steps).map { size * $0 / (steps - 1) }
    }

    /// The shim, built once per test process.
    public static func library() throws -> String {
        try built.withLock { built in
            if let built { return built }
            let source = CommandLineTools.repositoryRoot.appendingPathComponent("Tests/faults/failwrites.c").path
            let output = FileManager.default.temporaryDirectory
                .appendingPathComponent("local-rank-failwrites-\(ProcessInfo.processInfo.processIdentifier).so").path
            let compiler = try Self.compiler()
            let (process, stdout, stderr) = try CommandLineTools.launch(
                compiler, ["-shared", "-fPIC", "-O2", "-o", output, source, "-ldl"])
            let outcome = CommandLineTools.finish(process, stdout, stderr)
            guard outcome.status == 0 else {
                throw Python.Failure(description: "\(compiler.path) could not build \(source): \(outcome.standardError)")
            }
            built = output
            return output
        }
    }

    private static let built = Locked<String?>(nil)

    /// `$CC`, or the first of cc, gcc and clang on `PATH`.
    private static func compiler() throws -> URL {
        let environment = ProcessInfo.processInfo.environment
        if let chosen = environment["CC"], !chosen.isEmpty, chosen.hasPrefix("/") { return URL(fileURLWithPath: chosen) }
        for name in ["cc", "gcc", "clang"] {
            for directory in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
                let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            }
        }
        throw Python.Failure(description: "no C compiler (cc, gcc or clang) on PATH to build the write-fault shim; install gcc (`make test` does)")
    }
}

/// A real file system of a few pages (tmpfs), where this process may mount one (as root,
/// outside a container that forbids it); nil elsewhere. Unmounted when released.
public final class SmallFileSystem: Sendable {
    public let directory: TemporaryDirectory

    public init?(bytes: Int) throws {
        directory = try TemporaryDirectory(prefix: "tmpfs")
        guard getuid() == 0 else { return nil }
        let (process, output, error) = try CommandLineTools.launch(
            URL(fileURLWithPath: "/bin/mount"), ["-t", "tmpfs", "-o", "size=\(bytes)", "tmpfs", directory.url.path])
        guard CommandLineTools.finish(process, output, error).status == 0 else { return nil }
    }

    deinit {
        if let (process, output, error) = try? CommandLineTools.launch(URL(fileURLWithPath: "/bin/umount"), ["-l", directory.url.path]) {
            _ = CommandLineTools.finish(process, output, error)
        }
    }

    public func path(_ name: String) -> String { directory.path(name) }
}
