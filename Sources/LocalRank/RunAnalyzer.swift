import Platform
import RunFormat
import TerminalProgress

/// One analyzed checkpoint: its step, stored metrics and Jacobian spectra.
public struct AnalyzedCheckpoint: Sendable {
    public var index: Int
    public var step: Int
    public var metrics: [String: Double]
    /// False when a weight or bias is NaN or infinite; such checkpoints have no spectra.
    public var isFinite: Bool
    /// `spectra[l][i]`: singular values of J_l at probe input i (all layers).
    public var spectra: [LayerSpectra]

    /// Mean and standard deviation over the probe inputs of `measure` for `layer`.
    public func summary(_ measure: RankMeasure, layer: Int, epsilon: Double) -> MeasureSummary {
        guard isFinite else { return MeasureSummary(mean: .nan, standardDeviation: .nan) }
        return MeasureSummary(values: spectra[layer].measured(measure, epsilon: epsilon))
    }
}

/// Which checkpoints of a run to analyze.
public enum CheckpointSelection: Sendable {
    case all
    /// Steps and inclusive step ranges, e.g. `0,100,1000-5000`.
    case steps([ClosedRange<Int>])

    /// Parses `all`, or a comma-separated list of steps and `a-b` ranges.
    public init?(parsing text: String) {
        if text == "all" { self = .all; return }
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

    func contains(_ step: Int) -> Bool {
        switch self {
        case .all: return true
        case .steps(let ranges): return ranges.contains { $0.contains(step) }
        }
    }
}

/// Replays a run's checkpoints into Jacobian spectra, through the analysis cache.
public final class RunAnalyzer {
    public let runPath: String
    public let cachePath: String
    public let run: RunReader
    public let probeCount: Int
    public var threads: Int
    public var showsProgress: Bool
    let producer: String
    let probeInputs: [Double]
    let runIdentity: Int64
    /// The layers analyzed (a DVIB's encoder and μ).
    public let layers: CheckpointNetwork.AnalyzedLayers
    var cache: AnalysisCache
    var cacheChanged = false

    /// Opens the run (validating it) and its cache. A cache of another run is an error
    /// unless `recompute`; a cache of this run is reused for unchanged checkpoints.
    public init(runPath: String, cachePath: String? = nil, probeCount: Int? = nil, threads: Int,
                recompute: Bool = false, showsProgress: Bool = false, producer: String) throws {
        self.runPath = runPath
        self.cachePath = cachePath ?? RunAnalyzer.defaultCachePath(for: runPath)
        self.threads = threads
        self.showsProgress = showsProgress
        self.producer = producer
        run = try RunReader(path: runPath)
        let probe = try run.probe()
        guard probe.count > 0 else { throw RunFormatError(file: runPath, problem: "/probe/x holds no inputs") }
        guard probe.inputs.allSatisfy(\.isFinite) else {
            throw RunFormatError(file: runPath, problem: "/probe/x holds NaN or infinite values")
        }
        if let probeCount, probeCount > probe.count {
            throw RunFormatError(file: runPath, problem: "--probe \(probeCount) asks for more than the \(probe.count) stored probe inputs")
        }
        self.probeCount = probeCount ?? probe.count
        probeInputs = probe.inputs.prefix(self.probeCount * probe.inputDimensions).map(Double.init)

        var identity = Fingerprint()
        identity.combine(probe.inputs)
        layers = CheckpointNetwork.AnalyzedLayers(model: run.model)
        identity.combine(run.model.layerSizes.map(Double.init))
        identity.combine(run.model.activations.map(\.rawValue).joined(separator: ","))
        runIdentity = identity.storedValue

        let fresh = AnalysisCache(runIdentity: runIdentity, layerSizes: layers.sizes, probeCount: self.probeCount)
        if !recompute && FileSystem.exists(self.cachePath) {
            let stored = try AnalysisCache.read(path: self.cachePath)
            guard stored.runIdentity == runIdentity, stored.layerSizes == layers.sizes else {
                throw RunFormatError(file: self.cachePath, problem: "this analysis cache was computed from another run than \(runPath); pass --recompute to replace it, or choose another --cache")
            }
            // Spectra for fewer probe inputs than asked cannot be reused; more are sliced.
            cache = stored.probeCount >= self.probeCount ? stored : fresh
        } else {
            cache = fresh
        }
    }

