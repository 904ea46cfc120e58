import RealModule

/// What to read off a Jacobian's singular values σ_1 ≥ σ_2 ≥ … , or those of a layer's
/// weight matrix W_l (the quantity in the paper's bound).
public enum RankMeasure: String, CaseIterable, Sendable {
    /// rank_ε: the number of σ_i > ε (absolute threshold), the paper's local rank.
    case localRank = "local-rank"
    /// The number of σ_i > ε·σ_1 (ε read as a relative tolerance), NumPy's matrix_rank style.
    case relativeRank = "relative-rank"
    /// exp(H(p)) with p_i = σ_i / Σσ_j (Roy and Vetterli, 2007); needs no threshold.
    case effectiveRank = "effective-rank"
    /// Σσ_i² / σ_1² (Rudelson and Vershynin, 2007); needs no threshold.
    case stableRank = "stable-rank"
    /// ‖W_l‖_σ = σ_1(W_l), the operator norm of the layer's weights.
    case weightSpectralNorm = "weight-spectral-norm"
    /// ‖W_l‖_F = (Σσ_i(W_l)²)^½.
    case weightFrobeniusNorm = "weight-frobenius-norm"
    /// ‖W_l‖_F² / ‖W_l‖_σ², the stable rank of the layer's weights.
    case weightStableRank = "weight-stable-rank"
    /// RankMe (Garrido et al., 2023) of the N × n_{l+1} matrix of the layer's outputs T_l on
    /// the probe inputs: exp(−Σ p_k log p_k) with p_k = σ_k/Σσ + 10⁻⁷ over its singular values.
    case activationEffectiveRank = "activation-effective-rank"
    /// The number of singular values of the column-centred N × n_{l+1} matrix of T_l
    /// (not divided by √N) greater than ε.
    case activationRank = "activation-rank"

    public var usesThreshold: Bool { [.localRank, .relativeRank, .activationRank].contains(self) }

    /// Whether the measure counts singular values (so its natural tolerance is in dimensions).
    public var isCount: Bool { usesThreshold }

    /// Whether the measure reads the weights' singular values rather than the Jacobians'.
    public var isOfWeights: Bool { [.weightSpectralNorm, .weightFrobeniusNorm, .weightStableRank].contains(self) }

    /// Whether the measure reads the singular values of the layers' outputs on the probe
    /// inputs (one matrix per layer and checkpoint) rather than the Jacobians'.
    public var isOfActivations: Bool { self == .activationEffectiveRank || self == .activationRank }

    /// Whether the measure reads the Jacobians' spectra (and so the analysis cache).
    public var readsJacobianSpectra: Bool { !isOfWeights && !isOfActivations }

    /// The measure of one spectrum (descending) at threshold `epsilon`.
    public func value<Spectrum: RandomAccessCollection<Double>>(of spectrum: Spectrum, epsilon: Double) -> Double
    where Spectrum.Index == Int {
        switch self {
        case .localRank, .activationRank:
            return Double(Self.count(spectrum, above: epsilon))
        case .relativeRank:
            guard let largest = spectrum.first else { return 0 }
            return Double(Self.count(spectrum, above: epsilon * largest))
        case .effectiveRank:
            let total = spectrum.reduce(0, +)
            guard total > 0 else { return 0 }
            var entropy = 0.0
            for sigma in spectrum where sigma > 0 {
                let p = sigma / total
                entropy -= p * Double.log(p)
            }
            return Double.exp(entropy)
        case .activationEffectiveRank:
            let total = spectrum.reduce(0, +)
            var entropy = 0.0
            for sigma in spectrum {
                let p = (total > 0 ? sigma / total : 0) + 1e-7
                entropy -= p * Double.log(p)
            }
            return Double.exp(entropy)
        case .stableRank, .weightStableRank:
            guard let largest = spectrum.first, largest > 0 else { return 0 }
            return spectrum.reduce(0) { $0 + $1 * $1 } / (largest * largest)
        case .weightSpectralNorm:
            return spectrum.first ?? 0
        case .weightFrobeniusNorm:
            return spectrum.reduce(0) { $0 + $1 * $1 }.squareRoot()
        }
    }

    /// The number of values strictly greater than `threshold` in a descending spectrum
    /// (binary search: re-thresholding a cached run costs O(log r) per spectrum).
    public static func count<Spectrum: RandomAccessCollection<Double>>(_ spectrum: Spectrum, above threshold: Double) -> Int
    where Spectrum.Index == Int {
        var low = spectrum.startIndex, high = spectrum.endIndex
        while low < high {
            let middle = (low + high) / 2
            if spectrum[middle] > threshold { low = middle + 1 } else { high = middle }
        }
        return low - spectrum.startIndex
    }
}

/// Mean and population standard deviation of a measure over the probe inputs.
public struct MeasureSummary: Sendable, Equatable {
    public var mean: Double
    public var standardDeviation: Double

    public init(values: [Double]) {
        guard !values.isEmpty else { self.init(mean: .nan, standardDeviation: .nan); return }
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
        self.init(mean: mean, standardDeviation: variance.squareRoot())
    }

    public init(mean: Double, standardDeviation: Double) {
        self.mean = mean
        self.standardDeviation = standardDeviation
    }
}
