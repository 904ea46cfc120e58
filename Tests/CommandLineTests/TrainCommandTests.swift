import Foundation
import HDF5
import LocalRankTestSupport
import RunFormat
import Testing

/// A small Gaussian run: fast in a debug build, every field of the format present.
func smallTrainingArguments(_ out: String, steps: Int = 300, checkpoints: String = "every:100") -> [String] {
    ["--data", "gaussian:6x4", "--layers", "6,12,10,4", "--steps", "\(steps)", "--checkpoints", checkpoints,
     "--probe", "16", "--seed", "5", "--out", out, "--quiet"]
}

@Suite(.serialized) struct TrainCommandTests {
    @Test func helpExplainsEveryOptionWithItsDefault() throws {
        let overview = try CommandLineTools.run("lr-train", ["--help"])
        #expect(overview.status == 0)
        #expect(overview.standardOutput.contains("train (default)") && overview.standardOutput.contains("sweep"))
        let outcome = try CommandLineTools.run("lr-train", ["help", "train"])
        #expect(outcome.status == 0)
        for option in ["--preset", "--data", "--layers", "--activation", "--init", "--optimizer", "--lr", "--weight-decay",
                       "--momentum", "--batch", "--steps", "--epochs", "--train-subset", "--probe", "--probe-from", "--standardize",
                       "--checkpoints", "--no-activations", "--seed", "--out", "--force", "--resume", "--summary-json", "--help"] {
            #expect(outcome.standardOutput.contains(option), "help lacks \(option)")
        }
        #expect(outcome.standardOutput.contains("else 512"))
        #expect(outcome.standardOutput.contains("gaussian-mlp3"))
        let sweep = try CommandLineTools.run("lr-train", ["sweep", "--help"])
        for option in ["--grid", "--seeds", "--betas", "--jobs", "--out", "--resume", "--force", "--preset", "--beta"] {
            #expect(sweep.standardOutput.contains(option), "sweep help lacks \(option)")
        }
    }

    @Test func writesAValidRunThatH5pyReadsField() throws {
        try Python.requireModules(["h5py", "numpy"])
        let directory = try TemporaryDirectory()
        let run = directory.path("run.h5")
        let outcome = try CommandLineTools.run("lr-train", smallTrainingArguments(run))
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardError.contains("steps/s"))

        let file = try HDF5File.open(run)
        #expect(RunValidator(scope: .complete).problems(in: file) == [])
        try file.close()
        let reader = try RunReader(path: run)
        #expect(try reader.steps() == [0, 100, 200, 300])

