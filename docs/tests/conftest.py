"""Fixtures: the directory of the built tools (a missing one fails the tests, never skips)."""

import os
import pathlib
import sys

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).parent))

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def tools():
    """$LOCAL_RANK_BIN (make test sets it), else .build/release."""
    candidates = [os.environ.get("LOCAL_RANK_BIN"), str(ROOT / ".build" / "release")]
    for directory in filter(None, candidates):
        if all((pathlib.Path(directory) / tool).exists() for tool in ("lr-train", "lr-analyze", "lr-import", "lr-mpi")):
            return pathlib.Path(directory).resolve()
    pytest.fail("lr-train, lr-analyze, lr-import and lr-mpi not found in LOCAL_RANK_BIN or .build/release: "
                "build them (make release) or point LOCAL_RANK_BIN to them; make test does both")
