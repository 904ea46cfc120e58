import Foundation
import HDF5
import LocalRankTestSupport
import RunFormat
import Testing

/// The h5py writer in `examples/` produces valid run files, and `lr-analyze` computes their
/// local rank exactly as numpy does from the explicit Jacobian.
@Suite(.serialized) struct PythonExampleTests {
    static let example = CommandLineTools.repositoryRoot.appendingPathComponent("examples/write_run_from_weights.py").path
    static let checker = CommandLineTools.repositoryRoot.appendingPathComponent("Tests/python/check_run_file.py").path
    /// Runs the script named by the first argument with the remaining arguments, as `python3 script ...` would.
    static let runScript = "import runpy, sys; sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')"

    @Test(arguments: ["regression", "classification"])
    func exampleRunIsValidAndItsLocalRankMatchesNumpy(task: String) throws {
        try Python.requireModules(["h5py", "numpy"])
        let directory = try TemporaryDirectory(prefix: "python-example")
        let run = directory.path("example.h5")
        let written = try Python.run(Self.runScript, arguments: [Self.example, run, "--seed", "7", "--task", task])
        #expect(written.hasPrefix("wrote \(run)"))

        // Valid: our validator with the writing conventions, and the independent h5py checker.
        let file = try HDF5File.open(run)
        #expect(RunValidator(scope: .complete).problems(in: file) == [])
        try file.close()
        let checked = try Python.run(Self.runScript, arguments: [Self.checker, run, "--expect-task", task])
        #expect(checked.hasPrefix("OK"), "\(checked)")

        // lr-analyze accepts it (it validates every file it opens) and writes the cache.
        let analysis = try CommandLineTools.run("lr-analyze", [run, "--eps", "1e-3,1e-1", "--format", "json", "--quiet"])
        #expect(analysis.status == 0, "\(analysis.standardError)")
        try #require(analysis.status == 0)
        let json = directory.path("analysis.json")
        try Data(analysis.standardOutput.utf8).write(to: URL(fileURLWithPath: json))
        let cache = directory.path("example.lr.h5")
        #expect(FileManager.default.fileExists(atPath: cache))

        let verdict = try Python.run(pythonExampleNumpyCheck, arguments: [run, cache, json, "none"])
        #expect(verdict.hasPrefix("agree"), "\(verdict)")

        // The comparison has teeth: one probe input's count off by one, in the JSON or in the
        // cache, is caught.
        for mutation in ["json", "cache"] {
            let caught = try Python.run(pythonExampleNumpyCheck, arguments: [run, cache, json, mutation])
            #expect(caught.hasPrefix("disagree"), "mutating the \(mutation) went unnoticed: \(caught)")
        }
    }
}

