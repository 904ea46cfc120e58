import Testing
import Vocabulary

@Suite struct ActivationTests {
    @Test func namesAreTheStoredOnes() {
        #expect(Activation.allCases.map(\.rawValue) == ["relu", "tanh", "identity"])
        #expect(Architecture.allCases.map(\.rawValue) == ["mlp", "dvib", "cnn"])
        #expect(LearningTask.allCases.map(\.rawValue) == ["regression", "classification"])
        #expect(Activation.namesList == "relu, tanh or identity")
        #expect(Architecture.namesList == "mlp, dvib or cnn")
    }

    @Test func valuesAndDerivativesInBothPrecisions() {
        #expect(Activation.relu(-2.0) == 0 && Activation.relu(3.5) == 3.5)
        #expect(Activation.identity(Float(-2)) == -2)
        #expect(abs(Activation.tanh(0.5) - 0.46211715726000974) < 1e-15)
        #expect(abs(Activation.tanh(Float(0.5)) - 0.46211716) < 1e-7)
        // ReLU's derivative at exactly 0 is 0, as PyTorch and JAX take it.
        #expect(Activation.relu.derivative(at: 0.0) == 0 && Activation.relu.derivative(at: 1e-300) == 1)
        #expect(Activation.identity.derivative(at: Float(7)) == 1)
        // tanh' = 1 − tanh², checked against a central difference.
        let z = 0.7, h = 1e-6
        let difference = (Activation.tanh(z + h) - Activation.tanh(z - h)) / (2 * h)
        #expect(abs(Activation.tanh.derivative(at: z) - difference) < 1e-9)
    }
}

@Suite struct SettingKeyTests {
    @Test func flagNamesAreLRTrainsAndDistinct() {
        let flags = SettingKey.allCases.compactMap(\.flagName)
        #expect(Set(flags).count == flags.count)
        #expect(SettingKey.learningRate.flagName == "lr")
        #expect(SettingKey.layerSizes.flagName == "layers")
        #expect(SettingKey.activationsStored.flagName == "no-activations")
        #expect(SettingKey.loss.flagName == nil && SettingKey.gaussianTrainCount.flagName == nil)
    }

    @Test func aSettingIsNamedByItsFlagOrItsStoredName() {
        #expect(SettingKey(named: "lr") == .learningRate)
        #expect(SettingKey(named: "--weight-decay") == .weightDecay)
        #expect(SettingKey(named: "learning_rate") == .learningRate)
        #expect(SettingKey(named: "learning-rate") == .learningRate)
        #expect(SettingKey(named: "batch") == .batchSize)
        #expect(SettingKey(named: "gaussian_train_count") == .gaussianTrainCount)
        #expect(SettingKey(named: "colour") == nil)
        for key in SettingKey.allCases {
            #expect(SettingKey(named: key.rawValue) == key)
            if let flag = key.flagName { #expect(SettingKey(named: "--" + flag) == key) }
        }
    }
}
