#!/usr/bin/env python3
"""Write a synthetic run file (run format v1) for benchmarking the analysis.

The weights are not trained: each layer starts He-initialized and takes a small random
step per checkpoint (a random walk), which is all the analysis needs since its cost does
not depend on training. Only h5py and numpy are used, so this file doubles as a complete
example of an h5py writer of run format v1 (see schemas/run-format-v1.md).

    python3 bench/make_bench_run.py --layers 784,200,200,200,200,10 --checkpoints 60 \
        --probe 512 --out /tmp/bench.h5 [--seed 0] [--activations] [--task classification]

The file is created with the HDF5 1.10 format bounds (needed for SWMR, readable by HDF5
>= 1.10) and written the way lr-train writes it: every [C, ...] dataset starts empty with
an unlimited first axis, one checkpoint per chunk, shuffle + gzip; after the layout is
created the file switches to SWMR mode and each checkpoint appends its rows to every
other dataset first and to /checkpoints/step last (the commit record).
"""

import argparse
import datetime
import math
import os
import sys

import h5py
import numpy as np


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--layers", default="784,200,200,200,200,10",
                   help="layer widths n_0,...,n_L (default: %(default)s)")
    p.add_argument("--checkpoints", type=int, default=60, help="number of checkpoints C (default: 60)")
    p.add_argument("--probe", type=int, default=512, help="number of probe inputs N (default: 512)")
    p.add_argument("--out", required=True, help="run file to write (overwritten)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--activation", default="relu", choices=["relu", "tanh", "identity"],
                   help="hidden activation (default: relu; the last layer is identity)")
    p.add_argument("--task", default="classification", choices=["classification", "regression"],
                   help="classification: uniform [0,1] inputs, int64 labels; regression: "
                        "jointly Gaussian (x, y) with /data/joint_covariance (default: classification)")
    p.add_argument("--activations", action="store_true",
                   help="also store /activations/<l>, the probe pre-activations at each checkpoint")
    p.add_argument("--max-step", type=int, default=100_000,
                   help="training step of the last checkpoint; steps are log-spaced (default: 100000)")
    a = p.parse_args(argv)
    try:
        a.layer_sizes = [int(s) for s in a.layers.split(",")]
    except ValueError:
        p.error(f"--layers {a.layers!r} is not a comma-separated list of integers")
    if len(a.layer_sizes) < 2 or min(a.layer_sizes) < 1:
        p.error("--layers needs at least two positive widths")
    if a.checkpoints < 1 or a.probe < 1:
        p.error("--checkpoints and --probe must be positive")
    return a


def checkpoint_steps(count, max_step):
    """Step 0 and count-1 log-spaced steps up to max_step, strictly increasing."""
    if count == 1:
        return np.zeros(1, dtype=np.int64)
    raw = np.geomspace(1, max(max_step, count), count - 1)
    steps = [0]
    for s in raw:
        steps.append(max(int(round(s)), steps[-1] + 1))
    return np.asarray(steps, dtype=np.int64)


def forward_preactivations(weights, biases, activations, x):
    """Pre-activations z_l of every layer for inputs x [N, n_0] (float32, out_in weights)."""
    out, a = [], x
    for W, b, act in zip(weights, biases, activations):
        z = a @ W.T + b
        out.append(z.astype(np.float32))
        a = np.maximum(z, 0) if act == "relu" else np.tanh(z) if act == "tanh" else z
    return out


def growing(group, name, row_shape, dtype):
    """An empty [0, *row_shape] dataset: unlimited first axis, one row per chunk, shuffle + gzip."""
    return group.create_dataset(
        name, shape=(0, *row_shape), maxshape=(None, *row_shape), dtype=dtype,
        chunks=(1, *row_shape), shuffle=True, compression="gzip")


def append(dataset, row):
    n = dataset.shape[0]
    dataset.resize(n + 1, axis=0)
    dataset[n] = row


