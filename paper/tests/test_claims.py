import pytest

from report import claims
from report.claims import (NO_VERDICT, NOT_REPRODUCED, PARTLY, REPRODUCED, Cell, claim1_across,
                           claim1_outcome, claim1_reason, direction, names_list, rho_text, theory_agreement)
from report.load import Trend
from report.statistics import pearson

NAMES = ["layer 0", "layer 1", "layer 2", "layer 3"]


def trend(verdict, agreeing=3, runs=3, start=50.0, final=40.0):
    return Trend(verdict, 1000, start, final, agreeing, runs)


def outcome(*verdicts, agreeing=None, runs=3):
    agreeing = agreeing or [runs] * len(verdicts)
    return claim1_outcome(NAMES[:len(verdicts)], [trend(v, a, runs) for v, a in zip(verdicts, agreeing)])


class TestClaim1Wording:
    def test_the_authors_picture_is_reproduced(self):
        # First hidden layer constant at its width, the deeper ones falling.
        o = outcome("constant", "falls", "falls", "falls")
        assert o.wording == REPRODUCED
        assert o.falls == ["layer 1", "layer 2", "layer 3"]
        assert o.constant == ["layer 0"]

    def test_one_falling_layer_with_flat_others_is_reproduced(self):
        assert outcome("constant", "flat", "flat", "falls").wording == REPRODUCED

    def test_no_fall_is_not_reproduced(self):
        o = outcome("constant", "rises", "rises", "rises")
        assert o.wording == NOT_REPRODUCED == "not reproduced with these settings"
        assert o.rises == ["layer 1", "layer 2", "layer 3"]
        assert outcome("flat", "flat", "constant", "flat").wording == NOT_REPRODUCED

    def test_a_fall_and_a_rise_is_partly_reproduced(self):
        o = outcome("constant", "falls", "rises", "flat")
        assert o.wording == PARTLY
        assert (o.falls, o.rises, o.flat) == (["layer 1"], ["layer 2"], ["layer 3"])

    def test_mixed_verdicts_across_seeds_a_minority_fall_is_not_robust(self):
        # The mean falls but only 1 of 3 seeds does on its own.
        o = outcome("constant", "falls", "flat", "flat", agreeing=[3, 1, 3, 3])
        assert o.wording == NOT_REPRODUCED
        assert o.weak_falls == ["layer 1"] and o.falls == []

    def test_mixed_verdicts_across_seeds_a_majority_fall_is_robust(self):
        o = outcome("constant", "falls", "flat", "flat", agreeing=[3, 2, 3, 3])
        assert o.wording == REPRODUCED

    def test_two_seeds_need_both(self):
        assert outcome("falls", agreeing=[1], runs=2).wording == NOT_REPRODUCED
        assert outcome("falls", agreeing=[2], runs=2).wording == REPRODUCED

    def test_one_seed_agrees_with_itself(self):
        assert outcome("constant", "falls", agreeing=[1, 1], runs=1).wording == REPRODUCED
        assert outcome("constant", "rises", agreeing=[1, 1], runs=1).wording == NOT_REPRODUCED

    def test_a_weak_fall_next_to_a_robust_one(self):
        o = outcome("falls", "falls", agreeing=[3, 1])
        assert o.wording == REPRODUCED
        assert o.falls == ["layer 0"] and o.weak_falls == ["layer 1"]

    def test_no_verdicts(self):
        assert outcome(None, None).wording == NO_VERDICT
        o = outcome(None, "falls")
        assert o.wording == REPRODUCED and o.unjudged == ["layer 0"]

    def test_unknown_verdict_is_an_error(self):
        with pytest.raises(ValueError):
            outcome("wobbles")

    def test_rule_text_names_the_wordings(self):
        for wording in (REPRODUCED, PARTLY, NOT_REPRODUCED):
            assert wording in claims.RULE_TEXT


class TestClaim1Reason:
    def test_reason_lists_layers_by_verdict(self):
        o = outcome("constant", "falls", "falls", "rises")
        assert claim1_reason(o) == "layers 1 and 2 fall; layer 3 rises; layer 0 is constant"

    def test_weak_falls_are_called_so(self):
        o = outcome("falls", "flat", agreeing=[1, 3])
        assert claim1_reason(o) == "layer 0 falls in the mean of the seeds only; layer 1 stays flat"

    def test_names_list(self):
        assert names_list([]) == ""
        assert names_list(["layer 1"]) == "layer 1"
        assert names_list(["layer 1", "layer 2", "layer 3"]) == "layers 1, 2 and 3"
        assert names_list(["mu", "layer 0"]) == "mu and layer 0"


