#!/usr/bin/env bash
# Checkpoint overhead of the paper preset's own schedule (issue 25): the whole
# `lr-train --preset fashion-mlp4-paper --steps STEPS` command (its log:50 schedule, 48
# checkpoints over 10^5 steps, each with the train/test metrics and the probe's
# activations) against the same run with --checkpoints none. Target: ≤ 10% more wall time.
#
#   bash bench/checkpoints.sh
#
# Prints, per run, the wall time of the whole command and lr-train's steps/s (training steps
# only), and the overhead of the schedule as the ratio of the median wall times. Also prints
# the load average before and after: other work on the machine changes every figure.
# Environment: STEPS (100000), REPEATS (1), BIN_DIR (.build/release), BUILD (1: swift build
# first), EVAL (lr-train --eval-examples; default: lr-train's).
set -euo pipefail
cd "$(dirname "$0")/.."

STEPS=${STEPS:-100000}
REPEATS=${REPEATS:-1}
BIN_DIR=${BIN_DIR:-.build/release}
BUILD=${BUILD:-1}
EVAL=${EVAL:-}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/lr-bench-checkpoints.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
[ "$BUILD" = 1 ] && swift build -c release --product lr-train
EXTRA=()
[ -n "$EVAL" ] && EXTRA=(--eval-examples "$EVAL")

# run NAME ARGS...: one run; prints "NAME wall_seconds steps_per_second checkpoints".
run() {
    local name=$1; shift
    "$BIN_DIR/lr-train" --preset fashion-mlp4-paper --steps "$STEPS" --out "$WORK/$name.h5" --force --quiet \
        --summary-json "$WORK/$name.json" "${EXTRA[@]}" "$@" 2>/dev/null
    python3 -c "import json,sys; s=json.load(open(sys.argv[1])); print(sys.argv[2], s['wall_seconds'], s['steps_per_second'], s['checkpoints'])" \
        "$WORK/$name.json" "$name"
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$REPEATS"); do
    run schedule
    run none --checkpoints none
done | tee "$WORK/rows"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$WORK/rows" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
wall = {name: statistics.median(float(r[1]) for r in rows if r[0] == name) for name in ("schedule", "none")}
rate = {name: statistics.median(float(r[2]) for r in rows if r[0] == name) for name in ("schedule", "none")}
checkpoints = next(int(r[3]) for r in rows if r[0] == "schedule")
print(f"fashion-mlp4-paper, {checkpoints} checkpoints (its schedule) vs none: "
      f"{wall['schedule']:.1f} s vs {wall['none']:.1f} s wall, {rate['schedule']:.0f} vs {rate['none']:.0f} steps/s; "
      f"overhead {100 * (wall['schedule'] / wall['none'] - 1):+.1f}% (target <= 10%)")
PY
