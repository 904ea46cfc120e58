import Foundation
import LocalRankTestSupport
import Testing

/// `lr-analyze information` against an independent float64 numpy implementation of its
/// formulas (`Tests/python/information_reference.py`): binning to the last bit, the kernel
/// bounds to 1e-9 relative, on lr-train's runs and on runs h5py writes for another producer.
@Suite struct InformationCommandTests {
    static let reference = CommandLineTools.repositoryRoot.appendingPathComponent("Tests/python").path

    /// Runs `lr-analyze information run ARGUMENTS --format json`, then the numpy check on its output.
    @discardableResult
    func checkAgainstNumpy(_ run: String, _ arguments: [String], in directory: TemporaryDirectory,
                           sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let analyzed = try CommandLineTools.run("lr-analyze", ["information", run, "--format", "json", "--quiet"] + arguments)
        #expect(analyzed.status == 0, "\(analyzed.standardError)", sourceLocation: sourceLocation)
        let output = directory.path("information-\(arguments.joined(separator: "_")).json")
        try analyzed.standardOutput.write(toFile: output, atomically: true, encoding: .utf8)
        let checked = try Python.run("""
            import sys
            sys.path.insert(0, sys.argv[1])
            import information_reference
            information_reference.check(sys.argv[2], sys.argv[3])
            """, arguments: [Self.reference, run, output])
        #expect(checked.hasPrefix("ok"), sourceLocation: sourceLocation)
        return analyzed.standardOutput
    }

    func train(_ arguments: [String], in directory: TemporaryDirectory, name: String) throws -> String {
        let run = directory.path(name)
        let trained = try CommandLineTools.run("lr-train", arguments + ["--out", run, "--quiet"])
        #expect(trained.status == 0, "\(trained.standardError)")
        return run
    }

    @Test("binning and kde equal numpy's on ib-12bit runs, tanh and ReLU", arguments: ["tanh", "relu"])
    func twelveBitRunsMatchNumpy(activation: String) throws {
        try Python.requireModules(["h5py", "numpy"])
        let directory = try TemporaryDirectory()
        let run = try train(["--preset", "ib-12bit", "--activation", activation, "--steps", "400", "--checkpoints", "every:200"],
                            in: directory, name: "\(activation).h5")
        try checkAgainstNumpy(run, [], in: directory)
        try checkAgainstNumpy(run, ["--bins", "7", "--checkpoints", "0,400"], in: directory)
        if activation == "tanh" { try checkAgainstNumpy(run, ["--bin-range", "-1:1", "--checkpoints", "last"], in: directory) }
        try checkAgainstNumpy(run, ["--estimator", "kde", "--probe", "600", "--checkpoints", "0,400"], in: directory)
        try checkAgainstNumpy(run, ["--estimator", "kde", "--noise-variance", "0.02", "--probe", "300", "--layers", "0,4",
                                    "--checkpoints", "last", "--threads", "1"], in: directory)
    }

    /// A classifier written by h5py as another producer would: only what the analysis needs,
    /// labels 3, 5 and 9 (not 0 … C − 1), no activations stored.
    static let foreignClassifier = """
        import sys, h5py, numpy as np
        rng = np.random.default_rng(7)
        sizes, C, N = [6, 40, 5, 3], 3, 200
        with h5py.File(sys.argv[1], "w") as f:
            f.attrs["format"] = "local-rank-run"
            f.attrs["format_version"] = 1
            f.attrs["producer"] = "a numpy script"
            m = f.create_group("model")
            m.attrs["architecture"] = "mlp"
            m.attrs["layer_sizes"] = np.array(sizes, dtype=np.int64)
            m.attrs["activations"] = [sys.argv[2], sys.argv[2], "identity"]
            f.create_group("data").attrs["task"] = "classification"
            f["probe/x"] = rng.standard_normal((N, sizes[0])).astype(np.float32)
            f["probe/y"] = rng.choice([3, 5, 9], size=N).astype(np.int64)
            f["checkpoints/step"] = np.array([0, 10, 100], dtype=np.int64)
            f["checkpoints/train_loss"] = np.array([1.0, 0.5, 0.25])
            for l in range(3):
                f[f"weights/{l}/weight"] = (rng.standard_normal((C, sizes[l + 1], sizes[l])) / np.sqrt(sizes[l])).astype(np.float32)
                f[f"weights/{l}/bias"] = (0.1 * rng.standard_normal((C, sizes[l + 1]))).astype(np.float32)
        """

