# The README's two commands: `make demo` (the main job) and `make test` (the tests).
# Both install what is missing first (as root on Debian 12), quietly and idempotently.

SHELL := /bin/bash
APT_PACKAGES := pkg-config libhdf5-dev libopenblas-dev liblapacke-dev zlib1g-dev hdf5-tools librsvg2-bin librsvg2-dev dataset-fashion-mnist libopenmpi-dev openmpi-bin
PYTHON ?= python3
SWIFT_BUILD_FLAGS ?=
RELEASE_BIN = $(shell swift build -c release --show-bin-path 2>/dev/null)

.PHONY: demo test test-packages fuzz deps build release bench paper paper-quick samples clean schemas

deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends $$missing >/dev/null || exit 1; \
	fi
	@$(PYTHON) -c "import h5py, numpy" 2>/dev/null || { echo "installing: h5py numpy (pip)"; $(PYTHON) -m pip install -q h5py numpy; }

build: deps
	swift build $(SWIFT_BUILD_FLAGS)

release: deps
	swift build -c release

# Train gaussian-mlp3 briefly, print its local-rank table and write the chart.
demo: release
	@mkdir -p demo
	$(RELEASE_BIN)/lr-train --preset gaussian-mlp3 --out demo/gaussian.h5 --force
	$(RELEASE_BIN)/lr-analyze demo/gaussian.h5 --eps 1e-2,1e-3 --plot demo/gaussian-rank.svg --recompute
	@echo "chart: demo/gaussian-rank.svg"

# What the tests need besides the build: the real Keras 3 (on JAX) and safetensors write
# lr-import's fixtures and drive the Keras callback's test; pytest runs python/tests, which
# import the localrank package from this checkout; docs/tests runs every code block of the
# README and docs/ (shortened by appended flags). Tests/package, first, checks that
# Package.swift declares exactly what each target imports.
PIP_TEST_PACKAGES := keras jax safetensors pytest
# The tests run against an optimized build: the end-to-end tests train and analyze real
# runs, 20–50× slower in a debug build. -enable-testing lets the unit tests import the
# modules' internals; the build has its own directory so that it and `make release` do not
# rebuild each other.
TEST_BUILD := -c release -Xswiftc -enable-testing --scratch-path .build/tests $(SWIFT_BUILD_FLAGS)
TEST_BIN = $$(swift build $(TEST_BUILD) --show-bin-path)
test: deps test-packages
	$(PYTHON) -m pytest -q Tests/package
	swift build $(TEST_BUILD) --build-tests
	LOCAL_RANK_BIN="$(TEST_BIN)" swift test $(TEST_BUILD) --skip-build
	LOCAL_RANK_BIN="$(TEST_BIN)" $(PYTHON) -m pytest -q python/tests
	$(PYTHON) -m pytest -q paper/tests
	LOCAL_RANK_BIN="$(TEST_BIN)" $(PYTHON) -m pytest -q docs/tests

test-packages:
	@KERAS_BACKEND=jax $(PYTHON) -c "import keras, jax, safetensors, pytest" 2>/dev/null || { echo "installing: $(PIP_TEST_PACKAGES) (pip)"; $(PYTHON) -m pip install -q $(PIP_TEST_PACKAGES); }

# The corruption fuzz tests at FUZZ_MUTATIONS random mutations per file (make test: 60),
# printing each file's tally ("corruption fuzz, lr-analyze on run.h5: …").
FUZZ_MUTATIONS ?= 500
fuzz: deps test-packages
	swift build $(TEST_BUILD) --build-tests
	set -o pipefail; LOCAL_RANK_FUZZ_MUTATIONS=$(FUZZ_MUTATIONS) LOCAL_RANK_BIN="$(TEST_BIN)" swift test $(TEST_BUILD) --skip-build \
	  --filter "CorruptionFuzzTests|ImportFuzzTests" 2>&1 | grep -E "corruption fuzz|Test run|✘"

# Side-by-side benchmarks against the JAX reference (see bench/README.md).
bench: release
	$(PYTHON) -c "import jax" 2>/dev/null || $(PYTHON) -m pip install -q jax
	bash bench/train.sh
	bash bench/analyze.sh
	bash bench/mpi.sh

# Regenerate docs/figures/*.svg and docs/results.md from scratch, training included, at the
# paper's scale (up to about 2 h on 2 cores; MNIST_DIR=/path/to/mnist adds the MNIST runs).
# The report states the time the run took; paper/make-paper.sh lists the experiments' sizes.
paper: release
	LOCAL_RANK_BIN="$(RELEASE_BIN)" PYTHON="$(PYTHON)" bash paper/make-paper.sh

# The same report at reduced scale (≤ 15 min on 2 cores), into paper/out/quick-docs/; it says
# so at its top. docs/ is left alone.
paper-quick: release
	PAPER_QUICK=1 LOCAL_RANK_BIN="$(RELEASE_BIN)" PYTHON="$(PYTHON)" bash paper/make-paper.sh

# Rewrite the sample run files in samples/ (samples/README.md).
samples: release
	LOCAL_RANK_BIN="$(RELEASE_BIN)" bash samples/make-samples.sh

# Regenerate schemas/run-format-v1.json from the code that validates files.
schemas: release
	$(RELEASE_BIN)/lr-analyze schema > schemas/run-format-v1.json

clean:
	rm -rf .build demo
