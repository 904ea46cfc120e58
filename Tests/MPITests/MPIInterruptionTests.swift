import Foundation
import HDF5
import LocalRankTestSupport
import Testing

/// lr-mpi jobs that are killed or stopped keep what they finished, and running again
/// completes them as one uninterrupted job would. A suite of its own, so that these two
/// longest MPI tests run beside the others (each MPI suite runs its tests one at a time).
@Suite(.serialized) struct MPIInterruptionTests {
    @Test("a rank killed mid-sweep costs only the runs in progress: --resume finishes them, bit for bit")
    func killedRankResumes() throws {
        let directory = try TemporaryDirectory(prefix: "mpi-resume")
        // Runs of about 2 s in this build (debug or release), so that rank 1 is killed mid-sweep.
        let steps = try MPITests.steps(lasting: 2, directory: directory)
        let sweep = MPITests.shape + ["--steps", "\(steps)", "--no-activations", "--grid", "lr=1e-3,3e-3", "--seeds", "0-1"]
        let reference = directory.path("one-machine"), out = directory.path("mpi")
        let (mpirun, output, error) = try MPIJob.start(ranks: 2, ["sweep"] + sweep + ["--out", out])
        // Kill rank 1 once one run has finished and the next ones have checkpoints.
        let manifestPath = out + "/sweep.json", deadline = Date().addingTimeInterval(90)
        while Date() < deadline, mpirun.isRunning {
            let text = (try? String(contentsOfFile: manifestPath, encoding: .utf8)) ?? ""
            if text.contains("\"finished\"") { break }
            usleep(20_000)
        }
        usleep(300_000)
        let rank1 = try #require(MPIJob.rankProcess(1, of: mpirun), "rank 1 not found")
        kill(rank1, SIGKILL)
        let killed = CommandLineTools.finish(mpirun, output, error)
        #expect(killed.status != 0)
        let interrupted = try String(contentsOfFile: manifestPath, encoding: .utf8)
        #expect(interrupted.contains("\"pending\""), "the sweep finished before rank 1 was killed")
        let runs = (try MPITests.manifest(out)["runs"] as? [[String: Any]]) ?? []
        let finished = runs.filter { $0["status"] as? String == "finished" }.compactMap { $0["file"] as? String }
        #expect(!finished.isEmpty)
        let before = try finished.map { try Data(contentsOf: URL(fileURLWithPath: out + "/" + $0)) }

        let resumed = try MPIJob.run(ranks: 2, ["sweep"] + sweep + ["--out", out, "--resume"])
        #expect(resumed.status == 0, "\(resumed.standardError)")
        #expect(try finished.map { try Data(contentsOf: URL(fileURLWithPath: out + "/" + $0)) } == before, "a finished run was trained again")
        let one = try CommandLineTools.run("lr-train", ["sweep"] + sweep + ["--jobs", "2", "--out", reference])
        #expect(one.status == 0, "\(one.standardError)")
        let differences = try HDF5Comparison.differences(try MPITests.runFiles(reference).map { (reference + "/" + $0, out + "/" + $0) },
                                                         ignoring: MPITests.runTimings)
        #expect(differences.isEmpty, "\(differences)")
        let manifests = (try MPITests.manifest(reference), try MPITests.manifest(out))
        #expect(manifests.0 == manifests.1)
    }

    @Test("SIGTERM keeps every checkpoint appended, in order, with lr-analyze's line; running again completes lr-analyze's cache")
    func interruptedAnalysisKeepsItsRows() throws {
        let directory = try TemporaryDirectory(prefix: "mpi-interrupt")
        let run = directory.path("run.h5")
        let trained = try CommandLineTools.run("lr-train", [
            "--data", "gaussian:24x8", "--layers", "24,64,64,64,8", "--steps", "120", "--checkpoints", "every:4",
            "--probe", "512", "--no-activations", "--out", run, "--quiet"])
        #expect(trained.status == 0, "\(trained.standardError)")
        let reference = directory.path("reference.lr.h5"), cache = directory.path("mpi.lr.h5")
        /// The cache's committed rows (its index), once no rank writes it.
        func committed() -> [Int64] {
            guard let file = try? HDF5File.openForReading(cache) else { return [] }
            defer { try? file.close() }
            return (try? Self.index(of: file)) ?? []
        }
        let (mpirun, output, error) = try MPIJob.start(ranks: 2, ["analyze", run, "--cache", cache, "--quiet", "--format", "json"])
        // Wait for about three rows (512 inputs × 80 singular values × 8 bytes each) by the
        // file's size: a reader in this process would compete with the writer for the file.
        let deadline = Date().addingTimeInterval(90)
        func size() -> Int { ((try? FileManager.default.attributesOfItem(atPath: cache))?[.size] as? Int) ?? 0 }
        while size() < 3 * 512 * 80 * 8 && mpirun.isRunning && Date() < deadline { usleep(20_000) }
        // What mpirun does on Ctrl-C, and Slurm at the time limit: SIGTERM to the ranks (here
        // to rank 0; this test process may have started mpirun with the signals blocked).
        let rank0 = try #require(MPIJob.rankProcess(0, of: mpirun), "rank 0 not found")
        kill(rank0, SIGTERM)
        let stopped = CommandLineTools.finish(mpirun, output, error)
        let kept = committed()
        #expect(stopped.status != 0 && kept.count >= 2 && kept.count < 31, "\(kept.count) rows; \(stopped.standardError)")
        #expect(kept == (0..<Int64(kept.count)).map { $0 }, "rows out of order: \(kept)")
        let said = MPIJob.lines(stopped.standardError, startingWith: "lr-mpi:")
        #expect(stopped.status == 130 && said == ["lr-mpi: error: rank 0: stopped (terminate) after \(kept.count) of 31 checkpoints; run again to continue"],
                "\(stopped.standardError)")

        let finished = try MPIJob.run(ranks: 2, ["analyze", run, "--cache", cache, "--quiet", "--format", "json"])
        let one = try CommandLineTools.run("lr-analyze", [run, "--cache", reference, "--quiet", "--format", "json"])
        #expect(finished.status == 0 && finished.standardOutput == one.standardOutput, "\(finished.standardError)")
        #expect(try HDF5Comparison.differences(reference, cache, ignoring: ["/@producer"]).isEmpty)
    }

    /// `/checkpoints/index`, its dataset closed before the file is.
    static func index(of file: HDF5File) throws -> [Int64] {
        let index = try file.root.openDataset("/checkpoints/index")
        let rows = try index.shape.first ?? 0
        return rows == 0 ? [] : try index.read(offset: [0], count: [rows])
    }
}
