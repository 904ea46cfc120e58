import Platform
import RunFormat

/// What to read off the spectra: one measure at each threshold (a single NaN for the
/// measures that take none).
public struct MeasureRequest: Sendable, Equatable {
    public var measure: RankMeasure
    public var thresholds: [Double]

    public init(measure: RankMeasure, thresholds: [Double]) {
        self.measure = measure
        self.thresholds = measure.usesThreshold ? thresholds : [.nan]
    }
}

/// One analyzed checkpoint: its step, stored metrics and the measures of every layer.
public struct AnalyzedCheckpoint: Sendable {
    public var index: Int
    public var step: Int
    public var metrics: [String: Double]
    /// False when a weight or bias is NaN or infinite; such checkpoints have no spectra.
    public var isFinite: Bool
    /// `summaries[t][l]`: the measure at the request's threshold t for analyzed layer l.
    public var summaries: [[MeasureSummary]]

    public func summary(threshold t: Int, layer: Int) -> MeasureSummary {
        isFinite ? summaries[t][layer] : MeasureSummary(mean: .nan, standardDeviation: .nan)
    }
}

/// Which checkpoints of a run to analyze.
public enum CheckpointSelection: Sendable, Equatable {
    case all
    /// The last checkpoint complete now.
    case last
    /// Steps and inclusive step ranges, e.g. `0,100,1000-5000`.
    case steps([ClosedRange<Int>])

    /// Parses `all`, `last`, or a comma-separated list of steps and `a-b` ranges.
    public init?(parsing text: String) {
        if text == "all" { self = .all; return }
        if text == "last" { self = .last; return }
        var ranges = [ClosedRange<Int>]()
        for part in text.split(separator: ",") {
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false)
            if bounds.count == 1, let step = Int(bounds[0]), step >= 0 {
                ranges.append(step...step)
            } else if bounds.count == 2, let low = Int(bounds[0]), let high = Int(bounds[1]), 0 <= low, low <= high {
                ranges.append(low...high)
            } else {
                return nil
            }
        }
        guard !ranges.isEmpty else { return nil }
        self = .steps(ranges)
    }

    /// The positions of the selected checkpoints among `steps` (a run's, ascending).
    func indices(in steps: [Int]) -> [Int] {
        switch self {
        case .all: return Array(steps.indices)
        case .last: return steps.isEmpty ? [] : [steps.count - 1]
        case .steps(let ranges): return steps.indices.filter { index in ranges.contains { $0.contains(steps[index]) } }
        }
    }
}

/// The analysis stopped on request (`RunAnalyzer.shouldStop`) before every checkpoint was
/// computed; the completed ones are in the cache.
public struct AnalysisInterrupted: Error, Sendable {
    /// Checkpoints computed and kept, of those that needed computing.
    public var completed: Int
    public var total: Int

    public init(completed: Int, total: Int) {
        self.completed = completed
        self.total = total
    }
}

/// One checkpoint's spectra at some of the probe inputs, computed but not stored.
public struct ComputedCheckpoint: Sendable {
    public var index: Int
    public var step: Int
    public var fingerprint: Int64
    public var isFinite: Bool
    /// The probe inputs the spectra cover.
    public var inputs: Range<Int>
    /// Per analyzed layer, the spectra of those inputs.
    public var spectra: [LayerSpectra]

    public init(index: Int, step: Int, fingerprint: Int64, isFinite: Bool, inputs: Range<Int>, spectra: [LayerSpectra]) {
        self.index = index
        self.step = step
        self.fingerprint = fingerprint
        self.isFinite = isFinite
        self.inputs = inputs
        self.spectra = spectra
    }

