#!/usr/bin/env python3
"""The floating-point work of `lr-analyze`'s first analysis of an MLP run, step by step.

    python3 bench/analysis_flops.py RUN.h5 [--checkpoints K] [--probe N]

Replays the route decisions of Sources/LocalRank/InputRecursion.swift (which units are
active at each probe input, when the running matrix shrinks to its LQ factor, which layers
take the triangle of R_l) with numpy, and adds up the textbook flop counts of each LAPACK/BLAS
call (LAPACK Working Note 41's counts; dqds and the index gathers, O(n^2) per call, are left
out). Prints one JSON line: GFLOP per step kind (svd_bidiagonalize: gebrd, half of it
matrix-vector products; svd_triangularize: the QR gesdd does first on elongated matrices;
lq: the staircase and dense LQ factorizations; products: gemm and trmm; per_checkpoint: the
weights' factorizations, layer 0's SVD and the pre-activations), the total, and the mean
active units per hidden layer. Keep it in step with InputRecursion when the routes change.
"""

import argparse
import json

import h5py
import numpy as np

BLOCK = 32  # DecompositionWorkspace.blockSize: rows per block of reflections


def lq_flops(rows, columns):
    """Dense Householder LQ (or QR) of a rows x columns matrix."""
    m, n = min(rows, columns), max(rows, columns)
    return 2 * m * m * (n - m / 3)


def staircase_lq_flops(lengths, columns):
    """Blocked LQ of rows whose nonzeros end at `lengths` (nondecreasing): geqrf panels,
    larft and larfb reaching only the columns the block's rows reach."""
    rows, total = len(lengths), 0.0
    rank = min(rows, columns)
    for first in range(0, rank, BLOCK):
        width = min(BLOCK, rank - first)
        height = min(columns, max(lengths[first + width - 1], first + width)) - first
        trailing = rows - first - width
        total += 2 * width * width * (height - width / 3)
        if trailing > 0:
            total += width * width * height + 4 * height * width * trailing
    return total


def svd_flops(rows, columns):
    """(bidiagonalize, triangularize) of Matrix.singularValues(workspace:): gebrd for nearly
    square shapes, gesdd (a QR first) when one side is at least 11/6 of the other."""
    p, q = min(rows, columns), max(rows, columns)
    if p == 0:
        return 0.0, 0.0
    if 6 * q >= 11 * p:
        return 8 / 3 * p**3, 2 * p * p * (q - p / 3)
    return 4 * p * p * (q - p / 3), 0.0


def shrink_pays(active, width, forms_next):
    return active <= (0.9 if forms_next else 0.6) * width


class Tally:
    def __init__(self):
        self.flops = {"svd_bidiagonalize": 0.0, "svd_triangularize": 0.0, "lq": 0.0, "products": 0.0, "per_checkpoint": 0.0}

    def svd(self, rows, columns):
        bidiagonalize, triangularize = svd_flops(rows, columns)
        self.flops["svd_bidiagonalize"] += bidiagonalize
        self.flops["svd_triangularize"] += triangularize

    def product(self, rows, inner, width, triangular):
        # trmm by the width x width triangle M, else a gemm.
        self.flops["products"] += rows * width * width if triangular else 2 * rows * inner * width


def input_flops(sizes, actives, tally):
    """InputRecursion.spectra at one input; actives[l]: the active units of hidden layer l."""
    layer_count = len(sizes) - 1
    k0 = min(sizes[0], sizes[1])
    units, width, triangular = actives[0], k0, False
    for layer in range(1, layer_count):
        a = len(units)
        if a == 0:
            return
        is_last = layer + 1 == layer_count
        through = sizes[layer + 1] > a
        following = actives[layer] if not is_last else []
        last_follows = layer + 2 == layer_count and sizes[layer + 2] <= len(following)
        if through and shrink_pays(a, width, not is_last and not last_follows):
            lengths = [min(u + 1, width) for u in units] if layer == 1 else [width] * a
            tally.flops["lq"] += staircase_lq_flops(lengths, width)
            width, triangular = a, True
        if not through:
            outer = sizes[layer + 1]
            tally.product(outer, a, width, triangular)
            tally.svd(outer, width)
        else:
            r = min(sizes[layer + 1], sizes[layer])
            tally.flops["lq"] += staircase_lq_flops([min(u + 1, r) for u in units], r)
            tally.flops["products"] += a * a * width  # T·M (trmm by T)
            tally.svd(a, width)
            if last_follows:
                outer, b = sizes[layer + 2], len(following)
                tally.flops["products"] += 2 * outer * b * a
                tally.product(outer, a, width, triangular)
                tally.svd(outer, width)
                return
            if not is_last:
                tally.product(len(following), a, width, triangular)
        units, triangular = following, False


def checkpoint_flops(sizes, probe, tally):
    k0 = min(sizes[0], sizes[1])
    tally.flops["per_checkpoint"] += lq_flops(sizes[1], sizes[0]) + sum(svd_flops(sizes[1], k0))
    tally.flops["per_checkpoint"] += sum(lq_flops(sizes[l + 1], sizes[l]) for l in range(1, len(sizes) - 1))
    tally.flops["per_checkpoint"] += 2 * probe * sum(sizes[l] * sizes[l + 1] for l in range(len(sizes) - 1))


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("run")
    p.add_argument("--checkpoints", type=int, default=None, help="only the first K checkpoints")
    p.add_argument("--probe", type=int, default=None, help="only the first N probe inputs")
    a = p.parse_args(argv)
    run = h5py.File(a.run, "r")
    if run["model"].attrs["architecture"] != "mlp":
        raise SystemExit(f"{a.run}: only MLP runs are counted")
    activations = [str(s) for s in run["model"].attrs["activations"]]
    layers = len(activations)
    probe = run["probe/x"][: a.probe].astype(np.float64)
    checkpoints = run["weights/0/weight"].shape[0] if a.checkpoints is None else a.checkpoints
    tally, active_sums = Tally(), np.zeros(layers - 1)
    sizes = None
    for checkpoint in range(checkpoints):
        weights = [run[f"weights/{l}/weight"][checkpoint].astype(np.float64) for l in range(layers)]
        biases = [run[f"weights/{l}/bias"][checkpoint].astype(np.float64) for l in range(layers)]
        sizes = [weights[0].shape[1]] + [w.shape[0] for w in weights]
        checkpoint_flops(sizes, len(probe), tally)
        for x in probe:
            actives, h = [], x
            for w, b, activation in zip(weights[:-1], biases[:-1], activations[:-1]):
                z = w @ h + b
                derivative = (z > 0) if activation == "relu" else (np.ones_like(z, dtype=bool) if activation == "identity" else (np.tanh(z) ** 2 != 1))
                actives.append(list(np.flatnonzero(derivative)))
                h = np.maximum(z, 0) if activation == "relu" else (np.tanh(z) if activation == "tanh" else z)
            active_sums += [len(u) for u in actives]
            input_flops(sizes, actives, tally)
    gflop = {k: round(v / 1e9, 3) for k, v in tally.flops.items()}
    print(json.dumps({"layers": sizes, "checkpoints": checkpoints, "probe": len(probe), "gflop": gflop,
                      "total_gflop": round(sum(tally.flops.values()) / 1e9, 3),
                      "mean_active": [round(s / (checkpoints * len(probe)), 1) for s in active_sums]}))


if __name__ == "__main__":
    main()
