import Glibc

/// A file written by appending, each `append` waited for on the disk (`fsync`), so that a
/// reader following it (TensorBoard, `tail -f`) sees whole appends and a crash loses none
/// that returned. Closed when released.
public final class AppendingFile {
    public let path: String
    private var descriptor: Int32

    /// Creates `path`, truncating a file already there.
    public init(creating path: String) throws(SystemError) {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .current }
    }

    deinit { if descriptor >= 0 { Glibc.close(descriptor) } }

    /// Writes `bytes` at the end and waits for the disk: a full disk, a quota or an I/O error
    /// is thrown, whichever call reports it.
    public func append(_ bytes: [UInt8]) throws(SystemError) {
        try bytes.withUnsafeBufferPointer { buffer throws(SystemError) in
            try writeAll(descriptor: descriptor, buffer)
        }
        try FileSystem.synchronize(descriptor: descriptor)
    }

    /// Closes the file, reporting what the close reports. Safe to call more than once.
    public func close() throws(SystemError) {
        guard descriptor >= 0 else { return }
        defer { descriptor = -1 }
        guard Glibc.close(descriptor) == 0 else { throw .current }
    }
}

/// Writes every byte of `bytes` to `descriptor`, retrying short and interrupted writes.
func writeAll(descriptor: Int32, _ bytes: UnsafeBufferPointer<UInt8>) throws(SystemError) {
    var offset = 0
    while offset < bytes.count {
        let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
        if written < 0 && errno == EINTR { continue }
        guard written > 0 else { throw written < 0 ? .current : SystemError(code: EIO) }
        offset += written
    }
}
