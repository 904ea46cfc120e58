import LinearAlgebra
import RealModule

extension CheckpointNetwork {
    /// What each layer passes on, T_l = σ_l(z_l), for `count` inputs (`count × n_0`): element
    /// l is `count × n_{l+1}`, replayed in float64 from the checkpoint's weights as the
    /// Jacobians are, so that runs without stored activations are analyzed alike. With
    /// `outputProbabilities` (a classifier), the last layer's T is softmax(z), the class
    /// probabilities the network predicts, rather than its logits.
    public func representations(inputs: [Double], count: Int, outputProbabilities: Bool) -> [Matrix<Double>] {
        var result = [Matrix<Double>]()
        var previous = Matrix(rows: count, columns: layerSizes[0], elements: inputs)
        for layer in 0..<layerCount {
            let z = preActivation(layer, of: previous)
            let output = outputProbabilities && layer == layerCount - 1 ? Self.softmaxRows(z) : activated(layer, z)
            result.append(output)
            if layer + 1 < layerCount { previous = input(ofLayer: layer + 1, from: output) }
        }
        return result
    }

    /// Each row's softmax, exp(z − max z) normalized.
    static func softmaxRows(_ z: Matrix<Double>) -> Matrix<Double> {
        var result = z
        for i in 0..<z.rows {
            let row = (i * z.columns)..<((i + 1) * z.columns)
            guard let largest = z.elements[row].max() else { continue }
            var total = 0.0
            for k in row {
                result.elements[k] = Double.exp(z.elements[k] - largest)
                total += result.elements[k]
            }
            for k in row { result.elements[k] /= total }
        }
        return result
    }
}

extension Matrix where Scalar == Double {
    /// The matrix minus the mean of its rows: each column centred.
    public var columnsCentred: Matrix {
        guard rows > 0 else { return self }
        var mean = [Double](repeating: 0, count: columns)
        for i in 0..<rows { for k in 0..<columns { mean[k] += self[i, k] } }
        for k in mean.indices { mean[k] /= Double(rows) }
        var result = self
        for i in 0..<rows { for k in 0..<columns { result[i, k] -= mean[k] } }
        return result
    }
}