def main(argv=None):
    a = parse_args(argv)
    rng = np.random.default_rng(a.seed)
    sizes = a.layer_sizes
    L = len(sizes) - 1
    n0, n_out = sizes[0], sizes[-1]
    activations = [a.activation] * (L - 1) + ["identity"]
    classification = a.task == "classification"
    n_train, n_test = (1000, 10000) if classification else (2048, 2048)

    # Probe inputs and targets.
    covariance = None
    if classification:
        probe_x = rng.uniform(0.0, 1.0, size=(a.probe, n0)).astype(np.float32)
        probe_y = rng.integers(0, n_out, size=a.probe, dtype=np.int64)
    else:
        d = n0 + n_out
        A = rng.standard_normal((d, d)) / math.sqrt(d)
        covariance = A @ A.T + 0.1 * np.eye(d)
        xy = rng.standard_normal((a.probe, d)) @ np.linalg.cholesky(covariance).T
        probe_x = xy[:, :n0].astype(np.float32)
        probe_y = xy[:, n0:].astype(np.float32)

    # He-normal initial weights [out, in], zero biases; then a random walk per checkpoint.
    weights = [(rng.standard_normal((sizes[l + 1], sizes[l])) * math.sqrt(2.0 / sizes[l])).astype(np.float32)
               for l in range(L)]
    biases = [np.zeros(sizes[l + 1], dtype=np.float32) for l in range(L)]
    steps = checkpoint_steps(a.checkpoints, a.max_step)
    batches_per_epoch = math.ceil(n_train / 64)

    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    # HDF5 1.10 format bounds: what SWMR needs, and what HDF5 1.10 readers (Debian 12) read.
    with h5py.File(a.out, "w", libver=("v110", "v110")) as f:
        f.attrs["format"] = "local-rank-run"
        f.attrs["format_version"] = np.int64(1)
        f.attrs["producer"] = f"make_bench_run.py (h5py {h5py.version.version})"
        f.attrs["created"] = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        f.attrs["hdf5_version"] = h5py.version.hdf5_version

        model = f.create_group("model")
        model.attrs["architecture"] = "mlp"
        model.attrs["layer_sizes"] = np.asarray(sizes, dtype=np.int64)
        model.attrs.create("activations", np.array(activations, dtype=h5py.string_dtype("utf-8")))
        model.attrs["weight_layout"] = "out_in"

        data = f.create_group("data")
        data.attrs["name"] = "synthetic" if classification else "gaussian"
        data.attrs["task"] = a.task
        data.attrs["seed"] = np.int64(a.seed)
        data.attrs["n_train"] = np.int64(n_train)
        data.attrs["n_test"] = np.int64(n_test)
        data.attrs["source"] = (f"make_bench_run.py: random {'uniform [0,1] inputs, random labels' if classification else 'jointly Gaussian (x, y)'}, "
                                f"seed {a.seed}; untrained random-walk weights")
        if covariance is not None:
            data.create_dataset("joint_covariance", data=covariance.astype(np.float64))

        probe = f.create_group("probe")
        probe.create_dataset("x", data=probe_x)
        probe.create_dataset("y", data=probe_y)

        ck = f.create_group("checkpoints")
        metric_names = ["epoch", "wall_time", "train_loss", "test_loss"] + (["test_accuracy"] if classification else [])
        metrics = {name: growing(ck, name, (), np.float64) for name in metric_names}
        step_ds = growing(ck, "step", (), np.int64)
        w_ds, b_ds = [], []
        for l in range(L):
            g = f.create_group(f"weights/{l}")
            w_ds.append(growing(g, "weight", (sizes[l + 1], sizes[l]), np.float32))
            b_ds.append(growing(g, "bias", (sizes[l + 1],), np.float32))
        act_ds = [growing(f.require_group("activations"), str(l), (a.probe, sizes[l + 1]), np.float32)
                  for l in range(L)] if a.activations else []

        f.swmr_mode = True
        for c, step in enumerate(steps):
            if c > 0:
                for l in range(L):
                    scale = 0.05 * math.sqrt(2.0 / sizes[l])
                    weights[l] += (scale * rng.standard_normal(weights[l].shape)).astype(np.float32)
                    biases[l] += (0.01 * rng.standard_normal(biases[l].shape)).astype(np.float32)
            for l in range(L):
                append(w_ds[l], weights[l])
                append(b_ds[l], biases[l])
            for l, z in enumerate(forward_preactivations(weights, biases, activations, probe_x) if act_ds else []):
                append(act_ds[l], z)
            fake_loss = 2.3 / (1.0 + 0.001 * step)
            values = {"epoch": step / batches_per_epoch, "wall_time": 1e-3 * step, "train_loss": fake_loss,
                      "test_loss": 1.1 * fake_loss, "test_accuracy": min(1.0, 0.1 + 0.9 * (1 - fake_loss / 2.3))}
            for name, ds in metrics.items():
                append(ds, values[name])
            f.flush()
            append(step_ds, step)  # the commit record: last
            f.flush()
    print(f"wrote {a.out}: layers {sizes}, {len(steps)} checkpoints, {a.probe} probe inputs"
          f"{', activations' if a.activations else ''}", file=sys.stderr)


if __name__ == "__main__":
    main()
