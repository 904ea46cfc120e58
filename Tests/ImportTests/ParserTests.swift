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
        #expect(throws: CheckpointImportError.self) { try CheckpointNaming.step(fromFileName: "dir2/final.h5") }
        #expect(throws: CheckpointImportError.self) { try CheckpointNaming.step(fromFileName: "step-99999999999999999999.safetensors") }
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
        #expect(throws: CheckpointImportError.self) { try NumpyArray(path: labels) }
        let array = try NumpyArray(path: labels, allowIntegers: true)
        #expect(array.isInteger && array.values == [1, -1, 2])
        let scalar = directory.path("scalar.npy")
        try write(npyBytes(descr: "<f8", shape: [], data: withUnsafeBytes(of: 2.5.bitPattern.littleEndian) { Array($0) }), to: scalar)
        #expect(try NumpyArray(path: scalar).values == [2.5])
    }

    @Test func activationsFromTheOptionOrTheFile() throws {
        let layers = ["a", "b", "c"]
        #expect(try ImportActivations.resolve(option: [.relu], fromFile: nil, layers: layers, file: "f", format: "x") == [.relu, .relu, .identity])
        #expect(try ImportActivations.resolve(option: [.relu, .tanh], fromFile: nil, layers: layers, file: "f", format: "x") == [.relu, .tanh, .identity])
        #expect(try ImportActivations.resolve(option: [.relu, .tanh, .relu], fromFile: nil, layers: layers, file: "f", format: "x") == [.relu, .tanh, .identity])
        #expect(try ImportActivations.resolve(option: nil, fromFile: ["relu", "linear", "softmax"], layers: layers, file: "f", format: "x") == [.relu, .identity, .identity])
        #expect(throws: CheckpointImportError.self) { try ImportActivations.resolve(option: nil, fromFile: ["sigmoid", "relu", "relu"], layers: layers, file: "f", format: "x") }
        #expect(throws: CheckpointImportError.self) { try ImportActivations.resolve(option: nil, fromFile: nil, layers: layers, file: "f", format: "x") }
        #expect(try ImportActivations.resolve(option: nil, fromFile: nil, layers: ["only"], file: "f", format: "x") == [.identity])
        #expect(ImportActivations.parseOption("relu, linear") == [.relu, .identity])
        #expect(ImportActivations.parseOption("gelu") == nil)
    }
}
