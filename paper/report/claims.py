"""The rules that turn measurements into the report's words about the paper's claims.

Claim 1 (local rank falls in the final phase of training). `lr-analyze` judges, for each
group of runs (a grid cell, its seeds aggregated step by step) and each layer, whether the
group's mean local rank falls, rises, stays flat or is constant over the final phase (the
last decade of training steps; Sources/LocalRank/FinalPhaseTrend.swift), and counts the
group's runs that reach the same verdict on their own. From those verdicts, for the hidden
layers, this module says:

- a layer falls *robustly* when the group mean falls and more than half of the group's runs
  fall on their own (a single run always agrees with itself);
- **reproduced**: at least one hidden layer falls robustly and none rises;
- **partly reproduced**: at least one hidden layer falls robustly and another rises;
- **not reproduced with these settings**: no hidden layer falls robustly.

Flat and constant layers neither count for nor against the claim: the authors' own figure
has a first hidden layer constant at its width. The rules were written before the runs
they judge were looked at; they are tested in paper/tests/test_claims.py.

Claims 2 and 3 get no verdict word: the report gives the agreement with the theory's rank
and Spearman correlations, whose wording is fixed here too.
"""

from dataclasses import dataclass, field

from .statistics import spearman, threshold_split

REPRODUCED = "reproduced"
PARTLY = "partly reproduced"
NOT_REPRODUCED = "not reproduced with these settings"
NO_VERDICT = "no verdict"

RULE_TEXT = (
    "A hidden layer *falls robustly* when the mean over the seeds falls in the final phase and more "
    "than half of the seeds fall on their own. The claim is **reproduced** in a setting when at "
    "least one hidden layer falls robustly and none rises, **partly reproduced** when one falls "
    "robustly and another rises, and **not reproduced with these settings** when none falls "
    "robustly. Flat and constant layers count neither way (the authors' own figure has a first "
    "hidden layer constant at its width).")


def falls_robustly(trend):
    return trend.verdict == "falls" and 2 * trend.runs_agreeing > trend.runs


@dataclass
class Claim1Outcome:
    """The wording for one group at one ε, and which layers did what (by name)."""
    wording: str
    falls: list = field(default_factory=list)        # robust falls
    weak_falls: list = field(default_factory=list)   # the mean falls, at most half the seeds do
    rises: list = field(default_factory=list)
    flat: list = field(default_factory=list)
    constant: list = field(default_factory=list)
    unjudged: list = field(default_factory=list)     # no verdict (too few finite checkpoints)


def claim1_outcome(names, trends):
    """The Claim 1 wording for one group at one ε from its hidden layers' trends."""
    outcome = Claim1Outcome(NO_VERDICT)
    for name, trend in zip(names, trends):
        if trend.verdict is None:
            outcome.unjudged.append(name)
        elif trend.verdict == "falls":
            (outcome.falls if falls_robustly(trend) else outcome.weak_falls).append(name)
        elif trend.verdict == "rises":
            outcome.rises.append(name)
        elif trend.verdict == "flat":
            outcome.flat.append(name)
        elif trend.verdict == "constant":
            outcome.constant.append(name)
        else:
            raise ValueError(f"unknown final-phase verdict {trend.verdict!r}")
    if len(outcome.unjudged) == len(names):
        outcome.wording = NO_VERDICT
    elif outcome.falls and not outcome.rises:
        outcome.wording = REPRODUCED
    elif outcome.falls:
        outcome.wording = PARTLY
    else:
        outcome.wording = NOT_REPRODUCED
    return outcome


def names_list(names):
    """'layer 1', 'layers 1 and 2', 'layers 1, 2 and 3' from ['layer 1', 'layer 2', ...]."""
    short = [n.replace("layer ", "") for n in names]
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    if all(n.startswith("layer ") for n in names):
        return "layers " + ", ".join(short[:-1]) + " and " + short[-1]
    return ", ".join(names[:-1]) + " and " + names[-1]


def claim1_reason(outcome):
    """What the layers did, in a short clause: 'layers 2 and 3 fall; layer 1 rises; ...'."""
    parts = []
    for names, verb_one, verb_many in ((outcome.falls, "falls", "fall"),
                                       (outcome.weak_falls, "falls in the mean of the seeds only",
                                        "fall in the mean of the seeds only"),
                                       (outcome.rises, "rises", "rise"),
                                       (outcome.flat, "stays flat", "stay flat"),
                                       (outcome.constant, "is constant", "are constant"),
                                       (outcome.unjudged, "has no verdict", "have no verdict")):
        if names:
            parts.append(f"{names_list(names)} {verb_one if len(names) == 1 else verb_many}")
    return "; ".join(parts)


@dataclass
class Cell:
    """One grid cell's Claim 1 outcome at one ε, with its ηλT."""
    label: str
    eta_lambda_t: float | None
    outcome: Claim1Outcome


def claim1_across(cells):
    """How the cells' wordings split: {"counts": {wording: n}, "split": threshold_split of
    ηλT between the reproduced cells and the others (None when no threshold separates)}."""
    counts = {}
    for cell in cells:
        counts[cell.outcome.wording] = counts.get(cell.outcome.wording, 0) + 1
    split = threshold_split([c.eta_lambda_t for c in cells], [c.outcome.wording == REPRODUCED for c in cells])
    return {"counts": counts, "split": split}


# ---- Claim 2: the measured rank of μ against the Gaussian IB's optimal rank ----------------

def theory_agreement(measured, predicted):
    """Agreement of measured (mean) ranks with the theory's integer ranks: counts of equal
    (|m − p| < 0.5, i.e. equal to the nearest integer) and within one, the indices where they
    differ, how many of those are above the theory, and Spearman(measured, theory)."""
    differ = [i for i, (m, p) in enumerate(zip(measured, predicted)) if abs(m - p) >= 0.5]
    return {
        "n": len(measured),
        "exact": len(measured) - len(differ),
        "within_one": sum(abs(m - p) <= 1.0 for m, p in zip(measured, predicted)),
        "differ": differ,
        "above": sum(measured[i] > predicted[i] for i in differ),
        "rho": spearman(measured, predicted),
    }


# ---- Claim 3: Spearman correlations in words ---------------------------------------------

def rho_text(rho):
    return "undefined (a constant series)" if rho is None else f"{rho:+.2f}"


def direction(rho):
    """How a quantity moves with the rank, from their Spearman correlation (not None)."""
    if rho is None:
        raise ValueError("no direction without a correlation (a constant series)")
    if rho > 0:
        return "rises with"
    if rho < 0:
        return "falls with"
    return "shows no monotone relation with"
