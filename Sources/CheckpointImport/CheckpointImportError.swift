import HDF5

/// An input an import refuses: what kind of problem, the file and the one problem, for
/// one line on stderr (`lr-import: error: FILE: problem`).
public struct CheckpointImportError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A file, pattern, dataset, tensor or layer that is not there.
        case notFound
        /// A file that cannot be opened or read: permissions, a directory, a FIFO.
        case unreadable
        /// Not the format it was given as, or damaged: its bytes or structure do not decode.
        case malformed
        /// Read, but holding what an import does not take: pickles, integer or
        /// half-precision dtypes, layers other than dense ones, activations the run format lacks.
        case unsupported
        /// Inputs that do not fit together: checkpoints with different layers, a probe or
        /// targets of the wrong shape, two checkpoints with one step.
        case mismatch
        /// Something the files do not say and the command line must: the layers' order,
        /// the activations, the steps.
        case incomplete
        /// The run cannot be written where asked.
        case output
    }

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
        /// Save the weights as safetensors rather than pickles.
        case saveAsSafetensors
    }

    public var kind: Kind
    public var file: String
    public var problem: String
    public var remedy: Remedy?

    public init(_ kind: Kind, file: String, problem: String, remedy: Remedy? = nil) {
        self.kind = kind
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
            let kind: Kind = switch error.kind {
            case .notFound where prefix.isEmpty: .notFound
            case .notAFile, .permissionDenied: .unreadable
            default: .malformed
            }
            throw CheckpointImportError(kind, file: file, problem: "\(prefix)cannot \(error.operation): \(error.message)")
        }
    }
}
