"""Claims 2 and 3's sections: the DVIB β sweeps (`lr-analyze --by beta --checkpoints last`)."""

import math

from . import claims
from .claims import rho_text
from .load import layer_columns, read_beta_csv, read_json
from .markdown import eps_label, fmt, fmt_step
from .statistics import spearman

# A change of rank of μ between neighbouring β smaller than this is not called a step.
RANK_TOLERANCE = 0.5
# A rank whose range over the sweep is under this is constant.
CONSTANT_RANGE = 0.05


def fmt_beta(beta):
    return f"{beta:.3g}"


def spans(betas, indices):
    """Runs of neighbouring β among `indices`, as 'a–b' or 'a'."""
    groups = []
    for i in indices:
        if groups and i == groups[-1][-1] + 1:
            groups[-1].append(i)
        else:
            groups.append([i])
    return ", ".join(fmt_beta(betas[g[0]]) if len(g) == 1 else f"{fmt_beta(betas[g[0]])}–{fmt_beta(betas[g[-1]])}"
                     for g in groups)


def describe_phases(betas, rank, accuracy, width):
    """Regimes and steps of the rank of μ along β, and how accuracy moves with them."""

    def describe(label, indices):
        if not indices:
            return None
        ranks = [rank[i] for i in indices]
        accs = [100 * accuracy[i] for i in indices]
        if len(indices) == 1:
            return f"{label}: β = {spans(betas, indices)} (1 run), rank {fmt(ranks[0])}, accuracy {accs[0]:.1f}%"
        return (f"{label}: β = {spans(betas, indices)} ({len(indices)} runs), rank "
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
            text += f" The rank does not rise with β anywhere (by more than {RANK_TOLERANCE})."
        else:
            text += (f" The rank rises with β (by more than {RANK_TOLERANCE}) between " + "; ".join(
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
                     f"fall by more than {RANK_TOLERANCE}.")
    return text


def claim3_reading(eps, betas, rank, accuracy, rho_kl, rho_acc, width):
    """The plain answer to Claim 3 at the primary ε, from the numbers."""
    n = len(rank)
    best = max(range(n), key=lambda i: accuracy[i])
    worst = min(range(n), key=lambda i: accuracy[i])
    lowest = min(range(n), key=lambda i: rank[i])
    rest = [i for i in range(n) if i != lowest]
    if max(rank) - min(rank) < CONSTANT_RANGE:
        return (f"*What we see at ε = {eps_label(eps)}*: the rank of μ is {fmt(rank[0])} at every β, so it does "
                f"not move with β, and neither the KL term nor accuracy (here {100 * min(accuracy):.1f}–"
                f"{100 * max(accuracy):.1f}%) can be ranked against it.")
    if max(rank) - min(rank) <= RANK_TOLERANCE:
        return (f"*What we see at ε = {eps_label(eps)}*: the rank of μ stays within {fmt(min(rank))}–"
                f"{fmt(max(rank))} across the sweep, a change of at most {RANK_TOLERANCE}, while accuracy ranges "
                f"over {100 * min(accuracy):.1f}–{100 * max(accuracy):.1f}%: too small a change of the rank to read "
                "a relation with β, the KL term or accuracy from the Spearman correlations above.")
    parts = [f"*What we see at ε = {eps_label(eps)}*: the rank of μ "
             + ("moves with β" if max(rank) - min(rank) > 0.1 * width else "barely moves with β")
             + f" ({fmt(max(rank))} to {fmt(min(rank))} across the sweep)"
             + (f"; the test KL term {claims.direction(rho_kl)} it (Spearman {rho_text(rho_kl)})." if rho_kl is not None
                else "; the test KL term is the same at every β.")]
    if rho_acc is not None:
        parts.append(f"Accuracy {claims.direction(rho_acc)} the rank (Spearman {rho_text(rho_acc)}): it is highest, "
                     f"{100 * accuracy[best]:.1f}%, at β = {fmt_beta(betas[best])} (rank {fmt(rank[best])}) and "
                     f"lowest, {100 * accuracy[worst]:.1f}%, at β = {fmt_beta(betas[worst])} (rank "
                     f"{fmt(rank[worst])}).")
        if len(rest) > 1:
            accs = [100 * accuracy[i] for i in rest]
            parts.append(f"Leaving out the run of lowest rank (β = {fmt_beta(betas[lowest])}), accuracy stays "
                         f"within {min(accs):.1f}–{max(accs):.1f}% while the rank spans "
                         f"{fmt(min(rank[i] for i in rest))}–{fmt(max(rank[i] for i in rest))}.")
        if rho_acc > 0:
            parts.append("So we do not see accuracy fall as the rank grows: overall, a higher rank of μ "
                         "goes with higher accuracy here.")
        elif rho_acc < 0:
            parts.append("So accuracy falls as the rank grows here.")
    else:
        parts.append("Accuracy is the same at every β, so it cannot be ranked against the rank.")
    return " ".join(parts)


class DVIBRenderer:
    def __init__(self, doc, outputs, headline):
        self.doc = doc
        self.outputs = outputs
        self.headline = headline

    def sweep_settings_text(self, name):
        manifest = self.outputs.manifest(name)
        settings = self.outputs.settings_of(name)
        runs = len(manifest["runs"]) if manifest else "?"
        return (f"{runs} β, one run each (seed {settings.get('seed', '?')}), {fmt_step(float(settings.get('steps', 'nan')))} "
                f"steps, batch {settings.get('batch_size', '?')}, {settings.get('optimizer', '?').replace('adam', 'Adam')} "
                f"with learning rate {settings.get('learning_rate', '?')}, {settings.get('probe', '?')} probe inputs")

    # ---- Claim 2 -------------------------------------------------------------------------

    def claim2(self):
        doc, outputs = self.doc, self.outputs
        if not outputs.exists("dvib-gaussian.csv"):
            return
        by_eps = read_beta_csv(outputs.path("dvib-gaussian.csv"))
        theory = read_json(outputs.path("dvib-gaussian-theory.json"))
        epsilons = sorted(by_eps, reverse=True)
        first = by_eps[epsilons[0]]
        mu = layer_columns(first[0])[-1]
        width = theory["input_dimensions"]
        doc.add("## Claim 2: the Gaussian information bottleneck's rank steps at the critical β")
        doc.add("")
        doc.paragraph(
            "The paper's theory: for jointly Gaussian (X, Y) the optimal encoder of the information bottleneck is "
            "linear, and its rank steps up by one at each critical trade-off β_i (Chechik, Globerson, Tishby and "
            f"Weiss, 2005, on which the paper builds). We train `dvib-gaussian` (a DVIB with a linear encoder, "
            f"n_x = n_y = K = {width}) at {len(first)} values of β and compare the local rank of μ at the last "
            "checkpoint with `theory_rank`, the optimal encoder's rank at that β computed by `lr-analyze` from "
            "the run's joint covariance.")
        doc.paragraph(f"Settings: {self.sweep_settings_text('dvib-gaussian')}.")
        doc.paragraph(
            "Our β weighs the KL term (loss = task + β·KL): it is 1/β_IB of min I(X;T) − β_IB·I(T;Y). Component i "
            "is present when β < 1 − λ_i (ours), i.e. β_IB > 1/(1 − λ_i). We read the rank at ε = 0.1 alongside "
            "ε = 1e-3: the noise added to μ (and the prior) has standard deviation 1, so a direction of μ whose "
            "Jacobian singular value is well below 1 — a tenth of it at ε = 0.1 — carries almost no information "
            "about x; ε = 1e-3 counts such nearly-shut directions too.")
        doc.figure("dvib-gaussian-rank-vs-beta.svg",
                   "Local rank of μ against β for dvib-gaussian, with the theory's optimal encoder rank and critical β")
        lam, crit, crit_ib = theory["eigenvalues"], theory["critical_beta_compression"], theory["critical_beta_ib"]
        doc.paragraph("The theory (`lr-analyze theory`): eigenvalues λ_i of Σ_{x|y}Σ_x⁻¹ and critical values.")
        doc.table(["i", "λ_i", "β_i (IB, β_IB > β_i)", "β_i (ours, β < β_i)"],
                  [[i, f"{l:.4f}", f"{c_ib:.4g}", f"{c:.4g}"] for i, (l, c_ib, c) in enumerate(zip(lam, crit_ib, crit), 1)],
                  "rrrr")
        rows = []
        for i, row in enumerate(first):
            rows.append([fmt_beta(row["beta"]), f"{row['test_kl']:.3f}", f"{row['test_task_loss']:.4f}"]
                        + [fmt(by_eps[e][i][mu]) for e in epsilons] + [int(row["theory_rank"])])
        doc.table(["β", "test KL", "test task loss"] + [f"rank of μ, ε = {eps_label(e)}" for e in epsilons] + ["theory rank"],
                  rows, "r" * (4 + len(epsilons)))
        agreements = {}
        for e in epsilons:
            rows_e = by_eps[e]
            measured = [r[mu] for r in rows_e]
            predicted = [int(r["theory_rank"]) for r in rows_e]
            betas = [r["beta"] for r in rows_e]
            a = claims.theory_agreement(measured, predicted)
            agreements[e] = a
            rho_kl = spearman(measured, [r["test_kl"] for r in rows_e])
            text = (f"At ε = {eps_label(e)} the measured rank of μ equals the theory's (to the nearest integer) at "
                    f"**{a['exact']} of {a['n']}** β and is within one at {a['within_one']} of {a['n']}; "
                    f"Spearman(measured, theory) = {rho_text(a['rho'])}, Spearman(rank of μ, test KL) = "
                    f"{rho_text(rho_kl)}.")
            if a["differ"]:
                text += (" It differs at " + "; ".join(
                    f"β = {fmt_beta(betas[i])}: {fmt(measured[i])} vs {predicted[i]}" for i in a["differ"])
                    + f" (measured above the theory at {a['above']} of these, below at {len(a['differ']) - a['above']}).")
            doc.paragraph(text)
        coarse = epsilons[0]
        self.headline.append(
            f"Claim 2, dvib-gaussian ({len(first)} β): the rank of μ at ε = {eps_label(coarse)} equals the Gaussian "
            f"IB's optimal rank at {agreements[coarse]['exact']} of {agreements[coarse]['n']} β, within one at "
            f"{agreements[coarse]['within_one']}" + "".join(
                f"; at ε = {eps_label(e)}: {agreements[e]['exact']} of {agreements[e]['n']}" for e in epsilons[1:]) + ".")
        rows_c = by_eps[coarse]
        betas = [r["beta"] for r in rows_c]
        measured = [r[mu] for r in rows_c]
        predicted = [int(r["theory_rank"]) for r in rows_c]
        drops = [f"between β = {fmt_beta(betas[i])} and {fmt_beta(betas[i + 1])} ({fmt(measured[i])} → {fmt(measured[i + 1])})"
                 for i in range(len(rows_c) - 1) if measured[i + 1] < measured[i] - RANK_TOLERANCE]
        theory_drops = [f"between β = {fmt_beta(betas[i])} and {fmt_beta(betas[i + 1])} ({predicted[i]} → {predicted[i + 1]})"
                        for i in range(len(rows_c) - 1) if predicted[i + 1] < predicted[i]]
        inside = sorted(c for c in crit if betas[0] <= c <= betas[-1])
        doc.paragraph(f"At ε = {eps_label(coarse)} the measured rank steps down " + ("; ".join(drops) or "nowhere")
                      + "; the theory's rank steps down " + ("; ".join(theory_drops) or "nowhere")
                      + f". The theory puts {len(inside)} critical values inside the swept range"
                      + (": " + ", ".join(fmt_beta(c) for c in inside) if inside else "")
                      + " (several may fall between the same two neighbouring β of the sweep).")
        for e in epsilons:
            values = [r[mu] for r in by_eps[e]]
            if e != coarse and max(values) - min(values) < CONSTANT_RANGE:
                doc.paragraph(f"At ε = {eps_label(e)} the rank of μ is {fmt(values[0])} at every β: the directions that "
                              f"ε = {eps_label(coarse)} no longer counts keep singular values between {eps_label(e)} and "
                              f"{eps_label(coarse)}; the KL term shrinks them far below the noise scale but not to zero.")
        doc.commands(["dvib-gaussian-sweep", "dvib-gaussian-analyze", "dvib-gaussian-theory"])

    # ---- Claim 3 -------------------------------------------------------------------------

    def claim3(self):
        doc, outputs = self.doc, self.outputs
        doc.add("## Claim 3: on image data the local rank of the representation moves with β in phases")
        doc.add("")
        doc.paragraph(
            "The paper (Figs. 2–3): in a deep variational information bottleneck (DVIB) on MNIST the local rank of "
            "the representation is tied to the trade-off β, with distinct phases (plateaus and transitions) as β "
            "changes; a higher rank goes with more information about the input kept, and the paper relates it to "
            "accuracy. We sweep `dvib-fashion` with its preset settings (encoder 784-512-2K, K = 32, linear "
            "softmax decoder, trained on all Fashion-MNIST training images) and `dvib-mnist` (the same on "
            + ("MNIST from `MNIST_DIR`" if outputs.mnist else "the 4 000 training images of the MNIST sample; the "
               "preset's 12 000 steps are 300 epochs of them") + ")"
            + " and report, per β, the local rank of μ at ε = 0.1 and 1e-3 (ε = 0.1: a tenth of the noise's and "
            "the prior's standard deviation of 1), the test accuracy (decoding μ; *sampled-z*: decoding one sample "
            "z = μ + σ·ξ), and the KL term on the test set (an upper bound on I(X;Z) per example, in nats).")
        if outputs.ran("claim3"):
            self.image_sweep("dvib-fashion", "dvib-fashion (Fashion-MNIST)")
        if outputs.ran("mnist"):
            self.image_sweep("dvib-mnist", "dvib-mnist (MNIST)" if outputs.mnist else "dvib-mnist (the MNIST sample)")

    def image_sweep(self, name, title):
        doc, outputs = self.doc, self.outputs
        doc.add(f"### {title}")
        doc.add("")
        if not outputs.exists(name + ".csv"):
            doc.paragraph(f"*({name}.csv was not produced.)*")
            return
        by_eps = read_beta_csv(outputs.path(name + ".csv"))
        epsilons = sorted(by_eps, reverse=True)
        first = by_eps[epsilons[0]]
        layers = layer_columns(first[0])
        mu = layers[-1]
        width = None
        if outputs.exists(name + "-mu.json"):
            width = next((l["width"] for l in read_json(outputs.path(name + "-mu.json"))["layers"] if l["name"] == "mu"), None)
        if width is None:
            width = round(max(r[mu] for rows in by_eps.values() for r in rows))
        doc.figure(f"{name}-rank-vs-beta.svg", f"Local rank of μ and test accuracy against β for {name}")
        doc.paragraph(f"Settings: {self.sweep_settings_text(name)}. Each run at its last checkpoint "
                      f"(step {fmt_step(first[0]['step'])}); μ is K = {width} wide.")
        hidden = [l.replace("layer_", "layer ") for l in layers[:-1]]
        rows = []
        for i, row in enumerate(first):
            sampled = row.get("test_accuracy_sampled")
            rows.append([fmt_beta(row["beta"]), f"{100 * row['test_accuracy']:.2f}%",
                         f"{100 * sampled:.2f}%" if sampled is not None else "–", f"{row['test_kl']:.2f}",
                         f"{row['test_task_loss']:.4f}"]
                        + [fmt(by_eps[e][i][mu]) for e in epsilons]
                        + [fmt(by_eps[epsilons[-1]][i][l]) for l in layers[:-1]])
        doc.table(["β", "test accuracy", "sampled-z accuracy", "test KL", "test task loss"]
                  + [f"rank of μ, ε = {eps_label(e)}" for e in epsilons]
                  + [f"encoder {h}, ε = {eps_label(epsilons[-1])}" for h in hidden],
                  rows, "r" * (5 + len(epsilons) + len(hidden)))
        for e in epsilons:
            rows_e = by_eps[e]
            betas = [r["beta"] for r in rows_e]
            rank = [r[mu] for r in rows_e]
            accuracy = [r["test_accuracy"] for r in rows_e]
            kl = [r["test_kl"] for r in rows_e]
            rho_kl, rho_acc = spearman(rank, kl), spearman(rank, accuracy)
            doc.paragraph(f"**At ε = {eps_label(e)}**: Spearman(rank of μ, test KL) = **{rho_text(rho_kl)}**, "
                          f"Spearman(rank of μ, test accuracy) = **{rho_text(rho_acc)}** "
                          f"(Spearman(test accuracy, test KL) = {rho_text(spearman(accuracy, kl))}). "
                          + describe_phases(betas, rank, accuracy, width))
            if e == epsilons[0]:
                doc.paragraph(claim3_reading(e, betas, rank, accuracy, rho_kl, rho_acc, width))
                fine = [r[mu] for r in by_eps[epsilons[-1]]]
                self.headline.append(
                    f"Claim 3, {name} ({len(rows_e)} β): from β = {fmt_beta(betas[0])} to {fmt_beta(betas[-1])} the "
                    f"rank of μ (ε = {eps_label(e)}, K = {width}) goes {fmt(rank[0])} → {fmt(rank[-1])}, test accuracy "
                    f"{100 * accuracy[0]:.1f}% → {100 * accuracy[-1]:.1f}%, test KL {kl[0]:.1f} → {kl[-1]:.2f} nats; "
                    f"Spearman(rank, KL) = {rho_text(rho_kl)}, Spearman(rank, accuracy) = {rho_text(rho_acc)}"
                    + (f" (the rank changes by {fmt(max(rank) - min(rank))} at most, too little to read them). "
                       if max(rank) - min(rank) <= RANK_TOLERANCE else ". ")
                    +
                    f"At ε = {eps_label(epsilons[-1])} the rank of μ "
                    + (f"is {fmt(fine[0])} at every β." if max(fine) - min(fine) < CONSTANT_RANGE else
                       f"stays between {fmt(min(fine))} and {fmt(max(fine))} at every β."))
        doc.commands([f"{name}-sweep", f"{name}-analyze", f"{name}-plot"])
