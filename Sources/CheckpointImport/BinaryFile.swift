#if canImport(Glibc)
import Glibc
#endif

/// A regular file opened read-only for reading byte ranges at given offsets: the single
/// owner of its descriptor, which `deinit` closes.
///
/// Every read is checked against the size taken when the file was opened before
/// anything is allocated, so a length read from the file itself cannot make it allocate
/// more than the file holds.
final class BinaryFile {
    let path: String
    /// The size in bytes when the file was opened.
    let size: Int
    private let descriptor: Int32

    /// Opens `path`, refusing anything but a regular file: a FIFO or a device could make
    /// reading block for ever or never end.
    init(path: String) throws {
        self.path = path
        // O_NONBLOCK: opening a FIFO must not wait for a writer; for regular files it
        // changes nothing.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            throw CheckpointImportError(file: path, problem: BinaryFile.describe(errno: errno))
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let problem = BinaryFile.describe(errno: errno)
            close(descriptor)
            throw CheckpointImportError(file: path, problem: problem)
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            let kind = (status.st_mode & S_IFMT) == S_IFDIR ? "a directory, not a file" : "not a regular file"
            throw CheckpointImportError(file: path, problem: kind)
        }
        self.descriptor = descriptor
        self.size = Int(status.st_size)
    }

    deinit { close(descriptor) }

    /// The `count` bytes at `offset`; throws if they do not all lie inside the file.
    func bytes(at offset: Int, count: Int) throws -> [UInt8] {
        let (end, overflow) = offset.addingReportingOverflow(count)
        guard offset >= 0, count >= 0, !overflow, end <= size else {
            throw CheckpointImportError(
                file: path, problem: "truncated: bytes \(offset)..<\(overflow ? Int.max : end) lie past its end (\(size) bytes)")
        }
        if count == 0 { return [] }
        return try [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var done = 0
            while done < count {
                let got = pread(descriptor, buffer.baseAddress! + done, count - done, off_t(offset + done))
                if got < 0 {
                    if errno == EINTR { continue }
                    throw CheckpointImportError(file: path, problem: "read failed: \(String(cString: strerror(errno)))")
                }
                if got == 0 {
                    throw CheckpointImportError(file: path, problem: "truncated while being read (did it change after it was opened?)")
                }
                done += got
            }
            initialized = count
        }
    }

    static func describe(errno code: Int32) -> String {
        switch code {
        case ENOENT: "no such file"
        case EACCES: "permission denied"
        case EISDIR: "a directory, not a file"
        default: "cannot open it: \(String(cString: strerror(code)))"
        }
    }

    /// Throws unless `path` names an existing regular file (checked without opening it).
    static func requireRegularFile(_ path: String) throws {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw CheckpointImportError(file: path, problem: describe(errno: errno))
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            let kind = (status.st_mode & S_IFMT) == S_IFDIR ? "a directory, not a file" : "not a regular file"
            throw CheckpointImportError(file: path, problem: kind)
        }
        guard access(path, R_OK) == 0 else { throw CheckpointImportError(file: path, problem: "permission denied") }
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
