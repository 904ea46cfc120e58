import Foundation
import HDF5
import LocalRankTestSupport
import Testing

/// `lr-analyze information` keeps its estimates in the analysis cache (`/information`, in
/// schemas/analysis-cache-v2.md) by estimator and parameters: a rerun computes nothing, a
/// killed run keeps what it committed and the rerun ends with the uninterrupted run's bytes,
/// and a damaged or foreign entry gets one line or is estimated again, never served.
@Suite(.serialized) struct InformationCacheTests {
    func train(_ arguments: [String], in directory: TemporaryDirectory, name: String = "ib.h5") throws -> String {
        let run = directory.path(name)
        let trained = try CommandLineTools.run("lr-train", arguments + ["--out", run, "--quiet"])
        #expect(trained.status == 0, "\(trained.standardError)")
        return run
    }

    func information(_ run: String, cache: String, _ arguments: [String] = [], quiet: Bool = true) throws -> CommandLineTools.Outcome {
        try CommandLineTools.run("lr-analyze", ["information", run, "--cache", cache, "--format", "json"]
                                 + (quiet ? ["--quiet"] : []) + arguments)
    }

    /// Committed rows of a cache's information table (the index entries before the first
    /// −1), read as a SWMR reader while it may grow.
    func committedRows(_ cache: String) -> Int {
        guard let file = try? HDF5File.openForReading(cache) else { return 0 }
        defer { try? file.close() }
        guard let index: [Int64] = try? file.root.openDataset("/information/index").read() else { return 0 }
        return index.firstIndex(of: -1) ?? index.count
    }

    /// Estimator settings that must not share cache rows.
    static let variants: [[String]] = [
        [], ["--bins", "7"], ["--bin-range", "-1:1"], ["--probe", "1000"],
        ["--estimator", "kde", "--probe", "500"], ["--estimator", "kde", "--probe", "500", "--noise-variance", "0.02"],
    ]

    @Test("a rerun computes nothing, and different estimators and parameters do not share rows")
    func rerunsComputeNothingAndKeysDoNotCollide() throws {
        let directory = try TemporaryDirectory(prefix: "information-cache")
        let run = try train(["--preset", "ib-12bit", "--steps", "300", "--checkpoints", "every:100"], in: directory)
        let shared = directory.path("shared.lr.h5")
        var firsts = [String]()
        for (number, arguments) in Self.variants.enumerated() {
            let fresh = try information(run, cache: directory.path("fresh-\(number).lr.h5"), arguments)
            let first = try information(run, cache: shared, arguments, quiet: false)
            #expect(first.status == 0 && fresh.status == 0, "\(arguments): \(first.standardError)")
            // Each setting's estimates are its own, whatever the shared cache held before.
            #expect(first.standardOutput == fresh.standardOutput, "\(arguments)")
            #expect(first.standardError.contains("4/4 checkpoints"), "\(arguments): \(first.standardError)")
            #expect(committedRows(shared) == 4 * (number + 1))
            firsts.append(first.standardOutput)
        }
        for (arguments, first) in zip(Self.variants, firsts) {
            let again = try information(run, cache: shared, arguments, quiet: false)
            #expect(again.status == 0)
            #expect(again.standardOutput == first, "\(arguments)")
            // No progress: nothing was estimated; and no row was added.
            #expect(again.standardError.isEmpty, "\(arguments): \(again.standardError)")
        }
        #expect(committedRows(shared) == 4 * Self.variants.count)
        // A rank analysis shares the file and reads the same numbers as from a cache of its own.
        let rank = try CommandLineTools.run("lr-analyze", [run, "--cache", shared, "--format", "json", "--quiet"])
        let ownRank = try CommandLineTools.run("lr-analyze", [run, "--cache", directory.path("rank.lr.h5"), "--format", "json", "--quiet"])
        #expect(rank.status == 0 && rank.standardOutput == ownRank.standardOutput)
    }

