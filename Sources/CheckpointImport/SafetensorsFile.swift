import Foundation

/// The element types a safetensors header may name, with their sizes in bytes: the
/// list of the reference implementation (huggingface/safetensors). Any other name is
/// refused, because the byte span of a tensor of unknown type cannot be checked.
public enum SafetensorsDType: String, Sendable, CaseIterable {
    case BOOL, U8, I8, F8_E5M2, F8_E4M3, I16, U16, F16, BF16, I32, U32, F32, F64, I64, U64

    public var byteCount: Int {
        switch self {
        case .BOOL, .U8, .I8, .F8_E5M2, .F8_E4M3: 1
        case .I16, .U16, .F16, .BF16: 2
        case .I32, .U32, .F32: 4
        case .F64, .I64, .U64: 8
        }
    }

    /// Whether `lr-import` converts it to float32: F32, F64, F16 and BF16.
    public var isImportedFloat: Bool { [.F32, .F64, .F16, .BF16].contains(self) }
}

/// One tensor of a safetensors file, as its header describes it.
public struct SafetensorsTensor: Sendable, Equatable {
    public var name: String
    public var dtype: SafetensorsDType
    public var shape: [Int]
    /// The byte range inside the data area (which starts after the header).
    public var dataStart: Int
    public var dataEnd: Int
}

/// A safetensors file: an 8-byte little-endian header length N, N bytes of JSON header
/// (`{"NAME": {"dtype": "F32", "shape": [out, in], "data_offsets": [start, end]}, …,
/// "__metadata__": {"key": "value"}}`), then the data area, raw little-endian C-order
/// tensors at the offsets the header gives (relative to the data area).
///
/// Opening the file reads and checks the header only; every number in it is checked
/// before it is used: the header length against the file and a limit of 100 MB (the
/// reference implementation's), every dtype against the known list, every byte range
/// against the data area and against the tensor's shape and dtype (without overflow),
/// and the ranges against each other: they may not overlap, and, as the reference
/// implementation requires, they cover the data area exactly. Tensor data is read only
/// when asked for, one tensor at a time.
public final class SafetensorsFile {
    /// The largest header accepted, in bytes (the reference implementation's limit).
    public static let maximumHeaderBytes = 100_000_000

    public let path: String
    /// The tensors by name.
    public let tensors: [String: SafetensorsTensor]
    /// The optional `__metadata__` string map.
    public let metadata: [String: String]
    private let file: BinaryFile
    /// Where the data area starts in the file: 8 + the header length.
    private let dataOffset: Int

    public init(path: String) throws {
        self.path = path
        file = try BinaryFile(path: path)
        guard file.size >= 8 else {
            throw CheckpointImportError(
                .malformed, file: path, problem: "truncated: \(file.size) bytes, too short for the 8-byte header length of a safetensors file")
        }
        let headerLength = try file.bytes(at: 0, count: 8).littleEndianUInt64(at: 0)
        guard headerLength <= UInt64(SafetensorsFile.maximumHeaderBytes) else {
            if let foreign = CheckpointNaming.foreignContent(path) { throw foreign }
            throw CheckpointImportError(
                .malformed, file: path,
                problem: "the safetensors header length \(headerLength) exceeds the limit of \(SafetensorsFile.maximumHeaderBytes) bytes (a corrupt file, or not a safetensors file)")
        }
        let length = Int(headerLength)
        guard length <= file.size - 8 else {
            if let foreign = CheckpointNaming.foreignContent(path) { throw foreign }
            throw CheckpointImportError(
                .malformed, file: path,
                problem: "the safetensors header length \(length) is larger than the rest of the file (\(file.size - 8) bytes): truncated or not a safetensors file")
        }
        dataOffset = 8 + length
        let header = try file.bytes(at: 8, count: length)
        (tensors, metadata) = try SafetensorsFile.parseHeader(header, path: path, dataSize: file.size - dataOffset)
    }

