import Vocabulary

/// The network of a run, as `/model` describes it.
public struct ModelDescription: Sendable, Equatable {
    public var architecture: Architecture
    /// `[n_0, …, n_L]`.
    public var layerSizes: [Int]
    /// The activation after each layer's pre-activation.
    public var activations: [Activation]
    /// A DVIB's bottleneck; nil for an MLP.
    public var bottleneck: Bottleneck?
    /// A `cnn`'s layers (`/model@layers` on `/model@input_shape`); nil for the other architectures,
    /// whose layers are all dense.
    public var layers: LayerStack?

    /// Where a DVIB's representation sits and how strongly it is compressed.
    public struct Bottleneck: Sendable, Equatable {
        /// The encoder layer whose first K outputs are μ and next K give σ.
        public var layer: Int
        /// K, the dimension of the representation t.
        public var dimensions: Int
        /// The weight of the KL term in the loss.
        public var beta: Double

        public init(layer: Int, dimensions: Int, beta: Double) {
            self.layer = layer
            self.dimensions = dimensions
            self.beta = beta
        }
    }

    public init(architecture: Architecture, layerSizes: [Int], activations: [Activation], bottleneck: Bottleneck? = nil) {
        self.architecture = architecture
        self.layerSizes = layerSizes
        self.activations = activations
        self.bottleneck = bottleneck
    }

    /// A `cnn` of these layers, each dense or conv2d layer followed by its activation.
    public init(layers: LayerStack, activations: [Activation]) {
        self.init(architecture: .cnn, layerSizes: layers.layerSizes, activations: activations)
        self.layers = layers
    }

    public var layerCount: Int { layerSizes.count - 1 }

    /// The width layer l reads: n_l, except for a DVIB's decoder (the last layer), which
    /// reads the K-dimensional sample t rather than the encoder's 2K outputs.
    public func inputWidth(layer l: Int) -> Int {
        Self.inputWidth(layer: l, layerSizes: layerSizes, bottleneckDimensions: bottleneck?.dimensions)
    }

    /// `/weights/<l>/weight`'s shape per checkpoint: `[n_{l+1}, inputWidth(l)]`, or a conv2d
    /// layer's `[out, in, kernel_h, kernel_w]`.
    public func weightShape(layer l: Int) -> [Int] {
        layers?.weightShape(layer: l) ?? [layerSizes[l + 1], inputWidth(layer: l)]
    }

    /// `/weights/<l>/bias`'s width: n_{l+1}, or a conv2d layer's output channels.
    public func biasWidth(layer l: Int) -> Int { layers?.biasWidth(layer: l) ?? layerSizes[l + 1] }

    /// The same rule from the stored values alone, for a validator reading a file it does
    /// not trust yet.
    public static func inputWidth(layer l: Int, layerSizes: [Int], bottleneckDimensions: Int?) -> Int {
        if let bottleneckDimensions, l == layerSizes.count - 2 { return bottleneckDimensions }
        return layerSizes[l]
    }
}

/// The data of a run, as `/data` describes it. Only the task is needed to analyze a run;
/// the rest is nil when a producer did not record it.
public struct DataDescription: Sendable, Equatable {
    public var task: LearningTask
    public var name: String?
    public var seed: Int64?
    public var trainCount: Int?
    public var testCount: Int?
    public var source: String?
    /// "train" or "test": the split the probe inputs come from.
    public var probeSource: String?
    /// When inputs were standardized, x ↦ (x − mean) / std: the probe inputs are stored
    /// standardized, as the network saw them.
    public var inputMean: Double?
    public var inputStandardDeviation: Double?

    public init(task: LearningTask, name: String? = nil, seed: Int64? = nil, trainCount: Int? = nil,
                testCount: Int? = nil, source: String? = nil, probeSource: String? = nil,
                inputMean: Double? = nil, inputStandardDeviation: Double? = nil) {
        self.task = task
        self.name = name
        self.seed = seed
        self.trainCount = trainCount
        self.testCount = testCount
        self.source = source
        self.probeSource = probeSource
        self.inputMean = inputMean
        self.inputStandardDeviation = inputStandardDeviation
    }
}

/// The fixed inputs at which local rank is measured, and their targets.
public struct Probe: Sendable, Equatable {
    /// `count × inputDimensions`, row-major.
    public var inputs: [Float]
    public var inputDimensions: Int
    /// `count × targetWidth` (regression) or `count` labels (classification, targetWidth 1);
    /// nil when the producer had none (the analysis does not need them).
    public var targets: [Float]?
    public var targetWidth: Int

    public init(inputs: [Float], inputDimensions: Int, targets: [Float]?, targetWidth: Int) {
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
    /// Per layer, `W_l` (`n_{l+1} × n_l` row-major, or a conv2d layer's OIHW kernel) and `b_l`.
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
