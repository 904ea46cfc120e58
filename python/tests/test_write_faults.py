"""RunWriter on a disk that fills up (or fails), and open_run on files that point elsewhere.

A full disk is Tests/faults/failwrites.c, loaded with LD_PRELOAD into a training script:
after N bytes, writes to the files of one directory fail as a full disk (or a failing one)
fails them. Each budget must end with one RunWriteError naming the file and the cause, no
crash, no file left that holds no checkpoint, and the checkpoints kept exactly those appended.
LOCAL_RANK_FAULT_BUDGETS (make fuzz) tries more budgets.
"""

import errno
import json
import os
import shutil
import subprocess
import sys

import h5py
import numpy as np
import pytest

import support
from localrank import ExternalDataError, RunWriter, layout, open_run

SHIM_SOURCE = support.REPOSITORY / "Tests" / "faults" / "failwrites.c"
PACKAGE = support.REPOSITORY / "python"

# A training loop that appends 11 checkpoints of a seeded network and reports a failed write
# the way a user's script would: its one line on stderr, exit status 1.
SCRIPT = """
import sys
import numpy as np
sys.path.insert(0, sys.argv[2])
from localrank import RunWriter, RunWriteError
rng = np.random.default_rng(0)
sizes = [8, 16, 4]
try:
    with RunWriter(sys.argv[1], layer_sizes=sizes, activations=["relu", "identity"], task="regression",
                   probe_x=rng.standard_normal((16, 8)), probe_y=rng.standard_normal((16, 4)), total_steps=100) as run:
        for step in range(0, 101, 10):
            weights = [rng.standard_normal((sizes[l + 1], sizes[l])) for l in range(2)]
            biases = [rng.standard_normal(sizes[l + 1]) for l in range(2)]
            run.append(step, weights, biases, {"train_loss": 1.0, "test_loss": 1.0})
except RunWriteError as error:
    print(error, file=sys.stderr)
    sys.exit(1)
"""


@pytest.fixture(scope="session")
def shim(tmp_path_factory):
    """The write-fault shim, built with the C compiler (cc, gcc or clang)."""
    compiler = os.environ.get("CC") or next((c for c in ("cc", "gcc", "clang") if shutil.which(c)), None)
    if compiler is None:
        pytest.fail("no C compiler (cc, gcc or clang) to build the write-fault shim; install gcc (make test does)")
    library = tmp_path_factory.mktemp("shim") / "failwrites.so"
    subprocess.run([compiler, "-shared", "-fPIC", "-O2", "-o", str(library), str(SHIM_SOURCE), "-ldl"], check=True)
    return library


def write_run(path, environment=None):
    return subprocess.run([sys.executable, "-c", SCRIPT, str(path), str(PACKAGE)], capture_output=True, text=True,
                          env=environment, timeout=120)


def budgets(size, count):
    count = max(int(os.environ.get("LOCAL_RANK_FAULT_BUDGETS", count)), 2)
    return [size * k // (count - 1) for k in range(count)]


@pytest.mark.parametrize("failure", [errno.ENOSPC, errno.EIO])
def test_a_full_disk_is_one_error_and_keeps_only_complete_checkpoints(tmp_path, shim, lr_analyze, failure):
    whole = tmp_path / "whole.h5"
    assert write_run(whole).returncode == 0
    with h5py.File(whole, "r") as f:
        reference = [f[f"weights/{l}/weight"][...] for l in range(2)]
    stopped = tried = 0
    for budget in budgets(5 * os.path.getsize(whole), 4):
        tried += 1
        disk = tmp_path / f"disk-{budget}"
        disk.mkdir()
        run = disk / "run.h5"
        environment = dict(os.environ, LD_PRELOAD=str(shim), LOCAL_RANK_FAULT_DIRECTORY=str(disk),
                           LOCAL_RANK_FAULT_BYTES=str(budget), LOCAL_RANK_FAULT_ERRNO=str(failure))
        result = write_run(run, environment)
        assert result.returncode in (0, 1), f"{budget} bytes: status {result.returncode} (a crash?): {result.stderr[-600:]}"
        if result.returncode == 0:
            continue
        stopped += 1
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"{run}: cannot write it ({os.strerror(failure).lower()}); "), \
            f"{budget} bytes: {result.stderr}"
        assert sorted(os.listdir(disk)) in ([], ["run.h5"]), f"{budget} bytes: left {os.listdir(disk)}"
        if not run.exists():
            assert "nothing was kept" in lines[0]
            continue
        # What is kept: whole checkpoints, exactly those appended, read by h5py and lr-analyze.
        # A failing disk (EIO) may instead have torn what the file held: then it is refused
        # as damaged, never misread.
        try:
            with open_run(run) as f:
                steps = f["checkpoints/step"][...]
                count = layout.committed_count(steps)
                weights = [f[f"weights/{l}/weight"][:count] for l in range(2)]
        except (OSError, KeyError, RuntimeError) as error:
            assert failure == errno.EIO and "checksum" in str(error), f"{budget} bytes: {error}"
            continue
        assert count >= len(steps) - 1 and list(steps[:count]) == list(range(0, 10 * count, 10))
        for l in range(2):
            assert np.array_equal(weights[l], reference[l][:count])
        report = subprocess.run([str(lr_analyze), str(run), "--format", "json", "--quiet"], capture_output=True, text=True)
        if report.returncode == 0:
            assert [c["step"] for c in json.loads(report.stdout)["checkpoints"]] == list(range(0, 10 * count, 10))
        else:
            assert failure == errno.EIO and "damaged" in report.stderr, f"{budget} bytes: {report.stderr}"
    assert stopped >= 2
    # The tally make fuzz prints (pytest -s).
    print(f"\nwrite faults, localrank.RunWriter ({errno.errorcode[failure]}): {tried} budgets: {stopped} stopped with "
          f"one error, {tried - stopped} finished, 0 crashes, 0 problems")


def test_open_run_refuses_data_in_other_files(tmp_path):
    x = np.random.default_rng(0).standard_normal((16, 8))
    with RunWriter(tmp_path / "run.h5", [8, 4], ["identity"], "regression", x, x[:, :4]) as run:
        run.append(0, [np.eye(4, 8)], [np.zeros(4)], {"train_loss": 1.0, "test_loss": 1.0})
    secret = tmp_path / "secret.bin"
    np.arange(4, dtype=np.float32).tofile(secret)
    with h5py.File(tmp_path / "run.h5", "r+") as f:
        del f["weights/0/bias"]
        f.create_dataset("weights/0/bias", shape=(1, 4), dtype=np.float32, external=[(str(secret), 0, 16)])
        f["linked"] = h5py.ExternalLink(str(secret), "/anything")
    with pytest.raises(ExternalDataError) as refused:
        open_run(tmp_path / "run.h5")
    assert str(refused.value) == (f"{tmp_path / 'run.h5'}: /linked: its data is stored in another file, {secret}:/anything "
                                  "(an external link); pass allow_external=True to read it")
    del_link = h5py.File(tmp_path / "run.h5", "r+")
    del del_link["linked"]
    del_link.close()
    with pytest.raises(ExternalDataError, match="/weights/0/bias: its data is stored in another file, .*secret.bin "
                                                r"\(external raw storage\)"):
        open_run(tmp_path / "run.h5")
    with open_run(tmp_path / "run.h5", allow_external=True) as f:
        assert list(f["weights/0/bias"][0]) == [0, 1, 2, 3]
