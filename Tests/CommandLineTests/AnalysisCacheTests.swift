import Foundation
import HDF5
import LocalRankTestSupport
import Testing

/// The analysis cache grows one committed checkpoint at a time: an analysis that is killed
/// or interrupted keeps what it finished, and a rerun computes only the rest.
@Suite(.serialized) struct AnalysisCacheTests {
    /// A run whose analysis takes a few seconds in a debug build: time to interrupt it.
    func slowRun(in directory: TemporaryDirectory) throws -> String {
        let run = directory.path("run.h5")
        let trained = try CommandLineTools.run("lr-train", [
            "--data", "gaussian:24x8", "--layers", "24,64,64,64,8", "--steps", "120", "--checkpoints", "every:10",
            "--probe", "512", "--no-activations", "--out", run, "--quiet"])
        #expect(trained.status == 0, "\(trained.standardError)")
        return run
    }

    /// Committed rows of a cache (its index's length), read as a SWMR reader while it grows.
    func committedRows(_ cache: String) -> Int {
        guard let file = try? HDF5File.openForReading(cache) else { return 0 }
        defer { try? file.close() }
        return (try? file.root.openDataset("/checkpoints/index").shape.first) ?? 0
    }

    /// Starts a first analysis and returns it once `rows` checkpoints are committed.
    func analysisWithCommittedRows(_ run: String, cache: String, rows: Int) throws -> (Process, Pipe, Pipe) {
        let started = try CommandLineTools.start("lr-analyze", [run, "--cache", cache, "--format", "json", "--quiet", "--threads", "1"])
        let deadline = Date().addingTimeInterval(120)
        while committedRows(cache) < rows && started.0.isRunning && Date() < deadline { usleep(20_000) }
        return started
    }

    /// Whether two caches hold bit-identical spectra for every checkpoint, and how many
    /// rows each has (one per checkpoint when nothing was computed twice).
    static let compareCaches = """
        import sys, h5py, numpy as np
        def rows(path):
            with h5py.File(path, "r", swmr=True) as f:
                index = f["checkpoints/index"][...]
                layers = len(f["spectra"])
                return len(index), {int(k): [f[f"spectra/{l}"][row] for l in range(layers)] for row, k in enumerate(index)}
        (na, a), (nb, b) = rows(sys.argv[1]), rows(sys.argv[2])
        same = a.keys() == b.keys() and all(np.array_equal(x, y) for k in a for x, y in zip(a[k], b[k]))
        print(na, nb, "same" if same else "different")
        """

    @Test("a first analysis killed with SIGKILL keeps its finished checkpoints; the rerun computes the rest, bit for bit")
    func killedAnalysisResumes() throws {
        try Python.requireModules(["h5py", "numpy"])
        let directory = try TemporaryDirectory(prefix: "cache-kill")
        let run = try slowRun(in: directory)
        let whole = directory.path("whole.lr.h5"), killed = directory.path("killed.lr.h5")
        #expect(try CommandLineTools.run("lr-analyze", [run, "--cache", whole, "--quiet", "--format", "json"]).status == 0)

        let (process, output, error) = try analysisWithCommittedRows(run, cache: killed, rows: 3)
        kill(process.processIdentifier, SIGKILL)
        _ = CommandLineTools.finish(process, output, error)
        let kept = committedRows(killed)
        #expect(kept >= 3 && kept < 13, "\(kept) checkpoints committed before the kill")

        let rerun = try CommandLineTools.run("lr-analyze", [run, "--cache", killed, "--quiet", "--format", "json"])
        #expect(rerun.status == 0, "\(rerun.standardError)")
        let compared = try Python.run(Self.compareCaches, arguments: [whole, killed]).split(separator: " ").map(String.init)
        #expect(compared == ["13", "13", "same\n"], "rows and spectra: \(compared)")
    }

    @Test("SIGINT stops the analysis with one line, exit 130, and keeps the completed checkpoints")
    func interruptedAnalysisSaysSo() throws {
        try Python.requireModules(["h5py", "numpy"])
        let directory = try TemporaryDirectory(prefix: "cache-interrupt")
        let run = try slowRun(in: directory)
        let cache = directory.path("run.lr.h5")
        let (process, output, error) = try analysisWithCommittedRows(run, cache: cache, rows: 2)
        kill(process.processIdentifier, SIGINT)
        let outcome = CommandLineTools.finish(process, output, error)
        let kept = committedRows(cache)
        #expect(outcome.status == 130)
        let line = outcome.standardError.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(line == "lr-analyze: error: interrupted after \(kept) of 13 checkpoints; run again to continue", "\(outcome.standardError)")
        #expect(kept >= 2 && kept < 13)
        let rerun = try CommandLineTools.run("lr-analyze", [run, "--quiet", "--format", "json"])
        #expect(rerun.status == 0 && committedRows(cache) == 13, "\(rerun.standardError)")
    }