    @Test("runs h5py wrote for another producer match numpy; a wide layer on 200 inputs is saturated",
          arguments: ["tanh", "relu"])
    func foreignRunsMatchNumpy(activation: String) throws {
        try Python.requireModules(["h5py", "numpy"])
        let directory = try TemporaryDirectory()
        let run = directory.path("foreign-\(activation).h5")
        try Python.run(Self.foreignClassifier, arguments: [run, activation])
        let json = try checkAgainstNumpy(run, [], in: directory)
        try checkAgainstNumpy(run, ["--estimator", "kde"], in: directory)
        try checkAgainstNumpy(run, ["--estimator", "kde", "--noise-variance", "1"], in: directory)
        // 40 units in 30 bins tell 200 inputs apart: saturated; the 5-unit layer is not.
        let checked = try Python.run("""
            import json, sys
            d = json.loads(sys.argv[1])
            assert all(c["saturated"][0] for c in d["checkpoints"]), [c["i_xt"] for c in d["checkpoints"]]
            assert not any(c["saturated"][2] for c in d["checkpoints"]), [c["i_xt"] for c in d["checkpoints"]]
            print("ok")
            """, arguments: [json])
        #expect(checked.hasPrefix("ok"))
        let table = try CommandLineTools.run("lr-analyze", ["information", run, "--quiet"])
        #expect(table.status == 0)
        #expect(table.standardOutput.contains("* saturated: within 1% of log2 N = 7.64 bits"), "\(table.standardOutput)")
    }

    @Test("ib-12bit's narrow layers (widths 4, 3 and 2) are not saturated at 30 bins")
    func twelveBitNarrowLayersAreNotSaturated() throws {
        let directory = try TemporaryDirectory()
        let run = try train(["--preset", "ib-12bit", "--steps", "2000", "--checkpoints", "every:500"], in: directory, name: "ib.h5")
        let analyzed = try CommandLineTools.run("lr-analyze", ["information", run, "--format", "json", "--quiet", "--layers", "3,4,5"])
        #expect(analyzed.status == 0, "\(analyzed.standardError)")
        let checked = try Python.run("""
            import json, sys
            d = json.loads(sys.argv[1])
            assert [l["width"] for l in d["layers"]] == [4, 3, 2], d["layers"]
            assert d["probe_count"] == 4096 and abs(d["log2_n"] - 12) < 1e-12
            assert 0.9 < d["label_entropy"] <= 1, d["label_entropy"]
            assert not any(any(c["saturated"]) for c in d["checkpoints"]), [c["i_xt"] for c in d["checkpoints"]]
            print("ok")
            """, arguments: [analyzed.standardOutput])
        #expect(checked.hasPrefix("ok"))
    }

