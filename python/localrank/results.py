"""localrank.load: lr-analyze's results as a tidy pandas DataFrame, read from run files and their
analysis caches without running lr-analyze.

The cache (schemas/analysis-cache-v2.md) holds every singular value; this module reads them
with h5py and thresholds them itself, with lr-analyze's own arithmetic (localrank.measures),
so that every value equals ``lr-analyze --format json``'s. Only rows the cache holds for the
run's very weights are used: each is checked against the run by its fingerprint.

New quantities join through `SOURCES`: measure name → a function (run contents, measure
name, thresholds, options) → MeasuredCheckpoints (positions in the run, finite flags, mean
and std [thresholds, checkpoints, layers]). The information-plane estimates, once the cache
keeps them, are meant to arrive that way, as further measures.
"""

import os

import numpy as np

from . import fingerprint, measures
from .reading import open_run
from .runs import RunContents

CACHE_FORMAT = "local-rank-analysis"
CACHE_FORMAT_VERSION = 2
UNWRITTEN_INDEX = -1

# The columns every row has, in order; a run's metrics, then its settings, follow.
COLUMNS = ("run", "step", "epoch", "wall_time", "finite", "measure", "eps", "layer", "layer_name", "width",
           "probe_count", "value", "std")


class AnalysisMissingError(LookupError):
    """The analysis cache lacks checkpoints of a run (or holds them for other weights)."""


def default_cache_path(run_path):
    """`run.h5` → `run.lr.h5`, as lr-analyze names it."""
    run_path = os.fspath(run_path)
    return run_path[:-3] + ".lr.h5" if run_path.endswith(".h5") else run_path + ".lr.h5"


def load(paths, eps=1e-3, measure="local-rank", *, probe=None, partial=False, verify=True,
         allow_external=False):
    """The results of one run or several as a pandas DataFrame, one row per (run, step, ε,
    measure, layer); columns in docs/python.md.

    `paths`: a run file or a list of them (a sweep's `*.h5`; analysis caches among them are
    skipped, as `lr-analyze --by` skips them). `eps`: a threshold or a list. `measure`: one of
    lr-analyze's `--measure` names, or a list: those of the Jacobians' spectra are read from
    each run's cache (`run.lr.h5`, written by `lr-analyze run.h5`), those of the weights
    computed from the run. `probe`: use the first `probe` probe inputs the cache covers
    (default: all it covers). A run whose cache lacks some of its checkpoints raises
    AnalysisMissingError naming them, unless `partial`, which gives the checkpoints it has.
    `verify=False` skips the fingerprint check of the cache against the run's weights (faster
    on large runs; trust then that the cache is the run's).
    """
    pandas = _pandas()
    paths = run_paths(paths)
    thresholds = [float(e) for e in np.atleast_1d(eps)]
    if not thresholds or not all(np.isfinite(e) and e > 0 for e in thresholds):
        raise ValueError(f"eps must be positive numbers, not {eps!r}")
    wanted = [measure] if isinstance(measure, str) else list(measure)
    for name in wanted:
        if name not in SOURCES:
            raise ValueError(_unknown_measure(name))
    options = dict(probe=probe, partial=partial, verify=verify)
    frames = [_run_frame(pandas, RunContents(p, allow_external=allow_external), wanted, thresholds, options)
              for p in paths]
    frame = pandas.concat(frames, ignore_index=True, sort=False)
    # Which columns are what, for write_tensorboard and readers (pandas may drop attrs).
    frame.attrs["metrics"] = list(dict.fromkeys(m for f in frames for m in f.attrs["metrics"]))
    frame.attrs["settings"] = list(dict.fromkeys(s for f in frames for s in f.attrs["settings"]))
    return frame


def run_paths(paths):
    """The run files among `paths` (one path or several); analysis caches are skipped, as
    `lr-analyze --by` skips them."""
    paths = [os.fspath(paths)] if isinstance(paths, (str, os.PathLike)) else [os.fspath(p) for p in paths]
    paths = [p for p in paths if not p.endswith(".lr.h5")]
    if not paths:
        raise ValueError("no run files among the paths given (only analysis caches)")
    return paths


def _pandas():
    try:
        import pandas
    except ImportError as error:
        raise ImportError("localrank.load needs pandas: pip install './python[pandas]' (or pip install pandas)") from error
    return pandas


def _unknown_measure(name):
    if name in measures.ACTIVATION_MEASURES:
        return (f"measure {name!r} needs the network replayed on the probe inputs and an SVD of its outputs, "
                "which localrank.load does not reproduce to the last bit: use lr-analyze --measure "
                f"{name} --format json")
    return f"measure {name!r} is not one of {', '.join(SOURCES)}"


