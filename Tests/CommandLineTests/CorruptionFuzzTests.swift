import Foundation
import LocalRankTestSupport
import Synchronization
import Testing

/// Damaged files never crash or hang the tools: every mutated copy of a small run (and of
/// its analysis cache) ends within the limit with a result or a short error, and the input
/// is left as it was. `LOCAL_RANK_FUZZ_MUTATIONS` sets the number of random mutations per
/// file (`make fuzz` runs thousands); every structure boundary is a truncation besides.
@Suite(.serialized) struct CorruptionFuzzTests {
    static let randomMutations = Int(ProcessInfo.processInfo.environment["LOCAL_RANK_FUZZ_MUTATIONS"] ?? "") ?? 60
    /// A hang, for files this small.
    static let timeLimit = 10.0
    /// Longer than this, an error message is not "one clear line".
    static let maximumErrorLines = 3

    /// The outcomes of one fuzzed command over every mutation.
    struct Tally: CustomStringConvertible {
        var tried = 0, results = 0, errors = 0, crashes = 0, hangs = 0
        var failures = [String]()

        var description: String {
            "\(tried) mutations: \(results) results, \(errors) one-line errors, \(crashes) crashes, \(hangs) hangs"
        }
    }

    /// A small trained run, the same run marked as open by a (killed) SWMR writer, and a cache.
    struct Fixture {
        let directory: TemporaryDirectory
        let run: String, markedRun: String, cache: String

        init() throws {
            try Python.requireModules(["h5py", "numpy"])
            directory = try TemporaryDirectory(prefix: "fuzz")
            run = directory.path("run.h5")
            markedRun = directory.path("marked.h5")
            cache = directory.path("run.lr.h5")
            let trained = try CommandLineTools.run("lr-train", [
                "--data", "gaussian:8x8", "--layers", "8,32,32,8", "--steps", "200", "--checkpoints", "log:8",
                "--probe", "48", "--out", run, "--quiet"])
            #expect(trained.status == 0, "\(trained.standardError)")
            let analyzed = try CommandLineTools.run("lr-analyze", [run, "--cache", cache, "--quiet", "--format", "json"])
            #expect(analyzed.status == 0, "\(analyzed.standardError)")
            try FileManager.default.copyItem(atPath: run, toPath: markedRun)
            try Python.run(Self.markOpenForWriting, arguments: [markedRun])
        }

        /// Reopens the file as a SWMR writer and exits without closing: the superblock
        /// keeps saying a writer has it open, as after a killed lr-train.
        static let markOpenForWriting = """
            import os, sys, h5py
            f = h5py.File(sys.argv[1], "r+", libver=("v110", "v110"))
            f.swmr_mode = True
            f.flush()
            os._exit(0)
            """
    }

