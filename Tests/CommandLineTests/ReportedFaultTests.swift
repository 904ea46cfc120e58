import Foundation
import LocalRankTestSupport
import Platform
import Testing

/// The six faults reported in issue 19, each as it was met: a full disk (a real small file
/// system where this process may mount one, the write-fault shim elsewhere), a resume after
/// it, a run whose steps repeat, two analyses at once, --follow, and a run file that points
/// into other files.
@Suite(.serialized) struct ReportedFaultTests {
    static let trainingArguments = WriteFaultTests.trainingArguments

    /// A directory whose disk holds `bytes`: a tmpfs when one can be mounted, else the shim's.
    struct SmallDisk {
        let directory: String
        let environment: [String: String]
        private let keep: AnyObject

        init(bytes: Int) throws {
            if let mounted = try SmallFileSystem(bytes: bytes) {
                directory = mounted.directory.url.path
                environment = [:]
                keep = mounted
            } else {
                let temporary = try TemporaryDirectory(prefix: "disk")
                directory = temporary.url.path
                environment = try WriteFault(directory: directory, bytes: bytes).environment()
                keep = temporary
            }
        }

        func path(_ name: String) -> String { directory + "/" + name }
    }

    func train(_ out: String, _ extra: [String] = [], environment: [String: String] = [:]) throws -> CommandLineTools.Outcome {
        try CommandLineTools.run("lr-train", Self.trainingArguments + extra + ["--out", out], environment: environment, timeout: 60)
    }

    func analyze(_ run: String, cache: String, eps: String = "1e-3", _ extra: [String] = [],
                 environment: [String: String] = [:]) throws -> CommandLineTools.Outcome {
        try CommandLineTools.run("lr-analyze", [run, "--cache", cache, "--eps", eps, "--format", "json", "--quiet", "--threads", "1"] + extra,
                                 environment: environment, timeout: 60)
    }

