/// A training setting: the name it is stored under as a `/training` attribute (its raw
/// value), and the lr-train flag that sets it.
public enum SettingKey: String, CaseIterable, Sendable {
    case data, architecture, beta, layerSizes = "layer_sizes", hiddenActivation = "hidden_activation"
    case initialization, optimizer, learningRate = "learning_rate", weightDecay = "weight_decay", momentum
    case batchSize = "batch_size", steps, trainSubset = "train_subset"
    case gaussianTrainCount = "gaussian_train_count", gaussianTestCount = "gaussian_test_count"
    case probe, probeSource = "probe_from", standardize, checkpoints, seed
    case activationsStored = "activations_stored", loss, evaluationExamples = "eval_examples"

    /// The lr-train flag, without its dashes, that sets this setting; nil for the settings
    /// no flag sets (the Gaussian data's sizes, the loss, which the task decides).
    public var flagName: String? {
        switch self {
        case .data: "data"
        case .architecture: "architecture"
        case .beta: "beta"
        case .layerSizes: "layers"
        case .hiddenActivation: "activation"
        case .initialization: "init"
        case .optimizer: "optimizer"
        case .learningRate: "lr"
        case .weightDecay: "weight-decay"
        case .momentum: "momentum"
        case .batchSize: "batch"
        case .steps: "steps"
        case .trainSubset: "train-subset"
        case .probe: "probe"
        case .probeSource: "probe-from"
        case .standardize: "standardize"
        case .checkpoints: "checkpoints"
        case .seed: "seed"
        case .activationsStored: "no-activations"
        case .evaluationExamples: "eval-examples"
        case .gaussianTrainCount, .gaussianTestCount, .loss: nil
        }
    }

    /// The setting a flag name (`lr`, `--weight-decay`) or a stored name (`learning_rate`,
    /// `learning-rate`) means.
    public init?(named name: String) {
        let bare = name.hasPrefix("--") ? String(name.dropFirst(2)) : name
        guard let key = Self.allCases.first(where: { $0.flagName == bare }) ?? Self(rawValue: String(bare.map { $0 == "-" ? "_" : $0 })) else {
            return nil
        }
        self = key
    }
}