def _run_frame(pandas, run, wanted, thresholds, options):
    """One run's rows: its checkpoints × measures × thresholds × layers."""
    blocks = []
    for name in wanted:
        epsilons = thresholds if name in measures.THRESHOLDED else [np.nan]
        result = SOURCES[name](run, name, epsilons, options)
        blocks.append(_rows(pandas, run, name, epsilons, result))
    return with_settings(run, pandas.concat(blocks, ignore_index=True))


def with_settings(run, frame):
    """`frame` with the run's stored settings as columns (prefixed `setting_` where a name is
    already a column), and which columns are metrics and settings in its attrs."""
    reserved = set(frame.columns) | set(run.metrics)
    settings = {}
    for setting, value in run.settings.items():
        settings[f"setting_{setting}" if setting in reserved else setting] = value
    frame = frame.assign(**settings)
    frame.attrs.update(metrics=list(run.metrics), settings=list(settings))
    return frame


class MeasuredCheckpoints:
    """A source's answer: for the run's checkpoints `positions` (indices in the run), whether
    each is `finite`, and `mean`/`std` [len(epsilons), checkpoints, layers]; `probe_count`."""

    def __init__(self, positions, finite, mean, std, probe_count):
        self.positions, self.finite, self.mean, self.std = positions, finite, mean, std
        self.probe_count = probe_count


def _rows(pandas, run, name, epsilons, result):
    """The long-form rows of one measure, checkpoint-major, then threshold, then layer (the
    order of lr-analyze's JSON)."""
    positions = np.asarray(result.positions, np.int64)
    layer_count = run.layers.count
    shape = (len(positions), len(epsilons), layer_count)
    checkpoint = np.broadcast_to(positions[:, None, None], shape).reshape(-1)
    finite = np.broadcast_to(np.asarray(result.finite, bool)[:, None, None], shape).reshape(-1)
    layer = np.broadcast_to(np.arange(layer_count)[None, None, :], shape).reshape(-1)
    columns = {
        "run": run.path,
        "step": run.steps[checkpoint],
        "epoch": _or_nan(run.epochs, checkpoint),
        "wall_time": _or_nan(run.wall_times, checkpoint),
        "finite": finite,
        "measure": name,
        "eps": np.broadcast_to(np.asarray(epsilons, np.float64)[None, :, None], shape).reshape(-1),
        "layer": layer,
        "layer_name": np.asarray(run.layers.names, object)[layer],
        "width": np.asarray(run.layers.sizes[1:], np.int64)[layer],
        "probe_count": result.probe_count,
        "value": np.where(finite, np.moveaxis(result.mean, 0, 1).reshape(-1), np.nan),
        "std": np.where(finite, np.moveaxis(result.std, 0, 1).reshape(-1), np.nan),
    }
    for metric, values in run.metrics.items():
        columns[metric] = values[checkpoint]
    return pandas.DataFrame(columns)


def _or_nan(column, index):
    return column[index] if column is not None else np.full(len(index), np.nan)


def _spectrum_measure(run, name, epsilons, options):
    """A measure of the Jacobians' singular values, from the run's analysis cache."""
    cache_path = default_cache_path(run.path)
    with _open_cache(cache_path, run, options["verify"]) as cache:
        probe_count = _probe_count(cache, cache_path, options["probe"])
        positions, rows, finite = _cached_checkpoints(cache, cache_path, run, options)
        order = np.argsort(rows)
        mean = np.full((len(epsilons), len(rows), run.layers.count), np.nan)
        std = mean.copy()
        for layer in range(run.layers.count):
            spectra = np.empty((len(rows), probe_count, 0))
            if len(rows):
                # h5py reads listed rows in increasing order; put them back in the run's order.
                block = cache[f"spectra/{layer}"][np.asarray(rows)[order].tolist(), :probe_count, :]
                spectra = np.empty_like(block)
                spectra[order] = block
            for t, epsilon in enumerate(epsilons):
                mean[t, :, layer], std[t, :, layer] = measures.summarize(measures.of_spectra(name, spectra, epsilon))
    return MeasuredCheckpoints(positions, finite, mean, std, probe_count)


def _open_cache(cache_path, run, verify):
    if not os.path.exists(cache_path):
        raise AnalysisMissingError(f"{run.path}: no analysis cache ({cache_path}): run `lr-analyze {run.path}` first")
    cache = open_run(cache_path)
    try:
        _check_cache(cache, cache_path, run, verify)
    except BaseException:
        cache.close()
        raise
    return cache


