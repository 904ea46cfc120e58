import HDF5

/// An input that `lr-import` refuses: the file and the one problem, for one line on stderr
/// (`lr-import: error: FILE: problem`).
public struct CheckpointImportError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What the user can give to get past the problem, for the command line to word.
    public enum Remedy: Sendable, Equatable {
        /// Choose the layers and their order explicitly.
        case chooseLayers
        /// Give the hidden layers' activations.
        case giveActivations
        /// Use the activations the file records.
        case omitActivations
        /// Give each checkpoint's step.
        case giveSteps
        /// Allow replacing the output.
        case overwrite
        /// Write the run somewhere else.
        case otherOutput
        /// Allow reading data the file keeps in other files.
        case allowExternal
    }

    public var file: String
    public var problem: String
    public var remedy: Remedy?

    public init(file: String, problem: String, remedy: Remedy? = nil) {
        self.file = file
        self.problem = problem
        self.remedy = remedy
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
            if error.kind == .external {
                throw CheckpointImportError(file: file, problem: "\(prefix)\(error.message)", remedy: .allowExternal)
            }
            throw CheckpointImportError(file: file, problem: "\(prefix)cannot \(error.operation): \(error.message)")
        }
    }
}
