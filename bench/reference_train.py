#!/usr/bin/env python3
"""JAX reference trainer: the training throughput a competent JAX user gets on the CPU.

    python3 bench/reference_train.py --layers 784,200,200,200,200,10 --batch 64 --steps 2000 \
        --optimizer adamw --lr 1e-4 --weight-decay 0.01 --task classification \
        [--activation relu] [--seed 0] [--repeats 3] [--loop step|scan]

An MLP in plain jax.numpy (weights [out, in] and biases, He-normal init), MSE
(regression, PyTorch's MSELoss: mean over batch and outputs) or softmax cross-entropy
(classification), and the optimizer written by hand like PyTorch's:
  adamw: decoupled weight decay p -= lr*wd*p on weights only, then Adam with bias correction;
  adam:  Adam with bias correction, weight decay (if any) as L2 added to the weights' gradient;
  sgd:   momentum 0.9 (PyTorch's form: buf = mu*buf + g; p -= lr*buf), L2 on weights.
The same semantics as lr-train. Synthetic data of the right shape: classification
1000 examples, uniform [0, 1] inputs, random labels; regression 2048 Gaussian (x, y).
Each epoch is a fresh shuffle cut into mini-batches of --batch (the last one partial, like
PyTorch's DataLoader with drop_last=False).

The dataset is moved to the device once. --loop step (default) calls one jax.jit-ed
update per mini-batch (params and optimizer state donated; the batch is gathered on the
device from the epoch's index array); --loop scan runs a whole epoch's full batches in one
jitted lax.scan (a partial last batch, if any, is a separate jitted call) and so avoids the
per-step dispatch cost. Compilation and a warm-up run are excluded from the timing; each
repeat times --steps updates and ends with block_until_ready. float32 throughout.

Prints one JSON line: {"steps": N, "seconds": [per repeat], "median_steps_per_second": ...}.
"""

import argparse
import functools
import json
import os
import statistics
import sys
import time

import numpy as np


def parse_args(argv=None):
    p = argparse.ArgumentParser(description="JAX reference trainer (throughput benchmark).")
    p.add_argument("--layers", default="784,200,200,200,200,10", help="layer widths n_0,...,n_L")
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--steps", type=int, default=2000, help="timed updates per repeat")
    p.add_argument("--optimizer", choices=["adamw", "adam", "sgd"], default="adamw")
    p.add_argument("--lr", type=float, default=1e-4)
    p.add_argument("--weight-decay", type=float, default=0.0)
    p.add_argument("--momentum", type=float, default=0.9, help="SGD momentum (default 0.9)")
    p.add_argument("--task", choices=["classification", "regression"], default="classification")
    p.add_argument("--activation", choices=["relu", "tanh", "identity"], default="relu")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--loop", choices=["step", "scan"], default="step",
                   help="step: one jitted call per update (default); scan: one jitted lax.scan per epoch")
    p.add_argument("--examples", type=int, default=None,
                   help="training examples (default: 1000 classification, 2048 regression)")
    a = p.parse_args(argv)
    a.layer_sizes = [int(s) for s in a.layers.split(",")]
    if len(a.layer_sizes) < 2 or a.steps < 1 or a.batch < 1 or a.repeats < 1:
        p.error("need at least two layer widths and positive --steps, --batch, --repeats")
    return a


