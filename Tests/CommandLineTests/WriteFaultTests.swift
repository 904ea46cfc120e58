import Foundation
import LocalRankTestSupport
import Testing

/// What the tools do when a write fails: a full disk (ENOSPC), a quota (EDQUOT), a failing
/// disk (EIO). Every budget of bytes is one command: no crash, one line naming the file and
/// the cause, a non-zero status, no output that is wrong, and nothing kept that is wrong
/// (for training: `--resume` then ends with the uninterrupted run's bits).
/// `WriteFault.budgets` spreads 3 budgets here; `make fuzz` runs more and prints the tallies.
@Suite(.serialized) struct WriteFaultTests {
    /// The tally of one tool over the budgets tried, printed for `make fuzz`.
    struct Tally: CustomStringConvertible {
        var tried = 0, failed = 0, finished = 0, crashes = 0, problems = [String]()

        var description: String {
            "\(tried) budgets: \(failed) stopped with one line, \(finished) finished, \(crashes) crashes, \(problems.count) problems"
        }

        mutating func record(_ outcome: CommandLineTools.Outcome, _ fault: WriteFault, file: String, tool: String) {
            tried += 1
            if outcome.signaled || outcome.timedOut {
                crashes += 1
                problems.append("\(fault): crashed: \(outcome.standardError.suffix(400))")
            } else if outcome.status == 0 {
                finished += 1
            } else {
                failed += 1
                let lines = outcome.standardError.split(separator: "\n")
                let expected = "\(tool): error: \(file): cannot write it (\(fault.failure.message))"
                if lines.count != 1 || !lines[0].hasPrefix(expected) {
                    problems.append("\(fault): not the one line \"\(expected)…\": \(outcome.standardError.prefix(600))")
                }
            }
        }

        func check(_ name: String) {
            print("write faults, \(name): \(self)")
            #expect(crashes == 0 && problems.isEmpty, "\(problems.prefix(5).joined(separator: "\n"))")
        }
    }

    static let trainingArguments = ["--data", "gaussian:8x8", "--layers", "8,32,32,8", "--steps", "200",
                                    "--checkpoints", "every:20", "--probe", "48", "--quiet", "--threads", "1"]

    /// Whether two run files hold the same checkpoints, bit for bit: steps, weights, metrics
    /// (not wall_time), optimizer state and settings. Prints "same" or the first difference.
    static let sameRun = """
        import sys, h5py, numpy as np
        a, b = (h5py.File(p, "r", swmr=True) for p in sys.argv[1:3])
        def datasets(f):
            found = {}
            f.visititems(lambda name, o: found.__setitem__(name, o) if isinstance(o, h5py.Dataset) else None)
            return found
        da, db = datasets(a), datasets(b)
        if sorted(da) != sorted(db):
            print("datasets differ:", sorted(set(da) ^ set(db))); sys.exit()
        C = len(a["checkpoints/step"])
        for name in sorted(da):
            if name == "checkpoints/wall_time":
                continue
            x, y = da[name][...], db[name][...]
            growing = da[name].maxshape[0] is None
            if growing:
                x, y = x[:C], y[:len(b["checkpoints/step"])]
            if x.shape != y.shape or x.tobytes() != y.tobytes():
                print("differs:", name, x.shape, y.shape); sys.exit()
        if dict(a["training"].attrs) != dict(b["training"].attrs):
            print("settings differ"); sys.exit()
        print("same")
        """

