"""localrank.load_information: the information-plane estimates of `lr-analyze information` as a
tidy pandas DataFrame, read from the analysis caches' `/information` table
(schemas/analysis-cache-v2.md) without running lr-analyze.

The cache keeps the float64 values lr-analyze printed, so every value equals `lr-analyze
information --format json`'s. Rows are used only for the run's very weights (fingerprints)
and for the estimator and parameters asked for; the probe labels belong to the run, which the
cache's identity check ties to it.
"""

import math

import numpy as np

from . import results
from .runs import RunContents

ESTIMATORS = {"binning": 1, "kde": 2}
QUANTITIES = ("i_xt", "i_ty", "i_xt_lower", "i_ty_lower")
UNWRITTEN_INDEX = -1

# The columns every row has, in order; a run's metrics, then its settings, follow.
COLUMNS = ("run", "step", "epoch", "wall_time", "finite", "estimator", "bins", "bin_range", "noise_variance",
           "layer", "layer_name", "width", "probe_count") + QUANTITIES + ("saturated",)


def load_information(paths, estimator="binning", *, bins=30, bin_range=None, noise_variance=0.1, probe=None,
                     partial=False, verify=True, allow_external=False):
    """The information estimates of one run or several, one row per (run, step, layer); columns
    in docs/python.md. The parameters are `lr-analyze information`'s: `estimator` "binning"
    (`bins`, `bin_range` a (low, high) pair or None for each layer's own range) or "kde"
    (`noise_variance`), over the first `probe` probe inputs (default: all the run stores).
    A run whose cache lacks estimates of some checkpoints under these parameters raises
    AnalysisMissingError naming them, unless `partial`.
    """
    pandas = results._pandas()
    if estimator not in ESTIMATORS:
        raise ValueError(f"estimator must be one of {', '.join(ESTIMATORS)}, not {estimator!r}")
    key = _Key(estimator, bins, bin_range, noise_variance)
    paths = results.run_paths(paths)
    frames = [_run_frame(pandas, RunContents(p, allow_external=allow_external), key, probe, partial, verify)
              for p in paths]
    frame = pandas.concat(frames, ignore_index=True, sort=False)
    frame.attrs["metrics"] = list(dict.fromkeys(m for f in frames for m in f.attrs["metrics"]))
    frame.attrs["settings"] = list(dict.fromkeys(s for f in frames for s in f.attrs["settings"]))
    return frame


class _Key:
    """The estimator and parameters, as the cache's key columns store them."""

    def __init__(self, estimator, bins, bin_range, noise_variance):
        self.name, self.code = estimator, ESTIMATORS[estimator]
        binning = estimator == "binning"
        self.bins = int(bins) if binning else 0
        self.bin_range = (float(bin_range[0]), float(bin_range[1])) if binning and bin_range is not None else None
        self.noise_variance = math.nan if binning else float(noise_variance)

    def matches(self, table, rows):
        """Which of the table's rows hold estimates under this key."""
        same = (table["estimator"] == self.code) & (table["bins"] == self.bins)
        low, high = table["bin_range"][:, 0], table["bin_range"][:, 1]
        if self.bin_range is None:
            same &= np.isnan(low) & np.isnan(high)
        else:
            same &= (low == self.bin_range[0]) & (high == self.bin_range[1])
        variance = table["noise_variance"]
        same &= np.isnan(variance) if math.isnan(self.noise_variance) else variance == self.noise_variance
        return same & (table["probe_count"] == rows)


def _run_frame(pandas, run, key, probe, partial, verify):
    probe_count = run.probe_total if probe is None else int(probe)
    if not 0 < probe_count <= run.probe_total:
        raise ValueError(f"{run.path}: probe={probe}, but it stores {run.probe_total} probe inputs")
    cache_path = results.default_cache_path(run.path)
    with results._open_cache(cache_path, run, verify) as cache:
        if "information" not in cache:
            raise results.AnalysisMissingError(
                f"{run.path}: its analysis cache {cache_path} holds no information estimates: run "
                f"`lr-analyze information {run.path}` first")
        table = _committed(cache["information"])
        positions, rows = _rows_for(run, table, key, probe_count, cache_path, partial, verify)
        values = cache["information/values"][sorted(rows)] if rows else np.empty((0, 0, len(QUANTITIES)))
        values = values[np.argsort(np.argsort(rows))] if rows else values
    return results.with_settings(run, _frame(pandas, run, key, probe_count, positions, table["finite"][rows], values))


def _committed(information):
    """The table's key columns, for its committed rows (those before the first unwritten index)."""
    index = information["index"][...]
    unwritten = np.flatnonzero(index == UNWRITTEN_INDEX)
    count = int(unwritten[0]) if len(unwritten) else len(index)
    names = ("index", "step", "fingerprint", "finite", "estimator", "bins", "bin_range", "noise_variance",
             "probe_count")
    return {name: information[name][:count] for name in names}


def _rows_for(run, table, key, probe_count, cache_path, partial, verify):
    """The run's checkpoints estimated under `key` for their very weights: (positions in the
    run, table rows). The last committed row of a checkpoint counts."""
    latest = {int(table["index"][row]): int(row) for row in np.flatnonzero(key.matches(table, probe_count))}
    positions, rows, missing = results.checkpoint_rows(run, latest, table["step"], table["fingerprint"], verify)
    if missing and not partial:
        raise results.AnalysisMissingError(
            f"{run.path}: its analysis cache {cache_path} lacks {key.name} estimates of {len(missing)} of its "
            f"{len(run.steps)} checkpoints (steps {results.listed(missing)}) under these parameters: run "
            f"`lr-analyze information {run.path}` with them, or pass partial=True for the others")
    return positions, rows


def _frame(pandas, run, key, probe_count, positions, finite, values):
    """The long-form rows, checkpoint-major, then layer (the order of lr-analyze's JSON)."""
    positions = np.asarray(positions, np.int64)
    layer_count = values.shape[1] if len(positions) else run.layers.count
    shape = (len(positions), layer_count)
    checkpoint = np.broadcast_to(positions[:, None], shape).reshape(-1)
    layer = np.broadcast_to(np.arange(layer_count)[None, :], shape).reshape(-1)
    names = run.layers.names if run.layers.count == layer_count else [f"layer {l}" for l in range(layer_count)]
    columns = {
        "run": run.path, "step": run.steps[checkpoint],
        "epoch": results._or_nan(run.epochs, checkpoint), "wall_time": results._or_nan(run.wall_times, checkpoint),
        "finite": np.broadcast_to(np.asarray(finite, bool)[:, None], shape).reshape(-1),
        "estimator": key.name, "bins": key.bins if key.name == "binning" else np.nan,
        "bin_range": [key.bin_range] * len(checkpoint), "noise_variance": key.noise_variance,
        "layer": layer, "layer_name": np.asarray(names, object)[layer],
        "width": np.asarray(run.layers.sizes[1:layer_count + 1], np.int64)[layer], "probe_count": probe_count,
    }
    for q, name in enumerate(QUANTITIES):
        columns[name] = values[:, :, q].reshape(-1)
    most = math.log2(probe_count)
    columns["saturated"] = np.abs(most - columns["i_xt"]) <= 0.01 * most
    for metric, metric_values in run.metrics.items():
        columns[metric] = metric_values[checkpoint]
    return pandas.DataFrame(columns)
