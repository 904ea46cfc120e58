import HDF5
import Platform
import RunFormat

/// The sidecar analysis file (`run.lr.h5`): the singular values of every layer's Jacobian
/// at each probe input and checkpoint, so that any threshold or measure can be read off
/// later without Jacobian work. Documented in `schemas/analysis-cache-v2.md`.
///
/// Rows are appended as checkpoints finish, in SWMR mode and in a fixed order: a
/// checkpoint's spectra rows and bookkeeping are written and flushed, and its entry in
/// `/checkpoints/index` is written last. So a cache whose writer was killed holds every
/// completed checkpoint and nothing half-written: a row without its index entry is ignored
/// and overwritten. Memory does not grow with the cache: rows are read one at a time.
public final class AnalysisCache {
    /// One committed row.
    public struct Entry: Sendable, Equatable {
        public var row: Int
        public var step: Int
        public var fingerprint: Int64
        public var isFinite: Bool
    }

    public let path: String
    public let identity: AnalysisCacheIdentity
    /// The latest committed row of each cached checkpoint, by its index in the run.
    public private(set) var entries: [Int: Entry]
    private var file: HDF5File
    private var rowCount: Int

    private init(path: String, identity: AnalysisCacheIdentity, file: HDF5File, entries: [Int: Entry], rowCount: Int) {
        self.path = path
        self.identity = identity
        self.file = file
        self.entries = entries
        self.rowCount = rowCount
    }

    /// The cache at `path` for the run `identity` describes, opened for reading; created
    /// (empty) when there is none, or when `replacing`. A cache in the earlier format is
    /// converted first. Spectra for fewer probe inputs than `identity` asks for cannot be
    /// reused: such a cache is replaced.
    public static func open(
        path: String, identity: AnalysisCacheIdentity, runFile: String, producer: String, replacing: Bool
    ) throws -> AnalysisCache {
        if !replacing, FileSystem.exists(path) {
            if try CacheFile.formatVersion(of: path) == 1 {
                try AnalysisCacheConversion.convertVersion1(at: path, producer: producer)
            }
            let cache = try openExisting(path: path)
            if cache.identity.runIdentity != identity.runIdentity || cache.identity.layerSizes != identity.layerSizes {
                throw AnalysisCacheError(.otherRun, file: path, problem: "this analysis cache was computed from another run than \(runFile)")
            }
            if cache.identity.probeCount >= identity.probeCount { return cache }
        }
        try create(path: path, identity: identity, runFile: runFile, producer: producer)
        return try openExisting(path: path)
    }

    /// Fails early, before any Jacobian work, when the cache cannot be written at `path`.
    public static func checkWritable(path: String) throws {
        let probe = StagedFile(finalPath: path)
        do {
            try TextFile.write("", to: probe.temporaryPath)
        } catch {
            throw AnalysisCacheError(.notWritable, file: path, problem: "cannot write the analysis cache here (\(error))")
        }
    }

    /// The spectra of layer `layer` stored in `row`, for the first `inputs` probe inputs.
    public func spectra(row: Int, layer: Int, inputs: Int) throws -> LayerSpectra {
        precondition(row < rowCount && inputs <= identity.probeCount)
        let length = identity.spectrumLength(layer: layer)
        let values: [Double] = try reading {
            try file.root.openDataset(CacheFile.spectra(layer)).read(offset: [row, 0, 0], count: [1, inputs, length])
        }
        return LayerSpectra(length: length, count: inputs, values: values)
    }

