"""The information-plane section: does I(X;T) fall after its peak when local rank falls?

Reads `lr-analyze information --by activation --format json` (one file per estimator) and
`lr-analyze --by activation --format json` (local rank of the same checkpoints) and writes
a markdown section. Per setting (activation x estimator) and layer, on the mean over seeds:

- I(X;T) *falls after its peak* when its final value is below its peak by more than
  max(0.05 bits, 2 x the seeds' std at the last step), the peak not being the last step;
- local rank *falls* when its final value is below its maximum by more than
  max(0.5, 2 x the seeds' std) (a count: half a dimension).
Saturated layers (I(X;T) within 1% of log2 N at the peak) are reported as such: their
estimate says nothing about compression.
"""
import argparse
import json

BITS_TOLERANCE = 0.05
RANK_TOLERANCE = 0.5


def fall_after_peak(steps, means, final_std, tolerance):
    """(peak step, peak, final, falls) of a mean curve."""
    peak_index = max(range(len(means)), key=lambda i: means[i])
    peak, final = means[peak_index], means[-1]
    falls = peak_index < len(means) - 1 and peak - final > max(tolerance, 2 * (final_std or 0))
    return steps[peak_index], peak, final, falls


def group_curves(grouped, key):
    """{activation: (steps, [layer] -> (means, final std))} of one quantity of a grouped JSON."""
    curves = {}
    for group in grouped["groups"]:
        activation = group["settings"]["activation"]
        checkpoints = group["checkpoints"]
        steps = [c["step"] for c in checkpoints]
        layers = len(checkpoints[0][key]) if key != "local_rank" else len(checkpoints[0][key][0])
        per_layer = []
        for layer in range(layers):
            values = [c[key][layer] if key != "local_rank" else c[key][0][layer] for c in checkpoints]
            per_layer.append(([v["mean"] for v in values], values[-1]["std"]))
        curves[activation] = (steps, per_layer)
    return curves


def saturated_at(grouped, activation, layer, step):
    for group in grouped["groups"]:
        if group["settings"]["activation"] == activation:
            for c in group["checkpoints"]:
                if c["step"] == step:
                    return c["saturated_runs"][layer] > 0
    return False


def section(estimates, rank, figures):
    """The markdown section. `estimates`: {estimator name: grouped information JSON}."""
    rank_curves = group_curves(rank, "local_rank")
    lines = ["## The information plane beside local rank (ib-12bit)", "",
             "Mean over seeds; I(X;T) in bits (kde: the upper bound); local rank at "
             f"ε = {rank['eps'][0]}. A fall is a drop from the peak larger than "
             f"{BITS_TOLERANCE} bits (local rank: {RANK_TOLERANCE}) and twice the seeds' std.", ""]
    for estimator, grouped in estimates.items():
        lines += [f"### {estimator}", ""]
        if estimator in figures:
            lines += [f"![Information plane of ib-12bit, {estimator}, beside local rank]({figures[estimator]})", ""]
        lines += ["| activation | layer | I(X;T) peak (step) | final | falls after peak | local rank max → final | falls | both |",
                  "|---|---|---|---|---|---|---|---|"]
        for activation, (steps, layers) in group_curves(grouped, "i_xt").items():
            rank_steps, rank_layers = rank_curves[activation]
            for layer, (means, std) in enumerate(layers):
                step, peak, final, falls = fall_after_peak(steps, means, std, BITS_TOLERANCE)
                saturated = saturated_at(grouped, activation, layer, step)
                r_means, r_std = rank_layers[layer]
                _, r_peak, r_final, r_falls = fall_after_peak(rank_steps, r_means, r_std, RANK_TOLERANCE)
                verdict = "saturated" if saturated else ("yes" if falls else "no")
                both = "seen" if (falls and r_falls and not saturated) else "not seen with these settings"
                lines.append(f"| {activation} | {layer} | {peak:.2f} ({step}) | {final:.2f} | {verdict} | "
                             f"{r_peak:.2f} → {r_final:.2f} | {'yes' if r_falls else 'no'} | {both} |")
        lines.append("")
    return "\n".join(lines) + "\n"


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--binning", required=True)
    p.add_argument("--kde", required=True)
    p.add_argument("--rank", required=True)
    p.add_argument("--figures-link", default="figures")
    p.add_argument("--out", required=True)
    a = p.parse_args()
    estimates = {name: json.load(open(path)) for name, path in (("binning", a.binning), ("kde", a.kde))}
    figures = {name: f"{a.figures_link}/ib-12bit-plane-{name}.svg" for name in estimates}
    with open(a.out, "w") as f:
        f.write(section(estimates, json.load(open(a.rank)), figures))


if __name__ == "__main__":
    main()
