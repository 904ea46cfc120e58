import Glibc

extension FileSystem {
    /// Creates `path` and every missing directory above it (mode 755), as `mkdir -p` does;
    /// existing directories are not an error. The error is the first directory's that failed.
    public static func createDirectories(_ path: String) throws(DirectoryError) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component
            if component != ".", component != ".." {
                do { try createDirectory(prefix) } catch { throw DirectoryError(directory: prefix, reason: error) }
            }
            prefix += "/"
        }
    }
}

/// A directory that could not be created, and why.
public struct DirectoryError: Error, Equatable, Sendable, CustomStringConvertible {
    public var directory: String
    public var reason: SystemError

    public var description: String { "\(directory): cannot create the directory (\(reason))" }
}
