import CommandLineSupport
import LocalRank
import RealModule
import TerminalProgress

/// Renders the information estimates of one run as a table, CSV or JSON
/// (`schemas/information-output-v1.md`); `GroupedInformationReport` renders groups of runs.
struct InformationReport {
    /// The run file, or for grouped runs how many there are.
    var file: String
    var analyzed: CheckpointNetwork.AnalyzedLayers
    var layers: [Int]
    var estimator: InformationEstimator
    var probeCount: Int
    var labels: Result<ClassLabels, MissingLabels>
    var metricNames: [String]
    var outputIsProbabilities: Bool

    /// log₂ N: what N equally likely inputs can carry at most.
    var maximumBits: Double { Double.log2(Double(probeCount)) }
    var classEntropy: Double? { try? labels.get().entropy }
    var hasLabels: Bool { classEntropy != nil }
    /// Whether the run and the estimator give `quantity`: I(T;Y) needs labels, lower
    /// bounds come from kde.
    func reports(_ quantity: InformationQuantity) -> Bool {
        (!quantity.isLabelInformation || hasLabels) && (!quantity.isLowerBound || estimator.hasLowerBounds)
    }

    func render(_ results: [InformationCheckpoint], format: OutputFormat) -> String {
        switch format {
        case .table: table(results)
        case .csv: csv(results)
        case .json: jsonText(InformationOutput(report: self, results: results))
        }
    }

    // MARK: Words

    /// What T is at `layer`: its activation, or a classifier's softmax at the last layer.
    func representationName(_ layer: Int) -> String {
        outputIsProbabilities && layer == analyzed.sizes.count - 2 ? "softmax" : analyzed.activations[layer].rawValue
    }

    func layerLabel(_ layer: Int) -> String {
        let softmax = representationName(layer) == "softmax" ? ", softmax" : ""
        return "\(analyzed.names[layer]) (\(analyzed.sizes[layer + 1])\(softmax))"
    }

    var estimatorDescription: String {
        switch estimator {
        case .binning(let bins, let range):
            let over = range.map { "[\(shortNumber($0.lowerBound)), \(shortNumber($0.upperBound))]" } ?? "each layer's range at each checkpoint"
            return "binning, \(bins) bins over \(over)"
        case .kernelDensity(let variance):
            return "kde, noise variance \(shortNumber(variance)): lower bound (8s²) – upper bound (2s²)"
        }
    }

    /// The line that says why I(T;Y) is absent, when it is.
    var missingLabelsLine: String? {
        guard case .failure(let missing) = labels else { return nil }
        let reason = switch missing {
        case .regression: "\(file) is a regression run, whose targets are not class labels"
        case .notStored: "\(file) stores no labels (/probe/y)"
        case .notWholeNumbers: "the labels in \(file)'s /probe/y are not whole numbers"
        }
        return "I(T;Y) is not estimated: \(reason)."
    }

    var saturationNote: String {
        "* saturated: within 1% of log2 N = \(format(maximumBits, digits: 2)) bits; the estimator tells (nearly) every input apart, so the value says nothing about compression"
    }

    /// One estimate for a table: binning's value, or kde's "lower–upper"; `*` when saturated.
    func cell(_ checkpoint: InformationCheckpoint, layer: Int, label: Bool) -> String {
        guard checkpoint.isFinite else { return "non-finite" }
        let estimate = checkpoint.estimates[layer]
        let value = label ? estimate.labelInformation : estimate.inputInformation
        let lower = label ? estimate.labelInformationLower : estimate.inputInformationLower
        let text = lower.map { "\(format($0, digits: 2))–\(format(value ?? .nan, digits: 2))" } ?? format(value ?? .nan, digits: 3)
        return text + (!label && estimate.saturated ? "*" : "")
    }

    // MARK: Table

