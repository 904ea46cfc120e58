import Foundation
import LocalRankTestSupport
import Testing

/// Runs from other producers hold what the analysis needs and perhaps little else: they
/// are analyzed, and `lr-analyze validate` lists what the full format asks for besides.
@Suite struct ForeignRunTests {
    /// A run written with h5py holding only what local rank needs, plus `train_loss`.
    static let minimalWriter = """
        import sys, h5py, numpy as np
        rng = np.random.default_rng(0)
        sizes, C, N = [5, 9, 3], 3, 16
        with h5py.File(sys.argv[1], "w") as f:
            f.attrs["format"] = "local-rank-run"
            f.attrs["format_version"] = 1
            m = f.create_group("model")
            m.attrs["architecture"] = "mlp"
            m.attrs["layer_sizes"] = np.array(sizes, dtype=np.int64)
            m.attrs["activations"] = ["relu", "identity"]
            f.create_group("data").attrs["task"] = "regression"
            f["probe/x"] = rng.standard_normal((N, sizes[0])).astype(np.float32)
            f["checkpoints/step"] = np.array([0, 10, 20], dtype=np.int64)
            f["checkpoints/train_loss"] = np.array([1.0, 0.5, 0.25])
            for l in range(2):
                f[f"weights/{l}/weight"] = rng.standard_normal((C, sizes[l + 1], sizes[l])).astype(np.float32)
                f[f"weights/{l}/bias"] = np.zeros((C, sizes[l + 1]), dtype=np.float32)
        """

    @Test("a run with only train_loss among its metrics is analyzed; validate lists what it lacks")
    func minimalRunIsAnalyzedAndValidateListsItsGaps() throws {
        try Python.requireModules(["h5py", "numpy"])
        let directory = try TemporaryDirectory()
        let run = directory.path("minimal.h5")
        try Python.run(Self.minimalWriter, arguments: [run])

        let analyzed = try CommandLineTools.run("lr-analyze", [run, "--format", "json", "--quiet"])
        #expect(analyzed.status == 0, "\(analyzed.standardError)")
        let checked = try Python.run("""
            import json, sys
            d = json.loads(sys.argv[1])
            assert [c["step"] for c in d["checkpoints"]] == [0, 10, 20]
            assert all(set(c["metrics"]) == {"train_loss"} for c in d["checkpoints"]), d["checkpoints"][0]["metrics"]
            assert d["checkpoints"][0]["local_rank"][0][0] == 5
            print("ok")
            """, arguments: [analyzed.standardOutput])
        #expect(checked.hasPrefix("ok"))
        let table = try CommandLineTools.run("lr-analyze", [run, "--quiet"])
        #expect(table.status == 0 && table.standardOutput.contains("train_loss"), "\(table.standardError)")

        let validated = try CommandLineTools.run("lr-analyze", ["validate", run])
        #expect(validated.status != 0)
        let lines = validated.standardOutput.split(separator: "\n").map(String.init)
        for missing in ["/checkpoints/test_loss: missing dataset", "/checkpoints/epoch: missing dataset",
                        "/data@name: missing attribute", "/@producer: missing attribute",
                        "/weights/0/weight: does not have an unlimited first axis"] {
            #expect(lines.contains("\(run): \(missing)"), "validate did not report \(missing):\n\(validated.standardOutput)")
        }
        #expect(lines.allSatisfy { $0.hasPrefix(run + ": ") })
    }

    @Test("validate accepts what lr-train writes, and names the first problem and the count elsewhere")
    func validateAcceptsLrTrainsRuns() throws {
        let directory = try TemporaryDirectory()
        let run = directory.path("run.h5")
        let trained = try CommandLineTools.run("lr-train", ["--data", "gaussian:4x4", "--layers", "4,6,4", "--steps", "20",
                                                            "--checkpoints", "every:10", "--probe", "8", "--out", run, "--quiet"])
        #expect(trained.status == 0, "\(trained.standardError)")
        let validated = try CommandLineTools.run("lr-analyze", ["validate", run])
        #expect(validated.status == 0, "\(validated.standardOutput)")
        #expect(validated.standardOutput == "\(run): valid (run format v1)\n")

        try Python.run("import sys, h5py\nf = h5py.File(sys.argv[1], 'r+')\ndel f['weights/1/bias']\ndel f['probe/x']\nf.close()",
                       arguments: [run])
        let refused = try CommandLineTools.run("lr-analyze", [run, "--quiet"])
        #expect(refused.status != 0)
        #expect(refused.standardError.contains("/probe/x: missing dataset (and 1 more problem"), "\(refused.standardError)")
    }
}
