"""Fixtures: the lr-analyze binary the tests run (a missing one fails them, never skips)."""

import pytest

import support


@pytest.fixture(scope="session")
def lr_analyze():
    """lr-analyze from $LOCAL_RANK_BIN (make test sets it), else .build/release or .build/debug."""
    path = support.find_tool("lr-analyze")
    if path is None:
        pytest.fail("lr-analyze not found: set LOCAL_RANK_BIN to the directory holding it, or build it "
                    "(swift build -c release --product lr-analyze); make test does both")
    return path
