import Foundation
import LocalRankTestSupport
import Testing

/// lr-mpi under `mpirun --oversubscribe` with 2 and 3 ranks gives the files and the report
/// of lr-train sweep and lr-analyze on one machine, and ends the whole job with one line when
/// a rank meets a bad file (a killed or stopped job: MPIInterruptionTests).
@Suite(.serialized) struct MPITests {
    /// A small run shape that trains in a fraction of a second in a debug build.
    static let shape = ["--data", "gaussian:6x4", "--layers", "6,16,12,4", "--optimizer", "adamw", "--checkpoints", "log:8",
                        "--probe", "24", "--quiet"]
    static let sweep = shape + ["--steps", "300", "--grid", "lr=1e-3,3e-3", "--seeds", "0-1"]
    /// What legitimately differs between two trainings of the same run: when it was
    /// trained, how long each checkpoint took, and the program that wrote it.
    static let runTimings = ["/checkpoints/wall_time", "/@created", "/@producer"]

    /// The number of steps of `shape` that one thread of this build trains in about `seconds`.
    static func steps(lasting seconds: Double, directory: TemporaryDirectory) throws -> Int {
        let summary = directory.path("speed.json")
        let run = try CommandLineTools.run("lr-train", shape + ["--steps", "2000", "--threads", "1", "--checkpoints", "none",
                                                                "--out", directory.path("speed.h5"), "--summary-json", summary])
        #expect(run.status == 0, "\(run.standardError)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: summary))) as? [String: Any]
        let rate = try #require(json?["steps_per_second"] as? Double)
        return max(2000, Int(rate * seconds))
    }

