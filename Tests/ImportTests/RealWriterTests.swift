import Foundation
import HDF5
import LocalRankTestSupport
import RunFormat
import Testing

/// Checkpoints written by Keras 3 and the safetensors package, imported, analyzed by
/// lr-analyze and compared with numpy's float64 local rank of the original arrays.
@Suite struct RealWriterTests {
    static let kerasActivations = "relu,tanh,relu,relu,tanh"

    /// The run's model, data and steps, after checking it against run format v1
    /// (strictly: lr-train's storage conventions too).
    func inspect(_ run: String) throws -> (RunReader, [Int]) {
        let reader = try RunReader(path: run)
        let problems = RunValidator(scope: .complete).problems(inFile: run)
        #expect(problems.isEmpty, "\(problems)")
        return (reader, try reader.steps())
    }

    func source(_ reader: RunReader) -> String { reader.data.source ?? "" }

    func weights(_ run: String, layer: Int) throws -> [Float] {
        try HDF5File.open(run).root.openDataset(RunLayout.weight(layer: layer)).read(as: Float.self)
    }

    @Test func kerasWeightsCheckpointsAgreeWithNumpy() throws {
        let fixtures = try ImportFixtures.get()
        let scratch = try TemporaryDirectory(prefix: "lr-import-test")
        let run = scratch.path("keras3.h5")
        // The pattern is quoted: lr-import expands it, and sorts epoch-10 after epoch-9.
        let outcome = try runImport(["keras", fixtures.path("keras3/epoch-*.weights.h5"), "--activations", Self.kerasActivations,
                                     "--probe", fixtures.path("probe.npy"), "--targets", fixtures.path("labels.npy"), "--out", run])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardError.hasPrefix("lr-import: wrote \(run): 11 checkpoints (steps 1…11)"), "\(outcome.standardError)")
        let (reader, steps) = try inspect(run)
        #expect(steps == Array(1...11))
        #expect(reader.model.layerSizes == [6, 8, 8, 7, 6, 5, 3])
        #expect(reader.model.activations == [.relu, .tanh, .relu, .relu, .tanh, .identity])
        #expect(reader.data.task == .classification)
        #expect(source(reader).contains("keras3/epoch-10.weights.h5 (step 10)"))
        #expect(source(reader).contains("Keras 3 .weights.h5"))
        try expectAgreement(run, with: fixtures.references["keras3"]!)
    }

    @Test func legacyKerasModelsBringTheirActivations() throws {
        let fixtures = try ImportFixtures.get()
        let scratch = try TemporaryDirectory(prefix: "lr-import-test")
        let run = scratch.path("legacy.h5")
        // No --activations: the legacy layout records them in model_config. The probe is
        // an HDF5 dataset this time.
        let outcome = try runImport(["keras", fixtures.path("legacy/*.h5"), "--probe", fixtures.path("probe.h5") + ":/probe/x",
                                     "--targets", fixtures.path("labels.npy"), "--out", run])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let (reader, steps) = try inspect(run)
        #expect(steps == Array(1...11))
        #expect(reader.model.activations == [.relu, .tanh, .relu, .relu, .tanh, .identity])
        #expect(source(reader).contains("legacy Keras .h5 model") && source(reader).contains("activations from the files"))
        try expectAgreement(run, with: fixtures.references["legacy"]!)

        // Contradicting the file is refused.
        try expectRefusal(["keras", fixtures.path("legacy/*.h5"), "--probe", fixtures.path("probe.npy"), "--activations", "relu"],
                          out: scratch.path("contradiction.h5"), file: fixtures.path("legacy/epoch-1.h5"), says: "records tanh")
    }

    @Test func legacyWeightsOnlyFilesNeedActivations() throws {
        let fixtures = try ImportFixtures.get()
        let scratch = try TemporaryDirectory(prefix: "lr-import-test")
        let file = fixtures.path("legacy-weights/epoch-11.h5")
        // Keras 2's save_weights layout has no model_config, so no activations.
        try expectRefusal(["keras", file, "--probe", fixtures.path("probe.npy")], out: scratch.path("none.h5"), file: file,
                          says: "legacy Keras .h5 weights files do not record activations")
        let run = scratch.path("weights.h5"), keras = scratch.path("keras3.h5")
        for (input, output) in [(file, run), (fixtures.path("keras3/epoch-11.weights.h5"), keras)] {
            let outcome = try runImport(["keras", input, "--activations", Self.kerasActivations, "--probe", fixtures.path("probe.npy"), "--out", output])
            #expect(outcome.status == 0, "\(outcome.standardError)")
        }
        #expect(try RunReader(path: run).model.layerSizes == [6, 8, 8, 7, 6, 5, 3])
        for layer in 0..<6 {
            #expect(try weights(run, layer: layer) == weights(keras, layer: layer), "layer \(layer)")
        }
    }

    @Test func safetensorsWithSequentialNamesAgreeWithNumpy() throws {
        let fixtures = try ImportFixtures.get()
        let scratch = try TemporaryDirectory(prefix: "lr-import-test")
        let run = scratch.path("seq.h5")
        let outcome = try runImport(["safetensors", fixtures.path("seq/step-*.safetensors"), "--activations", Self.kerasActivations,
                                     "--probe", fixtures.path("probe.npy"), "--out", run])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let (reader, steps) = try inspect(run)
        #expect(steps == Array(1...11))
        // 0, 2, 4, 6, 8, 10: module 10 comes last although "10.weight" sorts before "2.weight".
        #expect(reader.model.layerSizes == [6, 8, 8, 7, 6, 5, 3])
        #expect(reader.data.task == .regression && source(reader).contains("no probe targets given"))
        try expectAgreement(run, with: fixtures.references["seq"]!)

        // The same weights as the Keras import: Keras's [in, out] kernels were transposed.
        let keras = scratch.path("keras3.h5")
        let kerasOutcome = try runImport(["keras", fixtures.path("keras3/*.weights.h5"), "--activations", "relu",
                                          "--probe", fixtures.path("probe.npy"), "--out", keras])
        #expect(kerasOutcome.status == 0, "\(kerasOutcome.standardError)")
        for layer in 0..<6 {
            #expect(try weights(run, layer: layer) == weights(keras, layer: layer), "layer \(layer)")
        }
    }

    @Test func safetensorsWithNamedLayersAndMixedDtypesAgreeWithNumpy() throws {
        let fixtures = try ImportFixtures.get()
        let scratch = try TemporaryDirectory(prefix: "lr-import-test")
        let run = scratch.path("fc.h5")
        // fc1 is F16, fc2 F64, out's bias BF16; the probe is float64, the targets float64.
        let outcome = try runImport(["safetensors", fixtures.path("fc/*.safetensors"), "--activations", "relu,tanh",
                                     "--probe", fixtures.path("probe64.npy"), "--targets", fixtures.path("targets64.npy"), "--out", run])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let (reader, steps) = try inspect(run)
        #expect(steps == [0, 5, 50])
        #expect(reader.model.layerSizes == [5, 9, 8, 4])
        #expect(reader.data.task == .regression)
        try expectAgreement(run, with: fixtures.references["fc"]!)
    }

    @Test func layersAndStepsOptions() throws {
        let fixtures = try ImportFixtures.get()
        let scratch = try TemporaryDirectory(prefix: "lr-import-test")
        // A prefix of the network, by name.
        let part = scratch.path("part.h5")
        let outcome = try runImport(["safetensors", fixtures.path("fc/*.safetensors"), "--layers", "fc1,fc2", "--activations", "relu",
                                     "--probe", fixtures.path("probe64.npy"), "--out", part])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(try RunReader(path: part).model.layerSizes == [5, 9, 8])
        // Keras layers by group key.
        let keras = scratch.path("keras.h5")
        let kerasOutcome = try runImport(["keras", fixtures.path("keras3/epoch-1.weights.h5"), "--layers", "dense,dense_1",
                                          "--activations", "relu", "--probe", fixtures.path("probe.npy"), "--out", keras])
        #expect(kerasOutcome.status == 0, "\(kerasOutcome.standardError)")
        #expect(try RunReader(path: keras).model.layerSizes == [6, 8, 8])
        // An order whose shapes do not chain is refused with the order tried.
        try expectRefusal(["safetensors", fixtures.path("fc/*.safetensors"), "--layers", "fc2,fc1", "--activations", "relu",
                           "--probe", fixtures.path("probe64.npy")],
                          out: scratch.path("reversed.h5"), file: fixtures.path("fc/ckpt-0.safetensors"), says: "do not chain")
        // --steps pairs with the files in name order (ckpt-0, ckpt-5, ckpt-50); checkpoints are sorted by step.
        let stepped = scratch.path("stepped.h5")
        let steppedOutcome = try runImport(["safetensors", fixtures.path("fc/*.safetensors"), "--steps", "300,200,100",
                                            "--activations", "relu,tanh", "--probe", fixtures.path("probe64.npy"), "--out", stepped])
        #expect(steppedOutcome.status == 0, "\(steppedOutcome.standardError)")
        let reader = try RunReader(path: stepped)
        #expect(try reader.steps() == [100, 200, 300])
        #expect(source(reader).contains("ckpt-50.safetensors (step 100), "))
    }

    @Test func anExistingOutputNeedsForceAndSurvivesAFailedImport() throws {
        let fixtures = try ImportFixtures.get()
        let scratch = try TemporaryDirectory(prefix: "lr-import-test")
        let run = scratch.path("run.h5")
        let arguments = ["safetensors", fixtures.path("seq/step-1*.safetensors"), "--activations", "relu",
                         "--probe", fixtures.path("probe.npy"), "--out", run]
        #expect(try runImport(arguments).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: run))
        let again = try runImport(arguments)
        #expect(again.status == 1 && again.standardError == "lr-import: error: \(run): already exists; pass --force to overwrite it\n")
        // A failing import with --force leaves the existing run as it was.
        let bad = scratch.path("step-99.safetensors")
        try write(sequentialMLP([6, 4, 3]).prefix(60), to: bad)
        let failed = try runImport(["safetensors", fixtures.path("seq/step-1*.safetensors"), bad, "--activations", "relu",
                                    "--probe", fixtures.path("probe.npy"), "--out", run, "--force"])
        #expect(failed.status == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: run)) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).filter { $0.contains(".lr-import-") }
        #expect(leftovers.isEmpty)
        // With --force a good import replaces it.
        #expect(try runImport(arguments + ["--force"]).status == 0)
    }
}
