import LinearAlgebra
import RunFormat

/// One checkpoint's information estimates.
public struct InformationCheckpoint: Sendable {
    public var index: Int
    public var step: Int
    public var metrics: [String: Double]
    /// False when a weight or bias is NaN or infinite; such checkpoints have no estimates.
    public var isFinite: Bool
    /// One per analyzed layer.
    public var estimates: [InformationEstimate]
}

/// Why a run's probe inputs have no class labels, so that I(T;Y) cannot be estimated.
public enum MissingLabels: Sendable, Equatable, Error {
    /// The run is a regression: its targets are real vectors.
    case regression
    /// The run stores no `/probe/y`.
    case notStored
    /// `/probe/y` holds values that are not whole numbers.
    case notWholeNumbers
}

extension RunAnalyzer {
    /// Whether a layer's T is its activation's output everywhere but at a classifier's last
    /// layer, where it is the softmax of the logits (`representations`); a DVIB's analyzed
    /// layers end at μ, not at its output.
    public var outputIsProbabilities: Bool {
        run.model.architecture != .dvib && run.data.task == .classification
    }

    /// The class labels of the analyzed probe inputs, or why there are none.
    public func classLabels() throws -> Result<ClassLabels, MissingLabels> {
        guard run.data.task == .classification else { return .failure(.regression) }
        guard let targets = try run.probe().targets, targets.count >= probeCount else { return .failure(.notStored) }
        guard let labels = ClassLabels(targets: targets.prefix(probeCount)) else { return .failure(.notWholeNumbers) }
        return .success(labels)
    }

    /// The analyzed layers' outputs T_l at checkpoint `index` for the analyzed probe inputs;
    /// nil when its weights are not finite.
    public func representations(checkpoint index: Int, step: Int) throws -> [Matrix<Double>]? {
        let stored = try checkpoint(index, step: step)
        let network = CheckpointNetwork(layers: layers, weights: stored.weights, biases: stored.biases)
        guard network.isFinite else { return nil }
        return network.representations(inputs: probeInputs, count: probeCount, outputProbabilities: outputIsProbabilities)
    }

    /// Estimates I(X;T_l) and I(T_l;Y) of every analyzed layer at the selected checkpoints
    /// complete in the run now, in order, one checkpoint at a time.
    public func information(_ selection: CheckpointSelection, estimator: InformationEstimator) throws -> [InformationCheckpoint] {
        let steps = try run.steps()
        let wanted = selection.indices(in: steps)
        let metrics = try metricColumns(count: steps.count)
        let labels = try? classLabels().get()
        progress?(0, wanted.count)
        return try wanted.enumerated().map { done, index in
            guard !shouldStop() else { throw AnalysisInterrupted(completed: done, total: wanted.count) }
            let representations = try representations(checkpoint: index, step: steps[index])
            let estimates = representations?.map { estimate($0, estimator: estimator, labels: labels) } ?? []
            progress?(done + 1, wanted.count)
            return InformationCheckpoint(index: index, step: steps[index],
                                         metrics: metrics.compactMapValues { $0.indices.contains(index) ? $0[index] : nil },
                                         isFinite: representations != nil, estimates: estimates)
        }
    }

    /// One layer's estimate; NaN when its outputs overflowed although the weights are finite.
    private func estimate(_ t: Matrix<Double>, estimator: InformationEstimator, labels: ClassLabels?) -> InformationEstimate {
        guard t.elements.allSatisfy(\.isFinite) else {
            let label: Double? = labels == nil ? nil : .nan
            let lower: Double? = estimator.hasLowerBounds ? .nan : nil
            return InformationEstimate(inputInformation: .nan, labelInformation: label, inputInformationLower: lower,
                                       labelInformationLower: labels == nil ? nil : lower, inputs: t.rows)
        }
        return estimator.estimate(t, labels: labels, threads: threads)
    }
}

/// The quantities of an `InformationCheckpoint`, as rows of its values (`CheckpointValues`).
public enum InformationQuantity: Int, CaseIterable, Sendable {
    /// I(X;T): binning's estimate or the kernel estimator's upper bound.
    case inputInformation
    /// I(T;Y) from the same estimates.
    case labelInformation
    /// The kernel estimator's lower bound of I(X;T).
    case inputInformationLower
    /// I(T;Y) from the lower bounds.
    case labelInformationLower
    /// 1 when I(X;T) is saturated, 0 otherwise: across runs, its mean is the share saturated.
    case saturated

    /// The quantity in one estimate; NaN where the estimate has none.
    public func value(in estimate: InformationEstimate) -> Double {
        switch self {
        case .inputInformation: estimate.inputInformation
        case .labelInformation: estimate.labelInformation ?? .nan
        case .inputInformationLower: estimate.inputInformationLower ?? .nan
        case .labelInformationLower: estimate.labelInformationLower ?? .nan
        case .saturated: estimate.saturated ? 1 : 0
        }
    }
}

extension InformationCheckpoint: CheckpointValues {
    /// Quantity `row` (`InformationQuantity`) of analyzed layer `layer`.
    public func value(row: Int, layer: Int) -> Double {
        isFinite ? InformationQuantity(rawValue: row)!.value(in: estimates[layer]) : .nan
    }
}
