import HDF5
import Vocabulary

/// Checks an open HDF5 file against `RunSchema.v1`, entry by entry.
public struct RunValidator: Sendable {
    /// How much of the schema a file must satisfy.
    public enum Scope: Sendable {
        /// What local rank needs (`RunSchema.AnalysisUse`): what `lr-analyze` checks
        /// before analyzing a run from any producer.
        case analysis
        /// Every entry the schema requires, exact types, and the writing conventions
        /// (extendible first axes, one checkpoint per chunk, shuffle and deflate): what
        /// `lr-analyze validate` checks, and what lr-train promises.
        case complete
    }

    /// One deviation from the schema.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        /// What kind of deviation it is.
        public enum Kind: Sendable, Equatable {
            /// The contents do not follow the schema (missing, wrong type, shape or value).
            case invalid
            /// Reading the file failed (damaged or truncated).
            case unreadable
            /// The object leads to another file (external links, external raw storage,
            /// virtual datasets) that the file was not opened to follow.
            case external
        }

        public var kind: Kind
        /// The object or attribute (`/model@layer_sizes`) the problem is about.
        public var path: String
        public var message: String
        /// Whether reading the file failed (damaged or truncated) rather than its contents being wrong.
        public var isUnreadable: Bool { kind == .unreadable }
        /// Whether the object leads to another file that the file was not opened to follow.
        public var isExternal: Bool { kind == .external }

        public init(_ kind: Kind = .invalid, path: String, message: String) {
            self.kind = kind
            self.path = path
            self.message = message
        }

        public var description: String { "\(path): \(message)" }
    }

    public var scope: Scope
    public var schema: RunSchema

    public init(scope: Scope, schema: RunSchema = .v1) {
        self.scope = scope
        self.schema = schema
    }

    /// Every problem found, in schema order; empty when the file conforms.
    public func problems(in file: HDF5File) -> [Problem] {
        let root = file.root
        if let identity = identityProblem(root) { return [identity] }
        let dimensions: RunDimensions
        switch RunDimensions.read(from: root) {
        case .success(let read): dimensions = read
        case .failure(let problem): return [problem]
        }
        var problems = [Problem]()
        for entry in schema.entries where scope == .complete || entry.analysis != .unused {
            let layers: [Int?] = entry.isPerLayer ? (0..<dimensions.layerCount).map { $0 } : [nil]
            for layer in layers {
                let check = EntryCheck(entry: entry, layer: layer, dimensions: dimensions, root: root, scope: scope)
                problems += check.problems()
            }
        }
        if scope == .complete { problems += metricProblems(root, dimensions) }
        return problems + stepOrderProblems(root, count: dimensions.checkpointCount)
    }

    /// A run's steps increase strictly: a step repeated or going back (a resume that wrote a
    /// checkpoint again) would make a trajectory fold back on itself.
    private func stepOrderProblems(_ root: HDF5Group, count: Int?) -> [Problem] {
        guard let count, count > 1, let dataset = try? root.openDataset(RunLayout.steps),
              (try? dataset.elementType).map({ RunValueTypes.integers.contains($0) }) == true
        else { return [] }
        let steps: [Int64]
        do {
            steps = try dataset.read(as: Int64.self, offset: [0], count: [count])
        } catch {
            return Problem(unreadable: error, path: RunLayout.steps).map { [$0] } ?? []
        }
        let backward = (1..<steps.count).filter { steps[$0] <= steps[$0 - 1] }
        guard let first = backward.first else { return [] }
        let others = backward.count > 1 ? " (\(backward.count) checkpoints in all)" : ""
        return [Problem(path: RunLayout.steps, message: "steps do not increase strictly: checkpoint \(first) has step \(steps[first]), after step \(steps[first - 1])\(others)")]
    }

    /// A file that is not a run of this version is refused before anything else.
    private func identityProblem(_ root: HDF5Group) -> Problem? {
        let attribute = RunLayout.RootAttribute.self
        let formatPath = RunLayout.attribute(attribute.format, of: "/")
        switch Result(catching: { try root.stringAttribute(attribute.format) }) {
        case .success(let format) where format == RunLayout.format:
            break
        case .success(let format):
            return Problem(path: formatPath, message: "not a local-rank run file (format is \"\(format)\", expected \"\(RunLayout.format)\")")
        case .failure(let error):
            if let unreadable = Problem(unreadable: error, path: formatPath) { return unreadable }
            return Problem(path: formatPath, message: "not a local-rank run file (no root attribute \"\(attribute.format)\")")
        }
        let versionPath = RunLayout.attribute(attribute.formatVersion, of: "/")
        guard let version = try? root.attribute(attribute.formatVersion, as: Int64.self) else {
            return Problem(path: versionPath, message: "missing, or not an integer")
        }
        guard version == RunLayout.formatVersion else {
            return Problem(path: versionPath, message: "run format version \(version) is not supported (this build reads version \(RunLayout.formatVersion))")
        }
        return nil
    }

    /// Every dataset in `/checkpoints` besides the bookkeeping is a float64 `[C]` metric.
    private func metricProblems(_ root: HDF5Group, _ dimensions: RunDimensions) -> [Problem] {
        guard let names = try? root.openGroup(RunLayout.checkpoints).memberNames() else { return [] }
        let described = Set(schema.entries.map(\.path))
        return names.map(RunLayout.metric).filter { !described.contains($0) && $0 != RunLayout.steps }.flatMap { path in
            let metric = RunSchema.Entry(path: path, kind: .dataset, type: .float64, shape: [.checkpoints], values: nil,
                                         required: .optional, analysis: .unused, description: "a metric")
            return EntryCheck(entry: metric, layer: nil, dimensions: dimensions, root: root, scope: scope).problems()
        }
    }
}