    @Test("1: an analysis whose cache fills the disk prints no numbers and fails with one line; the kept cache gives the right ones")
    func analysisCacheOnAFullDisk() throws {
        let directory = try TemporaryDirectory(prefix: "case1")
        let run = directory.path("run.h5")
        #expect(try train(run).status == 0)
        let disk = try SmallDisk(bytes: 24 << 10)
        let cache = disk.path("run.lr.h5")
        let full = try analyze(run, cache: cache, environment: disk.environment)
        #expect(full.status == 1 && full.standardOutput.isEmpty)
        #expect(full.standardError.hasPrefix("lr-analyze: error: \(cache): cannot write it (no space left on device);")
                && full.standardError.split(separator: "\n").count == 1, "\(full.standardError)")
        // Another threshold, read off what the cache kept (and computed for the rest elsewhere).
        let kept = directory.path("kept.lr.h5")
        try FileManager.default.copyItem(atPath: cache, toPath: kept)
        let reread = try analyze(run, cache: kept, eps: "1e-1")
        let clean = try analyze(run, cache: directory.path("clean.lr.h5"), eps: "1e-1")
        #expect(reread.status == 0 && reread.standardOutput == clean.standardOutput, "\(reread.standardError)")
    }

    @Test("2, 3: training that fills the disk ends with one line, no crash; --resume writes no step twice and ends bit for bit")
    func trainingOnAFullDisk() throws {
        try Python.requireModules(["h5py", "numpy"])
        let directory = try TemporaryDirectory(prefix: "case2")
        let whole = directory.path("whole.h5")
        #expect(try train(whole).status == 0)
        let disk = try SmallDisk(bytes: 96 << 10)
        let run = disk.path("run.h5")
        let full = try train(run, environment: disk.environment)
        #expect(!full.signaled && full.status == 1)
        #expect(full.standardError.hasPrefix("lr-train: error: \(run): cannot write it (no space left on device); its ")
                && full.standardError.split(separator: "\n").count == 1, "\(full.standardError)")
        // What is kept is read by h5py (as the message says, with swmr=True) and by lr-analyze.
        let kept = try Python.run("import sys, h5py\nprint(len(h5py.File(sys.argv[1], 'r', swmr=True)['checkpoints/step']))",
                                  arguments: [run])
        #expect((Int(kept.trimmingCharacters(in: .newlines)) ?? 0) >= 1)
        #expect(try analyze(run, cache: directory.path("kept.lr.h5")).status == 0)
        let moved = directory.path("moved.h5")
        try FileManager.default.copyItem(atPath: run, toPath: moved)
        let resumed = try CommandLineTools.run("lr-train", ["--resume", "--out", moved, "--quiet"])
        #expect(resumed.status == 0, "\(resumed.standardError)")
        #expect(try Python.run(WriteFaultTests.sameRun, arguments: [moved, whole]) == "same\n")
    }

    @Test("3: a run whose disk filled up after its step-0 checkpoint resumes without writing step 0 again")
    func resumeFromStepZero() throws {
        try Python.requireModules(["h5py", "numpy"])
        let directory = try TemporaryDirectory(prefix: "case3")
        let whole = directory.path("whole.h5")
        #expect(try train(whole).status == 0)
        // The smallest disk that keeps a checkpoint keeps only step 0's: found by bisection.
        var (low, high) = (0, try FileManager.default.attributesOfItem(atPath: whole)[.size] as! Int)
        var kept: String?
        while kept == nil && high - low > 1024 {
            let bytes = (low + high) / 2
            let disk = try TemporaryDirectory(prefix: "disk")
            let full = try train(disk.path("run.h5"), environment: try WriteFault(directory: disk.url.path, bytes: bytes).environment())
            if full.standardError.contains("nothing was kept") {
                low = bytes
                continue
            }
            high = bytes
            if full.standardError.contains("its complete checkpoint is kept") {
                kept = directory.path("run.h5")
                try? FileManager.default.removeItem(atPath: kept!)
                try FileManager.default.copyItem(atPath: disk.path("run.h5"), toPath: kept!)
            }
        }
        let run = try #require(kept, "no disk size left exactly the step-0 checkpoint")
        let resumed = try CommandLineTools.run("lr-train", ["--resume", "--out", run, "--quiet"])
        #expect(resumed.status == 0, "\(resumed.standardError)")
        #expect(try Python.run(WriteFaultTests.sameRun, arguments: [run, whole]) == "same\n")
        #expect(try CommandLineTools.run("lr-analyze", ["validate", run]).status == 0)
    }

    @Test("3: validate reports steps that do not increase, and lr-analyze refuses such a run with one line")
    func repeatedStepsAreReported() throws {
        try Python.requireModules(["h5py", "numpy"])
        let directory = try TemporaryDirectory(prefix: "case3b")
        let run = directory.path("run.h5")
        #expect(try train(run).status == 0)
        try Python.run("import sys, h5py\nf = h5py.File(sys.argv[1], 'r+')\nf['checkpoints/step'][1] = 0\nf.close()", arguments: [run])
        let problem = "/checkpoints/step: steps do not increase strictly: checkpoint 1 has step 0, after step 0"
        let validated = try CommandLineTools.run("lr-analyze", ["validate", run])
        #expect(validated.status == 1 && validated.standardOutput == "\(run): \(problem)\n", "\(validated.standardOutput)")
        let refused = try analyze(run, cache: directory.path("run.lr.h5"))
        #expect(refused.status == 1 && refused.standardError == "lr-analyze: error: \(run): \(problem)\n", "\(refused.standardError)")
        let resumed = try CommandLineTools.run("lr-train", ["--resume", "--out", run, "--steps", "400", "--quiet"])
        #expect(resumed.status == 1 && resumed.standardError.contains(problem))
    }

    @Test("4: an analysis that must write a cache another process writes waits, says so once, and finishes right")
    func secondAnalysisWaitsForTheWriter() throws {
        let directory = try TemporaryDirectory(prefix: "case4")
        let run = directory.path("run.h5"), cache = directory.path("run.lr.h5")
        #expect(try train(run).status == 0)
        let reference = try analyze(run, cache: directory.path("reference.lr.h5"))
        var lock = try FileLock.tryAcquire(cache)
        #expect(lock != nil)
        let (process, output, error) = try CommandLineTools.start(
            "lr-analyze", [run, "--cache", cache, "--format", "json", "--quiet", "--threads", "1"])
        usleep(1_500_000)
        #expect(process.isRunning, "the analysis did not wait for the cache's writer")
        lock = nil
        let waited = CommandLineTools.finish(process, output, error)
        #expect(waited.status == 0 && waited.standardOutput == reference.standardOutput)
        #expect(waited.standardError == "lr-analyze: note: \(cache): another process is writing this analysis cache; waiting for it to finish, then computing what it has not\n",
                "\(waited.standardError)")
    }

    @Test("4: lr-train --resume on a run another process is writing is refused with one line, the run untouched")
    func resumeOfARunBeingWritten() throws {
        let directory = try TemporaryDirectory(prefix: "case4c")
        let run = directory.path("run.h5")
        #expect(try train(run).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: run))
        let lock = try FileLock.tryAcquire(run)
        #expect(lock != nil)
        let refused = try CommandLineTools.run("lr-train", ["--resume", "--out", run, "--steps", "400", "--quiet"])
        #expect(refused.status == 1 && refused.standardError
                == "lr-train: error: \(run): another process is writing it (lr-train, or lr-import); wait until it has finished\n",
                "\(refused.standardError)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: run)) == before)
    }

    @Test("4: two analyses of one run and cache started together both finish with the right numbers, each checkpoint computed once")
    func twoAnalysesAtOnce() throws {
        try Python.requireModules(["h5py", "numpy"])
        let directory = try TemporaryDirectory(prefix: "case4b")
        let run = directory.path("run.h5"), cache = directory.path("run.lr.h5")
        #expect(try train(run, ["--probe", "256"]).status == 0)
        let reference = try analyze(run, cache: directory.path("reference.lr.h5"))
        let arguments = [run, "--cache", cache, "--format", "json", "--quiet", "--threads", "1"]
        let first = try CommandLineTools.start("lr-analyze", arguments)
        let second = try CommandLineTools.start("lr-analyze", arguments)
        for outcome in [CommandLineTools.finish(first.0, first.1, first.2), CommandLineTools.finish(second.0, second.1, second.2)] {
            #expect(outcome.status == 0 && outcome.standardOutput == reference.standardOutput, "\(outcome.standardError)")
            #expect(!outcome.standardError.contains("error"), "\(outcome.standardError)")
        }
        let rows = try Python.run("import sys, h5py\nprint(len(h5py.File(sys.argv[1], 'r')['checkpoints/index']))", arguments: [cache])
        #expect(rows == "11\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).filter { $0.hasPrefix(".") }.isEmpty)
    }

    /// Replaces /weights/0/bias of a copy of a run with a dataset whose data is in another
    /// file: external raw storage, or a virtual dataset with its source there.
    static let pointElsewhere = """
        import sys, shutil, h5py, numpy as np
        source, kind, out, other = sys.argv[1:5]
        shutil.copy(source, out)
        with h5py.File(out, "r+") as f:
            b = f["weights/0/bias"][...]
            del f["weights/0/bias"]
            if kind == "external":
                b.astype(np.float32).tofile(other)
                f.create_dataset("weights/0/bias", shape=b.shape, dtype=np.float32, external=[(other, 0, b.nbytes)])
            else:
                with h5py.File(other, "w") as g:
                    g["bias"] = b
                layout = h5py.VirtualLayout(shape=b.shape, dtype=b.dtype)
                layout[...] = h5py.VirtualSource(other, "bias", shape=b.shape)
                f.create_virtual_dataset("weights/0/bias", layout)
        """

    @Test("6: data stored in other files (external raw storage, virtual datasets) is refused with one line unless --allow-external")
    func dataInOtherFilesIsRefused() throws {
        try Python.requireModules(["h5py", "numpy"])
        let directory = try TemporaryDirectory(prefix: "case6")
        let run = directory.path("run.h5")
        #expect(try train(run).status == 0)
        let original = try analyze(run, cache: directory.path("run.lr.h5"))
        for (kind, other, means) in [("external", directory.path("bias.bin"), "external raw storage"),
                                     ("virtual", directory.path("bias.h5"), "a source of a virtual dataset")] {
            let shared = directory.path("\(kind).h5")
            try Python.run(Self.pointElsewhere, arguments: [run, kind, shared, other])
            let problem = "/weights/0/bias: its data is stored in another file, \(other) (\(means))"
            let refused = try analyze(shared, cache: directory.path("\(kind).lr.h5"))
            #expect(refused.status == 1 && refused.standardError == "lr-analyze: error: \(shared): \(problem); pass --allow-external to read it\n",
                    "\(refused.standardError)")
            let validated = try CommandLineTools.run("lr-analyze", ["validate", shared])
            #expect(validated.status == 1 && validated.standardOutput == "\(shared): \(problem)\n", "\(validated.standardOutput)")
            let allowed = try analyze(shared, cache: directory.path("\(kind).lr.h5"), ["--allow-external"])
            #expect(allowed.status == 0, "\(allowed.standardError)")
            #expect(allowed.standardOutput == original.standardOutput.replacingOccurrences(of: run, with: shared))
        }
    }
}
