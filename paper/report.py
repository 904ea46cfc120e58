#!/usr/bin/env python3
"""Writes docs/results.md from the outputs that paper/make-paper.sh saved.

    python3 paper/report.py --out paper/out --results docs/results.md --figures-link figures

Reads, in --out: machine.txt, steps.tsv (each step's command and times), logs/*.log (the
tools' summaries), <run>.json (`lr-analyze --format json` of the MLP runs), <sweep>.csv
(`lr-analyze --by beta --format csv`) and dvib-gaussian-theory.json. Python 3 standard
library only. Every number in the report comes from those files.
"""

import argparse
import csv
import json
import math
import os
import re
import sys

# A change of local rank smaller than this many dimensions (or 1% of the rank, if larger)
# is reported as no change.
RANK_TOLERANCE = 0.5
# The checkpoints after the one where a series starts to be non-increasing may still rise
# by this much from one checkpoint to the next (a few of the probe inputs' counts).
STEP_TOLERANCE = 0.05


def load_key_values(path):
    values = {}
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                if ":" in line:
                    key, value = line.split(":", 1)
                    values[key.strip()] = value.strip()
    return values


def load_steps(path):
    with open(path) as f:
        return {row["name"]: row for row in csv.DictReader(f, delimiter="\t")}


def read_log(out, name):
    path = os.path.join(out, "logs", name + ".log")
    return open(path).read() if os.path.exists(path) else ""


def fmt(value, digits=2):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value:.{digits}f}"


def fmt_beta(beta):
    return f"{beta:.3g}"


def fmt_signed(value, digits=2):
    return f"{value:+.{digits}f}"


def fmt_step(step):
    return f"{int(step):,}".replace(",", " ")


def spearman(a, b):
    """Spearman's rank correlation, average ranks for ties; None when a series is constant."""

    def ranks(values):
        order = sorted(range(len(values)), key=lambda i: values[i])
        result = [0.0] * len(values)
        i = 0
        while i < len(order):
            j = i
            while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
                j += 1
            for k in range(i, j + 1):
                result[order[k]] = (i + j) / 2
            i = j + 1
        return result

    ra, rb = ranks(a), ranks(b)
    n = len(ra)
    ma, mb = sum(ra) / n, sum(rb) / n
    cov = sum((x - ma) * (y - mb) for x, y in zip(ra, rb))
    va = sum((x - ma) ** 2 for x in ra)
    vb = sum((y - mb) ** 2 for y in rb)
    if va == 0 or vb == 0:
        return None
    return cov / math.sqrt(va * vb)


def fmt_rho(rho):
    return "undefined (a constant series)" if rho is None else f"{rho:+.2f}"


def eps_label(eps):
    exponent = math.log10(eps)
    if abs(exponent - round(exponent)) < 1e-9:
        return f"1e{int(round(exponent))}"
    return f"{eps:g}"


