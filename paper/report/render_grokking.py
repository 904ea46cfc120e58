"""The grokking section: local rank, ‖W_l‖_σ and train/test accuracy of grok-mod97 over
training, and when local rank falls relative to the grokking step."""

from dataclasses import dataclass

from .markdown import eps_label, fmt, fmt_step
from .render_claim1 import describe_settings, training_time

# The thresholds that name the two steps of grokking; fixed before any run was looked at.
FIT_ACCURACY = 0.99       # training accuracy: the training pairs are fitted
GROKKED_ACCURACY = 0.90   # test accuracy: the held-out pairs are solved (the target)
RISE_ACCURACY = 0.10      # test accuracy: the rise has begun (10× chance at p = 97)

LITERATURE = (
    "Grokking (Power et al., 2022): a network fits its training set early and generalizes to held-out "
    "examples only much later, with strong weight decay the main lever (Power et al.: AdamW, learning rate "
    "1e-3, weight decay 1, batch 512, on modular arithmetic with 30–50% of the pairs for training; Nanda et "
    "al., 2023: the same optimizer at full batch, with the weights' norm falling as the network generalizes; "
    "Liu, Michaud and Tegmark, 2023, \"Omnigrok\": generalization arrives as weight decay brings the weight norm "
    "down to a \"Goldilocks zone\"; Gromov, 2023: the same task with an MLP on one-hot operands). These are "
    "citations, not measurements. The question here is whether the local rank of the hidden layers falls when "
    "the network generalizes.")

RULE = (
    "The rule, fixed before the runs were looked at, per seed and layer at each ε: the network *fits* at the "
    f"first checkpoint with training accuracy ≥ {FIT_ACCURACY:.0%}; the *rise* of test accuracy runs from the "
    f"first checkpoint with test accuracy ≥ {RISE_ACCURACY:.0%} to the first with ≥ {GROKKED_ACCURACY:.0%} "
    "(the *grokking step*). Local rank *falls* when its last value is below its highest value from the fitting "
    "step on by more than 0.5 or 1% (the final-phase tolerance of Claim 1); the fall is dated by the first "
    "checkpoint after that highest value where half of the fall is done, and is *at* the grokking step when "
    "that date lies within the rise, *before* or *after* it otherwise; *no fall* when it does not fall.")


@dataclass
class Timing:
    """When one seed fitted and grokked, and when one layer's local rank fell."""
    fit: int | None
    rise: int | None
    grokked: int | None
    peak: float | None
    peak_step: int | None
    final: float | None
    half_step: int | None
    verdict: str


def first_step(steps, values, threshold):
    return next((s for s, v in zip(steps, values) if v is not None and v >= threshold), None)


def fall_timing(steps, rank, train_accuracy, test_accuracy):
    """The Timing of a rank series against the accuracies (lists over the same steps)."""
    fit = first_step(steps, train_accuracy, FIT_ACCURACY)
    rise = first_step(steps, test_accuracy, RISE_ACCURACY)
    grokked = first_step(steps, test_accuracy, GROKKED_ACCURACY)
    start = steps.index(fit) if fit is not None else 0
    window = [(s, r) for s, r in zip(steps[start:], rank[start:]) if r is not None]
    if not window:
        return Timing(fit, rise, grokked, None, None, None, None, "no data")
    peak_step, peak = max(window, key=lambda p: p[1])
    final = window[-1][1]
    if peak - final <= max(0.5, 0.01 * peak):
        return Timing(fit, rise, grokked, peak, peak_step, final, None, "no fall")
    half = (peak + final) / 2
    half_step = next(s for s, r in window if s > peak_step and r <= half)
    if rise is None or grokked is None:
        verdict = "falls; no grokking to compare"
    elif half_step < rise:
        verdict = "before"
    elif half_step > grokked:
        verdict = "after"
    else:
        verdict = "at"
    return Timing(fit, rise, grokked, peak, peak_step, final, half_step, verdict)


def metric_means(group, name):
    return [c.metrics[name].mean if name in c.metrics else None for c in group.checkpoints]


