import Foundation
import Platform

/// Runs a tool on damaged copies of a file and tallies what happened: a result, a short
/// error, a crash or a hang. Shared by the fuzz tests of lr-analyze, lr-train and lr-import.
public struct CorruptionFuzzer: Sendable {
    /// Random mutations per file: `LOCAL_RANK_FUZZ_MUTATIONS` (`make fuzz` runs 500).
    public static let randomMutations = count(from: "LOCAL_RANK_FUZZ_MUTATIONS") ?? 20
    /// Truncations at structure boundaries per file, spread evenly over the file's boundaries:
    /// `LOCAL_RANK_FUZZ_BOUNDARIES` (`make fuzz` sets `all`, every boundary).
    public static let boundaryTruncations = count(from: "LOCAL_RANK_FUZZ_BOUNDARIES") ?? 20

    /// A count from the environment: a whole number, or `all`.
    static func count(from variable: String) -> Int? {
        let value = ProcessInfo.processInfo.environment[variable]
        return value == "all" ? Int.max : value.flatMap { Int($0) }
    }
    /// A hang, for the small files the tests use.
    public static let timeLimit = 10.0
    /// Longer than this, an error message is not "one clear line".
    public static let maximumErrorLines = 3

    /// The outcomes of one fuzzed command over every mutation.
    public struct Tally: Sendable, CustomStringConvertible {
        public var tried = 0, results = 0, errors = 0, crashes = 0, hangs = 0
        /// Errors reported after HDF5 faulted on the damaged file (`Faults`): no crash, but
        /// counted apart, as the library's own defect.
        public var faults = 0
        /// Every outcome that breaks a rule, with its mutation.
        public var failures = [String]()

        public var description: String {
            "\(tried) mutations: \(results) results, \(errors) short errors (\(faults) after an HDF5 fault), \(crashes) crashes, \(hangs) hangs"
        }
    }

    public var tool: String
    /// Whether the command must leave the mutated file as it was (a reader's input).
    public var checksInput: Bool

    public init(tool: String, checksInput: Bool) {
        self.tool = tool
        self.checksInput = checksInput
    }

    /// Runs the tool with `arguments(directory, mutated)` on a copy of `original` per
    /// mutation, two at a time (one per core), each in its own directory.
    public func fuzz(_ original: String, plan: [Mutation],
                     arguments: @escaping @Sendable (_ directory: String, _ mutated: String) -> [String]) throws -> Tally {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: original)))
        let tally = Locked(Tally())
        let workspace = try TemporaryDirectory(prefix: "fuzz-\(tool)")
        let name = URL(fileURLWithPath: original).lastPathComponent
        DispatchQueue.concurrentPerform(iterations: plan.count) { index in
            let mutation = plan[index]
            let directory = workspace.path("\(index)")
            let mutated = directory + "/" + name
            let damaged = Data(mutation.apply(to: bytes))
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                try damaged.write(to: URL(fileURLWithPath: mutated))
                let outcome = try CommandLineTools.run(tool, arguments(directory, mutated), timeout: Self.timeLimit)
                let unchanged = try !checksInput || Data(contentsOf: URL(fileURLWithPath: mutated)) == damaged
                let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.contains(".tmp") }
                let kept = outcome.signaled || outcome.timedOut ? Self.keep(damaged, name: "\(tool)-\(index)-\(name)") : nil
                tally.withLock { $0.record(outcome, mutation, unchanged: unchanged, leftovers: leftovers, kept: kept) }
                try? FileManager.default.removeItem(atPath: directory)
            } catch {
                tally.withLock { $0.failures.append("\(mutation): \(error)") }
            }
        }
        let result = tally.withLock { $0 }
        print("corruption fuzz, \(tool) on \(name): \(result)")
        return result
    }

    /// Where the damaged copies that crashed or hung the tool are kept, to reproduce them.
    public static let keptDirectory = NSTemporaryDirectory() + "local-rank-fuzz-failures"

    /// Saves a damaged copy in `keptDirectory`; returns its path.
    static func keep(_ damaged: Data, name: String) -> String? {
        try? FileManager.default.createDirectory(atPath: keptDirectory, withIntermediateDirectories: true)
        let path = keptDirectory + "/" + name
        return (try? damaged.write(to: URL(fileURLWithPath: path))) == nil ? nil : path
    }

    /// The offsets where HDF5 structures begin or end in `path`: object headers, chunks,
    /// and the end of the file (found with h5py).
    public static func hdf5Boundaries(of path: String) throws -> [Int] {
        let script = """
            import os, sys, h5py
            f = h5py.File(sys.argv[1], "r", swmr=True)
            offsets = {os.path.getsize(sys.argv[1]), 0, h5py.h5o.get_info(f.id).addr}
            def visit(name, obj):
                offsets.add(h5py.h5o.get_info(obj.id).addr)
                if isinstance(obj, h5py.Dataset) and obj.chunks:
                    for i in range(obj.id.get_num_chunks()):
                        chunk = obj.id.get_chunk_info(i)
                        offsets.update([chunk.byte_offset, chunk.byte_offset + chunk.size])
            f.visititems(visit)
            print(" ".join(str(o) for o in sorted(offsets)))
            """
        return try Python.run(script, arguments: [path]).split(separator: " ")
            .compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }
}

extension CorruptionFuzzer.Tally {
    mutating func record(_ outcome: CommandLineTools.Outcome, _ mutation: Mutation, unchanged: Bool, leftovers: [String],
                         kept: String?) {
        let copy = kept.map { " (kept: \($0))" } ?? ""
        tried += 1
        let lines = outcome.standardError.split(separator: "\n", omittingEmptySubsequences: true)
        if outcome.timedOut {
            hangs += 1
            failures.append("\(mutation): still running after \(CorruptionFuzzer.timeLimit) s\(copy)")
        } else if outcome.signaled {
            crashes += 1
            failures.append("\(mutation): crashed (signal \(outcome.status))\(copy): \(outcome.standardError.prefix(1500))")
        } else if outcome.status == 0 {
            results += 1
        } else {
            errors += 1
            if outcome.standardError.contains("HDF5 faulted") { faults += 1 }
            if lines.isEmpty || lines.count > CorruptionFuzzer.maximumErrorLines {
                failures.append("\(mutation): exit \(outcome.status) with \(lines.count) lines on stderr: \(outcome.standardError.prefix(400))")
            }
        }
        if !unchanged { failures.append("\(mutation): the input file was modified") }
        if !leftovers.isEmpty { failures.append("\(mutation): left \(leftovers) behind") }
    }
}