class Report:
    def __init__(self, out, figures_link):
        self.out = out
        self.figures_link = figures_link.rstrip("/")
        self.steps = load_steps(os.path.join(out, "steps.tsv"))
        self.machine = load_key_values(os.path.join(out, "machine.txt"))
        self.lines = []
        self.headline = []

    def add(self, text=""):
        self.lines.append(text)

    def figure(self, name, alt):
        path = os.path.join(self.out, "figures", name)
        if not os.path.exists(path):
            self.add(f"*(figure {name} was not produced)*")
            return
        self.add(f"![{alt}]({self.figures_link}/{name})")
        self.add("")

    def commands(self, names):
        present = [n for n in names if n in self.steps]
        if not present:
            return
        self.add("Commands (from the repository root, with `.build/release` on `PATH`), wall time"
                 " and CPU time (user + system):")
        self.add("")
        self.add("```")
        for name in present:
            self.add(self.steps[name]["command"])
        self.add("```")
        self.add("")
        self.add("| step | wall | CPU | load average (1 min) at start → end |")
        self.add("|---|---:|---:|---|")
        for name in present:
            row = self.steps[name]
            cpu = float(row["user_seconds"]) + float(row["system_seconds"])
            self.add(f"| {name} | {float(row['seconds']):.1f} s | {cpu:.1f} s | "
                     f"{row['load_start']} → {row['load_end']} |")
        self.add("")

    # ---- Claim 1 -------------------------------------------------------------------

    def training_summary(self, name, data):
        checkpoints = data["checkpoints"]
        last = checkpoints[-1]
        metrics = last["metrics"]
        parts = [f"{fmt_step(last['step'])} steps, {len(checkpoints)} checkpoints, "
                 f"{data['probe_count']} probe inputs"]
        log = read_log(self.out, name + "-train")
        match = re.search(r"done: (\d+) steps in ([0-9.]+) s \(([0-9.]+) steps/s\)", log)
        if match:
            parts.append(f"training {float(match.group(2)):.1f} s ({float(match.group(3)):.0f} steps/s)")
        if "test_accuracy" in metrics:
            series = [(c["metrics"].get("test_accuracy"), c["step"]) for c in checkpoints
                      if c["metrics"].get("test_accuracy") is not None]
            best, best_step = max(series)
            first_best = min(step for value, step in series if value == best)
            parts.append(f"test accuracy {100 * metrics['test_accuracy']:.1f}% at the end "
                         f"(best {100 * best:.1f}% at step {fmt_step(first_best)})")
            if "train_accuracy" in metrics:
                parts.append(f"training accuracy {100 * metrics['train_accuracy']:.1f}%")
        if "test_loss" in metrics:
            series = [(c["metrics"].get("test_loss"), c["step"]) for c in checkpoints
                      if c["metrics"].get("test_loss") is not None]
            best, best_step = min(series)
            parts.append(f"test loss {metrics['test_loss']:.4g} at the end "
                         f"(lowest {best:.4g} at step {fmt_step(best_step)})")
        if "train_loss" in metrics:
            parts.append(f"training loss {metrics['train_loss']:.3g}")
        return "; ".join(parts)

    def layer_trend(self, steps, series, bound):
        """Peak, final, final-phase change and the step from which the series is non-increasing."""
        total = steps[-1]
        peak = max(series)
        peak_index = series.index(peak)
        final = series[-1]
        # The final phase: the last decade of training steps (the right-most decade of the plots).
        phase_index = next(i for i, s in enumerate(steps) if s >= total / 10)
        phase_start = series[phase_index]
        # The first checkpoint from which every later one is at most STEP_TOLERANCE above its
        # predecessor; None when the last checkpoint is above the one before.
        since = len(series) - 1
        while since > 0 and series[since] <= series[since - 1] + STEP_TOLERANCE:
            since -= 1
        tolerance = max(RANK_TOLERANCE, 0.01 * max(abs(phase_start), 1e-12))
        change = final - phase_start
        if max(series) - min(series) < STEP_TOLERANCE:
            verdict = f"constant at {fmt(final)}"
            if abs(final - bound) < STEP_TOLERANCE:
                verdict += " (its upper bound)"
        elif change < -tolerance:
            verdict = "falls in the final phase"
        elif change > tolerance:
            verdict = "rises in the final phase"
        else:
            verdict = "flat in the final phase"
        return {
            "peak": peak, "peak_step": steps[peak_index], "final": final,
            "drop": final - peak, "drop_percent": 100 * (final - peak) / peak if peak else 0.0,
            "phase_step": steps[phase_index], "phase_start": phase_start, "phase_change": change,
            "since_step": steps[since] if since < len(series) - 1 or len(series) == 1 else None,
            "verdict": verdict, "min": min(series), "min_step": steps[series.index(min(series))],
            "bound": bound,
        }

    def mlp_run(self, name, title, figure_alt):
        path = os.path.join(self.out, name + ".json")
        data = json.load(open(path))
        checkpoints = [c for c in data["checkpoints"] if c["finite"]]
        steps = [c["step"] for c in checkpoints]
        # The most each layer's local rank can be: min(n_0, n_1, ..., n_{l+1}). The input
        # dimension n_0 shows in layer 0 at initialization (a random W_0 has full rank).
        widths = [layer["width"] for layer in data["layers"]]
        input_bound = round(checkpoints[0]["local_rank"][-1][0])
        bounds = [min([input_bound] + widths[:j + 1]) for j in range(len(widths))]
        self.add(f"### {title}")
        self.add("")
        self.figure(f"{name}-rank.svg", figure_alt)
        self.add(f"Run: {self.training_summary(name, data)}.")
        self.add("")
        total = steps[-1]
        verdicts = {}
        for e, eps in enumerate(data["eps"]):
            self.add(f"ε = {eps_label(eps)} (final phase: the last decade of training, step "
                     f"≥ {fmt_step(total / 10)}, from the checkpoint of step "
                     f"{fmt_step(next(s for s in steps if s >= total / 10))}):")
            self.add("")
            self.add("| layer | width | bound | peak (step) | lowest (step) | final | peak → final | "
                     "final phase: start → final | non-increasing from step | verdict |")
            self.add("|---|---:|---:|---|---|---:|---|---|---:|---|")
            for j, layer in enumerate(data["layers"]):
                series = [c["local_rank"][e][j] for c in checkpoints]
                t = self.layer_trend(steps, series, bounds[j])
                verdicts.setdefault(eps, []).append((layer["name"], t))
                since = "— (rises at the end)" if t["since_step"] is None else fmt_step(t["since_step"])
                self.add(
                    f"| {layer['name']} | {layer['width']} | {bounds[j]} | {fmt(t['peak'])} ({fmt_step(t['peak_step'])}) | "
                    f"{fmt(t['min'])} ({fmt_step(t['min_step'])}) | {fmt(t['final'])} | "
                    f"{fmt_signed(t['drop'])} ({fmt_signed(t['drop_percent'], 1)}%) | "
                    f"{fmt(t['phase_start'])} → {fmt(t['final'])} ({fmt_signed(t['phase_change'])}) | "
                    f"{since} | {t['verdict']} |")
            self.add("")
        self.add("*bound*: min(n_0, n_1, …, n_{l+1}), the most the layer's local rank can be.")
        self.add("")
        # The plain statement.
        n_layers = len(data["layers"])
        sentences = []
        for eps, layers in verdicts.items():
            falls = [(n, t) for n, t in layers if t["verdict"] == "falls in the final phase"]
            rises = [(n, t) for n, t in layers if t["verdict"] == "rises in the final phase"]
            flat = [(n, t) for n, t in layers if t["verdict"] == "flat in the final phase"]
            constant = [(n, t) for n, t in layers if t["verdict"].startswith("constant")]

            def listing(items):
                return ", ".join(f"{n} {fmt(t['phase_start'])} → {fmt(t['final'])}" for n, t in items)

            parts = [f"{len(falls)} of {n_layers} layers {'falls' if len(falls) == 1 else 'fall'}" + (f" ({listing(falls)})" if falls else "")]
            if rises:
                parts.append(f"{len(rises)} {'rises' if len(rises) == 1 else 'rise'} ({listing(rises)})")
            if flat:
                parts.append(f"{len(flat)} {'stays' if len(flat) == 1 else 'stay'} within the tolerance ({listing(flat)})")
            if constant:
                parts.append(f"{len(constant)} {'stays' if len(constant) == 1 else 'stay'} constant (" + ", ".join(
                    f"{n} at {fmt(t['final'])}" + (" = its bound" if abs(t['final'] - t['bound']) < STEP_TOLERANCE else "")
                    for n, t in constant) + ")")
            sentences.append(f"At ε = {eps_label(eps)}, " + "; ".join(parts) + ".")
        moving = [(n, t) for n, t in verdicts[data["eps"][-1]] if not t["verdict"].startswith("constant")]
        if moving:
            sentences.append(f"Where the non-constant layers are lowest (ε = {eps_label(data['eps'][-1])}): " + ", ".join(
                f"{n} {fmt(t['min'])} at step {fmt_step(t['min_step'])}"
                + (" (in the final phase)" if t["min_step"] >= total / 10 else " (before the final phase)")
                for n, t in moving) + ".")
        falls_everywhere = all(t["verdict"] == "falls in the final phase"
                               for layers in verdicts.values() for _, t in layers)
        any_falls = any(t["verdict"] == "falls in the final phase"
                        for layers in verdicts.values() for _, t in layers)
        if falls_everywhere:
            conclusion = "Local rank falls in the final phase in every layer: **this agrees with the claim**."
        elif any_falls:
            conclusion = ("Local rank falls in the final phase in some layers only: **this agrees with the "
                          "claim only in part**.")
        else:
            conclusion = ("Local rank does not fall in the final phase in any layer: **our measurement "
                          "disagrees with the claim** for this run.")
        self.add("**Does local rank fall in the final phase?** " + " ".join(sentences) + " " + conclusion)
        self.add("")
        n_falls = {eps: sum(t["verdict"] == "falls in the final phase" for _, t in layers)
                   for eps, layers in verdicts.items()}
        self.headline.append(
            f"Claim 1, {title}: layers whose local rank falls in the final phase: " +
            ", ".join(f"{n_falls[eps]} of {n_layers} at ε = {eps_label(eps)}" for eps in data["eps"]) +
            " (" + "; ".join(
                f"{layer_name} {fmt(t['phase_start'])} → {fmt(t['final'])}"
                for layer_name, t in verdicts[data["eps"][-1]]) +
            f" over the last decade of steps at ε = {eps_label(data['eps'][-1])}).")
        self.commands([f"{name}-train", f"{name}-analyze"])

    # ---- Sweeps ----------------------------------------------------------------------

    def sweep_rows(self, name):
        with open(os.path.join(self.out, name + ".csv")) as f:
            rows = list(csv.DictReader(f))
        by_eps = {}
        for row in rows:
            by_eps.setdefault(float(row["eps"]), []).append(row)
        for eps in by_eps:
            by_eps[eps].sort(key=lambda r: float(r["beta"]))
        return by_eps

    def sweep_settings(self, name):
        log = read_log(self.out, name + "-sweep")
        return len(re.findall(r"^lr-train: β = ", log, flags=re.M))

    def gaussian_sweep(self):
        by_eps = self.sweep_rows("dvib-gaussian")
        theory = json.load(open(os.path.join(self.out, "dvib-gaussian-theory.json")))
        layer = [k for k in next(iter(by_eps.values()))[0] if k.startswith("layer_")][-1]
        width = theory["input_dimensions"]
        self.add("## Claim 2: the Gaussian information bottleneck's rank steps at the critical β")
        self.add("")
        self.add("The paper's theory: for jointly Gaussian (X, Y) the optimal encoder of the information "
                 "bottleneck is linear, and its rank steps up by one at each critical trade-off β_i "
                 "(Chechik, Globerson, Tishby and Weiss, 2005, on which the paper builds). We train "
                 f"`dvib-gaussian` (a DVIB with a linear encoder, n_x = n_y = K = {width}) at "
                 f"{len(next(iter(by_eps.values())))} values of β and compare the local rank of μ at the "
                 "last checkpoint with `theory_rank`, the optimal encoder's rank at that β computed by "
                 "`lr-analyze theory` from the run's joint covariance.")
        self.add("")
        self.add("Our β weighs the KL term (loss = task + β·KL): it is 1/β_IB of min I(X;T) − β_IB·I(T;Y). "
                 "Component i is present when β < 1 − λ_i (ours), i.e. β_IB > 1/(1 − λ_i). "
                 "We read the rank at ε = 0.1 alongside ε = 1e-3: the noise added to μ (and the prior) "
                 "has standard deviation 1, so a direction of μ whose Jacobian singular value is well "
                 "below 1 — a tenth of it at ε = 0.1 — carries almost no information about x; ε = 1e-3 "
                 "counts such nearly-shut directions too.")
        self.add("")
        self.figure("dvib-gaussian-rank-vs-beta.svg",
                    "Local rank of μ against β for dvib-gaussian, with the theory's optimal encoder rank and critical β")
        lam = theory["eigenvalues"]
        crit = theory["critical_beta_compression"]
        crit_ib = theory["critical_beta_ib"]
        self.add("The theory (`lr-analyze theory`): eigenvalues λ_i of Σ_{x|y}Σ_x⁻¹ and critical values.")
        self.add("")
        self.add("| i | λ_i | β_i (IB, β_IB > β_i) | β_i (ours, β < β_i) |")
        self.add("|---:|---:|---:|---:|")
        for i, (l, c_ib, c) in enumerate(zip(lam, crit_ib, crit), start=1):
            self.add(f"| {i} | {l:.4f} | {c_ib:.4g} | {c:.4g} |")
        self.add("")
        epsilons = sorted(by_eps, reverse=True)
        header = "| β | test KL | test task loss | " + " | ".join(
            f"rank of μ, ε = {eps_label(e)}" for e in epsilons) + " | theory rank |"
        self.add(header)
        self.add("|---:|---:|---:|" + "---:|" * len(epsilons) + "---:|")
        first = by_eps[epsilons[0]]
        for i, row in enumerate(first):
            values = " | ".join(fmt(float(by_eps[e][i][layer])) for e in epsilons)
            self.add(f"| {fmt_beta(float(row['beta']))} | {float(row['test_kl']):.3f} | "
                     f"{float(row['test_task_loss']):.4f} | {values} | {row['theory_rank']} |")
        self.add("")
        summaries = []
        for e in epsilons:
            rows = by_eps[e]
            measured = [float(r[layer]) for r in rows]
            predicted = [int(r["theory_rank"]) for r in rows]
            betas = [float(r["beta"]) for r in rows]
            exact = sum(abs(m - p) < 0.5 for m, p in zip(measured, predicted))
            within_one = sum(abs(m - p) <= 1.0 for m, p in zip(measured, predicted))
            differ = [f"β = {fmt_beta(b)}: {fmt(m)} vs {p}" for b, m, p in zip(betas, measured, predicted)
                      if abs(m - p) >= 0.5]
            rho_kl = spearman(measured, [float(r["test_kl"]) for r in rows])
            rho_theory = spearman(measured, predicted)
            text = (f"At ε = {eps_label(e)} the measured rank of μ equals the theory's (to the nearest "
                    f"integer) at **{exact} of {len(rows)}** β and is within one at {within_one} of "
                    f"{len(rows)}; Spearman(measured, theory) = {fmt_rho(rho_theory)}, Spearman(rank of μ, "
                    f"test KL) = {fmt_rho(rho_kl)}.")
            if differ:
                above = sum(m - p >= 0.5 for m, p in zip(measured, predicted))
                text += (" It differs at " + "; ".join(differ) + f" (measured above the theory at {above} of "
                         f"these, below at {len(differ) - above}).")
            summaries.append(text)
            self.add(text)
            self.add("")
            if e == epsilons[0]:
                self.headline.append(
                    f"Claim 2, dvib-gaussian: rank of μ at ε = {eps_label(e)} equals the Gaussian IB's "
                    f"optimal rank at {exact} of {len(rows)} β, within one at {within_one}; "
                    f"at ε = {eps_label(epsilons[-1])}: "
                    f"{sum(abs(float(r[layer]) - int(r['theory_rank'])) < 0.5 for r in by_eps[epsilons[-1]])} "
                    f"of {len(rows)}.")
        # Where the steps are, measured against predicted.
        rows = by_eps[epsilons[0]]
        betas = [float(r["beta"]) for r in rows]
        measured = [float(r[layer]) for r in rows]
        drops = [f"between β = {fmt_beta(betas[i])} and {fmt_beta(betas[i + 1])} "
                 f"({fmt(measured[i])} → {fmt(measured[i + 1])})"
                 for i in range(len(rows) - 1) if measured[i + 1] < measured[i] - 0.5]
        predicted = [int(r["theory_rank"]) for r in rows]
        theory_drops = [f"between β = {fmt_beta(betas[i])} and {fmt_beta(betas[i + 1])} ({predicted[i]} → {predicted[i + 1]})"
                        for i in range(len(rows) - 1) if predicted[i + 1] < predicted[i]]
        inside = [c for c in crit if betas[0] <= c <= betas[-1]]
        self.add(f"At ε = {eps_label(epsilons[0])} the measured rank steps down "
                 + ("; ".join(drops) if drops else "nowhere")
                 + "; the theory's rank steps down " + ("; ".join(theory_drops) if theory_drops else "nowhere")
                 + f". The theory puts {len(inside)} critical values inside the swept range: "
                 + ", ".join(fmt_beta(c) for c in sorted(inside)) + " (several fall between the same two "
                 "neighbouring β of the sweep).")
        constant = {e: [float(r[layer]) for r in by_eps[e]] for e in epsilons}
        for e in epsilons:
            if max(constant[e]) - min(constant[e]) < STEP_TOLERANCE:
                self.add("")
                coarse = epsilons[0]
                self.add(f"At ε = {eps_label(e)} the rank of μ is {fmt(constant[e][0])} at every β: the directions "
                         f"that ε = {eps_label(coarse)} no longer counts keep singular values between "
                         f"{eps_label(e)} and {eps_label(coarse)}; the KL term shrinks them far below the noise "
                         "scale but not to zero.")
        self.add("")
        self.commands(["dvib-gaussian-sweep", "dvib-gaussian-analyze", "dvib-gaussian-theory"])

    def image_sweep(self, name, title):
        by_eps = self.sweep_rows(name)
        epsilons = sorted(by_eps, reverse=True)
        first = by_eps[epsilons[0]]
        layers = [k for k in first[0] if k.startswith("layer_")]
        mu = layers[-1]
        # K, the width of μ: from the JSON of the plot step, else the largest rank measured.
        width = None
        json_path = os.path.join(self.out, name + "-mu.json")
        if os.path.exists(json_path):
            width = next((l["width"] for l in json.load(open(json_path))["layers"] if l["name"] == "mu"), None)
        if width is None:
            width = round(max(float(r[mu]) for rows in by_eps.values() for r in rows))
        self.add(f"### {title}")
        self.add("")
        self.figure(f"{name}-rank-vs-beta.svg", f"Local rank of μ and test accuracy against β for {name}")
        figure = os.path.join(self.out, "figures", f"{name}-rank-vs-beta.svg")
        if os.path.exists(figure) and ">layer 0 (" in open(figure).read():
            self.add(f"*The figure also draws the encoder's {layers[0].replace('layer_', 'layer ')} "
                     "(its rank is its width at every β), which flattens μ's curve: `lr-analyze --by beta` "
                     "draws every layer whatever `--layers` says. The table below has μ's numbers.*")
            self.add("")
        self.add(f"{len(first)} runs, each at its last checkpoint (step {fmt_step(float(first[0]['step']))}); "
                 f"μ is K = {width} wide.")
        self.add("")
        hidden = [l.replace("layer_", "layer ") for l in layers[:-1]]
        header = "| β | test accuracy | sampled-z accuracy | test KL | test task loss | " + " | ".join(
            f"rank of μ, ε = {eps_label(e)}" for e in epsilons) + " | " + " | ".join(
            f"encoder {h}, ε = {eps_label(epsilons[-1])}" for h in hidden) + " |"
        self.add(header)
        self.add("|---:|---:|---:|---:|---:|" + "---:|" * (len(epsilons) + len(layers) - 1))
        for i, row in enumerate(first):
            ranks = " | ".join(fmt(float(by_eps[e][i][mu])) for e in epsilons)
            others = " | ".join(fmt(float(by_eps[epsilons[-1]][i][l])) for l in layers[:-1])
            sampled = row.get("test_accuracy_sampled")
            self.add(f"| {fmt_beta(float(row['beta']))} | {100 * float(row['test_accuracy']):.2f}% | "
                     f"{(100 * float(sampled)) if sampled else float('nan'):.2f}% | {float(row['test_kl']):.2f} | "
                     f"{float(row['test_task_loss']):.4f} | {ranks} | {others} |")
        self.add("")
        for e in epsilons:
            rows = by_eps[e]
            betas = [float(r["beta"]) for r in rows]
            rank = [float(r[mu]) for r in rows]
            accuracy = [float(r["test_accuracy"]) for r in rows]
            kl = [float(r["test_kl"]) for r in rows]
            rho_kl, rho_acc = spearman(rank, kl), spearman(rank, accuracy)
            self.add(f"**At ε = {eps_label(e)}**: Spearman(rank of μ, test KL) = **{fmt_rho(rho_kl)}**, "
                     f"Spearman(rank of μ, test accuracy) = **{fmt_rho(rho_acc)}** "
                     f"(Spearman(test accuracy, test KL) = {fmt_rho(spearman(accuracy, kl))}). "
                     + self.describe_phases(betas, rank, accuracy, width))
            self.add("")
            if e == epsilons[0]:
                self.add(self.claim3_verdict(e, betas, rank, accuracy, kl, rho_kl, rho_acc, width))
                self.add("")
                self.headline.append(
                    f"Claim 3, {name}: from β = {fmt_beta(betas[0])} to {fmt_beta(betas[-1])} the rank of μ "
                    f"(ε = {eps_label(e)}, K = {width}) goes {fmt(rank[0])} → {fmt(rank[-1])}, test accuracy "
                    f"{100 * accuracy[0]:.1f}% → {100 * accuracy[-1]:.1f}%, test KL {kl[0]:.1f} → {kl[-1]:.2f} nats; "
                    f"Spearman(rank, KL) = {fmt_rho(rho_kl)}, Spearman(rank, accuracy) = {fmt_rho(rho_acc)}. "
                    f"At ε = {eps_label(epsilons[-1])} the rank of μ stays between "
                    f"{fmt(min(float(r[mu]) for r in by_eps[epsilons[-1]]))} and "
                    f"{fmt(max(float(r[mu]) for r in by_eps[epsilons[-1]]))} at every β.")
        self.commands([f"{name}-sweep", f"{name}-analyze", f"{name}-plot"])

    @staticmethod
    def claim3_verdict(eps, betas, rank, accuracy, kl, rho_kl, rho_acc, width):
        """The plain answer to Claim 3 at the primary ε, from the numbers."""
        n = len(rank)
        best = max(range(n), key=lambda i: accuracy[i])
        worst = min(range(n), key=lambda i: accuracy[i])
        lowest = min(range(n), key=lambda i: rank[i])
        rest = [i for i in range(n) if i != lowest]
        parts = [f"*What we see at ε = {eps_label(eps)}*: the rank of μ "
                 + ("moves with β" if max(rank) - min(rank) > 0.1 * width else "barely moves with β")
                 + f" ({fmt(max(rank))} to {fmt(min(rank))} across the sweep) and with the KL term "
                 f"(Spearman {fmt_rho(rho_kl)})."]
        if rho_acc is not None:
            direction = "rises" if rho_acc > 0 else "falls"
            parts.append(f"Accuracy {direction} with the rank (Spearman {fmt_rho(rho_acc)}): it is highest, "
                         f"{100 * accuracy[best]:.1f}%, at β = {fmt_beta(betas[best])} (rank {fmt(rank[best])}) and "
                         f"lowest, {100 * accuracy[worst]:.1f}%, at β = {fmt_beta(betas[worst])} (rank "
                         f"{fmt(rank[worst])}).")
            if rest:
                accs = [100 * accuracy[i] for i in rest]
                parts.append(f"Leaving out the run of lowest rank (β = {fmt_beta(betas[lowest])}), accuracy stays "
                             f"within {min(accs):.1f}–{max(accs):.1f}% while the rank spans "
                             f"{fmt(min(rank[i] for i in rest))}–{fmt(max(rank[i] for i in rest))}.")
            if rho_acc > 0:
                parts.append("So we do not see accuracy fall as the rank grows: overall, a higher rank of μ "
                             "goes with higher accuracy here.")
            else:
                parts.append("So accuracy falls as the rank grows here.")
        return " ".join(parts)

    @staticmethod
    def describe_phases(betas, rank, accuracy, width):
        """Regimes and steps of the rank of μ along β, and how accuracy moves with them."""

        def spans(indices):
            # Runs of neighbouring β, as "a–b" or "a".
            groups, out = [], []
            for i in indices:
                if groups and i == groups[-1][-1] + 1:
                    groups[-1].append(i)
                else:
                    groups.append([i])
            for g in groups:
                out.append(fmt_beta(betas[g[0]]) if len(g) == 1 else f"{fmt_beta(betas[g[0]])}–{fmt_beta(betas[g[-1]])}")
            return ", ".join(out)

        def describe(label, indices):
            if not indices:
                return None
            ranks = [rank[i] for i in indices]
            accs = [100 * accuracy[i] for i in indices]
            if len(indices) == 1:
                return f"{label}: β = {spans(indices)} (1 run), rank {fmt(ranks[0])}, accuracy {accs[0]:.1f}%"
            return (f"{label}: β = {spans(indices)} ({len(indices)} runs), rank "
                    f"{fmt(min(ranks))}–{fmt(max(ranks))}, accuracy {min(accs):.1f}–{max(accs):.1f}%")

        full_at, collapsed_at = 0.85 * width, 0.1 * width
        full = [i for i in range(len(rank)) if rank[i] >= full_at]
        collapsed = [i for i in range(len(rank)) if rank[i] <= collapsed_at]
        middle = [i for i in range(len(rank)) if collapsed_at < rank[i] < full_at]
        regimes = [x for x in (describe(f"near full (≥ {fmt(full_at, 1)}, 85% of K)", full),
                               describe("intermediate", middle),
                               describe(f"collapsed (≤ {fmt(collapsed_at, 1)}, 10% of K)", collapsed)) if x]
        text = "Regimes along β: " + "; ".join(regimes) + "."
        if len(rank) > 1:
            rises = [i for i in range(len(rank) - 1) if rank[i + 1] > rank[i] + RANK_TOLERANCE]
            falls = [i for i in range(len(rank) - 1) if rank[i + 1] < rank[i] - RANK_TOLERANCE]
            if not rises:
                text += " The rank does not rise with β anywhere (by more than 0.5)."
            else:
                text += (f" The rank rises with β (by more than 0.5) between " + "; ".join(
                    f"β = {fmt_beta(betas[i])} and {fmt_beta(betas[i + 1])} ({fmt(rank[i])} → {fmt(rank[i + 1])})"
                    for i in rises) + ".")
            change = abs(rank[-1] - rank[0])
            steps = [abs(rank[i + 1] - rank[i]) for i in range(len(rank) - 1)]
            largest = max(range(len(steps)), key=lambda i: steps[i])
            if change <= max(RANK_TOLERANCE, 0.1 * width):
                text += (f" Across the sweep it changes by {fmt(max(rank) - min(rank))} at most "
                         f"(less than 10% of K).")
            else:
                sizable = sum(s > 0.05 * change for s in steps)
                decades = math.log10(betas[1] / betas[0]) if betas[0] > 0 else float("nan")
                text += (f" Of the total change {fmt(rank[0])} → {fmt(rank[-1])}, the largest step between "
                         f"neighbouring β ({decades:.2g} decades apart) is {fmt(rank[largest])} → "
                         f"{fmt(rank[largest + 1])} at β = {fmt_beta(betas[largest])} → "
                         f"{fmt_beta(betas[largest + 1])}, {100 * steps[largest] / change:.0f}% of it; "
                         f"{sizable} of the {len(steps)} intervals carry more than 5% each, and {len(falls)} "
                         f"fall by more than 0.5.")
        return text

    # ---- The whole report ------------------------------------------------------------

    def write(self, results):
        quick = self.machine.get("quick") == "1"
        mnist = bool(self.machine.get("mnist_dir"))
        self.lines = []
        self.add("## Claim 1: local rank falls in the final phase of training")
        self.add("")
        self.add("The paper (Patel and Shwartz-Ziv, 2024, Fig. 1): the local rank of every layer decreases "
                 "in the final phase of training, for a 3-layer MLP on Gaussian data and a 4-layer MLP on "
                 "MNIST. We train the presets `gaussian-mlp3` and `fashion-mlp4` (Fashion-MNIST, as Debian "
                 "ships it" + (", and `mnist-mlp4` on MNIST" if mnist else "; MNIST is not on this machine: "
                 "`MNIST_DIR=/path/to/mnist make paper` adds `mnist-mlp4`") + ") and read the local rank "
                 "of every layer at every checkpoint at ε = 1e-2 and 1e-3.")
        self.add("")
        self.add(f"How we read the curves: *peak* is the highest local rank over training (its first "
                 f"step), *final* the rank at the last checkpoint. The *final phase* is the last decade of "
                 f"training steps (the right-most decade of the log-scale plots); a layer *falls* there "
                 f"when its rank at the end is lower than at the start of that decade by more than "
                 f"{RANK_TOLERANCE} (or 1% of the rank, if larger), *rises* when higher by as much, and is "
                 f"*flat* otherwise. *Non-increasing from step s*: from the checkpoint of step s on, no "
                 f"checkpoint is more than {STEP_TOLERANCE} above the one before (— when the last "
                 f"checkpoint is above the one before it).")
        self.add("")
        self.mlp_run("gaussian-mlp3", "gaussian-mlp3 (3-layer MLP, Gaussian data)",
                     "Local rank of each layer of gaussian-mlp3 over training, ε = 1e-2 and 1e-3")
        self.mlp_run("fashion-mlp4", "fashion-mlp4 (4-layer MLP, Fashion-MNIST)",
                     "Local rank of each layer of fashion-mlp4 over training, ε = 1e-2 and 1e-3")
        if mnist and os.path.exists(os.path.join(self.out, "mnist-mlp4.json")):
            self.mlp_run("mnist-mlp4", "mnist-mlp4 (4-layer MLP, MNIST)",
                         "Local rank of each layer of mnist-mlp4 over training, ε = 1e-2 and 1e-3")
        claim1 = self.lines
        self.lines = []
        self.gaussian_sweep()
        claim2 = self.lines
        self.lines = []
        self.add("## Claim 3: on image data the local rank of the representation moves with β in phases")
        self.add("")
        self.add("The paper (Figs. 2–3): in a deep variational information bottleneck (DVIB) on MNIST the "
                 "local rank of the representation is tied to the trade-off β, with distinct phases "
                 "(plateaus and transitions) as β changes; a higher rank goes with more information "
                 "about the input kept, and the paper relates it to accuracy. We sweep `dvib-fashion` "
                 "with its preset settings (encoder 784-512-2K, K = 32, linear softmax decoder, "
                 "trained on all Fashion-MNIST training images)" + (" and `dvib-mnist`" if mnist else
                 " (`dvib-mnist` too when `MNIST_DIR` is set)") + " and report, per β, the local rank of "
                 "μ at ε = 0.1 and 1e-3 (ε = 0.1: a tenth of the noise's and the prior's standard "
                 "deviation of 1), the test accuracy (decoding μ; *sampled-z*: decoding one sample "
                 "z = μ + σ·ξ), and the KL term on the test set (an upper bound on I(X;Z) per example, "
                 "in nats).")
        self.add("")
        self.image_sweep("dvib-fashion", "dvib-fashion (Fashion-MNIST)")
        if mnist and os.path.exists(os.path.join(self.out, "dvib-mnist.csv")):
            self.image_sweep("dvib-mnist", "dvib-mnist (MNIST)")
        claim3 = self.lines

        self.lines = []
        self.add("# Results: the paper's claims, measured")
        self.add("")
        self.add("<!-- Generated by `make paper` (paper/make-paper.sh and paper/report.py): do not edit by hand. -->")
        self.add("")
        if quick:
            self.add("> **PAPER_QUICK=1 smoke run**: shortened training and few β. These numbers check the "
                     "pipeline only; they are not results.")
            self.add("")
        self.add("Patel and Shwartz-Ziv, \"Learning to Compress: Local Rank and Information Compression in "
                 "Deep Neural Networks\" (2024), make three claims that this toolkit can measure. Each "
                 "section below gives the claim, our figure, the numbers read from the tools' outputs "
                 "and the exact commands. Local rank here is the mean over the probe inputs of the number "
                 "of singular values of the layer's input Jacobian greater than ε.")
        self.add("")
        total = float(self.machine.get("total_seconds", "nan"))
        load = load_summary(self.out)
        if load:
            others = (f"Sampled every 5 s ({load['samples']} samples), other processes used "
                      f"{load['others_mean']:.0f}% of one core on average (at most {load['others_max']:.0f}%; "
                      f"at least half a core in {100 * load['busy_share']:.0f}% of the samples), these runs "
                      f"{load['ours_mean']:.0f}%; the busiest others: {load['busiest']}.")
        else:
            others = "Other processes were not sampled."
        self.add(f"Measured on {self.machine.get('date', '?')} at commit {self.machine.get('commit', '?')}, "
                 f"{self.machine.get('cores', '?')} cores, release build. All steps took **{total / 60:.1f} min** "
                 f"of wall time (training and analysis; each step's time is listed with its claim). "
                 f"Load average (1, 5, 15 min) at the start: {self.machine.get('load_start', '?')}; at the end: "
                 f"{self.machine.get('load_end', '?')}. {others} Training uses one core per run (a sweep "
                 f"trains two runs at once with `--jobs 2`; the analysis splits the probe inputs over both "
                 f"cores), so a step's CPU time well below its cores × wall time means it shared the machine.")
        self.add("")
        self.add("## Summary")
        self.add("")
        for line in self.headline:
            self.add(f"- {line}")
        self.add("")
        self.lines += claim1 + claim2 + claim3
        self.add("## Reproducing")
        self.add("")
        self.add("`make paper` rebuilds the release tools and runs `paper/make-paper.sh`, which trains "
                 "every run from scratch into `paper/out/` (run files, analysis caches, the JSON and CSV "
                 "the tools printed, logs and `steps.tsv` with each command's times), then runs "
                 "`paper/report.py` to write this file and copies the figures to `docs/figures/`. "
                 "Set `MNIST_DIR` to an MNIST IDX directory to add the MNIST runs.")
        self.add("")
        with open(results + ".tmp", "w") as f:
            f.write("\n".join(self.lines).rstrip() + "\n")
        os.replace(results + ".tmp", results)


