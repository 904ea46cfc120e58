import HDF5

/// What an information estimate depends on besides the checkpoint's weights: the estimator
/// and its parameters, the probe inputs it covers and their labels. Rows of the analysis
/// cache's `/information` table are found by it (`schemas/analysis-cache-v2.md`).
public struct InformationCacheKey: Hashable, Sendable {
    /// `InformationCacheTable.binning` or `.kernelDensity`.
    var estimator: Int64
    /// Binning's K; 0 for kde.
    var bins: Int64
    /// Binning's fixed range, or NaN for each layer's own [min, max] (and for kde); kept as
    /// bit patterns so that the key is hashable.
    var rangeLow: UInt64
    var rangeHigh: UInt64
    /// Kde's s²; NaN for binning.
    var noiseVariance: UInt64
    /// N: the estimates cover the first N probe inputs.
    var probeCount: Int64
    /// A hash of the class labels of those inputs (or why there are none) and of what a
    /// classifier's last layer passes on.
    var labels: Int64

    /// The key of `estimator` on the first `probeCount` probe inputs, `labels` hashed by the caller.
    public init(estimator: InformationEstimator, probeCount: Int, labels: Int64) {
        var low = Double.nan, high = Double.nan, variance = Double.nan
        switch estimator {
        case .binning(let bins, let range):
            (self.estimator, self.bins) = (InformationCacheTable.binning, Int64(bins))
            if let range { (low, high) = (range.lowerBound, range.upperBound) }
        case .kernelDensity(let noiseVariance):
            (self.estimator, bins, variance) = (InformationCacheTable.kernelDensity, 0, noiseVariance)
        }
        (rangeLow, rangeHigh, self.noiseVariance) = (low.bitPattern, high.bitPattern, variance.bitPattern)
        self.probeCount = Int64(probeCount)
        self.labels = labels
    }

    init(estimator: Int64, bins: Int64, range: (Double, Double), noiseVariance: Double, probeCount: Int64, labels: Int64) {
        (self.estimator, self.bins, self.probeCount, self.labels) = (estimator, bins, probeCount, labels)
        (rangeLow, rangeHigh, self.noiseVariance) = (range.0.bitPattern, range.1.bitPattern, noiseVariance.bitPattern)
    }
}

/// One checkpoint's estimates for every analyzed layer, as a row of the `/information` table.
public struct InformationCacheRow: Sendable {
    public var key: InformationCacheKey
    public var checkpoint: Int
    public var step: Int
    public var fingerprint: Int64
    public var isFinite: Bool
    /// Per analyzed layer, `InformationCacheTable.quantities` values.
    public var values: [Double]

    public init(key: InformationCacheKey, checkpoint: Int, step: Int, fingerprint: Int64, isFinite: Bool, values: [Double]) {
        (self.key, self.checkpoint, self.step, self.fingerprint, self.isFinite, self.values) = (key, checkpoint, step, fingerprint, isFinite, values)
    }
}

/// The analysis cache's table of information estimates, `/information`: one row per
/// checkpoint and key, committed as the spectra rows are (its own `index` last).
enum InformationCacheTable {
    static let group = "/information"
    /// The commit record: a row exists when its entry here does (−1: never written).
    static let index = "/information/index"
    static let step = "/information/step"
    static let fingerprint = "/information/fingerprint"
    static let finite = "/information/finite"
    static let estimator = "/information/estimator"
    static let bins = "/information/bins"
    static let binRange = "/information/bin_range"
    static let noiseVariance = "/information/noise_variance"
    static let probeCount = "/information/probe_count"
    static let labels = "/information/labels"
    static let values = "/information/values"

    static let binning: Int64 = 1
    static let kernelDensity: Int64 = 2
    /// Per layer: I(X;T), I(T;Y), and the kde lower bounds of both; NaN where absent.
    static let quantities = 4
    /// Rows are small; a chunk holds this many.
    static let chunkRows = 64

    static let int64Columns = [step, fingerprint, estimator, bins, probeCount, labels]

    /// Creates the empty table for a cache of `layers` analyzed layers.
    static func create(in file: HDF5File, layers: Int) throws {
        let root = file.root
        _ = try root.createGroup(group)
        func column<T: HDF5Scalar>(_ path: String, _ type: T.Type, _ rest: [Int] = [], fillValue: T? = nil) throws {
            _ = try root.createDataset(path, of: type, shape: [0] + rest, maximumShape: [nil] + rest.map { $0 },
                                       chunkShape: [chunkRows] + rest, fletcher32: true, fillValue: fillValue)
        }
        try column(index, Int64.self, fillValue: CacheFile.unwrittenIndex)
        for path in int64Columns { try column(path, Int64.self) }
        try column(finite, UInt8.self)
        try column(binRange, Double.self, [2])
        try column(noiseVariance, Double.self)
        try column(values, Double.self, [layers, quantities])
    }

