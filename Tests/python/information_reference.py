"""An independent float64 numpy implementation of `lr-analyze information`'s estimators.

It reads a run file with h5py, replays every layer's output T_l = sigma_l(z_l) in float64
from the stored float32 weights (a classifier's last layer: the softmax of its logits), and
estimates, in bits, with X uniform over the probe inputs and Y their labels:

- binning: K equal-width bins over [min, max] of the layer's values (or a fixed range);
  v goes to bin floor((v - lo) / (hi - lo) * K), the maximum to K - 1; each input's vector of
  bins is one symbol; I(X;T) = H(T), I(T;Y) = H(T) - sum_y p(y) H(T | Y = y).
- kde: Kolchinsky and Tracey's pairwise-distance bounds with D_ij = |t_i - t_j|^2 taken
  directly as a sum of squared differences: I(X;T) = -(1/N) sum_i log2[(1/N) sum_j
  exp(-D_ij / (2 s^2))] (upper), the same with 8 s^2 (lower); I(T;Y) = I(X;T) - sum_y p(y)
  I(X;T | Y = y).

As a script, `check RUN OUTPUT.json` compares lr-analyze's JSON with these formulas
(binning: equal to the last bit; kde: to 1e-9 relative) and prints "ok".
"""
import argparse
import json
import math
import sys

import h5py
import numpy as np


def representations(run_path, checkpoint, probe=None):
    """Every layer's T (N x n_{l+1}, float64) at checkpoint index `checkpoint`."""
    with h5py.File(run_path, "r") as f:
        activations = [a.decode() if isinstance(a, bytes) else str(a) for a in f["model"].attrs["activations"]]
        task = f["data"].attrs["task"]
        task = task.decode() if isinstance(task, bytes) else str(task)
        x = np.asarray(f["probe/x"][...], dtype=np.float64)
        if probe is not None:
            x = x[:probe]
        layers = []
        for layer in range(len(activations)):
            w = np.asarray(f[f"weights/{layer}/weight"][checkpoint], dtype=np.float64)
            b = np.asarray(f[f"weights/{layer}/bias"][checkpoint], dtype=np.float64)
            layers.append((w, b))
    outputs, previous = [], x
    for layer, (w, b) in enumerate(layers):
        z = previous @ w.T + b
        if task == "classification" and layer == len(layers) - 1:
            e = np.exp(z - z.max(axis=1, keepdims=True))
            t = e / e.sum(axis=1, keepdims=True)
        elif activations[layer] == "tanh":
            t = np.tanh(z)
        elif activations[layer] == "relu":
            t = np.maximum(z, 0.0)
        elif activations[layer] == "identity":
            t = z
        else:
            raise ValueError(f"activation {activations[layer]}")
        outputs.append(t)
        previous = t
    return outputs


def labels(run_path, probe=None):
    with h5py.File(run_path, "r") as f:
        task = f["data"].attrs["task"]
        task = task.decode() if isinstance(task, bytes) else str(task)
        if task != "classification" or "probe/y" not in f:
            return None
        y = np.asarray(f["probe/y"][...]).reshape(-1)
    return (y[:probe] if probe is not None else y).astype(np.int64)


def entropy_bits(symbols):
    """H in bits of the symbols' empirical distribution, summed in ascending symbol order."""
    _, counts = np.unique(symbols, axis=0, return_counts=True)
    total, h = float(len(symbols)), 0.0
    for c in counts:
        p = float(c) / total
        h -= p * math.log2(p)
    return h


def binning(t, y, bins=30, bin_range=None):
    lo, hi = (float(t.min()), float(t.max())) if bin_range is None else bin_range
    if hi > lo:
        symbols = np.clip(np.floor((t - lo) / (hi - lo) * bins), 0, bins - 1).astype(np.int64)
    else:
        symbols = np.zeros(t.shape, dtype=np.int64)
    h = entropy_bits(symbols)
    if y is None:
        return h, None
    n, conditional = len(y), 0.0
    for value in np.unique(y):
        members = symbols[y == value]
        conditional += len(members) / n * entropy_bits(members)
    return h, h - conditional


def squared_distances(t):
    """D_ij = sum_k (t_ik - t_jk)^2, row block by row block."""
    n = len(t)
    d = np.empty((n, n))
    for start in range(0, n, 256):
        block = t[start:start + 256]
        d[start:start + 256] = ((block[:, None, :] - t[None, :, :]) ** 2).sum(axis=2)
    return d


def kde_bound(d, width):
    """-(1/N) sum_i log2[(1/N) sum_j exp(-D_ij / width)]."""
    n = len(d)
    return float(-np.mean(np.log2(np.exp(-d / width).sum(axis=1) / n)))


def kde(t, y, noise_variance=0.1):
    d = squared_distances(t)
    results = []
    for width in (2 * noise_variance, 8 * noise_variance):
        whole = kde_bound(d, width)
        if y is None:
            results.append((whole, None))
            continue
        conditional = sum((y == v).mean() * kde_bound(d[np.ix_(y == v, y == v)], width) for v in np.unique(y))
        results.append((whole, whole - conditional))
    (upper, upper_y), (lower, lower_y) = results
    return upper, upper_y, lower, lower_y


def check(run_path, output_path):
    with open(output_path) as handle:
        out = json.load(handle)
    estimator, probe = out["estimator"], out["probe_count"]
    y = labels(run_path, probe)
    assert (out["i_ty_absent"] is None) == (y is not None), out["i_ty_absent"]
    with h5py.File(run_path, "r") as f:
        steps = list(f["checkpoints/step"][...])
    compared = 0
    for checkpoint in out["checkpoints"]:
        index = steps.index(checkpoint["step"])
        ts = representations(run_path, index, probe)
        for position, layer in enumerate(l["index"] for l in out["layers"]):
            t = ts[layer]
            if estimator["name"] == "binning":
                i_xt, i_ty = binning(t, y, estimator["bins"], estimator["bin_range"])
                assert checkpoint["i_xt"][position] == i_xt, (checkpoint["step"], layer, checkpoint["i_xt"][position], i_xt)
                if y is not None:
                    assert checkpoint["i_ty"][position] == i_ty, (checkpoint["step"], layer, checkpoint["i_ty"][position], i_ty)
            else:
                upper, upper_y, lower, lower_y = kde(t, y, estimator["noise_variance"])
                for key, expected, scale in (("i_xt", upper, upper), ("i_xt_lower", lower, lower),
                                             ("i_ty", upper_y, upper), ("i_ty_lower", lower_y, lower)):
                    if expected is None:
                        continue
                    got = checkpoint[key][position]
                    # A difference of two terms is compared relative to the terms' size.
                    assert abs(got - expected) <= 1e-9 * max(abs(expected), abs(scale), 1e-300), \
                        (key, checkpoint["step"], layer, got, expected)
            saturated = abs(math.log2(probe) - checkpoint["i_xt"][position]) <= 0.01 * math.log2(probe)
            assert checkpoint["saturated"][position] == saturated, (checkpoint["step"], layer)
            compared += 1
    assert compared > 0
    print(f"ok {compared}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=["check"])
    parser.add_argument("run")
    parser.add_argument("output")
    arguments = parser.parse_args()
    check(arguments.run, arguments.output)


if __name__ == "__main__":
    sys.exit(main())
