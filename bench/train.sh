#!/usr/bin/env bash
# Training throughput, side by side: lr-train vs the JAX reference (bench/reference_train.py).
#
#   bash bench/train.sh            # or: make bench
#
# Rows:
#   fashion shape   784,200,200,200,200,10, AdamW lr 1e-4 wd 0.01, batch 64, classification
#   gaussian shape  32,100,100,32 (lr-train --preset gaussian-mlp3), Adam lr 1e-3, batch 64, regression
#   checkpointing   lr-train --preset fashion-mlp4 for OVERHEAD_STEPS steps: wall time of the whole
#                   command with --checkpoints log:60 (weights and probe activations) vs
#                   --checkpoints none, as an overhead percentage
#   sweep           two fashion-mlp4 runs of SWEEP_STEPS steps (seeds 0 and 1, log:10): the whole
#                   `lr-train sweep --seeds 0-1` with --jobs at its default vs the two runs one
#                   after the other with --threads 1, as a speed-up (wall times)
#   full run        (FULL_STEPS > 0 only) lr-train --preset fashion-mlp4 --steps FULL_STEPS
#                   --checkpoints log:50, checkpoints included: its wall time, once
# steps/s: ours is lr-train's own figure (training steps only); JAX's excludes compilation
# and warm-up. The JAX reference runs twice: one jitted call per step (the figure the ratio
# is taken against: how a Python user writes it) and one lax.scan per epoch (its best case).
# Every figure is a median over REPEATS runs.
#
# Environment: STEPS (2000), OVERHEAD_STEPS (20000), REPEATS (3), PYTHON (python3),
#   BIN_DIR (.build/release), BUILD (1: swift build first; 0: use the binaries as they are),
#   THREADS (lr-train --threads; default: lr-train's, every core), SWEEP_STEPS (5000), FULL_STEPS (0: skip; the
#   issue's figure is 1000000, about 12 minutes).
# Our fashion rows train on Fashion-MNIST's 1000-image subset (--preset fashion-mlp4); the
# reference on random data of the same shape: the cost of a step does not depend on the data.
# The environment (OPENBLAS_CORETYPE and the like) is left as it is.
set -euo pipefail
cd "$(dirname "$0")/.."

STEPS=${STEPS:-2000}
OVERHEAD_STEPS=${OVERHEAD_STEPS:-20000}
REPEATS=${REPEATS:-3}
PYTHON=${PYTHON:-python3}
BIN_DIR=${BIN_DIR:-.build/release}
BUILD=${BUILD:-1}
THREADS=${THREADS:-}
FULL_STEPS=${FULL_STEPS:-0}
SWEEP_STEPS=${SWEEP_STEPS:-5000}
FASHION=784,200,200,200,200,10
GAUSS=32,100,100,32

