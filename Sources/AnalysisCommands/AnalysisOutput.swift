import CommandLineSupport
import LocalRank

/// `lr-analyze --format json`: the document `schemas/analysis-output-v1.md` describes,
/// encoded by `Codable` (keys sorted; NaN and infinity as `null`).
struct AnalysisOutput: Encodable {
    struct Layer: Encodable {
        var index: Int
        var name: String
        var width: Int
    }

    struct Checkpoint: Encodable {
        var step: Int
        var finite: Bool
        var metrics: [String: Double?]
        /// `[threshold][layer]` means and population standard deviations over the probe inputs.
        var localRank: [[Double?]]
        var rankStd: [[Double?]]

        enum CodingKeys: String, CodingKey {
            case step, finite, metrics
            case localRank = "local_rank"
            case rankStd = "rank_std"
        }
    }

    /// `--by beta`: each run's β and file, in the order of `checkpoints`.
    struct Sweep: Encodable {
        var betas: [Double]
        var files: [String]
    }

    var file: String
    var measure: String
    var eps: [Double?]
    var probeCount: Int
    var layers: [Layer]
    var betas: [Double]?
    var files: [String]?
    var checkpoints: [Checkpoint]

    enum CodingKeys: String, CodingKey {
        case file, measure, eps
        case probeCount = "probe_count"
        case layers, betas, files, checkpoints
    }

    init(report: Report, results: [AnalyzedCheckpoint], sweep: Sweep?) {
        func number(_ value: Double) -> Double? { value.isFinite ? value : nil }
        file = report.file
        measure = report.measure.rawValue
        eps = report.thresholds.map(number)
        probeCount = report.probeCount
        layers = report.layers.map { Layer(index: $0, name: report.analyzed.names[$0], width: report.analyzed.sizes[$0 + 1]) }
        betas = sweep?.betas
        files = sweep?.files
        checkpoints = results.map { checkpoint in
            let summaries = report.thresholds.indices.map { t in report.layers.map { checkpoint.summary(threshold: t, layer: $0) } }
            return Checkpoint(
                step: checkpoint.step, finite: checkpoint.isFinite,
                metrics: Dictionary(uniqueKeysWithValues: report.metricNames.compactMap { name in
                    checkpoint.metrics[name].map { (name, number($0)) }
                }),
                localRank: summaries.map { $0.map { number($0.mean) } },
                rankStd: summaries.map { $0.map { number($0.standardDeviation) } })
        }
    }

    func encoded() -> String { jsonText(self) }
}