/// argv: run file, cache, JSON output of `lr-analyze --eps 1e-3,1e-1`, mutation (none, json, cache).
/// Rebuilds J_l(x) = ∂z_l/∂x explicitly in float64, takes numpy's SVD and checks, for every
/// checkpoint, layer and ε: the JSON's mean and standard deviation, the cached spectra, and the
/// counts read off the cache. A singular value within relative 1e-6 of ε may count either way.
/// Prints "agree ..." or "disagree" and the problems.
private let pythonExampleNumpyCheck = """
    import sys, json, h5py, numpy as np
    run_path, cache_path, json_path, mutation = sys.argv[1:5]
    ours = json.load(open(json_path))
    problems = []
    def expect(condition, message):
        if not condition: problems.append(message)

    with h5py.File(run_path, 'r') as f:
        sizes = [int(n) for n in f['model'].attrs['layer_sizes']]
        acts = list(f['model'].attrs['activations'])
        L = len(sizes) - 1
        X = f['probe/x'][...].astype(np.float64)
        steps = f['checkpoints/step'][...]
        C, N = len(steps), len(X)
        weights = [[(f[f'weights/{l}/weight'][k].astype(np.float64), f[f'weights/{l}/bias'][k].astype(np.float64))
                    for l in range(L)] for k in range(C)]
        metrics = {name: f['checkpoints'][name][:C] for name in f['checkpoints']
                   if name not in ('step', 'epoch', 'wall_time')}
    with h5py.File(cache_path, 'r') as g:
        spectra = [g[f'spectra/{l}'][...] for l in range(L)]
        expect(g.attrs['format'] == 'local-rank-analysis', 'cache format')
        expect(int(g.attrs['probe_count']) == N, f"cache probe_count {g.attrs['probe_count']}")
        expect(list(g.attrs['layer_sizes']) == sizes, 'cache layer_sizes')
        expect(list(g['checkpoints/index'][...]) == list(range(C)), 'cache checkpoint indices')
        expect(list(g['checkpoints/step'][...]) == list(steps), 'cache steps')
        expect(bool(np.all(g['checkpoints/finite'][...] == 1)), 'cache finite flags')

    eps = ours['eps']
    expect(eps == [1e-3, 1e-1], f'eps {eps}')
    expect(ours['probe_count'] == N, f"probe_count {ours['probe_count']}")
    expect([(j['index'], j['width']) for j in ours['layers']] == [(l, sizes[l + 1]) for l in range(L)], f"layers {ours['layers']}")
    expect([c['step'] for c in ours['checkpoints']] == list(steps), 'JSON steps')
    for l in range(L):
        expect(spectra[l].shape == (C, N, min(sizes[l + 1], sizes[0], sizes[1])), f'/spectra/{l} shape {spectra[l].shape}')
    if mutation == 'json':
        ours['checkpoints'][-1]['local_rank'][1][1] += 1 / N
    if mutation == 'cache':
        spectra[1][-1, 0, -1] = 10.0

    comparisons = near = 0
    distinct = set()
    for k in range(C):
        mine = ours['checkpoints'][k]
        expect(mine['finite'] is True, f'checkpoint {k} not finite')
        for name, values in metrics.items():
            expect(np.isclose(mine['metrics'].get(name, np.nan), values[k], rtol=1e-12, atol=0), f'checkpoint {k} metric {name}')
        low = np.zeros((len(eps), L, N), int); high = np.zeros((len(eps), L, N), int)
        for i, x in enumerate(X):
            J, a = np.eye(sizes[0]), x
            for l, ((W, b), act) in enumerate(zip(weights[k], acts)):
                z = W @ a + b
                J = W @ J
                s = np.linalg.svd(J, compute_uv=False)
                cached = spectra[l][k, i]
                r = len(cached)
                scale = max(1.0, s[0])
                expect(np.all(np.abs(cached - s[:r]) <= 1e-9 * scale) and np.all(s[r:] <= 1e-9 * scale),
                       f'checkpoint {k} probe {i} layer {l}: cached spectrum differs from numpy by {np.abs(cached - s[:r]).max():.3g}')
                for e, epsilon in enumerate(eps):
                    low[e, l, i] = np.sum(s > epsilon * (1 + 1e-6))
                    high[e, l, i] = np.sum(s > epsilon * (1 - 1e-6))
                    from_cache = np.sum(spectra[l][k, i] > epsilon)
                    expect(low[e, l, i] <= from_cache <= high[e, l, i],
                           f'checkpoint {k} probe {i} layer {l} eps {epsilon}: cache counts {from_cache}, numpy {low[e, l, i]}')
                d = (z > 0).astype(float) if act == 'relu' else 1 - np.tanh(z) ** 2 if act == 'tanh' else np.ones_like(z)
                a = np.maximum(z, 0) if act == 'relu' else np.tanh(z) if act == 'tanh' else z
                J = d[:, None] * J
        near += int(np.sum(high - low))
        for e, epsilon in enumerate(eps):
            for l in range(L):
                comparisons += 1
                value, std = mine['local_rank'][e][l], mine['rank_std'][e][l]
                distinct.add(value)
                where = f'checkpoint {k} (step {steps[k]}) layer {l} eps {epsilon}'
                expect(low[e, l].mean() - 1e-12 <= value <= high[e, l].mean() + 1e-12,
                       f'{where}: ours {value}, numpy {low[e, l].mean()}')
                expect(abs(value - np.mean(np.sum(spectra[l][k] > epsilon, axis=1))) <= 1e-12,
                       f'{where}: JSON {value} is not the mean of the cached counts')
                if np.array_equal(low[e, l], high[e, l]):
                    expect(abs(std - low[e, l].std()) <= 1e-9, f'{where}: rank_std {std}, numpy {low[e, l].std()}')
    expect(len(distinct) >= 6, f'too few distinct local ranks to be a meaningful comparison: {sorted(distinct)}')
    expect(near <= 2, f'{near} singular values lie within 1e-6 of a threshold')
    if problems:
        print('disagree'); print('\\n'.join(problems[:20]))
    else:
        print(f'agree: {comparisons} (checkpoint, layer, eps) means, {C * N * L} spectra; {near} near-threshold values')
    """
