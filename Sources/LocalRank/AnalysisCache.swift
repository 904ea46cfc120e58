import HDF5
import Platform
import RunFormat

/// The sidecar analysis file (`run.lr.h5`): the singular values of every layer's Jacobian
/// at each probe input and checkpoint, so that any threshold or measure can be read off
/// later without Jacobian work. Documented in `schemas/analysis-cache-v1.md`.
public struct AnalysisCache: Sendable {
    public static let format = "local-rank-analysis"
    public static let formatVersion: Int64 = 1

    enum Path {
        static let runFile = "run_file"
        static let runIdentity = "run_identity"
        static let probeCount = "probe_count"
        static let layerSizes = "layer_sizes"
        static let method = "method"
        static let checkpointIndex = "/checkpoints/index"
        static let checkpointStep = "/checkpoints/step"
        static let checkpointFingerprint = "/checkpoints/fingerprint"
        static let checkpointFinite = "/checkpoints/finite"
        static func spectra(_ layer: Int) -> String { "/spectra/\(layer)" }
    }
    static let method = "singular values of J_l(x) = dz_l/dx, float64, descending"

    /// Identifies the run the spectra came from: its probe inputs, shape and creation.
    public var runIdentity: Int64
    public var layerSizes: [Int]
    /// Spectra cover the first `probeCount` probe inputs.
    public var probeCount: Int
    /// Cached checkpoints, keyed by their index in the run.
    public var entries: [Int: Entry]

    public struct Entry: Sendable {
        public var step: Int
        public var fingerprint: Int64
        public var isFinite: Bool
        /// `spectra[l][i]`: singular values of J_l at probe input i, descending (NaN when not finite).
        public var spectra: [LayerSpectra]
    }

    public init(runIdentity: Int64, layerSizes: [Int], probeCount: Int) {
        self.runIdentity = runIdentity
        self.layerSizes = layerSizes
        self.probeCount = probeCount
        self.entries = [:]
    }

    /// The spectrum length of layer l: min(n_{l+1}, n_0, n_1).
    static func spectrumLength(layerSizes: [Int], layer: Int) -> Int {
        min(layerSizes[layer + 1], min(layerSizes[0], layerSizes[1]))
    }

    /// Reads a cache file; throws a `RunFormatError` naming `path` when it is not one.
    public static func read(path: String) throws -> AnalysisCache {
        try RunFormatError.reading(path) {
            let file: HDF5File
            do {
                file = try HDF5File.open(path, mode: .readOnly)
            } catch let error as HDF5Error {
                throw RunFormatError(file: path, problem: "not a readable analysis cache (\(error.message)); remove it or pass --recompute")
            }
            defer { try? file.close() }
            let root = file.root
            guard root.hasAttribute("format"), (try? root.stringAttribute("format")) == format else {
                throw RunFormatError(file: path, problem: "not a local-rank analysis cache (no format=\"\(format)\"); remove it or choose another --cache")
            }
            let version = try root.attribute("format_version", as: Int64.self)
            guard version == formatVersion else {
                throw RunFormatError(file: path, problem: "analysis cache version \(version) is not supported; pass --recompute")
            }
            var cache = AnalysisCache(
                runIdentity: try root.attribute(Path.runIdentity, as: Int64.self),
                layerSizes: try root.attributeArray(Path.layerSizes, as: Int64.self).map(Int.init),
                probeCount: Int(try root.attribute(Path.probeCount, as: Int64.self)))
            let indices = try root.openDataset(Path.checkpointIndex).read(as: Int64.self)
            let steps = try root.openDataset(Path.checkpointStep).read(as: Int64.self)
            let fingerprints = try root.openDataset(Path.checkpointFingerprint).read(as: Int64.self)
            let finite = try root.openDataset(Path.checkpointFinite).read(as: UInt8.self)
            guard steps.count == indices.count, fingerprints.count == indices.count, finite.count == indices.count else {
                throw RunFormatError(file: path, problem: "inconsistent checkpoint tables; pass --recompute")
            }
            let layerCount = cache.layerSizes.count - 1
            let n = cache.probeCount
            var perLayer = [[LayerSpectra]](repeating: [], count: indices.count)
            for layer in 0..<layerCount {
                let dataset = try root.openDataset(Path.spectra(layer))
                let r = spectrumLength(layerSizes: cache.layerSizes, layer: layer)
                guard try dataset.shape == [indices.count, n, r] else {
                    throw RunFormatError(file: path, problem: "\(Path.spectra(layer)) has shape \(try dataset.shape), expected \([indices.count, n, r]); pass --recompute")
                }
                for row in indices.indices {
                    let values: [Double] = try dataset.read(offset: [row, 0, 0], count: [1, n, r])
                    perLayer[row].append(LayerSpectra(length: r, count: n, values: values))
                }
            }
            for (row, index) in indices.enumerated() {
                cache.entries[Int(index)] = Entry(step: Int(steps[row]), fingerprint: fingerprints[row],
                                                  isFinite: finite[row] != 0, spectra: perLayer[row])
            }
            return cache
        }
    }

