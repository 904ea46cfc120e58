#!/usr/bin/env bash
# Memory of the streaming analysis: peak resident memory of a first analysis of a run's
# first FEW checkpoints against all MANY of them. The analysis holds one checkpoint at a
# time, so the two should be within a few percent whatever MANY is.
#
#   bash bench/analyze-memory.sh
#
# Environment: LAYERS (784,200,200,200,200,10), MANY (240), FEW (60), PROBE (128),
#   BIN_DIR (.build/release), BUILD (1), PYTHON (python3). GNU time measures the peak.
set -euo pipefail
cd "$(dirname "$0")/.."

LAYERS=${LAYERS:-784,200,200,200,200,10}
MANY=${MANY:-240}
FEW=${FEW:-60}
PROBE=${PROBE:-128}
PYTHON=${PYTHON:-python3}
BIN_DIR=${BIN_DIR:-.build/release}
BUILD=${BUILD:-1}

[ "$BUILD" = 1 ] && swift build -c release --product lr-analyze
command -v /usr/bin/time >/dev/null || { echo "analyze-memory.sh: needs GNU time (apt-get install time)" >&2; exit 1; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/lr-bench-memory.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
RUN="$WORK/run.h5"

"$PYTHON" bench/make_bench_run.py --layers "$LAYERS" --checkpoints "$MANY" --probe "$PROBE" --out "$RUN" >&2
# The steps of the first FEW checkpoints, as --checkpoints takes them.
last_step=$("$PYTHON" -c "import h5py, sys; print(h5py.File(sys.argv[1], 'r')['checkpoints/step'][int(sys.argv[2]) - 1])" "$RUN" "$FEW")

peak() {  # peak resident memory in MiB of a first analysis with the given extra arguments
    rm -f "$WORK/cache.lr.h5"
    /usr/bin/time -f "%M" -o "$WORK/peak" "$BIN_DIR/lr-analyze" "$RUN" --cache "$WORK/cache.lr.h5" --format json --quiet "$@" > /dev/null
    awk '{ printf "%.1f", $1 / 1024 }' "$WORK/peak"
}
few=$(peak --checkpoints "0-$last_step")
many=$(peak)
cache_mib=$(du -m "$WORK/cache.lr.h5" | cut -f1)

echo
echo "Streaming analysis memory: layers $LAYERS, $PROBE probe inputs"
printf '%-44s %10s\n' "first analysis of the first $FEW checkpoints" "$few MiB"
printf '%-44s %10s\n' "first analysis of all $MANY checkpoints" "$many MiB"
awk -v a="$few" -v b="$many" 'BEGIN { printf "%-44s %9.1f%%   (target: within 10%%)\n", "growth", (b - a) / a * 100 }'
echo "cache size for $MANY checkpoints: $cache_mib MiB"
