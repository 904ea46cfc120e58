import LinearAlgebra
import Platform
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
    /// complete in the run now, in order. Estimates the cache holds for these weights,
    /// estimator and parameters are read from it; the others are computed (binning: up to
    /// `threads` checkpoints at once; kde: one at a time on `threads` threads) and appended
    /// (`InformationCommits`).
    public func information(_ selection: CheckpointSelection, estimator: InformationEstimator) throws -> [InformationCheckpoint] {
        let steps = try run.steps()
        let wanted = selection.indices(in: steps)
        let metrics = try metricColumns(count: steps.count)
        let request = InformationRequest(estimator: estimator, labels: try? classLabels().get(), key: try informationKey(estimator))
        // The replay's products are a few thousand rows by tens of columns: OpenBLAS's threads
        // would spin (sched_yield) longer than they help; one thread gives the same bits.
        BLASThreads.useOne()
        var cached = try cachedInformation(wanted, steps: steps, key: request.key)
        if cached.count < wanted.count {
            try AnalysisCache.checkWritable(path: cachePath)
            // Once this process may write, another may have committed some of them meanwhile.
            try cache().prepareToWrite(waiting: cacheWaiting)
            cached.merge(try cachedInformation(wanted.filter { cached[$0] == nil }, steps: steps, key: request.key)) { old, _ in old }
        }
        let commits = InformationCommits(cache: try cache(), total: wanted.count - cached.count)
        if commits.total > 0 { progress?(0, commits.total) }
        var estimates = [Int: [InformationEstimate]?]()
        // Kde spreads each estimate over the threads itself; binning's take one thread each.
        let atOnce: Int
        if case .kernelDensity = estimator { atOnce = 1 } else { atOnce = threads }
        var position = 0
        while position < wanted.count {
            if let entry = cached[wanted[position]] {
                estimates[wanted[position]] = entry.isFinite ? try cachedEstimates(row: entry.row, request) : nil
                position += 1
                continue
            }
            guard !shouldStop() else { throw try commits.interrupted() }
            let group = Array(wanted[position...].prefix { cached[$0] == nil }.prefix(atOnce))
            let computed = try computeInformation(group, steps: steps, request, commits: commits)
            for (index, value) in zip(group, computed) { estimates[index] = value }
            position += group.count
            progress?(commits.computed, commits.total)
        }
        try commits.commit()
        return wanted.map { index in
            InformationCheckpoint(index: index, step: steps[index],
                                  metrics: metrics.compactMapValues { $0.indices.contains(index) ? $0[index] : nil },
                                  isFinite: estimates[index]! != nil, estimates: estimates[index]! ?? [])
        }
    }

    /// What the estimates of `estimator` depend on besides the weights: its parameters, the
    /// probe inputs, their labels and whether a classifier's last layer is its softmax.
    func informationKey(_ estimator: InformationEstimator) throws -> InformationCacheKey {
        var labels = Fingerprint()
        labels.combine(outputIsProbabilities ? "softmax" : "activation")
        switch try classLabels() {
        case .success(let classes): labels.combine(classes.classes.map { Double(classes.values[$0]) })
        case .failure(let missing): labels.combine("no labels: \(missing)")
        }
        return InformationCacheKey(estimator: estimator, probeCount: probeCount, labels: labels.storedValue)
    }

    /// The cache's entries under `key` for the checkpoints `indices` that it holds for these very weights.
    private func cachedInformation(_ indices: [Int], steps: [Int], key: InformationCacheKey) throws -> [Int: AnalysisCache.Entry] {
        var entries = [Int: AnalysisCache.Entry]()
        for index in indices {
            guard let entry = try cache().informationEntries[key]?[index], entry.step == steps[index] else { continue }
            if try checkpoint(index, step: steps[index]).fingerprint == entry.fingerprint { entries[index] = entry }
        }
        return entries
    }

    /// The estimates of a cached row, as `estimate` made them: I(T;Y) only with labels,
    /// lower bounds only from an estimator that gives them.
    private func cachedEstimates(row: Int, _ request: InformationRequest) throws -> [InformationEstimate] {
        let values = try cache().informationValues(row: row)
        let (lower, labelled) = (request.estimator.hasLowerBounds, request.labels != nil)
        return stride(from: 0, to: values.count, by: InformationCacheTable.quantities).map { start in
            InformationEstimate(inputInformation: values[start], labelInformation: labelled ? values[start + 1] : nil,
                                inputInformationLower: lower ? values[start + 2] : nil,
                                labelInformationLower: lower && labelled ? values[start + 3] : nil, inputs: probeCount)
        }
    }

    /// Estimates the checkpoints `group` at once, one thread each (their weights are read
    /// first, in this thread), and hands their rows to `commits`; nil for a checkpoint whose
    /// weights are not finite.
    private func computeInformation(_ group: [Int], steps: [Int], _ request: InformationRequest,
                                    commits: InformationCommits) throws -> [[InformationEstimate]?] {
        let stored = try group.map { try checkpoint($0, step: steps[$0]) }
        let networks = stored.map { CheckpointNetwork(layers: layers, weights: $0.weights, biases: $0.biases) }
        let (inputs, count, probabilities) = (probeInputs, probeCount, outputIsProbabilities)
        let threads = group.count > 1 ? 1 : self.threads
        let estimates = ParallelTasks.performAll(group.count, threads: group.count, worker: {}) { _, member -> [InformationEstimate]? in
            guard networks[member].isFinite else { return nil }
            return networks[member].representations(inputs: inputs, count: count, outputProbabilities: probabilities).map {
                Self.estimate($0, request, threads: threads)
            }
        }
        let layerCount = layers.sizes.count - 1
        for (member, index) in group.enumerated() {
            let values = estimates[member]?.flatMap { estimate in InformationQuantity.stored.map { $0.value(in: estimate) } }
            try commits.add(InformationCacheRow(key: request.key, checkpoint: index, step: steps[index], fingerprint: stored[member].fingerprint,
                                                isFinite: estimates[member] != nil,
                                                values: values ?? [Double](repeating: .nan, count: layerCount * InformationCacheTable.quantities)))
        }
        return estimates
    }

    /// One layer's estimate; NaN when its outputs overflowed although the weights are finite.
    private static func estimate(_ t: Matrix<Double>, _ request: InformationRequest, threads: Int) -> InformationEstimate {
        let (estimator, labels) = (request.estimator, request.labels)
        guard t.elements.allSatisfy(\.isFinite) else {
            let label: Double? = labels == nil ? nil : .nan
            let lower: Double? = estimator.hasLowerBounds ? .nan : nil
            return InformationEstimate(inputInformation: .nan, labelInformation: label, inputInformationLower: lower,
                                       labelInformationLower: labels == nil ? nil : lower, inputs: t.rows)
        }
        return estimator.estimate(t, labels: labels, threads: threads)
    }
}