        let checker = CommandLineTools.repositoryRoot.appendingPathComponent("Tests/python/check_run_file.py").path
        let report = try Python.run("import runpy, sys; sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')",
                                    arguments: [checker, run, "--expect-activations", "--expect-task", "regression"])
        #expect(report.contains("OK"))
    }

    @Test func gaussianTrainingLossEndsFarBelowTheTargetVariance() throws {
        let directory = try TemporaryDirectory()
        let run = directory.path("gauss.h5")
        let outcome = try CommandLineTools.run("lr-train", ["--preset", "gaussian-mlp3", "--steps", "3000", "--checkpoints", "none",
                                                            "--no-activations", "--out", run, "--quiet"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let reader = try RunReader(path: run)
        let count = try reader.checkpointCount()
        let loss = try #require(try reader.metric("train_loss", count: count)?.last)
        // Mean variance of the targets: the y block of the stored joint covariance.
        let (covariance, width) = try reader.jointCovariance()
        let nx = reader.model.layerSizes[0]
        let targetVariance = (nx..<width).map { covariance[$0 * width + $0] }.reduce(0, +) / Double(width - nx)
        #expect(loss < 0.25 * targetVariance, "train loss \(loss) vs target variance \(targetVariance)")
    }

    @Test func refusesToOverwriteWithoutForce() throws {
        let directory = try TemporaryDirectory()
        let run = directory.path("run.h5")
        try Data("precious".utf8).write(to: URL(fileURLWithPath: run))
        let outcome = try CommandLineTools.run("lr-train", smallTrainingArguments(run))
        #expect(outcome.status != 0)
        #expect(outcome.standardError.contains(run) && outcome.standardError.contains("--force"))
        #expect(try String(contentsOfFile: run, encoding: .utf8) == "precious")
        #expect(try CommandLineTools.run("lr-train", smallTrainingArguments(run) + ["--force"]).status == 0)
    }

    @Test func aDivergingLossStopsWithAClearMessageAndKeepsCheckpoints() throws {
        let directory = try TemporaryDirectory()
        let run = directory.path("nan.h5")
        let outcome = try CommandLineTools.run("lr-train", smallTrainingArguments(run, steps: 2000, checkpoints: "0,1") +
                                               ["--optimizer", "sgd", "--lr", "1e9"])
        #expect(outcome.status == 3)
        #expect(outcome.standardError.contains("loss became"))
        #expect(outcome.standardError.split(separator: "\n").count == 1)
        let reader = try RunReader(path: run)
        #expect(try reader.steps() == [0, 1])
    }

    @Test func badFlagsGiveOneClearLine() throws {
        let directory = try TemporaryDirectory()
        for arguments in [["--preset", "nonsense", "--out", directory.path("a.h5")],
                          ["--data", "gaussian", "--layers", "32,x", "--out", directory.path("b.h5")],
                          ["--data", "idx:/nonexistent", "--layers", "784,10", "--out", directory.path("c.h5")],
                          ["--preset", "gaussian-mlp3", "--steps", "-4", "--out", directory.path("d.h5")]] {
            let outcome = try CommandLineTools.run("lr-train", arguments)
            #expect(outcome.status != 0, "\(arguments)")
            #expect(!outcome.standardError.contains("Fatal error"), "\(arguments)")
            #expect(!FileManager.default.fileExists(atPath: arguments.last!), "\(arguments) left a file")
        }
    }

    /// SIGKILL at an arbitrary moment leaves a readable file with every completed
    /// checkpoint; --resume then ends with exactly the uninterrupted run's weights.
    @Test func killedRunsStayReadableAndResumeToTheSameWeights() throws {
        let directory = try TemporaryDirectory()
        let killed = directory.path("killed.h5"), whole = directory.path("whole.h5")
        let arguments = ["--data", "gaussian:16x8", "--layers", "16,64,64,8", "--steps", "12000", "--checkpoints", "every:400",
                         "--probe", "64", "--seed", "9", "--quiet"]
        let (process, output, error) = try CommandLineTools.start("lr-train", arguments + ["--out", killed])
        // Wait for a few checkpoints, then kill without warning.
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            usleep(300_000)
            if let reader = try? RunReader(path: killed), let count = try? reader.checkpointCount(), count >= 3 { break }
        }
        kill(process.processIdentifier, SIGKILL)
        let killedOutcome = CommandLineTools.finish(process, output, error)
        #expect(killedOutcome.status != 0)

        let reader = try RunReader(path: killed)
        let steps = try reader.steps()
        #expect(steps.count >= 3)
        #expect(steps == steps.indices.map { $0 * 400 })
        for index in steps.indices {
            #expect(try reader.storedWeight(checkpoint: index, layer: 2).count == 8 * 64)
        }
        try reader.close()

        let resumed = try CommandLineTools.run("lr-train", ["--resume", "--out", killed, "--quiet"])
        #expect(resumed.status == 0, "\(resumed.standardError)")
        let uninterrupted = try CommandLineTools.run("lr-train", arguments + ["--out", whole])
        #expect(uninterrupted.status == 0)

        let a = try RunReader(path: killed), b = try RunReader(path: whole)
        #expect(try a.steps() == b.steps())
        let last = try a.checkpointCount() - 1
        for layer in 0..<3 {
            #expect(try a.storedWeight(checkpoint: last, layer: layer) == b.storedWeight(checkpoint: last, layer: layer))
            #expect(try a.storedBias(checkpoint: last, layer: layer) == b.storedBias(checkpoint: last, layer: layer))
        }
        #expect(try a.metric("train_loss", count: last + 1) == b.metric("train_loss", count: last + 1))
    }

    /// A DVIB run continued with --resume and a raised --steps ends with the weights of a
    /// run trained to that step at once: the noise, the precision factor and Adam's moments
    /// all come back.
    @Test func dvibRunsResumeExactly() throws {
        let directory = try TemporaryDirectory()
        let split = directory.path("split.h5"), whole = directory.path("whole.h5")
        let arguments = ["--preset", "dvib-gaussian", "--beta", "0.1", "--checkpoints", "every:150", "--probe", "32", "--quiet"]
        #expect(try CommandLineTools.run("lr-train", arguments + ["--steps", "300", "--out", split]).status == 0)
        let resumed = try CommandLineTools.run("lr-train", ["--resume", "--steps", "600", "--out", split, "--quiet"])
        #expect(resumed.status == 0, "\(resumed.standardError)")
        #expect(try CommandLineTools.run("lr-train", arguments + ["--steps", "600", "--out", whole]).status == 0)
        let a = try RunReader(path: split), b = try RunReader(path: whole)
        #expect(a.model.architecture == .dvib && a.model.bottleneck?.dimensions == 8 && a.model.bottleneck?.beta == 0.1)
        #expect(try a.steps() == [0, 150, 300, 450, 600])
        #expect(try a.steps() == b.steps())
        for layer in 0..<2 {
            #expect(try a.storedWeight(checkpoint: 4, layer: layer) == b.storedWeight(checkpoint: 4, layer: layer))
        }
        #expect(try a.metric("test_kl", count: 5) == b.metric("test_kl", count: 5))
        let file = try HDF5File.openForReading(split)
        #expect(RunValidator(scope: .complete).problems(in: file) == [])
    }
}
