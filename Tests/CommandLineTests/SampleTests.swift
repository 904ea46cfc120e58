import Foundation
import HDF5
import LocalRankTestSupport
import RunFormat
import Testing

/// The committed sample run files in `samples/` (made by `samples/make-samples.sh`): they
/// follow the schema, `lr-analyze` reads them, and they stay small.
@Suite(.serialized) struct SampleTests {
    static let samples = CommandLineTools.repositoryRoot.appendingPathComponent("samples")
    static let sweep = "dvib-gaussian-sweep"
    static let sweepBetas = ["1.00e-03", "3.16e-03", "1.00e-02", "3.16e-02", "1.00e-01", "3.16e-01", "1.00e+00"]
    /// Every sample, relative to `samples/`.
    static let files = ["gaussian-mlp3.h5", "fashion-mlp4-w32.h5"] + sweepBetas.map { "\(sweep)/beta-\($0).h5" }
    static let maximumFileSize = 3_000_000
    static let maximumTotalSize = 10_000_000

    static func path(_ name: String) -> String { samples.appendingPathComponent(name).path }

    /// The run files under `samples/`, analysis caches (`*.lr.h5`, made by analyzing a sample
    /// in place and never committed) aside.
    static func runFilesOnDisk() -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: samples.path)
        var found = [String]()
        while let name = enumerator?.nextObject() as? String {
            if name.hasSuffix(".h5") && !name.hasSuffix(".lr.h5") { found.append(name) }
        }
        return found.sorted()
    }

    static func cachesOnDisk() -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: samples.path)
        var found = [String]()
        while let name = enumerator?.nextObject() as? String {
            if name.hasSuffix(".lr.h5") { found.append(name) }
        }
        return found.sorted()
    }

    @Test func samplesAreAllThereAndSmall() throws {
        #expect(Self.runFilesOnDisk() == Self.files.sorted(), "samples/ holds other run files than README.md lists")
        var total = 0
        for name in Self.files {
            let attributes = try FileManager.default.attributesOfItem(atPath: Self.path(name))
            let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
            #expect(size > 0 && size <= Self.maximumFileSize, "samples/\(name) has \(size) bytes (at most \(Self.maximumFileSize))")
            total += size
        }
        #expect(total <= Self.maximumTotalSize, "the samples have \(total) bytes in all (at most \(Self.maximumTotalSize))")
        let readme = try String(contentsOfFile: Self.path("README.md"), encoding: .utf8)
        for name in ["gaussian-mlp3.h5", "fashion-mlp4-w32.h5", Self.sweep] {
            #expect(readme.contains(name), "samples/README.md does not mention \(name)")
        }
    }

    @Test(arguments: files)
    func sampleFollowsTheSchema(name: String) throws {
        let file = try HDF5File.open(Self.path(name))
        defer { try? file.close() }
        #expect(RunValidator(scope: .complete).problems(in: file) == [], "samples/\(name)")
    }

    /// Each sample is analyzed from a copy, so that the test leaves no cache in `samples/`.
    @Test(arguments: ["gaussian-mlp3.h5", "fashion-mlp4-w32.h5"])
    func sampleIsAnalyzed(name: String) throws {
        let cachesBefore = Self.cachesOnDisk()
        let directory = try TemporaryDirectory(prefix: "sample")
        let copy = directory.path(name)
        try FileManager.default.copyItem(atPath: Self.path(name), toPath: copy)
        let outcome = try CommandLineTools.run("lr-analyze", [copy, "--eps", "1e-3", "--quiet"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardOutput.contains("layer 0"), "\(outcome.standardOutput)")
        #expect(FileManager.default.fileExists(atPath: directory.path(name.replacingOccurrences(of: ".h5", with: ".lr.h5"))))
        #expect(Self.cachesOnDisk() == cachesBefore)
    }

    /// The sweep, analyzed by β as samples/README.md suggests, at each run's last checkpoint:
    /// one row per run, in order of β, and the local rank of μ within one of the Gaussian
    /// information bottleneck's rank.
    @Test func sweepSampleIsAnalyzedByBeta() throws {
        let cachesBefore = Self.cachesOnDisk()
        let directory = try TemporaryDirectory(prefix: "sample-sweep")
        var copies = [String]()
        for beta in Self.sweepBetas {
            let copy = directory.path("beta-\(beta).h5")
            try FileManager.default.copyItem(atPath: Self.path("\(Self.sweep)/beta-\(beta).h5"), toPath: copy)
            copies.append(copy)
        }
        let outcome = try CommandLineTools.run("lr-analyze", copies + ["--by", "beta", "--checkpoints", "last", "--eps", "0.1", "--format", "csv", "--quiet"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        try #require(outcome.status == 0)
        let lines = outcome.standardOutput.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = try #require(lines.first)
        let rows = lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
        #expect(rows.count == Self.sweepBetas.count)
        let betas = rows.compactMap { $0["beta"].flatMap(Double.init) }
        #expect(betas == betas.sorted() && betas.count == rows.count)
        for row in rows {
            let measured = try #require(row["layer_0"].flatMap(Double.init))
            let theory = try #require(row["theory_rank"].flatMap(Double.init))
            #expect(abs(measured - theory) <= 1, "β \(row["beta"] ?? "?"): rank of μ \(measured), theory \(theory)")
        }
        #expect(Self.cachesOnDisk() == cachesBefore)
    }
}
