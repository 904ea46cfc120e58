import HDF5
import Platform
import RunFormat

/// The sidecar analysis file (`run.lr.h5`): the singular values of every layer's Jacobian
/// at each probe input and checkpoint, so that any threshold or measure can be read off
/// later without Jacobian work. Documented in `schemas/analysis-cache-v2.md`.
///
/// Rows are appended as checkpoints finish, in SWMR mode and in a fixed order: a
/// checkpoint's spectra rows and bookkeeping are written and flushed to the disk
/// (`HDF5File.synchronize`), and its entry in `/checkpoints/index` is written last. So a
/// cache whose writer was killed, or whose disk filled up, holds every completed checkpoint
/// and nothing half-written: a row without its index entry is ignored and overwritten, and
/// after a failed write nothing more is written (`HDF5File`). Memory does not grow with the
/// cache: rows are read one at a time.
///
/// Several processes may use one cache. Each reads it as a SWMR reader, seeing the rows
/// committed by whoever writes it; one at a time writes, holding the cache's `FileLock` from
/// its first append (or the creation of the file) until it closes the cache. Another that
/// needs to write waits for the lock (`waiting` is told once), then reads the rows the first
/// committed and computes only what is still missing. HDF5's own file locks are not used
/// on caches: a reader's would keep the writer from opening the file.
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
    /// The latest committed information row of each checkpoint, by key (`InformationCacheTable`).
    public private(set) var informationEntries: [InformationCacheKey: [Int: Entry]]
    private var file: HDF5File
    private var rowCount: Int
    private var informationRowCount: Int
    /// Held while this process may write the cache.
    private var lock: FileLock?

    private init(path: String, identity: AnalysisCacheIdentity, file: HDF5File, entries: [Int: Entry], rowCount: Int,
                 information: ([InformationCacheKey: [Int: Entry]], Int)) {
        self.path = path
        self.identity = identity
        self.file = file
        self.entries = entries
        self.rowCount = rowCount
        (informationEntries, informationRowCount) = information
    }

    /// How a process that must write the cache waits for another that writes it.
    public struct Waiting {
        /// Called once, when the wait begins.
        public var begins: () -> Void
        /// Asked every 0.2 s while it lasts; true stops the wait (`AnalysisInterrupted`).
        public var shouldStop: () -> Bool

        public init(begins: @escaping () -> Void = {}, shouldStop: @escaping () -> Bool = { false }) {
            self.begins = begins
            self.shouldStop = shouldStop
        }
    }

    /// The cache at `path` for the run `identity` describes, opened for reading; created
    /// (empty) when there is none, or when `replacing`. A cache in the earlier format is
    /// converted first. Spectra for fewer probe inputs than `identity` asks for cannot be
    /// reused: such a cache is replaced. Creating, replacing and converting take the
    /// cache's lock first (waiting for another writer as `waiting` says).
    public static func open(
        path: String, identity: AnalysisCacheIdentity, runFile: String, producer: String, replacing: Bool,
        waiting: Waiting = Waiting()
    ) throws -> AnalysisCache {
        if !replacing, let cache = try reusable(path: path, identity: identity, runFile: runFile) { return cache }
        let lock = try acquireLock(path, waiting)
        // Another process may have made or converted the cache while this one waited.
        if !replacing, let cache = try reusable(path: path, identity: identity, runFile: runFile, converting: producer) {
            cache.lock = lock
            return cache
        }
        try create(path: path, identity: identity, runFile: runFile, producer: producer)
        let cache = try openExisting(path: path)
        cache.lock = lock
        return cache
    }

    /// The existing cache at `path` when it can serve `identity`; nil when there is none,
    /// it covers fewer probe inputs, or (without `converting`) it is in format 1.
    private static func reusable(
        path: String, identity: AnalysisCacheIdentity, runFile: String, converting producer: String? = nil
    ) throws -> AnalysisCache? {
        guard FileSystem.exists(path) else { return nil }
        if try CacheFile.formatVersion(of: path) == 1 {
            guard let producer else { return nil }
            try AnalysisCacheConversion.convertVersion1(at: path, producer: producer)
        }
        let cache = try openExisting(path: path)
        if cache.identity.runIdentity != identity.runIdentity || cache.identity.layerSizes != identity.layerSizes {
            throw AnalysisCacheError(.otherRun, file: path, problem: "this analysis cache was computed from another run than \(runFile)")
        }
        return cache.identity.probeCount >= identity.probeCount ? cache : nil
    }

    /// The cache's writer lock, waiting while another process holds it.
    private static func acquireLock(_ path: String, _ waiting: Waiting) throws -> FileLock {
        let lock: FileLock?
        do {
            lock = try FileLock.acquire(path, waiting: waiting.begins, shouldStop: waiting.shouldStop)
        } catch {
            throw AnalysisCacheError(.notWritable, file: path, problem: "cannot write the analysis cache here (\(error))")
        }
        guard let lock else { throw AnalysisInterrupted(completed: 0, total: 0) }
        return lock
    }

    /// Makes this process the cache's writer (waiting for another as `waiting` says), and
    /// reads the rows committed meanwhile: `entries` may grow. The first append does this
    /// itself; call it first to know what is left to compute.
    public func prepareToWrite(waiting: Waiting = Waiting()) throws {
        if lock == nil { lock = try Self.acquireLock(path, waiting) }
        try becomeWriter()
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
    /// commits it. The first append makes this process the writer (`prepareToWrite`).
    public func append(checkpoint index: Int, step: Int, fingerprint: Int64, isFinite: Bool, spectra: [LayerSpectra]) throws {
        try prepareToWrite()
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
            try file.synchronize()
            // The index's chunk before the extent that shows it (see RunWriter's commit).
            let commitRecord = try root.openDataset(CacheFile.index)
            try CacheFile.writeRow(commitRecord, row: row, [Int64(index)])
            try commitRecord.flush()
            try file.flush()
        }
        rowCount += 1
        entries[index] = Entry(row: row, step: step, fingerprint: fingerprint, isFinite: isFinite)
    }

    /// The information estimates stored in `row` of the `/information` table:
    /// `InformationCacheTable.quantities` values per analyzed layer.
    public func informationValues(row: Int) throws -> [Double] {
        precondition(row < informationRowCount)
        return try reading { try InformationCacheTable.values(file, row: row, layers: identity.layerSizes.count - 1) }
    }

    /// Appends information rows and commits them together (one flush to the disk for all).
    /// The first append makes this process the writer (`prepareToWrite`).
    public func appendInformation(_ rows: [InformationCacheRow]) throws {
        guard !rows.isEmpty else { return }
        try prepareToWrite()
        let first = informationRowCount
        try reading { try InformationCacheTable.append(rows, at: first, to: file, layers: identity.layerSizes.count - 1) }
        informationRowCount += rows.count
        for (offset, row) in rows.enumerated() {
            informationEntries[row.key, default: [:]][row.checkpoint] = Entry(row: first + offset, step: row.step,
                                                                              fingerprint: row.fingerprint, isFinite: row.isFinite)
        }
    }

    /// Closes the file (checked: a writer's close writes) and gives up the writer's lock.
    public func close() throws {
        defer { lock = nil }
        try reading { try file.close() }
    }

    // MARK: Opening and creating

    private static func openExisting(path: String) throws -> AnalysisCache {
        let file = try CacheFile.reading(path) { try CacheFile.openForReading(path) }
        let (identity, entries, rows, information) = try CacheFile.reading(path, followingWriter: file.isSWMRReader) {
            let (identity, entries, rows) = try CacheFile.readIndex(file)
            return (identity, entries, rows, try InformationCacheTable.readIndex(file, layers: identity.layerSizes.count - 1))
        }
        return AnalysisCache(path: path, identity: identity, file: file, entries: entries, rowCount: rows, information: information)
    }

    /// Writes an empty cache under a staged name and moves it into place, so that the
    /// file at `path` always has a complete header.
    private static func create(path: String, identity: AnalysisCacheIdentity, runFile: String, producer: String) throws {
        try checkWritable(path: path)
        let staged = StagedFile(finalPath: path)
        try CacheFile.reading(path) {
            let file = try HDF5File.create(staged.temporaryPath, mode: .truncate, options: CacheFile.options)
            try CacheFile.writeHeader(file, identity: identity, runFile: runFile, producer: producer)
            try file.synchronize()
            try file.close()
        }
        do {
            try staged.commit(replacing: true)
        } catch {
            throw AnalysisCacheError(.notWritable, file: path, problem: "cannot move the new analysis cache into place (\(error))")
        }
    }

    /// Reopens the file as a SWMR writer, reading the rows committed since it was opened
    /// and cutting away rows a killed or failed writer left uncommitted. A cache written
    /// before the information table existed gains it first (SWMR writers cannot create it).
    private func becomeWriter() throws {
        guard !file.isWritable else { return }
        let layers = identity.layerSizes.count - 1
        let lacksInformationTable = !file.root.contains(InformationCacheTable.group)
        try reading { try file.close() }
        if lacksInformationTable { try addInformationTable(layers: layers) }
        file = try CacheFile.reading(path) {
            try HDF5File.open(path, mode: .swmrWrite, clearingStatusFlags: true, options: CacheFile.options)
        }
        try reading {
            let (identity, entries, rows) = try CacheFile.readIndex(file)
            guard identity == self.identity else {
                throw AnalysisCacheError(.otherRun, file: path, problem: "another process replaced the analysis cache while this one waited")
            }
            (self.entries, rowCount) = (entries, rows)
            (informationEntries, informationRowCount) = try InformationCacheTable.readIndex(file, layers: layers)
            try CacheFile.truncate(file, toRows: rowCount, layers: layers)
            try InformationCacheTable.truncate(file, toRows: informationRowCount)
        }
    }

    /// Adds the empty `/information` table to a cache written before it existed, in place,
    /// before any SWMR writing (which cannot create objects). Called holding the lock.
    private func addInformationTable(layers: Int) throws {
        try CacheFile.reading(path) {
            let file = try HDF5File.open(path, mode: .readWrite, clearingStatusFlags: true, options: CacheFile.options)
            if !file.root.contains(InformationCacheTable.group) {
                try InformationCacheTable.create(in: file, layers: layers)
                try file.synchronize()
            }
            try file.close()
        }
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
        /// The operating system refused a write (a full disk, a quota, an I/O error); the
        /// checkpoints committed before are kept.
        case writeFailed
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
