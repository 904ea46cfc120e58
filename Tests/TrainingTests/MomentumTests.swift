import Foundation
import LocalRankTestSupport
import Testing
@testable import Training

/// `--momentum` must be the momentum that acts: a full-batch SGD run (so that the order
/// of examples cannot matter) replayed in float64 by numpy from its own step-0 weights.
@Suite struct MomentumTests {
    /// numpy's SGD with heavy-ball momentum on the stored probe (the whole training set):
    /// prints the largest relative difference from the stored weights over all checkpoints.
    static let replay = """
        import sys
        import h5py, numpy as np
        path, eta, mu = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
        with h5py.File(path, "r") as f:
            x = f["probe/x"][...].astype(np.float64)
            t = f["probe/y"][...].astype(np.float64)
            L = len(f["model"].attrs["layer_sizes"]) - 1
            W = [f[f"weights/{l}/weight"][...].astype(np.float64) for l in range(L)]
            b = [f[f"weights/{l}/bias"][...].astype(np.float64) for l in range(L)]
        theta = [(W[l][0].copy(), b[l][0].copy()) for l in range(L)]
        velocity = [(np.zeros_like(w), np.zeros_like(c)) for w, c in theta]
        worst = 0.0
        for step in range(1, W[0].shape[0]):
            a, zs, acts = x, [], [x]
            for l, (w, c) in enumerate(theta):
                z = a @ w.T + c
                zs.append(z)
                a = np.maximum(z, 0) if l < L - 1 else z
                acts.append(a)
            delta = 2 * (a - t) / t.size
            grads = [None] * L
            for l in reversed(range(L)):
                grads[l] = (delta.T @ acts[l], delta.sum(axis=0))
                if l > 0:
                    delta = (delta @ theta[l][0]) * (zs[l - 1] > 0)
            for l in range(L):
                vw, vc = velocity[l]
                vw = mu * vw + grads[l][0]
                vc = mu * vc + grads[l][1]
                velocity[l] = (vw, vc)
                theta[l] = (theta[l][0] - eta * vw, theta[l][1] - eta * vc)
                scale = np.abs(W[l][step]).max()
                worst = max(worst, np.abs(theta[l][0] - W[l][step]).max() / scale)
        print(worst)
        """

    func trainFullBatchSGD(momentum: Float, into path: String) throws {
        var configuration = TrainingConfiguration(data: .gaussian(inputDimensions: 6, targetDimensions: 4, decayLength: 3),
                                                  layerSizes: [6, 12, 4])
        configuration.optimizer = .sgd
        configuration.learningRate = 0.05
        configuration.momentum = momentum
        configuration.trainSubset = 48
        configuration.batchSize = 48
        configuration.probeCount = 48
        configuration.steps = 12
        configuration.checkpoints = .every(1)
        configuration.storesActivations = false
        _ = try Trainer(configuration: configuration, producer: "MomentumTests")
            .train(outputPath: path, overwrite: true)
    }

    @Test("the stored momentum is the one that acted: numpy replays both runs")
    func storedMomentumActs() throws {
        try Python.requireModules(["h5py", "numpy"])
        let directory = try TemporaryDirectory(prefix: "momentum")
        for momentum: Float in [0, 0.5] {
            let path = directory.path("sgd-\(momentum).h5")
            try trainFullBatchSGD(momentum: momentum, into: path)
            let worst = try #require(Double(Python.run(Self.replay, arguments: [path, "0.05", "\(momentum)"])
                .trimmingCharacters(in: .whitespacesAndNewlines)))
            // float32 training against a float64 replay over 12 steps.
            #expect(worst < 1e-4, "momentum \(momentum): weights differ from numpy's by \(worst) (relative)")
            // A replay with the other momentum must not match: the check can fail.
            let other = momentum == 0 ? "0.5" : "0"
            let mismatch = try #require(Double(Python.run(Self.replay, arguments: [path, "0.05", other])
                .trimmingCharacters(in: .whitespacesAndNewlines)))
            #expect(mismatch > 1e-3, "momentum \(momentum) also matches a replay with momentum \(other)")
        }
    }
}
