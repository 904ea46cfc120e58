#!/usr/bin/env bash
# Local-rank analysis, side by side: lr-analyze vs the JAX reference (bench/reference_analyze.py).
#
#   bash bench/analyze.sh          # or: make bench
#
# A synthetic run (bench/make_bench_run.py: untrained random-walk weights, which cost the
# same to analyze as trained ones) of CHECKPOINTS checkpoints and PROBE probe inputs.
# Rows:
#   first analysis  ours: the whole `lr-analyze RUN --eps 1e-3 --format json --cache C`
#                   command (cache deleted before each repeat) / CHECKPOINTS;
#                   JAX: its first REF_CHECKPOINTS checkpoints, after a warm-up (compile
#                   excluded), total / REF_CHECKPOINTS. Both are seconds per checkpoint.
#   re-threshold    ours: the whole `lr-analyze RUN --eps 1e-5 ... --cache C` command, reading
#                   the spectra from the cache (after a `sync`, so that the kernel is not still
#                   writing the new cache out); JAX has no cache, so a new threshold means a
#                   new analysis: its per-checkpoint time x CHECKPOINTS (extrapolated).
#   agreement       max |ours - JAX| of the per-layer mean local rank at eps 1e-3 on the
#                   checkpoints both computed (printed, never fails: JAX is float32).
#   width rows      (WIDTHS, default "200 500 1000") the analysis as layers widen: runs with
#                   rank-limited weights (make_bench_run.py --weights rank-limited), at width
#                   200: 784-200-200-200-200-10, 4 checkpoints x 128 probe inputs; 500:
#                   784-500-500-500-10 and 1000: 784-1000-1000-1000-10, 3 x 64. Ours: the whole
#                   lr-analyze command (cache deleted first); JAX: all the checkpoints, compile
#                   excluded; seconds for the whole run, JAX/ours, and the issue's target; our float64
#                   work in GFLOP (bench/analysis_flops.py) and its rate, beside the machine's dgemm rate
#                   (bench/blas_peak.py).
# Every figure is a median over REPEATS runs, ours and JAX alternating; the load average
# (/proc/loadavg) is printed at the start and at the end.
#
# Environment: LAYERS (784,200,200,200,200,10), CHECKPOINTS (60), PROBE (512),
#   MAIN_ROW (1; 0 skips the first-analysis and re-threshold rows), WIDTHS ("200 500 1000"; empty: none),
#   REF_CHECKPOINTS (6), REPEATS (3), SEED (0), PYTHON (python3), BIN_DIR (.build/release),
#   BUILD (1: swift build first; 0: use the binary in BIN_DIR as it is),
#   REF_OPENBLAS_THREADS (default 1; empty: environment as is; N: OPENBLAS_NUM_THREADS=N for the JAX
#   reference only. JAX's SVD runs OpenBLAS's LAPACK on several batch items at once, and
#   OpenBLAS's own threads then oversubscribe the cores: 1 makes the reference faster and
#   far less noisy on 2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."

LAYERS=${LAYERS:-784,200,200,200,200,10}
CHECKPOINTS=${CHECKPOINTS:-60}
PROBE=${PROBE:-512}
REF_CHECKPOINTS=${REF_CHECKPOINTS:-6}
REPEATS=${REPEATS:-3}
SEED=${SEED:-0}
PYTHON=${PYTHON:-python3}
BIN_DIR=${BIN_DIR:-.build/release}
BUILD=${BUILD:-1}
REF_OPENBLAS_THREADS=${REF_OPENBLAS_THREADS-1}
MAIN_ROW=${MAIN_ROW:-1}
WIDTHS=${WIDTHS-200 500 1000}
[ "$REF_CHECKPOINTS" -le "$CHECKPOINTS" ] || REF_CHECKPOINTS=$CHECKPOINTS

