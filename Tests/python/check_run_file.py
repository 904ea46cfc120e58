#!/usr/bin/env python3
"""Check a run file against run format v1 (schemas/run-format-v1.md) with h5py.

    python3 Tests/python/check_run_file.py RUNFILE [--expect-activations]
                                                   [--expect-task classification|regression]

Checks every attribute and dataset of the format: presence, value, type (string
attributes must read back as Python str), dtype, shape, the row count of every [C, ...]
dataset (C = len(/checkpoints/step); C or C+1 rows), its storage (maxshape None on the
first axis, chunks (1, ...rest...), shuffle, gzip), the layer count against
/model layer_sizes, and the probe shapes. With /activations present, it also recomputes
the pre-activations of the last checkpoint from the weights and compares.

Prints "OK <n> checks" and exits 0, or lists every problem on stderr and exits 1.
"""

import argparse
import datetime
import sys

import h5py
import numpy as np

ACTIVATIONS = {"relu", "tanh", "identity"}


class Checker:
    def __init__(self):
        self.count = 0
        self.problems = []

    def check(self, condition, message):
        """Record one check; message describes the problem if it fails."""
        self.count += 1
        if not condition:
            self.problems.append(message)
        return bool(condition)


def is_int_scalar(value):
    return isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))


def check_attr_str(ck, obj, name, expected=None, choices=None):
    where = f"{obj.name.rstrip('/') or ''}@{name}" if obj.name != "/" else f"/@{name}"
    if not ck.check(name in obj.attrs, f"{where}: missing attribute"):
        return None
    value = obj.attrs[name]
    if not ck.check(isinstance(value, str), f"{where}: expected a str attribute (variable-length string), got {type(value).__name__} {value!r}"):
        return None
    if expected is not None:
        ck.check(value == expected, f"{where}: expected {expected!r}, got {value!r}")
    if choices is not None:
        ck.check(value in choices, f"{where}: expected one of {sorted(choices)}, got {value!r}")
    return value


def check_attr_int(ck, obj, name, expected=None, dtype=None):
    where = f"{obj.name}@{name}" if obj.name != "/" else f"/@{name}"
    if not ck.check(name in obj.attrs, f"{where}: missing attribute"):
        return None
    value = obj.attrs[name]
    if not ck.check(is_int_scalar(value), f"{where}: expected an integer scalar, got {type(value).__name__} {value!r}"):
        return None
    if dtype is not None:
        ck.check(np.asarray(value).dtype == dtype, f"{where}: expected {np.dtype(dtype)}, got {np.asarray(value).dtype}")
    if expected is not None:
        ck.check(value == expected, f"{where}: expected {expected}, got {value}")
    return int(value)


def dataset(ck, f, path):
    if not ck.check(path in f, f"{path}: missing dataset"):
        return None
    obj = f[path]
    if not ck.check(isinstance(obj, h5py.Dataset), f"{path}: expected a dataset, found a {type(obj).__name__}"):
        return None
    return obj


def check_dtype(ck, ds, dtype):
    return ck.check(ds.dtype == np.dtype(dtype), f"{ds.name}: expected dtype {np.dtype(dtype)}, got {ds.dtype}")


def check_fixed(ck, f, path, dtype, shape):
    """A dataset that is not per checkpoint: dtype and exact shape."""
    ds = dataset(ck, f, path)
    if ds is None:
        return None
    check_dtype(ck, ds, dtype)
    ck.check(ds.shape == tuple(shape), f"{path}: expected shape {tuple(shape)}, got {ds.shape}")
    return ds


