import Datasets
import NeuralNetworks
import RunFormat

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
    /// How many training examples form the probe set (`/probe/x`).
    public var probeCount: Int = 512
    public var checkpoints: CheckpointSchedule = .logarithmic(40)
    public var seed: UInt64 = 0
    public var storesActivations: Bool = true
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
        [
            "data": data.description,
            "architecture": architecture.rawValue,
            "beta": "\(beta)",
            "layer_sizes": layerSizes.map(String.init).joined(separator: ","),
            "hidden_activation": hiddenActivation.rawValue,
            "initialization": initialization?.rawValue ?? "auto",
            "optimizer": optimizer.rawValue,
            "learning_rate": "\(learningRate)",
            "weight_decay": "\(weightDecay)",
            "momentum": "\(momentum)",
            "batch_size": "\(batchSize)",
            "steps": "\(steps)",
            "train_subset": trainSubset.map(String.init) ?? "all",
            "gaussian_train_count": "\(gaussianTrainCount)",
            "gaussian_test_count": "\(gaussianTestCount)",
            "probe": "\(probeCount)",
            "checkpoints": checkpoints.description,
            "seed": "\(seed)",
            "activations_stored": storesActivations ? "true" : "false",
            "loss": loss.rawValue,
        ]
    }

    /// Rebuilds a configuration from `/training` attributes; nil names the first bad key.
    public init(attributes: [String: String]) throws {
        func value(_ key: String) throws -> String {
            guard let text = attributes[key] else { throw ConfigurationError("the run's /training group has no \(key)") }
            return text
        }
        func parsed<T>(_ key: String, _ parse: (String) -> T?) throws -> T {
            let text = try value(key)
            guard let result = parse(text) else { throw ConfigurationError("/training@\(key) = \"\(text)\" is not valid") }
            return result
        }
        self.init(data: try parsed("data", DataSource.init(parsing:)),
                  layerSizes: try parsed("layer_sizes") { text in
                      let sizes = text.split(separator: ",").compactMap { Int($0) }
                      return sizes.count >= 2 ? sizes : nil
                  })
        architecture = try parsed("architecture", Architecture.init(rawValue:))
        beta = try parsed("beta", Float.init)
        hiddenActivation = try parsed("hidden_activation", Activation.init(rawValue:))
        let initializationText = try value("initialization")
        initialization = initializationText == "auto" ? nil : try parsed("initialization", Initialization.init(rawValue:))
        optimizer = try parsed("optimizer", OptimizerKind.init(rawValue:))
        learningRate = try parsed("learning_rate", Float.init)
        weightDecay = try parsed("weight_decay", Float.init)
        momentum = try parsed("momentum", Float.init)
        batchSize = try parsed("batch_size", Int.init)
        steps = try parsed("steps", Int.init)
        let subset = try value("train_subset")
        trainSubset = subset == "all" ? nil : try parsed("train_subset", Int.init)
        gaussianTrainCount = try parsed("gaussian_train_count", Int.init)
        gaussianTestCount = try parsed("gaussian_test_count", Int.init)
        probeCount = try parsed("probe", Int.init)
        checkpoints = try parsed("checkpoints", CheckpointSchedule.init(parsing:))
        seed = try parsed("seed", UInt64.init)
        storesActivations = try value("activations_stored") == "true"
    }
}

/// A training setting that cannot be used.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
