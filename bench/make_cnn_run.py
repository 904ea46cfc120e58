#!/usr/bin/env python3
"""Write a synthetic convolutional run (architecture cnn) of fashion-cnn's shape for
timing the analysis of conv layers:

    1×28×28 → conv 16 (3×3, padding 1) → ReLU → max-pool 2 → conv 32 (3×3, padding 1) → ReLU
    → max-pool 2 → flatten → dense 64 → ReLU → dense 10

The weights are not trained: He-initialized, then a small random step per checkpoint (the
analysis's cost does not depend on training). Probe inputs are standard normal images.
Written by the repository's Python package, as a training loop would write it.

    python3 bench/make_cnn_run.py --checkpoints 8 --probe 64 --out /tmp/fashion-cnn.h5 [--seed 0]
"""

import argparse
import sys
from pathlib import Path

import numpy as np

# The package of this checkout, not an installed copy of another version.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "python"))
from localrank import RunWriter  # noqa: E402
from localrank.layers import LayerStack  # noqa: E402

INPUT_SHAPE = (1, 28, 28)
LAYERS = [
    {"kind": "conv2d", "in_channels": 1, "out_channels": 16, "kernel_size": 3, "stride": 1, "padding": 1},
    {"kind": "max-pool", "window": 2, "stride": 2},
    {"kind": "conv2d", "in_channels": 16, "out_channels": 32, "kernel_size": 3, "stride": 1, "padding": 1},
    {"kind": "max-pool", "window": 2, "stride": 2},
    {"kind": "flatten"},
    {"kind": "dense", "in_features": 32 * 7 * 7, "out_features": 64},
    {"kind": "dense", "in_features": 64, "out_features": 10},
]
ACTIVATIONS = ["relu", "relu", "relu", "identity"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checkpoints", type=int, default=8)
    parser.add_argument("--probe", type=int, default=64)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", required=True)
    arguments = parser.parse_args()
    stack = LayerStack(INPUT_SHAPE, LAYERS)
    rng = np.random.default_rng(arguments.seed)
    shapes = [stack.weight_shape(l) for l in range(len(stack.weighted))]
    weights = [rng.standard_normal(shape) * np.sqrt(2.0 / np.prod(shape[1:])) for shape in shapes]
    biases = [np.zeros(stack.bias_width(l)) for l in range(len(shapes))]
    x = rng.standard_normal((arguments.probe, stack.layer_sizes[0])).astype(np.float32)
    y = rng.integers(0, 10, arguments.probe)
    with RunWriter(arguments.out, None, ACTIVATIONS, "classification", x, y, layers=LAYERS, input_shape=INPUT_SHAPE,
                   overwrite=True, data_name="gaussian-images", producer="bench/make_cnn_run.py") as run:
        for k in range(arguments.checkpoints):
            run.append(10 * k, weights, biases, {"train_loss": 2.3, "test_loss": 2.3, "test_accuracy": 0.1})
            weights = [w + 0.01 * rng.standard_normal(w.shape) * np.sqrt(2.0 / np.prod(w.shape[1:])) for w in weights]


if __name__ == "__main__":
    main()
