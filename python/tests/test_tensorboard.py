"""lr-analyze --tensorboard and localrank.write_tensorboard write scalars that TensorBoard's own
reader (event_accumulator) reads back equal to lr-analyze --format json, each value the JSON's
rounded to float32 (TensorBoard's scalar type); --follow --tensorboard appends events while
lr-train is still training."""

import math
import subprocess
import time
from pathlib import Path

import numpy as np
import pytest
from tensorboard.backend.event_processing import event_accumulator

import support
from localrank import load, open_run, write_tensorboard
from localrank.measures import SPECTRUM_MEASURES
from localrank.runs import start_time
from localrank.tensorboard import short_number, tag

TRAIN = ["--data", "gaussian:16x8", "--layers", "16,24,24,8", "--steps", "300", "--checkpoints", "every:100",
         "--probe", "24", "--eval-examples", "64", "--quiet"]


def scalars(directory):
    """Every scalar TensorBoard reads in a run's directory: tag → [(step, wall_time, value)]."""
    accumulator = event_accumulator.EventAccumulator(str(directory), size_guidance={event_accumulator.SCALARS: 0})
    accumulator.Reload()
    return {tag: [(e.step, e.wall_time, e.value) for e in accumulator.Scalars(tag)]
            for tag in accumulator.Tags()["scalars"]}


def as_float32(value):
    return math.nan if value is None else float(np.float32(value))


def equal(a, b):
    return (math.isnan(a) and math.isnan(b)) or a == b


def check_scalars(read, run, document):
    """Every (tag, step) lr-analyze's JSON has, once, with its value in float32 and the
    checkpoint's wall time; nothing else of this measure."""
    started = start_time(run)
    with open_run(run) as f:
        wall_times = f["checkpoints/wall_time"][...]
        steps = f["checkpoints/step"][...].tolist()
    expected = {}
    for checkpoint in document["checkpoints"]:
        for e, epsilon in enumerate(document["eps"]):
            for j, layer in enumerate(document["layers"]):
                eps = math.nan if epsilon is None else epsilon
                expected.setdefault(tag(document["measure"], eps, layer["index"]), []).append(
                    (checkpoint["step"], checkpoint["local_rank"][e][j]))
                if document["measure"] in SPECTRUM_MEASURES:   # the others' std is 0 by construction
                    expected.setdefault(tag(document["measure"], eps, layer["index"], deviation=True), []).append(
                        (checkpoint["step"], checkpoint["rank_std"][e][j]))
        for name, value in checkpoint["metrics"].items():
            expected.setdefault(f"metrics/{name}", []).append((checkpoint["step"], value))
    assert set(read) == set(expected)
    compared = 0
    for name, values in expected.items():
        assert [step for step, _, _ in read[name]] == [step for step, _ in values], name
        for (step, wall_time, value), (_, json_value) in zip(read[name], values):
            assert equal(value, as_float32(json_value)), (name, step, value, json_value)
            assert wall_time == pytest.approx(started + wall_times[steps.index(step)], abs=1e-6)
            compared += 1
    return compared


@pytest.fixture(scope="module")
def sweep(tmp_path_factory, lr_train):
    directory = tmp_path_factory.mktemp("tensorboard")
    subprocess.run([str(lr_train), "sweep", *TRAIN, "--grid", "lr=1e-3,1e-2", "--seeds", "0", "--out",
                    str(directory / "sweep")], check=True, capture_output=True)
    return sorted(str(p) for p in (directory / "sweep").glob("*.h5") if not p.name.endswith(".lr.h5"))


@pytest.mark.parametrize("measure, eps", [("local-rank", "1e-2,1e-3,5e-4"), ("effective-rank", None),
                                          ("weight-spectral-norm", None)])
