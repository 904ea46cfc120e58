import Datasets
import NeuralNetworks

/// Named configurations for the paper's experiments. Every setting is listed in the
/// README; flags given with a preset override its settings.
public enum Preset: String, CaseIterable, Sendable {
    /// The paper's synthetic experiment: a 3-layer MLP maps x to the correlated y.
    case gaussianMLP3 = "gaussian-mlp3"
    /// A 4-layer MLP (four hidden layers of 200) on a 1000-image Fashion-MNIST subset.
    case fashionMLP4 = "fashion-mlp4"
    /// The same network on MNIST, from a directory given with `--data idx:DIR`.
    case mnistMLP4 = "mnist-mlp4"

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
        }
    }
}