def check_per_checkpoint(ck, f, path, dtype, row_shape, C):
    """A [C, ...] dataset: dtype, row shape, C or C+1 rows, and SWMR-friendly storage."""
    ds = dataset(ck, f, path)
    if ds is None:
        return None
    check_dtype(ck, ds, dtype)
    row_shape = tuple(row_shape)
    if not ck.check(len(ds.shape) == 1 + len(row_shape) and ds.shape[1:] == row_shape,
                    f"{path}: expected shape [C, {', '.join(map(str, row_shape))}]".replace(", ]", "]")
                    + f", got {ds.shape}"):
        return ds
    if C is not None:
        ck.check(C <= ds.shape[0] <= C + 1,
                 f"{path}: has {ds.shape[0]} rows; expected C = {C} (or C+1 while a checkpoint is written)")
    ck.check(ds.maxshape is not None and ds.maxshape[0] is None,
             f"{path}: maxshape {ds.maxshape}; the first axis must be unlimited (None)")
    ck.check(ds.chunks == (1, *row_shape), f"{path}: chunks {ds.chunks}; expected one checkpoint per chunk {(1, *row_shape)}")
    ck.check(ds.shuffle, f"{path}: shuffle filter missing")
    ck.check(ds.compression == "gzip", f"{path}: compression {ds.compression!r}; expected 'gzip' (deflate)")
    return ds