    /// Nothing but `allowed` in `directory`: no staged file, no lock file.
    static func leftovers(_ directory: TemporaryDirectory, allowed: Set<String>) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.url.path).filter { !allowed.contains($0) }
    }

    func uninterruptedRun(_ directory: TemporaryDirectory) throws -> String {
        let whole = directory.path("whole.h5")
        let trained = try CommandLineTools.run("lr-train", Self.trainingArguments + ["--out", whole])
        #expect(trained.status == 0, "\(trained.standardError)")
        return whole
    }

    func size(_ path: String) throws -> Int {
        try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int
    }

    @Test("lr-train on a disk that fills up at any point: one line, no crash, and --resume ends with the uninterrupted run's bits")
    func trainingOnAFullDisk() throws {
        try Python.requireModules(["h5py", "numpy"])
        let directory = try TemporaryDirectory(prefix: "faults-train")
        let whole = try uninterruptedRun(directory)
        var tally = Tally()
        for failure in [WriteFault.Failure.noSpace, .inputOutput] {
            for bytes in WriteFault.budgets(upTo: try size(whole) * 2, count: 3) {
                let disk = try TemporaryDirectory(prefix: "disk")
                let fault = WriteFault(directory: disk.url.path, bytes: bytes, failure: failure)
                let run = disk.path("run.h5")
                let outcome = try CommandLineTools.run("lr-train", Self.trainingArguments + ["--out", run],
                                                       environment: try fault.environment(), timeout: 60)
                tally.record(outcome, fault, file: run, tool: "lr-train")
                try expectResumable(run, like: whole, after: outcome, fault, in: disk, tally: &tally)
            }
        }
        tally.check("lr-train")
    }

    /// What a failed training left: nothing, or a run that our tools and h5py (with
    /// swmr=True) read, and that `--resume` finishes exactly (a failing disk may instead
    /// have torn what it held: then it is refused as damaged, never misread).
    func expectResumable(_ run: String, like whole: String, after outcome: CommandLineTools.Outcome, _ fault: WriteFault,
                         in disk: TemporaryDirectory, tally: inout Tally) throws {
        if try !Self.leftovers(disk, allowed: ["run.h5"]).isEmpty {
            tally.problems.append("\(fault): left \(try Self.leftovers(disk, allowed: ["run.h5"]))")
        }
        guard outcome.status != 0, FileManager.default.fileExists(atPath: run) else { return }
        #expect(outcome.standardError.contains("lr-train --resume continues the run"), "\(fault): \(outcome.standardError)")
        let resumed = try CommandLineTools.run("lr-train", ["--resume", "--out", run, "--quiet"], timeout: 60)
        if resumed.status != 0 && fault.failure == .inputOutput && resumed.standardError.contains("damaged") { return }
        guard resumed.status == 0 else {
            return tally.problems.append("\(fault): --resume failed: \(resumed.standardError)")
        }
        let compared = try Python.run(Self.sameRun, arguments: [run, whole])
        if compared != "same\n" { tally.problems.append("\(fault): the resumed run \(compared)") }
    }

    /// The cache of `run` made without faults, as JSON at two thresholds.
    func cleanAnalysis(_ run: String, _ directory: TemporaryDirectory) throws -> String {
        let clean = try CommandLineTools.run("lr-analyze", [run, "--cache", directory.path("clean.lr.h5"), "--eps", "1e-1,1e-3",
                                                            "--format", "json", "--quiet", "--threads", "1"])
        #expect(clean.status == 0, "\(clean.standardError)")
        return clean.standardOutput
    }

    @Test("lr-analyze with its cache on a disk that fills up: no report, one line; the cache then serves only complete rows")
    func analysisOnAFullDisk() throws {
        let directory = try TemporaryDirectory(prefix: "faults-analyze")
        let run = try uninterruptedRun(directory)
        let reference = try cleanAnalysis(run, directory)
        try checkAnalysisOnAFullDisk(directory, reference: reference, name: "lr-analyze") { cache in
            [run, "--cache", cache, "--eps", "1e-1,1e-3", "--format", "json", "--quiet", "--threads", "1"]
        }
    }

    @Test("lr-analyze information on a full disk: no report, one line; the kept estimates are the clean ones",
          arguments: ["binning", "kde"])
    func informationOnAFullDisk(estimator: String) throws {
        let directory = try TemporaryDirectory(prefix: "faults-information")
        let run = try uninterruptedRun(directory)
        func arguments(_ cache: String) -> [String] {
            ["information", run, "--estimator", estimator, "--cache", cache, "--format", "json", "--quiet", "--threads", "1"]
        }
        let clean = try CommandLineTools.run("lr-analyze", arguments(directory.path("clean.lr.h5")))
        #expect(clean.status == 0, "\(clean.standardError)")
        try checkAnalysisOnAFullDisk(directory, reference: clean.standardOutput, name: "lr-analyze information", arguments: arguments)
    }

    /// Runs lr-analyze with `arguments(cache)` on disks that fill up after each of a few
    /// budgets of bytes (up to twice `directory`'s clean.lr.h5), then again with the disk back.
    func checkAnalysisOnAFullDisk(_ directory: TemporaryDirectory, reference: String, name: String,
                                  arguments: (String) -> [String]) throws {
        var tally = Tally()
        for failure in [WriteFault.Failure.noSpace, .quota, .inputOutput] {
            for bytes in WriteFault.budgets(upTo: try size(directory.path("clean.lr.h5")) * 2, count: 3) {
                let disk = try TemporaryDirectory(prefix: "disk")
                let fault = WriteFault(directory: disk.url.path, bytes: bytes, failure: failure)
                let cache = disk.path("run.lr.h5")
                let outcome = try CommandLineTools.run("lr-analyze", arguments(cache), environment: try fault.environment(), timeout: 60)
                tally.record(outcome, fault, file: cache, tool: "lr-analyze")
                if outcome.status != 0 && !outcome.standardOutput.isEmpty { tally.problems.append("\(fault): printed a report") }
                if try !Self.leftovers(disk, allowed: ["run.lr.h5"]).isEmpty { tally.problems.append("\(fault): left files behind") }
                // With the disk back, what the cache kept is reused: the numbers must be the clean ones.
                let again = try CommandLineTools.run("lr-analyze", arguments(cache), timeout: 60)
                if again.status == 0 {
                    if again.standardOutput != reference { tally.problems.append("\(fault): the kept cache gave other numbers") }
                } else if !(fault.failure == .inputOutput && again.standardError.contains("damaged")) {
                    tally.problems.append("\(fault): the kept cache was refused: \(again.standardError)")
                }
            }
        }
        tally.check(name)
    }

    @Test("lr-train sweep on a disk that fills up: one line, the sweep stops, and --resume finishes it exactly")
    func sweepOnAFullDisk() throws {
        try Python.requireModules(["h5py", "numpy"])
        let directory = try TemporaryDirectory(prefix: "faults-sweep")
        let grid = ["sweep"] + Self.trainingArguments + ["--grid", "lr=1e-3,3e-3", "--jobs", "2"]
        let complete = directory.path("complete")
        #expect(try CommandLineTools.run("lr-train", grid + ["--out", complete]).status == 0)
        let runs = try FileManager.default.contentsOfDirectory(atPath: complete).filter { $0.hasSuffix(".h5") }
        #expect(runs.count == 2)
        let total = try FileManager.default.contentsOfDirectory(atPath: complete).reduce(0) { $0 + (try size(complete + "/" + $1)) }
        var tally = Tally()
        for bytes in WriteFault.budgets(upTo: total * 2, count: 3) {
            let disk = try TemporaryDirectory(prefix: "disk")
            let fault = WriteFault(directory: disk.url.path, bytes: bytes)
            let outcome = try CommandLineTools.run("lr-train", grid + ["--out", disk.url.path], environment: try fault.environment(),
                                                   timeout: 120)
            tally.tried += 1
            if outcome.signaled || outcome.timedOut { tally.crashes += 1 }
            if outcome.status == 0 { tally.finished += 1; continue }
            tally.failed += 1
            // Besides one line per run finished ("lr-train: DIR/run.h5: test_loss …"), one error.
            let lines = outcome.standardError.split(separator: "\n").filter { $0.hasPrefix("lr-train: error: ") }
            if lines.count != 1 || !lines[0].contains("cannot write it (no space left on device)") {
                tally.problems.append("\(fault): \(outcome.standardError)")
            }
            let resumed = try CommandLineTools.run("lr-train", grid + ["--out", disk.url.path, "--resume"], timeout: 120)
            guard resumed.status == 0 else { tally.problems.append("\(fault): --resume: \(resumed.standardError)"); continue }
            for file in runs {
                let compared = try Python.run(Self.sameRun, arguments: [disk.path(file), complete + "/" + file])
                if compared != "same\n" { tally.problems.append("\(fault): \(file) \(compared)") }
            }
        }
        tally.check("lr-train sweep")
    }

    @Test("outputs on a full disk (--plot, --summary-json, a redirected report) fail with one line naming them")
    func outputsOnAFullDisk() throws {
        let directory = try TemporaryDirectory(prefix: "faults-outputs")
        let run = try uninterruptedRun(directory)
        _ = try cleanAnalysis(run, directory)
        let disk = try TemporaryDirectory(prefix: "disk")
        let environment = try WriteFault(directory: disk.url.path, bytes: 100).environment()
        let chart = disk.path("rank.svg")
        let plotted = try CommandLineTools.run("lr-analyze", [run, "--cache", directory.path("clean.lr.h5"), "--plot", chart, "--quiet"],
                                               environment: environment, timeout: 60)
        #expect(plotted.status == 1 && plotted.standardError == "lr-analyze: error: \(chart): cannot write it (no space left on device)\n",
                "\(plotted.standardError)")
        let summary = disk.path("summary.json")
        let trained = try CommandLineTools.run("lr-train", Self.trainingArguments + ["--out", directory.path("again.h5"),
                                                                                      "--summary-json", summary],
                                               environment: environment, timeout: 60)
        #expect(trained.status == 1 && trained.standardError == "lr-train: error: \(summary): cannot write it (no space left on device)\n",
                "\(trained.standardError)")
        #expect(try Self.leftovers(disk, allowed: []).isEmpty)

        // The report itself, redirected to a full disk: /dev/full (the shim cannot reach the
        // C library's buffered writes of standard output).
        let process = Process()
        process.executableURL = CommandLineTools.binaryDirectory.appendingPathComponent("lr-analyze")
        process.arguments = [run, "--cache", directory.path("clean.lr.h5"), "--format", "json", "--quiet"]
        process.standardOutput = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1 && message == "lr-analyze: error: standard output: cannot write it (no space left on device)\n",
                "\(message)")
    }
}
