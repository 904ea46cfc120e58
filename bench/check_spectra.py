#!/usr/bin/env python3
"""Check an analysis cache against numpy: float64 SVDs of the explicitly formed Jacobians.

    python3 bench/check_spectra.py RUN.h5 RUN.lr.h5 [--checkpoints K] [--probe N]

For each checkpoint row of the cache (the first K) and probe input (the first N), rebuilds
the network from the run in float64, forms J_l = W_l D_{l-1} ... D_0 W_0 for every analyzed
layer of an MLP, takes numpy's singular values and compares them with the cache's:

    max_abs_over_sigma1   max |ours - numpy| / sigma_1(J_l)
    max_rel_above_1e-6    max |ours - numpy| / numpy among values above 1e-6 sigma_1
    count_mismatches      inputs x layers x eps (1e-1 ... 1e-9) where the counts above eps
                          differ although no numpy value lies within a relative 1e-6 of eps

Prints one JSON line. numpy's values are themselves accurate to about 1e-16 sigma_1 (absolute).
"""

import argparse
import json
import sys

import h5py
import numpy as np

EPSILONS = [10.0 ** -k for k in range(1, 10)]


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("run")
    p.add_argument("cache")
    p.add_argument("--checkpoints", type=int, default=None, help="only the cache's first K rows")
    p.add_argument("--probe", type=int, default=None, help="only the first N probe inputs")
    return p.parse_args(argv)


def derivative(activation, z):
    if activation == "relu":
        return (z > 0).astype(np.float64)
    if activation == "tanh":
        return 1.0 - np.tanh(z) ** 2
    return np.ones_like(z)


def apply(activation, z):
    return np.maximum(z, 0) if activation == "relu" else (np.tanh(z) if activation == "tanh" else z)


def jacobian_spectra(weights, biases, activations, x):
    """numpy's singular values of every J_l at input x."""
    spectra, jacobian, a = [], np.eye(len(x)), x
    for w, b, activation in zip(weights, biases, activations):
        z = w @ a + b
        jacobian = w @ jacobian
        spectra.append(np.linalg.svd(jacobian, compute_uv=False))
        jacobian = derivative(activation, z)[:, None] * jacobian
        a = apply(activation, z)
    return spectra


def compare(ours, reference, tally):
    sigma1 = reference[0] if len(reference) else 0.0
    mine = np.zeros(len(reference))
    mine[: min(len(ours), len(reference))] = ours[: len(reference)]
    if sigma1 > 0:
        difference = np.abs(mine - reference)
        tally["max_abs_over_sigma1"] = max(tally["max_abs_over_sigma1"], float(difference.max() / sigma1))
        large = reference > 1e-6 * sigma1
        if large.any():
            tally["max_rel_above_1e-6"] = max(tally["max_rel_above_1e-6"], float((difference[large] / reference[large]).max()))
    for eps in EPSILONS:
        if np.any(np.abs(reference - eps) <= 1e-6 * eps):
            continue
        tally["count_mismatches"] += int(np.sum(ours > eps) != np.sum(reference > eps))
    tally["compared"] += 1


def main(argv=None):
    a = parse_args(argv)
    run, cache = h5py.File(a.run, "r"), h5py.File(a.cache, "r", swmr=True)
    if run["model"].attrs["architecture"] != "mlp":
        sys.exit(f"{a.run}: only MLP runs are checked")
    activations = [str(s) for s in run["model"].attrs["activations"]]
    layers = len(activations)
    rows = cache["checkpoints/index"][: a.checkpoints]
    probe = run["probe/x"][: a.probe].astype(np.float64)
    tally = {"max_abs_over_sigma1": 0.0, "max_rel_above_1e-6": 0.0, "count_mismatches": 0, "compared": 0}
    for row, checkpoint in enumerate(rows):
        weights = [run[f"weights/{l}/weight"][checkpoint].astype(np.float64) for l in range(layers)]
        biases = [run[f"weights/{l}/bias"][checkpoint].astype(np.float64) for l in range(layers)]
        spectra = [cache[f"spectra/{l}"][row] for l in range(layers)]
        for i, x in enumerate(probe):
            for layer, reference in enumerate(jacobian_spectra(weights, biases, activations, x)):
                compare(spectra[layer][i], reference, tally)
    print(json.dumps(tally))


if __name__ == "__main__":
    main()