def check_run(path, expect_activations=False, expect_task=None):
    ck = Checker()
    try:
        f = h5py.File(path, "r")
    except Exception as e:  # not HDF5, missing, truncated...
        ck.check(False, f"cannot open {path} as HDF5: {e}")
        return ck
    with f:
        # Root attributes.
        check_attr_str(ck, f, "format", expected="local-rank-run")
        check_attr_int(ck, f, "format_version", expected=1, dtype=np.int64)
        check_attr_str(ck, f, "producer")
        created = check_attr_str(ck, f, "created")
        if created is not None:
            try:
                stamp = datetime.datetime.fromisoformat(created.replace("Z", "+00:00"))
                ck.check(stamp.tzinfo is not None and stamp.utcoffset() == datetime.timedelta(0),
                         f"/@created: {created!r} is not in UTC")
            except ValueError:
                ck.check(False, f"/@created: {created!r} is not an ISO 8601 time")
        check_attr_str(ck, f, "hdf5_version")
        # SWMR needs the HDF5 1.10 file format (superblock version 3).
        superblock = f.id.get_create_plist().get_version()[0]
        ck.check(superblock >= 3, f"superblock version {superblock}: not the HDF5 1.10 format SWMR needs (libver v110)")

        # /model
        sizes, L = None, None
        if ck.check("model" in f and isinstance(f["model"], h5py.Group), "/model: missing group"):
            model = f["model"]
            check_attr_str(ck, model, "architecture", expected="mlp")
            check_attr_str(ck, model, "weight_layout", expected="out_in")
            if ck.check("layer_sizes" in model.attrs, "/model@layer_sizes: missing attribute"):
                raw = np.asarray(model.attrs["layer_sizes"])
                ck.check(raw.dtype == np.int64, f"/model@layer_sizes: expected int64, got {raw.dtype}")
                if ck.check(raw.ndim == 1 and raw.size >= 2 and np.issubdtype(raw.dtype, np.integer) and (raw > 0).all(),
                            f"/model@layer_sizes: expected at least two positive integers, got {raw!r}"):
                    sizes = [int(s) for s in raw]
                    L = len(sizes) - 1
            if ck.check("activations" in model.attrs, "/model@activations: missing attribute"):
                acts = model.attrs["activations"]
                if ck.check(isinstance(acts, np.ndarray) and acts.ndim == 1,
                            f"/model@activations: expected a 1-D array of strings, got {type(acts).__name__} {acts!r}"):
                    acts = list(acts)
                    ck.check(all(isinstance(s, str) for s in acts),
                             f"/model@activations: elements must be str (variable-length strings), got {[type(s).__name__ for s in acts]}")
                    if L is not None:
                        ck.check(len(acts) == L, f"/model@activations: length {len(acts)}, expected L = {L}")
                    ck.check(all(s in ACTIVATIONS for s in acts), f"/model@activations: {acts} has a name outside {sorted(ACTIVATIONS)}")
                    ck.check(len(acts) > 0 and acts[-1] == "identity", f"/model@activations: the last layer must be 'identity', got {acts}")

        # /data
        task = None
        if ck.check("data" in f and isinstance(f["data"], h5py.Group), "/data: missing group"):
            data = f["data"]
            name = check_attr_str(ck, data, "name")
            task = check_attr_str(ck, data, "task", choices={"regression", "classification"})
            if expect_task is not None:
                ck.check(task == expect_task, f"/data@task: expected {expect_task!r}, got {task!r}")
            for key in ("seed", "n_train", "n_test"):
                check_attr_int(ck, data, key)
            check_attr_str(ck, data, "source")

        # /probe
        N, ny = None, None
        x = dataset(ck, f, "/probe/x")
        if x is not None:
            check_dtype(ck, x, np.float32)
            if ck.check(x.ndim == 2 and x.shape[0] >= 1, f"/probe/x: expected shape [N, n_0] with N >= 1, got {x.shape}"):
                N = x.shape[0]
                if sizes is not None:
                    ck.check(x.shape[1] == sizes[0], f"/probe/x: has {x.shape[1]} columns, expected n_0 = {sizes[0]}")
        y = dataset(ck, f, "/probe/y")
        if y is not None:
            if task == "classification":
                check_dtype(ck, y, np.int64)
                if ck.check(y.ndim == 1, f"/probe/y: classification labels must be 1-D [N], got shape {y.shape}"):
                    if N is not None:
                        ck.check(y.shape[0] == N, f"/probe/y: {y.shape[0]} labels for N = {N} probe inputs")
                    if sizes is not None and np.issubdtype(y.dtype, np.integer) and y.size:
                        labels = y[()]
                        ck.check(labels.min() >= 0 and labels.max() < sizes[-1],
                                 f"/probe/y: labels span {labels.min()}..{labels.max()}, outside 0..{sizes[-1] - 1}")
            elif task == "regression":
                check_dtype(ck, y, np.float32)
                if ck.check(y.ndim == 2, f"/probe/y: regression targets must be [N, n_y], got shape {y.shape}"):
                    ny = y.shape[1]
                    if N is not None:
                        ck.check(y.shape[0] == N, f"/probe/y: {y.shape[0]} rows for N = {N} probe inputs")
        # /data/joint_covariance: required for Gaussian regression data, float64 [n_0+n_y, n_0+n_y].
        data_name = f["data"].attrs.get("name") if "data" in f else None
        if task == "regression" and data_name == "gaussian":
            ck.check("data/joint_covariance" in f, "/data/joint_covariance: missing (required for Gaussian data)")
        if "data/joint_covariance" in f:
            if sizes is not None and ny is not None:
                cov = check_fixed(ck, f, "/data/joint_covariance", np.float64, (sizes[0] + ny, sizes[0] + ny))
            else:
                cov = dataset(ck, f, "/data/joint_covariance")
                if cov is not None:
                    check_dtype(ck, cov, np.float64)
                    ck.check(cov.ndim == 2 and cov.shape[0] == cov.shape[1], f"/data/joint_covariance: not square: {cov.shape}")
            if cov is not None and cov.ndim == 2 and cov.shape[0] == cov.shape[1]:
                c = cov[()]
                ck.check(np.allclose(c, c.T), "/data/joint_covariance: not symmetric")

        # /checkpoints
        C = None
        step = dataset(ck, f, "/checkpoints/step")
        if step is not None:
            if check_dtype(ck, step, np.int64) and ck.check(step.ndim == 1, f"/checkpoints/step: expected 1-D, got {step.shape}"):
                C = step.shape[0]
                ck.check(C >= 1, "/checkpoints/step: no checkpoints (C = 0)")
                check_per_checkpoint(ck, f, "/checkpoints/step", np.int64, (), None)
                steps = step[()]
                ck.check(C == 0 or (steps[0] >= 0 and (np.diff(steps) > 0).all()),
                         f"/checkpoints/step: steps must be non-negative and increasing, got {steps.tolist()[:20]}")
        required = ["epoch", "wall_time", "train_loss", "test_loss"] + (["test_accuracy"] if task == "classification" else [])
        for name in required:
            check_per_checkpoint(ck, f, f"/checkpoints/{name}", np.float64, (), C)
        if "checkpoints" in f:
            for name, obj in f["checkpoints"].items():
                if name in required or name == "step":
                    continue
                if ck.check(isinstance(obj, h5py.Dataset), f"/checkpoints/{name}: unexpected group"):
                    check_per_checkpoint(ck, f, f"/checkpoints/{name}", np.float64, (), C)  # further metric

        # /weights
        if sizes is not None and ck.check("weights" in f and isinstance(f["weights"], h5py.Group), "/weights: missing group"):
            present = set(f["weights"].keys())
            expected = {str(l) for l in range(L)}
            ck.check(present == expected,
                     f"/weights: groups {sorted(present, key=lambda s: (len(s), s))}, expected 0..{L - 1} for L = {L} layers")
            for l in range(L):
                check_per_checkpoint(ck, f, f"/weights/{l}/weight", np.float32, (sizes[l + 1], sizes[l]), C)
                check_per_checkpoint(ck, f, f"/weights/{l}/bias", np.float32, (sizes[l + 1],), C)

        # /activations (optional)
        has_activations = "activations" in f
        if expect_activations:
            ck.check(has_activations, "/activations: missing (expected with --expect-activations)")
        if has_activations and sizes is not None and N is not None:
            present = set(f["activations"].keys())
            expected = {str(l) for l in range(L)}
            ck.check(present == expected, f"/activations: datasets {sorted(present)}, expected 0..{L - 1}")
            ok = True
            for l in range(L):
                ds = check_per_checkpoint(ck, f, f"/activations/{l}", np.float32, (N, sizes[l + 1]), C)
                ok = ok and ds is not None and ds.shape[1:] == (N, sizes[l + 1])
            if ok and C and not ck.problems:
                check_activations_match(ck, f, sizes, C, N)
    return ck


