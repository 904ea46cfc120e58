import math

import pytest

from report.statistics import (average_ranks, decade_targets, first_extreme, load_summary, nearest_steps,
                               pearson, spearman, steps_per_second, threshold_split)


class TestSpearman:
    def test_monotone_series_give_plus_and_minus_one(self):
        assert spearman([1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx(1.0)
        assert spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)

    def test_only_the_order_counts(self):
        assert spearman([1, 2, 3, 4], [1, 100, 1000, 1e6]) == pytest.approx(1.0)

    def test_ties_share_their_average_rank(self):
        assert average_ranks([5, 1, 5, 3]) == [2.5, 0.0, 2.5, 1.0]
        assert average_ranks([2, 2, 2]) == [1.0, 1.0, 1.0]

    def test_ties_against_a_known_value(self):
        # Ranks a = [0, 1.5, 1.5, 3], b = [0, 1, 2, 3]: Pearson of the ranks.
        expected = pearson([0, 1.5, 1.5, 3], [0, 1, 2, 3])
        assert spearman([1, 2, 2, 3], [1, 2, 3, 4]) == pytest.approx(expected)
        assert 0.9 < expected < 1.0

    def test_a_constant_series_has_no_correlation(self):
        assert spearman([8, 8, 8], [1, 2, 3]) is None
        assert spearman([1, 2, 3], [0.5, 0.5, 0.5]) is None

    def test_fewer_than_two_values(self):
        assert spearman([1], [2]) is None
        assert spearman([], []) is None

    def test_lengths_must_match(self):
        with pytest.raises(ValueError):
            spearman([1, 2], [1, 2, 3])

    def test_symmetric(self):
        a, b = [3, 1, 4, 1, 5, 9], [2, 7, 1, 8, 2, 8]
        assert spearman(a, b) == pytest.approx(spearman(b, a))


class TestExtremes:
    def test_first_occurrence(self):
        assert first_extreme([3, 1, 2, 1]) == (1, 1)
        assert first_extreme([3, 5, 5, 1], lowest=False) == (5, 1)


class TestDecades:
    def test_targets(self):
        assert decade_targets(1_000_000) == [0, 1, 10, 100, 1000, 10_000, 100_000, 1_000_000]
        assert decade_targets(200_000)[-2:] == [100_000, 200_000]

    def test_nearest_on_a_log_scale(self):
        steps = [0, 1, 2, 5, 12, 95, 1100, 9000, 20000]
        chosen = nearest_steps(steps, decade_targets(20000))
        assert [steps[i] for i in chosen] == [0, 1, 12, 95, 1100, 9000, 20000]

    def test_repeats_dropped(self):
        assert nearest_steps([0, 10, 1000], [1, 10, 1000, 1000]) == [1, 2]

    def test_no_step_zero(self):
        assert nearest_steps([5, 50], [0, 1, 10, 100]) == [0, 1]


class TestThresholdSplit:
    def test_reproduced_above_a_threshold(self):
        assert threshold_split([0, 0.2, 2, 20], [False, False, True, True]) == ("above", 0.2, 2)

    def test_reproduced_below_a_threshold(self):
        assert threshold_split([0, 0.2, 2, 20], [True, True, False, False]) == ("below", 0.2, 2)

    def test_interleaved_has_no_threshold(self):
        assert threshold_split([0, 0.2, 2, 20], [False, True, False, True]) is None

    def test_equal_values_on_both_sides_have_no_threshold(self):
        assert threshold_split([2, 2, 0], [True, False, False]) is None

    def test_one_side_empty(self):
        assert threshold_split([0, 1], [True, True]) is None
        assert threshold_split([0, 1], [False, False]) is None

    def test_unknown_value(self):
        assert threshold_split([None, 1], [True, False]) is None


class TestLoadAndSpeed:
    def test_load_summary(self):
        rows = [(180.0, 10.0, {"swift-build": 10.0}), (150.0, 60.0, {"swift-build": 50.0, "cc": 10.0})]
        s = load_summary(rows)
        assert s["samples"] == 2
        assert s["ours_mean"] == pytest.approx(165.0)
        assert s["others_mean"] == pytest.approx(35.0)
        assert s["others_max"] == 60.0
        assert s["busy_share"] == 0.5
        assert s["busiest"][0] == ("swift-build", pytest.approx(30.0))

    def test_no_samples(self):
        assert load_summary([]) is None

    def test_steps_per_second(self):
        assert steps_per_second([(1000, 2.0), (1000, 1.0)]) == pytest.approx(750.0)
        assert steps_per_second([(1000, 0.0)]) is None
        assert math.isclose(steps_per_second([(10, 10.0)]), 1.0)
