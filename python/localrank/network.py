"""The arithmetic of a run's MLP in numpy: pre-activations, outputs and lr-train's metrics.

Layer l computes z_l = W_l a_{l-1} + b_l and a_l = act_l(z_l), with a_{-1} = x; weights are
[out, in]. Everything runs in float64, whatever the inputs' type.
"""

import numpy as np


def activate(name, z):
    """act(z) for an activation name of run format v1."""
    if name == "relu":
        return np.maximum(z, 0.0)
    if name == "tanh":
        return np.tanh(z)
    if name == "identity":
        return z
    raise ValueError(f"activation {name!r}: expected relu, tanh or identity")


def preactivations(weights, biases, activations, x):
    """[z_0, ..., z_{L-1}], each float64 [N, n_{l+1}], for inputs x [N, n_0]."""
    a, out = np.asarray(x, dtype=np.float64), []
    for w, b, name in zip(weights, biases, activations):
        z = a @ np.asarray(w, dtype=np.float64).T + np.asarray(b, dtype=np.float64)
        out.append(z)
        a = activate(name, z)
    return out


def outputs(weights, biases, activations, x):
    """The network's output a_{L-1} = z_{L-1} (the last layer is identity), float64 [N, n_L]."""
    return preactivations(weights, biases, activations, x)[-1]


def mean_squared_error(output, targets):
    """Mean over examples and outputs of (y - t)^2, as lr-train's (and PyTorch's MSELoss)."""
    difference = np.asarray(output, np.float64) - np.asarray(targets, np.float64).reshape(np.shape(output))
    return float(np.mean(difference * difference))


def cross_entropy(logits, labels):
    """Mean over examples of -log softmax(logits)[label], as lr-train's."""
    logits = np.asarray(logits, np.float64)
    labels = np.asarray(labels).astype(np.int64)
    largest = logits.max(axis=1, keepdims=True)
    log_sum = np.log(np.exp(logits - largest).sum(axis=1)) + largest[:, 0]
    return float(np.mean(log_sum - logits[np.arange(len(labels)), labels]))


def accuracy(logits, labels):
    """The fraction of rows whose largest output is the labelled class (ties: lowest index)."""
    return float(np.mean(np.argmax(logits, axis=1) == np.asarray(labels).astype(np.int64)))


def evaluate(weights, biases, activations, task, x, y, prefix):
    """lr-train's metrics of one data set: {prefix_loss} and, for classification,
    {prefix_accuracy}; prefix is "train" or "test"."""
    out = outputs(weights, biases, activations, x)
    if task == "classification":
        return {f"{prefix}_loss": cross_entropy(out, y), f"{prefix}_accuracy": accuracy(out, y)}
    return {f"{prefix}_loss": mean_squared_error(out, y)}