def test_lr_analyze_tensorboard_equals_its_json(sweep, lr_analyze, tmp_path, measure, eps):
    logdir = tmp_path / "tb"
    options = ["--measure", measure, *(["--eps", eps] if eps else [])]
    subprocess.run([str(lr_analyze), *sweep, "--by", "lr", *options, "--tensorboard", str(logdir), "--quiet"],
                   check=True, capture_output=True)
    compared = 0
    for run in sweep:
        document = support.analyze(lr_analyze, run, *options)
        compared += check_scalars(scalars(logdir / Path(run).stem), run, document)
    assert compared >= 2 * 4 * 3 + 2 * 4 * 2        # runs × checkpoints × layers, and two metrics


def test_a_second_export_of_the_same_measure_replaces_the_first(sweep, lr_analyze, tmp_path):
    logdir = tmp_path / "tb"
    run = sweep[0]
    for eps in ("1e-2", "1e-3"):
        subprocess.run([str(lr_analyze), run, "--eps", eps, "--tensorboard", str(logdir), "--quiet"], check=True,
                       capture_output=True)
        time.sleep(1.1)   # event files are named by the second they were created
    subprocess.run([str(lr_analyze), run, "--measure", "stable-rank", "--tensorboard", str(logdir), "--quiet"],
                   check=True, capture_output=True)
    files = sorted(p.name for p in (logdir / Path(run).stem).iterdir())
    assert len(files) == 2 and files[0].endswith(".lr-analyze.local-rank") and files[1].endswith(".lr-analyze.stable-rank")
    read = scalars(logdir / Path(run).stem)
    assert "local_rank/eps=1e-3/layer_0" in read and "local_rank/eps=1e-2/layer_0" not in read
    assert "stable_rank/layer_2" in read


def test_python_write_tensorboard_equals_lr_analyze_json(sweep, lr_analyze, tmp_path):
    for run in sweep:
        support.analyze(lr_analyze, run)
    frame = load(sweep, eps=[1e-2, 1e-3], measure="local-rank")
    directories = write_tensorboard(frame, tmp_path / "tb")
    assert [Path(d).name for d in directories] == [Path(r).stem for r in sweep]
    for run in sweep:
        document = support.analyze(lr_analyze, run, "--eps", "1e-2,1e-3")
        assert check_scalars(scalars(tmp_path / "tb" / Path(run).stem), run, document) >= 4 * 2 * 3 * 2


def test_thresholds_are_spelled_as_lr_analyze_spells_them():
    assert [short_number(e) for e in (1e-3, 0.01, 1.0, 5e-4, 0.003, 1e-10)] == \
        ["1e-3", "1e-2", "1e0", "0.0005", "0.003", "1e-10"]


def test_follow_appends_events_while_lr_train_trains(lr_train, lr_analyze, tmp_path):
    run, logdir = tmp_path / "live.h5", tmp_path / "tb"
    trainer = subprocess.Popen([str(lr_train), "--data", "gaussian:16x8", "--layers", "16,64,64,8", "--steps", "12000",
                                "--checkpoints", "every:1000", "--probe", "32", "--out", str(run), "--quiet"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    follower = None
    try:
        deadline = time.monotonic() + 60
        while not run.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        follower = subprocess.Popen([str(lr_analyze), str(run), "--follow", "--follow-timeout", "60", "--tensorboard",
                                     str(logdir), "--quiet", "--format", "json"],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        seen_while_training = set()
        while trainer.poll() is None and time.monotonic() < deadline + 120:
            if (logdir / "live").exists():
                steps = [s for s, _, _ in scalars(logdir / "live").get("local_rank/eps=1e-3/layer_0", [])]
                if trainer.poll() is None:
                    seen_while_training.add(len(steps))
            time.sleep(0.2)
        assert trainer.wait(timeout=120) == 0, trainer.stderr.read()
        assert follower.wait(timeout=120) == 0, follower.stderr.read()
    finally:
        for process in (trainer, follower):
            if process is not None and process.poll() is None:
                process.kill()
    # Events arrived in at least two batches before training ended: TensorBoard saw them live.
    assert len({n for n in seen_while_training if n > 0}) >= 2, seen_while_training
    document = support.analyze(lr_analyze, run)
    assert len(document["checkpoints"]) == 13
    assert check_scalars(scalars(logdir / "live"), str(run), document) >= 13 * 3 * 2
