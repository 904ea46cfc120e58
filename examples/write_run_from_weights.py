#!/usr/bin/env python3
"""Write a local-rank run file (run format v1) from your own checkpoints, with h5py and numpy only.

A checkpoint is a list with one (weight, bias) pair per linear layer, in PyTorch's layout:
weight [out, in], bias [out]. From a PyTorch MLP, for example:

    [(m.weight.detach().cpu().numpy(), m.bias.detach().cpu().numpy())
     for m in model.modules() if isinstance(m, torch.nn.Linear)]

Copy write_run() into your own code, call it once with all your checkpoints, then analyze
the file:

    lr-analyze OUT.h5 --eps 1e-3

Run as a script, this file builds a small example (a 20-32-16-5 ReLU MLP whose singular
values are shrunk a little more at each of 5 "checkpoints", probed at 64 seeded Gaussian
inputs) and writes it to OUT.h5:

    python3 examples/write_run_from_weights.py OUT.h5 [--seed S] [--task regression|classification]

The format is described in schemas/run-format-v1.md; see docs/python.md.
"""

import argparse
import datetime

import h5py
import numpy as np

ACTIVATIONS = ("relu", "tanh", "identity")


def write_run(path, layer_sizes, activations, checkpoints, probe_x, probe_y, steps, metrics,
              task="regression", data_name="custom", *, epochs=None, wall_times=None,
              data_seed=0, n_train=0, n_test=0, source="", joint_covariance=None,
              producer="write_run_from_weights.py"):
    """Write a complete run file (run format v1) at `path`, replacing any file there.

    layer_sizes  [n_0, n_1, ..., n_L]: input width, then each layer's output width.
    activations  L names from relu, tanh, identity, applied after each layer (the last: identity).
    checkpoints  C lists of L (weight [n_{l+1}, n_l], bias [n_{l+1}]) pairs, oldest first.
    probe_x      [N, n_0]: the inputs at which local rank is measured.
    probe_y      regression: targets [N, n_y]; classification: integer labels [N].
    steps        C training steps, strictly increasing (the commit record /checkpoints/step).
    metrics      {name: C floats}; needs train_loss and test_loss, and test_accuracy for
                 classification; any further name is stored as an extra metric.
    task         "regression" or "classification".
    data_name    your data set's name; "gaussian" is reserved for data with a joint_covariance.
    epochs, wall_times  C floats each (epochs done, seconds since start); NaN when not given.
    data_seed, n_train, n_test, source  describe the data (stored as /data attributes).
    joint_covariance    [n_0+n_y, n_0+n_y] covariance of (x, y), x first (required for "gaussian").
    """
    sizes = [int(n) for n in layer_sizes]
    L, C = len(sizes) - 1, len(checkpoints)
    if L < 1 or min(sizes) < 1:
        raise ValueError(f"layer_sizes {sizes}: need at least two positive widths")
    if len(activations) != L or any(a not in ACTIVATIONS for a in activations):
        raise ValueError(f"activations {activations}: need {L} names from {ACTIVATIONS}")
    if task not in ("regression", "classification"):
        raise ValueError(f"task {task!r}: expected 'regression' or 'classification'")
    if C < 1:
        raise ValueError("no checkpoints")
    for c, layers in enumerate(checkpoints):
        if len(layers) != L:
            raise ValueError(f"checkpoint {c} has {len(layers)} layers, expected {L}")
        for l, (w, b) in enumerate(layers):
            if np.shape(w) != (sizes[l + 1], sizes[l]) or np.shape(b) != (sizes[l + 1],):
                raise ValueError(f"checkpoint {c} layer {l}: weight {np.shape(w)}, bias {np.shape(b)}; "
                                 f"expected [out, in] = {(sizes[l + 1], sizes[l])} and {(sizes[l + 1],)}")
    probe_x = np.asarray(probe_x, dtype=np.float32)
    if probe_x.ndim != 2 or probe_x.shape[1] != sizes[0]:
        raise ValueError(f"probe_x has shape {probe_x.shape}, expected [N, {sizes[0]}]")
    N = probe_x.shape[0]
    probe_y = np.asarray(probe_y, dtype=np.int64 if task == "classification" else np.float32)
    if probe_y.shape[0] != N or probe_y.ndim != (1 if task == "classification" else 2):
        raise ValueError(f"probe_y has shape {probe_y.shape}, expected "
                         + (f"[{N}] labels" if task == "classification" else f"[{N}, n_y] targets"))
    steps = np.asarray(steps, dtype=np.int64)
    if steps.shape != (C,) or steps[0] < 0 or np.any(np.diff(steps) <= 0):
        raise ValueError(f"steps {steps.tolist()}: need {C} non-negative, strictly increasing steps")
    required = ["train_loss", "test_loss"] + (["test_accuracy"] if task == "classification" else [])
    if missing := [name for name in required if name not in metrics]:
        raise ValueError(f"metrics lack {missing}")
    columns = {"epoch": epochs, "wall_time": wall_times, **metrics}
    columns = {name: np.full(C, np.nan) if values is None else np.asarray(values, dtype=np.float64)
               for name, values in columns.items()}
    if bad := [name for name, values in columns.items() if values.shape != (C,) or name == "step"]:
        raise ValueError(f"metrics {bad}: each needs C = {C} values and a name other than 'step'")
    if data_name == "gaussian" and joint_covariance is None:
        raise ValueError("data_name 'gaussian' requires joint_covariance")

    # HDF5 1.10 format bounds: lr-analyze (HDF5 1.10) reads them, and SWMR needs them.
    with h5py.File(path, "w", libver=("v110", "v110")) as f:
        f.attrs["format"] = "local-rank-run"
        f.attrs["format_version"] = np.int64(1)
        f.attrs["producer"] = producer
        f.attrs["created"] = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        f.attrs["hdf5_version"] = h5py.version.hdf5_version

        model = f.create_group("model")
        model.attrs["architecture"] = "mlp"
        model.attrs["layer_sizes"] = np.asarray(sizes, dtype=np.int64)
        model.attrs["activations"] = np.array(activations, dtype=h5py.string_dtype())
        model.attrs["weight_layout"] = "out_in"

        data = f.create_group("data")
        data.attrs["name"] = data_name
        data.attrs["task"] = task
        data.attrs["seed"] = np.int64(data_seed)
        data.attrs["n_train"] = np.int64(n_train)
        data.attrs["n_test"] = np.int64(n_test)
        data.attrs["source"] = source
        if joint_covariance is not None:
            data.create_dataset("joint_covariance", data=np.asarray(joint_covariance, dtype=np.float64))

        f.create_dataset("probe/x", data=probe_x)
        f.create_dataset("probe/y", data=probe_y)

        def per_checkpoint(name, rows, dtype):
            """A [C, ...] dataset as lr-train writes it: unlimited first axis, one checkpoint
            per chunk, shuffle + gzip (optional for readers, but it lets the file grow later)."""
            rows = np.asarray(rows, dtype=dtype)
            f.create_dataset(name, data=rows, maxshape=(None, *rows.shape[1:]), chunks=(1, *rows.shape[1:]),
                             shuffle=True, compression="gzip")

        for l in range(L):
            per_checkpoint(f"weights/{l}/weight", [layers[l][0] for layers in checkpoints], np.float32)
            per_checkpoint(f"weights/{l}/bias", [layers[l][1] for layers in checkpoints], np.float32)
        for name, values in columns.items():
            per_checkpoint(f"checkpoints/{name}", values, np.float64)
        per_checkpoint("checkpoints/step", steps, np.int64)  # the commit record, written last


