"""What the tests share: finding lr-analyze, running it, a small MLP trained with numpy, and
the float64 reference local rank computed from explicit Jacobians."""

import json
import os
import subprocess
from pathlib import Path

import numpy as np

REPOSITORY = Path(__file__).resolve().parents[2]
CHECKER = REPOSITORY / "Tests" / "python" / "check_run_file.py"


def find_tool(name):
    """The path of a local-rank tool: in $LOCAL_RANK_BIN when it is set (make test sets it),
    else in the repository's .build/release or .build/debug; None when not there."""
    if os.environ.get("LOCAL_RANK_BIN"):
        directories = [Path(os.environ["LOCAL_RANK_BIN"])]
    else:
        directories = [REPOSITORY / ".build" / "release", REPOSITORY / ".build" / "debug"]
    for directory in directories:
        candidate = directory / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def analyze(lr_analyze, run, *arguments):
    """`lr-analyze RUN ARGUMENTS --format json --quiet`, parsed. Exit status 4 (non-finite
    checkpoints) still prints the whole JSON."""
    result = subprocess.run([str(lr_analyze), str(run), *arguments, "--format", "json", "--quiet"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode in (0, 4), f"lr-analyze failed ({result.returncode}): {result.stderr}"
    return json.loads(result.stdout)


def check_run_file(path, *arguments):
    """Tests/python/check_run_file.py, the strict checker of lr-train's conventions."""
    result = subprocess.run(["python3", str(CHECKER), str(path), *arguments], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


# --- A small MLP trained with numpy ------------------------------------------------------------

def activate(name, z):
    return np.maximum(z, 0.0) if name == "relu" else np.tanh(z) if name == "tanh" else z


def derivative(name, z):
    """act'(z); ReLU's is 0 at exactly 0, as lr-analyze takes it."""
    if name == "relu":
        return (z > 0).astype(np.float64)
    return 1.0 - np.tanh(z) ** 2 if name == "tanh" else np.ones_like(z)


def teacher_data(task, sizes, count, seed):
    """Seeded Gaussian inputs and the targets of a fixed random linear teacher (labels: its argmax)."""
    teacher = np.random.default_rng(1234).standard_normal((sizes[-1], sizes[0])) / np.sqrt(sizes[0])
    x = np.random.default_rng(seed).standard_normal((count, sizes[0]))
    t = x @ teacher.T
    return x, (t.argmax(axis=1) if task == "classification" else t)


def initial_parameters(sizes, seed):
    rng = np.random.default_rng(seed)
    weights = [rng.standard_normal((m, n)) * np.sqrt(2.0 / n) for n, m in zip(sizes[:-1], sizes[1:])]
    return weights, [0.1 * rng.standard_normal(m) for m in sizes[1:]]


def loss_and_gradients(weights, biases, activations, task, x, y):
    """The batch loss (MSE, or softmax cross-entropy) and its gradients, by backpropagation."""
    zs, a = [], [x]
    for w, b, name in zip(weights, biases, activations):
        zs.append(a[-1] @ w.T + b)
        a.append(activate(name, zs[-1]))
    out = zs[-1]
    if task == "classification":
        p = np.exp(out - out.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        loss = float(np.mean(-np.log(p[np.arange(len(y)), y])))
        p[np.arange(len(y)), y] -= 1
        delta = p / len(y)
    else:
        loss = float(np.mean((out - y) ** 2))
        delta = 2 * (out - y) / out.size
    grads_w, grads_b = [None] * len(weights), [None] * len(weights)
    for l in reversed(range(len(weights))):
        grads_w[l], grads_b[l] = delta.T @ a[l], delta.sum(axis=0)
        if l > 0:
            delta = (delta @ weights[l]) * derivative(activations[l - 1], zs[l - 1])
    return loss, grads_w, grads_b


def train(sizes, activations, task, steps, checkpoint_steps, seed=0, rate=0.05, batch=32):
    """SGD on teacher data; yields (step, weights, biases, metrics) at checkpoint_steps."""
    x, y = teacher_data(task, sizes, 512, seed)
    test_x, test_y = teacher_data(task, sizes, 256, seed + 1)
    weights, biases = initial_parameters(sizes, seed)
    rng = np.random.default_rng(seed + 2)

    def metrics():
        train_loss = loss_and_gradients(weights, biases, activations, task, x, y)[0]
        test_loss = loss_and_gradients(weights, biases, activations, task, test_x, test_y)[0]
        values = {"train_loss": train_loss, "test_loss": test_loss}
        if task == "classification":
            out = forward(weights, biases, activations, test_x)
            values["test_accuracy"] = float(np.mean(out.argmax(axis=1) == test_y))
        return values

    for step in range(steps + 1):
        if step in checkpoint_steps:
            yield step, [w.copy() for w in weights], [b.copy() for b in biases], metrics()
        if step == steps:
            break
        rows = rng.integers(0, len(x), batch)
        _, gw, gb = loss_and_gradients(weights, biases, activations, task, x[rows], y[rows])
        for l in range(len(weights)):
            weights[l] -= rate * gw[l]
            biases[l] -= rate * gb[l]


def forward(weights, biases, activations, x):
    a = x
    for w, b, name in zip(weights, biases, activations):
        a = activate(name, a @ w.T + b)
    return a


# --- The float64 reference -----------------------------------------------------------------------

def reference_local_rank(weights, biases, activations, x, eps):
    """Per layer, the mean and the population standard deviation over the inputs of the number
    of singular values > eps of J_l(x) = W_l D_{l-1} W_{l-1} ... D_0 W_0, with D_k the
    activation's derivative at z_k(x), built explicitly in float64."""
    weights = [np.asarray(w, np.float64) for w in weights]
    biases = [np.asarray(b, np.float64) for b in biases]
    counts = np.zeros((len(x), len(weights)))
    for i, row in enumerate(np.asarray(x, np.float64)):
        a, jacobian_of_input = row, np.eye(len(row))
        for l, (w, b, name) in enumerate(zip(weights, biases, activations)):
            z = w @ a + b
            jacobian = w @ jacobian_of_input  # J_l = dz_l/dx
            counts[i, l] = np.sum(np.linalg.svd(jacobian, compute_uv=False) > eps)
            jacobian_of_input = derivative(name, z)[:, None] * jacobian
            a = activate(name, z)
    return counts.mean(axis=0), counts.std(axis=0)