    /// `run.h5` → `run.lr.h5`.
    public static func defaultCachePath(for runPath: String) -> String {
        runPath.hasSuffix(".h5") ? String(runPath.dropLast(3)) + ".lr.h5" : runPath + ".lr.h5"
    }

    /// Analyzes the selected checkpoints that are complete in the run now, computing
    /// only those the cache lacks or holds for other weights.
    public func analyze(_ selection: CheckpointSelection = .all, skipping done: Set<Int> = []) throws -> [AnalyzedCheckpoint] {
        let steps = try run.steps()
        let metricNames = try run.metricNames()
        var metricColumns = [String: [Double]]()
        for name in metricNames { metricColumns[name] = try run.metric(name, count: steps.count) }
        let wanted = steps.indices.filter { selection.contains(steps[$0]) && !done.contains($0) }

        // Fingerprint every wanted checkpoint; recompute those the cache does not match.
        var pending = [Int: (weights: [[Float]], biases: [[Float]], fingerprint: Int64)]()
        var missing = [Int]()
        for index in wanted {
            let stored = 0..<layers.storedLayerCount
            let weights = try stored.map { try run.storedWeight(checkpoint: index, layer: $0) }
            let biases = try stored.map { try run.storedBias(checkpoint: index, layer: $0) }
            var fingerprint = Fingerprint()
            fingerprint.combine(UInt64(steps[index]))
            for layer in stored { fingerprint.combine(weights[layer]); fingerprint.combine(biases[layer]) }
            if let entry = cache.entries[index], entry.fingerprint == fingerprint.storedValue, entry.step == steps[index] {
                continue
            }
            pending[index] = (weights, biases, fingerprint.storedValue)
            missing.append(index)
        }
        if !missing.isEmpty {
            try AnalysisCache.checkWritable(path: cachePath)
            let progress = ProgressReporter(label: "lr-analyze", total: missing.count)
            for (done, index) in missing.enumerated() {
                let checkpoint = pending[index]!
                let network = CheckpointNetwork(layers: layers, weights: checkpoint.weights, biases: checkpoint.biases)
                let spectra: [LayerSpectra]
                let finite = network.isFinite
                if finite {
                    spectra = try JacobianSpectra.compute(network: network, inputs: probeInputs, count: probeCount, threads: threads)
                } else {
                    spectra = (0..<network.layerCount).map { layer in
                        let r = AnalysisCache.spectrumLength(layerSizes: layers.sizes, layer: layer)
                        return LayerSpectra(repeating: [Double](repeating: .nan, count: r), count: probeCount)
                    }
                }
                cache.entries[index] = AnalysisCache.Entry(step: steps[index], fingerprint: checkpoint.fingerprint,
                                                           isFinite: finite, spectra: spectra)
                cacheChanged = true
                if showsProgress { progress.update(done + 1, unit: "checkpoints", force: done + 1 == missing.count) }
            }
            if showsProgress { progress.finish() }
            try saveCache()
        }
        return wanted.map { index in
            let entry = cache.entries[index]!
            return AnalyzedCheckpoint(
                index: index, step: steps[index],
                metrics: metricColumns.compactMapValues { $0.indices.contains(index) ? $0[index] : nil },
                isFinite: entry.isFinite,
                spectra: entry.spectra.map { $0.prefix(inputs: probeCount) })
        }
    }

    /// Writes the cache if this analyzer added to it.
    public func saveCache() throws {
        guard cacheChanged else { return }
        try cache.write(path: cachePath, runFile: runPath, producer: producer)
        cacheChanged = false
    }

    /// The stored training length, when the producer recorded it (`/training@steps`).
    public var plannedSteps: Int? { run.trainingAttributes["steps"].flatMap { Int($0) } }
}

