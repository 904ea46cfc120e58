import HDF5
import Platform

/// Caches written by lr-analyze before format 2 (`schemas/analysis-cache-v1.md`) held the
/// same rows in fixed-size datasets written whole. They are converted in place, one row
/// at a time, into a format-2 file staged beside them: no spectrum is computed again.
enum AnalysisCacheConversion {
    static func convertVersion1(at path: String, producer: String) throws {
        let staged = StagedFile(finalPath: path)
        try CacheFile.reading(path) {
            let old = try CacheFile.openForReading(path)
            defer { try? old.close() }
            let root = old.root
            let identity = AnalysisCacheIdentity(
                runIdentity: try root.attribute(CacheFile.Attribute.runIdentity, as: Int64.self),
                layerSizes: try root.attributeArray(CacheFile.Attribute.layerSizes, as: Int64.self).map(Int.init),
                probeCount: Int(try root.attribute(CacheFile.Attribute.probeCount, as: Int64.self)))
            let runFile = (try? root.stringAttribute(CacheFile.Attribute.runFile)) ?? ""
            let new = try HDF5File.create(staged.temporaryPath, mode: .truncate, options: CacheFile.options)
            try CacheFile.writeHeader(new, identity: identity, runFile: runFile, producer: producer)
            try copyRows(from: old, to: new, identity: identity)
            try new.synchronize()
            try new.close()
        }
        do {
            try staged.commit(replacing: true)
        } catch {
            throw AnalysisCacheError(.notWritable, file: path, problem: "cannot replace the analysis cache with its converted form (\(error))")
        }
    }

    /// Every row, spectra first and the index last, as `AnalysisCache.append` orders them.
    private static func copyRows(from old: HDF5File, to new: HDF5File, identity: AnalysisCacheIdentity) throws {
        let columns = [CacheFile.step, CacheFile.fingerprint, CacheFile.index]
        let values = try columns.map { try old.root.openDataset($0).read(as: Int64.self) }
        let finite = try old.root.openDataset(CacheFile.finite).read(as: UInt8.self)
        let rows = values[2].count
        guard values.allSatisfy({ $0.count == rows }), finite.count == rows else {
            throw AnalysisCacheError(.damaged, file: old.path, problem: "its checkpoint tables differ in length")
        }
        let layers = identity.layerSizes.count - 1
        for row in 0..<rows {
            for layer in 0..<layers {
                let count = [1, identity.probeCount, identity.spectrumLength(layer: layer)]
                let spectra: [Double] = try old.root.openDataset(CacheFile.spectra(layer)).read(offset: [row, 0, 0], count: count)
                try CacheFile.writeRow(new.root.openDataset(CacheFile.spectra(layer)), row: row, spectra)
            }
            try CacheFile.writeRow(new.root.openDataset(CacheFile.finite), row: row, [finite[row]])
            for (column, value) in zip(columns, values) {
                try CacheFile.writeRow(new.root.openDataset(column), row: row, [value[row]])
            }
        }
    }
}
