"""localrank.load equals lr-analyze --format json value for value, on runs lr-train trains (a
weight-decay sweep of two seeds, a DVIB) and one the Python writer makes with a non-finite
checkpoint; groupby over its settings gives --by's statistics; a cache that lacks
checkpoints, or holds them for other weights, is refused with a line naming them."""

import json
import math
import shutil
import subprocess

import h5py
import numpy as np
import pandas
import pytest

import support
from localrank import AnalysisMissingError, RunWriter, load

TRAIN = ["--data", "gaussian:16x8", "--layers", "16,24,24,8", "--steps", "300", "--checkpoints", "every:100",
         "--probe", "24", "--eval-examples", "64", "--quiet"]
REQUESTS = [("local-rank", "1e-1,1e-3,1e-6"), ("relative-rank", "1e-2,1e-4"), ("effective-rank", None),
            ("stable-rank", None), ("weight-spectral-norm", None), ("weight-frobenius-norm", None),
            ("weight-stable-rank", None)]


@pytest.fixture(scope="module")
def runs(tmp_path_factory, lr_train, lr_analyze):
    """A sweep (weight decay 0 and 0.01, seeds 0 and 1), a DVIB run and a run with a NaN
    checkpoint, each analyzed once by lr-analyze (which fills its cache)."""
    directory = tmp_path_factory.mktemp("results")
    subprocess.run([str(lr_train), "sweep", *TRAIN, "--optimizer", "adamw", "--grid", "weight-decay=0,1e-2",
                    "--seeds", "0-1", "--out", str(directory / "sweep")], check=True, capture_output=True)
    sweep = sorted(str(p) for p in (directory / "sweep").glob("*.h5") if not p.name.endswith(".lr.h5"))
    dvib = str(directory / "dvib.h5")
    subprocess.run([str(lr_train), "--preset", "dvib-gaussian", "--steps", "200", "--checkpoints", "every:100",
                    "--probe", "16", "--out", dvib, "--quiet"], check=True, capture_output=True)
    broken = str(directory / "nan.h5")
    write_run_with_a_nan_checkpoint(broken)
    for run in sweep + [dvib, broken]:
        support.analyze(lr_analyze, run)
    return sweep, dvib, broken


def write_run_with_a_nan_checkpoint(path):
    rng = np.random.default_rng(3)
    sizes = [6, 10, 4]
    with RunWriter(path, layer_sizes=sizes, activations=["tanh", "identity"], task="regression",
                   probe_x=rng.standard_normal((12, 6)), probe_y=rng.standard_normal((12, 4)),
                   training={"learning_rate": "0.01", "seed": "7"}) as run:
        for step in (0, 10, 20):
            weights = [rng.standard_normal((sizes[l + 1], sizes[l])) for l in range(2)]
            if step == 10:
                weights[1][0, 0] = np.nan
            run.append(step, weights, [np.zeros(n) for n in sizes[1:]],
                       {"train_loss": 1.0 / (step + 1), "test_loss": np.nan if step == 20 else 2.0})


def same(frame_value, json_value):
    """Equal to the last bit; NaN where the JSON has null."""
    if json_value is None:
        return math.isnan(frame_value)
    return frame_value == json_value


def check_against_json(frame, run, document):
    rows = frame[(frame["run"] == run) & (frame["measure"] == document["measure"])]
    thresholds = [math.nan if e is None else e for e in document["eps"]]
    assert rows["step"].unique().tolist() == [c["step"] for c in document["checkpoints"]]
    assert (rows["probe_count"] == document["probe_count"]).all()
    compared = 0
    for checkpoint in document["checkpoints"]:
        at_step = rows[rows["step"] == checkpoint["step"]]
        assert (at_step["finite"] == checkpoint["finite"]).all()
        for e, epsilon in enumerate(thresholds):
            at_eps = at_step[at_step["eps"].isna()] if math.isnan(epsilon) else at_step[at_step["eps"] == epsilon]
            for j, layer in enumerate(document["layers"]):
                row = at_eps[at_eps["layer"] == layer["index"]]
                assert len(row) == 1
                row = row.iloc[0]
                assert (row["layer_name"], row["width"]) == (layer["name"], layer["width"])
                assert same(row["value"], checkpoint["local_rank"][e][j]), (run, checkpoint["step"], epsilon, j)
                assert same(row["std"], checkpoint["rank_std"][e][j]), (run, checkpoint["step"], epsilon, j)
                compared += 2
        for name, value in checkpoint["metrics"].items():
            assert (at_step[name].apply(lambda v: same(v, value))).all(), name
    return compared


