import Foundation
import LocalRankTestSupport
import Testing

/// lr-mpi on a disk that fills up: the job ends with one line from the rank that met it, no
/// rank crashes, and what is kept is right (a sweep's --resume finishes it exactly; a cache
/// serves only complete rows).
@Suite(.serialized) struct MPIFaultTests {
    @Test("lr-mpi sweep and analyze on a disk that fills up: one line, no crash, nothing wrong kept")
    func sweepAndAnalysisOnAFullDisk() throws {
        try Python.requireModules(["h5py", "numpy"])
        let directory = try TemporaryDirectory(prefix: "mpi-faults")
        let sweep = ["sweep"] + MPITests.shape + ["--steps", "300", "--grid", "lr=1e-3,3e-3", "--threads", "1"]
        let complete = directory.path("complete")
        #expect(try CommandLineTools.run("lr-train", sweep + ["--out", complete]).status == 0)
        let run = complete + "/lr-1e-3.h5"
        let analysis = [run, "--eps", "1e-1,1e-3", "--format", "json", "--quiet", "--threads", "1"]
        let reference = try CommandLineTools.run("lr-analyze", analysis + ["--cache", directory.path("reference.lr.h5")])
        #expect(reference.status == 0)
        var tried = 0, stopped = 0, problems = [String]()
        for bytes in WriteFault.budgets(upTo: 160_000, count: 3) {
            let disk = try TemporaryDirectory(prefix: "disk")
            let environment = try WriteFault(directory: disk.url.path, bytes: bytes).environment()
            let trained = try MPIJob.run(ranks: 2, sweep + ["--out", disk.url.path], environment: environment, timeout: 120)
            let cache = disk.path("cache.lr.h5")
            let analyzed = try MPIJob.run(ranks: 2, ["analyze"] + analysis + ["--cache", cache], environment: environment, timeout: 120)
            for (job, what) in [(trained, "sweep"), (analyzed, "analyze")] {
                tried += 1
                if job.signaled || job.timedOut { problems.append("\(bytes) bytes, \(what): crashed or hung") }
                guard job.status != 0 else { continue }
                stopped += 1
                let lines = MPIJob.lines(job.standardError, startingWith: "lr-mpi:")
                if lines.count != 1 || !lines[0].contains("cannot write it (no space left on device)") {
                    problems.append("\(bytes) bytes, \(what): \(job.standardError.prefix(600))")
                }
            }
            let resumed = try CommandLineTools.run("lr-train", sweep + ["--out", disk.url.path, "--resume"])
            if resumed.status != 0 { problems.append("\(bytes) bytes: --resume: \(resumed.standardError)") }
            let differences = try HDF5Comparison.differences(
                ["lr-1e-3.h5", "lr-3e-3.h5"].map { (complete + "/" + $0, disk.path($0)) }, ignoring: MPITests.runTimings)
            if !differences.isEmpty { problems.append("\(bytes) bytes: resumed runs differ: \(differences)") }
            let reread = try CommandLineTools.run("lr-analyze", analysis + ["--cache", cache])
            if reread.standardOutput != reference.standardOutput { problems.append("\(bytes) bytes: the kept cache: \(reread.standardError)") }
        }
        print("write faults, lr-mpi: \(tried) jobs: \(stopped) stopped with one line, \(tried - stopped) finished, \(problems.count) problems")
        #expect(problems.isEmpty, "\(problems.prefix(5).joined(separator: "\n"))")
    }
}
