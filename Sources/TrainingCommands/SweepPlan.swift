import CommandLineSupport
import Platform
import RealModule

/// One setting a sweep varies: a flag of `lr-train train` and the values it takes.
public struct GridAxis: Sendable, Equatable, Codable {
    /// The flag's name without dashes: `weight-decay`.
    public var name: String
    /// The values as given (`1e-3`), which the run files' names repeat.
    public var values: [String]

    /// `NAME=V1,V2,…` or `NAME=logspace:LOW:HIGH:COUNT`.
    public init(parsing text: String) throws(GridError) {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
            throw GridError(.invalidSpecification, "--grid '\(text)' is not NAME=VALUES, like weight-decay=0,1e-3")
        }
        var name = String(text[..<equals])
        if name.hasPrefix("--") { name.removeFirst(2) }
        let values = try Self.values(String(text[text.index(after: equals)...]), for: text)
        guard ["seed", "out", "resume", "force"].allSatisfy({ $0 != name }) else {
            throw GridError(.unknownSetting, "--grid \(name): \(name == "seed" ? "give seeds with --seeds" : "--\(name) is not a training setting")")
        }
        self.name = name
        self.values = values
    }

    init(name: String, values: [String]) {
        self.name = name
        self.values = values
    }

    /// `--betas SPEC`: the β axis, at full single precision as earlier sweeps trained with.
    public init(betas text: String) throws(GridError) {
        name = "beta"
        values = try Self.values(text, for: "beta=\(text)", digits: 9)
        guard values.allSatisfy({ (Double($0) ?? -1) >= 0 }) else {
            throw GridError(.invalidSpecification, "--betas '\(text)' is not logspace:LOW:HIGH:COUNT or a list of non-negative numbers")
        }
    }

    /// A comma-separated list, or COUNT values evenly spaced on a log axis, written with
    /// `digits` significant digits (the values trained with are the values named).
    static func values(_ text: String, for spec: String, digits: Int = 3) throws(GridError) -> [String] {
        if text.hasPrefix("logspace:") {
            let parts = text.dropFirst(9).split(separator: ":").map { Double($0) }
            guard parts.count == 3, let low = parts[0], let high = parts[1], let count = parts[2],
                  low > 0, high > low, count >= 2, count == count.rounded(), count <= 1000
            else { throw GridError(.invalidSpecification, "--grid '\(spec)': logspace takes LOW:HIGH:COUNT with 0 < LOW < HIGH and COUNT ≥ 2") }
            let n = Int(count)
            let logLow = Double.log(low), logHigh = Double.log(high)
            return (0..<n).map { formatted(Double.exp(logLow + (logHigh - logLow) * Double($0) / Double(n - 1)), "%.\(digits)g") }
        }
        let values = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard !values.isEmpty, values.allSatisfy({ !$0.isEmpty }) else { throw GridError(.invalidSpecification, "--grid '\(spec)' has an empty value") }
        guard Set(values).count == values.count else { throw GridError(.invalidSpecification, "--grid '\(spec)' repeats a value") }
        return values
    }
}

/// A sweep that cannot be run as asked: what kind of problem, and the line that tells it.
public struct GridError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A --grid or --betas value that does not parse.
        case invalidSpecification
        /// A --grid setting that lr-train train does not have, or that a sweep sets itself.
        case unknownSetting
        /// Settings of a run that lr-train train refuses.
        case invalidSetting
        /// No runs to make, a setting varied twice, or two runs that would share a file.
        case invalidPlan
        /// The directory holds runs or the manifest of an earlier sweep: --resume or --force decide.
        case earlierSweep
        /// The manifest in the directory describes another sweep.
        case otherSweep
        /// The manifest in the directory cannot be read.
        case unreadableManifest
    }

    public var kind: Kind
    public var description: String

    public init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }
}