def sample_load(root_pid, path, interval=5.0):
    """Every `interval` seconds appends to `path` the CPU use (in % of one core) of the processes
    descended from `root_pid` and of all others, with the busiest others by name, until
    `root_pid` is gone or the sampler is killed."""
    import time

    ticks = os.sysconf("SC_CLK_TCK")

    def snapshot():
        processes = {}
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat") as f:
                    data = f.read()
            except OSError:
                continue
            close = data.rindex(")")
            fields = data[close + 2:].split()
            processes[int(entry)] = (data[data.index("(") + 1:close], int(fields[1]),
                                     int(fields[11]) + int(fields[12]))
        return processes

    def ours(pid, processes):
        for _ in range(64):
            if pid == root_pid:
                return True
            if pid not in processes:
                return False
            pid = processes[pid][1]
        return False

    with open(path, "w") as f:
        f.write("time\tours_percent\tothers_percent\tbusiest_others\n")
    before, then = snapshot(), time.monotonic()
    while os.path.exists(f"/proc/{root_pid}"):
        time.sleep(interval)
        after, now = snapshot(), time.monotonic()
        elapsed = now - then
        mine, others, by_name = 0.0, 0.0, {}
        for pid, (name, _, cpu) in after.items():
            used = 100.0 * (cpu - before[pid][2]) / ticks / elapsed if pid in before else 0.0
            if used <= 0:
                continue
            if ours(pid, after):
                mine += used
            else:
                others += used
                by_name[name] = by_name.get(name, 0.0) + used
        busiest = ",".join(f"{n}:{u:.0f}" for n, u in sorted(by_name.items(), key=lambda x: -x[1])[:4] if u >= 5)
        with open(path, "a") as f:
            f.write(f"{time.time():.0f}\t{mine:.1f}\t{others:.1f}\t{busiest}\n")
        before, then = after, now