    /// Parts of one checkpoint that cover consecutive inputs, joined in input order.
    public static func joining(_ parts: [ComputedCheckpoint]) -> ComputedCheckpoint {
        let ordered = parts.sorted { $0.inputs.lowerBound < $1.inputs.lowerBound }
        var whole = ordered[0]
        for part in ordered.dropFirst() {
            precondition(part.inputs.lowerBound == whole.inputs.upperBound && part.index == whole.index)
            whole.inputs = whole.inputs.lowerBound..<part.inputs.upperBound
            whole.spectra = zip(whole.spectra, part.spectra).map { LayerSpectra(length: $0.length, count: $0.count + $1.count, values: $0.values + $1.values) }
        }
        return whole
    }
}

/// A request the run cannot satisfy.
public struct AnalysisRequestError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable, Equatable {
        /// More probe inputs asked for than the run stores.
        case tooManyProbeInputs(asked: Int, stored: Int)
        /// The run's probe inputs hold NaN or infinity, or none.
        case unusableProbe(String)
        /// A cnn layer's matrix would exceed `LayerOperators.largestMatrix` entries.
        case layerTooLarge(layer: Int, entries: Int)
    }

    public var kind: Kind
    public var file: String

    public var description: String {
        switch kind {
        case .tooManyProbeInputs(let asked, let stored): "\(file): \(asked) probe inputs asked for, but the run stores \(stored)"
        case .unusableProbe(let problem): "\(file): \(problem)"
        case .layerTooLarge(let layer, let entries):
            "\(file): layer \(layer)'s matrix on its flattened input would have \(entries == .max ? "more than 2^63" : String(entries)) entries, more than the \(LayerOperators.largestMatrix) (2 GiB of float64) the analysis of convolutional layers holds"
        }
    }
}

/// Replays a run's checkpoints into Jacobian spectra, through the analysis cache, one
/// checkpoint at a time: memory holds one checkpoint's weights and spectra, whatever the
/// length of the run.
public final class RunAnalyzer {
    public let runPath: String
    public let run: RunReader
    public let probeCount: Int
    public var threads: Int
    /// Told how many of the checkpoints an analysis computes are done, `(computed, total)`:
    /// `(0, total)` before the first, then after each (lr-analyze draws a bar). Checkpoints
    /// read from the cache are not counted.
    public var progress: ((_ computed: Int, _ total: Int) -> Void)?
    /// Asked between checkpoints and between probe inputs; true stops the analysis, keeping
    /// what is complete (`AnalysisInterrupted`).
    public var shouldStop: @Sendable () -> Bool = { false }
    /// Called when this analysis must wait for another process that writes the cache.
    public var cacheWaitBegins: @Sendable (String) -> Void = { _ in }
    /// The layers analyzed (a DVIB's encoder and μ).
    public let layers: CheckpointNetwork.AnalyzedLayers
    public let cachePath: String
    let probeInputs: [Double]
    let cacheIdentity: AnalysisCacheIdentity
    let recompute: Bool
    let producer: String
    private var openedCache: AnalysisCache?

    /// The analysis cache, opened (or created) the first time spectra are needed: measures
    /// of the weights alone never touch it.
    public func cache() throws -> AnalysisCache {
        if let openedCache { return openedCache }
        let cache = try AnalysisCache.open(path: cachePath, identity: cacheIdentity, runFile: runPath, producer: producer,
                                           replacing: recompute, waiting: cacheWaiting)
        openedCache = cache
        return cache
    }

    /// How to wait for another process writing the cache.
    var cacheWaiting: AnalysisCache.Waiting {
        let path = cachePath, begins = cacheWaitBegins
        return AnalysisCache.Waiting(begins: { begins(path) }, shouldStop: shouldStop)
    }

    /// Closes the cache if it was opened, checked (a cache written to is closed by writing);
    /// the next use opens it again.
    public func closeCache() throws {
        defer { openedCache = nil }
        try openedCache?.close()
    }