    func table(_ results: [InformationCheckpoint]) -> String {
        let headers = ["step"] + layers.map(layerLabel)
        let context = "\(file): \(results.count) checkpoint\(results.count == 1 ? "" : "s"), \(probeCount) probe inputs"
        var out = "I(X;T) in bits, \(estimatorDescription)  (\(context); at most log2 N = \(format(maximumBits, digits: 2)))\n"
        out += alignedTable(headers: headers, rows: results.map { c in [String(c.step)] + layers.map { cell(c, layer: $0, label: false) } })
        if results.contains(where: { $0.estimates.contains(where: \.saturated) }) { out += saturationNote + "\n" }
        out += "\n"
        if let missingLabelsLine { return out + missingLabelsLine + "\n" }
        out += "I(T;Y) in bits, \(estimatorDescription)  (at most H(Y) = \(format(classEntropy ?? .nan, digits: 3)))\n"
        out += alignedTable(headers: headers, rows: results.map { c in [String(c.step)] + layers.map { cell(c, layer: $0, label: true) } })
        return out + "\n"
    }

    // MARK: CSV

    /// `estimator, bins, bin_range, noise_variance`: the estimator's parameters as CSV cells.
    var estimatorCells: [String] {
        switch estimator {
        case .binning(let bins, let range):
            ["binning", "\(bins)", range.map { "\($0.lowerBound):\($0.upperBound)" } ?? "", ""]
        case .kernelDensity(let variance):
            ["kde", "", "", "\(variance)"]
        }
    }

    static let estimatorColumns = ["estimator", "bins", "bin_range", "noise_variance"]

