#!/usr/bin/env python3
"""JAX reference analyzer: local rank of every layer, the way a Python user would compute it.

    python3 bench/reference_analyze.py RUNFILE [--eps 1e-3,1e-5] [--checkpoints K |
        --checkpoint-stride S] [--probe N] [--x64]

Reads a run file (run format v1) with h5py. For each checkpoint it builds the parameters
and computes, for the probe inputs /probe/x (the first --probe N),

    jax.jit(jax.vmap(jax.jacfwd(preactivations)))   # preactivations(params, x) -> (z_0, ..., z_{L-1})
    jnp.linalg.svd(J, compute_uv=False)             # batched over the probe inputs

(both inside one jitted function), then counts singular values strictly greater than each
eps and averages over the probe inputs. float32 by default, as a typical user would; --x64
enables jax_enable_x64 and does everything in float64.

Timing: one warm-up call on the first checkpoint (compilation excluded), then every
selected checkpoint is timed from reading its weights to the rank counts, with
block_until_ready. Prints one JSON line:
  {"checkpoints": K, "probe": N, "seconds": total, "cpu_seconds": the process's CPU time over
   the same loop (every thread), "seconds_per_checkpoint": median,
   "local_rank": local_rank[checkpoint][eps_index][layer], ...}
"""

import argparse
import json
import statistics
import sys
import time

import h5py
import numpy as np


def parse_args(argv=None):
    p = argparse.ArgumentParser(description="JAX reference local-rank analyzer (benchmark).")
    p.add_argument("runfile")
    p.add_argument("--eps", default="1e-3", help="comma-separated thresholds (default: 1e-3)")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--checkpoints", type=int, default=None, help="only the first K checkpoints")
    group.add_argument("--checkpoint-stride", type=int, default=None, help="every S-th checkpoint (0, S, 2S, ...)")
    p.add_argument("--probe", type=int, default=None, help="only the first N probe inputs (default: all)")
    p.add_argument("--x64", action="store_true", help="float64 throughout (jax_enable_x64)")
    a = p.parse_args(argv)
    try:
        a.eps_list = [float(e) for e in a.eps.split(",")]
    except ValueError:
        p.error(f"--eps {a.eps!r} is not a comma-separated list of numbers")
    if (a.checkpoints is not None and a.checkpoints < 1) or (a.checkpoint_stride is not None and a.checkpoint_stride < 1):
        p.error("--checkpoints and --checkpoint-stride must be positive")
    return a


def main(argv=None):
    a = parse_args(argv)
    import jax
    if a.x64:
        jax.config.update("jax_enable_x64", True)
    import jax.numpy as jnp
    dtype = np.float64 if a.x64 else np.float32

    with h5py.File(a.runfile, "r") as f:
        if f.attrs.get("format") != "local-rank-run" or int(f.attrs.get("format_version", -1)) != 1:
            sys.exit(f"{a.runfile}: not a local-rank run file of format version 1")
        sizes = [int(s) for s in f["model"].attrs["layer_sizes"]]
        acts = [str(s) for s in f["model"].attrs["activations"]]
        L = len(sizes) - 1
        C = len(f["checkpoints/step"])  # the commit record; other datasets may have one more row
        steps = f["checkpoints/step"][:C]
        selected = list(range(C))
        if a.checkpoints is not None:
            selected = selected[: a.checkpoints]
        elif a.checkpoint_stride is not None:
            selected = selected[:: a.checkpoint_stride]
        if not selected:
            sys.exit(f"{a.runfile}: no checkpoints")
        X = f["probe/x"][: a.probe].astype(dtype)
        N = X.shape[0]
        X = jax.device_put(X)

        nonlinearity = {"relu": jax.nn.relu, "tanh": jnp.tanh, "identity": lambda z: z}

        def preactivations(params, x):
            """(z_0, ..., z_{L-1}) for one input x [n_0]; layer l: z_l = W_l a_{l-1} + b_l."""
            zs, h = [], x
            for (W, b), act in zip(params, acts):
                z = W @ h + b
                zs.append(z)
                h = nonlinearity[act](z)
            return tuple(zs)

        jacobians = jax.vmap(jax.jacfwd(preactivations, argnums=1), in_axes=(None, 0))

        @jax.jit
        def spectra(params, X):
            """Singular values of J_l(x) = dz_l/dx for every layer l and probe input x."""
            return tuple(jnp.linalg.svd(J, compute_uv=False) for J in jacobians(params, X))

        def load_params(c):
            return [(jnp.asarray(f[f"weights/{l}/weight"][c].astype(dtype)),
                     jnp.asarray(f[f"weights/{l}/bias"][c].astype(dtype))) for l in range(L)]

        def analyze(c):
            """local_rank[eps_index][layer] for checkpoint c."""
            svals = jax.block_until_ready(spectra(load_params(c), X))
            svals = [np.asarray(s) for s in svals]
            return [[float((s > eps).sum(axis=1).mean()) for s in svals] for eps in a.eps_list]

        # Warm-up: compile on the first checkpoint.
        t0 = time.perf_counter()
        analyze(selected[0])
        compile_seconds = time.perf_counter() - t0

        local_rank, per_checkpoint = [], []
        start, cpu_start = time.perf_counter(), time.process_time()
        for c in selected:
            t = time.perf_counter()
            local_rank.append(analyze(c))
            per_checkpoint.append(time.perf_counter() - t)
        total, cpu_total = time.perf_counter() - start, time.process_time() - cpu_start

    print(json.dumps({
        "checkpoints": len(selected), "probe": N, "seconds": round(total, 6), "cpu_seconds": round(cpu_total, 6),
        "seconds_per_checkpoint": round(statistics.median(per_checkpoint), 6),
        "local_rank": local_rank, "per_checkpoint_seconds": [round(t, 6) for t in per_checkpoint],
        "eps": a.eps_list, "steps": [int(steps[c]) for c in selected], "indices": selected,
        "layer_sizes": sizes, "dtype": np.dtype(dtype).name,
        "first_call_seconds": round(compile_seconds, 3), "jax": jax.__version__,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