    /// Opens the run (validating it) and its cache. A cache of another run is an error
    /// unless `recompute`; a cache of this run is reused for unchanged checkpoints.
    /// `allowingExternalData` lets the run read data it keeps in other files.
    public init(runPath: String, cachePath: String? = nil, probeCount: Int? = nil, threads: Int,
                recompute: Bool = false, producer: String, allowingExternalData: Bool = false) throws {
        self.runPath = runPath
        self.threads = threads
        run = try RunReader(path: runPath, allowingExternalData: allowingExternalData)
        let probe = try run.probe()
        guard probe.count > 0 else { throw AnalysisRequestError(kind: .unusableProbe("/probe/x holds no inputs"), file: runPath) }
        guard probe.inputs.allSatisfy(\.isFinite) else {
            throw AnalysisRequestError(kind: .unusableProbe("/probe/x holds NaN or infinite values"), file: runPath)
        }
        if let probeCount, probeCount > probe.count {
            throw AnalysisRequestError(kind: .tooManyProbeInputs(asked: probeCount, stored: probe.count), file: runPath)
        }
        self.probeCount = probeCount ?? probe.count
        probeInputs = probe.inputs.prefix(self.probeCount * probe.inputDimensions).map(Double.init)
        layers = CheckpointNetwork.AnalyzedLayers(model: run.model)
        if let stack = layers.stack, let (layer, entries) = LayerOperators.oversizedLayer(of: stack) {
            throw AnalysisRequestError(kind: .layerTooLarge(layer: layer, entries: entries), file: runPath)
        }
        cacheIdentity = AnalysisCacheIdentity(runIdentity: Self.identity(of: probe, model: run.model), layerSizes: layers.sizes,
                                              probeCount: self.probeCount)
        self.cachePath = cachePath ?? Self.defaultCachePath(for: runPath)
        self.recompute = recompute
        self.producer = producer
    }

    /// Identifies the run: its probe inputs, shape and activations (and a cnn's layers).
    static func identity(of probe: Probe, model: ModelDescription) -> Int64 {
        var identity = Fingerprint()
        identity.combine(probe.inputs)
        identity.combine(model.layerSizes.map(Double.init))
        identity.combine(model.activations.map(\.rawValue).joined(separator: ","))
        if let layers = model.layers { identity.combine(layers.json) }
        return identity.storedValue
    }

    /// `run.h5` → `run.lr.h5`.
    public static func defaultCachePath(for runPath: String) -> String {
        runPath.hasSuffix(".h5") ? String(runPath.dropLast(3)) + ".lr.h5" : runPath + ".lr.h5"
    }

    /// The stored training length, when the producer recorded it (`/training@steps`).
    public var plannedSteps: Int? { run.trainingAttributes["steps"].flatMap { Int($0) } }

    /// Analyzes the selected checkpoints that are complete in the run now, in order,
    /// computing only those the cache lacks or holds for other weights.
    public func analyze(_ selection: CheckpointSelection = .all, skipping done: Set<Int> = [],
                        measures: MeasureRequest) throws -> [AnalyzedCheckpoint] {
        let steps = try run.steps()
        let wanted = selection.indices(in: steps).filter { !done.contains($0) }
        let metrics = try metricColumns(count: steps.count)
        if measures.measure.isOfWeights {
            return try wanted.map { try weightMeasures($0, step: steps[$0], metrics: metrics, measure: measures.measure) }
        }
        if measures.measure.isOfActivations {
            return try wanted.map { try activationMeasures($0, step: steps[$0], metrics: metrics, measures: measures) }
        }
        // A first pass reads each checkpoint's weights only to fingerprint them.
        var reusable = try cachedEntries(wanted, steps: steps)
        if reusable.count < wanted.count {
            try AnalysisCache.checkWritable(path: cachePath)
            // Once this process may write, another may have committed some of them meanwhile.
            try cache().prepareToWrite(waiting: cacheWaiting)
            reusable.merge(try cachedEntries(wanted.filter { reusable[$0] == nil }, steps: steps)) { old, _ in old }
        }
        let missingCount = wanted.count - reusable.count
        if missingCount > 0 { progress?(0, missingCount) }
        var computed = 0
        var results = [AnalyzedCheckpoint]()
        for index in wanted {
            var entry = reusable[index]
            if entry == nil {
                let interrupted = AnalysisInterrupted(completed: computed, total: missingCount)
                guard !shouldStop() else { throw interrupted }
                entry = try compute(index, step: steps[index], interrupted: interrupted)
                computed += 1
                progress?(computed, missingCount)
            }
            results.append(try summarize(index, step: steps[index], entry: entry!, metrics: metrics, measures: measures))
        }
        return results
    }

