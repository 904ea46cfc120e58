/// The presets of the information-plane experiments, kept apart from the local-rank
/// studies'. Every setting is listed in the README.
enum InformationPresets {
    static func configuration(_ preset: Preset) -> TrainingConfiguration {
        switch preset {
        case .ibGaussian:
            var configuration = saxeSchedule(data: .gaussianSphere(dimensions: 4), layerSizes: [4, 6, 5, 4, 3, 2])
            configuration.gaussianTrainCount = 4096
            configuration.gaussianTestCount = 1024
            configuration.probeSource = .test
            configuration.probeCount = 1024
            return configuration
        default:
            // ib-12bit: every input is a probe input, so X is uniform over all 4 096 of them.
            var configuration = saxeSchedule(data: .twelveBits, layerSizes: [12, 10, 7, 5, 4, 3, 2])
            configuration.probeSource = .all
            configuration.probeCount = 4096
            return configuration
        }
    }

    /// Saxe et al.'s (2018) settings for the 12-bit network: tanh, Adam with learning rate
    /// 4e-4, batch 256; 50 log-spaced checkpoints.
    private static func saxeSchedule(data: DataSource, layerSizes: [Int]) -> TrainingConfiguration {
        var configuration = TrainingConfiguration(data: data, layerSizes: layerSizes)
        configuration.hiddenActivation = .tanh
        configuration.optimizer = .adam
        configuration.learningRate = 4e-4
        configuration.batchSize = 256
        configuration.steps = 100_000
        configuration.checkpoints = .logarithmic(50)
        return configuration
    }
}
