import _ZlibShims

/// Whole files read through zlib's gz reader, which takes gzip-compressed and plain files
/// alike.
enum GzipFile {
    /// Whether `path` names a file this process may read.
    static func isReadable(_ path: String) -> Bool { access(path, R_OK) == 0 }

    /// The file's bytes, decompressed when it is gzip-compressed.
    static func bytes(at path: String) throws -> [UInt8] {
        guard let file = gzopen(path, "rb") else { throw DatasetError(.unreadable, path: path, problem: "cannot open") }
        defer { gzclose(file) }
        var bytes = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { gzread(file, $0.baseAddress, UInt32($0.count)) }
            if count < 0 { throw DatasetError(.malformed, path: path, problem: "corrupt gzip stream") }
            if count == 0 { break }
            bytes += buffer[0..<Int(count)]
        }
        return bytes
    }
}
