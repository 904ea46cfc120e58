import Glibc

/// A failed system call's error number, with the operating system's description: the
/// kind callers branch on, as swift-system's `Errno`.
public struct SystemError: Error, Equatable, Sendable, CustomStringConvertible {
    public var code: Int32

    public init(code: Int32) { self.code = code }

    public static let noSuchFile = SystemError(code: ENOENT)
    public static let permissionDenied = SystemError(code: EACCES)
    public static let fileExists = SystemError(code: EEXIST)
    public static let isADirectory = SystemError(code: EISDIR)
    public static let notADirectory = SystemError(code: ENOTDIR)
    public static let interrupted = SystemError(code: EINTR)
    public static let crossDevice = SystemError(code: EXDEV)
    public static let notPermitted = SystemError(code: EPERM)

    /// The error of the call that just failed.
    static var current: SystemError { SystemError(code: errno) }

    /// "No such file or directory", in lower case as the tools' messages continue it.
    public var description: String {
        let text = String(cString: strerror(code))
        return text.prefix(1).lowercased() + text.dropFirst()
    }
}
