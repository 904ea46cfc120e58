#!/usr/bin/env bash
# Regenerates every figure of docs/results.md from scratch, training included:
# docs/figures/*.svg and docs/results.md (written by paper/report.py).
#
#   make paper                 # builds the release tools, then runs this script
#   bash paper/make-paper.sh   # with the release tools already built
#
# Steps (all with the presets' settings; see the README):
#   1. gaussian-mlp3                      local rank per layer over training, ε = 1e-2, 1e-3
#   2. fashion-mlp4 (and mnist-mlp4)      the same
#   3. dvib-gaussian sweep, 13 β          rank of μ against β, the Gaussian IB's critical β
#   4. dvib-fashion sweep, 13 β (and dvib-mnist)   accuracy, KL and rank of μ against β
#   5. paper/report.py                    docs/results.md from the saved JSON/CSV outputs
# About 9 minutes on 2 idle cores (measured: 8.7 min), about 18 with MNIST.
#
# Environment:
#   MNIST_DIR    an MNIST IDX directory (train-images-idx3-ubyte[.gz], ...): also run
#                mnist-mlp4 and a dvib-mnist sweep. Skipped, with a note, when unset.
#   PAPER_OUT    scratch directory for run files, caches and raw outputs (paper/out);
#                emptied at the start.
#   PAPER_DOCS   where the figures and results.md go (docs; docs/figures for the SVGs).
#   PAPER_QUICK  1: a short smoke run (few steps, few β) that checks the pipeline in about
#                a minute; its results go to $PAPER_OUT/quick-docs unless PAPER_DOCS is set.
#   LOCAL_RANK_BIN  directory of lr-train and lr-analyze (the release build's).
#   PYTHON       python3.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=${PAPER_OUT:-paper/out}
QUICK=${PAPER_QUICK:-0}
if [ "$QUICK" = 1 ]; then DOCS=${PAPER_DOCS:-$OUT/quick-docs}; else DOCS=${PAPER_DOCS:-docs}; fi
PYTHON=${PYTHON:-python3}
BIN=${LOCAL_RANK_BIN:-$(swift build -c release --show-bin-path 2>/dev/null || echo .build/release)}
for tool in lr-train lr-analyze; do
    [ -x "$BIN/$tool" ] || { echo "make-paper.sh: $BIN/$tool is not built (run: make release)" >&2; exit 1; }
done
export PATH="$BIN:$PATH"

# A scratch directory this script made (it holds the marker) is emptied; anything else is refused.
if [ -e "$OUT" ] && [ ! -e "$OUT/.make-paper" ] && [ -n "$(ls -A "$OUT" 2>/dev/null)" ]; then
    echo "make-paper.sh: $OUT exists and was not made by this script; set PAPER_OUT to a new directory" >&2
    exit 1
fi
rm -rf "$OUT"
mkdir -p "$OUT/logs" "$OUT/figures"
touch "$OUT/.make-paper"
STEPS_TSV="$OUT/steps.tsv"
printf 'name\tseconds\tuser_seconds\tsystem_seconds\tload_start\tload_end\tcommand\n' > "$STEPS_TSV"

difference() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a - b }'; }

# children_cpu: the CPU seconds (user system) used so far by this shell's finished children.
# `times` must run in this shell itself (a subshell counts its own children), so it writes a file.
children_cpu() {
    times > "$OUT/.times"
    tail -n 1 "$OUT/.times" | awk '{
        for (i = 1; i <= 2; i++) { split($i, p, "m"); sub("s", "", p[2]); t[i] = p[1] * 60 + p[2] }
        printf "%.3f %.3f\n", t[1], t[2] }' > "$OUT/.cpu"
}

# shell_words ARGS...: the arguments as one command line, quoted only where a shell needs it.
shell_words() {
    local word line=""
    for word in "$@"; do
        if [[ $word =~ ^[A-Za-z0-9_./:,=+@%*-]+$ ]]; then line+="$word "; else line+="$(printf '%q' "$word") "; fi
    done
    printf '%s' "${line% }"
}

