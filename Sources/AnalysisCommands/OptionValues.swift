import CommandLineSupport
import LocalRank

// lr-analyze's option values, each parsed once where the command line is read
// (`@Option(transform:)`), with the one line that tells a bad value.

/// `--eps 1e-2,1e-3`: positive thresholds, one table each.
struct Thresholds: Sendable, Equatable {
    var values: [Double]

    init(values: [Double]) { self.values = values }

    init(option text: String) throws(OptionValueError) {
        values = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let value = Double(part.trimmingCharacters(in: .whitespaces)), value.isFinite else {
                throw OptionValueError("--eps '\(part)' is not a positive number")
            }
            guard value > 0 else { throw OptionValueError("--eps must be positive, not \(part)") }
            values.append(value)
        }
    }
}

/// `--layers all` or `--layers 0,2`: the analyzed layers to report, by index.
enum LayerSelection: Sendable, Equatable {
    case all
    case indices([Int])

    init(option text: String) throws(OptionValueError) {
        if text == "all" { self = .all; return }
        let indices = text.split(separator: ",", omittingEmptySubsequences: false).map { Int($0) }
        guard !indices.isEmpty, indices.allSatisfy({ ($0 ?? -1) >= 0 }) else {
            throw OptionValueError("--layers '\(text)' is not 'all' or a list of layer indices like 0,2")
        }
        self = .indices(indices.map { $0! })
    }
}

extension CheckpointSelection {
    /// `--checkpoints all`, `last`, or steps and ranges like `0,1000-5000`.
    init(option text: String) throws(OptionValueError) {
        guard let selection = CheckpointSelection(parsing: text) else {
            throw OptionValueError("--checkpoints '\(text)' is not all, last, or a list of steps and ranges like 0,1000-5000")
        }
        self = selection
    }
}

extension GroupingSettings {
    /// `--by weight-decay,lr`: setting names, none empty.
    init(option text: String) throws(OptionValueError) {
        let names = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard !names.contains(where: \.isEmpty) else {
            throw OptionValueError("--by '\(text)' is not a comma-separated list of setting names")
        }
        self.init(names: names)
    }
}

/// Something the request names that the runs given do not have.
public struct UnavailableRequest: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// `--layers` names a layer past the run's last.
        case layer(Int, layerCount: Int)
        /// `--by` was given analysis caches only.
        case noRunFiles
    }

    public var kind: Kind
    /// The run file, or for `noRunFiles` the first file given.
    public var file: String

    public init(_ kind: Kind, file: String) {
        self.kind = kind
        self.file = file
    }

    public var description: String {
        switch kind {
        case .layer(let layer, let count): "--layers names layer \(layer), but \(file) has layers 0…\(count - 1)"
        case .noRunFiles: "no run files among the files given (only analysis caches)"
        }
    }
}