def _check_cache(cache, cache_path, run, verify):
    attrs = cache.attrs
    format_name = attrs.get("format")
    if (format_name.decode() if isinstance(format_name, bytes) else format_name) != CACHE_FORMAT:
        raise ValueError(f"{cache_path}: not an analysis cache (format {format_name!r})")
    version = int(attrs.get("format_version", -1))
    if version != CACHE_FORMAT_VERSION:
        raise ValueError(f"{cache_path}: analysis cache format {version}; `lr-analyze {run.path}` converts it to "
                         f"format {CACHE_FORMAT_VERSION}, which localrank.load reads")
    if [int(n) for n in attrs["layer_sizes"]] != run.layers.sizes:
        raise ValueError(f"{cache_path}: its layer sizes {list(attrs['layer_sizes'])} are not those of "
                         f"{run.path} ({run.layers.sizes}): it is another run's cache")
    if verify and int(attrs["run_identity"]) != _remembered(run, "identity", lambda: fingerprint.identity(
            run.probe_inputs, run.layers.model_sizes, run.layers.activations)):
        raise ValueError(f"{cache_path}: it was computed for another run (other probe inputs or network) than "
                         f"{run.path}: run `lr-analyze {run.path} --recompute`")


def _probe_count(cache, cache_path, probe):
    covered = int(cache.attrs["probe_count"])
    if probe is None:
        return covered
    if not 0 < probe <= covered:
        raise ValueError(f"{cache_path}: probe={probe}, but the cache covers the first {covered} probe inputs "
                         "(lr-analyze --probe N computes more)")
    return int(probe)


def _cached_checkpoints(cache, cache_path, run, options):
    """The run's checkpoints the cache holds for their very weights: (positions in the run,
    cache rows, finite flags). The last committed row of a checkpoint counts."""
    indices = cache["checkpoints/index"][...]
    if len(indices) and indices[-1] == UNWRITTEN_INDEX:
        indices = indices[:-1]
    committed = len(indices)
    steps = cache["checkpoints/step"][:committed]
    fingerprints = cache["checkpoints/fingerprint"][:committed]
    finite = cache["checkpoints/finite"][:committed]
    latest = {int(index): row for row, index in enumerate(indices)}
    positions, rows, missing = checkpoint_rows(run, latest, steps, fingerprints, options["verify"])
    if missing and not options["partial"]:
        raise AnalysisMissingError(
            f"{run.path}: its analysis cache {cache_path} lacks {len(missing)} of its {len(run.steps)} checkpoints "
            f"(step{'s' if len(missing) > 1 else ''} {listed(missing)}) or holds them for other weights: run "
            f"`lr-analyze {run.path}` to compute them, or pass partial=True for the others")
    return positions, rows, [bool(finite[r]) for r in rows]


def checkpoint_rows(run, latest, steps, fingerprints, verify):
    """Which of the run's checkpoints cache rows hold for their very weights: (positions in
    the run, rows, steps of the others). `latest` maps a checkpoint's position to its last
    committed row; `steps` and `fingerprints` are the rows' columns."""
    expected = _fingerprints(run) if verify else None
    positions, rows, missing = [], [], []
    for position, step in enumerate(run.steps):
        row = latest.get(position)
        if row is None or steps[row] != step or (expected is not None and fingerprints[row] != expected[position]):
            missing.append(int(step))
            continue
        positions.append(position)
        rows.append(row)
    return positions, rows, missing


def listed(steps):
    """The first steps of a list, for a message."""
    return ", ".join(map(str, steps[:8])) + (", …" if len(steps) > 8 else "")


_REMEMBERED = {}


def _remembered(run, what, compute):
    """`compute()`, remembered while the run file is unchanged: hashing a large run's weights
    takes seconds, and a notebook loads the same runs again and again."""
    status = os.stat(run.path)
    key = (what, os.path.realpath(run.path), status.st_mtime_ns, status.st_size, run.count)
    if key not in _REMEMBERED:
        _REMEMBERED[key] = compute()
    return _REMEMBERED[key]


def _fingerprints(run):
    """The run's checkpoint fingerprints, as the cache stores them."""
    def compute():
        stored = run.stored_weights()
        return fingerprint.checkpoints(run.steps, [w for w, _ in stored], [b for _, b in stored])
    return _remembered(run, "fingerprints", compute)


def _weight_measure(run, name, epsilons, options):
    """A measure of each analyzed layer's weights (an SVD each, as lr-analyze takes them)."""
    layers = run.analyzed_weights(run.stored_weights())
    finite = np.array([all(np.isfinite(w[k]).all() and np.isfinite(b[k]).all() for w, b in layers)
                       for k in range(run.count)], bool)
    mean = np.full((1, run.count, run.layers.count), np.nan)
    for k in np.flatnonzero(finite):
        for layer, (w, _) in enumerate(layers):
            mean[0, k, layer] = measures.of_spectra(name, measures.weight_spectrum(w[k]), np.nan)
    return MeasuredCheckpoints(range(run.count), finite, mean, np.where(np.isnan(mean), np.nan, 0.0),
                               run.probe_total)


SOURCES = {name: _spectrum_measure for name in measures.SPECTRUM_MEASURES}
SOURCES.update({name: _weight_measure for name in measures.WEIGHT_MEASURES})
