extension TrainingConfiguration {
    /// `grok-mod97`: the literature's grokking setting, with an MLP on one-hot inputs.
    /// - Task: (a + b) mod 97 (Power et al., 2022), a and b one-hot and concatenated (194
    ///   inputs; Gromov, 2023), 40% of the 97² pairs for training, the rest held out.
    /// - Network: 194-200-200-97, ReLU, He initialization. Two hidden layers, so that one
    ///   hidden layer (layer 1) has a Jacobian that depends on the input; layer 0's is W_0.
    /// - Optimizer: AdamW, learning rate 1e-3, weight decay 1 on weights (Power et al.'s and
    ///   Nanda et al.'s, 2023, setting), batch 512 (Power et al.'s).
    /// - Checkpoints: 60 log-spaced; local rank on 512 held-out pairs.
    static var grokking: TrainingConfiguration {
        var configuration = TrainingConfiguration(data: .modularAddition(modulus: 97, trainingFraction: 0.4),
                                                  layerSizes: [194, 200, 200, 97])
        configuration.optimizer = .adamw
        configuration.learningRate = 1e-3
        configuration.weightDecay = 1
        configuration.batchSize = 512
        configuration.initialization = .he
        configuration.steps = 30_000
        configuration.checkpoints = .logarithmic(60)
        configuration.probeSource = .test
        configuration.probeCount = 512
        return configuration
    }
}
