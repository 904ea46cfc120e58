#!/usr/bin/env python3
"""The numpy reference of bench/information.sh: the information-plane estimators of
`lr-analyze information`, written as a researcher would in numpy, on the same run file.

    python3 bench/reference_information.py RUN.h5 --estimator binning|kde [--checkpoints K]
        [--bins 30] [--noise-variance 0.1] --out OUT.json

Per checkpoint it replays every layer's output in float64 from the stored weights (a
classifier's last layer: softmax), then per layer:
- binning: np.digitize-free equal-width bins over [min, max], symbols by np.unique(axis=0)
  (as Shwartz-Ziv and Tishby's code does), H(T) and H(T | Y = y) from their counts;
- kde: D = |t_i|^2 + |t_j|^2 - 2 t_i.t_j from one Gram matrix (as Saxe et al.'s code
  does), the Kolchinsky-Tracey bounds with logsumexp-free sums of exp(-D / w).
It times the first K checkpoints (all by default), excluding reading the file, and writes
{"seconds": ..., "checkpoints": [{"step", "i_xt", "i_ty"}]} to OUT.json.
"""
import argparse
import json
import time

import h5py
import numpy as np


def load(path):
    with h5py.File(path, "r") as f:
        activations = [a.decode() if isinstance(a, bytes) else str(a) for a in f["model"].attrs["activations"]]
        task = f["data"].attrs["task"]
        task = task.decode() if isinstance(task, bytes) else str(task)
        x = np.asarray(f["probe/x"][...], dtype=np.float64)
        y = np.asarray(f["probe/y"][...]).reshape(-1).astype(np.int64) if task == "classification" else None
        steps = f["checkpoints/step"][...]
        weights = [(np.asarray(f[f"weights/{l}/weight"][...], dtype=np.float64),
                    np.asarray(f[f"weights/{l}/bias"][...], dtype=np.float64)) for l in range(len(activations))]
    return activations, task, x, y, steps, weights


def forward(x, weights, activations, task, checkpoint):
    outputs, t = [], x
    for layer, (w, b) in enumerate(weights):
        z = t @ w[checkpoint].T + b[checkpoint]
        if task == "classification" and layer == len(weights) - 1:
            e = np.exp(z - z.max(axis=1, keepdims=True))
            t = e / e.sum(axis=1, keepdims=True)
        else:
            t = {"tanh": np.tanh, "relu": lambda v: np.maximum(v, 0), "identity": lambda v: v}[activations[layer]](z)
        outputs.append(t)
    return outputs


def entropy(symbols):
    _, counts = np.unique(symbols, axis=0, return_counts=True)
    p = counts / counts.sum()
    return float(-(p * np.log2(p)).sum())


def binning(t, y, bins):
    lo, hi = t.min(), t.max()
    symbols = np.clip(np.floor((t - lo) / (hi - lo) * bins), 0, bins - 1).astype(np.int32) if hi > lo else np.zeros(t.shape, np.int32)
    h = entropy(symbols)
    if y is None:
        return h, None
    return h, h - sum((y == v).mean() * entropy(symbols[y == v]) for v in np.unique(y))


def kde_bound(d, width):
    return float(np.log2(len(d)) - np.log2(np.exp(-d / width).sum(axis=1)).mean())


def kde(t, y, noise_variance):
    norms = (t * t).sum(axis=1)
    d = np.maximum(norms[:, None] + norms[None, :] - 2 * (t @ t.T), 0)
    width = 2 * noise_variance
    whole = kde_bound(d, width)
    if y is None:
        return whole, None
    lower_whole = kde_bound(d, 4 * width)
    masks = [y == v for v in np.unique(y)]
    upper = whole - sum(m.mean() * kde_bound(d[np.ix_(m, m)], width) for m in masks)
    lower = lower_whole - sum(m.mean() * kde_bound(d[np.ix_(m, m)], 4 * width) for m in masks)
    return whole, (upper, lower)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("run")
    p.add_argument("--estimator", choices=["binning", "kde"], default="binning")
    p.add_argument("--checkpoints", type=int, default=None)
    p.add_argument("--bins", type=int, default=30)
    p.add_argument("--noise-variance", type=float, default=0.1)
    p.add_argument("--out", required=True)
    a = p.parse_args()
    activations, task, x, y, steps, weights = load(a.run)
    count = len(steps) if a.checkpoints is None else min(a.checkpoints, len(steps))
    results = []
    start = time.perf_counter()
    for c in range(count):
        i_xt, i_ty = [], []
        for t in forward(x, weights, activations, task, c):
            whole, label = binning(t, y, a.bins) if a.estimator == "binning" else kde(t, y, a.noise_variance)
            i_xt.append(whole)
            i_ty.append(label if a.estimator == "binning" or label is None else label[0])
        results.append({"step": int(steps[c]), "i_xt": i_xt, "i_ty": i_ty})
    seconds = time.perf_counter() - start
    with open(a.out, "w") as f:
        json.dump({"seconds": seconds, "checkpoints": results}, f)


if __name__ == "__main__":
    main()
