#!/usr/bin/env bash
# Regenerates docs/results.md and docs/figures/*.svg from scratch, training included
# (results.md is written by the paper/report package from the tools' JSON and CSV).
#
#   make paper                 # builds the release tools, then runs this script
#   make paper-quick           # the same report at reduced scale (PAPER_QUICK=1), ≤ 15 min
#   bash paper/make-paper.sh   # with the release tools already built
#
# The experiments (sizes in "The experiment list" below):
#   Claim 1 (local rank falls in the final phase of training)
#     a. fashion-mlp4-paper and mnist-mlp4-paper (the MNIST sample make deps installs, or
#        MNIST_DIR), the authors' schedule (10⁶ steps), 2 seeds. Local rank at ε = 1e-2 and
#        1e-3 of the hidden layers, the final-phase verdicts, and ‖W_l‖_σ over training.
#     b. gaussian-mlp4-paper: a weight-decay × learning-rate grid, 3 seeds per cell.
#     c. fashion-mlp4-paper: a weight-decay grid at 10⁵ steps, 3 seeds per cell.
#   Claim 2: dvib-gaussian, a β sweep, against the Gaussian IB's optimal rank.
#   Claim 3: dvib-fashion and dvib-mnist, a β sweep: rank of μ, accuracy and KL against β.
#   Grokking: grok-mod97, 3 seeds: local rank, ‖W_l‖_σ and train/test accuracy over training.
#   The information plane beside local rank: ib-12bit, tanh and ReLU, 3 seeds
#     (paper/information-plane.sh, also alone: make paper-information).
# Then `python3 -m report` (in paper/) writes results.md from the saved outputs.
#
# Time: the run records its own (machine.txt, steps.tsv); the report prints it. Training
# dominates, so the time is about Σ runs × steps ÷ speed, divided by the 2 cores (sweeps
# train two runs at once). See the budget beside the experiment list.
#
# Environment:
#   MNIST_DIR    an MNIST IDX directory (train-images-idx3-ubyte[.gz], ...): the full MNIST
#                for mnist-mlp4-paper and dvib-mnist instead of the 5 000-image sample.
#   PAPER_ONLY   a space-separated list of sections to run (claim1 mnist gaussian-grid
#                fashion-grid claim2 claim3 grokking information); the report covers what ran, in
#                $PAPER_OUT/partial-docs unless PAPER_DOCS is set. Default: all but claim1
#                (DEFAULT_SECTIONS below says why).
#   PAPER_OUT    scratch directory for run files, caches and raw outputs (paper/out);
#                emptied at the start.
#   PAPER_DOCS   where the figures and results.md go (docs; docs/figures for the SVGs).
#   PAPER_QUICK  1: the same experiments at reduced scale (fewer steps, 2 seeds, fewer grid
#                cells and β), ≤ 15 min on 2 cores; the report says so at its top. Its
#                results go to $PAPER_OUT/quick-docs unless PAPER_DOCS is set.
#   LOCAL_RANK_BIN  directory of lr-train and lr-analyze (the release build's).
#   PYTHON       python3 (with numpy and h5py).
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=${PAPER_OUT:-paper/out}
QUICK=${PAPER_QUICK:-0}
# A partial (PAPER_ONLY) or quick report never replaces docs/ unless PAPER_DOCS says so.
if [ "$QUICK" = 1 ]; then DOCS=${PAPER_DOCS:-$OUT/quick-docs}; elif [ -n "${PAPER_ONLY:-}" ]; then DOCS=${PAPER_DOCS:-$OUT/partial-docs}; else DOCS=${PAPER_DOCS:-docs}; fi
PYTHON=${PYTHON:-python3}
BIN=${LOCAL_RANK_BIN:-$(swift build -c release --show-bin-path 2>/dev/null || echo .build/release)}
for tool in lr-train lr-analyze; do
    [ -x "$BIN/$tool" ] || { echo "make-paper.sh: $BIN/$tool is not built (run: make release)" >&2; exit 1; }
done
export PATH="$BIN:$PATH"