    @Test("the rerun reads the stored values: one changed in the cache shows in the output")
    func rerunsReadTheCache() throws {
        try Python.requireModules(["h5py", "numpy"])
        let directory = try TemporaryDirectory(prefix: "information-cache-read")
        let run = try train(["--preset", "ib-12bit", "--steps", "200", "--checkpoints", "every:100"], in: directory)
        let cache = directory.path("run.lr.h5")
        #expect(try information(run, cache: cache, ["--checkpoints", "last", "--layers", "5"]).status == 0)
        try Python.run("""
            import sys, h5py
            with h5py.File(sys.argv[1], "r+") as f:
                f["information/values"][0, 5, 0] = 0.125
            """, arguments: [cache])
        let again = try information(run, cache: cache, ["--checkpoints", "last", "--layers", "5"])
        #expect(again.status == 0)
        let read = try Python.run("import json, sys\nprint(json.loads(sys.argv[1])['checkpoints'][0]['i_xt'])",
                                  arguments: [again.standardOutput])
        #expect(read == "[0.125]\n", "\(again.standardOutput)")
    }

    @Test("a run killed with SIGKILL keeps its committed estimates; the rerun computes the rest and prints the same bytes")
    func killedRunResumes() throws {
        let directory = try TemporaryDirectory(prefix: "information-cache-kill")
        let run = try train(["--preset", "ib-12bit", "--steps", "2000", "--checkpoints", "every:100"], in: directory)
        let arguments = ["--estimator", "kde", "--probe", "2048", "--threads", "1"]
        let whole = try information(run, cache: directory.path("whole.lr.h5"), arguments)
        #expect(whole.status == 0, "\(whole.standardError)")

        let killed = directory.path("killed.lr.h5")
        let (process, output, error) = try CommandLineTools.start(
            "lr-analyze", ["information", run, "--cache", killed, "--format", "json", "--quiet"] + arguments)
        let deadline = Date().addingTimeInterval(120)
        while committedRows(killed) < 1 && process.isRunning && Date() < deadline { usleep(20_000) }
        kill(process.processIdentifier, SIGKILL)
        _ = CommandLineTools.finish(process, output, error)
        let kept = committedRows(killed)
        #expect(kept >= 1 && kept < 21, "\(kept) checkpoints committed before the kill")

        let rerun = try information(run, cache: killed, arguments, quiet: false)
        #expect(rerun.status == 0, "\(rerun.standardError)")
        #expect(rerun.standardOutput == whole.standardOutput)
        #expect(rerun.standardError.contains("\(21 - kept)/\(21 - kept) checkpoints"), "\(rerun.standardError)")
        #expect(committedRows(killed) == 21)
    }

    @Test("two processes on one cache: one estimates, the other waits and reads its rows; both print the same bytes")
    func twoProcessesShareTheCache() throws {
        let directory = try TemporaryDirectory(prefix: "information-cache-two")
        let run = try train(["--preset", "ib-12bit", "--steps", "1000", "--checkpoints", "every:100"], in: directory)
        let arguments = ["information", run, "--cache", directory.path("run.lr.h5"), "--format", "json", "--quiet",
                         "--estimator", "kde", "--probe", "1024", "--threads", "1"]
        let first = try CommandLineTools.start("lr-analyze", arguments)
        let second = try CommandLineTools.start("lr-analyze", arguments)
        let outcomes = [CommandLineTools.finish(first.0, first.1, first.2), CommandLineTools.finish(second.0, second.1, second.2)]
        #expect(outcomes.allSatisfy { $0.status == 0 }, "\(outcomes.map(\.standardError))")
        #expect(outcomes[0].standardOutput == outcomes[1].standardOutput)
        // One row per checkpoint: nothing was estimated twice.
        #expect(committedRows(directory.path("run.lr.h5")) == 11)
        let alone = try information(run, cache: directory.path("alone.lr.h5"), Array(arguments.dropFirst(7)))
        #expect(alone.standardOutput == outcomes[0].standardOutput)
    }

    /// The byte offset of the first chunk of a dataset, for damaging it.
    static let chunkOffset = """
        import sys, h5py
        with h5py.File(sys.argv[1], "r") as f:
            info = f[sys.argv[2]].id.get_chunk_info(0)
            print(info.byte_offset + info.size // 2)
        """