def test_the_frame_equals_lr_analyze_json_for_every_measure(runs, lr_analyze):
    sweep, dvib, broken = runs
    compared = 0
    for measure, eps in REQUESTS:
        thresholds = [float(e) for e in eps.split(",")] if eps else [1e-3]
        frame = load(sweep + [dvib, broken], eps=thresholds, measure=measure)
        for run in sweep + [dvib, broken]:
            document = support.analyze(lr_analyze, run, "--measure", measure, *(["--eps", eps] if eps else []))
            compared += check_against_json(frame, run, document)
    assert compared > 1000


def test_several_measures_and_settings_in_one_frame(runs):
    sweep, dvib, broken = runs
    frame = load(sweep, eps=[1e-2, 1e-3], measure=["local-rank", "weight-spectral-norm"])
    assert list(frame.columns[:13]) == ["run", "step", "epoch", "wall_time", "finite", "measure", "eps", "layer",
                                        "layer_name", "width", "probe_count", "value", "std"]
    # 4 runs × 4 checkpoints × (2 thresholds + 1) × 3 layers.
    assert len(frame) == 4 * 4 * 3 * 3
    assert sorted(frame["weight_decay"].unique()) == [0, 0.01] and sorted(frame["seed"].unique()) == [0, 1]
    assert {"train_loss", "test_loss"} <= set(frame.attrs["metrics"])
    dvib_frame = load(dvib)
    assert dvib_frame["layer_name"].unique().tolist()[-1] == "mu" and dvib_frame["beta"].notna().all()
    assert not load(broken)["finite"].all()


def test_groupby_over_settings_gives_by(runs, lr_analyze):
    sweep, _, _ = runs
    result = subprocess.run([str(lr_analyze), *sweep, "--by", "weight-decay", "--eps", "1e-3,1e-1", "--format", "json",
                             "--quiet"], capture_output=True, text=True, check=True)
    grouped = json.loads(result.stdout)
    frame = load(sweep, eps=[1e-3, 1e-1])
    statistics = frame.groupby(["weight_decay", "eps", "step", "layer"])["value"].agg(["mean", "std", "count"])
    checked = 0
    for group in grouped["groups"]:
        decay = float(group["settings"]["weight-decay"])
        for checkpoint in group["checkpoints"]:
            for e, epsilon in enumerate(grouped["eps"]):
                for j, layer in enumerate(grouped["layers"]):
                    ours = statistics.loc[(decay, epsilon, checkpoint["step"], layer["index"])]
                    theirs = checkpoint["local_rank"][e][j]
                    assert ours["count"] == theirs["n"] == checkpoint["runs"] == 2
                    # Means of two values; pandas and lr-analyze may round a sum of more differently.
                    assert ours["mean"] == pytest.approx(theirs["mean"], rel=1e-15)
                    assert ours["std"] == pytest.approx(theirs["std"], rel=1e-12, abs=1e-12)
                    checked += 1
    assert checked == 2 * 4 * 2 * 3


def test_a_cache_that_lacks_checkpoints_is_refused_naming_them(runs, lr_analyze, tmp_path):
    run = tmp_path / "partial.h5"
    shutil.copy(runs[0][0], run)
    support.analyze(lr_analyze, run, "--checkpoints", "last")
    with pytest.raises(AnalysisMissingError, match=r"partial.lr.h5 lacks 3 of its 4 checkpoints \(steps 0, 100, 200\)"):
        load(run)
    assert load(run, partial=True)["step"].unique().tolist() == [300]
    (tmp_path / "partial.lr.h5").unlink()
    with pytest.raises(AnalysisMissingError, match="no analysis cache"):
        load(run)


def test_a_cache_of_other_weights_is_not_used(runs, lr_analyze, tmp_path):
    run = tmp_path / "changed.h5"
    shutil.copy(runs[0][0], run)
    support.analyze(lr_analyze, run)
    with h5py.File(run, "r+") as f:
        f["weights/1/weight"][2, 0, 0] += 1.0
    with pytest.raises(AnalysisMissingError, match=r"lacks 1 of its 4 checkpoints \(step 200\) or holds them for other"):
        load(run)
    assert len(load(run, verify=False)) == 4 * 3     # trusted without the check: the stale row
    support.analyze(lr_analyze, run)                # lr-analyze recomputes it
    frame = load(run)
    assert check_against_json(frame, str(run), support.analyze(lr_analyze, run)) == 4 * 3 * 2


def test_activation_measures_point_to_lr_analyze(runs):
    with pytest.raises(ValueError, match="use lr-analyze --measure activation-rank --format json"):
        load(runs[0][0], measure="activation-rank")
