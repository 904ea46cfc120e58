/// The network of a run, as `/model` describes it.
public struct ModelDescription: Sendable, Equatable {
    /// "mlp" or "dvib".
    public var architecture: String
    /// `[n_0, …, n_L]`.
    public var layerSizes: [Int]
    /// Activation names after each layer's pre-activation: "relu", "tanh", "identity".
    public var activations: [String]
    /// For DVIB: the μ/σ layer, K and β.
    public var bottleneckLayer: Int?
    public var bottleneckDimensions: Int?
    public var beta: Double?

    public init(architecture: String, layerSizes: [Int], activations: [String],
                bottleneckLayer: Int? = nil, bottleneckDimensions: Int? = nil, beta: Double? = nil) {
        self.architecture = architecture
        self.layerSizes = layerSizes
        self.activations = activations
        self.bottleneckLayer = bottleneckLayer
        self.bottleneckDimensions = bottleneckDimensions
        self.beta = beta
    }

    public var layerCount: Int { layerSizes.count - 1 }
}

/// The data of a run, as `/data` describes it.
public struct DataDescription: Sendable, Equatable {
    public var name: String
    /// "regression" or "classification".
    public var task: String
    public var seed: Int64
    public var trainCount: Int
    public var testCount: Int
    public var source: String

    public init(name: String, task: String, seed: Int64, trainCount: Int, testCount: Int, source: String) {
        self.name = name
        self.task = task
        self.seed = seed
        self.trainCount = trainCount
        self.testCount = testCount
        self.source = source
    }
}

/// The fixed inputs at which local rank is measured, and their targets.
public struct Probe: Sendable, Equatable {
    /// `count × inputDimensions`, row-major.
    public var inputs: [Float]
    public var inputDimensions: Int
    /// `count × targetWidth` (regression) or `count` labels (classification, targetWidth 1).
    public var targets: [Float]
    public var targetWidth: Int

    public init(inputs: [Float], inputDimensions: Int, targets: [Float], targetWidth: Int) {
        self.inputs = inputs
        self.inputDimensions = inputDimensions
        self.targets = targets
        self.targetWidth = targetWidth
    }

    public var count: Int { inputDimensions == 0 ? 0 : inputs.count / inputDimensions }
}

/// What one checkpoint adds to a run file.
public struct CheckpointRecord: Sendable {
    public var step: Int
    public var epoch: Double
    public var wallTime: Double
    /// Metric name → value; every run has `train_loss` and `test_loss`.
    public var metrics: [String: Double]
    /// Per layer, `W_l` (`n_{l+1} × n_l` row-major) and `b_l`.
    public var weights: [[Float]]
    public var biases: [[Float]]
    /// Per layer, the pre-activations on the probe (`N × n_{l+1}`), when stored.
    public var activations: [[Float]]?
    /// The optimizer's state after this step, for `--resume`.
    public var optimizerState: OptimizerState?

    public init(step: Int, epoch: Double, wallTime: Double, metrics: [String: Double], weights: [[Float]],
                biases: [[Float]], activations: [[Float]]? = nil, optimizerState: OptimizerState? = nil) {
        self.step = step
        self.epoch = epoch
        self.wallTime = wallTime
        self.metrics = metrics
        self.weights = weights
        self.biases = biases
        self.activations = activations
        self.optimizerState = optimizerState
    }
}

/// The parameters, an optimizer's moments and its update count at one step, as stored in
/// a run's `/training` group: everything `--resume` restores.
public struct OptimizerState: Sendable, Equatable {
    public var parameters: [Float]
    public var firstMoment: [Float]
    public var secondMoment: [Float]
    public var updateCount: Int

    public init(parameters: [Float], firstMoment: [Float], secondMoment: [Float], updateCount: Int) {
        self.parameters = parameters
        self.firstMoment = firstMoment
        self.secondMoment = secondMoment
        self.updateCount = updateCount
    }
}