    @Test("a damaged, mis-shaped or foreign entry gets one line or is estimated again, never served")
    func damagedEntriesAreNeverServed() throws {
        try Python.requireModules(["h5py", "numpy"])
        let directory = try TemporaryDirectory(prefix: "information-cache-damage")
        let run = try train(["--preset", "ib-12bit", "--steps", "200", "--checkpoints", "every:100"], in: directory)
        let clean = directory.path("clean.lr.h5")
        let reference = try information(run, cache: clean)
        #expect(reference.status == 0)

        // A row whose weights are another checkpoint's (its fingerprint changed), with other values.
        let foreign = directory.path("foreign.lr.h5")
        try FileManager.default.copyItem(atPath: clean, toPath: foreign)
        try Python.run("""
            import sys, h5py
            with h5py.File(sys.argv[1], "r+") as f:
                f["information/fingerprint"][1] += 1
                f["information/values"][1] += 1
            """, arguments: [foreign])
        let reestimated = try information(run, cache: foreign)
        #expect(reestimated.status == 0 && reestimated.standardOutput == reference.standardOutput)
        #expect(committedRows(foreign) == 4)

        // Damaged bytes in the values' chunk: its checksum fails.
        let damaged = directory.path("damaged.lr.h5")
        try FileManager.default.copyItem(atPath: clean, toPath: damaged)
        let offset = UInt64(try Python.run(Self.chunkOffset, arguments: [damaged, "information/values"])
            .trimmingCharacters(in: .whitespacesAndNewlines))!
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: damaged))
        try handle.seek(toOffset: offset)
        let byte = try handle.read(upToCount: 1)!
        try handle.seek(toOffset: offset)
        try handle.write(contentsOf: Data([byte[0] ^ 0x5A]))
        try handle.close()

        // Values of another shape than the run's layers.
        let misshaped = directory.path("misshaped.lr.h5")
        try FileManager.default.copyItem(atPath: clean, toPath: misshaped)
        try Python.run("""
            import sys, h5py, numpy as np
            with h5py.File(sys.argv[1], "r+") as f:
                values = f["information/values"][...]
                del f["information/values"]
                wider = np.concatenate([values, values[:, :1]], axis=1)
                f.create_dataset("information/values", data=wider, maxshape=(None,) + wider.shape[1:])
            """, arguments: [misshaped])

        for cache in [damaged, misshaped] {
            let refused = try information(run, cache: cache)
            let lines = refused.standardError.split(separator: "\n")
            #expect(refused.status != 0 && refused.standardOutput.isEmpty, "\(cache)")
            #expect(lines.count == 1 && lines[0].hasPrefix("lr-analyze: error: \(cache): "), "\(refused.standardError)")
        }
    }

    @Test("a cache written before the information table gains it, and its spectra are still read")
    func earlierCachesGainTheTable() throws {
        try Python.requireModules(["h5py", "numpy"])
        let directory = try TemporaryDirectory(prefix: "information-cache-earlier")
        let run = try train(["--preset", "ib-12bit", "--steps", "200", "--checkpoints", "every:100"], in: directory)
        let cache = directory.path("run.lr.h5")
        let rank = try CommandLineTools.run("lr-analyze", [run, "--cache", cache, "--format", "json", "--quiet"])
        #expect(rank.status == 0)
        try Python.run("""
            import sys, h5py
            with h5py.File(sys.argv[1], "r+") as f:
                del f["information"]
            """, arguments: [cache])
        let estimated = try information(run, cache: cache)
        let reference = try information(run, cache: directory.path("fresh.lr.h5"))
        #expect(estimated.status == 0 && estimated.standardOutput == reference.standardOutput, "\(estimated.standardError)")
        #expect(committedRows(cache) == 3)
        let again = try CommandLineTools.run("lr-analyze", [run, "--cache", cache, "--format", "json"])
        #expect(again.status == 0 && again.standardOutput == rank.standardOutput && again.standardError.isEmpty)
    }
}
