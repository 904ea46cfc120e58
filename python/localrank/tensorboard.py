"""localrank.write_tensorboard: a results DataFrame (localrank.load) as TensorBoard scalars,
the same tags, steps and wall times as `lr-analyze --tensorboard DIR`, written with
tensorboardX (``pip install './python[tensorboard]'``).
"""

import math
import os

from .measures import SPECTRUM_MEASURES
from .runs import start_time

METRICS_PREFIX = "metrics/"


def short_number(value):
    """A threshold as lr-analyze spells it in tags: 1e-3 for powers of ten, else Python's
    (and Swift's) shortest round-trip form."""
    exponent = math.log10(abs(value)) if value else 0.5
    return f"1e{int(exponent)}" if exponent == round(exponent) else repr(float(value))


def tag(measure, eps, layer, deviation=False):
    """`local_rank/eps=1e-3/layer_2`, `effective_rank/layer_0` (`…_std/…` for the deviation)."""
    name = measure.replace("-", "_") + ("_std" if deviation else "")
    threshold = "" if eps != eps else f"eps={short_number(eps)}/"
    return f"{name}/{threshold}layer_{int(layer)}"


def run_directory(logdir, run):
    """`logdir/<run file name without .h5>`, as lr-analyze names it."""
    name = os.path.basename(run)
    return os.path.join(logdir, name[:-3] if name.endswith(".h5") else name)


def write_tensorboard(frame, logdir, metrics=None):
    """Writes `frame`'s results (from localrank.load) under `logdir`, one directory per run,
    one event per checkpoint at its step and wall time (the run's `created` time plus the
    checkpoint's `wall_time`): each measure's value (and std, for the measures of the Jacobians'
    spectra) per threshold and layer, and the
    run's metrics (`metrics`: the columns to write; default the ones load() read, those a
    run has). Returns the runs' directories.

    Written through tensorboardX's FileWriter and Summary protocol buffer rather than its
    add_scalar, which would rewrite the tags' `=` as `_`."""
    try:
        from tensorboardX import FileWriter
        from tensorboardX.proto.summary_pb2 import Summary
    except ImportError as error:
        raise ImportError("write_tensorboard needs tensorboardX: pip install './python[tensorboard]'") from error
    metrics = list(frame.attrs.get("metrics", [])) if metrics is None else list(metrics)
    directories = []
    for run, rows in frame.groupby("run", sort=False):
        started = start_time(run) or 0.0
        present = [name for name in metrics if name in rows and rows[name].notna().any()]
        directories.append(run_directory(logdir, run))
        writer = FileWriter(directories[-1], filename_suffix=".localrank")
        try:
            for step, checkpoint in rows.groupby("step", sort=True):
                values = []
                for row in checkpoint.itertuples(index=False):
                    values.append((tag(row.measure, row.eps, row.layer), row.value))
                    if row.measure in SPECTRUM_MEASURES:   # the others have no spread over the inputs
                        values.append((tag(row.measure, row.eps, row.layer, deviation=True), row.std))
                values += [(METRICS_PREFIX + name, checkpoint[name].iloc[0]) for name in present]
                summary = Summary(value=[Summary.Value(tag=name, simple_value=float(value)) for name, value in values])
                writer.add_summary(summary, global_step=int(step),
                                   walltime=started + float(checkpoint["wall_time"].iloc[0]))
        finally:
            writer.close()
    return directories
