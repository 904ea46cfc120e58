import LinearAlgebra
import RealModule

/// How I(X;T) and I(T;Y) are estimated from a layer's representation T of the N probe
/// inputs, X uniform over them (each input equally likely) and Y their class labels. Every
/// value is in bits.
public enum InformationEstimator: Sendable, Hashable {
    /// Equal-width binning (Shwartz-Ziv and Tishby, 2017): `bins` bins spanning `range`, or
    /// the [min, max] of the layer's values over the inputs at that checkpoint when nil.
    /// Each input's vector of bins is one symbol; I(X;T) = H(T) and I(T;Y) = H(T) − H(T|Y).
    case binning(bins: Int, range: ClosedRange<Double>?)
    /// The pairwise-distance bounds of Kolchinsky and Tracey (2017) on T plus Gaussian noise
    /// of variance s² in every direction, as Saxe et al. (2018) use them: an upper and a
    /// lower bound on I(X;T), and I(T;Y) from each.
    case kernelDensity(noiseVariance: Double)

    public static let defaultBins = 30
    public static let defaultNoiseVariance = 0.1

    /// `binning` or `kde`, as the command line and the outputs name it.
    public var name: String {
        switch self {
        case .binning: "binning"
        case .kernelDensity: "kde"
        }
    }

    /// Whether it gives lower bounds besides its main values (the kernel estimator's upper bounds).
    public var hasLowerBounds: Bool {
        if case .kernelDensity = self { return true }
        return false
    }

    /// The estimate for one layer: `representation` is N × d, row i the layer's output at
    /// probe input i; `labels` the inputs' classes, nil when the run has none.
    public func estimate(_ representation: Matrix<Double>, labels: ClassLabels?, threads: Int) -> InformationEstimate {
        precondition(labels == nil || labels!.classes.count == representation.rows, "one label per input")
        switch self {
        case .binning(let bins, let range):
            return BinnedInformation.estimate(representation, labels: labels, bins: bins, range: range)
        case .kernelDensity(let noiseVariance):
            return PairwiseDistanceBounds.estimate(representation, labels: labels, noiseVariance: noiseVariance, threads: threads)
        }
    }
}

/// One layer's estimate at one checkpoint, in bits.
public struct InformationEstimate: Sendable, Equatable {
    /// I(X;T): binning's estimate, or the pairwise-distance upper bound.
    public var inputInformation: Double
    /// I(T;Y) from the same estimates (binning), or from the upper bounds of both terms;
    /// nil without class labels.
    public var labelInformation: Double?
    /// The pairwise-distance lower bound of I(X;T) (kernel density only).
    public var inputInformationLower: Double?
    /// I(T;Y) from the lower bounds of both terms (kernel density only).
    public var labelInformationLower: Double?
    /// I(X;T) within 1% of log₂ N, the most N equally likely inputs can carry: (nearly)
    /// every input is told apart, so the value says nothing about compression.
    public var saturated: Bool

    public init(inputInformation: Double, labelInformation: Double?, inputInformationLower: Double? = nil,
                labelInformationLower: Double? = nil, inputs: Int) {
        self.inputInformation = inputInformation
        self.labelInformation = labelInformation
        self.inputInformationLower = inputInformationLower
        self.labelInformationLower = labelInformationLower
        saturated = Self.isSaturated(inputInformation, inputs: inputs)
    }

    /// Whether `value` bits are within 1% of log₂ `inputs`.
    public static func isSaturated(_ value: Double, inputs: Int) -> Bool {
        let most = Double.log2(Double(inputs))
        return abs(most - value) <= 0.01 * most
    }
}

/// The probe inputs' class labels as dense indices 0 ..< classCount (in ascending order of
/// the stored labels), with the members of each class.
public struct ClassLabels: Sendable, Equatable {
    /// The class of each input.
    public let classes: [Int]
    /// The stored label of each class index.
    public let values: [Int]
    /// The inputs of each class, ascending.
    public let members: [[Int]]

    /// Labels from stored targets; nil unless every one is a whole number.
    public init?(targets: some Collection<Float>) {
        var labels = [Int]()
        labels.reserveCapacity(targets.count)
        for target in targets {
            guard target.isFinite, target == target.rounded(), abs(target) < 16_777_216 else { return nil }
            labels.append(Int(target))
        }
        values = Array(Set(labels)).sorted()
        let index = Dictionary(uniqueKeysWithValues: values.enumerated().map { ($1, $0) })
        classes = labels.map { index[$0]! }
        var members = [[Int]](repeating: [], count: values.count)
        for (input, label) in classes.enumerated() { members[label].append(input) }
        self.members = members
    }

    public var classCount: Int { values.count }

    /// H(Y) in bits, the most I(T;Y) can be.
    public var entropy: Double {
        let total = Double(classes.count)
        return members.reduce(0) { sum, inputs in
            let p = Double(inputs.count) / total
            return sum - p * Double.log2(p)
        }
    }
}
