import HDF5
import RunFormat

/// The analysis cache's names and its reading and writing steps, format 2
/// (`schemas/analysis-cache-v2.md`); the information estimates' table is `InformationCacheTable`.
enum CacheFile {
    static let format = "local-rank-analysis"
    static let formatVersion: Int64 = 2
    static let method = "singular values of J_l(x) = dz_l/dx, float64, descending"

    enum Attribute {
        static let format = "format"
        static let formatVersion = "format_version"
        static let producer = "producer"
        static let runFile = "run_file"
        static let runIdentity = "run_identity"
        static let probeCount = "probe_count"
        static let layerSizes = "layer_sizes"
        static let method = "method"
    }

    /// The commit record: a row exists when its entry here does.
    static let index = "/checkpoints/index"
    /// What an index entry never written reads as (its fill value): a last entry a failed
    /// write left unfinished, which does not commit its row.
    static let unwrittenIndex: Int64 = -1
    static let step = "/checkpoints/step"
    static let fingerprint = "/checkpoints/fingerprint"
    static let finite = "/checkpoints/finite"
    static func spectra(_ layer: Int) -> String { "/spectra/\(layer)" }

    /// Caches are opened without HDF5's file lock: `AnalysisCache`'s own lock keeps writers
    /// apart, and a reader holding HDF5's would keep the writer from opening the file.
    static let options = HDF5File.Options(usingFileLock: false)

    /// Opens a cache to read: as a SWMR reader, which sees the rows a writer in another
    /// process commits, unless the file's format cannot be read that way (HDF5 1.8's).
    static func openForReading(_ path: String) throws -> HDF5File {
        do {
            return try HDF5File.open(path, mode: .readOnly, swmrRead: true, options: options)
        } catch {
            guard error.kind == .other || error.kind == .invalidArgument else { throw error }
            return try HDF5File.openForReading(path, options: options)
        }
    }

    // Spectra rows are checksummed (Fletcher-32), so that a damaged row fails to read, but
    // not compressed: shuffle and deflate make them 3× smaller but re-thresholding 4×
    // slower (measured in schemas/analysis-cache-v2.md).

    /// The `format_version` of the cache at `path`.
    static func formatVersion(of path: String) throws -> Int64 {
        try reading(path) {
            let file = try openForReading(path)
            defer { try? file.close() }
            let root = file.root
            guard (try? root.stringAttribute(Attribute.format)) == format else {
                throw AnalysisCacheError(.notACache, file: path, problem: "not a local-rank analysis cache (no format=\"\(format)\")")
            }
            return try root.attribute(Attribute.formatVersion, as: Int64.self)
        }
    }

    static func writeHeader(_ file: HDF5File, identity: AnalysisCacheIdentity, runFile: String, producer: String) throws {
        let root = file.root
        try root.setAttribute(Attribute.format, format)
        try root.setAttribute(Attribute.formatVersion, formatVersion)
        try root.setAttribute(Attribute.producer, producer)
        try root.setAttribute(Attribute.runFile, runFile)
        try root.setAttribute(Attribute.runIdentity, identity.runIdentity)
        try root.setAttribute(Attribute.probeCount, Int64(identity.probeCount))
        try root.setAttribute(Attribute.layerSizes, identity.layerSizes.map(Int64.init))
        try root.setAttribute(Attribute.method, method)
        func column<T: HDF5Scalar>(_ path: String, _ type: T.Type, fillValue: T? = nil) throws {
            _ = try root.createDataset(path, of: type, shape: [0], maximumShape: [nil], chunkShape: [256], fletcher32: true,
                                       fillValue: fillValue)
        }
        try column(index, Int64.self, fillValue: unwrittenIndex)
        try column(step, Int64.self)
        try column(fingerprint, Int64.self)
        try column(finite, UInt8.self)
        for layer in 0..<(identity.layerSizes.count - 1) {
            let rest = [identity.probeCount, identity.spectrumLength(layer: layer)]
            _ = try root.createDataset(spectra(layer), of: Double.self, shape: [0] + rest, maximumShape: [nil] + rest.map { $0 },
                                       chunkShape: [1] + rest, fletcher32: true)
        }
        try InformationCacheTable.create(in: file, layers: identity.layerSizes.count - 1)
    }

