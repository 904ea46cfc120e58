#!/usr/bin/env bash
# make paper's information-plane section, runnable alone:
#
#   make paper-information        # or: bash paper/information-plane.sh
#
# ib-12bit (tanh and ReLU, 3 seeds; Saxe et al.'s settings, README "Presets") trained into
# $OUT/ib-12bit/; the information plane of each activation with binning (30 bins) and kde
# (s² = 0.1) beside the local rank (ε = 1e-3) of the same checkpoints; and
# $DOCS/information-plane.md answering, per setting and layer, whether I(X;T) falls after
# its peak when local rank falls (paper/report/information.py states the rule).
# About 6 runs × 10⁵ steps (≈ 3.5 CPU-min each) plus the kde analysis (≈ 40 CPU-s per run).
#
# Environment: PAPER_OUT (paper/out-information; make-paper.sh passes its own), PAPER_DOCS
#   (docs), IB_SEEDS (0-2), IB_ARGS (extra lr-train flags, e.g. "--steps 20000" for a quick
#   look), LOCAL_RANK_BIN, PYTHON.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=${PAPER_OUT:-paper/out-information}
DOCS=${PAPER_DOCS:-docs}
SEEDS=${IB_SEEDS:-0-2}
read -r -a EXTRA <<< "${IB_ARGS:-}"
PYTHON=${PYTHON:-python3}
BIN=${LOCAL_RANK_BIN:-.build/release}
export PATH="$BIN:$PATH"
mkdir -p "$OUT/figures" "$DOCS/figures"

echo "[paper] lr-train sweep --preset ib-12bit --grid activation=tanh,relu --seeds $SEEDS ${EXTRA[*]}" >&2
rm -rf "$OUT/ib-12bit"
lr-train sweep --preset ib-12bit --grid activation=tanh,relu --seeds "$SEEDS" "${EXTRA[@]}" --jobs 2 --out "$OUT/ib-12bit/" --quiet
for estimator in binning kde; do
    echo "[paper] lr-analyze information $OUT/ib-12bit/*.h5 --by activation --estimator $estimator --plot-rank" >&2
    lr-analyze information "$OUT"/ib-12bit/*.h5 --by activation --estimator "$estimator" --format json \
        --plot "$OUT/figures/ib-12bit-plane-$estimator.svg" --plot-rank --eps 1e-3 --quiet > "$OUT/ib-12bit-$estimator.json"
done
lr-analyze "$OUT"/ib-12bit/*.h5 --by activation --eps 1e-3 --format json --quiet > "$OUT/ib-12bit-rank.json"
PYTHONPATH="paper${PYTHONPATH:+:$PYTHONPATH}" "$PYTHON" -m report.information --binning "$OUT/ib-12bit-binning.json" \
    --kde "$OUT/ib-12bit-kde.json" --rank "$OUT/ib-12bit-rank.json" --figures-link figures --out "$DOCS/information-plane.md"
cp "$OUT"/figures/ib-12bit-plane-*.svg "$DOCS/figures/"
echo "[paper] wrote $DOCS/information-plane.md and $DOCS/figures/ib-12bit-plane-{binning,kde}.svg" >&2
