"""Runs are readable while they are written: lr-analyze --follow, and h5py with swmr=True."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import h5py
import numpy as np

import swmr_writer

COUNT = 8
PACKAGE = Path(__file__).resolve().parents[1]


def start_writer(path, delay):
    """The writer in its own process (HDF5 refuses a file open twice in one process), once
    it has created the run and started SWMR writing."""
    environment = dict(os.environ, PYTHONPATH=os.pathsep.join([str(PACKAGE), os.environ.get("PYTHONPATH", "")]))
    writer = subprocess.Popen([sys.executable, swmr_writer.__file__, str(path), str(COUNT), str(delay)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=environment)
    assert writer.stdout.readline().strip() == "ready"
    return writer


def go(writer):
    writer.stdin.write("go\n")
    writer.stdin.flush()


def test_lr_analyze_follows_a_run_while_it_is_written(tmp_path, lr_analyze):
    path = tmp_path / "run.h5"
    writer = start_writer(path, delay=0.25)
    started = time.monotonic()
    follower = subprocess.Popen([str(lr_analyze), str(path), "--follow", "--follow-timeout", "20", "--format", "json",
                                 "--quiet", "--cache", str(tmp_path / "run.lr.h5")],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(0.5)  # lr-analyze opens the run before its first checkpoint
    go(writer)
    output, errors = follower.communicate(timeout=60)
    assert writer.wait(timeout=30) == 0
    assert follower.returncode == 0, errors
    report = json.loads(output)
    assert [c["step"] for c in report["checkpoints"]] == swmr_writer.steps(COUNT)
    # It stopped at /training@steps, the last step, not after 20 s without news.
    assert time.monotonic() - started < 15


def test_h5py_reads_committed_checkpoints_while_they_are_written(tmp_path):
    path = tmp_path / "run.h5"
    writer = start_writer(path, delay=0.15)
    seen = set()
    with h5py.File(path, "r", libver="latest", swmr=True) as f:
        go(writer)
        deadline = time.monotonic() + 30
        while len(seen) == 0 or max(seen) < COUNT:
            assert time.monotonic() < deadline, f"saw only {sorted(seen)} checkpoints"
            seen.add(check_committed(f))
            time.sleep(0.02)
    assert writer.wait(timeout=30) == 0
    assert len(seen - {0, COUNT}) >= 2, f"never caught the run between checkpoints: {sorted(seen)}"


def check_committed(f):
    """C = len(/checkpoints/step) after a refresh; every [C, ...] dataset has C or C+1 rows,
    and the first C hold what the writer appended."""
    step = f["checkpoints/step"]
    step.refresh()
    count = step.shape[0]
    names = ["checkpoints/train_loss", "activations/1"] + [f"weights/{l}/{kind}" for l in range(2)
                                                           for kind in ("weight", "bias")]
    for name in names:
        f[name].refresh()
        assert count <= f[name].shape[0] <= count + 1, name
    steps = step[:count].tolist()
    assert steps == swmr_writer.steps(COUNT)[:count]
    for row, value in enumerate(steps):
        weights, biases = swmr_writer.checkpoint(value)
        assert np.array_equal(f["weights/0/weight"][row], weights[0])
        assert np.array_equal(f["weights/1/bias"][row], biases[1])
        assert f["checkpoints/train_loss"][row] == 1.0 / (1 + value)
    return count
