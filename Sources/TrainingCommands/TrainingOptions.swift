import ArgumentParser
import Datasets
import NeuralNetworks
import RunFormat
import Training
import Vocabulary

extension Preset: ExpressibleByArgument {
    /// `--help`'s line for each preset: what it trains on which data (the README lists every setting).
    public static var allValueDescriptions: [String: String] {
        let fashion = "Fashion-MNIST (Debian's \(IDXFiles.debianFashionMNISTDirectory))"
        let mnist = "the MNIST sample (above)"
        let descriptions: [Preset: String] = [
            .gaussianMLP3: "32-100-100-32 on synthetic Gaussian data, Adam, 50 000 steps",
            .fashionMLP4: "784-200⁴-10 on 1000 images of \(fashion), AdamW, 10⁵ steps",
            .mnistMLP4: "784-200⁴-10 on 1000 training images of \(mnist), AdamW, 10⁵ steps",
            .dvibGaussian: "a linear-encoder DVIB on Gaussian data (K = 8)",
            .dvibFashion: "a DVIB 784-512-2·32 on all of \(fashion)",
            .dvibMNIST: "a DVIB 784-512-2·32 on all the training images of \(mnist)",
            .fashionMLP4Paper: "the authors' schedule (10⁶ steps, standardized, 128 held-out probes) on 1000 images of \(fashion)",
            .mnistMLP4Paper: "the authors' schedule on 1000 training images of \(mnist)",
            .gaussianMLP4Paper: "the authors' schedule, 128-100⁴-16 on synthetic Gaussian data",
            .grokMod97: "grokking: (a + b) mod 97 on one-hot pairs (40% for training), 194-200-200-97, AdamW with weight decay 1",
        ]
        return Dictionary(uniqueKeysWithValues: descriptions.map { ($0.key.rawValue, $0.value) })
    }
}
extension Activation: ExpressibleByArgument {}
extension OptimizerKind: ExpressibleByArgument {}
extension Architecture: ExpressibleByArgument {
    /// What lr-train trains: a `cnn` run comes from other producers for now.
    static let trained: [Architecture] = [.mlp, .dvib]
    public static var allValueStrings: [String] { trained.map(\.rawValue) }
    public init?(argument: String) {
        guard let architecture = Architecture(rawValue: argument), Self.trained.contains(architecture) else { return nil }
        self = architecture
    }
}
extension ProbeSource: ExpressibleByArgument {}

extension DataSource: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
    public static var defaultCompletionKind: CompletionKind { .default }
}

extension CheckpointSchedule: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
}

/// `--init`: a scheme, or `auto` (He for ReLU layers, Glorot otherwise).
enum InitializationChoice: String, CaseIterable, ExpressibleByArgument {
    case he, glorot, auto

    var initialization: Initialization? { self == .auto ? nil : Initialization(rawValue: rawValue) }
}

/// `--eval-examples`: a positive count, or `all`.
struct EvaluationExamples: ExpressibleByArgument {
    var count: Int?

    init?(argument: String) {
        guard let count = TrainingConfiguration.parseEvaluationExamples(argument) else { return nil }
        self.count = count
    }
}

/// `--layers 784,200,10`: at least two positive widths, input first.
struct LayerWidths: ExpressibleByArgument {
    var sizes: [Int]

    init?(argument: String) {
        let sizes = argument.split(separator: ",", omittingEmptySubsequences: false).map { Int($0) }
        guard sizes.count >= 2, sizes.allSatisfy({ ($0 ?? 0) > 0 }) else { return nil }
        self.sizes = sizes.map { $0! }
    }
}

