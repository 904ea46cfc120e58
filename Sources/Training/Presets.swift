import Datasets
import NeuralNetworks
import RunFormat
import Vocabulary

/// Named configurations for the paper's experiments. Every setting is listed in the
/// README; flags given with a preset override its settings.
public enum Preset: String, CaseIterable, Sendable {
    /// The paper's synthetic experiment: a 3-layer MLP maps x to the correlated y.
    case gaussianMLP3 = "gaussian-mlp3"
    /// A 4-layer MLP (four hidden layers of 200) on a 1000-image Fashion-MNIST subset.
    case fashionMLP4 = "fashion-mlp4"
    /// The same network on MNIST, from a directory given with `--data idx:DIR`.
    case mnistMLP4 = "mnist-mlp4"
    /// A DVIB with a linear encoder on Gaussian data, K equal to the input dimension: the
    /// setting of the Gaussian information bottleneck's theory.
    case dvibGaussian = "dvib-gaussian"
    /// A DVIB on Fashion-MNIST: encoder 784-512-2K with K = 32, linear softmax decoder.
    case dvibFashion = "dvib-fashion"
    /// The same on MNIST, from `--data idx:DIR`.
    case dvibMNIST = "dvib-mnist"
    /// fashion-mlp4 as the paper's first author ran its MNIST study (GitHub
    /// niketp03/localcomplexity, MNIST_Full_Analysis.py): standardized inputs, 10⁶ steps,
    /// 50 log-spaced checkpoints, 128 held-out probe inputs.
    case fashionMLP4Paper = "fashion-mlp4-paper"
    /// The same on MNIST, from `--data idx:DIR`.
    case mnistMLP4Paper = "mnist-mlp4-paper"
    /// A Gaussian study at that schedule whose input dimension (128) does not cap the four
    /// hidden layers of 100, with AdamW's decoupled weight decay.
    case gaussianMLP4Paper = "gaussian-mlp4-paper"

    public var configuration: TrainingConfiguration {
        switch self {
        case .gaussianMLP3:
            var configuration = TrainingConfiguration(
                data: .gaussian(inputDimensions: 32, targetDimensions: 32, decayLength: 8),
                layerSizes: [32, 100, 100, 32])
            configuration.optimizer = .adam
            configuration.learningRate = 1e-3
            configuration.batchSize = 64
            configuration.steps = 50_000
            configuration.checkpoints = .logarithmic(40)
            return configuration
        case .fashionMLP4, .mnistMLP4:
            var configuration = TrainingConfiguration(
                data: .idx(directory: self == .fashionMLP4 ? IDXFiles.debianFashionMNISTDirectory : ""),
                layerSizes: [784, 200, 200, 200, 200, 10])
            configuration.optimizer = .adamw
            configuration.learningRate = 1e-4
            configuration.weightDecay = 0.01
            configuration.batchSize = 64
            configuration.trainSubset = 1000
            configuration.steps = 100_000
            configuration.checkpoints = .logarithmic(60)
            return configuration
        case .dvibGaussian:
            var configuration = TrainingConfiguration(
                data: .gaussian(inputDimensions: 8, targetDimensions: 8, decayLength: 4),
                layerSizes: [8, 16, 8])
            configuration.architecture = .dvib
            configuration.optimizer = .adam
            configuration.learningRate = 3e-3
            configuration.batchSize = 256
            configuration.gaussianTrainCount = 8192
            configuration.gaussianTestCount = 2048
            configuration.steps = 6000
            configuration.checkpoints = .logarithmic(12)
            configuration.probeCount = 256
            return configuration
        case .fashionMLP4Paper, .mnistMLP4Paper:
            var configuration = TrainingConfiguration(
                data: .idx(directory: self == .fashionMLP4Paper ? IDXFiles.debianFashionMNISTDirectory : ""),
                layerSizes: [784, 200, 200, 200, 200, 10])
            configuration.applyPaperSchedule()
            configuration.trainSubset = 1000
            return configuration
        case .gaussianMLP4Paper:
            var configuration = TrainingConfiguration(
                data: .gaussian(inputDimensions: 128, targetDimensions: 16, decayLength: 32),
                layerSizes: [128, 100, 100, 100, 100, 16])
            configuration.applyPaperSchedule()
            return configuration
        case .dvibFashion, .dvibMNIST:
            var configuration = TrainingConfiguration(
                data: .idx(directory: self == .dvibFashion ? IDXFiles.debianFashionMNISTDirectory : ""),
                layerSizes: [784, 512, 64, 10])
            configuration.architecture = .dvib
            configuration.optimizer = .adam
            configuration.learningRate = 1e-3
            configuration.batchSize = 100
            configuration.steps = 12_000
            configuration.checkpoints = .logarithmic(12)
            configuration.probeCount = 512
            return configuration
        }
    }
}

extension TrainingConfiguration {
    /// The first author's schedule: AdamW (lr 1e-4, weight decay 0.01 on weights only),
    /// batch 64, He initialization, 10⁶ steps, 50 log-spaced checkpoints, standardized
    /// inputs, and the local rank measured on 128 held-out (test) inputs.
    mutating func applyPaperSchedule() {
        optimizer = .adamw
        learningRate = 1e-4
        weightDecay = 0.01
        batchSize = 64
        initialization = .he
        steps = 1_000_000
        checkpoints = .logarithmic(50)
        standardizesInputs = true
        probeSource = .test
        probeCount = 128
    }
}
