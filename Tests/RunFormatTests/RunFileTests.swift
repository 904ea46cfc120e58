import Foundation
import HDF5
import LocalRankTestSupport
import RunFormat
import Testing
import Vocabulary

/// RunWriter, RunReader and RunValidator in process, on small files.
@Suite struct RunFileTests {
    /// On an input of shape (1, 1, 3): a conv2d layer to (2, 1, 2), flattened, then a dense layer; sizes [3, 4, 2].
    static let convolutionalLayers = try! LayerStack(inputShape: FeatureShape(channels: 1, height: 1, width: 3), layers: [
        .conv2d(.init(inChannels: 1, outChannels: 2, kernel: Extent2D(1, 2), stride: Extent2D(1, 1), padding: Extent2D(0, 0))),
        .flatten, .dense(inFeatures: 4, outFeatures: 2),
    ])

    static func header(architecture: Architecture = .mlp) -> RunHeader {
        let dvib = architecture == .dvib
        let sizes = dvib ? [3, 4, 2] : [3, 4, 2]
        var model = ModelDescription(architecture: architecture, layerSizes: sizes, activations: [.relu, .identity],
                                     bottleneck: dvib ? .init(layer: 0, dimensions: 2, beta: 0.01) : nil)
        if architecture == .cnn { model = ModelDescription(layers: convolutionalLayers, activations: [.relu, .identity]) }
        return RunHeader(
            producer: "RunFileTests",
            model: model,
            data: DataDescription(task: .regression, name: "unit", seed: 1, trainCount: 10, testCount: 5, source: "made up"),
            probe: Probe(inputs: (0..<6).map(Float.init), inputDimensions: 3, targets: [0, 1, 2, 3], targetWidth: 2),
            trainingAttributes: ["steps": "20"], storesActivations: false, parameterCount: 0,
            metricNames: ["train_loss", "test_loss"])
    }

    static func record(step: Int, model: ModelDescription) -> CheckpointRecord {
        let layers = 0..<model.layerCount
        return CheckpointRecord(
            step: step, epoch: Double(step), wallTime: 0.5, metrics: ["train_loss": 1, "test_loss": 2],
            weights: layers.map { l in (0..<model.weightShape(layer: l).reduce(1, *)).map { Float($0 + step) } },
            biases: layers.map { l in [Float](repeating: Float(step), count: model.biasWidth(layer: l)) })
    }

    func writeRun(_ path: String, header: RunHeader = header(), steps: [Int] = [0, 10, 20]) throws {
        let writer = try RunWriter.create(path: path, header: header, overwrite: false)
        for step in steps { try writer.append(Self.record(step: step, model: header.model)) }
        try writer.close()
    }

    @Test("what RunWriter writes is strictly valid and reads back as written")
    func roundTrip() throws {
        let directory = try TemporaryDirectory(prefix: "runformat")
        for architecture in Architecture.allCases {
            let path = directory.path("\(architecture).h5")
            let header = Self.header(architecture: architecture)
            try writeRun(path, header: header)
            #expect(RunValidator(scope: .complete).problems(inFile: path) == [])
            let reader = try RunReader(path: path)
            #expect(reader.model == header.model && reader.data == header.data)
            #expect(try reader.steps() == [0, 10, 20])
            #expect(try reader.metricNames() == ["test_loss", "train_loss"])
            #expect(try reader.metric("test_loss", count: 3) == [2, 2, 2])
            #expect(try reader.metric("absent", count: 3) == nil)
            #expect(try reader.probe() == header.probe)
            let last = Self.record(step: 20, model: header.model)
            #expect(try reader.storedWeight(checkpoint: 2, layer: 1) == last.weights[1])
            #expect(try reader.storedBias(checkpoint: 2, layer: 0) == last.biases[0])
            #expect(!reader.isFollowingWriter)
        }
    }

    @Test("every [C, …] dataset is chunked one checkpoint per chunk, shuffled, deflated and checksummed")
    func storage() throws {
        let directory = try TemporaryDirectory(prefix: "runformat")
        let path = directory.path("run.h5")
        try writeRun(path)
        let file = try HDF5File.open(path)
        for name in [RunLayout.steps, RunLayout.metric("train_loss"), RunLayout.weight(layer: 1), RunLayout.bias(layer: 0)] {
            let dataset = try file.root.openDataset(name)
            #expect(try dataset.isChecksummed && dataset.isShuffled && dataset.deflateLevel == RunLayout.deflateLevel, "\(name)")
            #expect(try dataset.maximumShape.first == .some(nil), "\(name)")
        }
    }

    @Test("the analysis scope needs only what local rank needs; the complete scope lists every gap")
    func scopes() throws {
        let directory = try TemporaryDirectory(prefix: "runformat")
        let path = directory.path("run.h5")
        try writeRun(path)
        do {
            let file = try HDF5File.open(path, mode: .readWrite)
            let root = file.root
            try root.openGroup(RunLayout.data).removeAttribute(RunLayout.DataAttribute.name)
            try root.openGroup(RunLayout.model).setAttribute(RunLayout.ModelAttribute.activations, ["relu", "gelu"])
            try file.close()
        }
        let problems = RunValidator(scope: .complete).problems(inFile: path).map(\.description)
        #expect(problems == ["/model@activations: holds \"gelu\", expected one of \"relu\", \"tanh\", \"identity\"",
                             "/data@name: missing attribute"])
        // The unknown activation blocks the analysis; the missing name does not.
        #expect(RunValidator(scope: .analysis).problems(inFile: path).map(\.path) == ["/model@activations"])
        #expect(throws: RunFormatError.self) { try RunReader(path: path) }
    }

    @Test("a file that is not HDF5, or not a run, is one problem at the root")
    func notARun() throws {
        let directory = try TemporaryDirectory(prefix: "runformat")
        let text = directory.path("text.h5")
        try Data("hello, this is not HDF5 at all\n".utf8).write(to: URL(fileURLWithPath: text))
        let problems = RunValidator(scope: .analysis).problems(inFile: text)
        #expect(problems.count == 1 && problems[0].path == "/" && problems[0].message.hasPrefix("not an HDF5 file"))
        let other = directory.path("other.h5")
        try HDF5File.create(other).close()
        #expect(RunValidator(scope: .complete).problems(inFile: other).map(\.description)
                == ["/@format: not a local-rank run file (no root attribute \"format\")"])
        let error = try #require(throws: RunFormatError.self) { try RunReader(path: other) }
        #expect(error.kind == .notARun)
    }
}
