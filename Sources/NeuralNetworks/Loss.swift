import RealModule
/// What training minimizes, averaged over the batch.
public enum Loss: String, CaseIterable, Sendable {
    /// Mean over batch and output dimensions of (y − t)²: PyTorch's `MSELoss()`.
    /// Targets are `batch × outputs`.
    case meanSquaredError = "mse"
    /// Mean over the batch of −log softmax(y)[label]. Targets are one class index per
    /// row, stored as a Float.
    case softmaxCrossEntropy = "cross_entropy"

    /// The number of target values per example.
    public func targetWidth(outputDimensions: Int) -> Int {
        self == .meanSquaredError ? outputDimensions : 1
    }

    /// The loss of a batch, and, when `gradient` is given, dLoss/dy written into it
    /// (`batch × outputs`). Sums run in Double so that the reported loss does not
    /// depend on the batch's size through rounding.
    public func evaluate(
        outputs: UnsafePointer<Float>, targets: UnsafePointer<Float>, batchSize: Int, outputDimensions d: Int,
        gradient: UnsafeMutablePointer<Float>? = nil
    ) -> Double {
        sum(outputs: outputs, targets: targets, rows: 0..<batchSize, batchSize: batchSize, outputDimensions: d,
            gradient: gradient) / normalizer(batchSize: batchSize, outputDimensions: d)
    }

    /// What `evaluate` divides the sum over the batch by: batch × outputs for the mean
    /// squared error, the batch size for cross-entropy.
    public func normalizer(batchSize: Int, outputDimensions d: Int) -> Double {
        Double(self == .meanSquaredError ? batchSize * d : batchSize)
    }

    /// The loss of `rows` of a batch of `batchSize`, summed in row order (not yet divided by
    /// `normalizer`), and their rows of dLoss/dy for the whole batch's mean when `gradient`
    /// (`batch × outputs`, like `outputs` and `targets`) is given. Threads that share a batch
    /// each take some rows.
    public func sum(
        outputs: UnsafePointer<Float>, targets: UnsafePointer<Float>, rows: Range<Int>, batchSize: Int,
        outputDimensions d: Int, gradient: UnsafeMutablePointer<Float>? = nil
    ) -> Double {
        var total = 0.0
        switch self {
        case .meanSquaredError:
            let scale = 2 / Float(batchSize * d)
            // Eight running sums (lane i takes elements ≡ i mod 8), added up at the end: the
            // order is fixed by the rows, and the sums do not wait on each other.
            var sums = SIMD8<Double>()
            var i = rows.lowerBound * d
            let end = rows.upperBound * d
            while i + 8 <= end {
                let difference = UnsafeRawPointer(outputs + i).loadUnaligned(as: SIMD8<Float>.self)
                    - UnsafeRawPointer(targets + i).loadUnaligned(as: SIMD8<Float>.self)
                let wide = SIMD8<Double>(difference)
                sums += wide * wide
                if let gradient { UnsafeMutableRawPointer(gradient + i).storeBytes(of: scale * difference, as: SIMD8<Float>.self) }
                i += 8
            }
            total = sums.sum()
            while i < end {
                let difference = outputs[i] - targets[i]
                total += Double(difference) * Double(difference)
                gradient?[i] = scale * difference
                i += 1
            }
        case .softmaxCrossEntropy:
            for row in rows {
                let y = outputs + row * d
                let label = Int(targets[row])
                var largest = y[0]
                for j in 1..<d { largest = max(largest, y[j]) }
                var sum = 0.0
                for j in 0..<d { sum += Double.exp(Double(y[j] - largest)) }
                let logSum = Double.log(sum) + Double(largest)
                total += logSum - Double(y[label])
                if let gradient {
                    for j in 0..<d {
                        let probability = Double.exp(Double(y[j]) - logSum)
                        gradient[row * d + j] = Float((probability - (j == label ? 1 : 0)) / Double(batchSize))
                    }
                }
            }
        }
        return total
    }

    /// The number of rows whose largest output is the labelled class (ties go to the lowest index).
    public static func correctPredictions(outputs: UnsafePointer<Float>, labels: UnsafePointer<Float>, batchSize: Int, classes: Int) -> Int {
        var correct = 0
        for row in 0..<batchSize {
            let y = outputs + row * classes
            var best = 0
            for j in 1..<classes where y[j] > y[best] { best = j }
            if best == Int(labels[row]) { correct += 1 }
        }
        return correct
    }
}