    /// The names of the tensors, sorted.
    public var names: [String] { tensors.keys.sorted() }

    /// Reads a tensor of type F32, F64, F16 or BF16 as float32, row-major. Refuses other
    /// types by name, and F64 values too large for float32.
    public func floats(_ name: String) throws -> [Float] {
        guard let tensor = tensors[name] else {
            throw CheckpointImportError(.notFound, file: path, problem: "there is no tensor \"\(name)\"")
        }
        guard tensor.dtype.isImportedFloat else {
            throw CheckpointImportError(
                .unsupported, file: path,
                problem: "tensor \"\(name)\" has dtype \(tensor.dtype.rawValue); F32, F64, F16 and BF16 weights can be imported")
        }
        let count = tensor.shape.reduce(1, *)  // checked against the byte span when the header was read
        let bytes = try file.bytes(at: dataOffset + tensor.dataStart, count: tensor.dataEnd - tensor.dataStart)
        switch tensor.dtype {
        case .F32:
            return bytes.littleEndianValues(UInt32.self, count: count).map { Float(bitPattern: $0) }
        case .F64:
            return try bytes.littleEndianValues(UInt64.self, count: count).map { bits in
                let value = Double(bitPattern: bits)
                let converted = Float(value)
                if value.isFinite && !converted.isFinite {
                    throw CheckpointImportError(.unsupported, file: path, problem: "tensor \"\(name)\" holds \(value), too large for float32")
                }
                return converted
            }
        case .F16:
            return bytes.littleEndianValues(UInt16.self, count: count).map { Float(Float16(bitPattern: $0)) }
        case .BF16:
            return bytes.littleEndianValues(UInt16.self, count: count).map { Float(bitPattern: UInt32($0) << 16) }
        default:
            preconditionFailure("checked above")
        }
    }

    // MARK: The header

    private struct DynamicKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    private struct Entry: Decodable {
        var dtype: String
        var shape: [Int]
        var dataOffsets: [Int]

        enum CodingKeys: String, CodingKey {
            case dtype, shape
            case dataOffsets = "data_offsets"
        }
    }