    /// One row per checkpoint and layer (long form, for data frames).
    func csv(_ results: [InformationCheckpoint]) -> String {
        var lines = [(Self.estimatorColumns + ["step"] + metricNames
                      + ["layer", "name", "width", "i_xt", "i_ty", "i_xt_lower", "i_ty_lower", "saturated"]).joined(separator: ",")]
        for checkpoint in results {
            let metrics = metricNames.map { name in checkpoint.metrics[name].map { "\($0)" } ?? "" }
            for layer in layers {
                let values = InformationQuantity.allCases.dropLast().map { quantity -> String in
                    let value = checkpoint.value(row: quantity.rawValue, layer: layer)
                    return value.isNaN && checkpoint.isFinite ? "" : "\(value)"
                }
                let saturated = checkpoint.isFinite ? "\(checkpoint.estimates[layer].saturated)" : ""
                lines.append((estimatorCells + [String(checkpoint.step)] + metrics
                              + ["\(layer)", analyzed.names[layer], "\(analyzed.sizes[layer + 1])"] + values + [saturated])
                    .joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// `lr-analyze information --format json` (`schemas/information-output-v1.md`).
struct InformationOutput: Encodable {
    struct Estimator: Encodable {
        var name: String
        var bins: Int?
        var binRange: [Double]?
        var noiseVariance: Double?

        init(_ estimator: InformationEstimator) {
            name = estimator.name
            switch estimator {
            case .binning(let bins, let range):
                self.bins = bins
                binRange = range.map { [$0.lowerBound, $0.upperBound] }
            case .kernelDensity(let variance):
                noiseVariance = variance
            }
        }

        enum CodingKeys: String, CodingKey {
            case name, bins
            case binRange = "bin_range"
            case noiseVariance = "noise_variance"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(bins, forKey: .bins)
            try container.encode(binRange, forKey: .binRange)
            try container.encode(noiseVariance, forKey: .noiseVariance)
        }
    }

    struct Layer: Encodable {
        var index: Int
        var name: String
        var width: Int
        /// What T is: the activation's name, or softmax.
        var representation: String
    }

    struct Checkpoint: Encodable {
        var step: Int
        var finite: Bool
        var metrics: [String: Double?]
        /// Per layer; the `_lower` ones for kde only, the `i_ty` ones null without labels.
        var values: [String: [Double?]?]
        var saturated: [Bool]

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: AnyKey.self)
            try container.encode(step, forKey: AnyKey("step"))
            try container.encode(finite, forKey: AnyKey("finite"))
            try container.encode(metrics, forKey: AnyKey("metrics"))
            for (key, value) in values { try container.encode(value, forKey: AnyKey(key)) }
            try container.encode(saturated, forKey: AnyKey("saturated"))
        }
    }

    /// What both documents (one run's and `--by`'s) begin with. Every key is written,
    /// `null` where there is no value (the schema's fields are always present).
    struct Header: Encodable {
        var file: String
        var estimator: Estimator
        var probeCount: Int
        var log2N: Double
        var labelEntropy: Double?
        var labelsAbsent: String?
        var layers: [Layer]

        enum CodingKeys: String, CodingKey {
            case file, estimator, layers
            case probeCount = "probe_count"
            case log2N = "log2_n"
            case labelEntropy = "label_entropy"
            case labelsAbsent = "i_ty_absent"
        }

        /// `representation`: what T is at each layer (the runs' common one under `--by`).
        init(_ report: InformationReport, representation: (Int) -> String) {
            file = report.file
            estimator = Estimator(report.estimator)
            probeCount = report.probeCount
            log2N = report.maximumBits
            labelEntropy = report.classEntropy
            labelsAbsent = report.missingLabelsLine
            layers = report.layers.map {
                Layer(index: $0, name: report.analyzed.names[$0], width: report.analyzed.sizes[$0 + 1], representation: representation($0))
            }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(file, forKey: .file)
            try container.encode(estimator, forKey: .estimator)
            try container.encode(probeCount, forKey: .probeCount)
            try container.encode(log2N, forKey: .log2N)
            try container.encode(labelEntropy, forKey: .labelEntropy)
            try container.encode(labelsAbsent, forKey: .labelsAbsent)
            try container.encode(layers, forKey: .layers)
        }
    }

    var header: Header
    var checkpoints: [Checkpoint]

    enum CodingKeys: String, CodingKey {
        case checkpoints
    }

    /// The header's keys, then `checkpoints`, in one object.
    func encode(to encoder: any Encoder) throws {
        try header.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(checkpoints, forKey: .checkpoints)
    }

    init(report: InformationReport, results: [InformationCheckpoint]) {
        header = Header(report, representation: report.representationName)
        checkpoints = results.map { checkpoint in
            Checkpoint(step: checkpoint.step, finite: checkpoint.isFinite,
                       metrics: Dictionary(uniqueKeysWithValues: report.metricNames.compactMap { name in
                           checkpoint.metrics[name].map { (name, $0.isFinite ? $0 : nil) }
                       }),
                       values: Self.values(checkpoint, report: report),
                       saturated: checkpoint.isFinite ? report.layers.map { checkpoint.estimates[$0].saturated } : [])
        }
    }

    /// `i_xt`, `i_ty`, `i_xt_lower`, `i_ty_lower`: per layer, or null where the estimator or
    /// the run has none.
    static func values(_ checkpoint: InformationCheckpoint, report: InformationReport) -> [String: [Double?]?] {
        var values = [String: [Double?]?]()
        for quantity in InformationQuantity.allCases where quantity != .saturated {
            values[quantity.key] = report.reports(quantity)
                ? report.layers.map { layer in
                    let value = checkpoint.value(row: quantity.rawValue, layer: layer)
                    return value.isFinite ? value : nil
                }
                : .some(nil)
        }
        return values
    }
}

extension InformationQuantity {
    /// The JSON key and CSV column.
    var key: String {
        switch self {
        case .inputInformation: "i_xt"
        case .labelInformation: "i_ty"
        case .inputInformationLower: "i_xt_lower"
        case .labelInformationLower: "i_ty_lower"
        case .saturated: "saturated"
        }
    }

    var isLabelInformation: Bool { self == .labelInformation || self == .labelInformationLower }
    var isLowerBound: Bool { self == .inputInformationLower || self == .labelInformationLower }
}

/// A JSON key given as text.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }

    init(_ text: String) { stringValue = text }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