    /// The offsets where HDF5 structures begin or end: object headers, chunks, and the end.
    static func boundaries(of path: String) throws -> [Int] {
        let script = """
            import os, sys, h5py
            f = h5py.File(sys.argv[1], "r", swmr=True)
            offsets = {os.path.getsize(sys.argv[1]), 0}
            def visit(name, obj):
                offsets.add(h5py.h5o.get_info(obj.id).addr)
                if isinstance(obj, h5py.Dataset) and obj.chunks:
                    for i in range(obj.id.get_num_chunks()):
                        chunk = obj.id.get_chunk_info(i)
                        offsets.update([chunk.byte_offset, chunk.byte_offset + chunk.size])
            offsets.add(h5py.h5o.get_info(f.id).addr)
            f.visititems(visit)
            print(" ".join(str(o) for o in sorted(offsets)))
            """
        return try Python.run(script, arguments: [path]).split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// Runs `command` on a mutated copy of `original` for every mutation, two at a time, and
    /// tallies what happened. `command` gets the directory and the mutated file's path.
    func fuzz(_ original: String, seed: UInt64, atBoundaries: Bool, tool: String, checksInput: Bool,
              _ command: @escaping @Sendable (_ directory: String, _ mutated: String) -> [String]) throws -> Tally {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: original)))
        let plan = Mutation.plan(size: bytes.count, boundaries: atBoundaries ? try Self.boundaries(of: original) : [],
                                 randomCount: Self.randomMutations, seed: seed)
        let tally = Mutex(Tally())
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
                let outcome = try CommandLineTools.run(tool, command(directory, mutated), timeout: Self.timeLimit)
                let unchanged = try !checksInput || Data(contentsOf: URL(fileURLWithPath: mutated)) == damaged
                let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.contains(".tmp") }
                tally.withLock { $0.record(outcome, mutation, unchanged: unchanged, leftovers: leftovers) }
                try? FileManager.default.removeItem(atPath: directory)
            } catch {
                tally.withLock { $0.failures.append("\(mutation): \(error)") }
            }
        }
        let result = tally.withLock { $0 }
        print("corruption fuzz, \(tool) on \(name): \(result)")
        return result
    }

    @Test("every mutated run is analyzed or refused with a short error, quickly, and left unchanged")
    func mutatedRunsAreAnalyzedOrRefused() throws {
        let fixture = try Fixture()
        // Truncations behave alike on both; the marked run takes the SWMR reader's path.
        for (seed, run, atBoundaries) in [(UInt64(1), fixture.run, true), (2, fixture.markedRun, false)] {
            let tally = try fuzz(run, seed: seed, atBoundaries: atBoundaries, tool: "lr-analyze", checksInput: true) { directory, mutated in
                [mutated, "--cache", directory + "/cache.lr.h5", "--quiet", "--format", "json", "--threads", "1"]
            }
            #expect(tally.failures.isEmpty, "\(tally.failures.prefix(10).joined(separator: "\n"))")
            #expect(tally.crashes == 0 && tally.hangs == 0, "\(tally)")
        }
    }

    @Test("every mutated cache is used, recomputed or refused with a short error, quickly")
    func mutatedCachesAreHandled() throws {
        let fixture = try Fixture()
        let run = fixture.run
        let tally = try fuzz(fixture.cache, seed: 3, atBoundaries: true, tool: "lr-analyze", checksInput: true) { _, mutated in
            [run, "--cache", mutated, "--quiet", "--format", "json", "--threads", "1"]
        }
        #expect(tally.failures.isEmpty, "\(tally.failures.prefix(10).joined(separator: "\n"))")
        #expect(tally.crashes == 0 && tally.hangs == 0, "\(tally)")
    }

    @Test("lr-train --resume on a mutated run finishes it or refuses with a short error, quickly")
    func resumeOfMutatedRuns() throws {
        let fixture = try Fixture()
        let tally = try fuzz(fixture.markedRun, seed: 4, atBoundaries: false, tool: "lr-train", checksInput: false) { _, mutated in
            ["--resume", "--out", mutated, "--steps", "210", "--quiet"]
        }
        #expect(tally.failures.isEmpty, "\(tally.failures.prefix(10).joined(separator: "\n"))")
        #expect(tally.crashes == 0 && tally.hangs == 0, "\(tally)")
    }
}

extension CorruptionFuzzTests.Tally {
    mutating func record(_ outcome: CommandLineTools.Outcome, _ mutation: Mutation, unchanged: Bool, leftovers: [String]) {
        tried += 1
        let lines = outcome.standardError.split(separator: "\n", omittingEmptySubsequences: true)
        if outcome.timedOut {
            hangs += 1
            failures.append("\(mutation): still running after \(CorruptionFuzzTests.timeLimit) s")
        } else if outcome.signaled {
            crashes += 1
            failures.append("\(mutation): crashed (signal \(outcome.status)): \(outcome.standardError.suffix(300))")
        } else if outcome.status == 0 {
            results += 1
        } else {
            errors += 1
            if lines.isEmpty || lines.count > CorruptionFuzzTests.maximumErrorLines {
                failures.append("\(mutation): exit \(outcome.status) with \(lines.count) lines on stderr: \(outcome.standardError.prefix(400))")
            }
        }
        if !unchanged { failures.append("\(mutation): the input file was modified") }
        if !leftovers.isEmpty { failures.append("\(mutation): left \(leftovers) behind") }
    }
}
