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
# steps/s: ours is lr-train's own figure (training steps only); JAX's excludes compilation
# and warm-up. Every figure is a median over REPEATS runs.
#
# Environment: STEPS (2000), OVERHEAD_STEPS (20000), REPEATS (3), PYTHON (python3),
#   BIN_DIR (.build/release), BUILD (1: swift build first; 0: use the binaries as they are),
#   JAX_LOOP (step: one jitted call per update; scan: one lax.scan per epoch).
# Our fashion rows train on Fashion-MNIST's 1000-image subset (--preset fashion-mlp4); the
# reference on random data of the same shape: the cost of a step does not depend on the data.
set -euo pipefail
cd "$(dirname "$0")/.."

STEPS=${STEPS:-2000}
OVERHEAD_STEPS=${OVERHEAD_STEPS:-20000}
REPEATS=${REPEATS:-3}
PYTHON=${PYTHON:-python3}
BIN_DIR=${BIN_DIR:-.build/release}
BUILD=${BUILD:-1}
JAX_LOOP=${JAX_LOOP:-step}
FASHION=784,200,200,200,200,10
GAUSS=32,100,100,32

lib() { "$PYTHON" bench/benchlib.py "$@"; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/lr-bench-train.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

if [ "$BUILD" = 1 ]; then
    swift build -c release --product lr-train
fi
LR_TRAIN="$BIN_DIR/lr-train"
[ -x "$LR_TRAIN" ] || { echo "train.sh: $LR_TRAIN not found (build with: swift build -c release --product lr-train)" >&2; exit 1; }

# ours NAME ARGS...: run lr-train REPEATS times; sets ${NAME}_rates and ${NAME}_walls (space-separated).
ours() {
    local name=$1; shift
    local rates="" walls="" r wall
    for r in $(seq "$REPEATS"); do
        wall=$(lib time "$WORK/out.txt" "$WORK/err.txt" -- "$LR_TRAIN" "$@" --out "$WORK/run.h5" --force --summary-json "$WORK/summary.json")
        rate=$(lib json "$WORK/summary.json" steps_per_second)
        rates="$rates $rate"
        walls="$walls $wall"
        echo "  ours $name #$r: $rate steps/s, ${wall} s wall" >&2
    done
    printf -v "${name}_rates" '%s' "$rates"
    printf -v "${name}_walls" '%s' "$walls"
}

# jax NAME ARGS...: reference_train.py with REPEATS repeats; sets ${NAME}_jax (median steps/s).
jax() {
    local name=$1; shift
    "$PYTHON" bench/reference_train.py --steps "$STEPS" --batch 64 --repeats "$REPEATS" --loop "$JAX_LOOP" "$@" > "$WORK/jax.json"
    printf -v "${name}_jax" '%s' "$(lib json "$WORK/jax.json" median_steps_per_second)"
    echo "  jax  $name: $(lib json "$WORK/jax.json" seconds) s per repeat" >&2
}

echo "training benchmark: $STEPS steps, medians of $REPEATS runs, $(nproc) cores" >&2
ours fashion --preset fashion-mlp4 --steps "$STEPS" --checkpoints none --no-activations
jax fashion --layers "$FASHION" --task classification --optimizer adamw --lr 1e-4 --weight-decay 0.01 --activation relu
ours gauss --preset gaussian-mlp3 --steps "$STEPS" --checkpoints none
jax gauss --layers "$GAUSS" --task regression --optimizer adam --lr 1e-3 --weight-decay 0 --activation relu
ours none --preset fashion-mlp4 --steps "$OVERHEAD_STEPS" --checkpoints none --no-activations
ours ckpt --preset fashion-mlp4 --steps "$OVERHEAD_STEPS" --checkpoints log:60

fashion_ours=$(lib median $fashion_rates)
gauss_ours=$(lib median $gauss_rates)
none_wall=$(lib median $none_walls)
log_wall=$(lib median $ckpt_walls)

echo
echo "Training throughput ($STEPS steps, batch 64, float32, medians of $REPEATS; JAX loop: $JAX_LOOP)"
printf '%-44s %14s %14s %12s\n' "" "ours steps/s" "JAX steps/s" "ours/JAX"
printf '%-44s %14s %14s %11sx\n' "fashion shape 784-200x4-10, AdamW" "$fashion_ours" "$fashion_jax" "$(lib div "$fashion_ours" "$fashion_jax")"
printf '%-44s %14s %14s %11sx\n' "gaussian shape 32-100-100-32, Adam" "$gauss_ours" "$gauss_jax" "$(lib div "$gauss_ours" "$gauss_jax")"
echo
printf '%-44s %14s %14s %12s\n' "" "none, s" "log:60, s" "overhead"
printf '%-44s %14s %14s %11s%%\n' "checkpoints, fashion-mlp4, $OVERHEAD_STEPS steps" "$none_wall" "$log_wall" "$(lib overhead "$none_wall" "$log_wall")"
echo "(ours: lr-train's own steps/s; JAX: bench/reference_train.py, compile and warm-up excluded;"
echo " checkpoint overhead: wall time of the whole lr-train command)"
