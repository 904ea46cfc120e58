import HDF5
import Platform

/// Probe inputs or targets: a `.npy` file or an HDF5 dataset named `FILE.h5:/path`.
public struct LoadedArray: Sendable, Equatable {
    /// What the user gave, for messages and `/data@source`.
    public var source: String
    /// The file part of `source`, for messages.
    public var file: String
    public var shape: [Int]
    public var isInteger: Bool
    /// The elements in C order.
    public var values: [Double]

    /// Reads `argument`: `FILE.npy` (float32 or float64, C order; integers too with
    /// `allowIntegers`) or `FILE.h5:/dataset` (any float type; integers with `allowIntegers`).
    public static func load(_ argument: String, allowIntegers: Bool) throws -> LoadedArray {
        if argument.lowercased().hasSuffix(".npy") {
            let array = try NumpyArray(path: argument, allowIntegers: allowIntegers)
            return LoadedArray(source: argument, file: argument, shape: array.shape, isInteger: array.isInteger, values: array.values)
        }
        // FILE.h5:/dataset: split at the first ":/" whose left side is an existing file.
        var searchStart = argument.startIndex
        while let range = argument.range(of: ":/", range: searchStart..<argument.endIndex) {
            let file = String(argument[..<range.lowerBound])
            let dataset = String(argument[argument.index(after: range.lowerBound)...])
            if FileSystem.exists(file) {
                return try loadDataset(file: file, dataset: dataset, source: argument, allowIntegers: allowIntegers)
            }
            searchStart = range.upperBound
        }
        if let colon = argument.range(of: ":/") {
            let file = String(argument[..<colon.lowerBound])
            throw CheckpointImportError(.notFound, file: file, problem: "no such file")
        }
        try BinaryFile.requireRegularFile(argument)
        throw CheckpointImportError(
            .unsupported, file: argument, problem: "give a NumPy .npy file, or an HDF5 dataset as FILE.h5:/path/to/dataset")
    }

    private static func loadDataset(file: String, dataset path: String, source: String, allowIntegers: Bool) throws -> LoadedArray {
        try BinaryFile.requireRegularFile(file)
        let opened: HDF5File
        do {
            // Read-only and without the SWMR-read flag, so that a corrupt file fails at once.
            opened = try HDF5File.open(file, mode: .readOnly)
        } catch let error as HDF5Error {
            throw CheckpointImportError(.malformed, file: file, problem: "not a readable HDF5 file (\(error.message))")
        }
        return try CheckpointImportError.reading(file) {
            guard opened.root.contains(path) else { throw CheckpointImportError(.notFound, file: file, problem: "there is no dataset \(path)") }
            let dataset = try opened.root.openDataset(path)
            let type = try dataset.elementType
            let floats: Set<HDF5ElementType> = [.float32, .float64]
            let integers: Set<HDF5ElementType> = [.int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64]
            guard floats.contains(type) || (allowIntegers && integers.contains(type)) else {
                throw CheckpointImportError(
                    .unsupported, file: file, problem: "\(path) is stored as \(type); \(allowIntegers ? "numbers" : "float32 or float64 values") can be imported here")
            }
            return LoadedArray(source: source, file: file, shape: try dataset.shape, isInteger: integers.contains(type),
                               values: try dataset.read(as: Double.self))
        }
    }
}

