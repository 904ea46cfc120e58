"""Fixtures: the lr-analyze binary the tests run (a missing one fails them, never skips)."""

import os

import pytest

import support


@pytest.fixture(scope="session")
def lr_analyze():
    """lr-analyze from $LOCAL_RANK_BIN (make test sets it), else .build/release or .build/debug."""
    path = support.find_tool("lr-analyze")
    if path is None:
        where = f"in LOCAL_RANK_BIN={os.environ['LOCAL_RANK_BIN']}" if os.environ.get("LOCAL_RANK_BIN") \
            else "in .build/release or .build/debug (LOCAL_RANK_BIN is not set)"
        pytest.fail(f"lr-analyze not found {where}: build it (swift build -c release --product lr-analyze) "
                    "or point LOCAL_RANK_BIN to the directory holding it; make test does both")
    return path


@pytest.fixture(scope="session")
def lr_train():
    """lr-train, found as lr-analyze is."""
    path = support.find_tool("lr-train")
    if path is None:
        pytest.fail("lr-train not found: build it (swift build -c release) or point LOCAL_RANK_BIN to it")
    return path