    private struct Header: Decodable {
        var entries: [(String, Entry)] = []
        var metadata: [String: String] = [:]

        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: DynamicKey.self)
            for key in container.allKeys {
                if key.stringValue == "__metadata__" {
                    metadata = try container.decode([String: String].self, forKey: key)
                } else {
                    entries.append((key.stringValue, try container.decode(Entry.self, forKey: key)))
                }
            }
        }
    }

    static func parseHeader(
        _ bytes: [UInt8], path: String, dataSize: Int
    ) throws -> (tensors: [String: SafetensorsTensor], metadata: [String: String]) {
        func refuse(_ kind: CheckpointImportError.Kind, _ problem: String) -> CheckpointImportError {
            CheckpointImportError(kind, file: path, problem: problem)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw refuse(.malformed, "the safetensors header is not valid UTF-8 (a corrupt file, or not a safetensors file)")
        }
        guard text.first == "{" else {
            throw refuse(.malformed, "the safetensors header does not start with '{' (a corrupt file, or not a safetensors file)")
        }
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw refuse(.malformed, "the safetensors header is not a valid header: \(describe(error))")
        } catch {
            throw refuse(.malformed, "the safetensors header is not valid JSON")
        }

        var tensors = [String: SafetensorsTensor]()
        // In the order of the data, so that the first problem reported is the first in the file.
        let entries = header.entries.sorted { ($0.1.dataOffsets.lexicographicallyPrecedes($1.1.dataOffsets)) || ($0.1.dataOffsets == $1.1.dataOffsets && $0.0 < $1.0) }
        for (name, entry) in entries {
            tensors[name] = try tensor(name, entry, path: path, dataSize: dataSize)
        }
        try requireDataAreaCovered(by: Array(tensors.values), path: path, dataSize: dataSize)
        return (tensors, header.metadata)
    }

    /// One header entry as a tensor: a known dtype, a shape whose bytes fill its data offsets
    /// inside the data area.
    private static func tensor(_ name: String, _ entry: Entry, path: String, dataSize: Int) throws -> SafetensorsTensor {
        func refuse(_ kind: CheckpointImportError.Kind, _ problem: String) -> CheckpointImportError {
            CheckpointImportError(kind, file: path, problem: problem)
        }
        guard let dtype = SafetensorsDType(rawValue: entry.dtype) else {
            throw refuse(.unsupported, "tensor \"\(name)\" has unknown dtype \"\(entry.dtype)\" (known: \(SafetensorsDType.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        guard entry.shape.allSatisfy({ $0 >= 0 }) else {
            throw refuse(.malformed, "tensor \"\(name)\" has a negative extent in shape \(entry.shape)")
        }
        guard entry.dataOffsets.count == 2 else {
            throw refuse(.malformed, "tensor \"\(name)\" has data_offsets \(entry.dataOffsets), not [start, end]")
        }
        let start = entry.dataOffsets[0], end = entry.dataOffsets[1]
        guard start >= 0, start <= end, end <= dataSize else {
            throw refuse(.malformed, "tensor \"\(name)\" has data_offsets [\(start), \(end)] outside the data area (\(dataSize) bytes after the header): a truncated or corrupt file")
        }
        var bytes = dtype.byteCount
        for extent in entry.shape {
            let (product, overflow) = bytes.multipliedReportingOverflow(by: extent)
            guard !overflow else { throw refuse(.malformed, "tensor \"\(name)\" has shape \(entry.shape), too large to hold") }
            bytes = product
        }
        guard bytes == end - start else {
            throw refuse(.malformed, "tensor \"\(name)\": shape \(entry.shape) of \(dtype.rawValue) needs \(bytes) bytes but data_offsets [\(start), \(end)] span \(end - start)")
        }
        return SafetensorsTensor(name: name, dtype: dtype, shape: entry.shape, dataStart: start, dataEnd: end)
    }

    /// No two tensors share a byte, and together they fill the data area.
    static func requireDataAreaCovered(by tensors: [SafetensorsTensor], path: String, dataSize: Int) throws {
        func refuse(_ problem: String) -> CheckpointImportError { CheckpointImportError(.malformed, file: path, problem: problem) }
        let ordered = tensors.sorted { ($0.dataStart, $0.dataEnd, $0.name) < ($1.dataStart, $1.dataEnd, $1.name) }
        var covered = 0
        var previous: SafetensorsTensor?
        for tensor in ordered {
            if let previous, tensor.dataStart < previous.dataEnd {
                throw refuse("tensors \"\(previous.name)\" (bytes \(previous.dataStart)..<\(previous.dataEnd)) and \"\(tensor.name)\" (bytes \(tensor.dataStart)..<\(tensor.dataEnd)) overlap")
            }
            if tensor.dataStart > covered {
                throw refuse("bytes \(covered)..<\(tensor.dataStart) of the data area belong to no tensor (the reference implementation refuses such files too)")
            }
            covered = max(covered, tensor.dataEnd)
            previous = tensor
        }
        if covered != dataSize {
            throw refuse("\(dataSize - covered) bytes after the last tensor belong to no tensor (the reference implementation refuses such files too)")
        }
    }

    /// A decoding error in a few words, with the header path where it happened.
    static func describe(_ error: DecodingError) -> String {
        func where_(_ context: DecodingError.Context) -> String {
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? "" : " at \(path)"
        }
        switch error {
        case .typeMismatch(let type, let context):
            return "expected \(type == Int.self ? "an integer" : "\(type)")\(where_(context))"
        case .valueNotFound(_, let context):
            return "a value is missing\(where_(context))"
        case .keyNotFound(let key, let context):
            return "\"\(key.stringValue)\" is missing\(where_(context))"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not valid JSON" : "an invalid value\(where_(context))"
        @unknown default:
            return "not a valid header"
        }
    }
}
