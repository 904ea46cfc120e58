"""The information-plane section's rule: a fall after the peak, against the seeds' spread."""

from report import information


def stat(mean, std=0.0):
    return {"mean": mean, "std": std, "n": 3}


def grouped(curves, saturated=0):
    """A grouped information JSON: {activation: [[i_xt of layer 0 per step], ...]}."""
    groups = []
    for activation, layers in curves.items():
        steps = len(layers[0])
        groups.append({"settings": {"activation": activation}, "checkpoints": [
            {"step": 10 ** s, "i_xt": [stat(layer[s], 0.01) for layer in layers],
             "saturated_runs": [saturated for _ in layers]} for s in range(steps)]})
    return {"groups": groups}


def rank(curves):
    groups = []
    for activation, layers in curves.items():
        groups.append({"settings": {"activation": activation}, "checkpoints": [
            {"step": 10 ** s, "local_rank": [[stat(layer[s], 0.1) for layer in layers]]} for s in range(len(layers[0]))]})
    return {"eps": [1e-3], "groups": groups}


def test_a_fall_after_the_peak_is_told_from_noise():
    assert information.fall_after_peak([0, 1, 2], [5.0, 6.0, 5.5], 0.01, 0.05)[3]
    assert not information.fall_after_peak([0, 1, 2], [5.0, 6.0, 5.98], 0.01, 0.05)[3], "below the tolerance"
    assert not information.fall_after_peak([0, 1, 2], [5.0, 6.0, 5.5], 0.3, 0.05)[3], "within twice the std"
    assert not information.fall_after_peak([0, 1, 2], [5.0, 5.5, 6.0], 0.0, 0.05)[3], "the peak is the last step"


def test_the_section_says_seen_only_when_both_fall():
    estimates = {"binning": grouped({"tanh": [[8, 9, 6], [3, 3, 3]]})}
    text = information.section(estimates, rank({"tanh": [[3, 3, 2], [2, 2, 2]]}), {"binning": "figures/x.svg"})
    rows = [line for line in text.splitlines() if line.startswith("| tanh")]
    assert rows[0].endswith("| yes | 3.00 → 2.00 | yes | seen |"), rows[0]
    assert rows[1].endswith("| no | 2.00 → 2.00 | no | not seen with these settings |"), rows[1]
    assert "![Information plane of ib-12bit, binning" in text


def test_saturated_layers_are_not_read_as_compression():
    estimates = {"binning": grouped({"relu": [[12, 12, 11]]}, saturated=2)}
    text = information.section(estimates, rank({"relu": [[10, 10, 8]]}), {})
    row = next(line for line in text.splitlines() if line.startswith("| relu"))
    assert "| saturated |" in row and row.endswith("not seen with these settings |"), row
