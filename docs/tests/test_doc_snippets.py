"""Every code block of the README and docs/*.md, run as a reader would run it, so that the
documentation cannot drift from the tools.

Each document's blocks run in order in one fresh directory (a fresh clone's state: no
runs/, no sweeps/), shell lines with bash and Python blocks in one namespace per document.
The commands are the documents' own text, with two kinds of change, both listed here:

- Placeholders (`…`, /path/to/mnist, theirs.h5, the x/y arrays of the Python snippets) get
  real values: `SUBSTITUTIONS` and `PRELUDES`.
- Training and analysis are shortened by appending flags, since the tools take the last
  value given for an option: `--steps`, `--checkpoints`, `--eval-examples`, one seed, two
  β for sweeps, and `--probe` for analyses (`shortened`). `mpirun -n 64` runs 2 ranks.

Blocks that are not commands (file layouts, formulas, an error line) and commands that
install or build (which `make test` itself does) are listed in `NOT_RUN` with the reason,
documents whose commands another target runs (docs/results.md: `make paper`) in
`COVERED_ELSEWHERE`; a block that is neither run nor listed fails
`test_every_block_is_run_or_listed`.
"""

import os
import pathlib
import re
import shutil
import subprocess
import sys
import time

import pytest

import snippets

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "python"))   # the Python blocks import localrank from this checkout
DOCS = ["README.md", "docs/python.md", "docs/import.md", "docs/mpi.md", "docs/results.md"]
FASHION = "/usr/share/datasets/fashion-mnist"

# First lines of blocks that are not run, and why.
NOT_RUN = {
    "make demo    # trains mnist-mlp4 at weight decay 0 and 1, prints the final-phase verdicts, writes demo/mnist-rank.svg":
        "make test runs this test; make demo's commands are lr-train and lr-analyze as below",
    "pip install ./python": "installs the package; the tests import it from the checkout",
    "pip install ./python          # from a checkout; distribution local-rank, import name localrank":
        "installs the package; the tests import it from the checkout",
    "pip install './python[pandas]'               # localrank with pandas; [tensorboard] adds tensorboardX":
        "installs the package; the tests import it from the checkout (make test-packages installs pandas)",
    "import matplotlib.pyplot as plt": "matplotlib, which make test does not install (it is needed for this block "
                                      "only): compiled only (test_the_matplotlib_block_compiles); the frame it "
                                      "plots is made and checked by the block before it",
    "apt-get install libopenmpi-dev openmpi-bin": "installs and builds: make deps and make test do it",
    "Sources/": "the source tree's layout",
    "/layers/dense/vars              group, attribute name = the layer's own name": "a file layout",
    "/@model_config                   JSON: {\"class_name\": \"Sequential\", \"config\": {\"layers\": [": "a file layout",
    "lr-mpi: error: rank 3: runs/wide.h5: the file is damaged at /weights/1/weight (a data checksum (Fletcher-32) does not match)":
        "an error line, not a command (MPITests check it)",
    "lr-train: error: runs/run.h5: cannot write it (no space left on device); its 12 complete checkpoints are kept, and lr-train --resume continues the run (until then h5py opens it with swmr=True)":
        "error lines, not commands (WriteFaultTests and ReportedFaultTests check them)",
    "cores ≲ min( W / S,  C · (W − F) / F )": "a formula",
    "from localrank import RunWriter, checkpoint_steps                                     # +":
        "PyTorch, which make test does not install: compiled only; its RunWriter and checkpoint_steps calls run "
        "in the README's and this page's first blocks",
}

# Documents whose commands another target runs, and why (their blocks count as listed).
COVERED_ELSEWHERE = {
    "docs/results.md": "its paper-scale sweeps are paper/make-paper.sh's commands, which `make paper` runs to write this "
                       "page; shortened, they took about 20 s of make test (issue 20 keeps make test within 8 minutes)",
}

# Lines of runnable blocks that are skipped, and why.
SKIPPED_LINES = {
    "swift build -c release --product lr-mpi      # or: make release": "make test has built lr-mpi",
    "srun lr-mpi …                                                        # the same in a Slurm job": "no Slurm here",
}

SUBSTITUTIONS = [
    ("/path/to/mnist", FASHION),
    ("lr-train sweep … --resume", "lr-train sweep --preset gaussian-mlp3 --grid weight-decay=0,1e-3,1e-2,1e-1 "
     "--grid lr=1e-4,1e-3 --seeds 0-4 --out sweeps/gauss/ --resume"),
    ("theirs.h5", "runs/mnist.h5"),
    ("mpirun -n 64", "mpirun -n 2 --oversubscribe --allow-run-as-root -q"),
    ("mpirun -n 16", "mpirun -n 2 --oversubscribe --allow-run-as-root -q"),
    ("runs/wide.h5", "sweeps/gauss/weight-decay-0_seed-0.h5"),
]

