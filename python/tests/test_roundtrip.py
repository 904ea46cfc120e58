"""A network trained with numpy, written by RunWriter, analyzed by lr-analyze: the steps and
metrics come back as written, and the local rank equals the float64 reference (explicit
Jacobians, numpy's SVD)."""

import h5py
import numpy as np
import pytest

import support
from localrank import RunWriter, checkpoint_steps

EPS = 1e-3


@pytest.mark.parametrize("task, activations", [("classification", ["relu", "relu", "identity"]),
                                               ("regression", ["tanh", "relu", "identity"])])
def test_lr_analyze_reads_a_numpy_training_run(tmp_path, lr_analyze, task, activations):
    sizes, total = [6, 12, 10, 4], 300
    steps = checkpoint_steps("log:8", total)
    probe_x, probe_y = support.teacher_data(task, sizes, 48, seed=7)
    path = tmp_path / "run.h5"
    written = []
    with RunWriter(path, sizes, activations, task, probe_x, probe_y, total_steps=total, steps_per_epoch=16,
                   store_activations=True, data_name="teacher", n_train=512, n_test=256,
                   data_source="tests/support.py: Gaussian inputs, random linear teacher",
                   training={"optimizer": "sgd", "learning_rate": 0.05, "batch_size": 32}) as run:
        for step, weights, biases, metrics in support.train(sizes, activations, task, total, steps):
            run.append(step, weights, biases, metrics)
            written.append((step, weights, biases, metrics))
    support.check_run_file(path, "--expect-activations", "--expect-task", task)

    report = support.analyze(lr_analyze, path, "--eps", str(EPS), "--cache", str(tmp_path / "run.lr.h5"))
    assert report["probe_count"] == len(probe_x)
    assert [layer["width"] for layer in report["layers"]] == sizes[1:]
    assert [c["step"] for c in report["checkpoints"]] == steps
    with h5py.File(path, "r") as f:
        stored_x = f["probe/x"][()]
    for checkpoint, (step, weights, biases, metrics) in zip(report["checkpoints"], written):
        assert checkpoint["finite"]
        assert checkpoint["metrics"] == pytest.approx(metrics, rel=1e-12)
        # The reference reads what the file holds: float32 weights and probe inputs.
        mean, std = support.reference_local_rank([w.astype(np.float32) for w in weights],
                                                 [b.astype(np.float32) for b in biases], activations, stored_x, EPS)
        assert checkpoint["local_rank"][0] == pytest.approx(mean.tolist(), abs=1e-9), f"step {step}"
        assert checkpoint["rank_std"][0] == pytest.approx(std.tolist(), abs=1e-9), f"step {step}"
    # Training moved the ranks: the test would not notice a writer that stored one checkpoint C times.
    assert report["checkpoints"][0]["local_rank"] != report["checkpoints"][-1]["local_rank"]