extension RunValidator.Problem {
    /// The problem an HDF5 failure is, when it says the file cannot be read there
    /// (damaged or cut short) rather than that something is absent.
    init?(unreadable error: any Error, path: String) {
        guard let error = error as? HDF5Error, [.damaged, .truncated].contains(error.kind) else { return nil }
        self.init(.unreadable, path: path, message: error.message)
    }

    /// The problem an HDF5 failure is when the object leads to another file.
    init?(external error: any Error, path: String) {
        guard let error = error as? HDF5Error, error.kind == .external else { return nil }
        self.init(.external, path: path, message: error.message)
    }
}

/// The sizes every shape in the schema refers to, read tolerantly: a missing value is
/// nil, and the entry that holds it reports the problem.
struct RunDimensions {
    var layerSizes: [Int]
    var task: LearningTask?
    var dataName: String?
    var architecture: Architecture?
    var bottleneckDimensions: Int?
    var checkpointCount: Int?
    var probeCount: Int?
    var targetWidth: Int?
    var jointWidth: Int?
    /// A `cnn`'s layers.
    var layers: LayerStack?

    var layerCount: Int { layerSizes.count - 1 }

    static func read(from root: HDF5Group) -> Result<RunDimensions, RunValidator.Problem> {
        let sizesPath = RunLayout.attribute(RunLayout.ModelAttribute.layerSizes, of: RunLayout.model)
        let sizes: [Int]
        do {
            sizes = try root.openGroup(RunLayout.model).attributeArray(RunLayout.ModelAttribute.layerSizes, as: Int64.self).map(Int.init)
        } catch {
            return .failure(RunValidator.Problem(unreadable: error, path: sizesPath)
                ?? RunValidator.Problem(path: sizesPath, message: "missing, or not a list of integers"))
        }
        guard sizes.count >= 2, sizes.allSatisfy({ $0 > 0 }) else {
            return .failure(RunValidator.Problem(path: sizesPath, message: "is \(sizes), not a list of at least two positive integers"))
        }
        let model = try? root.openGroup(RunLayout.model)
        let data = try? root.openGroup(RunLayout.data)
        let task = (try? data?.stringAttribute(RunLayout.DataAttribute.task)).flatMap(LearningTask.init(rawValue:))
        let architecture = (try? model?.stringAttribute(RunLayout.ModelAttribute.architecture)).flatMap(Architecture.init(rawValue:))
        let targetShape = try? root.openDataset(RunLayout.probeTargets).shape
        var layers: LayerStack?
        if architecture == .cnn, let model {
            switch readLayers(model, layerSizes: sizes) {
            case .success(let stack): layers = stack
            case .failure(let problem): return .failure(problem)
            }
        }
        return .success(RunDimensions(
            layerSizes: sizes, task: task,
            dataName: try? data?.stringAttribute(RunLayout.DataAttribute.name),
            architecture: architecture,
            bottleneckDimensions: architecture == .dvib
                ? (try? model?.attribute(RunLayout.ModelAttribute.bottleneckDimensions, as: Int64.self)).map(Int.init) : nil,
            checkpointCount: (try? root.openDataset(RunLayout.steps)).flatMap { try? RunReader.committedCheckpoints($0) },
            probeCount: (try? root.openDataset(RunLayout.probeInputs).shape)?.first,
            targetWidth: task == .classification ? nil : targetShape.flatMap { $0.count == 2 ? $0[1] : nil },
            jointWidth: (try? root.openDataset(RunLayout.jointCovariance).shape)?.first, layers: layers))
    }