TRAIN_FLAGS = ["--steps", "30", "--checkpoints", "log:3", "--eval-examples", "100"]


def shortened(command):
    """`command` with the flags that make it quick appended (the last value given wins)."""
    words = command.split()
    tool = next((w for w in words if w.endswith(("lr-train", "lr-analyze", "lr-mpi"))), None)
    if tool is None:
        return command
    extra = []
    if tool.endswith("lr-train") or "sweep" in words:
        if "--resume" in words and "sweep" not in words:
            extra = ["--steps", "40"]
        else:
            extra = list(TRAIN_FLAGS)
            if "--seeds" in words:
                extra += ["--seeds", "0"]
            if "--betas" in words:
                extra += ["--betas", "logspace:1e-3:1:2"]
    elif not {"theory", "validate", "schema"} & set(words):
        extra = ["--probe", "8"]
    head, redirect, tail = command.partition(" > ")
    return " ".join([head.rstrip()] + extra) + (f" > {tail}" if redirect else "")


@pytest.fixture(scope="session")
def checkpoints(tmp_path_factory):
    """Keras and safetensors checkpoints, a probe and labels for lr-import's examples."""
    directory = tmp_path_factory.mktemp("checkpoints")
    subprocess.run([sys.executable, str(pathlib.Path(__file__).parent / "make_checkpoints.py"), str(directory)],
                   check=True, capture_output=True)
    return directory


def prepare_directory(directory, tools, checkpoints):
    """A fresh clone's state for the commands: the tools on PATH and as .build/release, the
    samples, and lr-import's checkpoints and probe."""
    shutil.copytree(checkpoints, directory, dirs_exist_ok=True)
    (directory / ".build").mkdir()
    (directory / ".build" / "release").symlink_to(tools)
    shutil.copytree(ROOT / "samples", directory / "samples")
    env = dict(os.environ, PATH=f"{tools}:{os.environ['PATH']}", PYTHONPATH=str(ROOT / "python"), KERAS_BACKEND="jax")
    return env


def run_shell(block, directory, env):
    for line in block.text.splitlines():
        line = line.strip()
        if not line or line in SKIPPED_LINES:
            continue
        for old, new in SUBSTITUTIONS:
            line = line.replace(old, new)
        line = line.partition("  #")[0].rstrip()   # a comment may say "…"; the command may not
        assert "…" not in line, f"{block}: a placeholder without a substitution in the test: {line}"
        command = shortened(line)
        start = time.monotonic()
        result = subprocess.run(["bash", "-c", command], cwd=directory, env=env, capture_output=True, text=True,
                                timeout=300)
        print(f"{time.monotonic() - start:6.1f} s  {command}")
        assert result.returncode == 0, f"{block}: `{command}` exited {result.returncode}:\n{result.stderr[-2000:]}"


def run_python(block, directory, env, namespace):
    code = block.text
    for old, new in PYTHON_SUBSTITUTIONS:
        code = code.replace(old, new)
    previous = os.getcwd()
    os.chdir(directory)
    saved_path = os.environ["PATH"]
    os.environ["PATH"] = env["PATH"]
    try:
        exec(compile(code, str(block), "exec"), namespace)
    finally:
        os.chdir(previous)
        os.environ["PATH"] = saved_path


PYTHON_SUBSTITUTIONS = [
    ("for step in …:", "for step in [0, 10, 20]:"),
    ("    ...                                        # one append per checkpoint, steps increasing", "    pass"),
]

PRELUDES = {
    # Data for the snippets' free names: a small classification problem, and torch-like
    # layers (numpy arrays behind .weight.detach().cpu()) for the README's loop.
    "README.md": """
import numpy as np
rng = np.random.default_rng(0)
x = rng.standard_normal((600, 784)).astype(np.float32)
y = rng.integers(0, 10, 600)
class _Tensor:
    def __init__(self, a): self.a = a
    def detach(self): return self
    def cpu(self): return self.a
    def __array__(self, dtype=None, copy=None): return self.a
class _Linear:
    def __init__(self, n_out, n_in):
        self.weight = _Tensor(rng.standard_normal((n_out, n_in)).astype(np.float32) / np.sqrt(n_in))
        self.bias = _Tensor(np.zeros(n_out, np.float32))
layers = [_Linear(200, 784), _Linear(10, 200)]
loss, test_loss, accuracy = 2.3, 2.3, 0.1
""",
    "docs/python.md": """
import numpy as np
rng = np.random.default_rng(0)
x_train = rng.standard_normal((640, 784)).astype(np.float32)
y_train = rng.integers(0, 10, 640)
x_test = rng.standard_normal((200, 784)).astype(np.float32)
y_test = rng.integers(0, 10, 200)
weights = [rng.standard_normal((200, 784)).astype(np.float32) * 0.05, rng.standard_normal((10, 200)).astype(np.float32) * 0.05]
biases = [np.zeros(200, np.float32), np.zeros(10, np.float32)]
eps = 1e-3
k = 0
""",
}