# ---- The experiment list ---------------------------------------------------------------
# Every size that sets the run time is here. Flags left empty keep the preset's value
# (README, Presets). Training is about 95% of the time: Σ runs × steps ÷ speed, over the 2
# cores (every sweep trains two runs at once, 1a's two seeds included).
#   1a  fashion-mlp4-paper    2 seeds × 10⁶ steps           = 2.0·10⁶ fashion-shape steps (claim1: not by default)
#   1b  gaussian-mlp4-paper   3 wd × 2 lr × 3 seeds × 2·10⁵  = 3.6·10⁶ gaussian-shape steps
#   1c  fashion-mlp4-paper    4 wd × 3 seeds × 10⁵           = 1.2·10⁶ fashion-shape steps
#   2   dvib-gaussian         13 β × 6 000                   (about a minute)
#   3   dvib-fashion          13 β × 12 000                  = 0.16·10⁶ dvib-fashion steps
#   1a′ mnist-mlp4-paper      2 seeds × 10⁶ steps           = 2.0·10⁶ fashion-shape steps
#   3′  dvib-mnist            13 β × 12 000                  = 0.16·10⁶ dvib-fashion steps
#   G   grok-mod97            3 seeds × 30 000 (batch 512)   = 0.09·10⁶ grokking steps
# Speeds per core measured on this 2-core machine (CPU time of the quick runs, 2026-11-30):
# fashion shape 340 steps/s (680 in an earlier, idler measurement), gaussian-mlp4-paper
# shape 1 800, dvib-fashion about 130 (265 earlier). Estimate: (3.2·10⁶/340 + 3.6·10⁶/1 800
# + 0.16·10⁶/130) s of CPU + about 530 s of analysis ≈ 13 200 CPU-s ≈ 110 min on 2 free
# cores at today's speeds, ≈ 65 min at the earlier ones; 1a alone is 10⁶/340 s ≈ 49 min.
# The MNIST and grokking sections (issue 22), from short timed runs on 2026-12-03 (CPU time,
# single thread, the machine shared): mnist-mlp4-paper 478 steps/s (5 000 steps in 10.5 s;
# 1a took 4 071 CPU-s for the same 2·10⁶ steps on 2026-11-30), so 1a′ ≈ 56 min of wall time
# like 1a; dvib-mnist 196 steps/s, so 3′ ≈ 800 CPU-s ≈ 7 min; G: 165 CPU-s of training and
# 91 CPU-s of analysis per run (one full seed-0 run), ≈ 8 min for 3 seeds. Together ≈ +71
# min: with them `make paper` is ≈ 2.9 h, over the 2-hour target; PAPER_ONLY runs a subset.
# On 2026-12-03 on the idle machine two mnist-mlp4-paper runs side by side trained at 480
# steps/s each (20 000 steps), so each of 1a and 1a′ takes about 35 min; with every section
# the estimate is about 2.5 h. The default therefore leaves out 1a (claim1): the authors'
# schedule runs on the authors' own data set (1a′, MNIST), and Fashion-MNIST keeps its
# weight-decay grid (1c, whose weight-decay 0.01 cells are 1a's first 10⁵ steps).
DEFAULT_SECTIONS="mnist gaussian-grid fashion-grid claim2 claim3 grokking information"
# The quick run (PAPER_QUICK=1) used about 10 CPU-minutes before these sections, which add
# about 5 (estimated from the same speeds).
if [ "$QUICK" = 1 ]; then
    PAPER_SEEDS=0-1
    PAPER_ARGS=(--steps 20000 --checkpoints log:20)
    GAUSS_GRID=(--grid weight-decay=0,1e-1 --grid lr=1e-4,1e-3)
    GAUSS_SEEDS=0-1
    GAUSS_ARGS=(--steps 20000 --checkpoints log:20)
    FASHION_GRID=(--grid weight-decay=0,1e-1,1)
    FASHION_SEEDS=0-1
    FASHION_ARGS=(--steps 10000 --checkpoints log:20)
    DVIB_GAUSS_BETAS=logspace:1e-3:1:5
    DVIB_GAUSS_ARGS=(--steps 1500)
    DVIB_IMAGE_BETAS=logspace:1e-4:1:4
    DVIB_IMAGE_ARGS=(--steps 2000 --checkpoints log:4 --probe 128)   # the report reads the last checkpoint only
    GROK_SEEDS=0-1
    GROK_ARGS=(--steps 12000 --checkpoints log:30)
else
    PAPER_SEEDS=0-1
    PAPER_ARGS=()                                   # the preset: 10⁶ steps, log:50
    GAUSS_GRID=(--grid weight-decay=0,1e-2,1e-1 --grid lr=1e-4,1e-3)
    GAUSS_SEEDS=0-2
    GAUSS_ARGS=(--steps 200000)                     # log:50 (the preset's)
    FASHION_GRID=(--grid weight-decay=0,1e-2,1e-1,1)
    FASHION_SEEDS=0-2
    FASHION_ARGS=(--steps 100000)                   # lr 1e-4 and log:50 (the preset's)
    DVIB_GAUSS_BETAS=logspace:1e-3:1:13
    DVIB_GAUSS_ARGS=()
    DVIB_IMAGE_BETAS=logspace:1e-4:1:13
    DVIB_IMAGE_ARGS=()
    GROK_SEEDS=0-2
    GROK_ARGS=()                                    # 30 000 steps, log:60 (the preset's)
