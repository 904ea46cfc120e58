#!/usr/bin/env python3
"""Write a synthetic run file (run format v1) for benchmarking the analysis.

The weights are not trained: each layer starts He-initialized and takes a small random
step per checkpoint (a random walk), which is all the analysis needs since its cost does
not depend on training. With --weights rank-limited every W_l is instead a product A_l·B_l
of rank r_l = ceil(--rank-fraction × min(n_l, n_{l+1})), both factors taking the random
walk: like trained weights, whose spectra fall off, its Jacobians have many singular values
far below the largest. The file is written by the repository's Python package
(python/localrank, imported from this checkout), as a training loop would write it.

    python3 bench/make_bench_run.py --layers 784,200,200,200,200,10 --checkpoints 60 \
        --probe 512 --out /tmp/bench.h5 [--seed 0] [--activations] [--task classification] \
        [--weights he-walk|rank-limited] [--rank-fraction 0.5]

localrank.RunWriter writes it the way lr-train does (HDF5 1.10 format, SWMR mode, one
checkpoint per chunk, shuffle + gzip + Fletcher-32, /checkpoints/step extended last).
"""

import argparse
import math
import os
import sys
from pathlib import Path

import h5py
import numpy as np

# The package of this checkout, not an installed copy of another version.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "python"))
from localrank import RunWriter  # noqa: E402


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
    p.add_argument("--weights", default="he-walk", choices=["he-walk", "rank-limited"],
                   help="he-walk: dense He-initialized weights; rank-limited: W_l = A_l B_l of rank "
                        "ceil(--rank-fraction x min(n_l, n_l+1)) (default: %(default)s)")
    p.add_argument("--rank-fraction", type=float, default=0.5,
                   help="rank of each rank-limited W_l as a fraction of min(n_l, n_l+1) (default: %(default)s)")
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
    if not 0 < a.rank_fraction <= 1:
        p.error("--rank-fraction must be in (0, 1]")
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


class DenseWalk:
    """He-normal weights [out, in] taking a random step of 5% of their scale per checkpoint."""

    def __init__(self, sizes, rng):
        self.rng = rng
        self.scales = [math.sqrt(2.0 / n_in) for n_in in sizes[:-1]]
        self.weights = [(rng.standard_normal((n_out, n_in)) * scale).astype(np.float32)
                        for n_in, n_out, scale in zip(sizes[:-1], sizes[1:], self.scales)]

    def step(self, layer):
        w = self.weights[layer]
        w += (0.05 * self.scales[layer] * self.rng.standard_normal(w.shape)).astype(np.float32)

    def matrices(self):
        return self.weights


class RankLimitedWalk:
    """W_l = A_l B_l / sqrt(r_l) * sqrt(2 / n_l) (He-like entry variance) of rank r_l; the
    standard normal factors take a random step of 5% per checkpoint, so the rank stays r_l."""

    def __init__(self, sizes, fraction, rng):
        self.rng = rng
        self.factors = []
        for n_in, n_out in zip(sizes[:-1], sizes[1:]):
            rank = math.ceil(fraction * min(n_in, n_out))
            self.factors.append((rng.standard_normal((n_out, rank)), rng.standard_normal((rank, n_in)),
                                 math.sqrt(2.0 / (n_in * rank))))

    def step(self, layer):
        a, b, _ = self.factors[layer]
        a += 0.05 * self.rng.standard_normal(a.shape)
        b += 0.05 * self.rng.standard_normal(b.shape)

    def matrices(self):
        return [(a @ b * scale).astype(np.float32) for a, b, scale in self.factors]


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

    weights = DenseWalk(sizes, rng) if a.weights == "he-walk" else RankLimitedWalk(sizes, a.rank_fraction, rng)
    biases = [np.zeros(sizes[l + 1], dtype=np.float32) for l in range(L)]
    steps = checkpoint_steps(a.checkpoints, a.max_step)
    batches_per_epoch = math.ceil(n_train / 64)

    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    source = (f"make_bench_run.py: random {'uniform [0,1] inputs, random labels' if classification else 'jointly Gaussian (x, y)'}, "
              f"seed {a.seed}; untrained random-walk weights")
    with RunWriter(a.out, sizes, activations, a.task, probe_x, probe_y, store_activations=a.activations,
                   data_name="synthetic" if classification else "gaussian", data_seed=a.seed, n_train=n_train,
                   n_test=n_test, data_source=source, joint_covariance=covariance,
                   producer=f"make_bench_run.py (h5py {h5py.version.version})", overwrite=True) as run:
        for c, step in enumerate(steps):
            if c > 0:
                for l in range(L):
                    weights.step(l)
                    biases[l] += (0.01 * rng.standard_normal(biases[l].shape)).astype(np.float32)
            fake_loss = 2.3 / (1.0 + 0.001 * step)
            metrics = {"train_loss": fake_loss, "test_loss": 1.1 * fake_loss}
            if classification:
                metrics["test_accuracy"] = min(1.0, 0.1 + 0.9 * (1 - fake_loss / 2.3))
            run.append(int(step), weights.matrices(), biases, metrics, epoch=step / batches_per_epoch, wall_time=1e-3 * step)
    print(f"wrote {a.out}: layers {sizes}, {len(steps)} checkpoints, {a.probe} probe inputs"
          f"{', activations' if a.activations else ''}", file=sys.stderr)


if __name__ == "__main__":
    main()