# Run right before the block whose first line is the key.
BLOCK_PRELUDES = {
    # The h5py lines' inputs: a three-layer regression network's checkpoints.
    'with h5py.File(path, "w", libver=("v110", "v110")) as f:': """
path, sizes, L = "by-hand.h5", [784, 100, 100, 10], 3
X, Y = x_train[:64], rng.standard_normal((64, 10))
steps = [0, 10, 20]
checkpoints = [[(rng.standard_normal((sizes[l + 1], sizes[l])) * 0.05, np.zeros(sizes[l + 1])) for l in range(L)]
               for _ in steps]
columns = {"epoch": [0.0, 0.5, 1.0], "wall_time": [0.0, 1.0, 2.0], "train_loss": [1.0, 0.9, 0.8], "test_loss": [1.0, 0.95, 0.9]}
""",
}

# What a document's Python blocks need that an earlier shell step makes.
SETUP = {
    "docs/python.md": "lr-analyze run.h5 --eps 1e-3 --quiet",
}


def all_blocks():
    return [block for doc in DOCS for block in snippets.extract(doc, (ROOT / doc).read_text())]


def test_every_block_is_run_or_listed():
    unknown = [f"{block}: {block.first_line}" for block in all_blocks()
               if kind(block) is None and block.first_line not in NOT_RUN and block.doc not in COVERED_ELSEWHERE]
    assert not unknown, "blocks neither run by this test nor listed in NOT_RUN:\n" + "\n".join(unknown)


def kind(block):
    if block.first_line in NOT_RUN or block.doc in COVERED_ELSEWHERE:
        return None
    if block.lang == "python":
        return "python"
    commands = ("lr-", ".build/release/", "mpirun", "swift build", "srun")
    if block.lang in ("", "sh", "bash") and all(line.strip().startswith(commands)
                                                for line in block.text.splitlines() if line.strip()):
        return "shell"
    return None


def test_the_pytorch_block_compiles():
    block = next(b for b in all_blocks() if b.first_line.startswith("from localrank import RunWriter, checkpoint_steps"))
    compile(block.text, str(block), "exec")


def test_the_matplotlib_block_compiles():
    block = next(b for b in all_blocks() if b.first_line == "import matplotlib.pyplot as plt")
    compile(block.text, str(block), "exec")


@pytest.mark.parametrize("doc", [doc for doc in DOCS if doc not in COVERED_ELSEWHERE])
def test_document_runs(doc, tmp_path, tools, checkpoints):
    env = prepare_directory(tmp_path, tools, checkpoints)
    namespace = {}
    if doc in PRELUDES:
        exec(PRELUDES[doc], namespace)
    for block in snippets.extract(doc, (ROOT / doc).read_text()):
        what = kind(block)
        if what == "shell":
            run_shell(block, tmp_path, env)
        elif what == "python":
            if doc in SETUP and block.first_line.startswith("with h5py.File(\"run.lr.h5\""):
                subprocess.run(["bash", "-c", SETUP[doc]], cwd=tmp_path, env=env, check=True)
            if block.first_line in BLOCK_PRELUDES:
                exec(BLOCK_PRELUDES[block.first_line], namespace)
            run_python(block, tmp_path, env, namespace)
    check_outputs(doc, tmp_path, env, namespace)


def check_outputs(doc, directory, env, namespace):
    """What the blocks should have left, checked with the tools themselves."""
    if doc == "docs/python.md":
        # The pandas example read every run of its sweep, and write_tensorboard wrote each run's events.
        frame = namespace["df"]
        assert set(frame["weight_decay"]) == {0, 0.01} and frame["finite"].all() and frame["value"].notna().all()
        assert len(list(directory.glob("tb/*/events.out.tfevents.*"))) == frame["run"].nunique()
        # The hand-written h5py lines make a file that the strict validator accepts.
        result = subprocess.run(["lr-analyze", "validate", namespace["path"]], cwd=directory, env=env,
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