fi
# Local rank is read at these thresholds (the authors' 1e-2 first) in the hidden layers.
MLP_EPS=1e-2,1e-3
HIDDEN_LAYERS=0,1,2,3
DVIB_EPS=0.1,1e-3
GROK_EPS=1e-2,1e-3
GROK_HIDDEN_LAYERS=0,1
# -----------------------------------------------------------------------------------------

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
    # Shown as typed: the tool by name, and the run files of a directory (lr-analyze skips
    # the *.lr.h5 caches among them) as the glob DIR/*.h5.
    local shown=("$(basename "$1")") words=("${@:2}") i
    for ((i = 0; i < ${#words[@]}; i++)); do
        if [[ ${words[i]} == *.h5 && ${words[i + 1]:-} == "$(dirname "${words[i]}")"/*.h5 ]]; then
            shown+=("$(dirname "${words[i]}")/*.h5")
            while [[ ${words[i + 1]:-} == "$(dirname "${words[i]}")"/*.h5 ]]; do i=$((i + 1)); done
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

# The machine as the run starts: what else is using the cores.
{
    echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
    echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
    echo "cores: $(nproc)"
    echo "quick: $QUICK"
    echo "mnist_dir: ${MNIST_DIR:-}"
    echo "sections: ${PAPER_ONLY:-$DEFAULT_SECTIONS}"
    echo "load_start: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$OUT/machine.txt"
TOTAL_START=$(date +%s.%N)
# Every 5 s, how much CPU this script's processes and all others use (what else was running).
"$PYTHON" paper/cpu_load.py --pid $$ --to "$OUT/load.tsv" &
SAMPLER=$!
trap 'kill "$SAMPLER" 2>/dev/null || true' EXIT

# claim1 NAME BY SWEEP-ARGS...: trains the sweep into $OUT/NAME/, then reads local rank of the
# hidden layers grouped by BY (seeds aggregated; NAME.json, figure NAME-rank.svg) and ‖W_l‖_σ
# of every layer (NAME-weight-norm.json).
claim1() {
    local name=$1 by=$2; shift 2
    step "$name-train" - lr-train sweep "$@" --no-activations --jobs 2 --out "$OUT/$name/" --quiet
    step "$name-analyze" "$OUT/$name.json" lr-analyze "$OUT/$name"/*.h5 --by "$by" --eps "$MLP_EPS" \
        --layers "$HIDDEN_LAYERS" --format json --plot "$OUT/figures/$name-rank.svg" --quiet
    step "$name-weights" "$OUT/$name-weight-norm.json" lr-analyze "$OUT/$name"/*.h5 --by "$by" \
        --measure weight-spectral-norm --format json --plot "$OUT/figures/$name-weight-norm.svg" --quiet
}

# section NAME: whether PAPER_ONLY (default: DEFAULT_SECTIONS) includes NAME.
section() { [[ " ${PAPER_ONLY:-$DEFAULT_SECTIONS} " == *" $1 "* ]]; }
# The MNIST runs' data: the sample the presets read by default, or the full MNIST_DIR.
MNIST_DATA=()
[ -n "${MNIST_DIR:-}" ] && MNIST_DATA=(--data "idx:$MNIST_DIR")

# 1a. The authors' schedule: Fashion-MNIST, and MNIST (the sample, or MNIST_DIR).
section claim1 && claim1 fashion-paper lr,weight-decay --preset fashion-mlp4-paper "${PAPER_ARGS[@]}" --seeds "$PAPER_SEEDS"
section mnist && claim1 mnist-paper lr,weight-decay --preset mnist-mlp4-paper "${MNIST_DATA[@]}" "${PAPER_ARGS[@]}" --seeds "$PAPER_SEEDS"
# 1b. Gaussian: weight decay × learning rate. 1c. Fashion-MNIST: weight decay.
section gaussian-grid && claim1 gaussian-grid weight-decay,lr --preset gaussian-mlp4-paper "${GAUSS_ARGS[@]}" "${GAUSS_GRID[@]}" --seeds "$GAUSS_SEEDS"
section fashion-grid && claim1 fashion-grid weight-decay --preset fashion-mlp4-paper "${FASHION_ARGS[@]}" "${FASHION_GRID[@]}" --seeds "$FASHION_SEEDS"

claim2() {
# 2. dvib-gaussian: rank of μ against β, and the Gaussian IB's critical β of the same data.
step dvib-gaussian-sweep - lr-train sweep --preset dvib-gaussian "${DVIB_GAUSS_ARGS[@]}" --betas "$DVIB_GAUSS_BETAS" --no-activations --jobs 2 --out "$OUT/dvib-gaussian/" --quiet
step dvib-gaussian-analyze "$OUT/dvib-gaussian.csv" lr-analyze "$OUT"/dvib-gaussian/*.h5 --by beta --checkpoints last --eps "$DVIB_EPS" --format csv --plot "$OUT/figures/dvib-gaussian-rank-vs-beta.svg" --quiet
first_gaussian_run=$(ls "$OUT"/dvib-gaussian/beta-*.h5 | grep -v '\.lr\.h5$' | head -n 1)
step dvib-gaussian-theory "$OUT/dvib-gaussian-theory.json" lr-analyze theory "$first_gaussian_run" --format json
}
if section claim2; then claim2; fi

# 3. dvib-fashion and dvib-mnist (the sample, or MNIST_DIR): accuracy, KL and rank of μ against β.
#    The plot shows μ only (--layers 1): the 512-wide encoder layer would flatten it.
image_sweep() {
    local name=$1; shift
    step "$name-sweep" - lr-train sweep --preset "$name" "$@" "${DVIB_IMAGE_ARGS[@]}" --betas "$DVIB_IMAGE_BETAS" --no-activations --jobs 2 --out "$OUT/$name/" --quiet
    step "$name-analyze" "$OUT/$name.csv" lr-analyze "$OUT/$name"/*.h5 --by beta --checkpoints last --eps "$DVIB_EPS" --format csv --quiet
    step "$name-plot" "$OUT/$name-mu.json" lr-analyze "$OUT/$name"/*.h5 --by beta --checkpoints last --eps "$DVIB_EPS" --layers 1 --format json --plot "$OUT/figures/$name-rank-vs-beta.svg" --quiet
}
if section claim3; then image_sweep dvib-fashion; fi
if section mnist; then image_sweep dvib-mnist "${MNIST_DATA[@]}"; fi

# G. Grokking: the 3 seeds aggregated (--by weight-decay, which they share), with train and
#    test accuracy on each chart's right axis; per seed (--by seed) for the grokking steps.
grokking() {
    step grok-train - lr-train sweep --preset grok-mod97 "${GROK_ARGS[@]}" --seeds "$GROK_SEEDS" --no-activations --jobs 2 --out "$OUT/grok/" --quiet
    step grok-analyze "$OUT/grok.json" lr-analyze "$OUT"/grok/*.h5 --by weight-decay --eps "$GROK_EPS" \
        --layers "$GROK_HIDDEN_LAYERS" --format json --plot "$OUT/figures/grok-rank.svg" --quiet
    step grok-seeds "$OUT/grok-seeds.json" lr-analyze "$OUT"/grok/*.h5 --by seed --eps "$GROK_EPS" \
        --layers "$GROK_HIDDEN_LAYERS" --format json --quiet
    step grok-weights "$OUT/grok-weight-norm.json" lr-analyze "$OUT"/grok/*.h5 --by weight-decay \
        --measure weight-spectral-norm --format json --plot "$OUT/figures/grok-weight-norm.svg" --quiet
}
if section grokking; then grokking; fi

# 4. The information plane beside local rank (paper/information-plane.sh, runnable alone):
#    its figures and information-plane.md go with the report's.
if section information; then
    if [ "$QUICK" = 1 ]; then IB=(IB_SEEDS=0-1 "IB_ARGS=--steps 20000"); else IB=(IB_SEEDS=0-2); fi
    step information-plane - env "${IB[@]}" PAPER_OUT="$OUT/information" PAPER_DOCS="$OUT/docs" LOCAL_RANK_BIN="$BIN" \
        PYTHON="$PYTHON" bash paper/information-plane.sh
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
PYTHONPATH="paper${PYTHONPATH:+:$PYTHONPATH}" "$PYTHON" -m report --out "$OUT" --results "$OUT/docs/results.md" --figures-link figures
mkdir -p "$DOCS/figures"
rm -f "$DOCS"/figures/*.svg
cp "$OUT"/docs/figures/*.svg "$DOCS/figures/"
cp "$OUT/docs/results.md" "$DOCS/results.md"
cp "$OUT/docs/information-plane.md" "$DOCS/information-plane.md"
echo "[paper] wrote $DOCS/results.md and $(ls "$OUT"/docs/figures/*.svg | wc -l) figures in $DOCS/figures/ ($(difference "$TOTAL_END" "$TOTAL_START") s)" >&2
