import CommandLineSupport
import RunFormat
import Testing
import Training
@testable import TrainingCommands

/// lr-train's command line in process: each value parsed once, into its type, with the line
/// a bad one gets; and how training's errors are worded.
@Suite struct TrainingCommandLineTests {
    func outcome(_ arguments: [String]) -> CommandOutcome { LRTrain.tool.run(LRTrain.self, arguments: arguments) }

    @Test func sweepValuesAreParsedIntoTheirTypes() throws {
        let options = try SweepOptions.parse(["--preset", "gaussian-mlp3", "--grid", "lr=1e-3,1e-2", "--grid", "batch=32,64",
                                              "--betas", "0.1,1", "--seeds", "0,3", "--out", "d"])
        #expect(options.grid == [GridAxis(name: "lr", values: ["1e-3", "1e-2"]), GridAxis(name: "batch", values: ["32", "64"])])
        #expect(options.betas == GridAxis(name: "beta", values: ["0.1", "1"]))
        #expect(options.seeds == SeedList(argument: "0,3"))
    }

    @Test func aBadSweepValueIsAUsageLine() {
        let base = ["sweep", "--preset", "gaussian-mlp3", "--out", "d"]
        #expect(outcome(base + ["--grid", "lr"])
                == CommandOutcome(text: "lr-train: error: --grid 'lr' is not NAME=VALUES, like weight-decay=0,1e-3 (see lr-train sweep --help)",
                                  status: .usage))
        #expect(outcome(base + ["--seeds", "3-1"]).text
                == "lr-train: error: --seeds '3-1' is not a range like 0-4 or a list of distinct seeds like 0,3,7 (see lr-train sweep --help)")
        #expect(outcome(base + ["--betas", "logspace:1:0:3"]).text
                == "lr-train: error: --grid 'beta=logspace:1:0:3': logspace takes LOW:HIGH:COUNT with 0 < LOW < HIGH and COUNT ≥ 2 (see lr-train sweep --help)")
        #expect(outcome(base + ["--grid", "lr=1", "--jobs", "0"]).text == "lr-train: error: --jobs must be at least 1 (see lr-train sweep --help)")
    }

    @Test func trainValuesAreCheckedWhereTheyAreRead() {
        #expect(outcome(["--preset", "gaussian-mlp3", "--out", "r.h5", "--lr", "-1"])
                == CommandOutcome(text: "lr-train: error: --lr must be a positive number (see lr-train --help)", status: .usage))
        #expect(outcome(["--preset", "gaussian-mlp3", "--out", "r.h5", "--steps", "0"]).text
                == "lr-train: error: --steps must be positive, not 0 (see lr-train --help)")
        #expect(outcome(["--out", "r.h5"]).text == "lr-train: error: give --preset, or both --data and --layers (see lr-train --help)")
        #expect(outcome(["--resume", "--preset", "gaussian-mlp3", "--out", "r.h5"]).text.contains("--resume continues with the run's stored settings"))
    }

    @Test func trainingErrorsNameTheFlagThatSetsTheSetting() {
        let report = LRTrain.errorReporter
        #expect(report(ConfigurationError(.outOfRange, .probe, "600 is outside 1…512, the train examples"))
                == ErrorReport("--probe: 600 is outside 1…512, the train examples"))
        #expect(report(ConfigurationError(.invalidStored, .loss, "missing from the run's /training group"))
                == ErrorReport("loss: missing from the run's /training group"))
        #expect(report(RunFormatError(.alreadyExists, file: "r.h5", problem: "already exists"))
                == ErrorReport("r.h5: already exists; pass --force to overwrite it"))
        #expect(report(TrainingStopped(file: "r.h5", loss: .nan, step: 57, checkpointsKept: 6))
                == ErrorReport("r.h5: the training loss became nan at step 57; stopped, keeping the 6 checkpoints written so far",
                               status: .trainingStopped))
        #expect(report(RunFormatError(.damaged, file: "r.h5", problem: "the file is damaged")) == nil)
    }

    @Test func theVersionIsTheOneConstant() {
        #expect(outcome(["--version"]) == CommandOutcome(text: CommandLineTool.version))
        #expect(LRTrain.tool.producer == "lr-train \(CommandLineTool.version)")
    }
}
