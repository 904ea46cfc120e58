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
            do throws(SystemError) { try writeAll(descriptor: descriptor, bytes) } catch { failure = error }
        }
        if failure == nil {
            do throws(SystemError) { try FileSystem.synchronize(descriptor: descriptor) } catch { failure = error }
        }
        let closed = close(descriptor) == 0 ? nil : SystemError.current
        if let error = failure ?? closed { throw error }
    }
}