    /// A `cnn`'s layers, checked to chain from its input shape to the layer sizes stored.
    private static func readLayers(_ model: HDF5Group, layerSizes: [Int]) -> Result<LayerStack, RunValidator.Problem> {
        let name = RunLayout.ModelAttribute.self
        let layersPath = RunLayout.attribute(name.layers, of: RunLayout.model)
        let shapePath = RunLayout.attribute(name.inputShape, of: RunLayout.model)
        guard let json = try? model.stringAttribute(name.layers) else {
            return .failure(RunValidator.Problem(path: layersPath, message: "missing, or not a string (a cnn's layers, as JSON)"))
        }
        guard let shape = try? model.attributeArray(name.inputShape, as: Int64.self), shape.count == 3,
              shape.allSatisfy({ 0 < $0 && $0 < 1 << 24 })
        else {
            return .failure(RunValidator.Problem(path: shapePath, message: "missing, or not three positive integers (C, H, W)"))
        }
        let stack: LayerStack
        do {
            stack = try LayerStack(json: json, inputShape: shape.map(Int.init))
        } catch {
            return .failure(RunValidator.Problem(path: layersPath, message: error.description))
        }
        guard stack.layerSizes == layerSizes else {
            return .failure(RunValidator.Problem(path: RunLayout.attribute(name.layerSizes, of: RunLayout.model),
                                                 message: "is \(layerSizes), but the layers give \(stack.layerSizes)"))
        }
        return .success(stack)
    }

    /// Whether a file with these dimensions must hold an entry with `requirement`.
    func requires(_ requirement: RunSchema.Requirement) -> Bool {
        switch requirement {
        case .always: true
        case .classification: task == .classification
        case .regression: task == .regression
        case .gaussian: dataName == "gaussian"
        case .dvib: architecture == .dvib
        case .cnn: architecture == .cnn
        case .optional: false
        }
    }

    /// The extents a shape symbol stands for at `layer` (one, but for a weight shape), when known.
    func extents(_ dimension: RunSchema.Dimension, layer: Int?) -> [Int]? {
        switch dimension {
        case .layerWeightShape:
            guard let layer else { return nil }
            return layers?.weightShape(layer: layer)
                ?? [layerSizes[layer + 1], ModelDescription.inputWidth(layer: layer, layerSizes: layerSizes, bottleneckDimensions: bottleneckDimensions)]
        case .layerBiasWidth:
            return layer.map { layers?.biasWidth(layer: $0) ?? layerSizes[$0 + 1] }.map { [$0] }
        default:
            return extent(dimension, layer: layer).map { [$0] }
        }
    }

