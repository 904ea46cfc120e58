import Platform

/// A failure of an HDF5 operation.
///
/// Every failure in this module, whether detected by the HDF5 C library or by
/// the argument checks made before calling it, is thrown as an `HDF5Error`
/// that names what was attempted, on which object of which file, and why it
/// failed, so that a message shown to a user is enough to locate the problem:
///
///     run.h5:/weights/0/weight: cannot open dataset: component not found
///
/// Its `kind`, mapped from HDF5's error classes, is what callers branch on.
public struct HDF5Error: Error, CustomStringConvertible, Sendable, Equatable {
    /// What went wrong, in classes a caller can act on.
    public enum Kind: Sendable, Equatable {
        /// The file, or an object in it, does not exist.
        case notFound
        /// The path is not a regular file (a directory, for example).
        case notAFile
        /// The operating system refused access.
        case permissionDenied
        /// The file exists but is not an HDF5 file (no signature, or empty).
        case notHDF5
        /// The file ends before the data its metadata describes.
        case truncated
        /// Metadata or chunk data failed a checksum or could not be decoded.
        case damaged
        /// The superblock says a writer has the file open (or was killed before closing it).
        case markedOpenForWriting
        /// Creating refused: the file or object already exists.
        case alreadyExists
        /// The object, or its file, was closed.
        case closed
        /// The operating system refused to write (a full disk, a quota, an I/O error):
        /// `systemError` says which. The file is written no further (`HDF5File`).
        case writeFailed
        /// Another process holds HDF5's lock on the file (it has the file open for writing,
        /// or for reading while this process asks to write).
        case locked
        /// The path or the data leads to another file (an external link, external raw
        /// storage, a virtual dataset's source), which the file was not opened to follow.
        case external
        /// A call this module refused before reaching HDF5: a bad shape, size, type or mode.
        case invalidArgument
        /// Any other failure HDF5 reported.
        case other
    }

    /// What went wrong, in classes a caller can act on.
    public var kind: Kind
    /// What was being attempted, as a verb phrase: `"open dataset"`.
    public var operation: String
    /// The file path and the object path inside it, separated by a colon:
    /// `"run.h5:/weights/0/weight"`.
    public var path: String
    /// Why it failed: the most specific description from HDF5's error stack,
    /// or the description of the argument check that refused the call.
    public var message: String
    /// The operating system's error behind the failure, when HDF5 reported one.
    public var systemError: SystemError?

    public init(_ kind: Kind, operation: String, path: String, message: String, systemError: SystemError? = nil) {
        self.kind = kind
        self.operation = operation
        self.path = path
        self.message = message
        self.systemError = systemError
    }

    /// One line: `"\(path): cannot \(operation): \(message)"`.
    public var description: String {
        "\(path): cannot \(operation): \(message)"
    }
}

/// Where an object lives, for error messages: a file path and an absolute
/// object path inside that file.
struct HDF5Location: Sendable {
    var filePath: String
    var objectPath: String

    /// `"file.h5:/group/dataset"`.
    var description: String { "\(filePath):\(objectPath)" }

    /// The location of `path` resolved against this one: absolute paths are
    /// taken from the root, relative ones from this object.
    func appending(_ path: String) -> HDF5Location {
        HDF5Location(filePath: filePath, objectPath: HDF5Path.join(objectPath, path))
    }

    /// A failure this module detected itself, before or instead of calling HDF5.
    func error(
        _ operation: String, _ message: String, kind: HDF5Error.Kind = .invalidArgument, systemError: SystemError? = nil
    ) -> HDF5Error {
        HDF5Error(kind, operation: operation, path: description, message: message, systemError: systemError)
    }
}

/// Object path manipulation. HDF5 paths are `/`-separated; a leading `/`
/// means the root of the file.
enum HDF5Path {
    /// The non-empty components of `path`.
    static func components(_ path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }

    static func isAbsolute(_ path: String) -> Bool { path.hasPrefix("/") }

    /// `base` followed by `path`, normalized to an absolute path without
    /// empty components; an absolute `path` replaces `base`.
    static func join(_ base: String, _ path: String) -> String {
        let parts = isAbsolute(path) ? components(path) : components(base) + components(path)
        return "/" + parts.joined(separator: "/")
    }

    /// The path to hand to the C library, relative to the object it is
    /// resolved from (or absolute), without redundant slashes.
    static func normalized(_ path: String) -> String {
        let parts = components(path).joined(separator: "/")
        return isAbsolute(path) ? "/" + parts : parts
    }
}