lib() { "$PYTHON" bench/benchlib.py "$@"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/lr-bench-analyze.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
RUN="$WORK/run.h5"
CACHE="$WORK/run.lr.h5"

if [ "$BUILD" = 1 ]; then
    swift build -c release --product lr-analyze
fi
LR_ANALYZE="$BIN_DIR/lr-analyze"
[ -x "$LR_ANALYZE" ] || { echo "analyze.sh: $LR_ANALYZE not found (build with: swift build -c release --product lr-analyze)" >&2; exit 1; }

ref_env=(env)
[ -z "$REF_OPENBLAS_THREADS" ] || ref_env+=("OPENBLAS_NUM_THREADS=$REF_OPENBLAS_THREADS")
start_load=$(load)

# The fashion-mlp4 shape: first analysis per checkpoint and re-threshold from the cache.
main_row() {
    "$PYTHON" bench/make_bench_run.py --layers "$LAYERS" --checkpoints "$CHECKPOINTS" --probe "$PROBE" --seed "$SEED" --out "$RUN"
    echo "analysis benchmark: layers $LAYERS, $CHECKPOINTS checkpoints x $PROBE probe inputs, medians of $REPEATS runs, $(nproc) cores" >&2

    first_walls="" rethreshold_walls="" jax_per_ckpt=""
    for r in $(seq "$REPEATS"); do
        rm -f "$CACHE"
        t=$(lib time "$WORK/first.json" "$WORK/first.err" -- "$LR_ANALYZE" "$RUN" --eps 1e-3 --format json --cache "$CACHE")
        first_walls="$first_walls $t"
        sync  # flush the new cache's ~200 MB of writeback, so that it does not slow the next command
        t2=$(lib time "$WORK/rethreshold.json" "$WORK/rethreshold.err" -- "$LR_ANALYZE" "$RUN" --eps 1e-5 --format json --cache "$CACHE")
        rethreshold_walls="$rethreshold_walls $t2"
        echo "  ours #$r: first analysis $t s, re-threshold $t2 s" >&2
    done
    for r in $(seq "$REPEATS"); do
        "${ref_env[@]}" "$PYTHON" bench/reference_analyze.py "$RUN" --checkpoints "$REF_CHECKPOINTS" --eps 1e-3 > "$WORK/jax.json"
        s=$(lib json "$WORK/jax.json" seconds)
        jax_per_ckpt="$jax_per_ckpt $(lib div "$s" "$REF_CHECKPOINTS")"
        echo "  jax  #$r: $REF_CHECKPOINTS checkpoints in $s s (first call, with compile: $(lib json "$WORK/jax.json" first_call_seconds) s)" >&2
    done

    first=$(lib median $first_walls)
    ours_per_ckpt=$(lib div "$first" "$CHECKPOINTS")
    jax_ckpt=$(lib median $jax_per_ckpt)
    rethreshold=$(lib median $rethreshold_walls)
    jax_all=$(lib mul "$jax_ckpt" "$CHECKPOINTS")
    read -r max_diff compared < <(lib compare-ranks "$WORK/first.json" "$WORK/jax.json" 0)

    echo
    echo "Local-rank analysis: layers $LAYERS, $PROBE probe inputs, medians of $REPEATS"
    printf '%-38s %16s %16s %10s\n' "" "ours" "JAX (float32)" "JAX/ours"
    printf '%-38s %16s %16s %9sx\n' "first analysis, s per checkpoint" "$ours_per_ckpt" "$jax_ckpt" "$(lib div "$jax_ckpt" "$ours_per_ckpt")"
    printf '%-38s %16s %16s %9sx\n' "re-threshold (eps 1e-5), s in all" "$rethreshold" "$jax_all" "$(lib div "$jax_all" "$rethreshold")"
    echo "  first analysis: ours = whole lr-analyze command on all $CHECKPOINTS checkpoints ($first s) / $CHECKPOINTS;"
    echo "                  JAX  = first $REF_CHECKPOINTS checkpoints, compile excluded, total / $REF_CHECKPOINTS"
    echo "                         (OPENBLAS_NUM_THREADS for JAX: ${REF_OPENBLAS_THREADS:-${OPENBLAS_NUM_THREADS:-unset}})."
    echo "  re-threshold:   ours = whole lr-analyze command reading the cache;"
    echo "                  JAX  = no cache: a full analysis of $CHECKPOINTS checkpoints, extrapolated as $CHECKPOINTS x its s/checkpoint."
    echo "agreement at eps 1e-3 on the first $compared checkpoints: max |ours - JAX| of the per-layer mean local rank = $max_diff"
}

# width_row W: the issue's shape at hidden width W, rank-limited weights, ours and JAX
# alternating REPEATS times; prints one table row.
width_row() {
    local width=$1 layers checkpoints probe target
    case $width in
        200) layers=784,200,200,200,200,10 checkpoints=4 probe=128 target=30 ;;
        500) layers=784,500,500,500,10 checkpoints=3 probe=64 target=15 ;;
        1000) layers=784,1000,1000,1000,10 checkpoints=3 probe=64 target=10 ;;
        *) echo "analyze.sh: no shape for width $width (200, 500 or 1000)" >&2; exit 1 ;;
    esac
    local run="$WORK/width$width.h5" cache="$WORK/width$width.lr.h5" ours="" jax="" ours_cpu="" jax_cpu="" r t c s
    "$PYTHON" bench/make_bench_run.py --layers "$layers" --checkpoints "$checkpoints" --probe "$probe" --seed "$SEED" \
        --weights rank-limited --out "$run"
    for r in $(seq "$REPEATS"); do
        rm -f "$cache"
        read -r t c < <(lib time-cpu "$WORK/width.json" "$WORK/width.err" -- "$LR_ANALYZE" "$run" --eps 1e-3 --format json --cache "$cache")
        "${ref_env[@]}" "$PYTHON" bench/reference_analyze.py "$run" --eps 1e-3 > "$WORK/width-jax.json"
        s=$(lib json "$WORK/width-jax.json" seconds)
        ours="$ours $t" jax="$jax $s" ours_cpu="$ours_cpu $c" jax_cpu="$jax_cpu $(lib json "$WORK/width-jax.json" cpu_seconds)"
        echo "  width $width #$r: ours $t s (CPU $c s), jax $s s (compile excluded), load $(load)" >&2
    done
    read -r max_diff compared < <(lib compare-ranks "$WORK/width.json" "$WORK/width-jax.json" 0)
    local ours_s jax_s ours_c jax_c gflop
    ours_s=$(lib median $ours) jax_s=$(lib median $jax) ours_c=$(lib median $ours_cpu) jax_c=$(lib median $jax_cpu)
    "$PYTHON" bench/analysis_flops.py "$run" > "$WORK/width-flops.json"
    gflop=$(lib json "$WORK/width-flops.json" total_gflop)
    printf '%-6s %-24s %9s %8s %8s %8sx %6sx %8s %8s %8sx %10s %7s %8s\n' "$width" "$layers" "$checkpoints x $probe" \
        "$ours_s" "$jax_s" "$(lib div "$jax_s" "$ours_s")" "$target" "$ours_c" "$jax_c" "$(lib div "$jax_c" "$ours_c")" \
        "$max_diff" "$gflop" "$(lib div "$gflop" "$ours_s")"
}