def load_summary(out):
    """What else used the CPU while make-paper.sh ran, from load.tsv."""
    path = os.path.join(out, "load.tsv")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    if not rows:
        return None
    others = [float(r["others_percent"]) for r in rows]
    ours = [float(r["ours_percent"]) for r in rows]
    names = {}
    for r in rows:
        for item in filter(None, (r["busiest_others"] or "").split(",")):
            name, used = item.rsplit(":", 1)
            names[name] = names.get(name, 0.0) + float(used) / len(rows)
    busiest = sorted(names.items(), key=lambda x: -x[1])[:4]
    busy_share = sum(o >= 50 for o in others) / len(others)
    return {
        "samples": len(rows), "others_mean": sum(others) / len(others), "others_max": max(others),
        "ours_mean": sum(ours) / len(ours), "busy_share": busy_share,
        "busiest": ", ".join(f"{n} ({u:.0f}% of a core on average)" for n, u in busiest)
                   or "none above 5% of a core in any sample",
    }


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "sample-load":
        sampler = argparse.ArgumentParser(prog="report.py sample-load")
        sampler.add_argument("--pid", type=int, required=True)
        sampler.add_argument("--to", required=True)
        sampler.add_argument("--interval", type=float, default=5.0)
        options = sampler.parse_args(sys.argv[2:])
        try:
            sample_load(options.pid, options.to, options.interval)
        except KeyboardInterrupt:
            pass
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default="paper/out", help="make-paper.sh's scratch directory")
    parser.add_argument("--results", default="docs/results.md", help="the Markdown file to write")
    parser.add_argument("--figures-link", default="figures", help="the figures' directory relative to --results")
    args = parser.parse_args()
    Report(args.out, args.figures_link).write(args.results)
    print(f"report.py: wrote {args.results}", file=sys.stderr)


if __name__ == "__main__":
    main()
