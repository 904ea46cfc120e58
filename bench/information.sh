#!/usr/bin/env bash
# The information-plane estimators, side by side: `lr-analyze information` vs numpy
# (bench/reference_information.py: the same formulas as a researcher writes them in numpy).
#
#   bash bench/information.sh
#
# A synthetic run (bench/make_bench_run.py) of the ib-12bit shape 12-10-7-5-4-3-2, tanh,
# CHECKPOINTS checkpoints and PROBE probe inputs with labels: 6 layers per checkpoint.
# Rows, per estimator (binning: 30 bins; kde: s^2 = 0.1, upper and lower bounds):
#   ours   the whole `lr-analyze information RUN --estimator E --format json` command
#          (process start, reading the run, replaying the layers, estimating, writing the
#          estimates to a new analysis cache, printing), each repeat with a fresh cache;
#   rerun  the same command again on the cache it filled (nothing estimated; its output
#          is checked to be the same bytes);
#   numpy  reference_information.py's estimating time (reading the file excluded), on the
#          first REF_CHECKPOINTS checkpoints, scaled to CHECKPOINTS;
#   ratio  numpy / ours (target >= 5), and max |ours - numpy| of I(X;T) on the checkpoints
#          both computed (printed; the tests check agreement exactly).
# Every figure is a median over REPEATS runs.
#
# Environment: CHECKPOINTS (50), PROBE (4096), REF_CHECKPOINTS (binning: all; kde: 10),
#   REPEATS (3), PYTHON (python3), BIN_DIR (.build/release), BUILD (1: swift build first).
set -euo pipefail
cd "$(dirname "$0")/.."

CHECKPOINTS=${CHECKPOINTS:-50}
PROBE=${PROBE:-4096}
REF_KDE_CHECKPOINTS=${REF_CHECKPOINTS:-10}
REF_BINNING_CHECKPOINTS=${REF_CHECKPOINTS:-$CHECKPOINTS}
REPEATS=${REPEATS:-3}
PYTHON=${PYTHON:-python3}
BIN_DIR=${BIN_DIR:-.build/release}
BUILD=${BUILD:-1}

lib() { "$PYTHON" bench/benchlib.py "$@"; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/lr-bench-information.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
RUN="$WORK/run.h5"

if [ "$BUILD" = 1 ]; then
    swift build -c release --product lr-analyze
fi
LR_ANALYZE="$BIN_DIR/lr-analyze"
[ -x "$LR_ANALYZE" ] || { echo "information.sh: $LR_ANALYZE not found (build with: swift build -c release --product lr-analyze)" >&2; exit 1; }

"$PYTHON" bench/make_bench_run.py --layers 12,10,7,5,4,3,2 --activation tanh --task classification \
    --checkpoints "$CHECKPOINTS" --probe "$PROBE" --out "$RUN"
echo "information benchmark: 12-10-7-5-4-3-2 tanh, $CHECKPOINTS checkpoints x $PROBE probe inputs x 6 layers, medians of $REPEATS runs, $(nproc) cores" >&2

printf '%-9s %12s %12s %8s %10s %14s\n' estimator "ours (s)" "numpy (s)" ratio "rerun (s)" "max |diff|"
for estimator in binning kde; do
    if [ "$estimator" = kde ]; then ref_checkpoints=$REF_KDE_CHECKPOINTS; else ref_checkpoints=$REF_BINNING_CHECKPOINTS; fi
    ours="" numpy="" rerun=""
    for r in $(seq "$REPEATS"); do
        rm -f "$WORK/run.lr.h5"
        command=("$LR_ANALYZE" information "$RUN" --estimator "$estimator" --format json --quiet --cache "$WORK/run.lr.h5")
        ours+=" $(lib time "$WORK/ours.json" "$WORK/ours.err" -- "${command[@]}")"
        rerun+=" $(lib time "$WORK/rerun.json" "$WORK/rerun.err" -- "${command[@]}")"
        cmp -s "$WORK/ours.json" "$WORK/rerun.json" || { echo "information.sh: the rerun from the cache printed other bytes" >&2; exit 1; }
        "$PYTHON" bench/reference_information.py "$RUN" --estimator "$estimator" --checkpoints "$ref_checkpoints" --out "$WORK/numpy.json"
        numpy+=" $(lib json "$WORK/numpy.json" seconds)"
    done
    ours=$(lib median $ours)
    rerun=$(lib median $rerun)
    numpy=$(lib mul "$(lib median $numpy)" "$(lib div "$CHECKPOINTS" "$ref_checkpoints")")
    difference=$("$PYTHON" - "$WORK/ours.json" "$WORK/numpy.json" <<'EOF'
import json, sys
ours, numpy = (json.load(open(p)) for p in sys.argv[1:3])
print(max(abs(a - b) for c, r in zip(ours["checkpoints"], numpy["checkpoints"]) for a, b in zip(c["i_xt"], r["i_xt"])))
EOF
)
    printf '%-9s %12.2f %12.2f %7.1fx %10.2f %14.3g\n' "$estimator" "$ours" "$numpy" "$(lib div "$numpy" "$ours")" "$rerun" "$difference"
done