    /// The extent a single-extent shape symbol stands for at `layer`, when known.
    private func extent(_ dimension: RunSchema.Dimension, layer: Int?) -> Int? {
        switch dimension {
        case .checkpoints: checkpointCount
        case .layers: layerCount
        case .layersPlusOne: layerSizes.count
        case .probeInputs: probeCount
        case .inputWidth: layerSizes[0]
        case .layerInputWidth:
            layer.map { ModelDescription.inputWidth(layer: $0, layerSizes: layerSizes, bottleneckDimensions: bottleneckDimensions) }
        case .layerOutputWidth: layer.map { layerSizes[$0 + 1] }
        case .targetWidth: targetWidth
        case .jointWidth: jointWidth
        case .layerWeightShape, .layerBiasWidth: nil
        }
    }
}

/// The checks of one schema entry at one path.
private struct EntryCheck {
    var entry: RunSchema.Entry
    var layer: Int?
    var dimensions: RunDimensions
    var root: HDF5Group
    var scope: RunValidator.Scope

    var path: String { layer.map { RunLayout.forLayer(entry.path, $0) } ?? entry.path }
    var isRequired: Bool {
        dimensions.requires(entry.required) && (scope == .complete || entry.analysis == .required)
    }
    var isStrict: Bool { scope == .complete }

    func problem(_ message: String) -> RunValidator.Problem { RunValidator.Problem(path: path, message: message) }

    /// The expected extents, dropping symbols that do not apply (a classification
    /// target's width) and failing when one that applies is unknown.
    var expectedShape: [Int]? {
        guard let shape = entry.shape else { return nil }
        let applicable = shape.filter { !($0 == .targetWidth && dimensions.task == .classification) }
        let known = applicable.compactMap { dimensions.extents($0, layer: layer) }
        return known.count == applicable.count ? known.flatMap { $0 } : nil
    }

    func problems() -> [RunValidator.Problem] {
        switch entry.kind {
        case .group: return groupProblems()
        case .attribute: return attributeProblems()
        case .dataset: return datasetProblems()
        }
    }

    /// `missing …` when required, nothing when optional; an unreadable object either way.
    func absence(_ error: any Error, _ what: String) -> [RunValidator.Problem] {
        if let unreadable = RunValidator.Problem(unreadable: error, path: path) { return [unreadable] }
        if let external = RunValidator.Problem(external: error, path: path) { return [external] }
        if let error = error as? HDF5Error, error.kind != .notFound {
            return [problem("is not \(what) (\(error.message))")]
        }
        return isRequired ? [problem("missing \(what)")] : []
    }

    func groupProblems() -> [RunValidator.Problem] {
        do {
            _ = try root.openGroup(path)
            return []
        } catch {
            return absence(error, "group")
        }
    }

    func attributeProblems() -> [RunValidator.Problem] {
        guard let (object, name) = entry.attributeParts else { return [] }
        let holder: any HDF5AttributeHolder
        do {
            holder = object == "/" ? root : try root.openGroup(object)
        } catch {
            return absence(error, "attribute (no group \(object))")
        }
        guard holder.hasAttribute(name) else { return isRequired ? [problem("missing attribute")] : [] }
        switch entry.type {
        case .string?: return stringProblems(Result { try [holder.stringAttribute(name)] }, count: nil)
        case .strings?: return stringProblems(Result { try holder.stringArrayAttribute(name) }, count: expectedShape?.first)
        case .int64s?: return numberProblems(Result { try holder.attributeArray(name, as: Double.self) }, count: expectedShape?.first)
        default: return numberProblems(Result { try [holder.attribute(name, as: Double.self)] }, count: nil)
        }
    }

    func stringProblems(_ read: Result<[String], any Error>, count: Int?) -> [RunValidator.Problem] {
        guard case .success(let values) = read else {
            return absence(read.failure!, count == nil ? "a string" : "a list of strings")
        }
        if let count, values.count != count { return [problem("has \(values.count) entries, expected \(count)")] }
        if let allowed = entry.values, let bad = values.first(where: { !allowed.contains($0) }) {
            let choices = allowed.map { "\"\($0)\"" }.joined(separator: ", ")
            return [problem("holds \"\(bad)\", expected \(allowed.count == 1 ? choices : "one of " + choices)")]
        }
        return []
    }

