/// An option's value that does not parse, told in full: `--eps must be positive, not
/// -1e-3`. Thrown by the parsers that turn an option's text into its type (`@Option(transform:)`),
/// so that each value is parsed once, where the command line is read.
///
/// ArgumentParser keeps such an error inside its own (`The value '-1e-3' is invalid for
/// '--eps <list>': …`); the usage line shows this message alone.
public struct OptionValueError: Error, CustomStringConvertible, Sendable, Equatable {
    public var description: String

    public init(_ description: String) { self.description = description }

    /// The `OptionValueError` inside an error of ArgumentParser's, found by reflection: its
    /// error types are internal, and hold the transform's error as a stored value.
    static func find(in error: any Error, depth: Int = 0) -> OptionValueError? {
        find(inValue: error, depth: depth)
    }

    private static func find(inValue value: Any, depth: Int) -> OptionValueError? {
        if let found = value as? OptionValueError { return found }
        guard depth < 8 else { return nil }
        for child in Mirror(reflecting: value).children {
            if let found = find(inValue: child.value, depth: depth + 1) { return found }
        }
        return nil
    }
}
