import Foundation
import HDF5
import Vocabulary

/// Reads a run file, any producer's, after checking that it holds what local rank needs
/// (`RunValidator.Scope.analysis`); everything else is optional and read as such.
///
/// The file is opened read-only, as a SWMR reader only when its superblock says a writer
/// has it open (`HDF5File.openForReading`), so that a run still training can be followed
/// (`refresh()`) and a damaged file fails quickly instead of being retried for ever.
public final class RunReader: @unchecked Sendable {
    public let path: String
    let file: HDF5File
    public let model: ModelDescription
    public let data: DataDescription
    /// Training configuration attributes (`/training`), when the producer stored them.
    public let trainingAttributes: [String: String]

    /// Opens and checks the run at `path`; `allowingExternalData` lets it read data the file
    /// keeps in other files (external links, external raw storage, virtual datasets).
    public init(path: String, allowingExternalData: Bool = false) throws {
        self.path = path
        file = try RunFormatError.reading(path) {
            try HDF5File.openForReading(path, options: .init(allowingExternalData: allowingExternalData))
        }
        let problems = RunValidator(scope: .analysis).problems(in: file)
        guard problems.isEmpty else {
            throw RunFormatError(problems: problems, file: path, followingWriter: file.isSWMRReader)
        }
        let root = file.root
        (model, data, trainingAttributes) = try RunFormatError.reading(path, followingWriter: file.isSWMRReader) {
            (try Self.readModel(root), try Self.readData(root), try Self.readTraining(root))
        }
    }

    /// Whether a writer had the file open when it was opened (it may still be growing).
    public var isFollowingWriter: Bool { file.isSWMRReader }

    /// Runs `body` on the file's root, reporting HDF5 failures as run-format errors.
    func reading<T>(_ body: (HDF5Group) throws -> T) throws -> T {
        try RunFormatError.reading(path, followingWriter: file.isSWMRReader) { try body(file.root) }
    }

    // The validator has checked every value read here that the analysis needs.
    private static func readModel(_ root: HDF5Group) throws -> ModelDescription {
        let group = try root.openGroup(RunLayout.model)
        let name = RunLayout.ModelAttribute.self
        let architecture: Architecture = try named(group.stringAttribute(name.architecture))
        var bottleneck: ModelDescription.Bottleneck?
        if architecture == .dvib {
            bottleneck = .init(layer: Int(try group.attribute(name.bottleneckLayer, as: Int64.self)),
                               dimensions: Int(try group.attribute(name.bottleneckDimensions, as: Int64.self)),
                               beta: try group.attribute(name.beta, as: Double.self))
        }
        var model = ModelDescription(
            architecture: architecture,
            layerSizes: try group.attributeArray(name.layerSizes, as: Int64.self).map(Int.init),
            activations: try group.stringArrayAttribute(name.activations).map(named),
            bottleneck: bottleneck)
        if architecture == .cnn { model.layers = try readLayers(group) }
        return model
    }

    /// A `cnn`'s layers (the validator has checked that they chain).
    static func readLayers(_ model: HDF5Group) throws -> LayerStack {
        let name = RunLayout.ModelAttribute.self
        let shape = try model.attributeArray(name.inputShape, as: Int64.self).map(Int.init)
        do {
            return try LayerStack(json: model.stringAttribute(name.layers), inputShape: shape)
        } catch let error as NetworkLayersError {
            throw HDF5Error(.invalidArgument, operation: "read the layers", path: "", message: error.description)
        }
    }

    private static func readData(_ root: HDF5Group) throws -> DataDescription {
        let group = try root.openGroup(RunLayout.data)
        let name = RunLayout.DataAttribute.self
        func optionalInteger(_ attribute: String) -> Int64? { try? group.attribute(attribute, as: Int64.self) }
        return DataDescription(
            task: try named(group.stringAttribute(name.task)),
            name: try? group.stringAttribute(name.name),
            seed: optionalInteger(name.seed),
            trainCount: optionalInteger(name.trainCount).map(Int.init),
            testCount: optionalInteger(name.testCount).map(Int.init),
            source: try? group.stringAttribute(name.source),
            probeSource: try? group.stringAttribute(name.probeSource),
            inputMean: try? group.attribute(name.inputMean, as: Double.self),
            inputStandardDeviation: try? group.attribute(name.inputStandardDeviation, as: Double.self))
    }