/// The training settings shared by `lr-train train` and `lr-train sweep`: a preset and
/// the flags that override it. Numeric options take the next argument whatever it looks
/// like, so that `--lr -1` is told it must be positive instead of that its value is missing.
struct TrainingOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A named configuration; the README lists every setting. The MNIST presets (mnist-mlp4, mnist-mlp4-paper, dvib-mnist) read the \(MNISTSample.summary), which make deps installs in \(MNISTSample.directory); --data idx:DIR takes the full MNIST instead.", valueName: "name"))
    var preset: Preset?

    @Option(help: ArgumentHelp("Training data: gaussian[:NXxNY[:DECAY]] (synthetic; default 32x32, decay 8), fashion-mnist (Debian's \(IDXFiles.debianFashionMNISTDirectory)), \(MNISTSample.sourceName) (the MNIST sample make deps installs in \(MNISTSample.directory)), modular-addition:P:FRACTION ((a + b) mod P on one-hot pairs, FRACTION of them for training), idx:DIR (MNIST-layout IDX files, plain or .gz), 12bit (all 4096 12-bit inputs, a spherically symmetric binary label) or gaussian-sphere:D (N(0, I) inputs, label: outside the sphere that halves them). Default: the preset's.", valueName: "source"))
    var data: DataSource?

    @Option(help: ArgumentHelp("Layer widths n_0,n_1,…,n_L, input first. Default: the preset's.", valueName: "sizes"))
    var layers: LayerWidths?

    @Option(help: ArgumentHelp("Hidden activation; the last layer is linear. Default: relu.", valueName: "name"))
    var activation: Activation?

    @Option(name: .customLong("init"), help: ArgumentHelp("Weight initialization: auto is He for ReLU layers, Glorot otherwise. Default: the preset's, else auto.", valueName: "scheme"))
    var initialization: InitializationChoice?

    @Option(help: ArgumentHelp("sgd (with momentum), adam or adamw (decoupled weight decay, none on biases). Default: the preset's, else adam.", valueName: "name"))
    var optimizer: OptimizerKind?

    @Option(name: .customLong("lr"), parsing: .unconditional, help: ArgumentHelp("Learning rate. Default: the preset's, else 1e-3.", valueName: "rate"))
    var learningRate: Float?

    @Option(parsing: .unconditional, help: ArgumentHelp("Weight decay (on weights, not biases). Default: the preset's, else 0.", valueName: "lambda"))
    var weightDecay: Float?

    @Option(parsing: .unconditional, help: ArgumentHelp("SGD momentum. Default: 0.9.", valueName: "mu"))
    var momentum: Float?

    @Option(parsing: .unconditional, help: ArgumentHelp("Mini-batch size. Default: 64.", valueName: "n"))
    var batch: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Training steps (updates). Default: the preset's, else 10000.", valueName: "n"))
    var steps: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Train for this many epochs instead of --steps.", valueName: "n"))
    var epochs: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("Train on a seeded random subset of this many training examples. Default: the preset's, else all.", valueName: "n"))
    var trainSubset: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Probe inputs (the first examples of --probe-from) stored for local-rank analysis. Default: the preset's, else 512.", valueName: "n"))
    var probe: Int?

    @Option(help: ArgumentHelp("Take the probe inputs from the training examples (where the network was fitted), the test examples (held out), or all (training first). Default: the preset's, else train.", valueName: "split"))
    var probeFrom: ProbeSource?

    @Flag(inversion: .prefixedNo, help: "Standardize the inputs with the training set's mean and standard deviation, x ↦ (x − m)/s (MNIST: 0.1307, 0.3081); the probe inputs are stored standardized. Default: the preset's, else off.")
    var standardize: Bool?

    @Option(help: ArgumentHelp("When to checkpoint: every:N, log:K (K log-spaced steps), none (first and last only) or a list of steps like 0,10,100. Step 0 and the last step are always written. Default: the preset's, else log:40.", valueName: "schedule"))
    var checkpoints: CheckpointSchedule?

    @Option(help: ArgumentHelp("Compute each checkpoint's train and test metrics on the first N examples of each split (the training subset, shuffled by seed; the test set in order), or all. Default: \(TrainingConfiguration.defaultEvaluationExamples).", valueName: "N"))
    var evalExamples: EvaluationExamples?

    @Flag(help: "Do not store the probe pre-activations (/activations) at each checkpoint.")
    var noActivations = false

    @Option(help: ArgumentHelp("mlp, or dvib (a Deep Variational Information Bottleneck: --layers n_0,…,2K,n_out, encoder to 2K = μ and σ, decoder from K). Default: the preset's, else mlp.", valueName: "name"))
    var architecture: Architecture?

    @Option(parsing: .unconditional, help: ArgumentHelp("DVIB: weight β of the KL term (loss = task + β·KL; the reciprocal of the β in min I(X;T) − β I(T;Y)). Default: the preset's, else 1e-3.", valueName: "beta"))
    var beta: Float?

    @Option(parsing: .unconditional, help: ArgumentHelp("Seed for data generation, subset, initialization and shuffling. Default: 0.", valueName: "n"))
    var seed: UInt64?

    @Option(parsing: .unconditional, help: ArgumentHelp("Threads for this run's training steps: 1, or 2 to split each step of an MLP in two (results are the same bits either way). Default: every core this process may use (at most 2 help).", valueName: "n"))
    var threads: Int?

    @Flag(help: "No progress output (the one-line summary at the end is still printed).")
    var quiet = false

    /// Whether any flag that defines the model or data was given (`--resume` forbids them).
    var definesRun: Bool { preset != nil || data != nil || layers != nil || architecture != nil }

    func validate() throws {
        if let batch, batch <= 0 { throw ValidationError("--batch must be positive, not \(batch)") }
        if let steps, steps <= 0 { throw ValidationError("--steps must be positive, not \(steps)") }
        if let epochs, !(epochs > 0) { throw ValidationError("--epochs must be positive, not \(epochs)") }
        if steps != nil && epochs != nil { throw ValidationError("give --steps or --epochs, not both") }
        if let learningRate, !(learningRate > 0 && learningRate.isFinite) { throw ValidationError("--lr must be a positive number") }
        if let weightDecay, !(weightDecay >= 0 && weightDecay.isFinite) { throw ValidationError("--weight-decay must be a non-negative number") }
        if let momentum, !(momentum >= 0 && momentum < 1) { throw ValidationError("--momentum must be in [0, 1)") }
        if let beta, !(beta >= 0 && beta.isFinite) { throw ValidationError("--beta must be a non-negative number") }
        if let probe, probe <= 0 { throw ValidationError("--probe must be positive, not \(probe)") }
        if let threads, threads <= 0 { throw ValidationError("--threads must be positive, not \(threads)") }
    }

    /// Checks that the flags describe a whole run.
    func requireCompleteRun() throws {
        if preset == nil && (data == nil || layers == nil) {
            throw ValidationError("give --preset, or both --data and --layers")
        }
    }

    /// The preset's settings with every given flag applied.
    func makeConfiguration() throws -> TrainingConfiguration {
        var c = preset?.configuration
            ?? TrainingConfiguration(data: .gaussian(inputDimensions: 32, targetDimensions: 32, decayLength: 8), layerSizes: [32, 32])
        if let data { c.data = data }
        if let layers { c.layerSizes = layers.sizes }
        if let activation { c.hiddenActivation = activation }
        if let initialization { c.initialization = initialization.initialization }
        if let optimizer { c.optimizer = optimizer }
        if let architecture { c.architecture = architecture }
        if let beta { c.beta = beta }
        if let learningRate { c.learningRate = learningRate }
        if let weightDecay { c.weightDecay = weightDecay }
        if let momentum { c.momentum = momentum }
        if let batch { c.batchSize = batch }
        if let trainSubset { c.trainSubset = trainSubset }
        if let probe { c.probeCount = probe }
        if let probeFrom { c.probeSource = probeFrom }
        if let standardize { c.standardizesInputs = standardize }
        if let seed { c.seed = seed }
        if let checkpoints { c.checkpoints = checkpoints }
        if noActivations { c.storesActivations = false }
        if let threads { c.threads = threads }
        if let evalExamples { c.evaluationExamples = evalExamples.count }
        if let steps { c.steps = steps }
        if let epochs {
            let trainCount = try Trainer(configuration: c, producer: tool.producer).loadDataset().train.count
            let batchesPerEpoch = (trainCount + c.batchSize - 1) / c.batchSize
            c.steps = max(1, Int((epochs * Double(batchesPerEpoch)).rounded()))
        }
        return c
    }
}
