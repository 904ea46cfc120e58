import Platform

/// A checkpoint or probe file read by byte ranges (`ReadOnlyFile`), with failures told
/// as import errors naming the file.
final class BinaryFile {
    private let file: ReadOnlyFile

    var path: String { file.path }
    /// The size in bytes when the file was opened.
    var size: Int { file.size }

    init(path: String) throws {
        do {
            file = try ReadOnlyFile(path: path)
        } catch {
            throw CheckpointImportError(BinaryFile.kind(of: error), file: path, problem: BinaryFile.describe(error))
        }
    }

    /// The `count` bytes at `offset`; throws if they do not all lie inside the file.
    func bytes(at offset: Int, count: Int) throws -> [UInt8] {
        do {
            return try file.bytes(at: offset, count: count)
        } catch {
            throw CheckpointImportError(BinaryFile.kind(of: error), file: path, problem: BinaryFile.describe(error))
        }
    }

    /// A missing file is `notFound`, one that cannot be read `unreadable`, and one shorter
    /// than its contents say `malformed`.
    static func kind(of failure: ReadOnlyFile.Failure) -> CheckpointImportError.Kind {
        switch failure {
        case .system(let error): error == .noSuchFile ? .notFound : .unreadable
        case .notARegularFile: .unreadable
        case .pastTheEnd, .shrank: .malformed
        }
    }

    static func describe(_ failure: ReadOnlyFile.Failure) -> String {
        switch failure {
        case .system(let error): describe(error)
        case .notARegularFile(let isDirectory): isDirectory ? "a directory, not a file" : "not a regular file"
        case .pastTheEnd(let offset, let count, let size):
            "truncated: bytes \(offset)..<\(offset.addingReportingOverflow(count).overflow ? Int.max : offset + count) lie past its end (\(size) bytes)"
        case .shrank: "truncated while being read (did it change after it was opened?)"
        }
    }

    static func describe(_ error: SystemError) -> String {
        switch error {
        case .noSuchFile: "no such file"
        case .permissionDenied: "permission denied"
        case .isADirectory: "a directory, not a file"
        default: "cannot open it: \(error)"
        }
    }

    /// Throws unless `path` names an existing, readable regular file (checked without opening it).
    static func requireRegularFile(_ path: String) throws {
        let kind: FileSystem.EntryKind
        do {
            kind = try FileSystem.kind(of: path)
        } catch {
            throw CheckpointImportError(error == .noSuchFile ? .notFound : .unreadable, file: path, problem: describe(error))
        }
        guard kind == .regularFile else {
            throw CheckpointImportError(.unreadable, file: path, problem: kind == .directory ? "a directory, not a file" : "not a regular file")
        }
        guard FileSystem.isReadable(path) else { throw CheckpointImportError(.unreadable, file: path, problem: "permission denied") }
    }
}

/// Little-endian numbers from a byte array.
extension Array where Element == UInt8 {
    /// The bytes read as `count` little-endian values of `T` (a fixed-width integer), one
    /// bulk copy on little-endian machines.
    func littleEndianValues<T: FixedWidthInteger>(_ type: T.Type, count: Int) -> [T] {
        precondition(self.count >= count * MemoryLayout<T>.size)
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            withUnsafeBytes { raw in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[0..<(count * MemoryLayout<T>.size)]))
            }
            if T(littleEndian: 1) != 1 {
                for i in 0..<count { buffer[i] = T(littleEndian: buffer[i]) }
            }
            initialized = count
        }
    }

    func littleEndianUInt64(at index: Int) -> UInt64 {
        (0..<8).reduce(UInt64(0)) { $0 | UInt64(self[index + $1]) << (8 * UInt64($1)) }
    }

    func littleEndianUInt32(at index: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(self[index + $1]) << (8 * UInt32($1)) }
    }

    func littleEndianUInt16(at index: Int) -> UInt16 {
        UInt16(self[index]) | UInt16(self[index + 1]) << 8
    }
}
