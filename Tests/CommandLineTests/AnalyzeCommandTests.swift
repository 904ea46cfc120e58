import Foundation
import HDF5
import LocalRankTestSupport
import RunFormat
import Testing

/// Trains a small run once per test that needs one.
func trainedRun(in directory: TemporaryDirectory, name: String = "run.h5", seed: Int = 5) throws -> String {
    let run = directory.path(name)
    let outcome = try CommandLineTools.run("lr-train", smallTrainingArguments(run, steps: 400, checkpoints: "log:6") + ["--seed", "\(seed)"])
    #expect(outcome.status == 0, "\(outcome.standardError)")
    return run
}

/// A copy of `run` changed by a short h5py script (`f` is the file opened for writing).
func modifiedCopy(of run: String, in directory: TemporaryDirectory, name: String, _ script: String) throws -> String {
    let copy = directory.path(name)
    try FileManager.default.copyItem(atPath: run, toPath: copy)
    try Python.run("import sys, h5py, numpy as np\nf = h5py.File(sys.argv[1], 'r+')\n" + script + "\nf.close()", arguments: [copy])
    return copy
}

@Suite(.serialized) struct AnalyzeCommandTests {
    @Test func helpDescribesTheOptions() throws {
        let outcome = try CommandLineTools.run("lr-analyze", ["rank", "--help"])
        #expect(outcome.status == 0)
        for option in ["--eps", "--format", "--checkpoints", "--layers", "--probe", "--plot", "--threads", "--follow", "--cache",
                       "--measure", "--help"] {
            #expect(outcome.standardOutput.contains(option), "help lacks \(option)")
        }
    }

    @Test func tableCsvAndJsonAgree() throws {
        try Python.requireModules(["h5py", "numpy"])
        let directory = try TemporaryDirectory()
        let run = try trainedRun(in: directory)
        let table = try CommandLineTools.run("lr-analyze", [run, "--eps", "1e-3", "--quiet"])
        #expect(table.status == 0, "\(table.standardError)")
        #expect(table.standardOutput.contains("layer 0 (12)") && table.standardOutput.contains("train_loss"))
        #expect(FileManager.default.fileExists(atPath: directory.path("run.lr.h5")))

        let json = try CommandLineTools.run("lr-analyze", [run, "--eps", "1e-2,1e-3", "--format", "json", "--quiet"])
        #expect(json.status == 0)
        let checked = try Python.run("""
            import json, sys
            d = json.loads(sys.stdin.read()) if False else json.loads(sys.argv[1])
            assert d['eps'] == [0.01, 0.001], d['eps']
            assert [l['width'] for l in d['layers']] == [12, 10, 4]
            assert len(d['checkpoints']) >= 4
            for c in d['checkpoints']:
                assert len(c['local_rank']) == 2 and all(len(r) == 3 for r in c['local_rank'])
                assert len(c['rank_std']) == 2
                assert 'train_loss' in c['metrics']
                assert c['local_rank'][0][0] <= c['local_rank'][1][0] <= 6
            print('ok', len(d['checkpoints']))
            """, arguments: [json.standardOutput])
        #expect(checked.hasPrefix("ok"))

        let csv = try CommandLineTools.run("lr-analyze", [run, "--format", "csv", "--layers", "1", "--quiet"])
        #expect(csv.standardOutput.split(separator: "\n").first == "measure,eps,step,test_loss,train_loss,layer_1,layer_1_std")
    }

    /// The spectra in the cache agree with numpy's float64 SVD of the explicit Jacobian.
    @Test func localRankMatchesNumpyOnATrainedNetwork() throws {
        try Python.requireModules(["h5py", "numpy"])
        let directory = try TemporaryDirectory()
        let run = try trainedRun(in: directory)
        let ours = try CommandLineTools.run("lr-analyze", [run, "--eps", "1e-3,1e-1", "--format", "json", "--quiet"])
        #expect(ours.status == 0)
        let report = try Python.run(numpyReference, arguments: [run, ours.standardOutput])
        #expect(report.hasPrefix("agree"), "\(report)")
    }

    @Test func reThresholdingReadsTheCacheWithoutRecomputing() throws {
        let directory = try TemporaryDirectory()
        let run = try trainedRun(in: directory)
        let cache = directory.path("run.lr.h5")
        _ = try CommandLineTools.run("lr-analyze", [run, "--quiet"])
        let before = try FileManager.default.attributesOfItem(atPath: cache)[.modificationDate] as! Date
        usleep(1_100_000)
        let again = try CommandLineTools.run("lr-analyze", [run, "--eps", "1e-5", "--quiet", "--format", "csv"])
        #expect(again.status == 0)
        let after = try FileManager.default.attributesOfItem(atPath: cache)[.modificationDate] as! Date
        #expect(before == after, "the cache was rewritten although nothing changed")
        // The same numbers as a fresh computation.
        let fresh = try CommandLineTools.run("lr-analyze", [run, "--eps", "1e-5", "--quiet", "--format", "csv",
                                                             "--cache", directory.path("other.lr.h5")])
        #expect(fresh.standardOutput == again.standardOutput)
        // Other measures come from the same spectra.
        for measure in ["relative-rank", "effective-rank", "stable-rank"] {
            let outcome = try CommandLineTools.run("lr-analyze", [run, "--measure", measure, "--quiet"])
            #expect(outcome.status == 0 && outcome.standardOutput.contains(measure))
        }
        #expect(try FileManager.default.attributesOfItem(atPath: cache)[.modificationDate] as! Date == before)
    }

