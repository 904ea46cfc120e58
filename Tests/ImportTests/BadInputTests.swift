import Foundation
import LocalRankTestSupport
import RunFormat
import Testing

/// Every kind of bad input is refused with one line naming the file and the problem, exit
/// status 1 and no output left behind.
@Suite struct BadInputTests {
    /// A scratch directory with a valid 5 → 4 → 3 network at step 1 (`step-1.safetensors`)
    /// and a valid probe (`probe.npy`, float32 [6, 5]).
    final class Scratch {
        let directory: TemporaryDirectory
        let good: String
        let probe: String

        init() throws {
            directory = try TemporaryDirectory(prefix: "lr-import-bad")
            good = directory.path("step-1.safetensors")
            probe = directory.path("probe.npy")
            try write(sequentialMLP([5, 4, 3]), to: good)
            try write(npyBytes(descr: "<f4", shape: [6, 5], data: floatBytes((0..<30).map { Float($0) / 10 })), to: probe)
        }

        func path(_ name: String) -> String { directory.path(name) }
        var out: String { directory.path("run.h5") }

        /// Writes `data` as `name` and expects `lr-import safetensors` of it (after the good
        /// checkpoint when `withGood`) to be refused naming it.
        func expectSafetensorsRefusal(_ name: String, _ data: Data, says: String, withGood: Bool = false,
                                      sourceLocation: SourceLocation = #_sourceLocation) throws {
            let path = self.path(name)
            try write(data, to: path)
            try expectRefusal(["safetensors"] + (withGood ? [good] : []) + [path, "--activations", "relu", "--probe", probe],
                              out: out, file: path, says: says, sourceLocation: sourceLocation)
        }
    }

    @Test func helpDescribesTheOptions() throws {
        for command in ["keras", "safetensors"] {
            let outcome = try CommandLineTools.run("lr-import", [command, "--help"])
            #expect(outcome.status == 0)
            for option in ["--probe", "--targets", "--task", "--activations", "--layers", "--steps", "--out", "--force", "--quiet"] {
                #expect(outcome.standardOutput.contains(option), "\(command) help lacks \(option)")
            }
        }
    }

