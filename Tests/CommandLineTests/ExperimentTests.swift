import Foundation
import LocalRankTestSupport
import Testing

/// Grid sweeps with seeds, grouped analyses, held-out probes, standardized inputs and the
/// weights' norms: the experiments of the paper's first claim.
@Suite(.serialized) struct ExperimentTests {
    /// A small, fast run shape; every sweep below varies it.
    static let base = ["--data", "gaussian:6x4", "--layers", "6,16,12,4", "--optimizer", "adamw", "--steps", "200",
                       "--checkpoints", "log:6", "--probe", "24", "--no-activations", "--quiet"]

    func runFiles(_ directory: TemporaryDirectory) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.url.path).filter { $0.hasSuffix(".h5") && !$0.hasSuffix(".lr.h5") }
            .sorted().map(directory.path)
    }

    @Test("bad grid and seed specifications are refused with one line")
    func badSpecifications() throws {
        let directory = try TemporaryDirectory(prefix: "sweep-bad")
        let cases: [([String], String)] = [
            (["--grid", "lr"], "is not NAME=VALUES"),
            (["--grid", "lr=1e-3,1e-3"], "repeats a value"),
            (["--grid", "colour=red,blue"], "colour"),
            (["--grid", "lr=fast,slow"], "lr"),
            (["--grid", "seed=0,1"], "--seeds"),
            (["--seeds", "3-1"], "--seeds"),
            ([], "needs --grid, --betas or --seeds"),
        ]
        for (arguments, says) in cases {
            let outcome = try CommandLineTools.run("lr-train", ["sweep"] + Self.base + arguments + ["--out", directory.path("out")])
            let lines = outcome.standardError.split(separator: "\n").filter { !$0.hasPrefix("Usage") && !$0.hasPrefix("  See") && !$0.isEmpty }
            #expect(outcome.status != 0, "\(arguments)")
            #expect(lines.count == 1 && outcome.standardError.contains(says), "\(arguments): \(outcome.standardError)")
        }
    }

    @Test("a killed sweep resumes: finished runs are kept as they are, the interrupted one ends as if never stopped")
    func killedSweepResumes() throws {
        let directory = try TemporaryDirectory(prefix: "sweep-resume")
        let sweep = ["sweep"] + Self.base.map { $0 == "200" ? "6000" : $0 } + ["--grid", "lr=1e-3,3e-3", "--seeds", "0-1", "--jobs", "1"]
        let out = directory.path("grid")
        let (process, output, error) = try CommandLineTools.start("lr-train", sweep + ["--out", out])
        let manifest = out + "/sweep.json"
        let deadline = Date().addingTimeInterval(120)
        // Kill once one run has finished and the next has written checkpoints.
        while Date() < deadline, process.isRunning {
            let text = (try? String(contentsOfFile: manifest, encoding: .utf8)) ?? ""
            if text.components(separatedBy: "\"finished\"").count - 1 >= 1 { break }
            usleep(20_000)
        }
        usleep(300_000)
        kill(process.processIdentifier, SIGKILL)
        _ = CommandLineTools.finish(process, output, error)
        let finished = try String(contentsOfFile: manifest, encoding: .utf8)
        #expect(finished.contains("\"pending\""), "the sweep finished before it could be killed")
        let first = out + "/lr-1e-3_seed-0.h5"
        let before = try Data(contentsOf: URL(fileURLWithPath: first))

        let refused = try CommandLineTools.run("lr-train", sweep + ["--out", out])
        #expect(refused.status != 0 && refused.standardError.contains("--resume"), "\(refused.standardError)")
        let resumed = try CommandLineTools.run("lr-train", sweep + ["--out", out, "--resume"])
        #expect(resumed.status == 0, "\(resumed.standardError)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: first)) == before, "a finished run was trained again")
        let manifestAfter = try String(contentsOfFile: manifest, encoding: .utf8)
        #expect(manifestAfter.components(separatedBy: "\"finished\"").count - 1 == 4, "\(manifestAfter)")

        // Every run ends with the weights of an uninterrupted run of its settings.
        for name in ["lr-1e-3_seed-1", "lr-3e-3_seed-0", "lr-3e-3_seed-1"] {
            let settings = name.split(separator: "_").map { $0.split(separator: "-", maxSplits: 1) }
            let whole = directory.path("\(name)-whole.h5")
            let trained = try CommandLineTools.run("lr-train", Self.base.map { $0 == "200" ? "6000" : $0 }
                + ["--lr", String(settings[0][1]), "--seed", String(settings[1][1]), "--out", whole])
            #expect(trained.status == 0)
            let same = try Python.run("""
                import sys, h5py, numpy as np
                a, b = h5py.File(sys.argv[1], "r", swmr=True), h5py.File(sys.argv[2], "r")
                print(all(np.array_equal(a[f"weights/{l}/weight"][-1], b[f"weights/{l}/weight"][-1]) for l in range(3)))
                """, arguments: [out + "/\(name).h5", whole])
            #expect(same == "True\n", "\(name)")
        }
    }

    @Test("--by aggregates seeds as numpy does, step by step, and aligns runs whose checkpoints differ")
    func groupedAnalysisMatchesNumpy() throws {
        try Python.requireModules(["numpy"])
        let directory = try TemporaryDirectory(prefix: "sweep-by")
        let out = directory.path("grid")
        let sweep = try CommandLineTools.run("lr-train", ["sweep"] + Self.base + ["--grid", "weight-decay=0,0.5", "--seeds", "0-2", "--out", out])
        #expect(sweep.status == 0, "\(sweep.standardError)")
        // A fourth seed of one setting with other checkpoints: it counts at its own steps only.
        let odd = try CommandLineTools.run("lr-train", Self.base.map { $0 == "log:6" ? "every:50" : $0 }
            + ["--weight-decay", "0.5", "--seed", "3", "--out", out + "/weight-decay-0.5_seed-3.h5"])
        #expect(odd.status == 0, "\(odd.standardError)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasSuffix(".h5") && !$0.hasSuffix(".lr.h5") }
            .sorted().map { out + "/" + $0 }
        var single = [String]()
        for file in files {
            let analyzed = try CommandLineTools.run("lr-analyze", [file, "--eps", "1e-2,1e-3", "--format", "json", "--quiet"])
            #expect(analyzed.status == 0, "\(analyzed.standardError)")
            single.append(analyzed.standardOutput)
        }
        let grouped = try CommandLineTools.run("lr-analyze", files + ["--by", "weight-decay", "--eps", "1e-2,1e-3", "--format", "json", "--quiet"])
        #expect(grouped.status == 0, "\(grouped.standardError)")
        let checked = try Python.run("""
            import json, sys
            import numpy as np
            files, singles, grouped = json.loads(sys.argv[1]), [json.loads(s) for s in json.loads(sys.argv[2])], json.loads(sys.argv[3])
            assert grouped["by"] == ["weight-decay"] and [g["settings"]["weight-decay"] for g in grouped["groups"]] == ["0.0", "0.5"]
            for group in grouped["groups"]:
                runs = [s for f, s in zip(files, singles) if f in group["files"]]
                steps = sorted({c["step"] for r in runs for c in r["checkpoints"]})
                assert [c["step"] for c in group["checkpoints"]] == steps
                for c in group["checkpoints"]:
                    here = [next(x for x in r["checkpoints"] if x["step"] == c["step"]) for r in runs
                            if any(x["step"] == c["step"] for x in r["checkpoints"])]
                    assert c["runs"] == len(here)
                    for e in range(2):
                        for l in range(3):
                            values = np.array([x["local_rank"][e][l] for x in here])
                            stat = c["local_rank"][e][l]
                            assert stat["n"] == len(values) and abs(stat["mean"] - values.mean()) < 1e-12
                            if len(values) > 1:
                                assert abs(stat["std"] - values.std(ddof=1)) < 1e-12
                            else:
                                assert stat["std"] is None
            sizes = [len(g["files"]) for g in grouped["groups"]]
            odd_steps = [c["runs"] for c in grouped["groups"][1]["checkpoints"]]
            print("ok", sizes, min(odd_steps), max(odd_steps))
            """, arguments: [String(decoding: try JSONEncoder().encode(files), as: UTF8.self),
                             String(decoding: try JSONEncoder().encode(single), as: UTF8.self), grouped.standardOutput])
        #expect(checked == "ok [3, 4] 1 4\n", "\(checked)")
        let table = try CommandLineTools.run("lr-analyze", files + ["--by", "weight-decay,lr", "--eps", "1e-2", "--quiet"])
        #expect(table.status == 0 && table.standardOutput.contains("final phase"), "\(table.standardError)")
    }

    @Test("held-out, standardized probes: Fashion-MNIST's test images as the network sees them",
          .enabled(if: FashionMNIST.isInstalled, "Fashion-MNIST is not installed in /usr/share/datasets/fashion-mnist (Debian's dataset-fashion-mnist, which make test installs)"))
    func heldOutStandardizedProbe() throws {
        try Python.requireModules(["h5py", "numpy"])
        let directory = try TemporaryDirectory(prefix: "probe-test")
        let run = directory.path("run.h5")
        let trained = try CommandLineTools.run("lr-train", [
            "--data", "fashion-mnist", "--layers", "784,16,10", "--train-subset", "200", "--steps", "20",
            "--checkpoints", "none", "--probe", "32", "--probe-from", "test", "--standardize", "--no-activations",
            "--out", run, "--quiet"])
        #expect(trained.status == 0, "\(trained.standardError)")
        let checked = try Python.run("""
            import gzip, sys, h5py, numpy as np
            def images(name):
                with gzip.open(f"/usr/share/datasets/fashion-mnist/{name}-images-idx3-ubyte.gz") as f:
                    return np.frombuffer(f.read()[16:], dtype=np.uint8).reshape(-1, 784) / 255.0
            train, test = images("train"), images("t10k")
            mean, std = train.mean(), train.std()
            with h5py.File(sys.argv[1], "r") as f:
                data = f["data"].attrs
                assert data["probe_source"] == "test", data["probe_source"]
                # Our pixels are float32, numpy's float64 here: agreement to float32 rounding.
                assert abs(data["input_mean"] / mean - 1) < 1e-6 and abs(data["input_std"] / std - 1) < 1e-6, (data["input_mean"], mean)
                x = f["probe/x"][...]
                assert np.abs(x - ((test[:32] - mean) / std)).max() < 1e-5
                assert np.array_equal(f["probe/y"][...], np.frombuffer(gzip.open("/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz").read()[8:], dtype=np.uint8)[:32])
            print("ok", round(mean, 4), round(std, 4))
            """, arguments: [run])
        #expect(checked.hasPrefix("ok 0.286 0.353"), "\(checked)")
    }

    @Test("the weights' operator norm, Frobenius norm and stable rank equal numpy's")
    func weightNorms() throws {
        try Python.requireModules(["h5py", "numpy"])
        let directory = try TemporaryDirectory(prefix: "weight-norms")
        let run = directory.path("run.h5")
        #expect(try CommandLineTools.run("lr-train", Self.base + ["--out", run]).status == 0)
        var measured = [String]()
        for measure in ["weight-spectral-norm", "weight-frobenius-norm", "weight-stable-rank"] {
            let outcome = try CommandLineTools.run("lr-analyze", [run, "--measure", measure, "--format", "json", "--quiet"])
            #expect(outcome.status == 0, "\(outcome.standardError)")
            measured.append(outcome.standardOutput)
        }
        #expect(!FileManager.default.fileExists(atPath: directory.path("run.lr.h5")), "weight measures need no cache")
        let checked = try Python.run("""
            import json, sys, h5py, numpy as np
            f = h5py.File(sys.argv[1], "r")
            norms = [lambda W: np.linalg.norm(W, 2), lambda W: np.linalg.norm(W, "fro"),
                     lambda W: np.linalg.norm(W, "fro") ** 2 / np.linalg.norm(W, 2) ** 2]
            worst = 0.0
            for text, norm in zip(sys.argv[2:], norms):
                for k, c in enumerate(json.loads(text)["checkpoints"]):
                    for l in range(3):
                        W = f[f"weights/{l}/weight"][k].astype(np.float64)
                        worst = max(worst, abs(c["local_rank"][0][l] - norm(W)) / norm(W))
            print(worst < 1e-12, worst)
            """, arguments: [run] + measured)
        #expect(checked.hasPrefix("True"), "\(checked)")
    }
}