extension GridAxis {
    /// `--grid`'s value, parsed where the command line is read.
    static func option(parsing text: String) throws(OptionValueError) -> GridAxis {
        do { return try GridAxis(parsing: text) } catch { throw OptionValueError(error.description) }
    }

    /// `--betas`' value, parsed where the command line is read.
    static func option(betas text: String) throws(OptionValueError) -> GridAxis {
        do { return try GridAxis(betas: text) } catch { throw OptionValueError(error.description) }
    }
}

/// `--seeds 0-4` or `--seeds 0,3,7`.
public struct SeedList: Sendable, Equatable {
    public var seeds: [UInt64]

    /// `--seeds`' value, parsed where the command line is read.
    static func option(_ text: String) throws(OptionValueError) -> SeedList {
        guard let list = SeedList(argument: text) else {
            throw OptionValueError("--seeds '\(text)' is not a range like 0-4 or a list of distinct seeds like 0,3,7")
        }
        return list
    }

    public init?(argument: String) {
        let bounds = argument.split(separator: "-", omittingEmptySubsequences: false)
        if bounds.count == 2, let low = UInt64(bounds[0]), let high = UInt64(bounds[1]), low <= high, high - low < 10_000 {
            seeds = Array(low...high)
            return
        }
        let values = argument.split(separator: ",", omittingEmptySubsequences: false).map { UInt64($0) }
        guard !values.isEmpty, values.allSatisfy({ $0 != nil }), Set(values).count == values.count else { return nil }
        seeds = values.map { $0! }
    }
}

/// One run of a sweep: the settings that single it out, the flags that give them, and its file.
public struct SweepRun: Sendable, Equatable, Codable {
    /// Axis name → value (`seed` last when the sweep varies seeds).
    public var settings: [String: String]
    /// The file's name, made of the settings: `weight-decay-1e-3_seed-0.h5`.
    public var file: String
    /// The `lr-train train` flags that give this run its settings.
    public var arguments: [String]
}

/// Every run of a sweep: the product of the grid's axes and the seeds, in a fixed order.
public struct SweepPlan: Sendable, Equatable {
    public var axes: [GridAxis]
    public var seeds: [UInt64]?
    public var runs: [SweepRun]

    public init(axes: [GridAxis], seeds: [UInt64]?) throws(GridError) {
        guard !axes.isEmpty || seeds != nil else { throw GridError(.invalidPlan, "a sweep needs --grid, --betas or --seeds") }
        guard Set(axes.map(\.name)).count == axes.count else { throw GridError(.invalidPlan, "--grid names a setting twice") }
        self.axes = axes
        self.seeds = seeds
        var cells: [[(name: String, value: String, fileValue: String)]] = [[]]
        for axis in axes {
            cells = cells.flatMap { cell in axis.values.map { cell + [(axis.name, $0, Self.fileValue(axis.name, $0))] } }
        }
        if let seeds {
            cells = cells.flatMap { cell in seeds.map { cell + [("seed", "\($0)", "\($0)")] } }
        }
        runs = cells.map { cell in
            SweepRun(settings: Dictionary(uniqueKeysWithValues: cell.map { ($0.name, $0.value) }),
                     file: cell.map { "\($0.name)-\($0.fileValue)" }.joined(separator: "_") + ".h5",
                     arguments: cell.flatMap { ["--\($0.name)", $0.value] })
        }
        if Set(runs.map(\.file)).count != runs.count {
            throw GridError(.invalidPlan, "two runs of the sweep would have the same file name; give values that differ as text")
        }
    }

    /// β keeps the fixed-width name earlier sweeps used (`beta-1.00e-03.h5`); other values
    /// appear as given, with characters a file name should not hold replaced.
    static func fileValue(_ name: String, _ value: String) -> String {
        if name == "beta", let number = Double(value) { return formatted(number, "%.2e") }
        return String(value.map { $0.isLetter || $0.isNumber || "+-.".contains($0) ? $0 : "_" })
    }
}
