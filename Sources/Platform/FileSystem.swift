import Glibc

/// The file-system calls the tools make, each a thin checked wrapper.
public enum FileSystem {
    /// What a path names.
    public enum EntryKind: Sendable, Equatable {
        case regularFile, directory, other
    }

    /// What `path` names, following symbolic links.
    public static func kind(of path: String) throws(SystemError) -> EntryKind {
        var status = stat()
        guard stat(path, &status) == 0 else { throw .current }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return .regularFile
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    /// The size in bytes of the file at `path`.
    public static func size(of path: String) throws(SystemError) -> Int {
        var status = stat()
        guard stat(path, &status) == 0 else { throw .current }
        return Int(status.st_size)
    }

    public static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    public static func isReadable(_ path: String) -> Bool { access(path, R_OK) == 0 }

    /// Waits until the operating system has written the file open as `descriptor` to its
    /// disk, reporting a failure the writes themselves did not (an I/O error, a quota).
    public static func synchronize(descriptor: Int32) throws(SystemError) {
        while fsync(descriptor) != 0 {
            let error = SystemError.current
            guard error == .interrupted else { throw error }
        }
    }

    /// Removes a file; a missing one is not an error.
    public static func remove(_ path: String) { unlink(path) }

    /// Renames `source` to `destination`, replacing it atomically if it exists.
    public static func move(_ source: String, to destination: String) throws(SystemError) {
        guard rename(source, destination) == 0 else { throw .current }
    }

    /// Gives `source` the new name `destination` too (a hard link), failing with
    /// `.fileExists` rather than replacing an existing file.
    public static func link(_ source: String, to destination: String) throws(SystemError) {
        guard Glibc.link(source, destination) == 0 else { throw .current }
    }

    /// Creates a directory (mode 755); an existing directory is not an error.
    public static func createDirectory(_ path: String) throws(SystemError) {
        guard mkdir(path, 0o755) == 0 else {
            let error = SystemError.current
            if error == .fileExists, (try? kind(of: path)) == .directory { return }
            throw error
        }
    }

    /// The absolute path with every symbolic link resolved, when the path exists.
    public static func resolvedPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The paths matching a shell pattern (`ckpt/epoch-*.h5`), sorted by name; none when
    /// nothing matches.
    public static func paths(matching pattern: String) throws(SystemError) -> [String] {
        var matches = glob_t()
        defer { globfree(&matches) }
        switch glob(pattern, 0, nil, &matches) {
        case 0:
            return (0..<Int(matches.gl_pathc)).compactMap { matches.gl_pathv[$0].map { String(cString: $0) } }
        case GLOB_NOMATCH:
            return []
        default:
            throw SystemError(code: errno == 0 ? EIO : errno)
        }
    }

    /// The directory part of `path` ("" for a bare name) and its last component.
    public static func split(_ path: String) -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        return (String(path[...slash]), String(path[path.index(after: slash)...]))
    }
}
