"""The report reads lr-analyze's grouped JSON and β CSV as the tools write them."""

from report.claims import REPRODUCED, claim1_outcome
from report.load import Grouped, layer_columns, read_beta_csv

GROUPED = {
    "by": ["weight-decay"], "eps": [0.01, 0.001], "file": "4 runs", "measure": "local-rank", "probe_count": 128,
    "layers": [{"index": 0, "name": "layer 0", "width": 100}, {"index": 1, "name": "layer 1", "width": 100}],
    "groups": [{
        "settings": {"weight-decay": "0.1"}, "files": ["a/seed-0.h5", "a/seed-1.h5"], "seeds": ["0", "1"],
        "eta_lambda_t": 2.0,
        "checkpoints": [
            {"step": 0, "runs": 2, "metrics": {"test_loss": {"mean": 1.0, "std": 0.1, "n": 2}},
             "local_rank": [[{"mean": 100, "std": 0, "n": 2}, {"mean": 50, "std": 1.0, "n": 2}],
                            [{"mean": 100, "std": 0, "n": 2}, {"mean": 51, "std": 1.0, "n": 2}]]},
            {"step": 100, "runs": 2, "metrics": {"test_loss": {"mean": 0.5, "std": None, "n": 1}},
             "local_rank": [[{"mean": 100, "std": 0, "n": 2}, {"mean": 30, "std": 2.0, "n": 2}],
                            [{"mean": 100, "std": 0, "n": 2}, {"mean": 31, "std": 2.0, "n": 2}]]}],
        "final_phase": [
            [{"verdict": "constant", "phase_step": 100, "phase_start": 100, "final": 100, "runs_agreeing": 2},
             {"verdict": "falls", "phase_step": 100, "phase_start": 50, "final": 30, "runs_agreeing": 2}],
            [{"verdict": None, "phase_step": None, "phase_start": None, "final": None, "runs_agreeing": 0},
             {"verdict": "falls", "phase_step": 100, "phase_start": 51, "final": 31, "runs_agreeing": 1}]]}],
}


def test_grouped_json():
    grouped = Grouped.from_json(GROUPED)
    assert grouped.by == ["weight-decay"] and grouped.eps == [0.01, 0.001]
    group = grouped.groups[0]
    assert group.runs == 2 and group.eta_lambda_t == 2.0 and group.theory_rank is None
    steps, stats = group.series(1, 1)
    assert steps == [0, 100] and [s.mean for s in stats] == [51, 31]
    assert group.checkpoints[1].metrics["test_loss"].std is None
    trend = group.final_phase[0][1]
    assert (trend.verdict, trend.phase_start, trend.final, trend.runs_agreeing, trend.runs) == ("falls", 50, 30, 2, 2)
    assert group.final_phase[1][0].verdict is None
    names = [layer["name"] for layer in grouped.layers]
    assert claim1_outcome(names, group.final_phase[0]).wording == REPRODUCED
    # At 1e-3 layer 1's mean falls but only one of the two seeds does.
    assert claim1_outcome(names, group.final_phase[1]).weak_falls == ["layer 1"]


def test_beta_csv(tmp_path):
    path = tmp_path / "sweep.csv"
    path.write_text(
        "measure,eps,beta,step,runs,test_kl,layer_0,layer_0_std,layer_1,layer_1_std,theory_rank\n"
        "local-rank,0.1,1.0,500,1,0.1,512.0,,7.0,,0\n"
        "local-rank,0.1,0.001,500,1,30.0,512.0,,8.0,,8\n"
        "local-rank,0.001,0.001,500,1,30.0,512.0,,8.0,,8\n")
    by_eps = read_beta_csv(str(path))
    assert sorted(by_eps) == [0.001, 0.1]
    assert [r["beta"] for r in by_eps[0.1]] == [0.001, 1.0]
    assert by_eps[0.1][0]["layer_0_std"] is None and by_eps[0.1][1]["theory_rank"] == 0
    assert layer_columns(by_eps[0.1][0]) == ["layer_0", "layer_1"]
