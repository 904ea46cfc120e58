import LinearAlgebra
import Vocabulary

/// Buffers for one training step: the forward pass, the per-layer error signals
/// δ_l = dLoss/dz_l, and the gradient of every parameter in the network's flat order.
public struct TrainingWorkspace: Sendable {
    public var forward: ForwardWorkspace
    /// dLoss/dθ, laid out like `MultilayerPerceptron.parameters`.
    public var gradients: [Float]
    var deltas: [[Float]]

    public init(network: MultilayerPerceptron, batchCapacity: Int) {
        forward = ForwardWorkspace(network: network, batchCapacity: batchCapacity)
        gradients = [Float](repeating: 0, count: network.parameters.count)
        deltas = forward.preActivations
    }

    /// Runs the forward and backward passes on a batch and returns its loss; the
    /// gradient is left in `gradients`.
    ///
    /// With δ_{L−1} = dLoss/dy ⊙ σ'(z_{L−1}), each layer gives dW_l = δ_lᵀ·a_{l−1},
    /// db_l = Σ_batch δ_l and δ_{l−1} = (δ_l·W_l) ⊙ σ'_{l−1}(z_{l−1}): three GEMM-shaped
    /// steps per layer, all through BLAS.
    public mutating func lossAndGradient(
        _ network: MultilayerPerceptron, inputs: UnsafePointer<Float>, targets: UnsafePointer<Float>,
        batchSize: Int, loss: Loss
    ) -> Double {
        forward.forward(network, inputs: inputs, batchSize: batchSize)
        let last = network.layerCount - 1
        let value = forward.preActivations[last].withUnsafeBufferPointer { outputs in
            deltas[last].withUnsafeMutableBufferPointer { delta in
                loss.evaluate(outputs: outputs.baseAddress!, targets: targets, batchSize: batchSize,
                              outputDimensions: network.outputDimensions, gradient: delta.baseAddress!)
            }
        }
        backpropagate(network, inputs: inputs, batchSize: batchSize)
        return value
    }

    /// dLoss/dy for the last forward pass's outputs (`batch × n_L`): a model that computes
    /// its own loss on top of the network (the DVIB's sampling and KL) writes it here, then
    /// calls `backpropagate`.
    public var outputGradient: [Float] {
        get { deltas[deltas.count - 1] }
        set { deltas[deltas.count - 1] = newValue }
    }

    /// Backpropagates `outputGradient` through the network of the last forward pass,
    /// leaving dLoss/dθ in `gradients` and, when `inputGradient` is given, dLoss/dx
    /// (`batch × n_0`) there.
    public mutating func backpropagate(
        _ network: MultilayerPerceptron, inputs: UnsafePointer<Float>, batchSize: Int,
        inputGradient: UnsafeMutablePointer<Float>? = nil
    ) {
        let last = network.layerCount - 1
        scaleByDerivative(layer: last, network: network, batchSize: batchSize)
        network.parameters.withUnsafeBufferPointer { parameters in
            for layer in stride(from: last, through: 0, by: -1) {
                let n = network.layerSizes[layer + 1], k = network.layerSizes[layer]
                let previousActivations = layer == 0 ? [] : forward.activations[layer - 1]
                let delta = deltas[layer]
                delta.withUnsafeBufferPointer { delta in
                    previousActivations.withUnsafeBufferPointer { stored in
                        let previous = layer == 0 ? inputs : UnsafePointer(stored.baseAddress!)
                        gradients.withUnsafeMutableBufferPointer { gradient in
                            BLAS.gemm(.transposed, .none, m: n, n: k, k: batchSize, a: delta.baseAddress!,
                                      b: previous, c: gradient.baseAddress! + network.weightRange(layer).lowerBound)
                            BatchKernels.columnSums(rows: batchSize, columns: n, delta.baseAddress!, stride: n,
                                                    into: gradient.baseAddress! + network.biasRange(layer).lowerBound)
                        }
                    }
                    if layer > 0 {
                        deltas[layer - 1].withUnsafeMutableBufferPointer { below in
                            BLAS.gemm(.none, .none, m: batchSize, n: k, k: n, a: delta.baseAddress!,
                                      b: parameters.baseAddress! + network.weightRange(layer).lowerBound,
                                      c: below.baseAddress!)
                        }
                    } else if let inputGradient {
                        BLAS.gemm(.none, .none, m: batchSize, n: k, k: n, a: delta.baseAddress!,
                                  b: parameters.baseAddress! + network.weightRange(layer).lowerBound,
                                  c: inputGradient)
                    }
                }
                if layer > 0 { scaleByDerivative(layer: layer - 1, network: network, batchSize: batchSize) }
            }
        }
    }

    private mutating func scaleByDerivative(layer: Int, network: MultilayerPerceptron, batchSize: Int) {
        let activation = network.activations[layer]
        if activation == .identity { return }
        let n = network.layerSizes[layer + 1]
        forward.preActivations[layer].withUnsafeBufferPointer { z in
            deltas[layer].withUnsafeMutableBufferPointer { delta in
                BatchKernels.scaleByDerivative(activation, rows: batchSize, columns: n, at: z.baseAddress!, stride: n,
                                               delta.baseAddress!, stride: n)
            }
        }
    }
}
