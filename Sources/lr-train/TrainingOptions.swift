import ArgumentParser
import Datasets
import NeuralNetworks
import RunFormat
import Training

/// The training settings shared by `lr-train train` and `lr-train sweep`: a preset and
/// the flags that override it.
struct TrainingOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A named configuration: \(Preset.allCases.map(\.rawValue).joined(separator: ", ")). Its settings are listed in the README.", valueName: "name"))
    var preset: String?

    @Option(help: ArgumentHelp("Training data: gaussian[:NXxNY[:DECAY]] (synthetic; default 32x32, decay 8), fashion-mnist (Debian's \(IDXFiles.debianFashionMNISTDirectory)) or idx:DIR (MNIST-layout IDX files, plain or .gz). Default: the preset's.", valueName: "source"))
    var data: String?

    @Option(help: ArgumentHelp("Layer widths n_0,n_1,…,n_L, input first. Default: the preset's.", valueName: "sizes"))
    var layers: String?

    @Option(help: ArgumentHelp("Hidden activation: relu, tanh or identity; the last layer is linear. Default: relu.", valueName: "name"))
    var activation: String?

    @Option(name: .customLong("init"), help: ArgumentHelp("Weight initialization: he, glorot or auto (He for ReLU layers, Glorot otherwise). Default: auto.", valueName: "scheme"))
    var initialization: String?

    @Option(help: ArgumentHelp("sgd (with momentum), adam or adamw (decoupled weight decay, none on biases). Default: the preset's, else adam.", valueName: "name"))
    var optimizer: String?

    @Option(name: .customLong("lr"), help: ArgumentHelp("Learning rate. Default: the preset's, else 1e-3.", valueName: "rate"))
    var learningRate: Float?

    @Option(help: ArgumentHelp("Weight decay (on weights, not biases). Default: the preset's, else 0.", valueName: "lambda"))
    var weightDecay: Float?

    @Option(help: ArgumentHelp("SGD momentum. Default: 0.9.", valueName: "mu"))
    var momentum: Float?

    @Option(help: ArgumentHelp("Mini-batch size. Default: 64.", valueName: "n"))
    var batch: Int?

    @Option(help: ArgumentHelp("Training steps (updates). Default: the preset's, else 10000.", valueName: "n"))
    var steps: Int?

    @Option(help: ArgumentHelp("Train for this many epochs instead of --steps.", valueName: "n"))
    var epochs: Double?

    @Option(help: ArgumentHelp("Train on a seeded random subset of this many training examples. Default: the preset's, else all.", valueName: "n"))
    var trainSubset: Int?

    @Option(help: ArgumentHelp("Probe inputs (the first training examples) stored for local-rank analysis. Default: 512.", valueName: "n"))
    var probe: Int?

    @Option(help: ArgumentHelp("When to checkpoint: every:N, log:K (K log-spaced steps), none (first and last only) or a list of steps like 0,10,100. Step 0 and the last step are always written. Default: the preset's, else log:40.", valueName: "schedule"))
    var checkpoints: String?

    @Flag(help: "Do not store the probe pre-activations (/activations) at each checkpoint.")
    var noActivations = false

    @Option(help: ArgumentHelp("mlp, or dvib (a Deep Variational Information Bottleneck: --layers n_0,…,2K,n_out, encoder to 2K = μ and σ, decoder from K). Default: the preset's, else mlp.", valueName: "name"))
    var architecture: String?

    @Option(help: ArgumentHelp("DVIB: weight β of the KL term (loss = task + β·KL; the reciprocal of the β in min I(X;T) − β I(T;Y)). Default: the preset's, else 1e-3.", valueName: "beta"))
    var beta: Float?

    @Option(help: ArgumentHelp("Seed for data generation, subset, initialization and shuffling. Default: 0.", valueName: "n"))
    var seed: UInt64?

    @Option(help: ArgumentHelp("Threads for this run's training steps: 1, or 2 to split each step of an MLP in two (results are the same bits either way). Default: every core this process may use (at most 2 help).", valueName: "n"))
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
        if let beta, !(beta >= 0 && beta.isFinite) { throw ValidationError("--beta must be a non-negative number") }
        if let threads, threads <= 0 { throw ValidationError("--threads must be positive, not \(threads)") }
        if let preset, Preset(rawValue: preset) == nil {
            throw ValidationError("unknown preset '\(preset)'; choose one of \(Preset.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    /// Checks that the flags describe a whole run.
    func requireCompleteRun() throws {
        if preset == nil && (data == nil || layers == nil) {
            throw ValidationError("give --preset, or both --data and --layers")
        }
    }

    /// The preset's settings with every given flag applied.
    func makeConfiguration() throws -> TrainingConfiguration {
        var c: TrainingConfiguration
        if let preset = preset.flatMap(Preset.init(rawValue:)) {
            c = preset.configuration
        } else {
            c = TrainingConfiguration(data: .gaussian(inputDimensions: 32, targetDimensions: 32, decayLength: 8), layerSizes: [32, 32])
        }
        if let data {
            guard let source = DataSource(parsing: data) else {
                throw ValidationError("--data '\(data)' is not gaussian[:NXxNY[:DECAY]], fashion-mnist or idx:DIR")
            }
            c.data = source
        }
        if let layers {
            let sizes = layers.split(separator: ",").map { Int($0) }
            guard sizes.count >= 2, sizes.allSatisfy({ ($0 ?? 0) > 0 }) else {
                throw ValidationError("--layers '\(layers)' is not a list of at least two positive widths")
            }
            c.layerSizes = sizes.map { $0! }
        }
        if let activation {
            guard let value = Activation(rawValue: activation) else { throw ValidationError("--activation must be relu, tanh or identity") }
            c.hiddenActivation = value
        }
        if let initialization, initialization != "auto" {
            guard let value = Initialization(rawValue: initialization) else { throw ValidationError("--init must be he, glorot or auto") }
            c.initialization = value
        }
        if let optimizer {
            guard let value = OptimizerKind(rawValue: optimizer) else { throw ValidationError("--optimizer must be sgd, adam or adamw") }
            c.optimizer = value
        }
        if let architecture {
            guard let value = Architecture(rawValue: architecture) else { throw ValidationError("--architecture must be mlp or dvib") }
            c.architecture = value
        }
        if let beta { c.beta = beta }
        if let learningRate { c.learningRate = learningRate }
        if let weightDecay { c.weightDecay = weightDecay }
        if let momentum { c.momentum = momentum }
        if let batch { c.batchSize = batch }
        if let trainSubset { c.trainSubset = trainSubset }
        if let probe { c.probeCount = probe }
        if let seed { c.seed = seed }
        if let checkpoints {
            guard let schedule = CheckpointSchedule(parsing: checkpoints) else {
                throw ValidationError("--checkpoints '\(checkpoints)' is not every:N, log:K, none or a list of steps")
            }
            c.checkpoints = schedule
        }
        if noActivations { c.storesActivations = false }
        if let threads { c.threads = threads }
        if let steps { c.steps = steps }
        if let epochs {
            let trainCount = try Trainer(configuration: c, producer: producer).loadDataset().train.count
            let batchesPerEpoch = (trainCount + c.batchSize - 1) / c.batchSize
            c.steps = max(1, Int((epochs * Double(batchesPerEpoch)).rounded()))
        }
        return c
    }

}
