"""The grokking section's rule: when local rank falls relative to the rise of test accuracy."""

from report.render_grokking import counted, fall_timing

STEPS = [0, 10, 100, 200, 400, 800, 1600, 3200]
TRAIN = [0.01, 0.5, 0.995, 1, 1, 1, 1, 1]            # fits at step 100
TEST = [0.01, 0.0, 0.0, 0.05, 0.2, 0.95, 1, 1]       # the rise runs from step 400 to 800


def test_a_fall_whose_middle_lies_within_the_rise_is_at_the_grokking_step():
    t = fall_timing(STEPS, [50, 60, 90, 100, 80, 40, 38, 38], TRAIN, TEST)
    assert (t.fit, t.rise, t.grokked) == (100, 400, 800)
    assert (t.peak, t.peak_step, t.final, t.half_step) == (100, 200, 38, 800)
    assert t.verdict == "at"


def test_before_and_after_the_rise():
    assert fall_timing(STEPS, [50, 60, 100, 60, 60, 60, 60, 60], TRAIN, TEST).verdict == "before"
    assert fall_timing(STEPS, [50, 60, 100, 100, 100, 100, 60, 60], TRAIN, TEST).verdict == "after"


def test_the_peak_is_taken_from_the_fitting_step_on():
    # A high value before the network fits is not the start of the fall.
    t = fall_timing(STEPS, [150, 150, 90, 90, 90, 90, 90, 90], TRAIN, TEST)
    assert t.verdict == "no fall" and t.peak == 90


def test_changes_within_the_tolerance_are_no_fall():
    assert fall_timing(STEPS, [50, 60, 100, 100, 100, 99.6, 99.6, 99.6], TRAIN, TEST).verdict == "no fall"
    assert fall_timing(STEPS, [50, 60, 100, 100, 100, 98.9, 98.9, 98.9], TRAIN, TEST).verdict == "at"


def test_a_run_that_never_generalizes_has_nothing_to_compare():
    t = fall_timing(STEPS, [50, 60, 100, 100, 80, 40, 38, 38], TRAIN, [0.0] * 8)
    assert t.grokked is None and t.verdict == "falls; no grokking to compare"


def test_counted_keeps_the_order_of_first_appearance():
    assert counted(["at", "after", "at"]) == [("at", 2), ("after", 1)]
