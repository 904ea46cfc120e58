#!/usr/bin/env bash
# lr-mpi on one machine, side by side with the one-process tools it distributes:
#
#   bash bench/mpi.sh          # or: make bench
#
# Rows (each figure a median over REPEATS runs; the two commands of a row alternate, so
# that both see the same load from whatever else runs on the machine):
#   analysis  the whole `lr-analyze RUN --eps 1e-3 --format json --cache C` command (both
#             cores in one process) vs `mpirun -n RANKS lr-mpi analyze RUN …` (cache deleted
#             before each), on a synthetic run of CHECKPOINTS checkpoints x PROBE probe inputs
#             (bench/make_bench_run.py, fashion-mlp4's shape by default). Their JSON must match.
#   sweep     the whole `lr-train sweep SWEEP --jobs RANKS` command vs `mpirun -n RANKS lr-mpi
#             sweep SWEEP` (a fresh directory each time).
# The ratio is lr-mpi's wall time over the one-process tool's: 1.10 is 10 % slower.
# Also printed: the cache's bytes per checkpoint (what the ranks send rank 0) and the load
# average before and after (other users of the cores make every figure slower).
#
# Environment: LAYERS (784,200,200,200,200,10), CHECKPOINTS (60), PROBE (512), SEED (0),
#   SWEEP ("--preset gaussian-mlp3 --grid weight-decay=0,1e-3 --seeds 0-1": 4 runs),
#   RANKS (2), REPEATS (3), MPIRUN_FLAGS (extra mpirun flags, e.g. "--bind-to none"),
#   PYTHON (python3), BIN_DIR (.build/release), BUILD (1: swift build first; 0: use BIN_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."

LAYERS=${LAYERS:-784,200,200,200,200,10}
CHECKPOINTS=${CHECKPOINTS:-60}
PROBE=${PROBE:-512}
SEED=${SEED:-0}
SWEEP=${SWEEP:---preset gaussian-mlp3 --grid weight-decay=0,1e-3 --seeds 0-1}
RANKS=${RANKS:-2}
REPEATS=${REPEATS:-3}
MPIRUN_FLAGS=${MPIRUN_FLAGS:-}
PYTHON=${PYTHON:-python3}
BIN_DIR=${BIN_DIR:-.build/release}
BUILD=${BUILD:-1}

lib() { "$PYTHON" bench/benchlib.py "$@"; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/lr-bench-mpi.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

if [ "$BUILD" = 1 ]; then
    for product in lr-train lr-analyze lr-mpi; do swift build -c release --product "$product"; done
fi
for tool in lr-train lr-analyze lr-mpi; do
    [ -x "$BIN_DIR/$tool" ] || { echo "mpi.sh: $BIN_DIR/$tool not found (build with: swift build -c release --product $tool)" >&2; exit 1; }
done
command -v mpirun >/dev/null || { echo "mpi.sh: mpirun not found (apt-get install openmpi-bin libopenmpi-dev)" >&2; exit 1; }
mpirun_cmd=(mpirun -n "$RANKS" --oversubscribe)
[ "$(id -u)" != 0 ] || mpirun_cmd+=(--allow-run-as-root)
# shellcheck disable=SC2206
mpirun_cmd+=($MPIRUN_FLAGS)
read -r -a sweep_args <<< "$SWEEP"

echo "machine: $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

# Analysis.
RUN="$WORK/run.h5"
"$PYTHON" bench/make_bench_run.py --layers "$LAYERS" --checkpoints "$CHECKPOINTS" --probe "$PROBE" --seed "$SEED" --out "$RUN"
one_walls="" mpi_walls=""
for r in $(seq "$REPEATS"); do
    rm -f "$WORK/one.lr.h5" "$WORK/mpi.lr.h5"
    t1=$(lib time "$WORK/one.json" "$WORK/one.err" -- "$BIN_DIR/lr-analyze" "$RUN" --eps 1e-3 --format json --cache "$WORK/one.lr.h5")
    sync
    t2=$(lib time "$WORK/mpi.json" "$WORK/mpi.err" -- "${mpirun_cmd[@]}" "$BIN_DIR/lr-mpi" analyze "$RUN" --eps 1e-3 --format json --cache "$WORK/mpi.lr.h5")
    sync
    cmp -s "$WORK/one.json" "$WORK/mpi.json" || { echo "mpi.sh: lr-mpi analyze printed another report than lr-analyze" >&2; exit 1; }
    one_walls="$one_walls $t1" mpi_walls="$mpi_walls $t2"
    echo "  analysis #$r: lr-analyze $t1 s, lr-mpi -n $RANKS $t2 s" >&2
done
bytes_per_checkpoint=$(( $(stat -c %s "$WORK/one.lr.h5") / CHECKPOINTS ))
analysis_one=$(lib median $one_walls) analysis_mpi=$(lib median $mpi_walls)

# Sweep.
one_walls="" mpi_walls=""
for r in $(seq "$REPEATS"); do
    t1=$(lib time "$WORK/sweep-one.out" "$WORK/sweep-one.err" -- "$BIN_DIR/lr-train" sweep "${sweep_args[@]}" --quiet --jobs "$RANKS" --out "$WORK/sweep-one-$r")
    t2=$(lib time "$WORK/sweep-mpi.out" "$WORK/sweep-mpi.err" -- "${mpirun_cmd[@]}" "$BIN_DIR/lr-mpi" sweep "${sweep_args[@]}" --quiet --out "$WORK/sweep-mpi-$r")
    rm -rf "$WORK/sweep-one-$r" "$WORK/sweep-mpi-$r"
    one_walls="$one_walls $t1" mpi_walls="$mpi_walls $t2"
    echo "  sweep #$r: lr-train sweep --jobs $RANKS $t1 s, lr-mpi -n $RANKS $t2 s" >&2
done
sweep_one=$(lib median $one_walls) sweep_mpi=$(lib median $mpi_walls)

echo
echo "| benchmark (medians of $REPEATS, $(nproc) cores) | one process | mpirun -n $RANKS lr-mpi | ratio | target |"
echo "|---|---:|---:|---:|---|"
echo "| analysis, $CHECKPOINTS checkpoints x $PROBE inputs, layers $LAYERS | lr-analyze: $analysis_one s | $analysis_mpi s | $(lib div "$analysis_mpi" "$analysis_one") | <= 1.10 |"
echo "| sweep: ${SWEEP} (lr-train sweep --jobs $RANKS) | $sweep_one s | $sweep_mpi s | $(lib div "$sweep_mpi" "$sweep_one") | <= 1.10 |"
echo
echo "cache bytes per checkpoint (gathered to rank 0): $bytes_per_checkpoint; lr-analyze: $(lib div "$analysis_one" "$CHECKPOINTS") s per checkpoint on both cores"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