# step NAME STDOUT COMMAND...: runs COMMAND from the repository root, its standard output to
# STDOUT (a file, or - for the terminal) and its standard error to the terminal and
# $OUT/logs/NAME.log; records the wall and CPU time, the load average and the command.
step() {
    local name=$1 stdout=$2; shift 2
    # Shown as typed: the tool by name, and a sweep's run files (lr-analyze skips the *.lr.h5
    # caches among them) as the glob DIR/beta-*.h5.
    local shown=("$(basename "$1")") words=("${@:2}") i
    for ((i = 0; i < ${#words[@]}; i++)); do
        if [[ ${words[i]} == */beta-*.h5 && ${words[i + 1]:-} == "$(dirname "${words[i]}")"/beta-*.h5 ]]; then
            shown+=("$(dirname "${words[i]}")/beta-*.h5")
            while [[ ${words[i + 1]:-} == "$(dirname "${words[i]}")"/beta-*.h5 ]]; do i=$((i + 1)); done
        else
            shown+=("${words[i]}")
        fi
    done
    local command
    command=$(shell_words "${shown[@]}")
    [ "$stdout" != - ] && command+=" > $stdout"
    echo "[paper] $command" >&2
    local load_start load_end start end status=0 user_start system_start user_end system_end
    load_start=$(cut -d' ' -f1 /proc/loadavg)
    children_cpu; read -r user_start system_start < "$OUT/.cpu"
    start=$(date +%s.%N)
    if [ "$stdout" = - ]; then
        "$@" 2> "$OUT/logs/$name.log" || status=$?
    else
        "$@" > "$stdout" 2> "$OUT/logs/$name.log" || status=$?
    fi
    end=$(date +%s.%N)
    children_cpu; read -r user_end system_end < "$OUT/.cpu"
    load_end=$(cut -d' ' -f1 /proc/loadavg)
    cat "$OUT/logs/$name.log" >&2
    if [ "$status" != 0 ]; then
        echo "make-paper.sh: step $name failed (exit $status): $command" >&2
        exit "$status"
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$(difference "$end" "$start")" \
        "$(difference "$user_end" "$user_start")" "$(difference "$system_end" "$system_start")" \
        "$load_start" "$load_end" "$command" >> "$STEPS_TSV"
}

# The settings of a full run and of the PAPER_QUICK smoke run.
if [ "$QUICK" = 1 ]; then
    GAUSS_ARGS=(--steps 2000 --checkpoints log:12)
    MLP4_ARGS=(--steps 1000 --checkpoints log:8 --probe 64)
    DVIB_GAUSS_BETAS=logspace:1e-3:1:5
    DVIB_GAUSS_ARGS=(--steps 1500)
    DVIB_IMAGE_BETAS=logspace:1e-4:1:3
    DVIB_IMAGE_ARGS=(--steps 300 --probe 64)
else
    GAUSS_ARGS=()
    MLP4_ARGS=()
    DVIB_GAUSS_BETAS=logspace:1e-3:1:13
    DVIB_GAUSS_ARGS=()
    DVIB_IMAGE_BETAS=logspace:1e-4:1:13
    DVIB_IMAGE_ARGS=()
fi

# The machine as the run starts: what else is using the cores.
{
    echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
    echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
    echo "cores: $(nproc)"
    echo "quick: $QUICK"
    echo "mnist_dir: ${MNIST_DIR:-}"
    echo "load_start: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$OUT/machine.txt"
TOTAL_START=$(date +%s.%N)
# Every 5 s, how much CPU this script's processes and all others use (what else was running).
"$PYTHON" paper/report.py sample-load --pid $$ --to "$OUT/load.tsv" &
SAMPLER=$!
trap 'kill "$SAMPLER" 2>/dev/null || true' EXIT

# 1. gaussian-mlp3: local rank of every layer over training.
step gaussian-mlp3-train - lr-train --preset gaussian-mlp3 "${GAUSS_ARGS[@]}" --no-activations --out "$OUT/gaussian-mlp3.h5" --quiet
step gaussian-mlp3-analyze "$OUT/gaussian-mlp3.json" lr-analyze "$OUT/gaussian-mlp3.h5" --eps 1e-2,1e-3 --format json --plot "$OUT/figures/gaussian-mlp3-rank.svg" --quiet

# 2. fashion-mlp4, and mnist-mlp4 when MNIST_DIR is given.
step fashion-mlp4-train - lr-train --preset fashion-mlp4 "${MLP4_ARGS[@]}" --no-activations --out "$OUT/fashion-mlp4.h5" --quiet
step fashion-mlp4-analyze "$OUT/fashion-mlp4.json" lr-analyze "$OUT/fashion-mlp4.h5" --eps 1e-2,1e-3 --format json --plot "$OUT/figures/fashion-mlp4-rank.svg" --quiet
if [ -n "${MNIST_DIR:-}" ]; then
    step mnist-mlp4-train - lr-train --preset mnist-mlp4 --data "idx:$MNIST_DIR" "${MLP4_ARGS[@]}" --no-activations --out "$OUT/mnist-mlp4.h5" --quiet
    step mnist-mlp4-analyze "$OUT/mnist-mlp4.json" lr-analyze "$OUT/mnist-mlp4.h5" --eps 1e-2,1e-3 --format json --plot "$OUT/figures/mnist-mlp4-rank.svg" --quiet
else
    echo "[paper] MNIST_DIR is not set: mnist-mlp4 and dvib-mnist are skipped" >&2
fi

# 3. dvib-gaussian: rank of μ against β, and the Gaussian IB's critical β of the same data.
step dvib-gaussian-sweep - lr-train sweep --preset dvib-gaussian "${DVIB_GAUSS_ARGS[@]}" --betas "$DVIB_GAUSS_BETAS" --no-activations --jobs 2 --out "$OUT/dvib-gaussian/" --quiet
step dvib-gaussian-analyze "$OUT/dvib-gaussian.csv" lr-analyze "$OUT"/dvib-gaussian/beta-*.h5 --by beta --eps 0.1,1e-3 --format csv --plot "$OUT/figures/dvib-gaussian-rank-vs-beta.svg" --quiet
first_gaussian_run="$OUT/dvib-gaussian/beta-$(ls "$OUT"/dvib-gaussian/ | grep -v '\.lr\.h5$' | sed -n 's/^beta-//p' | sort -g | head -n 1)"
step dvib-gaussian-theory "$OUT/dvib-gaussian-theory.json" lr-analyze theory "$first_gaussian_run" --format json

# 4. dvib-fashion, and dvib-mnist when MNIST_DIR is given: accuracy, KL and rank of μ against β.
#    The plot shows μ only (--layers 1): the 512-wide encoder layer would flatten it.
image_sweep() {
    local name=$1; shift
    step "$name-sweep" - lr-train sweep --preset "$name" "$@" "${DVIB_IMAGE_ARGS[@]}" --betas "$DVIB_IMAGE_BETAS" --no-activations --jobs 2 --out "$OUT/$name/" --quiet
    step "$name-analyze" "$OUT/$name.csv" lr-analyze "$OUT/$name"/beta-*.h5 --by beta --eps 0.1,1e-3 --format csv --quiet
    step "$name-plot" "$OUT/$name-mu.json" lr-analyze "$OUT/$name"/beta-*.h5 --by beta --eps 0.1,1e-3 --layers 1 --format json --plot "$OUT/figures/$name-rank-vs-beta.svg" --quiet
}
image_sweep dvib-fashion
if [ -n "${MNIST_DIR:-}" ]; then
    image_sweep dvib-mnist --data "idx:$MNIST_DIR"
fi

TOTAL_END=$(date +%s.%N)
kill "$SAMPLER" 2>/dev/null || true
wait "$SAMPLER" 2>/dev/null || true
{
    echo "load_end: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "total_seconds: $(difference "$TOTAL_END" "$TOTAL_START")"
} >> "$OUT/machine.txt"

# 5. The report, then the committed outputs replace the old ones together.
mkdir -p "$OUT/docs/figures"
cp "$OUT"/figures/*.svg "$OUT/docs/figures/"
"$PYTHON" paper/report.py --out "$OUT" --results "$OUT/docs/results.md" --figures-link figures
mkdir -p "$DOCS/figures"
rm -f "$DOCS"/figures/*.svg
cp "$OUT"/docs/figures/*.svg "$DOCS/figures/"
cp "$OUT/docs/results.md" "$DOCS/results.md"
echo "[paper] wrote $DOCS/results.md and $(ls "$OUT"/docs/figures/*.svg | wc -l) figures in $DOCS/figures/ ($(difference "$TOTAL_END" "$TOTAL_START") s)" >&2
