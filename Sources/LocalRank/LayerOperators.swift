import LinearAlgebra
import RunFormat

/// The layers of a `cnn` run as the linear maps the Jacobian machinery works with: a conv2d
/// layer is the (O·H_out·W_out) × (C·H·W) matrix of its cross-correlation on the flattened
/// (C-H-W) input, exactly the layer's linear operator, so its singular values are the
/// layer's and the MLP recursion applies unchanged. Pooling is a map between the layers.
enum LayerOperators {
    /// Layer l's weights as a matrix: a dense layer's stored `[out, in]` matrix itself, a
    /// conv2d layer's operator built from its OIHW kernel (zero padding is the absent columns).
    static func matrix(layer l: Int, of stack: LayerStack, stored: [Float]) -> Matrix<Double> {
        let input = stack.inputShape(layer: l), output = stack.outputShape(layer: l)
        guard case .conv2d(let c) = stack.layer(l) else {
            return Matrix(rows: output.count, columns: input.count, elements: stored.map(Double.init))
        }
        var result = Matrix<Double>(rows: output.count, columns: input.count)
        let kh = c.kernel.height, kw = c.kernel.width
        for o in 0..<output.channels {
            for i in 0..<output.height {
                for j in 0..<output.width {
                    let row = output.index(channel: o, row: i, column: j)
                    for channel in 0..<input.channels {
                        for u in 0..<kh {
                            let y = c.stride.height * i + u - c.padding.height
                            guard y >= 0 && y < input.height else { continue }
                            for v in 0..<kw {
                                let x = c.stride.width * j + v - c.padding.width
                                guard x >= 0 && x < input.width else { continue }
                                let w = stored[((o * input.channels + channel) * kh + u) * kw + v]
                                result[row, input.index(channel: channel, row: y, column: x)] = Double(w)
                            }
                        }
                    }
                }
            }
        }
        return result
    }

    /// The most entries a layer's matrix may have: 2^28, 2 GiB of float64. The matrices are
    /// dense (fashion-cnn's largest has 6 272 × 3 136 = 2^24.2), and a larger network needs
    /// the structured route the analysis does not have yet.
    static let largestMatrix = 1 << 28

    /// The first layer whose matrix (after average pooling: W_l·P, on the pooling's input)
    /// would exceed `largestMatrix`, and its entries.
    static func oversizedLayer(of stack: LayerStack) -> (layer: Int, entries: Int)? {
        for l in 0..<stack.weightedLayerCount {
            let columns = stack.inputPooling(layer: l) == nil ? stack.inputShape(layer: l).count : stack.pooledShape(layer: l).count
            let (entries, overflow) = stack.outputShape(layer: l).count.multipliedReportingOverflow(by: columns)
            if overflow || entries > largestMatrix { return (l, overflow ? .max : entries) }
        }
        return nil
    }

    /// Layer l's bias for every pre-activation unit: a conv2d layer's channel biases repeated
    /// over the H_out·W_out positions of each channel.
    static func bias(layer l: Int, of stack: LayerStack, stored: [Float]) -> [Double] {
        let output = stack.outputShape(layer: l)
        let perChannel = output.height * output.width
        return (0..<output.count).map { Double(stored[$0 / perChannel]) }
    }
}

/// A pooling layer between two analyzed layers as an index map: pooled value p reads the
/// window `inputs(p)` of the layer before's activations (C-H-W indices), and is their
/// largest or their mean.
struct PoolingMap: Sendable {
    let isMaximum: Bool
    /// How many values it reads and passes on.
    let inputCount: Int
    let outputCount: Int
    /// Values per window.
    let windowSize: Int
    /// `outputCount × windowSize`: window p is `indices[p·windowSize ..< (p+1)·windowSize]`, in row-major window order.
    let indices: [Int]

    init(_ layer: NetworkLayer, reading input: FeatureShape) {
        let pooling = layer.pooling!
        let height = (input.height - pooling.window.height) / pooling.stride.height + 1
        let width = (input.width - pooling.window.width) / pooling.stride.width + 1
        isMaximum = layer.kind == .maxPool
        inputCount = input.count
        outputCount = input.channels * height * width
        windowSize = pooling.window.height * pooling.window.width
        var indices = [Int]()
        indices.reserveCapacity(outputCount * windowSize)
        for c in 0..<input.channels {
            for i in 0..<height {
                for j in 0..<width {
                    for u in 0..<pooling.window.height {
                        for v in 0..<pooling.window.width {
                            indices.append(input.index(channel: c, row: pooling.stride.height * i + u, column: pooling.stride.width * j + v))
                        }
                    }
                }
            }
        }
        self.indices = indices
    }

    /// The position in `values` of window p's largest value, the first of equal ones (as PyTorch).
    func largest(_ p: Int, in values: ArraySlice<Double>) -> Int {
        let window = indices[(p * windowSize)..<((p + 1) * windowSize)]
        var best = window.first!
        for index in window.dropFirst() where values[values.startIndex + index] > values[values.startIndex + best] { best = index }
        return best
    }

    /// The pooled values of one input's activations.
    private func apply(_ values: ArraySlice<Double>) -> [Double] {
        (0..<outputCount).map { p in
            if isMaximum { return values[values.startIndex + largest(p, in: values)] }
            var total = 0.0
            for index in indices[(p * windowSize)..<((p + 1) * windowSize)] { total += values[values.startIndex + index] }
            return total / Double(windowSize)
        }
    }

    /// Every row of `values` (`rows × inputCount`) pooled.
    func applied(toRows values: Matrix<Double>) -> Matrix<Double> {
        var elements = [Double]()
        elements.reserveCapacity(values.rows * outputCount)
        for row in 0..<values.rows { elements += apply(values.elements[(row * values.columns)..<((row + 1) * values.columns)]) }
        return Matrix(rows: values.rows, columns: outputCount, elements: elements)
    }

    /// W·P for the averaging map P: the next layer's weights `weight` (rows × outputCount) as a
    /// map from this pooling's input, so that average pooling joins the layer after it.
    func averaged(_ weight: Matrix<Double>) -> Matrix<Double> {
        var result = Matrix<Double>(rows: weight.rows, columns: inputCount)
        let share = 1 / Double(windowSize)
        for row in 0..<weight.rows {
            for p in 0..<outputCount {
                let w = weight[row, p] * share
                for index in indices[(p * windowSize)..<((p + 1) * windowSize)] { result[row, index] += w }
            }
        }
        return result
    }
}
