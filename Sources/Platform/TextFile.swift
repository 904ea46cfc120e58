import Glibc

/// Whole text files, written with checked system calls.
public enum TextFile {
    /// Creates or truncates `path` and writes `text`, then waits for the disk (`fsync`):
    /// a full disk, a quota or an I/O error is thrown, whichever call reports it.
    public static func write(_ text: String, to path: String) throws(SystemError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .current }
        var failure: SystemError?
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else {
                    failure = written < 0 ? .current : SystemError(code: EIO)
                    return
                }
                offset += written
            }
        }
        if failure == nil {
            do throws(SystemError) { try FileSystem.synchronize(descriptor: descriptor) } catch { failure = error }
        }
        let closed = close(descriptor) == 0 ? nil : SystemError.current
        if let error = failure ?? closed { throw error }
    }
}