    func numberProblems(_ read: Result<[Double], any Error>, count: Int?) -> [RunValidator.Problem] {
        guard case .success(let values) = read else { return absence(read.failure!, "a number") }
        if let count, values.count != count { return [problem("has \(values.count) entries, expected \(count)")] }
        if let allowed = entry.values?.compactMap(Double.init), let bad = values.first(where: { !allowed.contains($0) }) {
            return [problem("is \(bad), expected \(entry.values!.joined(separator: " or "))")]
        }
        return []
    }

    func datasetProblems() -> [RunValidator.Problem] {
        let dataset: HDF5Dataset
        do {
            dataset = try root.openDataset(path)
        } catch {
            return absence(error, "dataset")
        }
        do {
            return try typeProblems(dataset) + shapeProblems(dataset) + conventionProblems(dataset)
        } catch {
            return absence(error, "a readable dataset")
        }
    }

    func typeProblems(_ dataset: HDF5Dataset) throws -> [RunValidator.Problem] {
        guard let type = entry.type else { return [] }
        let stored = try dataset.elementType
        return RunValueTypes.matches(stored, type, exactly: isStrict) ? [] : [problem("is stored as \(stored), expected \(type.rawValue)")]
    }

    func shapeProblems(_ dataset: HDF5Dataset) throws -> [RunValidator.Problem] {
        guard let expected = expectedShape else { return [] }
        let shape = try dataset.shape
        let extendible = entry.shape?.first == .checkpoints
        // While a checkpoint is being written, its other rows may run one ahead of the steps.
        let matches = shape.count == expected.count && zip(shape, expected).enumerated().allSatisfy { axis, pair in
            axis == 0 && extendible ? (pair.0 == pair.1 || pair.0 == pair.1 + 1) : pair.0 == pair.1
        }
        return matches ? [] : [problem("has shape \(shape), expected \(expected)")]
    }

    func conventionProblems(_ dataset: HDF5Dataset) throws -> [RunValidator.Problem] {
        guard isStrict, entry.shape?.first == .checkpoints else { return [] }
        var problems = [RunValidator.Problem]()
        let shape = try dataset.shape
        if try dataset.maximumShape.first != .some(nil) { problems.append(problem("does not have an unlimited first axis")) }
        if let chunk = try dataset.chunkShape, chunk != [1] + shape.dropFirst() {
            problems.append(problem("is chunked \(chunk), expected one checkpoint per chunk"))
        }
        if try !dataset.isShuffled || dataset.deflateLevel == nil {
            problems.append(problem("is not shuffled and deflated"))
        }
        return problems
    }
}

/// Which stored element types satisfy a schema type.
enum RunValueTypes {
    static let floating: Set<HDF5ElementType> = [.float32, .float64]
    static let integers: Set<HDF5ElementType> = [.int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64]

    /// Readers accept any float where a float is expected and any integer width;
    /// `exactly` asks for the types the schema names.
    static func matches(_ stored: HDF5ElementType, _ expected: RunSchema.ValueType, exactly: Bool) -> Bool {
        switch expected {
        case .string, .strings: stored == .string
        case .float32: exactly ? stored == .float32 : floating.contains(stored)
        case .float64: exactly ? stored == .float64 : floating.contains(stored)
        case .int64, .int64s: exactly ? stored == .int64 : integers.contains(stored)
        case .integer: integers.contains(stored)
        case .number: floating.contains(stored) || integers.contains(stored)
        }
    }
}

extension Result {
    /// The error of a failure.
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}

extension RunValidator {
    /// Every problem of the file at `path`; a file that cannot be opened as HDF5 is one
    /// problem at `/`.
    public func problems(inFile path: String, allowingExternalData: Bool = false) -> [Problem] {
        let file: HDF5File
        do {
            file = try HDF5File.openForReading(path, options: .init(allowingExternalData: allowingExternalData))
        } catch {
            return [Problem(.unreadable, path: "/", message: RunFormatError(hdf5: error, file: path).problem)]
        }
        defer { try? file.close() }
        return problems(in: file)
    }
}