    /// Each metric's column, for the first `count` checkpoints (a metric the run stores
    /// for fewer is left out).
    func metricColumns(count: Int) throws -> [String: [Double]] {
        var columns = [String: [Double]]()
        for name in try run.metricNames() { columns[name] = try run.metric(name, count: count) }
        return columns
    }

    /// The cache's entries for the checkpoints `indices` that it holds for these very weights.
    private func cachedEntries(_ indices: [Int], steps: [Int]) throws -> [Int: AnalysisCache.Entry] {
        var entries = [Int: AnalysisCache.Entry]()
        for index in indices { entries[index] = try cachedEntry(index, step: steps[index]) }
        return entries
    }

    /// The cache's entry for checkpoint `index` when it holds these very weights.
    private func cachedEntry(_ index: Int, step: Int) throws -> AnalysisCache.Entry? {
        guard let entry = try cache().entries[index], entry.step == step else { return nil }
        return try checkpoint(index, step: step).fingerprint == entry.fingerprint ? entry : nil
    }

    /// Checkpoint `index`'s stored weights and their fingerprint.
    func checkpoint(_ index: Int, step: Int) throws -> (weights: [[Float]], biases: [[Float]], fingerprint: Int64) {
        let stored = 0..<layers.storedLayerCount
        let weights = try stored.map { try run.storedWeight(checkpoint: index, layer: $0) }
        let biases = try stored.map { try run.storedBias(checkpoint: index, layer: $0) }
        var fingerprint = Fingerprint()
        fingerprint.combine(UInt64(step))
        for layer in stored { fingerprint.combine(weights[layer]); fingerprint.combine(biases[layer]) }
        return (weights, biases, fingerprint.storedValue)
    }

    /// Computes checkpoint `index`'s spectra for all the cache's probe inputs and appends them.
    private func compute(_ index: Int, step: Int, interrupted: AnalysisInterrupted) throws -> AnalysisCache.Entry {
        let computed = try computeSpectra(checkpoint: index, step: step, inputs: 0..<(try cache().identity.probeCount))
        if shouldStop() { throw interrupted }
        try store(computed)
        return try cache().entries[index]!
    }

    /// The checkpoints of `selection` whose spectra the cache lacks (or holds for other
    /// weights), in order; `steps` are the run's.
    public func checkpointsToCompute(_ selection: CheckpointSelection) throws -> (steps: [Int], missing: [Int]) {
        let steps = try run.steps()
        let missing = try selection.indices(in: steps).filter { try cachedEntry($0, step: steps[$0]) == nil }
        return (steps, missing)
    }

    /// The spectra of checkpoint `index` at the probe inputs `inputs`, not stored: what
    /// workers that share an analysis compute and hand to the one that writes the cache.
    public func computeSpectra(checkpoint index: Int, step: Int, inputs: Range<Int>) throws -> ComputedCheckpoint {
        let stored = try checkpoint(index, step: step)
        let network = CheckpointNetwork(layers: layers, weights: stored.weights, biases: stored.biases)
        let spectra: [LayerSpectra]
        if network.isFinite {
            let probe = try probeInputs(upTo: inputs.upperBound)
            let width = layers.sizes[0]
            spectra = try JacobianSpectra.compute(network: network, inputs: Array(probe[(inputs.lowerBound * width)..<(inputs.upperBound * width)]),
                                                  count: inputs.count, threads: threads, shouldStop: shouldStop)
        } else {
            spectra = (0..<network.layerCount).map { layer in
                LayerSpectra(repeating: [Double](repeating: .nan, count: cacheIdentity.spectrumLength(layer: layer)), count: inputs.count)
            }
        }
        return ComputedCheckpoint(index: index, step: step, fingerprint: stored.fingerprint, isFinite: network.isFinite,
                                  inputs: inputs, spectra: spectra)
    }

