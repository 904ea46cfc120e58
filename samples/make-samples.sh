#!/usr/bin/env bash
# Writes the sample run files in samples/ with lr-train (see samples/README.md):
#
#   bash samples/make-samples.sh      # after: swift build -c release
#
# Every sample is a function of its command (seed 0): rerunning this script rewrites the
# same weights (only the recorded wall times differ). Each file stays under 3 MB and all
# of them under 10 MB; Tests/CommandLineTests/SampleTests.swift checks both.
# Environment: LOCAL_RANK_BIN, the directory of lr-train (default: the release build's).
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${LOCAL_RANK_BIN:-$(swift build -c release --show-bin-path 2>/dev/null || echo .build/release)}
[ -x "$BIN/lr-train" ] || { echo "make-samples.sh: $BIN/lr-train is not built (run: swift build -c release)" >&2; exit 1; }
export PATH="$BIN:$PATH"

run() { echo "+ $*" >&2; "$@"; }

# 1. gaussian-mlp3, the whole preset run (50 000 steps, 39 checkpoints), 128 probe inputs,
#    without the stored pre-activations.
run lr-train --preset gaussian-mlp3 --probe 128 --no-activations --out samples/gaussian-mlp3.h5 --force --quiet

# 2. fashion-mlp4's recipe (1000-image subset, AdamW lr 1e-4, weight decay 0.01, batch 64) with
#    hidden layers of 32 instead of 200 and 20 000 steps: the preset's 280 000 parameters
#    need 6.7 MB for the optimizer state alone (two slots of parameters and both moments).
run lr-train --preset fashion-mlp4 --layers 784,32,32,32,32,10 --steps 20000 --checkpoints log:12 \
    --probe 64 --no-activations --out samples/fashion-mlp4-w32.h5 --force --quiet

# 3. A dvib-gaussian β sweep: 7 runs from β = 1e-3 to 1, 64 probe inputs each.
run lr-train sweep --preset dvib-gaussian --betas logspace:1e-3:1:7 --probe 64 --no-activations \
    --jobs 2 --out samples/dvib-gaussian-sweep/ --force --quiet

find samples -name '*.h5' ! -name '*.lr.h5' -printf '%s bytes\t%p\n' | sort -k3 >&2
find samples -name '*.h5' ! -name '*.lr.h5' -printf '%s\n' | awk '{ t += $1 } END { printf "%d bytes in all\n", t }' >&2