class TestAcrossCells:
    def cells(self, pairs):
        return [Cell(f"cell {i}", eta, outcome("constant", v)) for i, (eta, v) in enumerate(pairs)]

    def test_split_by_eta_lambda_t(self):
        result = claim1_across(self.cells([(0, "rises"), (0.2, "flat"), (2, "falls"), (20, "falls")]))
        assert result["counts"] == {NOT_REPRODUCED: 2, REPRODUCED: 2}
        assert result["split"] == ("above", 0.2, 2)

    def test_no_split_when_interleaved(self):
        result = claim1_across(self.cells([(0, "falls"), (0.2, "flat"), (2, "falls")]))
        assert result["split"] is None

    def test_partly_is_not_reproduced_for_the_split(self):
        cells = self.cells([(0, "rises"), (2, "falls")])
        cells.append(Cell("mixed", 20, outcome("falls", "rises")))
        assert claim1_across(cells)["split"] is None


class TestClaim2Agreement:
    def test_counts(self):
        a = theory_agreement([8.0, 7.6, 6.0, 1.0], [8, 7, 6, 0])
        assert a["n"] == 4
        assert a["exact"] == 2          # 8.0 = 8, 6.0 = 6; 7.6 is nearer 8 than 7
        assert a["within_one"] == 4
        assert a["differ"] == [1, 3]
        assert a["above"] == 2

    def test_half_a_rank_away_differs(self):
        a = theory_agreement([7.5, 6.49], [7, 6])
        assert a["differ"] == [0] and a["exact"] == 1

    def test_constant_measured_rank_has_no_correlation(self):
        assert theory_agreement([8.0, 8.0, 8.0], [8, 7, 6])["rho"] is None

    def test_ties_in_the_theory(self):
        # The theory's tie shares rank 2.5; the measured ranks are 3 and 2.
        a = theory_agreement([8.0, 7.9, 7.0, 6.0], [8, 8, 7, 6])
        assert a["rho"] == pytest.approx(pearson([3, 2, 1, 0], [2.5, 2.5, 1, 0]))
        assert 0.9 < a["rho"] < 1.0


class TestClaim3Words:
    def test_direction(self):
        assert direction(0.8) == "rises with"
        assert direction(-0.3) == "falls with"
        assert direction(0.0) == "shows no monotone relation with"
        with pytest.raises(ValueError):
            direction(None)

    def test_rho_text(self):
        assert rho_text(0.987) == "+0.99"
        assert rho_text(-0.5) == "-0.50"
        assert rho_text(None) == "undefined (a constant series)"


class TestAcrossCellsWording:
    """The sentence the report writes under each grid table and in its summary."""

    def cells(self, pairs):
        return [Cell(f"weight-decay {wd}", eta, outcome("constant", v)) for wd, eta, v in pairs]

    def test_threshold_sentence(self):
        from report.render_claim1 import Claim1Renderer

        text = Claim1Renderer.across(self.cells([(0, 0, "rises"), (0.01, 0.1, "flat"), (0.1, 1, "falls"),
                                                 (1, 10, "falls")]))
        assert text.startswith("**reproduced** in 2 of 4 cells (weight-decay 0.1, ηλT = 1; weight-decay 1, ηλT = 10)")
        assert "**not reproduced with these settings** in 2 of 4 cells" in text
        assert "every cell with ηλT ≥ 1, none with ηλT ≤ 0.1" in text

    def test_no_threshold_sentence(self):
        from report.render_claim1 import Claim1Renderer

        text = Claim1Renderer.across(self.cells([(0, 0, "falls"), (0.1, 1, "rises"), (1, 10, "falls")]))
        assert "No threshold on ηλT separates" in text

    def test_nothing_reproduced_has_no_threshold_talk(self):
        from report.render_claim1 import Claim1Renderer

        text = Claim1Renderer.across(self.cells([(0, 0, "rises"), (0.1, 1, "flat")]))
        assert text == ("**not reproduced with these settings** in 2 of 2 cells (weight-decay 0, ηλT = 0; "
                        "weight-decay 0.1, ηλT = 1).")

    def test_counts(self):
        from report.render_claim1 import Claim1Renderer

        cells = self.cells([(0, 0, "rises"), (0.1, 1, "falls")])
        assert Claim1Renderer.counts(cells) == "reproduced in 1 of 2 cells, not reproduced with these settings in 1"