    @Test func aChangedRunRecomputesOnlyWhatChanged() throws {
        try Python.requireModules(["h5py", "numpy"])
        let directory = try TemporaryDirectory()
        let run = try trainedRun(in: directory)
        _ = try CommandLineTools.run("lr-analyze", [run, "--quiet"])
        // Change the last checkpoint's weights: its row must change, the others not.
        let original = try CommandLineTools.run("lr-analyze", [run, "--quiet", "--format", "csv", "--eps", "0.5"])
        try Python.run("import sys, h5py\nf = h5py.File(sys.argv[1], 'r+')\nw = f['weights/1/weight']\nw[-1] = 0\nf.close()",
                       arguments: [run])
        let changed = try CommandLineTools.run("lr-analyze", [run, "--quiet", "--format", "csv", "--eps", "0.5"])
        #expect(changed.status == 0)
        let a = original.standardOutput.split(separator: "\n"), b = changed.standardOutput.split(separator: "\n")
        #expect(a.dropLast() == b.dropLast())
        #expect(b.last!.hasSuffix(",0.0,0.0,0.0,0.0") || b.last! != a.last!)
    }

    @Test func badInputGivesOneClearLineAndNoCache() throws {
        try Python.requireModules(["h5py", "numpy"])
        let directory = try TemporaryDirectory()
        let run = try trainedRun(in: directory)
        let text = directory.path("notes.h5")
        try Data("not an HDF5 file\n".utf8).write(to: URL(fileURLWithPath: text))
        let truncated = directory.path("truncated.h5")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: run))
        try bytes.prefix(bytes.count / 3).write(to: URL(fileURLWithPath: truncated))
        let foreign = directory.path("foreign.h5")
        try Python.run("import sys, h5py\nf = h5py.File(sys.argv[1], 'w')\nf['data'] = [1, 2, 3]\nf.attrs['format'] = 'something-else'\nf.close()",
                       arguments: [foreign])
        let missing = try modifiedCopy(of: run, in: directory, name: "missing.h5", "del f['weights/1/bias']")
        let misshaped = try modifiedCopy(of: run, in: directory, name: "misshaped.h5",
                                         "del f['probe/x']\nf['probe/x'] = np.zeros((16, 5), dtype='float32')")

        let cases: [(arguments: [String], file: String, says: String)] = [
            ([text], text, "HDF5"),
            ([truncated], truncated, "truncated"),
            ([foreign], foreign, "not a local-rank run"),
            ([missing], missing, "/weights/1/bias"),
            ([misshaped], misshaped, "/probe/x"),
            ([directory.path("absent.h5")], directory.path("absent.h5"), "no such file"),
            ([run, "--eps", "0"], "--eps", "positive"),
            ([run, "--eps=-1e-3"], "--eps", "positive"),
            ([run, "--eps", "abc"], "--eps", "positive"),
            // Missing directories are created; one under a regular file cannot be.
            ([run, "--cache", text + "/caches/run.lr.h5"], text, "cannot create the directory"),
            ([run, "--cache", text], text, "analysis cache"),
        ]
        for (arguments, file, says) in cases {
            let outcome = try CommandLineTools.run("lr-analyze", arguments + ["--quiet"])
            let lines = outcome.standardError.split(separator: "\n").filter { !$0.hasPrefix("Usage") && !$0.hasPrefix("  See") && !$0.isEmpty }
            #expect(outcome.status != 0, "\(arguments)")
            #expect(lines.count == 1, "\(arguments): \(outcome.standardError)")
            #expect(outcome.standardError.contains(file), "\(arguments): \(outcome.standardError)")
            #expect(outcome.standardError.contains(says), "\(arguments): \(outcome.standardError)")
            #expect(!outcome.standardError.contains("Fatal error") && !outcome.standardError.contains("Stack"), "\(arguments)")
        }
        for name in ["notes.lr.h5", "truncated.lr.h5", "foreign.lr.h5", "missing.lr.h5", "misshaped.lr.h5"] {
            #expect(!FileManager.default.fileExists(atPath: directory.path(name)), "\(name) was left behind")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.url.path).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }

    @Test func aCacheFromAnotherRunIsRefused() throws {
        let directory = try TemporaryDirectory()
        let first = try trainedRun(in: directory, name: "first.h5")
        let second = try trainedRun(in: directory, name: "second.h5", seed: 6)
        _ = try CommandLineTools.run("lr-analyze", [first, "--quiet"])
        let outcome = try CommandLineTools.run("lr-analyze", [second, "--cache", directory.path("first.lr.h5"), "--quiet"])
        #expect(outcome.status != 0)
        #expect(outcome.standardError.contains("another run"))
        let replaced = try CommandLineTools.run("lr-analyze", [second, "--cache", directory.path("first.lr.h5"), "--recompute", "--quiet"])
        #expect(replaced.status == 0)
    }

    @Test func nonFiniteCheckpointsAreReportedAndTheOthersAnalyzed() throws {
        try Python.requireModules(["h5py", "numpy"])
        let directory = try TemporaryDirectory()
        let run = try trainedRun(in: directory)
        let poisoned = try modifiedCopy(of: run, in: directory, name: "poisoned.h5", "w = f['weights/0/weight']\nx = w[1]\nx[0, 0] = np.nan\nw[1] = x")
        let outcome = try CommandLineTools.run("lr-analyze", [poisoned, "--quiet"])
        #expect(outcome.status == 4)
        #expect(outcome.standardOutput.contains("non-finite"))
        #expect(outcome.standardError.contains(poisoned) && outcome.standardError.contains("NaN or infinite"))
        let rows = outcome.standardOutput.split(separator: "\n").filter { $0.first?.isNumber == true }
        #expect(rows.filter { $0.contains("non-finite") }.count == 1)
        #expect(rows.count >= 4)
    }

    @Test func followAnalyzesARunWhileItIsWritten() throws {
        let directory = try TemporaryDirectory()
        let run = directory.path("live.h5")
        let (trainer, trainerOutput, trainerError) = try CommandLineTools.start(
            "lr-train", ["--data", "gaussian:16x8", "--layers", "16,64,64,8", "--steps", "12000", "--checkpoints", "every:1000",
                         "--probe", "32", "--out", run, "--quiet"])
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: run) && Date() < deadline { usleep(50_000) }
        usleep(200_000)
        let follow = try CommandLineTools.run("lr-analyze", [run, "--follow", "--follow-timeout", "60", "--format", "csv", "--quiet"])
        let training = CommandLineTools.finish(trainer, trainerOutput, trainerError)
        #expect(training.status == 0)
        #expect(follow.status == 0, "\(follow.standardError)")
        let steps = follow.standardOutput.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[2] }
        #expect(steps.map { Int($0)! } == Array(stride(from: 0, through: 12000, by: 1000)))
    }
}