/// What one information analysis estimates: the estimator, the inputs' labels (nil without
/// them) and the cache key of both.
struct InformationRequest: Sendable {
    var estimator: InformationEstimator
    var labels: ClassLabels?
    var key: InformationCacheKey
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

    /// The quantities the analysis cache stores, in its order (`InformationCacheTable`):
    /// saturation follows from I(X;T).
    static let stored: [InformationQuantity] = [.inputInformation, .labelInformation, .inputInformationLower, .labelInformationLower]

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

/// Information rows computed but not yet committed, committed together about every
/// `interval` seconds and at the end: one flush to the disk per commit rather than per
/// checkpoint, whose binning estimate takes about as long as a flush (10 and 6 ms on the
/// bench's network and machine). A killed analysis loses at most the last `interval`
/// seconds of work.
final class InformationCommits {
    static let interval = 0.5
    let cache: AnalysisCache
    /// Checkpoints to compute.
    let total: Int
    private(set) var computed = 0
    private(set) var committed = 0
    private var pending = [InformationCacheRow]()
    private var lastCommit = MonotonicClock.seconds()

    init(cache: AnalysisCache, total: Int) {
        self.cache = cache
        self.total = total
    }

    func add(_ row: InformationCacheRow) throws {
        pending.append(row)
        computed += 1
        if MonotonicClock.seconds() - lastCommit >= Self.interval { try commit() }
    }

    func commit() throws {
        try cache.appendInformation(pending)
        committed += pending.count
        pending = []
        lastCommit = MonotonicClock.seconds()
    }

    /// Commits what is computed, for an analysis stopped on request.
    func interrupted() throws -> AnalysisInterrupted {
        try commit()
        return AnalysisInterrupted(completed: committed, total: total)
    }
}