[ "$MAIN_ROW" = 1 ] && main_row
if [ -n "$WIDTHS" ]; then
    rows=()
    for width in $WIDTHS; do rows+=("$(width_row "$width")"); done
    echo
    echo "Local-rank analysis as layers widen: rank-limited weights, first analysis of the whole run, medians of $REPEATS"
    printf '%-6s %-24s %9s %8s %8s %9s %7s %8s %8s %9s %10s %7s %8s\n' width layers "ckpt x in" "ours s" "JAX s" JAX/ours target \
        "ours CPU" "JAX CPU" "CPU ratio" "max |dLR|" GFLOP "GFLOP/s"
    printf '%s\n' "${rows[@]}"
    echo "  ours = whole lr-analyze command (cache deleted first); JAX = every checkpoint, compile excluded"
    echo "  (wall seconds; CPU = user + system seconds of all threads over the same span: the ratio to read when other"
    echo "  programs load the machine)"
    echo "  (OPENBLAS_NUM_THREADS for JAX: ${REF_OPENBLAS_THREADS:-${OPENBLAS_NUM_THREADS:-unset}}); max |dLR| = largest difference of"
    echo "  a per-layer mean local rank at eps 1e-3 (JAX is float32); GFLOP = our float64 work (bench/analysis_flops.py),"
    echo "  GFLOP/s = that over our median wall time."
    "$PYTHON" bench/blas_peak.py > "$WORK/peak.json"
    echo "  peak for comparison: a 3000 x 3000 float64 matrix product (numpy's OpenBLAS, both cores, bench/blas_peak.py):" \
        "median $(lib json "$WORK/peak.json" median_gflops), best $(lib json "$WORK/peak.json" best_gflops) GFLOP/s"
fi
echo "load average: $start_load at the start, $(load) at the end ($(nproc) cores)"
