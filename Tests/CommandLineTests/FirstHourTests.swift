import Foundation
import HDF5
import LocalRankTestSupport
import RunFormat
import Testing

/// What a newcomer meets in the first hour (issue 25): output directories that do not exist
/// yet, misspelled and negative options, steps that a run does not have, a finished sweep
/// resumed, numbers for people, and charts in other formats.
@Suite(.serialized) struct FirstHourTests {
    /// The only line a failed command printed, which names the tool.
    func onlyLine(_ outcome: CommandLineTools.Outcome, tool: String) -> String {
        let lines = outcome.standardError.split(separator: "\n")
        #expect(lines.count == 1, "expected one line, got: \(outcome.standardError)")
        #expect(lines.first?.hasPrefix("\(tool): error: ") == true, "\(outcome.standardError)")
        return lines.first.map(String.init) ?? ""
    }

    @Test func everyToolCreatesMissingOutputDirectories() throws {
        let directory = try TemporaryDirectory()
        let run = directory.path("runs/deeper/gauss.h5")
        let trained = try CommandLineTools.run("lr-train", smallTrainingArguments(run) + ["--summary-json", directory.path("out/json/summary.json")])
        #expect(trained.status == 0, "\(trained.standardError)")
        #expect(FileManager.default.fileExists(atPath: run) && FileManager.default.fileExists(atPath: directory.path("out/json/summary.json")))

        let analyzed = try CommandLineTools.run("lr-analyze", [run, "--quiet", "--plot", directory.path("figures/a/rank.svg"),
                                                               "--cache", directory.path("caches/b/run.lr.h5")])
        #expect(analyzed.status == 0, "\(analyzed.standardError)")
        #expect(FileManager.default.fileExists(atPath: directory.path("figures/a/rank.svg")))
        #expect(FileManager.default.fileExists(atPath: directory.path("caches/b/run.lr.h5")))

        let sweep = try CommandLineTools.run("lr-train", ["sweep"] + smallTrainingArguments(directory.path("unused.h5")).dropLast(3)
                                                 + ["--quiet", "--seeds", "0", "--out", directory.path("sweeps/one/two/")])
        #expect(sweep.status == 0, "\(sweep.standardError)")
        #expect(FileManager.default.fileExists(atPath: directory.path("sweeps/one/two/seed-0.h5")))

        // A directory that cannot be created is named.
        let blocked = directory.path("file")
        FileManager.default.createFile(atPath: blocked, contents: Data())
        let refused = try CommandLineTools.run("lr-train", smallTrainingArguments(directory.path("file/sub/run.h5")))
        #expect(refused.status == 1)
        #expect(onlyLine(refused, tool: "lr-train").contains("\(blocked): cannot create the directory"))
    }

    @Test func misspelledOptionsAreNamedBeforeAnythingElse() throws {
        let cases: [(String, [String], String)] = [
            ("lr-analyze", ["run.h5", "--esp", "1e-3"], "unknown option '--esp'; did you mean '--eps'?"),
            ("lr-analyze", ["run.h5", "--plt", "x.svg"], "unknown option '--plt'; did you mean '--plot'?"),
            ("lr-train", ["--prest", "gaussian-mlp3", "--out", "x.h5"], "unknown option '--prest'; did you mean '--preset'?"),
            ("lr-train", ["sweep", "--preset", "gaussian-mlp3", "--gridd", "lr=1e-3", "--out", "s/"], "unknown option '--gridd'; did you mean '--grid'?"),
            ("lr-import", ["keras", "x.h5", "--prob", "p.npy", "--out", "r.h5"], "unknown option '--prob'; did you mean '--probe'?"),
        ]
        for (tool, arguments, expected) in cases {
            let outcome = try CommandLineTools.run(tool, arguments)
            #expect(outcome.status == 64, "\(tool) \(arguments)")
            #expect(onlyLine(outcome, tool: tool).contains(expected), "\(tool) \(arguments): \(outcome.standardError)")
        }
    }

    @Test func negativeNumbersAreToldToBePositive() throws {
        let cases: [(String, [String], String)] = [
            ("lr-analyze", ["run.h5", "--eps", "-1e-3"], "--eps must be positive, not -1e-3"),
            ("lr-train", ["--preset", "gaussian-mlp3", "--steps", "-5", "--out", "x.h5"], "--steps must be positive, not -5"),
            ("lr-train", ["--preset", "gaussian-mlp3", "--lr", "-1", "--out", "x.h5"], "--lr must be a positive number"),
        ]
        for (tool, arguments, expected) in cases {
            let outcome = try CommandLineTools.run(tool, arguments)
            #expect(outcome.status == 64)
            let line = onlyLine(outcome, tool: tool)
            #expect(line.contains(expected), "\(line)")
            #expect(line.hasSuffix("(see \(tool) --help)"), "\(line)")
        }
    }