    /// A stored name as its enum case (the validator has checked it is one).
    private static func named<T: RawRepresentable>(_ text: String) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: text) else {
            throw HDF5Error(.invalidArgument, operation: "read a name", path: "", message: "\"\(text)\" is not a \(T.self)")
        }
        return value
    }

    /// `/training`'s attributes as text; numbers written by other producers are shown
    /// as integers when they are whole.
    private static func readTraining(_ root: HDF5Group) throws -> [String: String] {
        guard let group = try? root.openGroup(RunLayout.training) else { return [:] }
        var training = [String: String]()
        for name in try group.attributeNames() {
            if let text = try? group.stringAttribute(name) {
                training[name] = text
            } else if let number = try? group.attribute(name, as: Double.self) {
                training[name] = number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
            }
        }
        return training
    }

    /// When the file was created (`created`, ISO 8601), in seconds since 1970-01-01 UTC; nil
    /// when the producer stored none or one that does not parse.
    public func creationTime() -> Double? {
        guard let text = try? reading({ try $0.stringAttribute(RunLayout.RootAttribute.created) }),
              let date = ISO8601DateFormatter().date(from: text) else { return nil }
        return date.timeIntervalSince1970
    }

    /// Re-reads the extent of the commit record, for a run still being written.
    public func refresh() throws {
        try reading { try $0.openDataset(RunLayout.steps).refresh() }
    }

    /// The number of completed checkpoints: the length of `/checkpoints/step`, but for a last
    /// row a failed write left unfinished (`RunLayout.committedCheckpoints`).
    public func checkpointCount() throws -> Int {
        try reading { root in
            let dataset = try root.openDataset(RunLayout.steps)
            try dataset.refresh()
            return try Self.committedCheckpoints(dataset)
        }
    }

    /// `RunLayout.committedCheckpoints` of a commit record.
    static func committedCheckpoints(_ steps: HDF5Dataset) throws -> Int {
        let count = try steps.shape.first ?? 0
        let tail = min(count, 2)
        let last: [Int64] = tail == 0 ? [] : try steps.read(offset: [count - tail], count: [tail])
        return RunLayout.committedCheckpoints(count: count, lastSteps: last)
    }

    public func steps() throws -> [Int] {
        let count = try checkpointCount()
        return try readColumn(RunLayout.steps, count: count, as: Int64.self).map(Int.init)
    }

    /// The metrics stored under `/checkpoints` (one-dimensional numeric datasets besides
    /// the bookkeeping), sorted; a producer may store none.
    public func metricNames() throws -> [String] {
        try reading { root in
            try root.openGroup(RunLayout.checkpoints).memberNames().filter { name in
                guard !RunLayout.checkpointBookkeeping.contains(name),
                      let dataset = try? root.openDataset(RunLayout.metric(name)),
                      let shape = try? dataset.shape, let type = try? dataset.elementType
                else { return false }
                return shape.count == 1 && type.isNumeric
            }
        }
    }

    /// A metric (or `epoch`, `wall_time`) for the first `count` checkpoints; nil when the
    /// run does not store it or holds fewer rows.
    public func metric(_ name: String, count: Int) throws -> [Double]? {
        let path = RunLayout.metric(name)
        // Refreshed first: a SWMR reader's cached extent is the one it saw when it opened the file.
        let shape: [Int]? = try reading { root in
            guard let dataset = try? root.openDataset(path) else { return nil }
            try dataset.refresh()
            return try dataset.shape
        }
        guard let shape, shape.count == 1, shape[0] >= count else { return nil }
        return try readColumn(path, count: count, as: Double.self)
    }

    private func readColumn<T: HDF5Scalar>(_ datasetPath: String, count: Int, as type: T.Type) throws -> [T] {
        try reading { root in
            let dataset = try root.openDataset(datasetPath)
            try dataset.refresh()
            guard count > 0 else { return [] }
            return try dataset.read(as: T.self, offset: [0], count: [count])
        }
    }

    /// The probe inputs, and their targets when stored.
    public func probe() throws -> Probe {
        try reading { root in
            let x = try root.openDataset(RunLayout.probeInputs)
            let targets = try? root.openDataset(RunLayout.probeTargets)
            let targetShape = try targets?.shape
            return Probe(inputs: try x.read(as: Float.self), inputDimensions: try x.shape[1],
                         targets: try targets?.read(as: Float.self),
                         targetWidth: targetShape.map { $0.count == 2 ? $0[1] : 1 } ?? 0)
        }
    }

    /// Whether the run stores the joint covariance of synthetic Gaussian data.
    public var hasJointCovariance: Bool {
        (try? reading { $0.contains(RunLayout.jointCovariance) }) ?? false
    }

    /// The joint covariance of (x, y), `(n_0 + n_y)²` row-major, and its width.
    public func jointCovariance() throws -> (values: [Double], width: Int) {
        try reading { root in
            let dataset = try root.openDataset(RunLayout.jointCovariance)
            let shape = try dataset.shape
            guard shape.count == 2, shape[0] == shape[1] else {
                throw RunFormatError(file: path, problem: "\(RunLayout.jointCovariance) has shape \(shape), expected a square matrix")
            }
            return (try dataset.read(as: Double.self), shape[0])
        }
    }

    /// `W_l` at checkpoint k as stored (`n_{l+1} × n_l`, row-major; a conv2d layer's OIHW kernel).
    public func storedWeight(checkpoint k: Int, layer l: Int) throws -> [Float] {
        try readSlice(RunLayout.weight(layer: l), checkpoint: k, rest: model.weightShape(layer: l))
    }

    public func storedBias(checkpoint k: Int, layer l: Int) throws -> [Float] {
        try readSlice(RunLayout.bias(layer: l), checkpoint: k, rest: [model.biasWidth(layer: l)])
    }

    private func readSlice<T: HDF5Scalar>(_ datasetPath: String, checkpoint k: Int, rest: [Int]) throws -> [T] {
        try reading { root in
            let dataset = try root.openDataset(datasetPath)
            try dataset.refresh()
            let rows = try dataset.shape[0]
            guard k < rows else {
                throw RunFormatError(file: path, problem: "\(datasetPath) has \(rows) checkpoints, checkpoint \(k) was asked for")
            }
            return try dataset.read(as: T.self, offset: [k] + rest.map { _ in 0 }, count: [1] + rest)
        }
    }

    public func close() throws { try reading { _ in try file.close() } }
}