def check_activations_match(ck, f, sizes, C, N):
    """The stored pre-activations of the last checkpoint equal a forward pass (first 16 probes)."""
    c, n = C - 1, min(N, 16)
    acts = list(f["model"].attrs["activations"])
    a = f["probe/x"][:n].astype(np.float64)
    for l in range(len(sizes) - 1):
        W = f[f"weights/{l}/weight"][c].astype(np.float64)
        b = f[f"weights/{l}/bias"][c].astype(np.float64)
        z = a @ W.T + b
        stored = f[f"activations/{l}"][c, :n].astype(np.float64)
        scale = max(1.0, float(np.abs(z).max()))
        err = float(np.abs(stored - z).max())
        ck.check(err <= 1e-3 * scale,
                 f"/activations/{l}: checkpoint {c} differs from W x + b by {err:.3g} (scale {scale:.3g}); wrong layout or values")
        a = np.maximum(z, 0) if acts[l] == "relu" else np.tanh(z) if acts[l] == "tanh" else z


def main(argv=None):
    p = argparse.ArgumentParser(description="Check a run file against run format v1.")
    p.add_argument("runfile")
    p.add_argument("--expect-activations", action="store_true", help="require /activations/<l>")
    p.add_argument("--expect-task", choices=["classification", "regression"], help="require this /data task")
    a = p.parse_args(argv)
    ck = check_run(a.runfile, a.expect_activations, a.expect_task)
    if ck.problems:
        print(f"{a.runfile}: {len(ck.problems)} problem(s) in {ck.count} checks:", file=sys.stderr)
        for problem in ck.problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    print(f"OK {ck.count} checks")
    return 0


if __name__ == "__main__":
    sys.exit(main())
