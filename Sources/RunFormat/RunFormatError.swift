import HDF5

/// A run file that cannot be read as run format v1: the file and the one problem.
public struct RunFormatError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var problem: String

    public init(file: String, problem: String) {
        self.file = file
        self.problem = problem
    }

    public var description: String { "\(file): \(problem)" }
}

extension RunFormatError {
    /// Runs `body`, turning the HDF5 wrapper's errors into run-format errors about `file`.
    public static func reading<T>(_ file: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as RunFormatError {
            throw error
        } catch let error as HDF5Error {
            throw RunFormatError(file: file, problem: "\(error.path.isEmpty ? "" : error.path + ": ")cannot \(error.operation): \(error.message)")
        }
    }
}
