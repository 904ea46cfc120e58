import RandomNumbers

/// Modular addition, the task on which grokking was found (Power et al., 2022): the class
/// of the pair (a, b) is (a + b) mod p. The input is the one-hot code of a followed by that
/// of b (2p values, as in Gromov, 2023). A seeded random `trainingFraction` of the p² pairs
/// is the training set and the rest the test set, each in the order of that permutation.
public struct ModularAddition: Sendable {
    /// The p² examples of 2p floats take 32p³ bytes: 537 MB at this bound, 4 GB at p = 500.
    public static let largestModulus = 256

    public var modulus: Int
    public var trainingFraction: Double
    public var seed: UInt64

    public init(modulus: Int, trainingFraction: Double, seed: UInt64) {
        precondition((2...Self.largestModulus).contains(modulus) && trainingFraction > 0 && trainingFraction < 1)
        self.modulus = modulus
        self.trainingFraction = trainingFraction
        self.seed = seed
    }

    /// round(fraction · p²), at least one pair on each side.
    public var trainCount: Int {
        let pairs = modulus * modulus
        return min(pairs - 1, max(1, Int((trainingFraction * Double(pairs)).rounded())))
    }

    /// The pairs (a, b) in the seeded order whose first `trainCount` form the training set.
    public func shuffledPairs() -> [(a: Int, b: Int)] {
        var generator = SeededGenerator(seed: seed ^ 0x6D0D_ADD)
        return generator.permutation(of: modulus * modulus).map { ($0 / modulus, $0 % modulus) }
    }

    public func dataset() -> Dataset {
        let pairs = shuffledPairs()
        return Dataset(
            name: "modular-addition", task: .classification,
            train: examples(pairs[..<trainCount]), test: examples(pairs[trainCount...]),
            source: "synthetic: (a + b) mod \(modulus), a and b one-hot (\(2 * modulus) inputs); \(trainCount) of the \(modulus * modulus) pairs for training (fraction \(trainingFraction)), the rest for testing, split by seed \(seed)",
            classCount: modulus)
    }

    func examples(_ pairs: ArraySlice<(a: Int, b: Int)>) -> Examples {
        let width = 2 * modulus
        var inputs = [Float](repeating: 0, count: pairs.count * width), targets = [Float]()
        targets.reserveCapacity(pairs.count)
        for (row, pair) in pairs.enumerated() {
            inputs[row * width + pair.a] = 1
            inputs[row * width + modulus + pair.b] = 1
            targets.append(Float((pair.a + pair.b) % modulus))
        }
        return Examples(inputs: inputs, targets: targets, inputDimensions: width, targetWidth: 1)
    }
}