    /// Appends one checkpoint's spectra (every layer, all `identity.probeCount` inputs) and
    /// commits it. The first append reopens the file as a SWMR writer.
    public func append(checkpoint index: Int, step: Int, fingerprint: Int64, isFinite: Bool, spectra: [LayerSpectra]) throws {
        try becomeWriter()
        let row = rowCount
        try reading {
            let root = file.root
            for (layer, layerSpectra) in spectra.enumerated() {
                precondition(layerSpectra.count == identity.probeCount && layerSpectra.length == identity.spectrumLength(layer: layer))
                try CacheFile.writeRow(root.openDataset(CacheFile.spectra(layer)), row: row, layerSpectra.values)
            }
            try CacheFile.writeRow(root.openDataset(CacheFile.step), row: row, [Int64(step)])
            try CacheFile.writeRow(root.openDataset(CacheFile.fingerprint), row: row, [fingerprint])
            try CacheFile.writeRow(root.openDataset(CacheFile.finite), row: row, [UInt8(isFinite ? 1 : 0)])
            try file.flush()
            try CacheFile.writeRow(root.openDataset(CacheFile.index), row: row, [Int64(index)])
            try file.flush()
        }
        rowCount += 1
        entries[index] = Entry(row: row, step: step, fingerprint: fingerprint, isFinite: isFinite)
    }

    public func close() throws {
        try reading { try file.close() }
    }

    // MARK: Opening and creating

    private static func openExisting(path: String) throws -> AnalysisCache {
        let file = try CacheFile.reading(path) { try HDF5File.openForReading(path) }
        let (identity, entries, rows) = try CacheFile.reading(path, followingWriter: file.isSWMRReader) {
            try CacheFile.readIndex(file)
        }
        return AnalysisCache(path: path, identity: identity, file: file, entries: entries, rowCount: rows)
    }

    /// Writes an empty cache under a staged name and moves it into place, so that the
    /// file at `path` always has a complete header.
    private static func create(path: String, identity: AnalysisCacheIdentity, runFile: String, producer: String) throws {
        try checkWritable(path: path)
        let staged = StagedFile(finalPath: path)
        try CacheFile.reading(path) {
            let file = try HDF5File.create(staged.temporaryPath, mode: .truncate)
            try CacheFile.writeHeader(file, identity: identity, runFile: runFile, producer: producer)
            try file.close()
        }
        do {
            try staged.commit(replacing: true)
        } catch {
            throw AnalysisCacheError(.notWritable, file: path, problem: "cannot move the new analysis cache into place (\(error))")
        }
    }

    /// Reopens the file as a SWMR writer, cutting away rows a killed writer left uncommitted.
    private func becomeWriter() throws {
        guard !file.isWritable else { return }
        try reading { try file.close() }
        file = try CacheFile.reading(path) { try HDF5File.open(path, mode: .swmrWrite, clearingStatusFlags: true) }
        try reading { try CacheFile.truncate(file, toRows: rowCount, layers: identity.layerSizes.count - 1) }
    }

    private func reading<T>(_ body: () throws -> T) throws -> T {
        try CacheFile.reading(path, followingWriter: file.isSWMRReader, body)
    }
}

/// What makes a cache belong to a run: the run's identity (probe inputs and network
/// shape), the analyzed layers' sizes, and how many probe inputs its spectra cover.
public struct AnalysisCacheIdentity: Sendable, Equatable {
    public var runIdentity: Int64
    /// n_0 and each analyzed layer's width.
    public var layerSizes: [Int]
    public var probeCount: Int

    public init(runIdentity: Int64, layerSizes: [Int], probeCount: Int) {
        self.runIdentity = runIdentity
        self.layerSizes = layerSizes
        self.probeCount = probeCount
    }

    public func spectrumLength(layer: Int) -> Int { JacobianSpectra.spectrumLength(layerSizes: layerSizes, layer: layer) }
}

/// An analysis cache that cannot be used: the file, what kind of failure, and the problem.
public struct AnalysisCacheError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable, Equatable {
        /// The cache belongs to another run (other probe inputs or network shape).
        case otherRun
        /// The file is not an analysis cache, or of a format this build does not read.
        case notACache
        /// The cache is damaged or inconsistent.
        case damaged
        /// The cache cannot be written there.
        case notWritable
    }

    public var kind: Kind
    public var file: String
    public var problem: String

    public init(_ kind: Kind, file: String, problem: String) {
        self.kind = kind
        self.file = file
        self.problem = problem
    }

    public var description: String { "\(file): \(problem)" }
}
