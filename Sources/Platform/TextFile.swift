import Glibc

/// Whole text files, written with checked C calls.
public enum TextFile {
    /// Creates or truncates `path` and writes `text`, reporting a full disk.
    public static func write(_ text: String, to path: String) throws(SystemError) {
        guard let handle = fopen(path, "w") else { throw .current }
        var text = text
        let written = text.withUTF8 { fwrite($0.baseAddress, 1, $0.count, handle) }
        let failed = written != text.utf8.count ? SystemError.current : nil
        let closed = fclose(handle) == 0 ? nil : SystemError.current
        if let error = failed ?? closed { throw error }
    }
}
