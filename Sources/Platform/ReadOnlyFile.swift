import Glibc

/// A regular file opened read-only for reading byte ranges at given offsets: the single
/// owner of its descriptor, which `deinit` closes.
///
/// Reads are checked against the size taken when the file was opened before anything is
/// allocated, so a length read from the file itself cannot make the reader allocate more
/// than the file holds.
public final class ReadOnlyFile {
    /// Why a read could not be done.
    public enum Failure: Error, Equatable, Sendable {
        /// The operating system refused the call.
        case system(SystemError)
        /// Not a regular file: a FIFO or a device could block or never end.
        case notARegularFile(isDirectory: Bool)
        /// The bytes asked for lie past the end the file had when it was opened.
        case pastTheEnd(offset: Int, count: Int, size: Int)
        /// The file became shorter while it was read.
        case shrank
    }

    public let path: String
    /// The size in bytes when the file was opened.
    public let size: Int
    private let descriptor: Int32

    public init(path: String) throws(Failure) {
        self.path = path
        // O_NONBLOCK: opening a FIFO must not wait for a writer; for regular files it changes nothing.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw .system(.current) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let error = SystemError.current
            close(descriptor)
            throw .system(error)
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw .notARegularFile(isDirectory: status.st_mode & S_IFMT == S_IFDIR)
        }
        self.descriptor = descriptor
        size = Int(status.st_size)
    }

    deinit { close(descriptor) }

    /// The `count` bytes at `offset`.
    public func bytes(at offset: Int, count: Int) throws(Failure) -> [UInt8] {
        let (end, overflow) = offset.addingReportingOverflow(count)
        guard offset >= 0, count >= 0, !overflow, end <= size else {
            throw .pastTheEnd(offset: offset, count: count, size: size)
        }
        if count == 0 { return [] }
        var failure: Failure?
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var done = 0
            while done < count {
                let got = pread(descriptor, buffer.baseAddress! + done, count - done, off_t(offset + done))
                if got < 0 && errno == EINTR { continue }
                if got <= 0 {
                    failure = got < 0 ? .system(.current) : .shrank
                    break
                }
                done += got
            }
            initialized = failure == nil ? count : 0
        }
        if let failure { throw failure }
        return bytes
    }

    /// The whole file.
    public func allBytes() throws(Failure) -> [UInt8] { try bytes(at: 0, count: size) }
}
