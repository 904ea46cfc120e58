import HDF5

/// An input that `lr-import` refuses: the file and the one problem, for one line on stderr
/// (`lr-import: error: FILE: problem`).
public struct CheckpointImportError: Error, CustomStringConvertible, Sendable, Equatable {
    public var file: String
    public var problem: String

    public init(file: String, problem: String) {
        self.file = file
        self.problem = problem
    }

    public var description: String { file.isEmpty ? problem : "\(file): \(problem)" }
}

extension CheckpointImportError {
    /// Runs `body`, turning the HDF5 wrapper's errors into import errors about `file`
    /// (the object path inside the file is kept, the file name is not repeated).
    static func reading<T>(_ file: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as CheckpointImportError {
            throw error
        } catch let error as HDF5Error {
            var location = error.path
            if location.hasPrefix(file + ":") { location.removeFirst(file.count + 1) }
            let prefix = location.isEmpty || location == "/" ? "" : location + ": "
            throw CheckpointImportError(file: file, problem: "\(prefix)cannot \(error.operation): \(error.message)")
        }
    }
}
