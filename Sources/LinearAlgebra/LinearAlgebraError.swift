/// A LAPACK routine reported failure through its `info` code.
public struct LinearAlgebraError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The LAPACK routine, e.g. `"gesdd"`.
    public var routine: String
    /// LAPACK's `info`: negative for an illegal argument, positive for a numerical failure.
    public var info: Int
    public init(routine: String, info: Int) {
        self.routine = routine
        self.info = info
    }

    public var description: String {
        if info < 0 {
            return "LAPACK \(routine): argument \(-info) had an illegal value"
        }
        switch routine {
        case "potrf": return "LAPACK potrf: the matrix is not positive definite (leading minor \(info))"
        case "gesdd", "syevd": return "LAPACK \(routine): the algorithm failed to converge (info \(info))"
        case "sytrf": return "LAPACK sytrf: D(\(info),\(info)) is exactly zero; the matrix is singular"
        default: return "LAPACK \(routine) failed with info \(info)"
        }
    }

    @usableFromInline
    static func check(_ info: Int32, _ routine: String) throws {
        if info != 0 { throw LinearAlgebraError(routine: routine, info: Int(info)) }
    }
}