    @Test("a regression run gets I(X;T) and one line saying why I(T;Y) is absent")
    func regressionRunsHaveNoLabelInformation() throws {
        let directory = try TemporaryDirectory()
        let run = try train(["--data", "gaussian:4x4", "--layers", "4,8,4", "--steps", "20", "--checkpoints", "every:10",
                             "--probe", "64"], in: directory, name: "regression.h5")
        try checkAgainstNumpy(run, [], in: directory)
        let table = try CommandLineTools.run("lr-analyze", ["information", run, "--quiet"])
        #expect(table.status == 0)
        #expect(table.standardOutput.contains("I(T;Y) is not estimated: \(run) is a regression run, whose targets are not class labels."),
                "\(table.standardOutput)")
    }

    @Test("replayed pre-activations agree with the stored ones to float32 rounding")
    func replayedPreActivationsMatchStoredOnes() throws {
        try Python.requireModules(["h5py", "numpy"])
        let directory = try TemporaryDirectory()
        let run = try train(["--preset", "ib-12bit", "--steps", "400", "--checkpoints", "every:200"], in: directory, name: "ib.h5")
        let checked = try Python.run("""
            import sys, h5py, numpy as np
            with h5py.File(sys.argv[1], "r") as f:
                x = np.asarray(f["probe/x"][...], dtype=np.float64)
                layers = len(f["model"].attrs["activations"])
                for c in range(len(f["checkpoints/step"])):
                    previous = x
                    for l in range(layers):
                        w = np.asarray(f[f"weights/{l}/weight"][c], dtype=np.float64)
                        b = np.asarray(f[f"weights/{l}/bias"][c], dtype=np.float64)
                        z = previous @ w.T + b
                        stored = np.asarray(f[f"activations/{l}"][c], dtype=np.float64)
                        # lr-train's float32 pass rounds each layer's output: a few ulps per layer.
                        error = np.max(np.abs(stored - z))
                        assert error <= 16 * (l + 1) * 2.0**-24 * max(1.0, np.max(np.abs(z))), (c, l, error)
                        previous = np.tanh(z)
            print("ok")
            """, arguments: [run])
        #expect(checked.hasPrefix("ok"))
        // And the tool's replay is the one numpy checks (`information_reference.representations`).
        try checkAgainstNumpy(run, ["--checkpoints", "last"], in: directory)
    }

    @Test("rank --measure activation-effective-rank and activation-rank equal numpy's SVD of the replayed outputs")
    func activationMeasuresMatchNumpy() throws {
        try Python.requireModules(["h5py", "numpy"])
        let directory = try TemporaryDirectory()
        let run = directory.path("foreign.h5")
        try Python.run(Self.foreignClassifier, arguments: [run, "relu"])
        var outputs = [String]()
        for arguments in [["--measure", "activation-effective-rank"], ["--measure", "activation-rank", "--eps", "1e-3,1"]] {
            let analyzed = try CommandLineTools.run("lr-analyze", [run, "--format", "json", "--quiet"] + arguments)
            #expect(analyzed.status == 0, "\(analyzed.standardError)")
            outputs.append(analyzed.standardOutput)
        }
        let checked = try Python.run("""
            import json, sys
            import numpy as np
            sys.path.insert(0, sys.argv[1])
            import information_reference as r
            rankme, counted = json.loads(sys.argv[3]), json.loads(sys.argv[4])
            for c, checkpoint in enumerate(rankme["checkpoints"]):
                for l, t in enumerate(r.representations(sys.argv[2], c)):
                    s = np.linalg.svd(t, compute_uv=False)
                    p = s / s.sum() + 1e-7
                    expected = float(np.exp(-(p * np.log(p)).sum()))
                    got = checkpoint["local_rank"][0][l]
                    assert abs(got - expected) <= 1e-9 * expected, (c, l, got, expected)
                    centred = np.linalg.svd(t - t.mean(axis=0), compute_uv=False)
                    for e, eps in enumerate(counted["eps"]):
                        assert counted["checkpoints"][c]["local_rank"][e][l] == int((centred > eps).sum()), (c, l, eps)
            print("ok")
            """, arguments: [Self.reference, run, outputs[0], outputs[1]])
        #expect(checked.hasPrefix("ok"))
    }

    @Test("wrong options get one clear line and a non-zero exit")
    func badOptionsAreRefused() throws {
        let directory = try TemporaryDirectory()
        let run = try train(["--data", "gaussian:4x4", "--layers", "4,8,4", "--steps", "10", "--checkpoints", "every:10",
                             "--probe", "16"], in: directory, name: "run.h5")
        for (arguments, message) in [
            (["--noise-variance", "0.1"], "--noise-variance is the kde estimator's"),
            (["--estimator", "kde", "--bins", "5"], "--bins and --bin-range are the binning estimator's"),
            (["--bin-range", "1:-1"], "--bin-range '1:-1' is not lo:hi"),
            (["--bins", "0"], "--bins must be at least 1"),
            (["--plot-rank"], "--plot-rank draws beside --plot's planes"),
        ] {
            let refused = try CommandLineTools.run("lr-analyze", ["information", run] + arguments)
            #expect(refused.status != 0)
            #expect(refused.standardError.contains(message), "\(arguments): \(refused.standardError)")
        }
    }

    @Test("--plot draws the plane with a colour bar, and --plot-rank the local rank beside it")
    func planeIsDrawn() throws {
        let directory = try TemporaryDirectory()
        let run = try train(["--preset", "ib-12bit", "--steps", "400", "--checkpoints", "log:6"], in: directory, name: "ib.h5")
        let plot = directory.path("plane.svg")
        let drawn = try CommandLineTools.run("lr-analyze", ["information", run, "--quiet", "--plot", plot, "--plot-rank"])
        #expect(drawn.status == 0, "\(drawn.standardError)")
        let svg = try String(contentsOfFile: plot, encoding: .utf8)
        #expect(svg.contains("class=\"color-bar\""))
        #expect(svg.contains("training step"))
        #expect(svg.contains("I(T;Y) (bits)") && svg.contains("I(X;T) (bits)"))
        #expect(svg.contains("Local rank (ε = 1e-3)"))
    }
}
