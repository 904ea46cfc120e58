import Foundation
import LocalRankTestSupport
import Testing

/// Rows of `lr-analyze DIR/*.h5 --by beta --checkpoints last --format csv` (one per β),
/// keyed by column name.
func sweepRows(_ directory: TemporaryDirectory, epsilon: String) throws -> [[String: String]] {
    let files = try FileManager.default.contentsOfDirectory(atPath: directory.url.path)
        .filter { $0.hasSuffix(".h5") }.map(directory.path)
    let outcome = try CommandLineTools.run("lr-analyze", files + ["--by", "beta", "--checkpoints", "last", "--eps", epsilon,
                                                                  "--format", "csv", "--quiet"])
    #expect(outcome.status == 0, "\(outcome.standardError)")
    let lines = outcome.standardOutput.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    guard let header = lines.first else { return [] }
    return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
}

/// Spearman's rank correlation (average ranks for ties).
func spearman(_ a: [Double], _ b: [Double]) -> Double {
    func ranks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var result = [Double](repeating: 0, count: values.count)
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && values[order[j + 1]] == values[order[i]] { j += 1 }
            for k in i...j { result[order[k]] = Double(i + j) / 2 }
            i = j + 1
        }
        return result
    }
    let ra = ranks(a), rb = ranks(b)
    let ma = ra.reduce(0, +) / Double(ra.count), mb = rb.reduce(0, +) / Double(rb.count)
    let covariance = zip(ra, rb).reduce(0) { $0 + ($1.0 - ma) * ($1.1 - mb) }
    let va = ra.reduce(0) { $0 + ($1 - ma) * ($1 - ma) }, vb = rb.reduce(0) { $0 + ($1 - mb) * ($1 - mb) }
    return va > 0 && vb > 0 ? covariance / (va * vb).squareRoot() : 0
}

@Suite(.serialized) struct SweepTests {
    /// On Gaussian data the local rank of μ steps down with β where the Gaussian
    /// information bottleneck puts its critical values, and moves with the KL term.
    @Test func gaussianSweepFollowsTheTheorysCriticalBetas() throws {
        let directory = try TemporaryDirectory()
        let sweep = try CommandLineTools.run("lr-train", ["sweep", "--preset", "dvib-gaussian", "--betas", "logspace:1e-3:1:9",
                                                          "--jobs", "2", "--out", directory.url.path, "--quiet"])
        #expect(sweep.status == 0, "\(sweep.standardError)")
        let rows = try sweepRows(directory, epsilon: "0.1")
        #expect(rows.count == 9)
        let betas = rows.map { Double($0["beta"]!)! }
        let measured = rows.map { Double($0["layer_0"]!)! }
        let theory = rows.map { Double($0["theory_rank"]!)! }
        let kl = rows.map { Double($0["test_kl"]!)! }
        #expect(betas == betas.sorted())
        // The optimal encoder's rank falls from full to none across the sweep.
        #expect(theory.first == 8 && theory.last == 0)
        for j in measured.indices {
            #expect(abs(measured[j] - theory[j]) <= 1, "β \(betas[j]): measured \(measured[j]), theory \(theory[j])")
            if j > 0 { #expect(measured[j] <= measured[j - 1] + 0.5, "not monotone at β \(betas[j])") }
        }
        #expect(spearman(measured, kl) >= 0.8, "Spearman(rank of μ, KL) = \(spearman(measured, kl))")

        let theoryOutput = try CommandLineTools.run("lr-analyze", ["theory", directory.path("beta-1.00e-03.h5"), "--format", "json"])
        #expect(theoryOutput.status == 0 && theoryOutput.standardOutput.contains("critical_beta_compression"))
    }

    @Test(.enabled(if: FashionMNIST.isInstalled, "Fashion-MNIST is not installed in /usr/share/datasets/fashion-mnist (Debian's dataset-fashion-mnist, which make test installs)"))
    func fashionSweepRankOfMuMovesWithTheKLTerm() throws {
        let directory = try TemporaryDirectory()
        let sweep = try CommandLineTools.run("lr-train", ["sweep", "--preset", "dvib-fashion", "--betas", "logspace:1e-3:3:5",
                                                          "--train-subset", "2000", "--steps", "12000", "--probe", "64",
                                                          "--layers", "784,64,16,10", "--jobs", "2",
                                                          "--out", directory.url.path, "--quiet"])
        #expect(sweep.status == 0, "\(sweep.standardError)")
        let rows = try sweepRows(directory, epsilon: "0.1")
        #expect(rows.count == 5)
        let measured = rows.map { Double($0["layer_1"]!)! }
        let kl = rows.map { Double($0["test_kl"]!)! }
        let accuracy = rows.map { Double($0["test_accuracy"]!)! }
        #expect(spearman(measured, kl) >= 0.8, "Spearman(rank of μ, KL) = \(spearman(measured, kl)); ranks \(measured), KL \(kl)")
        #expect(accuracy.first! > 0.6, "accuracy \(accuracy)")
        let plot = directory.path("rank-vs-beta.svg")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.url.path).filter { $0.hasSuffix(".h5") }.map(directory.path)
        let plotted = try CommandLineTools.run("lr-analyze", files + ["--by", "beta", "--checkpoints", "last", "--plot", plot, "--quiet"])
        #expect(plotted.status == 0)
        #expect(try String(contentsOfFile: plot, encoding: .utf8).contains("test accuracy"))
    }
}