    /// Appends a checkpoint computed for all of the cache's probe inputs.
    public func store(_ computed: ComputedCheckpoint) throws {
        let cache = try cache()
        precondition(computed.inputs == 0..<cache.identity.probeCount, "a checkpoint is stored for all the cache's probe inputs")
        try cache.append(checkpoint: computed.index, step: computed.step, fingerprint: computed.fingerprint,
                         isFinite: computed.isFinite, spectra: computed.spectra)
    }

    /// The first `count` probe inputs, as Double: the analysis's own, or more when the cache
    /// covers more than this analysis reports.
    private func probeInputs(upTo count: Int) throws -> [Double] {
        if count <= probeCount { return probeInputs }
        let probe = try run.probe()
        guard count <= probe.count else {
            throw AnalysisRequestError(kind: .tooManyProbeInputs(asked: count, stored: probe.count), file: runPath)
        }
        return probe.inputs.prefix(count * probe.inputDimensions).map(Double.init)
    }

    /// A measure of each analyzed layer's weights at checkpoint `index` (no Jacobian, no
    /// cache: the SVD of the stored weights takes milliseconds).
    private func weightMeasures(_ index: Int, step: Int, metrics: [String: [Double]], measure: RankMeasure) throws -> AnalyzedCheckpoint {
        let stored = try checkpoint(index, step: step)
        let network = CheckpointNetwork(layers: layers, weights: stored.weights, biases: stored.biases)
        let summaries = network.isFinite
            ? try network.weights.map { MeasureSummary(mean: measure.value(of: try $0.singularValues(), epsilon: .nan), standardDeviation: 0) }
            : []
        return AnalyzedCheckpoint(index: index, step: step,
                                  metrics: metrics.compactMapValues { $0.indices.contains(index) ? $0[index] : nil },
                                  isFinite: network.isFinite, summaries: [summaries])
    }

    /// A measure of each analyzed layer's outputs on the probe inputs at checkpoint `index`
    /// (no Jacobian, no cache: one SVD of an N × n_{l+1} matrix per layer).
    private func activationMeasures(_ index: Int, step: Int, metrics: [String: [Double]], measures: MeasureRequest) throws -> AnalyzedCheckpoint {
        let outputs = try representations(checkpoint: index, step: step)
        let spectra = try outputs?.map { t in
            try (measures.measure == .activationRank ? t.columnsCentred : t).singularValues()
        }
        let summaries = measures.thresholds.map { epsilon in
            spectra?.map { MeasureSummary(mean: measures.measure.value(of: $0, epsilon: epsilon), standardDeviation: 0) } ?? []
        }
        return AnalyzedCheckpoint(index: index, step: step,
                                  metrics: metrics.compactMapValues { $0.indices.contains(index) ? $0[index] : nil },
                                  isFinite: outputs != nil, summaries: summaries)
    }

    /// The measures of one checkpoint, read from its cache row one layer at a time.
    private func summarize(_ index: Int, step: Int, entry: AnalysisCache.Entry, metrics: [String: [Double]],
                           measures: MeasureRequest) throws -> AnalyzedCheckpoint {
        var summaries = [[MeasureSummary]](repeating: [], count: measures.thresholds.count)
        if entry.isFinite {
            for layer in 0..<(layers.sizes.count - 1) {
                let spectra = try cache().spectra(row: entry.row, layer: layer, inputs: probeCount)
                for (t, epsilon) in measures.thresholds.enumerated() {
                    summaries[t].append(MeasureSummary(values: spectra.measured(measures.measure, epsilon: epsilon)))
                }
            }
        }
        return AnalyzedCheckpoint(index: index, step: step,
                                  metrics: metrics.compactMapValues { $0.indices.contains(index) ? $0[index] : nil },
                                  isFinite: entry.isFinite, summaries: summaries)
    }
}
