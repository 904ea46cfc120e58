import ArgumentParser
import CommandLineSupport
import LocalRank
import RunFormat
import TerminalProgress

/// Prints the critical trade-offs of the Gaussian information bottleneck (Chechik et al.,
/// 2005) for the joint covariance stored in a synthetic Gaussian run.
struct TheoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "theory",
        abstract: "Print the Gaussian information bottleneck's critical trade-offs for a Gaussian run.",
        discussion: """
            For jointly Gaussian (X, Y) the optimal encoder T = A·X + ξ of the information \
            bottleneck is built from the eigenvectors of Σ_{x|y}·Σ_x⁻¹, whose eigenvalues \
            0 ≤ λ_1 ≤ … ≤ λ_{n_x} ≤ 1 fix where its rank steps up (Chechik, Globerson, Tishby \
            and Weiss, 2005). Component i is present when β_IB > 1/(1 − λ_i) in \
            min I(X;T) − β_IB·I(T;Y), that is when β < 1 − λ_i in our convention \
            loss = task + β·KL (β = 1/β_IB). The joint covariance is read from \
            /data/joint_covariance, which synthetic Gaussian runs store.

            Examples:
              lr-analyze theory run.h5
              lr-analyze theory run.h5 --format json
            """)

    @Argument(help: ArgumentHelp("A run file (run format v1) trained on synthetic Gaussian data.", valueName: "run.h5"))
    var file: String

    @Option(help: ArgumentHelp("Output: table, csv or json.", valueName: "format"))
    var format: OutputFormat = .table

    func run() throws {
        let run = try RunReader(path: file)
        let bottleneck = try GaussianInformationBottleneck(run: run)
        let report = TheoryReport(file: file, bottleneck: bottleneck, beta: run.model.bottleneck?.beta,
                                  bottleneckDimensions: run.model.bottleneck?.dimensions)
        print(report.render(format), terminator: "")
    }
}

/// The table, CSV or JSON of `lr-analyze theory`.
struct TheoryReport {
    var file: String
    var bottleneck: GaussianInformationBottleneck
    /// The run's own β (ours: loss = task + β·KL), for DVIB runs.
    var beta: Double?
    var bottleneckDimensions: Int?

    func render(_ format: OutputFormat) -> String {
        switch format {
        case .table: return table()
        case .csv: return csv()
        case .json: return json()
        }
    }

    func table() -> String {
        let lambdas = bottleneck.eigenvalues
        let ib = bottleneck.criticalBetasIB, ours = bottleneck.criticalBetasCompression
        var out = "Gaussian information bottleneck of \(file): n_x = \(bottleneck.inputDimensions), n_y = \(bottleneck.targetDimensions) (Chechik et al., 2005)\n"
        out += "λ_i: eigenvalues of Σ_{x|y}·Σ_x⁻¹, ascending; component i of the optimal encoder is present when\n"
        out += "  β_c (IB):   β > 1/(1 − λ_i)  in  min I(X;T) − β·I(T;Y)\n"
        out += "  β_c (ours): β < 1 − λ_i      in  loss = task + β·KL   (β_ours = 1/β_IB)\n"
        out += "inf / 0: the direction carries no information about Y and never enters.\n"
        let rows = lambdas.indices.map { i in
            [String(i + 1), significant(lambdas[i]), significant(ib[i]), significant(ours[i])]
        }
        out += alignedTable(headers: ["i", "λ_i", "β_c (IB)", "β_c (ours)"], rows: rows)
        if let beta {
            let rank = bottleneck.rank(atCompressionBeta: beta)
            let width = bottleneckDimensions.map { " (the run's bottleneck has \($0) dimensions)" } ?? ""
            out += "This run's β = \(significant(beta)) (ours, β_IB = \(significant(1 / beta))): the optimal Gaussian encoder has rank \(rank) of \(bottleneck.inputDimensions)\(width).\n"
        }
        return out
    }

    func csv() -> String {
        var lines = ["i,eigenvalue,critical_beta_ib,critical_beta_compression"]
        for (i, lambda) in bottleneck.eigenvalues.enumerated() {
            lines.append("\(i + 1),\(lambda),\(bottleneck.criticalBetasIB[i]),\(bottleneck.criticalBetasCompression[i])")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The critical trade-offs as JSON; `null` for a direction that never enters.
    struct Output: Encodable {
        var file: String
        var inputDimensions: Int
        var targetDimensions: Int
        var beta: Double?
        var optimalRank: Int?
        var eigenvalues: [Double]
        var criticalBetaIB: [Double?]
        var criticalBetaCompression: [Double?]

        enum CodingKeys: String, CodingKey {
            case file, beta, eigenvalues
            case inputDimensions = "input_dimensions"
            case targetDimensions = "target_dimensions"
            case optimalRank = "optimal_rank"
            case criticalBetaIB = "critical_beta_ib"
            case criticalBetaCompression = "critical_beta_compression"
        }
    }

    func json() -> String {
        func finite(_ values: [Double]) -> [Double?] { values.map { $0.isFinite ? $0 : nil } }
        return jsonText(Output(
            file: file, inputDimensions: bottleneck.inputDimensions, targetDimensions: bottleneck.targetDimensions,
            beta: beta, optimalRank: beta.map { bottleneck.rank(atCompressionBeta: $0) }, eigenvalues: bottleneck.eigenvalues,
            criticalBetaIB: finite(bottleneck.criticalBetasIB), criticalBetaCompression: finite(bottleneck.criticalBetasCompression)))
    }

    /// Six significant digits, "inf" for infinity.
    func significant(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        return formatSignificant(value, digits: 6)
    }

}
