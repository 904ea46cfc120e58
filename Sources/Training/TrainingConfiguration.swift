import Datasets
import NeuralNetworks
import RunFormat
import Vocabulary

/// Where the training data comes from.
public enum DataSource: Equatable, Sendable, CustomStringConvertible {
    /// Synthetic jointly Gaussian regression (see `GaussianRegression`).
    case gaussian(inputDimensions: Int, targetDimensions: Int, decayLength: Double)
    /// IDX files (MNIST layout) in a directory.
    case idx(directory: String)

    /// Parses `gaussian`, `gaussian:NXxNY`, `gaussian:NXxNY:DECAY`, `idx:DIR` or `fashion-mnist`.
    public init?(parsing text: String) {
        if text == "fashion-mnist" { self = .idx(directory: IDXFiles.debianFashionMNISTDirectory); return }
        if text.hasPrefix("idx:") { self = .idx(directory: String(text.dropFirst(4))); return }
        if text == "gaussian" { self = .gaussian(inputDimensions: 32, targetDimensions: 32, decayLength: 8); return }
        if text.hasPrefix("gaussian:") {
            let parts = text.dropFirst(9).split(separator: ":")
            let sizes = parts.first?.split(separator: "x").compactMap { Int($0) } ?? []
            guard sizes.count == 2, sizes.allSatisfy({ $0 > 0 }) else { return nil }
            let decay = parts.count > 1 ? Double(parts[1]) : 8
            guard let decay, decay > 0 else { return nil }
            self = .gaussian(inputDimensions: sizes[0], targetDimensions: sizes[1], decayLength: decay)
            return
        }
        return nil
    }

    public var description: String {
        switch self {
        case .gaussian(let nx, let ny, let decay): return "gaussian:\(nx)x\(ny):\(format(decay))"
        case .idx(let directory): return "idx:\(directory)"
        }
    }

    private func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    public var task: LearningTask {
        if case .gaussian = self { return .regression }
        return .classification
    }
}

/// Which examples form the probe set (`/probe/x`): where the network was fitted, or
/// held out.
public enum ProbeSource: String, CaseIterable, Sendable {
    case train, test
}

/// Every setting of a training run. Stored in the run file's `/training` group, so that
/// `--resume` and a reader of the file know exactly how it was made.
public struct TrainingConfiguration: Equatable, Sendable {
    public var data: DataSource
    public var architecture: Architecture = .mlp
    /// For `.mlp`, n_0 … n_L; for `.dvib`, the encoder's n_0 … 2K, then the decoder's output width.
    public var layerSizes: [Int]
    /// DVIB: the weight of the KL term (the reciprocal of the β in min I(X;T) − β I(T;Y)).
    public var beta: Float = 1e-3
    public var hiddenActivation: Activation = .relu
    /// nil: He for ReLU layers, Glorot otherwise.
    public var initialization: Initialization? = nil
    public var optimizer: OptimizerKind = .adam
    public var learningRate: Float = 1e-3
    public var weightDecay: Float = 0
    public var momentum: Float = 0.9
    public var batchSize: Int = 64
    public var steps: Int = 10_000
    /// Use only this many training examples (a seeded random subset), when set.
    public var trainSubset: Int? = nil
    /// Gaussian data: examples generated for training and testing.
    public var gaussianTrainCount: Int = 2048
    public var gaussianTestCount: Int = 1024
    /// How many examples form the probe set (`/probe/x`), and from which split.
    public var probeCount: Int = 512
    public var probeSource: ProbeSource = .train
    /// Whether inputs are standardized with the training set's mean and standard deviation
    /// (over all its values), as `transforms.Normalize` does for MNIST.
    public var standardizesInputs: Bool = false
    public var checkpoints: CheckpointSchedule = .logarithmic(40)
    public var seed: UInt64 = 0
    public var storesActivations: Bool = true
    /// A checkpoint's train and test metrics are computed on the first this many examples of
    /// each split (nil: all of them): the training subset, shuffled by seed, and the test set
    /// in its stored order. With the default a Fashion-MNIST or MNIST test set is complete and
    /// a 60 000-image training set costs a sixth of what it would.
    public var evaluationExamples: Int? = TrainingConfiguration.defaultEvaluationExamples
    public static let defaultEvaluationExamples = 10_000
    /// Threads this run trains with; nil: every core the process may use. An MLP's step is
    /// cut into `PerceptronStep.partCount` (2) parts, so more threads than that do not help.
    /// The results do not depend on it, so it is not stored in `/training` (`attributes`).
    public var threads: Int? = nil

    public init(data: DataSource, layerSizes: [Int]) {
        self.data = data
        self.layerSizes = layerSizes
    }

    public var loss: Loss { data.task == .regression ? .meanSquaredError : .softmaxCrossEntropy }

    /// The optimizer these settings describe, with zero state: the one place that turns
    /// the settings into update rules, for new and resumed runs alike.
    public func makeOptimizer(parameterCount: Int) -> Optimizer {
        Optimizer(kind: optimizer, learningRate: learningRate, weightDecay: weightDecay, momentum: momentum,
                  parameterCount: parameterCount)
    }