lib() { "$PYTHON" bench/benchlib.py "$@"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/lr-bench-train.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

if [ "$BUILD" = 1 ]; then
    swift build -c release --product lr-train
fi
LR_TRAIN="$BIN_DIR/lr-train"
[ -x "$LR_TRAIN" ] || { echo "train.sh: $LR_TRAIN not found (build with: swift build -c release --product lr-train)" >&2; exit 1; }
THREAD_FLAGS=()
[ -n "$THREADS" ] && THREAD_FLAGS=(--threads "$THREADS")

# ours NAME ARGS...: run lr-train REPEATS times; sets ${NAME}_rates and ${NAME}_walls (space-separated).
ours() {
    local name=$1; shift
    local rates="" walls="" r wall
    for r in $(seq "$REPEATS"); do
        wall=$(lib time "$WORK/out.txt" "$WORK/err.txt" -- "$LR_TRAIN" "$@" "${THREAD_FLAGS[@]}" --quiet \
            --out "$WORK/run.h5" --force --summary-json "$WORK/summary.json")
        rate=$(lib json "$WORK/summary.json" steps_per_second)
        rates="$rates $rate"
        walls="$walls $wall"
        echo "  ours $name #$r: $rate steps/s, ${wall} s wall" >&2
    done
    printf -v "${name}_rates" '%s' "$rates"
    printf -v "${name}_walls" '%s' "$walls"
}

# jax NAME LOOP ARGS...: reference_train.py with REPEATS repeats; sets ${NAME}_${LOOP} (median steps/s).
jax() {
    local name=$1 loop=$2; shift 2
    "$PYTHON" bench/reference_train.py --steps "$STEPS" --batch 64 --repeats "$REPEATS" --loop "$loop" "$@" > "$WORK/jax.json"
    printf -v "${name}_${loop}" '%s' "$(lib json "$WORK/jax.json" median_steps_per_second)"
    echo "  jax  $name ($loop): $(lib json "$WORK/jax.json" seconds) s per repeat" >&2
}

start_load=$(load)
echo "training benchmark: $STEPS steps, medians of $REPEATS runs, $(nproc) cores, load average $start_load" >&2
FASHION_JAX=(--layers "$FASHION" --task classification --optimizer adamw --lr 1e-4 --weight-decay 0.01 --activation relu)
GAUSS_JAX=(--layers "$GAUSS" --task regression --optimizer adam --lr 1e-3 --weight-decay 0 --activation relu)
ours fashion --preset fashion-mlp4 --steps "$STEPS" --checkpoints none --no-activations
jax fashion step "${FASHION_JAX[@]}"
jax fashion scan "${FASHION_JAX[@]}"
ours gauss --preset gaussian-mlp3 --steps "$STEPS" --checkpoints none
jax gauss step "${GAUSS_JAX[@]}"
jax gauss scan "${GAUSS_JAX[@]}"
ours none --preset fashion-mlp4 --steps "$OVERHEAD_STEPS" --checkpoints none --no-activations
ours ckpt --preset fashion-mlp4 --steps "$OVERHEAD_STEPS" --checkpoints log:60

# The sweep row: REPEATS times, the sweep at its default --jobs, then the same two runs in turn.
SWEEP_RUN=(--preset fashion-mlp4 --steps "$SWEEP_STEPS" --checkpoints log:10 --quiet)
sweep_walls="" serial_walls=""
for r in $(seq "$REPEATS"); do
    rm -rf "$WORK/sweep"
    wall=$(lib time "$WORK/out.txt" "$WORK/err.txt" -- "$LR_TRAIN" sweep "${SWEEP_RUN[@]}" --seeds 0-1 --out "$WORK/sweep")
    sweep_walls="$sweep_walls $wall"
    serial=0
    for seed in 0 1; do
        one=$(lib time "$WORK/out.txt" "$WORK/err.txt" -- "$LR_TRAIN" "${SWEEP_RUN[@]}" --seed "$seed" --threads 1 \
            --out "$WORK/serial.h5" --force)
        serial=$(lib sum "$serial" "$one")
    done
    serial_walls="$serial_walls $serial"
    echo "  sweep #$r: ${wall} s with --jobs at its default, ${serial} s one after the other" >&2
done

fashion_ours=$(lib median $fashion_rates)
gauss_ours=$(lib median $gauss_rates)
none_wall=$(lib median $none_walls)
log_wall=$(lib median $ckpt_walls)

if [ "$FULL_STEPS" -gt 0 ]; then
    echo "  full run: lr-train --preset fashion-mlp4 --steps $FULL_STEPS --checkpoints log:50 ..." >&2
    full_wall=$(lib time "$WORK/out.txt" "$WORK/err.txt" -- "$LR_TRAIN" --preset fashion-mlp4 --steps "$FULL_STEPS" \
        --checkpoints log:50 "${THREAD_FLAGS[@]}" --quiet --out "$WORK/full.h5" --force --summary-json "$WORK/full.json")
    full_rate=$(lib json "$WORK/full.json" steps_per_second)
fi

echo
echo "Training throughput ($STEPS steps, batch 64, float32, medians of $REPEATS; lr-train threads: ${THREADS:-default})"
printf '%-40s %12s %12s %9s %14s %10s\n' "" "ours steps/s" "JAX steps/s" "ours/JAX" "JAX scan st/s" "ours/scan"
printf '%-40s %12s %12s %8sx %14s %9sx\n' "fashion shape 784-200x4-10, AdamW" "$fashion_ours" "$fashion_step" \
    "$(lib div "$fashion_ours" "$fashion_step")" "$fashion_scan" "$(lib div "$fashion_ours" "$fashion_scan")"
printf '%-40s %12s %12s %8sx %14s %9sx\n' "gaussian shape 32-100-100-32, Adam" "$gauss_ours" "$gauss_step" \
    "$(lib div "$gauss_ours" "$gauss_step")" "$gauss_scan" "$(lib div "$gauss_ours" "$gauss_scan")"
echo
printf '%-40s %12s %12s %12s\n' "" "none, s" "log:60, s" "overhead"
printf '%-40s %12s %12s %11s%%\n' "checkpoints, fashion-mlp4, $OVERHEAD_STEPS steps" "$none_wall" "$log_wall" "$(lib overhead "$none_wall" "$log_wall")"
printf '%-40s %12s %12s %12s\n' "" "in turn, s" "sweep, s" "speed-up"
sweep_wall=$(lib median $sweep_walls)
serial_wall=$(lib median $serial_walls)
printf '%-40s %12s %12s %11sx\n' "2 runs, fashion-mlp4, $SWEEP_STEPS steps" "$serial_wall" "$sweep_wall" "$(lib div "$serial_wall" "$sweep_wall")"
if [ "$FULL_STEPS" -gt 0 ]; then
    printf '%-40s %12s %12s\n' "" "wall, s" "steps/s"
    printf '%-40s %12s %12s\n' "fashion-mlp4, $FULL_STEPS steps, log:50" "$full_wall" "$full_rate"
fi
echo "(ours: lr-train's own steps/s; JAX: bench/reference_train.py, compile and warm-up excluded, one jitted"
echo " call per step, and one lax.scan per epoch; checkpoint overhead and full run: wall time of the whole"
echo " lr-train command; load average $start_load at the start, $(load) at the end)"