    /// Fails early, before any Jacobian work, when the cache cannot be written at `path`.
    public static func checkWritable(path: String) throws {
        let probe = StagedFile(finalPath: path)
        do {
            try TextFile.write("", to: probe.temporaryPath)
        } catch {
            throw RunFormatError(file: path, problem: "cannot write the analysis cache here (\(error)); choose another --cache")
        }
    }

    /// Writes the whole cache to a temporary file beside `path`, then renames it into
    /// place: a reader never sees a half-written cache, and a kill leaves the old one.
    public func write(path: String, runFile: String, producer: String) throws {
        let staged = StagedFile(finalPath: path)
        let temporary = staged.temporaryPath
        do {
            try RunFormatError.reading(path) {
                let file = try HDF5File.create(temporary, mode: .truncate)
                let root = file.root
                try root.setAttribute("format", AnalysisCache.format)
                try root.setAttribute("format_version", AnalysisCache.formatVersion)
                try root.setAttribute("producer", producer)
                try root.setAttribute(Path.runFile, runFile)
                try root.setAttribute(Path.runIdentity, runIdentity)
                try root.setAttribute(Path.probeCount, Int64(probeCount))
                try root.setAttribute(Path.layerSizes, layerSizes.map(Int64.init))
                try root.setAttribute(Path.method, AnalysisCache.method)
                let indices = entries.keys.sorted()
                let rows = indices.map { entries[$0]! }
                _ = try root.writeDataset(Path.checkpointIndex, indices.map(Int64.init), shape: [indices.count])
                _ = try root.writeDataset(Path.checkpointStep, rows.map { Int64($0.step) }, shape: [indices.count])
                _ = try root.writeDataset(Path.checkpointFingerprint, rows.map(\.fingerprint), shape: [indices.count])
                _ = try root.writeDataset(Path.checkpointFinite, rows.map { $0.isFinite ? UInt8(1) : 0 }, shape: [indices.count])
                for layer in 0..<(layerSizes.count - 1) {
                    let r = AnalysisCache.spectrumLength(layerSizes: layerSizes, layer: layer)
                    var values = [Double]()
                    values.reserveCapacity(rows.count * probeCount * r)
                    for entry in rows { values += entry.spectra[layer].prefix(inputs: probeCount).values }
                    _ = try root.writeDataset(Path.spectra(layer), values, shape: [rows.count, probeCount, r],
                                              chunkShape: rows.isEmpty ? nil : [1, probeCount, r], fletcher32: !rows.isEmpty)
                }
                try file.close()
            }
            try staged.commit(replacing: true)
        } catch let error as SystemError {
            throw RunFormatError(file: path, problem: "cannot move the new analysis cache into place (\(error))")
        }
    }
}