/// Rebuilds each checkpoint's network with numpy in float64, forms J_l explicitly and
/// compares numpy's singular-value counts with ours, checkpoint by checkpoint.
let numpyReference = """
    import sys, json, h5py, numpy as np
    run, ours = sys.argv[1], json.loads(sys.argv[2])
    f = h5py.File(run, 'r')
    sizes = list(f['model'].attrs['layer_sizes']); acts = list(f['model'].attrs['activations'])
    L = len(sizes) - 1; X = f['probe/x'][...].astype(np.float64); C = len(f['checkpoints/step'])
    problems = 0
    for k in range(C):
        W = [f[f'weights/{l}/weight'][k].astype(np.float64) for l in range(L)]
        b = [f[f'weights/{l}/bias'][k].astype(np.float64) for l in range(L)]
        # A singular value within a relative 1e-6 of ε may count either way: bound the count.
        low = np.zeros((len(ours['eps']), L)); high = np.zeros((len(ours['eps']), L))
        for x in X:
            J = np.eye(sizes[0]); a = x
            for l in range(L):
                z = W[l] @ a + b[l]; J = W[l] @ J
                s = np.linalg.svd(J, compute_uv=False)
                for e, eps in enumerate(ours['eps']):
                    low[e, l] += np.sum(s > eps * (1 + 1e-6)); high[e, l] += np.sum(s > eps * (1 - 1e-6))
                d = (z > 0).astype(float) if acts[l] == 'relu' else (1 - np.tanh(z)**2 if acts[l] == 'tanh' else np.ones_like(z))
                a = np.maximum(z, 0) if acts[l] == 'relu' else (np.tanh(z) if acts[l] == 'tanh' else z)
                J = d[:, None] * J
        mine = np.array(ours['checkpoints'][k]['local_rank'])
        if np.any(mine < low / len(X) - 1e-12) or np.any(mine > high / len(X) + 1e-12):
            problems += 1
            print('checkpoint', k, 'numpy between', low / len(X), high / len(X), 'ours', mine)
    print('agree' if problems == 0 else 'disagree')
    """
