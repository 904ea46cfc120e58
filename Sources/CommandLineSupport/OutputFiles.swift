import Platform

/// An output file (a chart, a table) that could not be written.
public struct OutputFileError: Error, CustomStringConvertible {
    public var path: String
    public var reason: SystemError

    public var description: String { "\(path): cannot write it (\(reason))" }

    public init(path: String, reason: SystemError) {
        self.path = path
        self.reason = reason
    }
}

/// Writes `text` to `path` through a staged file: a reader never sees half of it. Missing
/// directories above it are created.
public func writeOutputFile(_ text: String, to path: String) throws {
    try createParentDirectories(of: path)
    do {
        try StagedFile.write(text, to: path)
    } catch {
        throw OutputFileError(path: path, reason: error)
    }
}

/// Creates the missing directories above an output file, as `mkdir -p` would: every tool
/// does this for every path it writes (`--out runs/gauss.h5` in a fresh clone).
public func createParentDirectories(of path: String) throws(DirectoryError) {
    let directory = FileSystem.split(path).directory
    guard !directory.isEmpty, directory != "/" else { return }
    try FileSystem.createDirectories(String(directory.dropLast()))
}
