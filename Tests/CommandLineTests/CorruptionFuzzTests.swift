import Foundation
import LocalRankTestSupport
import Testing

/// Damaged files never crash or hang the tools: every mutated copy of a small run (and of
/// its analysis cache) ends within the limit with a result or a short error, and the input
/// is left as it was. Every structure boundary is a truncation, besides the random mutations.
@Suite(.serialized) struct CorruptionFuzzTests {
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

    func plan(_ file: String, seed: UInt64, atBoundaries: Bool) throws -> [Mutation] {
        let size = try FileManager.default.attributesOfItem(atPath: file)[.size] as! Int
        return Mutation.plan(size: size, boundaries: atBoundaries ? try CorruptionFuzzer.hdf5Boundaries(of: file) : [], seed: seed)
    }

    func expectClean(_ tally: CorruptionFuzzer.Tally) {
        #expect(tally.failures.isEmpty, "\(tally.failures.prefix(10).joined(separator: "\n"))")
        #expect(tally.crashes == 0 && tally.hangs == 0, "\(tally)")
    }

    @Test("every mutated run is analyzed or refused with a short error, quickly, and left unchanged")
    func mutatedRunsAreAnalyzedOrRefused() throws {
        let fixture = try Fixture()
        let analyzer = CorruptionFuzzer(tool: "lr-analyze", checksInput: true)
        // Truncations behave alike on both; the marked run takes the SWMR reader's path.
        for (seed, run, atBoundaries) in [(UInt64(1), fixture.run, true), (2, fixture.markedRun, false)] {
            expectClean(try analyzer.fuzz(run, plan: plan(run, seed: seed, atBoundaries: atBoundaries)) { directory, mutated in
                [mutated, "--cache", directory + "/cache.lr.h5", "--quiet", "--format", "json", "--threads", "1"]
            })
        }
    }

    @Test("every mutated cache is used, recomputed or refused with a short error, quickly")
    func mutatedCachesAreHandled() throws {
        let fixture = try Fixture()
        let run = fixture.run
        let analyzer = CorruptionFuzzer(tool: "lr-analyze", checksInput: true)
        expectClean(try analyzer.fuzz(fixture.cache, plan: plan(fixture.cache, seed: 3, atBoundaries: true)) { _, mutated in
            [run, "--cache", mutated, "--quiet", "--format", "json", "--threads", "1"]
        })
    }

    @Test("lr-train --resume on a mutated run finishes it or refuses with a short error, quickly")
    func resumeOfMutatedRuns() throws {
        let fixture = try Fixture()
        let trainer = CorruptionFuzzer(tool: "lr-train", checksInput: false)
        expectClean(try trainer.fuzz(fixture.markedRun, plan: plan(fixture.markedRun, seed: 4, atBoundaries: false)) { _, mutated in
            ["--resume", "--out", mutated, "--steps", "210", "--quiet"]
        })
    }

    /// h5py writes a string attribute; its global-heap ID then gets an object index far past
    /// the heap's end. HDF5 1.10 (Debian 12's) reads through it and faults in `H5HG_read`;
    /// newer HDF5 reports "bad heap index". Either way the user sees one line naming the file.
    static let corruptHeapIndex = """
        import struct, sys, h5py
        with h5py.File(sys.argv[1], "w", libver="earliest") as f:
            f.attrs["format"] = "local-rank-run"
        data = bytearray(open(sys.argv[1], "rb").read())
        heap = data.find(b"GCOL")
        reference = data.find(struct.pack("<QI", heap, 1))
        assert heap > 0 and reference > 0
        data[reference + 8:reference + 12] = struct.pack("<I", 0x7FFFFFFF)
        open(sys.argv[1], "wb").write(data)
        """

    @Test("a string attribute whose heap index points past the heap is one line naming the file, not a crash")
    func corruptGlobalHeapIndex() throws {
        try Python.requireModules(["h5py"])
        let directory = try TemporaryDirectory(prefix: "heap")
        let file = directory.path("heap.h5")
        try Python.run(Self.corruptHeapIndex, arguments: [file])
        for arguments in [["validate", file], [file, "--cache", directory.path("c.lr.h5")]] {
            let outcome = try CommandLineTools.run("lr-analyze", arguments, timeout: CorruptionFuzzer.timeLimit)
            #expect(!outcome.signaled && !outcome.timedOut && outcome.status != 0, "\(outcome.standardError.prefix(600))")
            let lines = outcome.standardError.split(separator: "\n")
            #expect(lines.count == 1 && lines[0].hasPrefix("lr-analyze: error: \(file)"), "\(outcome.standardError.prefix(600))")
        }
    }
}