    /// The latest committed row of each checkpoint, by key, and the number of committed rows;
    /// none when the cache has no table (written before it existed).
    static func readIndex(_ file: HDF5File, layers: Int) throws -> ([InformationCacheKey: [Int: AnalysisCache.Entry]], Int) {
        guard file.root.contains(group) else { return ([:], 0) }
        var indices = try CacheFile.committed(file, index, as: Int64.self)
        // Entries a failed or interrupted write left as the fill value commit nothing after them.
        if let unwritten = indices.firstIndex(of: CacheFile.unwrittenIndex) { indices.removeSubrange(unwritten...) }
        let rows = indices.count
        let columns = try int64Columns.map { try CacheFile.committed(file, $0, as: Int64.self, rows: rows) }
        let isFinite = try CacheFile.committed(file, finite, as: UInt8.self, rows: rows)
        let ranges = try CacheFile.committed(file, binRange, as: Double.self, rows: rows, rowLength: 2)
        let variances = try CacheFile.committed(file, noiseVariance, as: Double.self, rows: rows)
        let shape = try file.root.openDataset(values).shape
        guard shape.count == 3, shape[0] >= rows, shape[1] == layers, shape[2] == quantities else {
            throw AnalysisCacheError(.damaged, file: file.path, problem: "\(values) has shape \(shape), expected [\(rows), \(layers), \(quantities)]")
        }
        var entries = [InformationCacheKey: [Int: AnalysisCache.Entry]]()
        for row in 0..<rows {
            guard indices[row] >= 0 else {
                throw AnalysisCacheError(.damaged, file: file.path, problem: "\(index) holds the negative index \(indices[row])")
            }
            let key = InformationCacheKey(estimator: columns[2][row], bins: columns[3][row], range: (ranges[2 * row], ranges[2 * row + 1]),
                                          noiseVariance: variances[row], probeCount: columns[4][row], labels: columns[5][row])
            entries[key, default: [:]][Int(indices[row])] = AnalysisCache.Entry(
                row: row, step: Int(columns[0][row]), fingerprint: columns[1][row], isFinite: isFinite[row] != 0)
        }
        return (entries, rows)
    }

    /// Writes `rows` from row `first` on: every column, then the disk flush, then the commit
    /// record, so that a row is committed only once all of it is on the disk.
    static func append(_ rows: [InformationCacheRow], at first: Int, to file: HDF5File, layers: Int) throws {
        let root = file.root
        func write<T: HDF5Scalar>(_ path: String, _ values: [T]) throws {
            try CacheFile.writeRows(root.openDataset(path), from: first, count: rows.count, values)
        }
        try write(step, rows.map { Int64($0.step) })
        try write(fingerprint, rows.map(\.fingerprint))
        try write(estimator, rows.map(\.key.estimator))
        try write(bins, rows.map(\.key.bins))
        try write(probeCount, rows.map(\.key.probeCount))
        try write(labels, rows.map(\.key.labels))
        try write(finite, rows.map { UInt8($0.isFinite ? 1 : 0) })
        try write(binRange, rows.flatMap { [Double(bitPattern: $0.key.rangeLow), Double(bitPattern: $0.key.rangeHigh)] })
        try write(noiseVariance, rows.map { Double(bitPattern: $0.key.noiseVariance) })
        for row in rows { precondition(row.values.count == layers * quantities) }
        try write(values, rows.flatMap(\.values))
        try file.synchronize()
        let commitRecord = try root.openDataset(index)
        try CacheFile.writeRows(commitRecord, from: first, count: rows.count, rows.map { Int64($0.checkpoint) })
        try commitRecord.flush()
        try file.flush()
    }

    /// Cuts every column back to the committed rows.
    static func truncate(_ file: HDF5File, toRows rows: Int) throws {
        guard file.root.contains(group) else { return }
        try CacheFile.truncate(file, [index, finite, binRange, noiseVariance, values] + int64Columns, toRows: rows)
    }

    /// The estimates stored in `row`.
    static func values(_ file: HDF5File, row: Int, layers: Int) throws -> [Double] {
        try file.root.openDataset(values).read(offset: [row, 0, 0], count: [1, layers, quantities])
    }
}
