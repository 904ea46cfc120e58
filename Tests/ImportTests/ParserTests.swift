import CheckpointImport
import Foundation
import LocalRankTestSupport
import RunFormat
import Testing

/// The readers and rules on their own, without the command-line tool.
@Suite struct ParserTests {
    @Test func naturalOrderComparesNumbersAsNumbers() {
        let names = ["10", "2", "0", "fc10", "fc2", "fc1", "net.10", "net.2", "dense_10", "dense", "dense_2", "out"]
        let sorted = names.sorted(by: NaturalOrder.areInIncreasingOrder)
        #expect(sorted == ["0", "2", "10", "dense", "dense_2", "dense_10", "fc1", "fc2", "fc10", "net.2", "net.10", "out"])
    }

    @Test func stepsComeFromTheLastNumberInTheName() throws {
        #expect(try CheckpointNaming.step(fromFileName: "ckpt/epoch-07.weights.h5") == 7)
        #expect(try CheckpointNaming.step(fromFileName: "run3/step-1200.safetensors") == 1200)
        #expect(try CheckpointNaming.step(fromFileName: "model-v2-e15.h5") == 15)
        #expect(try CheckpointNaming.step(fromFileName: "weights.00042.hdf5") == 42)
        #expect(throws: CheckpointImportError(.incomplete, file: "dir2/final.h5", problem: "its name holds no step number (name checkpoints like step-100.h5)",
                                              remedy: .giveSteps)) {
            try CheckpointNaming.step(fromFileName: "dir2/final.h5")
        }
        let tooLarge = #expect(throws: CheckpointImportError.self) { try CheckpointNaming.step(fromFileName: "step-99999999999999999999.safetensors") }
        #expect(tooLarge?.kind == .unsupported)
        let twice = #expect(throws: CheckpointImportError.self) { try CheckpointNaming.order(["a/step-1.h5", "b/run-1.h5"]) }
        #expect(twice?.kind == .mismatch && twice?.remedy == .giveSteps && twice?.file == "b/run-1.h5")
        let ordered = try CheckpointNaming.order(["a/step-100.safetensors", "a/step-20.safetensors", "a/step-3.safetensors"])
        #expect(ordered.map(\.step) == [3, 20, 100])
    }

    @Test func safetensorsValuesOfEveryFloatType() throws {
        let directory = try TemporaryDirectory(prefix: "lr-import-parse")
        // 1.5 and -2 in F16 (0x3E00, 0xC000), BF16 (0x3FC0, 0xC000), F64 and F32.
        let f16: [UInt8] = [0x00, 0x3E, 0x00, 0xC0]
        let bf16: [UInt8] = [0xC0, 0x3F, 0x00, 0xC0]
        let f64 = [1.5, -2.0].flatMap { value in withUnsafeBytes(of: value.bitPattern.littleEndian) { Array($0) } }
        let f32 = floatBytes([1.5, -2])
        let header = """
            {"__metadata__":{"format":"pt"},\
            "d":{"dtype":"F64","shape":[2],"data_offsets":[0,16]},\
            "f":{"dtype":"F32","shape":[2],"data_offsets":[16,24]},\
            "h":{"dtype":"F16","shape":[2],"data_offsets":[24,28]},\
            "b":{"dtype":"BF16","shape":[1,2],"data_offsets":[28,32]},\
            "e":{"dtype":"I32","shape":[0],"data_offsets":[32,32]}}
            """
        let path = directory.path("all.safetensors")
        try write(safetensorsBytes(header: header, data: f64 + f32 + f16 + bf16), to: path)
        let file = try SafetensorsFile(path: path)
        #expect(file.metadata == ["format": "pt"])
        #expect(file.names == ["b", "d", "e", "f", "h"])
        for name in ["b", "d", "f", "h"] { #expect(try file.floats(name) == [1.5, -2], "\(name)") }
        #expect(file.tensors["b"]?.shape == [1, 2])
    }

    @Test func npyVersionsOneTwoAndThree() throws {
        let directory = try TemporaryDirectory(prefix: "lr-import-parse")
        for version: UInt8 in [1, 2, 3] {
            let path = directory.path("v\(version).npy")
            try write(npyBytes(descr: "<f4", shape: [2, 3], data: floatBytes([1, 2, 3, 4, 5, 6]), version: version), to: path)
            let array = try NumpyArray(path: path)
            #expect(array.shape == [2, 3] && array.values == [1, 2, 3, 4, 5, 6] && !array.isInteger)
        }
        let labels = directory.path("labels.npy")
        let int16: [UInt8] = [1, 0, 0xFF, 0xFF, 2, 0]  // 1, -1, 2
        try write(npyBytes(descr: "<i2", shape: [3], data: int16), to: labels)
        #expect(throws: CheckpointImportError(.unsupported, file: labels, problem: "the array's dtype is '<i2'; float32 or float64 (<f4, <f8) can be imported")) {
            try NumpyArray(path: labels)
        }
        let array = try NumpyArray(path: labels, allowIntegers: true)
        #expect(array.isInteger && array.values == [1, -1, 2])
        let scalar = directory.path("scalar.npy")
        try write(npyBytes(descr: "<f8", shape: [], data: withUnsafeBytes(of: 2.5.bitPattern.littleEndian) { Array($0) }), to: scalar)
        #expect(try NumpyArray(path: scalar).values == [2.5])
    }

    /// What each refusal is, for a caller to branch on: missing, unreadable, damaged, or not importable.
    @Test func refusalsCarryTheirKind() throws {
        let directory = try TemporaryDirectory(prefix: "lr-import-parse")
        func kind(_ body: () throws -> Any) -> CheckpointImportError.Kind? {
            do { _ = try body(); return nil } catch { return (error as? CheckpointImportError)?.kind }
        }
        #expect(kind { try NumpyArray(path: directory.path("missing.npy")) } == .notFound)
        #expect(kind { try NumpyArray(path: directory.url.path) } == .unreadable)
        let truncated = directory.path("short.npy")
        try write(npyBytes(descr: "<f4", shape: [2, 3], data: floatBytes([1, 2, 3])), to: truncated)
        #expect(kind { try NumpyArray(path: truncated) } == .malformed)
        let fortran = directory.path("fortran.npy")
        try write(npyBytes(descr: "<f4", shape: [1, 1], fortranOrder: true, data: floatBytes([1])), to: fortran)
        #expect(kind { try NumpyArray(path: fortran) } == .unsupported)
        let pickle = directory.path("model.pt")
        try write(Data([0x80, 0x04, 0x95] + Array("cos\nsystem\n(S'true'\ntR.".utf8)), to: pickle)
        let refused = #expect(throws: CheckpointImportError.self) { try CheckpointNaming.refusePickle(pickle) }
        #expect(refused?.kind == .unsupported && refused?.remedy == .saveAsSafetensors)
        #expect(refused?.problem == "a PyTorch/pickle checkpoint (.pt): pickles are never opened, because unpickling runs arbitrary code from the file")
        #expect(kind { try SafetensorsFile(path: pickle) } == .unsupported, "a pickle named as safetensors is told as such")
        #expect(kind { try CheckpointNaming.expand([directory.path("none-*.safetensors")]) } == .notFound)
    }

    @Test func activationsFromTheOptionOrTheFile() throws {
        let layers = ["a", "b", "c"]
        #expect(try ImportActivations.resolve(option: [.relu], fromFile: nil, layers: layers, file: "f", format: "x") == [.relu, .relu, .identity])
        #expect(try ImportActivations.resolve(option: [.relu, .tanh], fromFile: nil, layers: layers, file: "f", format: "x") == [.relu, .tanh, .identity])
        #expect(try ImportActivations.resolve(option: [.relu, .tanh, .relu], fromFile: nil, layers: layers, file: "f", format: "x") == [.relu, .tanh, .identity])
        #expect(try ImportActivations.resolve(option: nil, fromFile: ["relu", "linear", "softmax"], layers: layers, file: "f", format: "x") == [.relu, .identity, .identity])
        let sigmoid = #expect(throws: CheckpointImportError.self) {
            try ImportActivations.resolve(option: nil, fromFile: ["sigmoid", "relu", "relu"], layers: layers, file: "f", format: "x")
        }
        #expect(sigmoid?.kind == .unsupported)
        #expect(throws: CheckpointImportError(.incomplete, file: "f", problem: "x files do not record activations", remedy: .giveActivations)) {
            try ImportActivations.resolve(option: nil, fromFile: nil, layers: layers, file: "f", format: "x")
        }
        let differ = #expect(throws: CheckpointImportError.self) {
            try ImportActivations.resolve(option: [.tanh], fromFile: ["relu", "relu", "linear"], layers: layers, file: "f", format: "x")
        }
        #expect(differ?.kind == .mismatch && differ?.remedy == .omitActivations)
        #expect(try ImportActivations.resolve(option: nil, fromFile: nil, layers: ["only"], file: "f", format: "x") == [.identity])
        #expect(ImportActivations.parseOption("relu, linear") == [.relu, .identity])
        #expect(ImportActivations.parseOption("gelu") == nil)
    }
}