    @Test("--follow on a live run reports, metrics included, and caches what a cold analysis of the finished run does")
    func followEndsWithTheColdCache() throws {
        try Python.requireModules(["h5py", "numpy"])
        let directory = try TemporaryDirectory(prefix: "cache-follow")
        let run = directory.path("live.h5")
        let (trainer, trainerOutput, trainerError) = try CommandLineTools.start(
            "lr-train", ["--data", "gaussian:16x8", "--layers", "16,64,64,8", "--steps", "12000", "--checkpoints", "every:1000",
                         "--probe", "32", "--out", run, "--quiet"])
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: run) && Date() < deadline { usleep(50_000) }
        let follow = try CommandLineTools.run("lr-analyze", [run, "--follow", "--follow-timeout", "60", "--format", "json", "--quiet"])
        #expect(CommandLineTools.finish(trainer, trainerOutput, trainerError).status == 0)
        #expect(follow.status == 0, "\(follow.standardError)")
        let cold = directory.path("cold.lr.h5")
        let coldAnalysis = try CommandLineTools.run("lr-analyze", [run, "--cache", cold, "--quiet", "--format", "json"])
        #expect(coldAnalysis.status == 0)
        // Issue 19: rows that arrived while following had no metrics (test loss and the others).
        #expect(follow.standardOutput == coldAnalysis.standardOutput)
        let compared = try Python.run(Self.compareCaches, arguments: [cold, directory.path("live.lr.h5")])
        #expect(compared == "13 13 same\n")
    }

    /// Rewrites a format-2 cache in format 1's layout (fixed-size datasets written whole),
    /// with every singular value doubled: reading them back proves the rows were reused.
    static let writeVersion1 = """
        import sys, h5py, numpy as np
        source, target = sys.argv[1], sys.argv[2]
        with h5py.File(source, "r") as f, h5py.File(target, "w") as g:
            for key, value in f.attrs.items():
                g.attrs[key] = value
            g.attrs["format_version"] = np.int64(1)
            for name in ["index", "step", "fingerprint", "finite"]:
                g[f"checkpoints/{name}"] = f[f"checkpoints/{name}"][...]
            for layer in f["spectra"]:
                g[f"spectra/{layer}"] = 2 * f[f"spectra/{layer}"][...]
        """

    @Test("a cache in the earlier format is converted in place and its spectra are reused")
    func version1CacheIsConverted() throws {
        try Python.requireModules(["h5py", "numpy"])
        let directory = try TemporaryDirectory(prefix: "cache-v1")
        let run = try trainedRun(in: directory)
        let current = directory.path("current.lr.h5"), old = directory.path("old.lr.h5")
        let fresh = try CommandLineTools.run("lr-analyze", [run, "--cache", current, "--measure", "stable-rank", "--format", "json", "--quiet"])
        try Python.run(Self.writeVersion1, arguments: [current, old])
        let converted = try CommandLineTools.run("lr-analyze", [run, "--cache", old, "--measure", "stable-rank", "--format", "json", "--quiet"])
        #expect(converted.status == 0, "\(converted.standardError)")
        // Stable rank is scale-free: doubling every singular value leaves it unchanged...
        #expect(converted.standardOutput == fresh.standardOutput)
        // ...while counting above 2ε the doubled values counts the originals above ε.
        let doubled = try CommandLineTools.run("lr-analyze", [run, "--cache", old, "--eps", "2e-3", "--format", "csv", "--quiet"])
        let reference = try CommandLineTools.run("lr-analyze", [run, "--cache", current, "--eps", "1e-3", "--format", "csv", "--quiet"])
        #expect(doubled.standardOutput.replacingOccurrences(of: ",0.002,", with: ",0.001,") == reference.standardOutput)
        let version = try Python.run("import sys, h5py\nprint(h5py.File(sys.argv[1], 'r').attrs['format_version'])", arguments: [old])
        #expect(version == "2\n")
    }
}