    static func runFiles(_ directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".h5") && !$0.hasSuffix(".lr.h5") }.sorted()
    }

    /// `sweep.json` as a dictionary, without its producer.
    static func manifest(_ directory: String) throws -> NSDictionary {
        let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/sweep.json"))
        let object = try JSONSerialization.jsonObject(with: data) as! NSDictionary
        let copy = object.mutableCopy() as! NSMutableDictionary
        copy.removeObject(forKey: "producer")
        return copy
    }

    func train(_ run: String, _ extra: [String] = []) throws {
        let trained = try CommandLineTools.run("lr-train", Self.shape + ["--steps", "300", "--out", run] + extra)
        #expect(trained.status == 0, "\(trained.standardError)")
    }

    @Test("lr-train and lr-analyze do not link MPI; lr-mpi does")
    func onlyLrMPILinksMPI() throws {
        func libraries(_ tool: String) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/ldd")
            process.arguments = [CommandLineTools.binaryDirectory.appendingPathComponent(tool).path]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return text
        }
        for tool in ["lr-train", "lr-analyze", "lr-import"] {
            #expect(!(try libraries(tool)).contains("libmpi"), "\(tool) links MPI")
        }
        #expect(try libraries("lr-mpi").contains("libmpi"))
    }

    @Test("a sweep over 2 and 3 ranks writes the run files and manifest of lr-train sweep, bit for bit")
    func sweepMatchesOneMachine() throws {
        let directory = try TemporaryDirectory(prefix: "mpi-sweep")
        let reference = directory.path("one-machine")
        let one = try CommandLineTools.run("lr-train", ["sweep"] + Self.sweep + ["--jobs", "2", "--out", reference])
        #expect(one.status == 0, "\(one.standardError)")
        let files = try Self.runFiles(reference)
        #expect(files.count == 4)
        for ranks in [2, 3] {
            let distributed = directory.path("mpi-\(ranks)")
            let job = try MPIJob.run(ranks: ranks, ["sweep"] + Self.sweep + ["--out", distributed])
            #expect(job.status == 0 && !job.timedOut, "\(job.standardError)")
            #expect(try Self.runFiles(distributed) == files)
            let differences = try HDF5Comparison.differences(files.map { (reference + "/" + $0, distributed + "/" + $0) }, ignoring: Self.runTimings)
            #expect(differences.isEmpty, "\(ranks) ranks: \(differences)")
            let manifests = (try Self.manifest(reference), try Self.manifest(distributed))
            #expect(manifests.0 == manifests.1)
        }
        // The sweep's own checks are lr-train's, reported once by rank 0.
        let again = try MPIJob.run(ranks: 2, ["sweep"] + Self.sweep + ["--out", directory.path("mpi-2")])
        let errors = MPIJob.lines(again.standardError, startingWith: "lr-mpi:")
        #expect(again.status != 0 && errors.count == 1 && errors[0].hasPrefix("lr-mpi: error: rank 0: ") && errors[0].contains("--resume"),
                "\(again.standardError)")
    }

    @Test("one run analyzed over 2 and 3 ranks: lr-analyze's cache and JSON; cached rows reused as lr-analyze does", arguments: [2, 3])
    func analysisMatchesLrAnalyze(ranks: Int) throws {
        let directory = try TemporaryDirectory(prefix: "mpi-analyze")
        let run = directory.path("run.h5")
        try train(run)
        let reference = directory.path("reference.lr.h5"), distributed = directory.path("mpi.lr.h5")
        // First some checkpoints, then all: the second analysis reuses the first one's rows.
        for checkpoints in ["0-40", "all"] {
            let arguments = [run, "--checkpoints", checkpoints, "--eps", "1e-2,1e-3", "--format", "json", "--quiet"]
            let one = try CommandLineTools.run("lr-analyze", arguments + ["--cache", reference])
            let job = try MPIJob.run(ranks: ranks, ["analyze"] + arguments + ["--cache", distributed])
            #expect(one.status == 0 && job.status == 0, "\(one.standardError) \(job.standardError)")
            #expect(job.standardOutput == one.standardOutput && job.standardOutput.contains("local_rank"))
            let differences = try HDF5Comparison.differences(reference, distributed, ignoring: ["/@producer"])
            #expect(differences.isEmpty, "\(checkpoints): \(differences)")
        }
        // Everything cached: the table of another measure is lr-analyze's, and nothing is recomputed.
        let table = ["--measure", "effective-rank"]
        let one = try CommandLineTools.run("lr-analyze", [run, "--cache", reference, "--quiet"] + table)
        let job = try MPIJob.run(ranks: ranks, ["analyze", run, "--cache", distributed, "--quiet"] + table)
        #expect(job.status == 0 && job.standardOutput == one.standardOutput, "\(job.standardError)")
        #expect(try HDF5Comparison.differences(reference, distributed, ignoring: ["/@producer"]).isEmpty)
    }

    @Test("fewer checkpoints than ranks: each checkpoint's probe inputs are split, and the cache is the same")
    func probeInputsSplitOverRanks() throws {
        let directory = try TemporaryDirectory(prefix: "mpi-split")
        let run = directory.path("run.h5")
        try train(run)
        for (checkpoints, ranks) in [("last", 3), ("last", 2), ("0-3", 3)] {
            let reference = directory.path("reference-\(checkpoints)-\(ranks).lr.h5"), distributed = directory.path("mpi-\(checkpoints)-\(ranks).lr.h5")
            let arguments = [run, "--checkpoints", checkpoints, "--format", "json", "--quiet"]
            let one = try CommandLineTools.run("lr-analyze", arguments + ["--cache", reference])
            let job = try MPIJob.run(ranks: ranks, ["analyze"] + arguments + ["--cache", distributed, "--recompute"])
            #expect(one.status == 0 && job.status == 0, "\(job.standardError)")
            #expect(job.standardOutput == one.standardOutput)
            let differences = try HDF5Comparison.differences(reference, distributed, ignoring: ["/@producer"])
            #expect(differences.isEmpty, "\(checkpoints) over \(ranks) ranks: \(differences)")
        }
    }

    @Test("many runs with --by over 3 ranks: lr-analyze's JSON and each run's cache")
    func groupedRunsMatchLrAnalyze() throws {
        let directory = try TemporaryDirectory(prefix: "mpi-by")
        let one = directory.path("one"), distributed = directory.path("mpi")
        let sweep = try CommandLineTools.run("lr-train", ["sweep"] + Self.sweep + ["--jobs", "2", "--out", one])
        #expect(sweep.status == 0, "\(sweep.standardError)")
        try FileManager.default.copyItem(atPath: one, toPath: distributed)
        let files = try Self.runFiles(one)
        let options = ["--by", "lr", "--eps", "1e-2,1e-3", "--format", "json", "--quiet"]
        let reference = try CommandLineTools.run("lr-analyze", files.map { one + "/" + $0 } + options)
        let job = try MPIJob.run(ranks: 3, ["analyze"] + files.map { distributed + "/" + $0 } + options)
        #expect(reference.status == 0 && job.status == 0, "\(reference.standardError) \(job.standardError)")
        #expect(job.standardOutput == reference.standardOutput.replacingOccurrences(of: one + "/", with: distributed + "/"))
        #expect(job.standardOutput.contains("\"groups\""), "\(job.standardOutput.prefix(300))")
        let caches = files.map { $0.replacingOccurrences(of: ".h5", with: ".lr.h5") }
        let differences = try HDF5Comparison.differences(caches.map { (one + "/" + $0, distributed + "/" + $0) },
                                                         ignoring: ["/@producer", "/@run_file"])
        #expect(differences.isEmpty, "\(differences)")
    }

    @Test("checkpoints with NaN weights: lr-analyze's report, cache and exit status 4")
    func nonFiniteCheckpoints() throws {
        let directory = try TemporaryDirectory(prefix: "mpi-nan")
        let run = directory.path("run.h5")
        try train(run)
        try Python.run("""
            import sys, h5py, numpy as np
            with h5py.File(sys.argv[1], "r+") as f:
                w = f["weights/1/weight"]; x = w[3]; x[0, 0] = np.nan; w[3] = x
            """, arguments: [run])
        let reference = directory.path("reference.lr.h5"), distributed = directory.path("mpi.lr.h5")
        let one = try CommandLineTools.run("lr-analyze", [run, "--quiet", "--cache", reference])
        let job = try MPIJob.run(ranks: 2, ["analyze", run, "--quiet", "--cache", distributed])
        #expect(one.status == 4 && job.status == 4, "\(job.standardError)")
        #expect(job.standardOutput == one.standardOutput && job.standardOutput.contains("non-finite"))
        let errors = MPIJob.lines(job.standardError, startingWith: "lr-mpi:")
        #expect(errors == [one.standardError.trimmingCharacters(in: .newlines).replacingOccurrences(of: "lr-analyze: error: ", with: "lr-mpi: error: rank 0: ")],
                "\(job.standardError)")
        #expect(try HDF5Comparison.differences(reference, distributed, ignoring: ["/@producer"]).isEmpty)
    }

    @Test("a bad file met by any rank ends the job with one line naming the rank, the file and the problem", arguments: [2, 3])
    func badFileEndsTheJob(ranks: Int) throws {
        let directory = try TemporaryDirectory(prefix: "mpi-bad")
        let run = directory.path("run.h5")
        try train(run)
        // Damage one checkpoint's weights: whichever rank computes it finds the checksum wrong.
        try Python.run("""
            import sys, h5py
            with h5py.File(sys.argv[1], "r") as f:
                offset = f["weights/1/weight"].id.get_chunk_info_by_coord((5, 0, 0)).byte_offset
            with open(sys.argv[1], "r+b") as g:
                g.seek(offset + 8); data = g.read(4); g.seek(offset + 8); g.write(bytes(b ^ 0xFF for b in data))
            """, arguments: [run])
        let started = Date()
        let job = try MPIJob.run(ranks: ranks, ["analyze", run, "--quiet"], timeout: 60)
        let errors = MPIJob.lines(job.standardError, startingWith: "lr-mpi:")
        #expect(job.status != 0 && !job.timedOut && Date().timeIntervalSince(started) < 30)
        #expect(errors.count == 1, "\(job.standardError)")
        let line = errors.first ?? ""
        let named = (0..<ranks).contains { line.hasPrefix("lr-mpi: error: rank \($0): \(run): ") }
        #expect(named && (line.contains("damaged") || line.contains("checksum")), "\(errors)")

        // A file that is not a run, among several: rank 0 meets it while it plans.
        let notARun = directory.path("notes.h5")
        try "not HDF5".write(toFile: notARun, atomically: true, encoding: .utf8)
        let grouped = try MPIJob.run(ranks: ranks, ["analyze", run, notARun, "--by", "lr", "--quiet"], timeout: 60)
        let groupedErrors = MPIJob.lines(grouped.standardError, startingWith: "lr-mpi:")
        #expect(grouped.status != 0 && !grouped.timedOut)
        #expect(groupedErrors.count == 1 && groupedErrors[0].hasPrefix("lr-mpi: error: rank 0: \(notARun): "), "\(grouped.standardError)")
    }

    @Test("usage errors are printed once for the job, not once per rank")
    func usageErrorsOnce() throws {
        let directory = try TemporaryDirectory(prefix: "mpi-usage")
        for arguments in [["analyze", directory.path("run.h5"), "--eps", "zero"], ["analyze", directory.path("run.h5"), "--follow"],
                          ["sweep"] + Self.sweep + ["--jobs", "2", "--out", directory.path("s")]] {
            let job = try MPIJob.run(ranks: 3, arguments, timeout: 60)
            let errors = MPIJob.lines(job.standardError, startingWith: "lr-mpi: error:")
            #expect(job.status != 0 && errors.count == 1, "\(arguments): \(job.standardError)")
            #expect(errors.first?.hasSuffix("(see lr-mpi \(arguments[0]) --help)") == true, "\(arguments): \(job.standardError)")
        }
        let help = try MPIJob.run(ranks: 2, ["analyze", "--help"], timeout: 60)
        #expect(help.status == 0 && help.standardOutput.components(separatedBy: "USAGE:").count == 2, "\(help.standardOutput)")
    }
}
