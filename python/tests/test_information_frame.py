"""localrank.load_information equals `lr-analyze information --format json` value for value
(binning with its own and a fixed range, kde's two bounds; a classifier and a regression run
with a non-finite checkpoint), and refuses parameters the cache holds no estimates for."""

import json
import math
import subprocess

import pytest

from localrank import AnalysisMissingError, load_information
from test_results import write_run_with_a_nan_checkpoint

REQUESTS = [
    (dict(estimator="binning"), []),
    (dict(estimator="binning", bins=7, bin_range=(-1, 1)), ["--bins", "7", "--bin-range", "-1:1"]),
    (dict(estimator="kde", noise_variance=0.05), ["--estimator", "kde", "--noise-variance", "0.05"]),
]


@pytest.fixture(scope="module")
def runs(tmp_path_factory, lr_train):
    directory = tmp_path_factory.mktemp("information")
    classifier = str(directory / "ib.h5")
    subprocess.run([str(lr_train), "--preset", "ib-12bit", "--steps", "300", "--checkpoints", "every:100",
                    "--out", classifier, "--quiet"], check=True, capture_output=True)
    broken = str(directory / "nan.h5")
    write_run_with_a_nan_checkpoint(broken)
    return classifier, broken


def information(lr_analyze, run, arguments):
    result = subprocess.run([str(lr_analyze), "information", run, *arguments, "--format", "json", "--quiet"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode in (0, 4), result.stderr
    return json.loads(result.stdout)


def same(frame_value, json_value):
    if json_value is None:
        return math.isnan(frame_value)
    return frame_value == json_value


def test_the_frame_equals_lr_analyze_json(runs, lr_analyze):
    compared = 0
    for options, arguments in REQUESTS:
        for run in runs:
            for probe in (None, 8):
                extra = [] if probe is None else ["--probe", str(probe)]
                document = information(lr_analyze, run, arguments + extra)
                frame = load_information(run, probe=probe, **options)
                assert frame["step"].unique().tolist() == [c["step"] for c in document["checkpoints"]]
                assert (frame["probe_count"] == document["probe_count"]).all()
                for checkpoint in document["checkpoints"]:
                    rows = frame[frame["step"] == checkpoint["step"]]
                    assert (rows["finite"] == checkpoint["finite"]).all()
                    for j, layer in enumerate(document["layers"]):
                        row = rows[rows["layer"] == layer["index"]].iloc[0]
                        assert (row["layer_name"], row["width"]) == (layer["name"], layer["width"])
                        for quantity in ("i_xt", "i_ty", "i_xt_lower", "i_ty_lower"):
                            values = checkpoint[quantity]
                            assert same(row[quantity], None if values is None else values[j]), (run, quantity)
                            compared += 1
                        if checkpoint["saturated"]:
                            assert row["saturated"] == checkpoint["saturated"][j]
    assert compared > 300


def test_parameters_without_estimates_are_named(runs, lr_analyze):
    classifier, _ = runs
    information(lr_analyze, classifier, [])
    with pytest.raises(AnalysisMissingError, match="binning estimates of 4 of its 4 checkpoints"):
        load_information(classifier, bins=11)
    assert load_information(classifier, bins=11, partial=True).empty
    with pytest.raises(ValueError, match="estimator must be one of binning, kde"):
        load_information(classifier, estimator="knn")