    /// The identity, the committed entries (the latest row of each checkpoint) and the
    /// number of committed rows.
    static func readIndex(_ file: HDF5File) throws -> (AnalysisCacheIdentity, [Int: AnalysisCache.Entry], Int) {
        let root = file.root
        let path = file.path
        let version = try root.attribute(Attribute.formatVersion, as: Int64.self)
        guard version == formatVersion else {
            throw AnalysisCacheError(.notACache, file: path, problem: "analysis cache format \(version) is not one this build reads (it reads 1 and 2)")
        }
        let identity = AnalysisCacheIdentity(
            runIdentity: try root.attribute(Attribute.runIdentity, as: Int64.self),
            layerSizes: try root.attributeArray(Attribute.layerSizes, as: Int64.self).map(Int.init),
            probeCount: Int(try root.attribute(Attribute.probeCount, as: Int64.self)))
        guard identity.layerSizes.count >= 2, identity.layerSizes.allSatisfy({ $0 > 0 }), identity.probeCount > 0 else {
            throw AnalysisCacheError(.damaged, file: path, problem: "its layer sizes or probe count are not positive")
        }
        var indices = try committed(file, index, as: Int64.self)
        if indices.last == unwrittenIndex { indices.removeLast() }
        let rows = indices.count
        let steps = try committed(file, step, as: Int64.self, rows: rows)
        let fingerprints = try committed(file, fingerprint, as: Int64.self, rows: rows)
        let finite = try committed(file, finite, as: UInt8.self, rows: rows)
        for layer in 0..<(identity.layerSizes.count - 1) {
            let shape = try root.openDataset(spectra(layer)).shape
            let expected = [identity.probeCount, identity.spectrumLength(layer: layer)]
            guard shape.count == 3, shape[0] >= rows, Array(shape.dropFirst()) == expected else {
                throw AnalysisCacheError(.damaged, file: path, problem: "\(spectra(layer)) has shape \(shape), expected [\(rows), \(expected[0]), \(expected[1])]")
            }
        }
        var entries = [Int: AnalysisCache.Entry]()
        for row in 0..<rows {
            guard indices[row] >= 0 else {
                throw AnalysisCacheError(.damaged, file: path, problem: "\(index) holds the negative index \(indices[row])")
            }
            entries[Int(indices[row])] = AnalysisCache.Entry(row: row, step: Int(steps[row]), fingerprint: fingerprints[row],
                                                              isFinite: finite[row] != 0)
        }
        return (identity, entries, rows)
    }

    /// The first `rows` rows of a dataset, each `rowLength` values (all of a commit record
    /// when `rows` is nil).
    static func committed<T: HDF5Scalar>(_ file: HDF5File, _ path: String, as type: T.Type, rows: Int? = nil,
                                         rowLength: Int = 1) throws -> [T] {
        let dataset = try file.root.openDataset(path)
        let shape = try dataset.shape
        let length = shape.first ?? 0
        guard length >= (rows ?? 0) else {
            throw AnalysisCacheError(.damaged, file: file.path, problem: "\(path) has \(length) rows, fewer than the \(rows ?? 0) committed")
        }
        guard Array(shape.dropFirst()) == (rowLength == 1 ? [] : [rowLength]) else {
            throw AnalysisCacheError(.damaged, file: file.path, problem: "\(path) has shape \(shape), not \(rowLength) value\(rowLength == 1 ? "" : "s") a row")
        }
        let count = rows ?? length
        let offset = [0] + shape.dropFirst().map { _ in 0 }
        return count == 0 ? [] : try dataset.read(as: T.self, offset: offset, count: [count] + shape.dropFirst())
    }

    /// Writes `values` as row `row` of a dataset whose first axis grows.
    static func writeRow<T: HDF5Scalar>(_ dataset: HDF5Dataset, row: Int, _ values: [T]) throws {
        try writeRows(dataset, from: row, count: 1, values)
    }

    /// Writes `values` as `count` rows from row `first` on, of a dataset whose first axis grows.
    static func writeRows<T: HDF5Scalar>(_ dataset: HDF5Dataset, from first: Int, count: Int, _ values: [T]) throws {
        var shape = try dataset.shape
        if shape[0] < first + count {
            shape[0] = first + count
            try dataset.extend(to: shape)
        }
        try dataset.write(values, offset: [first] + shape.dropFirst().map { _ in 0 }, count: [count] + shape.dropFirst())
    }

    /// Cuts every dataset back to the committed rows.
    static func truncate(_ file: HDF5File, toRows rows: Int, layers: Int) throws {
        try truncate(file, [step, fingerprint, finite] + (0..<layers).map(spectra), toRows: rows)
    }

    /// Cuts the datasets at `paths` back to `rows` rows.
    static func truncate(_ file: HDF5File, _ paths: [String], toRows rows: Int) throws {
        for path in paths {
            let dataset = try file.root.openDataset(path)
            var shape = try dataset.shape
            if shape[0] != rows {
                shape[0] = rows
                try dataset.extend(to: shape)
            }
        }
    }

    /// Runs `body`, turning the HDF5 wrapper's errors into cache errors about `path`.
    static func reading<T>(_ path: String, followingWriter: Bool = false, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as HDF5Error {
            throw AnalysisCacheError(hdf5: error, file: path, followingWriter: followingWriter)
        }
    }
}

extension AnalysisCacheError {
    init(hdf5 error: HDF5Error, file: String, followingWriter: Bool) {
        let run = RunFormatError(hdf5: error, file: file, followingWriter: followingWriter)
        switch run.kind {
        case .notHDF5, .notARun, .external: self.init(.notACache, file: file, problem: "not a readable analysis cache (\(run.problem))")
        case .inaccessible, .busy: self.init(.notWritable, file: file, problem: run.problem)
        case .writeFailed: self.init(.writeFailed, file: file, problem: run.problem)
        default: self.init(.damaged, file: file, problem: run.problem)
        }
    }
}