def main(argv=None):
    a = parse_args(argv)
    import jax
    import jax.numpy as jnp

    sizes = a.layer_sizes
    n0, n_out = sizes[0], sizes[-1]
    classification = a.task == "classification"
    n = a.examples or (1000 if classification else 2048)

    # Synthetic data, moved to the device once.
    rng = np.random.default_rng(a.seed)
    if classification:
        X = rng.uniform(0.0, 1.0, size=(n, n0)).astype(np.float32)
        Y = rng.integers(0, n_out, size=n).astype(np.int32)
    else:
        X = rng.standard_normal((n, n0)).astype(np.float32)
        Y = rng.standard_normal((n, n_out)).astype(np.float32)
    X, Y = jax.device_put(X), jax.device_put(Y)

    # He-normal init, weights [out, in], zero biases.
    key = jax.random.PRNGKey(a.seed)
    params = []
    for l in range(len(sizes) - 1):
        key, sub = jax.random.split(key)
        W = jax.random.normal(sub, (sizes[l + 1], sizes[l]), jnp.float32) * np.float32(np.sqrt(2.0 / sizes[l]))
        params.append((W, jnp.zeros((sizes[l + 1],), jnp.float32)))

    act = {"relu": jax.nn.relu, "tanh": jnp.tanh, "identity": lambda z: z}[a.activation]

    def forward(params, x):
        for W, b in params[:-1]:
            x = act(x @ W.T + b)
        W, b = params[-1]
        return x @ W.T + b

    def loss_fn(params, x, y):
        out = forward(params, x)
        if classification:
            logp = jax.nn.log_softmax(out)
            return -jnp.mean(jnp.take_along_axis(logp, y[:, None], axis=1))
        return jnp.mean((out - y) ** 2)

    lr, wd, mu = np.float32(a.lr), np.float32(a.weight_decay), np.float32(a.momentum)
    b1, b2, eps = np.float32(0.9), np.float32(0.999), np.float32(1e-8)

    def init_opt(params):
        zeros = jax.tree_util.tree_map(jnp.zeros_like, params)
        if a.optimizer == "sgd":
            return {"buf": zeros}
        return {"t": jnp.zeros((), jnp.float32), "m": zeros,
                "v": jax.tree_util.tree_map(jnp.zeros_like, params)}

    def apply_update(params, opt, grads):
        """One optimizer step, PyTorch semantics; weight decay on weights (not biases) only."""
        if a.optimizer != "adamw" and a.weight_decay:
            grads = [(gW + wd * W, gb) for (W, _), (gW, gb) in zip(params, grads)]
        if a.optimizer == "sgd":
            buf = jax.tree_util.tree_map(lambda B, g: mu * B + g, opt["buf"], grads)
            params = jax.tree_util.tree_map(lambda p, B: p - lr * B, params, buf)
            return params, {"buf": buf}
        t = opt["t"] + 1
        m = jax.tree_util.tree_map(lambda m, g: b1 * m + (1 - b1) * g, opt["m"], grads)
        v = jax.tree_util.tree_map(lambda v, g: b2 * v + (1 - b2) * g * g, opt["v"], grads)
        c1, c2 = 1 - b1 ** t, 1 - b2 ** t
        if a.optimizer == "adamw":
            params = [(W * (1 - lr * wd), b) for W, b in params]
        params = jax.tree_util.tree_map(
            lambda p, m, v: p - lr * (m / c1) / (jnp.sqrt(v / c2) + eps), params, m, v)
        return params, {"t": t, "m": m, "v": v}

    def update(params, opt, X, Y, idx):
        loss, grads = jax.value_and_grad(loss_fn)(params, X[idx], Y[idx])
        params, opt = apply_update(params, opt, grads)
        return params, opt, loss

    # X and Y are device arrays passed by reference (no copy); only the indices travel.
    step_fn = jax.jit(update, donate_argnums=(0, 1))

    @functools.partial(jax.jit, donate_argnums=(0, 1))
    def epoch_fn(params, opt, X, Y, batches):  # batches: [k, batch] indices
        def body(carry, idx):
            p, o, _ = update(*carry, X, Y, idx)
            return (p, o), None
        (params, opt), _ = jax.lax.scan(body, (params, opt), batches)
        return params, opt

    perm_rng = np.random.default_rng(a.seed + 1)
    batches_per_epoch = -(-n // a.batch)

    def batch_schedule():
        """Endless (epoch-shuffled) mini-batch index arrays, int32."""
        while True:
            order = perm_rng.permutation(n).astype(np.int32)
            yield [order[i:i + a.batch] for i in range(0, n, a.batch)]

    opt = init_opt(params)
    schedule = batch_schedule()

    def run(params, opt, steps):
        """`steps` updates, following the epoch schedule; returns the new state (not blocked)."""
        done = 0
        while done < steps:
            batches = next(schedule)[: steps - done]
            if a.loop == "step":
                for idx in batches:
                    params, opt, _ = step_fn(params, opt, X, Y, idx)
            else:
                full = [b for b in batches if len(b) == a.batch]
                if full:
                    params, opt = epoch_fn(params, opt, X, Y, np.stack(full))
                for idx in batches[len(full):]:
                    params, opt, _ = step_fn(params, opt, X, Y, idx)
            done += len(batches)
        return params, opt

    # Warm-up: compile every shape used (full and partial batches, scan lengths) and settle.
    warm = min(a.steps, 2 * batches_per_epoch)
    params, opt = run(params, opt, warm)
    jax.block_until_ready((params, opt))
    if a.loop == "scan":  # compile the scan length of a truncated final epoch too
        schedule = batch_schedule()
        params, opt = run(params, opt, a.steps)
        jax.block_until_ready((params, opt))
    schedule = batch_schedule()

    seconds = []
    for _ in range(a.repeats):
        schedule = batch_schedule()  # every repeat starts at an epoch boundary
        start = time.perf_counter()
        params, opt = run(params, opt, a.steps)
        jax.block_until_ready((params, opt))
        seconds.append(time.perf_counter() - start)

    final_loss = float(loss_fn(params, X[:256], Y[:256]))
    median = statistics.median(seconds)
    print(json.dumps({
        "steps": a.steps, "seconds": [round(s, 6) for s in seconds],
        "median_steps_per_second": round(a.steps / median, 3),
        "layers": sizes, "optimizer": a.optimizer, "task": a.task, "batch": a.batch, "loop": a.loop,
        "final_loss": final_loss, "jax": jax.__version__, "backend": jax.default_backend(),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
