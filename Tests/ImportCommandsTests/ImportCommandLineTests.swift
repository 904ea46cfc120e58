@testable import CheckpointImport
import CommandLineSupport
import Testing
@testable import ImportCommands

/// lr-import's command line in process: the values parsed once, the lines bad ones get, and
/// how a refused input is worded with the flag that gets past it.
@Suite struct ImportCommandLineTests {
    let base = ["safetensors", "step-1.safetensors", "--probe", "probe.npy", "--out", "run.h5"]

    func outcome(_ arguments: [String]) -> CommandOutcome { LRImport.tool.run(LRImport.self, arguments: arguments) }

    @Test func valuesAreParsedIntoTheirTypes() throws {
        let options = try ImportOptions.parse(["--probe", "p.npy", "--out", "r.h5", "--activations", "relu, tanh", "--layers", "fc1, fc2",
                                               "--steps", "0,100", "--task", "classification"])
        #expect(options.activations == [.relu, .tanh])
        #expect(options.layers == ["fc1", "fc2"])
        #expect(options.steps == [0, 100])
        #expect(options.task == .classification)
        #expect(try ImportOptions.activations("Linear") == [.identity], "Keras's linear is the run format's identity")
    }

    @Test func aBadValueIsOneUsageLine() {
        let cases: [([String], String)] = [
            (["--activations", "relu,gelu"], "--activations 'relu,gelu' is not relu, tanh or identity, or a comma-separated list of them"),
            (["--layers", "fc1,,fc2"], "--layers 'fc1,,fc2' is not a comma-separated list of layer names"),
            (["--layers", "fc1,fc1"], "--layers names a layer twice"),
            (["--steps", "1,-2"], "--steps '1,-2' is not a comma-separated list of non-negative integers"),
            (["--steps", ""], "--steps '' is not a comma-separated list of non-negative integers"),
        ]
        for (arguments, problem) in cases {
            #expect(outcome(base + arguments) == CommandOutcome(text: "lr-import: error: \(problem) (see lr-import safetensors --help)", status: .usage))
        }
    }

    @Test func aRefusalNamesTheFlagThatGetsPastIt() {
        let report = LRImport.errorReporter
        #expect(report(CheckpointImportError(.incomplete, file: "a.safetensors", problem: "safetensors files do not record activations",
                                             remedy: .giveActivations))?.message
                == "a.safetensors: safetensors files do not record activations; give --activations relu (one name for every hidden layer) or a list like relu,tanh (one per hidden layer)")
        #expect(report(CheckpointImportError(.output, file: "run.h5", problem: "already exists", remedy: .overwrite))
                == ErrorReport("run.h5: already exists; pass --force to overwrite it"))
        #expect(report(CheckpointImportError(.unsupported, file: "m.pt", problem: "a PyTorch/pickle checkpoint (.pt): pickles are never opened",
                                             remedy: .saveAsSafetensors))?.message.hasSuffix("and import those with lr-import safetensors") == true)
        #expect(report(CheckpointImportError(.malformed, file: "", problem: "no checkpoint files given")) == ErrorReport("no checkpoint files given"))
        struct Other: Error {}
        #expect(report(Other()) == nil)
    }

    @Test func theSummaryLineSaysWhatWasWritten() {
        let summary = ImportSummary(output: "run.h5", steps: [1, 2, 3], layerSizes: [5, 4, 3], activations: [.relu, .identity],
                                    probeCount: 6, task: .regression, targetsGiven: false)
        #expect(summary.description == "3 checkpoints (steps 1…3), layers 5→4→3, relu, 6 probe inputs, regression (no targets given)")
    }
}