    /// The settings as `/training` attributes.
    public var attributes: [String: String] {
        let values: [SettingKey: String] = [
            .data: data.description, .architecture: architecture.rawValue, .beta: "\(beta)",
            .layerSizes: layerSizes.map(String.init).joined(separator: ","), .hiddenActivation: hiddenActivation.rawValue,
            .initialization: initialization?.rawValue ?? "auto", .optimizer: optimizer.rawValue,
            .learningRate: "\(learningRate)", .weightDecay: "\(weightDecay)", .momentum: "\(momentum)",
            .batchSize: "\(batchSize)", .steps: "\(steps)", .trainSubset: trainSubset.map(String.init) ?? "all",
            .gaussianTrainCount: "\(gaussianTrainCount)", .gaussianTestCount: "\(gaussianTestCount)",
            .probe: "\(probeCount)", .probeSource: probeSource.rawValue, .standardize: "\(standardizesInputs)",
            .checkpoints: checkpoints.description, .seed: "\(seed)", .activationsStored: "\(storesActivations)",
            .loss: loss.rawValue, .evaluationExamples: evaluationExamples.map(String.init) ?? "all",
        ]
        return Dictionary(uniqueKeysWithValues: values.map { ($0.key.rawValue, $0.value) })
    }

    /// Rebuilds a configuration from `/training` attributes. Settings added after a run was
    /// written (`probe_from`, `standardize`) take the value that run was trained with.
    public init(attributes: [String: String]) throws {
        let stored = StoredSettings(attributes)
        self.init(data: try stored.parsed(.data, DataSource.init(parsing:)),
                  layerSizes: try stored.parsed(.layerSizes) { text in
                      let sizes = text.split(separator: ",").compactMap { Int($0) }
                      return sizes.count >= 2 ? sizes : nil
                  })
        architecture = try stored.parsed(.architecture, Architecture.init(rawValue:))
        beta = try stored.parsed(.beta, Float.init)
        hiddenActivation = try stored.parsed(.hiddenActivation, Activation.init(rawValue:))
        initialization = try stored.value(.initialization) == "auto" ? nil : try stored.parsed(.initialization, Initialization.init(rawValue:))
        optimizer = try stored.parsed(.optimizer, OptimizerKind.init(rawValue:))
        learningRate = try stored.parsed(.learningRate, Float.init)
        weightDecay = try stored.parsed(.weightDecay, Float.init)
        momentum = try stored.parsed(.momentum, Float.init)
        batchSize = try stored.parsed(.batchSize, Int.init)
        steps = try stored.parsed(.steps, Int.init)
        trainSubset = try stored.value(.trainSubset) == "all" ? nil : try stored.parsed(.trainSubset, Int.init)
        gaussianTrainCount = try stored.parsed(.gaussianTrainCount, Int.init)
        gaussianTestCount = try stored.parsed(.gaussianTestCount, Int.init)
        probeCount = try stored.parsed(.probe, Int.init)
        probeSource = try stored.parsed(.probeSource, ProbeSource.init(rawValue:), default: .train)
        standardizesInputs = try stored.parsed(.standardize, Bool.init, default: false)
        checkpoints = try stored.parsed(.checkpoints, CheckpointSchedule.init(parsing:))
        seed = try stored.parsed(.seed, UInt64.init)
        storesActivations = try stored.parsed(.activationsStored, Bool.init)
        // Runs written before the setting existed evaluated every example.
        evaluationExamples = try stored.parsed(.evaluationExamples, Self.parseEvaluationExamples, default: nil)
    }

    /// `all` (nil) or a positive count; nil when the text is neither.
    public static func parseEvaluationExamples(_ text: String) -> Int?? {
        if text == "all" { return .some(nil) }
        guard let count = Int(text), count > 0 else { return nil }
        return .some(count)
    }

    /// ηλT: the learning rate times the weight decay times the steps. With decoupled decay
    /// (AdamW) the weights shrink by about e^{−ηλT} over the run from the decay alone, so it
    /// says how far decay has acted (1 is one e-fold).
    public var decayExposure: Double { Double(learningRate) * Double(weightDecay) * Double(steps) }
}

/// `/training` attributes, read with the settings' names and one clear error per bad value.
struct StoredSettings {
    let attributes: [String: String]

    init(_ attributes: [String: String]) { self.attributes = attributes }

    func value(_ key: SettingKey) throws -> String {
        guard let text = attributes[key.rawValue] else { throw ConfigurationError(.invalidStored, key, "missing from the run's /training group") }
        return text
    }

    func parsed<T>(_ key: SettingKey, _ parse: (String) -> T?) throws -> T {
        let text = try value(key)
        guard let result = parse(text) else { throw ConfigurationError(.invalidStored, key, "\"\(text)\" in /training is not a valid value") }
        return result
    }

    /// A setting that runs written before it existed lack: they were trained with `fallback`.
    func parsed<T>(_ key: SettingKey, _ parse: (String) -> T?, default fallback: T) throws -> T {
        attributes[key.rawValue] == nil ? fallback : try parsed(key, parse)
    }
}

/// A training setting that cannot be used: what kind of problem, which setting (for the
/// command line to name its flag), and what is wrong with it.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A count outside what the data holds (the training subset, the probe).
        case outOfRange
        /// Layer widths that do not fit the data or the architecture.
        case shapeMismatch
        /// A setting that needs a value the preset leaves out (the IDX directory).
        case incomplete
        /// A run's stored setting that is missing or not a valid value (resuming it).
        case invalidStored
        /// Steps no more than a resumed run has already taken.
        case alreadyReached
    }

    public var kind: Kind
    public var key: SettingKey
    public var problem: String

    public init(_ kind: Kind, _ key: SettingKey, _ problem: String) {
        self.kind = kind
        self.key = key
        self.problem = problem
    }

    public var description: String { "\(key.rawValue): \(problem)" }
}