# --- The example: a small ReLU MLP and five made-up checkpoints. ---------------------------

def forward(layers, activations, x):
    """The network's output for inputs x [N, n_0], in float64."""
    a = np.asarray(x, dtype=np.float64)
    for (w, b), act in zip(layers, activations):
        z = a @ np.asarray(w, dtype=np.float64).T + b
        a = np.maximum(z, 0) if act == "relu" else np.tanh(z) if act == "tanh" else z
    return a


def example(seed=0, task="regression"):
    """The arguments of write_run() for a 20-32-16-5 ReLU MLP whose weights lose their small
    singular values a little more at each checkpoint, so that local rank falls."""
    rng = np.random.default_rng(seed)
    sizes, activations = [20, 32, 16, 5], ["relu", "relu", "identity"]
    steps = [0, 100, 200, 400, 800]
    initial = [(rng.standard_normal((n_out, n_in)) * np.sqrt(2.0 / n_in), 0.1 * rng.standard_normal(n_out))
               for n_in, n_out in zip(sizes[:-1], sizes[1:])]
    checkpoints = []
    for c in range(len(steps)):
        layers = []
        for w, b in initial:
            u, s, vt = np.linalg.svd(w, full_matrices=False)
            s = s * np.logspace(0, -2.5 * c, len(s))  # shrink the tail: 1 ... 10^(-2.5c)
            layers.append((((u * s) @ vt).astype(np.float32), b.astype(np.float32)))
        checkpoints.append(layers)

    # Probe inputs from a seeded Gaussian; targets from a fixed random "teacher".
    teacher = rng.standard_normal((sizes[-1], sizes[0])) / np.sqrt(sizes[0])
    probe_x, test_x = rng.standard_normal((64, sizes[0])), rng.standard_normal((256, sizes[0]))
    probe_t, test_t = probe_x @ teacher.T, test_x @ teacher.T
    metrics = {"train_loss": [], "test_loss": [], "weight_norm": []}
    if task == "classification":
        probe_y, test_y = probe_t.argmax(axis=1), test_t.argmax(axis=1)
        metrics["test_accuracy"] = []

        def loss(out, y):  # softmax cross-entropy
            out = out - out.max(axis=1, keepdims=True)
            return float(np.mean(np.log(np.exp(out).sum(axis=1)) - out[np.arange(len(y)), y]))
    else:
        probe_y, test_y = probe_t, test_t

        def loss(out, y):  # mean squared error
            return float(np.mean((out - y) ** 2))
    for layers in checkpoints:
        metrics["train_loss"].append(loss(forward(layers, activations, probe_x), probe_y))
        metrics["test_loss"].append(loss(forward(layers, activations, test_x), test_y))
        metrics["weight_norm"].append(float(np.sqrt(sum(np.sum(np.square(w, dtype=np.float64)) for w, _ in layers))))
        if task == "classification":
            metrics["test_accuracy"].append(float(np.mean(forward(layers, activations, test_x).argmax(axis=1) == test_y)))

    return dict(layer_sizes=sizes, activations=activations, checkpoints=checkpoints,
                probe_x=probe_x, probe_y=probe_y, steps=steps, metrics=metrics,
                task=task, data_name="teacher-gaussian",
                epochs=[s / 10 for s in steps], wall_times=[s * 1e-3 for s in steps],
                data_seed=seed, n_train=len(probe_x), n_test=len(test_x),
                source=f"examples/write_run_from_weights.py: seeded Gaussian inputs (seed {seed}), "
                       "random linear teacher, made-up checkpoints")


def main(argv=None):
    p = argparse.ArgumentParser(description="Write an example run file (run format v1) with h5py.")
    p.add_argument("out", metavar="OUT.h5", help="run file to write (replaced if it exists)")
    p.add_argument("--seed", type=int, default=0, help="seed of the weights and probe inputs (default: 0)")
    p.add_argument("--task", choices=["regression", "classification"], default="regression",
                   help="regression: [N, 5] float targets; classification: [N] labels (default: regression)")
    a = p.parse_args(argv)
    write_run(a.out, **example(a.seed, a.task))
    print(f"wrote {a.out}; analyze it with: lr-analyze {a.out} --eps 1e-3")


if __name__ == "__main__":
    main()