class GrokkingRenderer:
    def __init__(self, doc, outputs, headline):
        self.doc = doc
        self.outputs = outputs
        self.headline = headline

    def render(self):
        doc, outputs = self.doc, self.outputs
        doc.add("## Grokking: local rank in modular addition (grok-mod97)")
        doc.add("")
        doc.paragraph(LITERATURE)
        seeds = outputs.grouped("grok-seeds")
        if seeds is None or not seeds.groups:
            doc.paragraph("*(grok-seeds.json was not produced.)*")
            return
        settings = outputs.settings_of("grok")
        doc.paragraph(f"Settings: {describe_settings(settings)}; seeds "
                      f"{', '.join(str(g.seeds[0]) for g in seeds.groups)} (data split, initialization and "
                      "batches all follow the seed).")
        timing = training_time(outputs, "grok")
        if timing:
            doc.paragraph(f"Training: {timing}.")
        doc.figure("grok-rank.svg", "Local rank of the hidden layers of grok-mod97 over training, with train and "
                   "test accuracy on the right axis, mean ± std over seeds")
        doc.figure("grok-weight-norm.svg", "Spectral norm of each weight matrix of grok-mod97 over training, with "
                   "train and test accuracy on the right axis, mean ± std over seeds")
        doc.paragraph(RULE)
        verdicts = self.timing_tables(seeds)
        self.weight_norm_table()
        self.headline.append("Grokking (grok-mod97, " + f"{len(seeds.groups)} seeds): " + "; ".join(verdicts) + ".")
        doc.commands(["grok-train", "grok-analyze", "grok-seeds", "grok-weights"])

    def timing_tables(self, seeds):
        """One table per ε: each seed's steps and each layer's fall; returns the verdicts in words."""
        doc = self.doc
        words = []
        for e, eps in enumerate(seeds.eps):
            rows, tally = [], {}
            for group in seeds.groups:
                steps = [c.step for c in group.checkpoints]
                train, test = metric_means(group, "train_accuracy"), metric_means(group, "test_accuracy")
                for j, layer in enumerate(seeds.layers):
                    rank = [c.values[e][j].mean for c in group.checkpoints]
                    t = fall_timing(steps, rank, train, test)
                    tally.setdefault(layer["name"], []).append(t.verdict)
                    rows.append([group.seeds[0], fmt_step(t.fit), fmt_step(t.rise), fmt_step(t.grokked),
                                 f"{fmt(test[-1] * 100 if test[-1] is not None else None, 1)}%", layer["name"],
                                 f"{fmt(t.peak)} ({fmt_step(t.peak_step)})", fmt(t.final), fmt_step(t.half_step), t.verdict])
            doc.paragraph(f"ε = {eps_label(eps)}:")
            doc.table(["seed", "fits (train ≥ 99%)", "rise starts (test ≥ 10%)", "grokks (test ≥ 90%)",
                       "last test accuracy", "layer", "highest local rank from fitting on (step)", "last",
                       "half of the fall done", "fall vs grokking"], rows, "lrrrrlrrrl")
            summary = ", ".join(f"{name}: " + ", ".join(f"{v} {n}/{len(verdicts)}" for v, n in counted(verdicts))
                                for name, verdicts in tally.items())
            doc.paragraph(f"**ε = {eps_label(eps)}: {summary}.**")
            words.append(f"at ε = {eps_label(eps)} {summary}")
        return words

    def weight_norm_table(self):
        grouped = self.outputs.grouped("grok-weight-norm")
        if grouped is None or not grouped.groups:
            return
        group = grouped.groups[0]
        rows = []
        for j, layer in enumerate(grouped.layers):
            means = [c.values[0][j].mean for c in group.checkpoints]
            top = max(range(len(means)), key=lambda i: means[i])
            rows.append([layer["name"], fmt(means[0]), f"{fmt(means[top])} ({fmt_step(group.checkpoints[top].step)})",
                         fmt(means[-1])])
        self.doc.paragraph("Spectral norm ‖W_l‖_σ, mean over seeds:")
        self.doc.table(["weights", "step 0", "highest (step)", "last step"], rows, "lrrr")


def counted(verdicts):
    """[(verdict, count)] in order of first appearance."""
    order = list(dict.fromkeys(verdicts))
    return [(v, verdicts.count(v)) for v in order]
