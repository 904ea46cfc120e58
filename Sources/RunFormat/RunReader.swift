import HDF5

#if canImport(Glibc)
import Glibc
#endif

/// Reads a run file, any producer's, after validating it against run format v1.
///
/// The file is opened read-only. It is opened as an SWMR reader when it was written in
/// SWMR mode, so that a run that is still training can be followed (`refresh()`).
public final class RunReader: @unchecked Sendable {
    public let path: String
    public let file: HDF5File
    public let model: ModelDescription
    public let data: DataDescription
    /// Training configuration attributes (`/training`), when the producer stored them.
    public let trainingAttributes: [String: String]

    public init(path: String) throws {
        self.path = path
        var isFile: Bool { var s = stat(); return stat(path, &s) == 0 && (s.st_mode & S_IFMT) == S_IFREG }
        guard access(path, F_OK) == 0 else { throw RunFormatError(file: path, problem: "no such file") }
        guard isFile else { throw RunFormatError(file: path, problem: "not a regular file") }
        guard access(path, R_OK) == 0 else { throw RunFormatError(file: path, problem: "permission denied") }
        let opened: HDF5File
        do {
            opened = try HDF5File.open(path, mode: .readOnly, swmrRead: true)
        } catch {
            do {
                opened = try HDF5File.open(path, mode: .readOnly)
            } catch let error as HDF5Error {
                throw RunFormatError(file: path, problem: "not a readable HDF5 file (\(error.message))")
            }
        }
        file = opened
        let problems = RunValidator().problems(in: opened)
        if let first = problems.first {
            let more = problems.count > 1 ? " (and \(problems.count - 1) more problems)" : ""
            throw RunFormatError(file: path, problem: first + more)
        }
        (model, data, trainingAttributes) = try RunFormatError.reading(path) {
            let root = opened.root
            let modelGroup = try root.openGroup(RunLayout.model)
            let attribute = RunLayout.ModelAttribute.self
            func optionalInteger(_ name: String) throws -> Int? {
                modelGroup.hasAttribute(name) ? Int(try modelGroup.attribute(name, as: Int64.self)) : nil
            }
            let model = ModelDescription(
                architecture: try modelGroup.stringAttribute(attribute.architecture),
                layerSizes: try modelGroup.attributeArray(attribute.layerSizes, as: Int64.self).map(Int.init),
                activations: try modelGroup.stringArrayAttribute(attribute.activations),
                bottleneckLayer: try optionalInteger(attribute.bottleneckLayer),
                bottleneckDimensions: try optionalInteger(attribute.bottleneckDimensions),
                beta: modelGroup.hasAttribute(attribute.beta) ? try modelGroup.attribute(attribute.beta, as: Double.self) : nil)
            let dataGroup = try root.openGroup(RunLayout.data)
            let dataAttribute = RunLayout.DataAttribute.self
            let data = DataDescription(
                name: try dataGroup.stringAttribute(dataAttribute.name),
                task: try dataGroup.stringAttribute(dataAttribute.task),
                seed: try dataGroup.attribute(dataAttribute.seed, as: Int64.self),
                trainCount: Int(try dataGroup.attribute(dataAttribute.trainCount, as: Int64.self)),
                testCount: Int(try dataGroup.attribute(dataAttribute.testCount, as: Int64.self)),
                source: try dataGroup.stringAttribute(dataAttribute.source))
            var training = [String: String]()
            if root.contains(RunLayout.training) {
                let group = try root.openGroup(RunLayout.training)
                for name in try group.attributeNames() {
                    if let text = try? group.stringAttribute(name) {
                        training[name] = text
                    } else if let number = try? group.attribute(name, as: Double.self) {
                        training[name] = number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
                    }
                }
            }
            return (model, data, training)
        }
        for activation in model.activations where !["relu", "tanh", "identity"].contains(activation) {
            throw RunFormatError(file: path, problem: "/model@activations holds \"\(activation)\"; this build knows relu, tanh and identity")
        }
    }

    /// Re-reads the extents of the checkpoint datasets, for a run still being written.
    public func refresh() throws {
        try RunFormatError.reading(path) {
            for path in [RunLayout.steps] { try file.root.openDataset(path).refresh() }
        }
    }

    /// The number of completed checkpoints: the length of `/checkpoints/step`.
    public func checkpointCount() throws -> Int {
        try RunFormatError.reading(path) {
            let dataset = try file.root.openDataset(RunLayout.steps)
            try dataset.refresh()
            return try dataset.shape[0]
        }
    }

    public func steps() throws -> [Int] {
        let count = try checkpointCount()
        return try readColumn(RunLayout.steps, count: count, as: Int64.self).map(Int.init)
    }

    /// The names of the metrics stored under `/checkpoints`, sorted.
    public func metricNames() throws -> [String] {
        try RunFormatError.reading(path) {
            try file.root.openGroup(RunLayout.checkpoints).memberNames().filter { !RunLayout.checkpointBookkeeping.contains($0) }
        }
    }

    /// A metric (or `epoch`, `wall_time`) for the first `count` checkpoints.
    public func metric(_ name: String, count: Int) throws -> [Double] {
        try readColumn(RunLayout.metric(name), count: count, as: Double.self)
    }

    private func readColumn<T: HDF5Scalar>(_ datasetPath: String, count: Int, as type: T.Type) throws -> [T] {
        try RunFormatError.reading(path) {
            let dataset = try file.root.openDataset(datasetPath)
            try dataset.refresh()
            guard count > 0 else { return [] }
            return try dataset.read(as: T.self, offset: [0], count: [count])
        }
    }

    public func probe() throws -> Probe {
        try RunFormatError.reading(path) {
            let x = try file.root.openDataset(RunLayout.probeInputs)
            let y = try file.root.openDataset(RunLayout.probeTargets)
            let xShape = try x.shape, yShape = try y.shape
            return Probe(inputs: try x.read(as: Float.self), inputDimensions: xShape[1],
                         targets: try y.read(as: Float.self), targetWidth: yShape.count == 2 ? yShape[1] : 1)
        }
    }

    /// `W_l` at checkpoint k as stored (`n_{l+1} × n_l`, row-major, Float).
    public func storedWeight(checkpoint k: Int, layer l: Int) throws -> [Float] {
        try readSlice(RunLayout.weight(layer: l), checkpoint: k, rest: [model.layerSizes[l + 1], inputWidth(layer: l)])
    }

    /// n_l, except for a DVIB's decoder (the last layer), which reads the K-dimensional t.
    public func inputWidth(layer l: Int) -> Int {
        if model.architecture == "dvib", l == model.layerCount - 1, let k = model.bottleneckDimensions { return k }
        return model.layerSizes[l]
    }

    public func storedBias(checkpoint k: Int, layer l: Int) throws -> [Float] {
        try readSlice(RunLayout.bias(layer: l), checkpoint: k, rest: [model.layerSizes[l + 1]])
    }

    private func readSlice<T: HDF5Scalar>(_ datasetPath: String, checkpoint k: Int, rest: [Int]) throws -> [T] {
        try RunFormatError.reading(path) {
            let dataset = try file.root.openDataset(datasetPath)
            try dataset.refresh()
            let shape = try dataset.shape
            guard k < shape[0] else {
                throw RunFormatError(file: path, problem: "\(datasetPath) has \(shape[0]) checkpoints, checkpoint \(k) was asked for")
            }
            return try dataset.read(as: T.self, offset: [k] + rest.map { _ in 0 }, count: [1] + rest)
        }
    }

    public func close() throws { try file.close() }
}
