import Foundation
import LocalRankTestSupport
import Testing

/// The data that needs no --data: the MNIST sample `make deps` installs, and the modular
/// addition of `grok-mod97`, checked against numpy reading the same file / doing the sums.
@Suite(.serialized) struct BundledDataTests {
    @Test("mnist-mlp4-paper runs with no --data, its probes the sample's held-out images as the network sees them",
          .enabled(if: MNISTSampleFile.isInstalled, Comment(rawValue: MNISTSampleFile.skipMessage)))
    func mnistPresetWithoutData() throws {
        try Python.requireModules(["h5py", "numpy"])
        let directory = try TemporaryDirectory(prefix: "mnist-sample")
        let run = directory.path("x.h5")
        let trained = try CommandLineTools.run("lr-train", ["--preset", "mnist-mlp4-paper", "--steps", "30", "--checkpoints", "none",
                                                            "--no-activations", "--out", run, "--quiet"])
        #expect(trained.status == 0, "\(trained.standardError)")
        let checked = try Python.run("""
            import gzip, sys, h5py, numpy as np
            rows = np.loadtxt(gzip.open(sys.argv[2]), delimiter=",", dtype=np.int64)
            by_digit = [rows[rows[:, -1] == d, :-1] / 255.0 for d in range(10)]
            test = np.array([by_digit[d][400 + k] for k in range(100) for d in range(10)])
            with h5py.File(sys.argv[1], "r") as f:
                data = f["data"].attrs
                assert data["probe_source"] == "test", data["probe_source"]
                assert f["training"].attrs["data"] == "mnist-5k", f["training"].attrs["data"]
                x = f["probe/x"][...] * data["input_std"] + data["input_mean"]
                assert x.shape == (128, 784), x.shape
                assert np.abs(x - test[:128]).max() < 1e-5
                assert np.array_equal(f["probe/y"][...].ravel(), np.tile(np.arange(10), 13)[:128])
            print("ok", len(rows))
            """, arguments: [run, MNISTSampleFile.path])
        #expect(checked == "ok 5000\n", "\(checked)")
    }

    @Test("grok-mod97: one-hot pairs of 97 residues, labelled with their sum mod 97")
    func grokkingPresetData() throws {
        try Python.requireModules(["h5py", "numpy"])
        let directory = try TemporaryDirectory(prefix: "grok")
        let run = directory.path("grok.h5")
        let trained = try CommandLineTools.run("lr-train", ["--preset", "grok-mod97", "--steps", "20", "--checkpoints", "none",
                                                            "--no-activations", "--out", run, "--quiet"])
        #expect(trained.status == 0, "\(trained.standardError)")
        let checked = try Python.run("""
            import sys, h5py, numpy as np
            with h5py.File(sys.argv[1], "r") as f:
                x, y = f["probe/x"][...], f["probe/y"][...].ravel()
                assert x.shape == (512, 194), x.shape
                assert ((x == 0) | (x == 1)).all() and (x[:, :97].sum(1) == 1).all() and (x[:, 97:].sum(1) == 1).all()
                a, b = x[:, :97].argmax(1), x[:, 97:].argmax(1)
                assert np.array_equal(y, (a + b) % 97)
                assert f["training"].attrs["data"] == "modular-addition:97:0.4", f["training"].attrs["data"]
            print("ok")
            """, arguments: [run])
        #expect(checked == "ok\n", "\(checked)")

        // One group's step charts carry its train and test accuracy on the right axis.
        let chart = directory.path("grok.svg")
        let plotted = try CommandLineTools.run("lr-analyze", [run, "--by", "weight-decay", "--layers", "1", "--plot", chart, "--quiet"])
        #expect(plotted.status == 0, "\(plotted.standardError)")
        let svg = try String(contentsOfFile: chart, encoding: .utf8)
        #expect(svg.contains("train accuracy (right axis)") && svg.contains("test accuracy (right axis)") && svg.contains(">accuracy<"), "\(svg.prefix(400))")
    }
}
