import HDF5

/// A run file that cannot be read as run format v1: the file, what kind of failure, and
/// the first problem (with how many more there are).
public struct RunFormatError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable, Equatable {
        /// No file at the path.
        case notFound
        /// A directory, or a file the user may not read or write.
        case inaccessible
        /// Not an HDF5 file at all.
        case notHDF5
        /// Cut short, or a checksum or structure that does not decode.
        case damaged
        /// An HDF5 file, but not a local-rank run of this version.
        case notARun
        /// A run whose contents break the schema, or a request it cannot satisfy.
        case invalid
        /// Creating the file failed: it exists and was not to be replaced.
        case alreadyExists
        /// The operating system refused to write the file (a full disk, a quota, an I/O
        /// error); what was committed before is kept.
        case writeFailed
        /// Another process has the file open for writing.
        case busy
        /// The file points into other files (external links, external raw storage, virtual
        /// datasets), which were not to be read.
        case external
    }

    public var kind: Kind
    public var file: String
    public var problem: String
    /// Problems found besides `problem` (`RunValidator` reports them all).
    public var additionalProblems: Int

    public init(_ kind: Kind = .invalid, file: String, problem: String, additionalProblems: Int = 0) {
        self.kind = kind
        self.file = file
        self.problem = problem
        self.additionalProblems = additionalProblems
    }

    public var description: String {
        switch additionalProblems {
        case 0: "\(file): \(problem)"
        case 1: "\(file): \(problem) (and 1 more problem)"
        default: "\(file): \(problem) (and \(additionalProblems) more problems)"
        }
    }
}

extension RunFormatError {
    /// Runs `body`, turning the HDF5 wrapper's errors into run-format errors about `file`.
    /// `followingWriter`: the file is read while a writer may be appending to it (SWMR),
    /// so a damaged object may also be one that is half written.
    public static func reading<T>(_ file: String, followingWriter: Bool = false, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as RunFormatError {
            throw error
        } catch let error as HDF5Error {
            throw RunFormatError(hdf5: error, file: file, followingWriter: followingWriter)
        }
    }

    /// The run-format view of an HDF5 failure on `file`.
    public init(hdf5 error: HDF5Error, file: String, followingWriter: Bool = false) {
        let object = error.path.split(separator: ":", maxSplits: 1).dropFirst().first.map { String($0) } ?? ""
        let at = object.isEmpty || object == "/" ? "" : " at \(object)"
        switch error.kind {
        case .notFound where object.isEmpty || object == "/":
            self.init(.notFound, file: file, problem: "no such file")
        case .notAFile:
            self.init(.inaccessible, file: file, problem: "not a regular file")
        case .permissionDenied:
            self.init(.inaccessible, file: file, problem: "permission denied")
        case .notHDF5:
            self.init(.notHDF5, file: file, problem: "not an HDF5 file (\(error.message))")
        case .truncated:
            self.init(.damaged, file: file, problem: "the file is truncated (\(error.message))")
        case .damaged:
            let what = followingWriter ? "the file is damaged, or was read while being written" : "the file is damaged"
            self.init(.damaged, file: file, problem: "\(what)\(at) (\(error.message))")
        case .alreadyExists:
            self.init(.alreadyExists, file: file, problem: "already exists")
        case .writeFailed:
            self.init(.writeFailed, file: file, problem: "cannot write it (\(error.message))")
        case .locked:
            self.init(.busy, file: file, problem: "another process has it open (HDF5's file lock)")
        case .external:
            self.init(.external, file: file, problem: "\(object.isEmpty ? "" : object + ": ")\(error.message)")
        default:
            self.init(.invalid, file: file, problem: "\(object.isEmpty ? "" : object + ": ")cannot \(error.operation): \(error.message)")
        }
    }

    /// The first of `problems`, counting the others.
    init(problems: [RunValidator.Problem], file: String, followingWriter: Bool) {
        let first = problems[0]
        guard !first.isUnreadable else {
            // Further problems are most likely the same damage seen from elsewhere.
            let what = followingWriter ? "the file is damaged, or was read while being written" : "the file is damaged"
            self.init(.damaged, file: file, problem: "\(what) at \(first.path) (\(first.message))")
            return
        }
        let kind: Kind = first.path.hasPrefix("/@format") ? .notARun : first.isExternal ? .external : .invalid
        self.init(kind, file: file, problem: first.description, additionalProblems: problems.count - 1)
    }
}
