"""A training loop stand-in for the SWMR tests: creates a run, prints "ready", waits for a
line on stdin, then appends STEPS checkpoints DELAY seconds apart, printing each step.

    python3 swmr_writer.py RUN.h5 STEPS DELAY
"""

import sys
import time

import numpy as np

from localrank import RunWriter

SIZES = [5, 7, 3]


def checkpoint(step):
    """The weights and biases of `step`, the same in the writer and in the test that reads."""
    rng = np.random.default_rng(step)
    weights = [rng.standard_normal((m, n)).astype(np.float32) for n, m in zip(SIZES[:-1], SIZES[1:])]
    return weights, [rng.standard_normal(m).astype(np.float32) for m in SIZES[1:]]


def steps(count):
    return [10 * k for k in range(count)]


def main(path, count, delay):
    probe_x = np.random.default_rng(0).standard_normal((32, SIZES[0]))
    with RunWriter(path, SIZES, ["relu", "identity"], "regression", probe_x, np.zeros((32, 3)),
                   total_steps=steps(count)[-1], store_activations=True) as run:
        print("ready", flush=True)
        sys.stdin.readline()
        for step in steps(count):
            time.sleep(delay)
            run.append(step, *checkpoint(step), {"train_loss": 1.0 / (1 + step), "test_loss": 2.0})
            print(step, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), float(sys.argv[3]))