    /// The good input: the one line a user reads, and a run that holds what the files held.
    @Test func theGoodInputImports() throws {
        let scratch = try Scratch()
        let outcome = try runImport(["safetensors", scratch.good, "--activations", "relu", "--probe", scratch.probe, "--out", scratch.out])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardError == "lr-import: wrote \(scratch.out): 1 checkpoint (step 1), layers 5→4→3, relu, 6 probe inputs, regression (no targets given)\n")
        #expect(outcome.standardOutput.isEmpty)
        let run = try RunReader(path: scratch.out)
        #expect(try run.steps() == [1])
        #expect(run.model.layerSizes == [5, 4, 3] && run.model.activations == [.relu, .identity])
        let probe = try run.probe()
        #expect(probe.count == 6 && probe.inputs == (0..<30).map { Float($0) / 10 } && probe.targets == nil)
        #expect(try run.storedWeight(checkpoint: 0, layer: 1) == (0..<12).map { sin(Float($0) + 1) }, "layer 1's weight, [3, 4] as stored")
    }

    @Test func truncatedAndCorruptSafetensors() throws {
        let scratch = try Scratch()
        let good = try Data(contentsOf: URL(fileURLWithPath: scratch.good))
        try scratch.expectSafetensorsRefusal("step-2.safetensors", good.prefix(good.count - 10), says: "outside the data area")
        try scratch.expectSafetensorsRefusal("step-3.safetensors", good.prefix(40), says: "larger than the rest of the file")
        try scratch.expectSafetensorsRefusal("step-4.safetensors", good.prefix(5), says: "too short")
        try scratch.expectSafetensorsRefusal("step-5.safetensors", Data(), says: "too short")
        try scratch.expectSafetensorsRefusal("step-6.safetensors", safetensorsBytes(header: "{\"a\": [1, 2", data: []), says: "not valid JSON")
        try scratch.expectSafetensorsRefusal(
            "step-7.safetensors", safetensorsBytes(header: "{\"0.weight\": {\"dtype\": \"F32\", \"shape\": \"4x5\", \"data_offsets\": [0, 80]}}", data: []),
            says: "not a valid header")
        try scratch.expectSafetensorsRefusal("step-8.safetensors", Data("This is a text file, not tensors at all.\n".utf8),
                                             says: "exceeds the limit")
        var invalidUTF8 = Array(safetensorsBytes(header: "{\"x\": 1}", data: []))
        invalidUTF8[10] = 0xFF
        try scratch.expectSafetensorsRefusal("step-9.safetensors", Data(invalidUTF8), says: "not valid UTF-8")
    }

    @Test func headerLengthBeyondTheFileOrTheLimit() throws {
        let scratch = try Scratch()
        let header = "{\"0.weight\":{\"dtype\":\"F32\",\"shape\":[1,1],\"data_offsets\":[0,4]}}"
        try scratch.expectSafetensorsRefusal("step-2.safetensors", safetensorsBytes(header: header, data: [0, 0, 0, 0], headerLength: 5000),
                                             says: "larger than the rest of the file")
        try scratch.expectSafetensorsRefusal("step-3.safetensors", safetensorsBytes(header: header, data: [0, 0, 0, 0], headerLength: 100_000_001),
                                             says: "exceeds the limit of 100000000 bytes")
        try scratch.expectSafetensorsRefusal("step-4.safetensors", safetensorsBytes(header: header, data: [0, 0, 0, 0], headerLength: .max),
                                             says: "exceeds the limit")
    }

    @Test func offsetsOverlapsAndSpans() throws {
        let scratch = try Scratch()
        let data = [UInt8](repeating: 0, count: 64)
        func header(_ entries: String) -> String { "{" + entries + "}" }
        try scratch.expectSafetensorsRefusal(
            "step-2.safetensors",
            safetensorsBytes(header: header("\"0.weight\":{\"dtype\":\"F32\",\"shape\":[4,4],\"data_offsets\":[0,64]},\"0.bias\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[64,80]}"), data: data),
            says: "outside the data area")
        try scratch.expectSafetensorsRefusal(
            "step-3.safetensors",
            safetensorsBytes(header: header("\"0.weight\":{\"dtype\":\"F32\",\"shape\":[3,4],\"data_offsets\":[0,48]},\"0.bias\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[40,56]}"), data: Array(data.prefix(56))),
            says: "overlap")
        try scratch.expectSafetensorsRefusal(
            "step-4.safetensors",
            safetensorsBytes(header: header("\"0.weight\":{\"dtype\":\"F32\",\"shape\":[4,4],\"data_offsets\":[0,60]}"), data: Array(data.prefix(60))),
            says: "needs 64 bytes but data_offsets [0, 60] span 60")
        try scratch.expectSafetensorsRefusal(
            "step-5.safetensors",
            safetensorsBytes(header: header("\"0.weight\":{\"dtype\":\"F32\",\"shape\":[4,4],\"data_offsets\":[32,-1]}"), data: data),
            says: "outside the data area")
        try scratch.expectSafetensorsRefusal(
            "step-6.safetensors",
            safetensorsBytes(header: header("\"0.weight\":{\"dtype\":\"F32\",\"shape\":[4611686018427387904,4],\"data_offsets\":[0,64]}"), data: data),
            says: "too large")
        try scratch.expectSafetensorsRefusal(
            "step-7.safetensors",
            safetensorsBytes(header: header("\"0.weight\":{\"dtype\":\"F32\",\"shape\":[2,4],\"data_offsets\":[0,32]}"), data: data),
            says: "32 bytes after the last tensor belong to no tensor")
    }

    @Test func dtypesOtherThanFloatsAreRefusedByName() throws {
        let scratch = try Scratch()
        let data = [UInt8](repeating: 0, count: 32)
        try scratch.expectSafetensorsRefusal(
            "step-2.safetensors",
            safetensorsBytes(header: "{\"0.weight\":{\"dtype\":\"F7\",\"shape\":[2,4],\"data_offsets\":[0,32]}}", data: data),
            says: "unknown dtype \"F7\"")
        try scratch.expectSafetensorsRefusal(
            "step-3.safetensors",
            safetensorsBytes(header: "{\"0.weight\":{\"dtype\":\"I64\",\"shape\":[2,2],\"data_offsets\":[0,32]}}", data: data),
            says: "has dtype I64; F32, F64, F16 and BF16 weights can be imported")
    }

    @Test func shapesThatDoNotChainOrDifferBetweenCheckpoints() throws {
        let scratch = try Scratch()
        // Layer 0 outputs 4, layer 1 takes 6.
        var tensors: [(String, [Int], [Float])] = [("0.weight", [4, 5], [Float](repeating: 0.5, count: 20)), ("0.bias", [4], [0, 0, 0, 0])]
        tensors.append(("2.weight", [3, 6], [Float](repeating: 0.5, count: 18)))
        try scratch.expectSafetensorsRefusal("step-2.safetensors", safetensorsFile(tensors), says: "do not chain")
        // A bias whose length is not the layer's output width.
        try scratch.expectSafetensorsRefusal(
            "step-3.safetensors", safetensorsFile([("0.weight", [4, 5], [Float](repeating: 0.5, count: 20)), ("0.bias", [3], [0, 0, 0])]),
            says: "needs shape [4]")
        // A second checkpoint of another network.
        try scratch.expectSafetensorsRefusal("step-4.safetensors", sequentialMLP([5, 6, 3]), says: "all checkpoints must hold the same network",
                                             withGood: true)
        try scratch.expectSafetensorsRefusal("step-5.safetensors", sequentialMLP([5, 4, 2, 3]), says: "all checkpoints must hold the same network",
                                             withGood: true)
        // A tensor that is not part of a Linear layer (a BatchNorm's running mean).
        var withNorm: [(String, [Int], [Float])] = [("0.weight", [4, 5], [Float](repeating: 0.5, count: 20))]
        withNorm.append(("1.running_mean", [4], [0, 0, 0, 0]))
        try scratch.expectSafetensorsRefusal("step-6.safetensors", safetensorsFile(withNorm), says: "does not belong to a Linear layer")
    }

    @Test func probesAndTargets() throws {
        let scratch = try Scratch()
        func expectProbeRefusal(_ name: String, _ data: Data, says: String, asTargets: Bool = false,
                                sourceLocation: SourceLocation = #_sourceLocation) throws {
            let path = scratch.path(name)
            try write(data, to: path)
            let arguments = ["safetensors", scratch.good, "--activations", "relu", "--probe", asTargets ? scratch.probe : path]
                + (asTargets ? ["--targets", path] : [])
            try expectRefusal(arguments, out: scratch.out, file: path, says: says, sourceLocation: sourceLocation)
        }
        let values = floatBytes((0..<24).map { Float($0) })
        try expectProbeRefusal("wide.npy", npyBytes(descr: "<f4", shape: [6, 4], data: values), says: "width 4")
        try expectProbeRefusal("fortran.npy", npyBytes(descr: "<f4", shape: [6, 5], fortranOrder: true, data: values + floatBytes([0, 0, 0, 0, 0, 0])),
                               says: "Fortran order")
        try expectProbeRefusal("ints.npy", npyBytes(descr: "<i4", shape: [6, 5], data: [UInt8](repeating: 0, count: 120)), says: "dtype is '<i4'")
        try expectProbeRefusal("big.npy", npyBytes(descr: ">f4", shape: [6, 5], data: [UInt8](repeating: 0, count: 120)), says: "dtype is '>f4'")
        try expectProbeRefusal("objects.npy", npyBytes(descr: "|O", shape: [6, 5], data: []), says: "dtype is '|O'")
        try expectProbeRefusal("short.npy", npyBytes(descr: "<f4", shape: [6, 5], data: values), says: "truncated")
        try expectProbeRefusal("notnpy.npy", Data("x,y\n1,2\n".utf8), says: "not a NumPy .npy file")
        try expectProbeRefusal("nan.npy", npyBytes(descr: "<f4", shape: [6, 5], data: floatBytes([Float](repeating: .nan, count: 30))), says: "NaN")
        // Targets: one row per probe input; labels that are classes of the 3-output network.
        try expectProbeRefusal("labels5.npy", npyBytes(descr: "<i8", shape: [5], data: [UInt8](repeating: 0, count: 40)), says: "one target row per input",
                               asTargets: true)
        var labels = [UInt8](repeating: 0, count: 48)
        labels[8] = 7
        try expectProbeRefusal("labels7.npy", npyBytes(descr: "<i8", shape: [6], data: labels), says: "the label 7 is not a class", asTargets: true)
        try expectProbeRefusal("regression.npy", npyBytes(descr: "<f4", shape: [6, 2], data: floatBytes([Float](repeating: 1, count: 12))),
                               says: "regression targets need shape [6, 3]", asTargets: true)
        // A dataset that does not exist, in an HDF5 file that does.
        try expectRefusal(["safetensors", scratch.good, "--activations", "relu", "--probe", scratch.good + ":/probe/x"],
                          out: scratch.out, file: scratch.good, says: "not a readable HDF5 file")
    }

    @Test func picklesAreNeverOpened() throws {
        let scratch = try Scratch()
        for name in ["model.pt", "step-3.pth", "pytorch_model.bin", "last.ckpt"] {
            let path = scratch.path(name)
            // A pickle that would run code if loaded: lr-import must not even try.
            try write(Data([0x80, 0x04, 0x95] + Array("cos\nsystem\n(S'touch /tmp/pwned'\ntR.".utf8)), to: path)
            try expectRefusal(["safetensors", path, "--steps", "3", "--activations", "relu", "--probe", scratch.probe],
                              out: scratch.out, file: path, says: "unpickling runs arbitrary code")
            try expectRefusal(["safetensors", path, "--steps", "3", "--activations", "relu", "--probe", scratch.probe],
                              out: scratch.out, file: path, says: "safetensors.torch.save_file(model.state_dict(), \"step-100.safetensors\")")
            try expectRefusal(["keras", path, "--steps", "3", "--activations", "relu", "--probe", scratch.probe],
                              out: scratch.out, file: path, says: "unpickling runs arbitrary code")
        }
        // torch.save's zip format, renamed to .safetensors.
        try scratch.expectSafetensorsRefusal("step-2.safetensors", Data([0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0, count: 60)),
                                             says: "unpickling runs arbitrary code")
    }

    @Test func stepsAndFileNames() throws {
        let scratch = try Scratch()
        let twin = scratch.path("run-b-1.safetensors")
        try write(sequentialMLP([5, 4, 3]), to: twin)
        try expectRefusal(["safetensors", scratch.good, twin, "--activations", "relu", "--probe", scratch.probe],
                          out: scratch.out, file: twin, says: "has step 1, like")
        let unnumbered = scratch.path("final.safetensors")
        try write(sequentialMLP([5, 4, 3]), to: unnumbered)
        try expectRefusal(["safetensors", unnumbered, "--activations", "relu", "--probe", scratch.probe],
                          out: scratch.out, file: unnumbered, says: "holds no step number")
        let pattern = scratch.path("nothing-*.safetensors")
        try expectRefusal(["safetensors", pattern, "--activations", "relu", "--probe", scratch.probe],
                          out: scratch.out, file: pattern, says: "matches no files")
        try expectRefusal(["safetensors", scratch.path("missing-3.safetensors"), "--activations", "relu", "--probe", scratch.probe],
                          out: scratch.out, file: scratch.path("missing-3.safetensors"), says: "no such file")
        // The activations a safetensors file cannot record must be given.
        try expectRefusal(["safetensors", scratch.good, "--probe", scratch.probe],
                          out: scratch.out, file: scratch.good, says: "do not record activations; give --activations relu")
        // An output in directories that do not exist yet: they are created, as mkdir -p would;
        // a directory that cannot be (under a regular file) is named.
        let nested = scratch.path("no/such/dir/run.h5")
        let created = try runImport(["safetensors", scratch.good, "--activations", "relu", "--probe", scratch.probe, "--out", nested])
        #expect(created.status == 0 && FileManager.default.fileExists(atPath: nested), "\(created.standardError)")
        let underFile = scratch.probe + "/sub/run.h5"
        let outcome = try runImport(["safetensors", scratch.good, "--activations", "relu", "--probe", scratch.probe, "--out", underFile])
        #expect(outcome.status == 1 && outcome.standardError.hasPrefix("lr-import: error: \(scratch.probe): cannot create the directory"),
                "\(outcome.standardError)")
    }

    @Test func badKerasFiles() throws {
        let fixtures = try ImportFixtures.get()
        let scratch = try Scratch()
        let probe = fixtures.path("probe.npy")
        let original = try Data(contentsOf: URL(fileURLWithPath: fixtures.path("keras3/epoch-3.weights.h5")))
        for (index, keep) in [original.count / 2, 3000, 600].enumerated() {
            let truncated = scratch.path("epoch-\(index + 2).weights.h5")
            try write(original.prefix(keep), to: truncated)
            try expectRefusal(["keras", truncated, "--activations", "relu", "--probe", probe], out: scratch.out, file: truncated,
                              says: "not a readable HDF5 file")
        }
        var corrupt = original
        corrupt.replaceSubrange(0..<8, with: Data("GARBAGE!".utf8))
        let corruptPath = scratch.path("epoch-7.weights.h5")
        try write(corrupt, to: corruptPath)
        try expectRefusal(["keras", corruptPath, "--activations", "relu", "--probe", probe], out: scratch.out, file: corruptPath,
                          says: "not a readable HDF5 file")
        // An HDF5 file that is not a Keras file (a run file).
        try expectRefusal(["keras", fixtures.path("probe.h5"), "--steps", "1", "--activations", "relu", "--probe", probe],
                          out: scratch.out, file: fixtures.path("probe.h5"), says: "not a Keras weights file")
        // A checkpoint of another network among the others.
        try expectRefusal(["keras", fixtures.path("keras3/*.weights.h5"), fixtures.path("mismatch/*.weights.h5"), "--activations", "relu",
                           "--probe", probe],
                          out: scratch.out, file: fixtures.path("mismatch/epoch-12.weights.h5"), says: "all checkpoints must hold the same network")
        // The wrong probe width.
        try expectRefusal(["keras", fixtures.path("keras3/epoch-1.weights.h5"), "--activations", "relu", "--probe", fixtures.path("probe64.npy")],
                          out: scratch.out, file: fixtures.path("probe64.npy"), says: "the first layer takes 6 inputs")
    }
}