    @Test func stepsARunDoesNotHaveAreNamed() throws {
        let directory = try TemporaryDirectory()
        let run = directory.path("run.h5")
        #expect(try CommandLineTools.run("lr-train", smallTrainingArguments(run)).status == 0)
        let nothing = try CommandLineTools.run("lr-analyze", [run, "--checkpoints", "12345", "--quiet"])
        #expect(nothing.status == 1)
        #expect(onlyLine(nothing, tool: "lr-analyze") ==
            "lr-analyze: error: \(run) has no checkpoint at step 12345 (nearest: 300); its 4 checkpoints span steps 0…300")
        #expect(nothing.standardOutput.isEmpty)

        let some = try CommandLineTools.run("lr-analyze", [run, "--checkpoints", "100,150,2000-3000", "--format", "csv", "--quiet"])
        #expect(some.status == 0)
        #expect(some.standardError == "lr-analyze: note: \(run) has no checkpoint at step 150 (nearest: 100, 200), steps 2000-3000; its 4 checkpoints span steps 0…300; the others are analyzed\n")
        #expect(some.standardOutput.split(separator: "\n").count == 2)
    }

    @Test func resumingAFinishedSweepSaysSo() throws {
        let directory = try TemporaryDirectory()
        let arguments = ["sweep"] + smallTrainingArguments(directory.path("unused.h5")).dropLast(3)
            + ["--quiet", "--seeds", "0-1", "--out", directory.path("sweep/")]
        #expect(try CommandLineTools.run("lr-train", arguments).status == 0)
        let again = try CommandLineTools.run("lr-train", arguments + ["--resume"])
        #expect(again.status == 0)
        #expect(again.standardError.hasPrefix("lr-train: note: \(directory.path("sweep"))/: every run of this sweep (2) is already finished; nothing to train\n"),
                "\(again.standardError)")
    }

    @Test func checkpointMetricsUseEvalExamplesAndStoreIt() throws {
        let directory = try TemporaryDirectory()
        var losses = [String: Double]()
        for count in ["100", "all"] {
            let run = directory.path("run-\(count).h5")
            let outcome = try CommandLineTools.run("lr-train", smallTrainingArguments(run) + ["--eval-examples", count])
            #expect(outcome.status == 0, "\(outcome.standardError)")
            let reader = try RunReader(path: run)
            #expect(reader.trainingAttributes["eval_examples"] == count)
            losses[count] = try reader.metric("test_loss", count: 1)?.first
        }
        // gaussian:6x4 has 1024 test examples: the first 100 give another mean loss.
        #expect(losses["100"] != nil && losses["all"] != nil && losses["100"] != losses["all"])
        let refused = try CommandLineTools.run("lr-train", smallTrainingArguments(directory.path("x.h5")) + ["--eval-examples", "0"])
        #expect(refused.status == 64)
    }

    @Test func betaIsPrintedWithoutSinglePrecisionNoise() throws {
        let directory = try TemporaryDirectory()
        let sweep = CommandLineTools.repositoryRoot.appendingPathComponent("samples/dvib-gaussian-sweep").path
        try FileManager.default.copyItem(atPath: sweep, toPath: directory.path("sweep"))
        let runs = try FileManager.default.contentsOfDirectory(atPath: directory.path("sweep")).filter { $0.hasPrefix("beta-") && !$0.hasSuffix(".lr.h5") }
        let outcome = try CommandLineTools.run("lr-analyze", runs.map { directory.path("sweep/\($0)") } + ["--by", "beta", "--eps", "0.1", "--quiet"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardOutput.contains("\n0.00316228 "), "\(outcome.standardOutput)")
        #expect(!outcome.standardOutput.contains("0.0031622776"), "\(outcome.standardOutput)")
    }

    @Test func chartsArePNGOrPDFByTheirExtensionAndOtherExtensionsAreRefused() throws {
        let directory = try TemporaryDirectory()
        let run = directory.path("run.h5")
        #expect(try CommandLineTools.run("lr-train", smallTrainingArguments(run)).status == 0)
        for (name, magic) in [("rank.png", [0x89, 0x50, 0x4E, 0x47] as [UInt8]), ("rank.pdf", Array("%PDF".utf8))] {
            let outcome = try CommandLineTools.run("lr-analyze", [run, "--quiet", "--plot", directory.path(name)])
            #expect(outcome.status == 0, "\(outcome.standardError)")
            let bytes = try Data(contentsOf: URL(fileURLWithPath: directory.path(name)))
            #expect(Array(bytes.prefix(4)) == magic, "\(name) is not what its extension says")
            #expect(bytes.count > 2000)
        }
        let refused = try CommandLineTools.run("lr-analyze", [run, "--quiet", "--plot", directory.path("rank.jpg")])
        #expect(refused.status == 64)
        #expect(onlyLine(refused, tool: "lr-analyze").contains("charts are written as .svg, .png or .pdf"))
        #expect(!FileManager.default.fileExists(atPath: directory.path("rank.jpg")))
    }
}
