"""The checkpoint schedule has lr-train's semantics (--checkpoints)."""

import pytest

from localrank import CheckpointSchedule, checkpoint_steps

# Steps lr-train wrote with these --steps and --checkpoints (lr-train --data gaussian:4x2
# --layers 4,8,2 --steps N --checkpoints SPEC; then /checkpoints/step).
LR_TRAIN = [
    (200, "log:40", [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 15, 17, 20, 23, 26, 30, 34, 39, 45, 51, 59,
                     67, 77, 89, 101, 116, 133, 152, 175, 200]),
    (1000, "log:12", [0, 1, 2, 4, 7, 12, 23, 43, 81, 152, 285, 534, 1000]),
    (50, "every:7", [0, 7, 14, 21, 28, 35, 42, 49, 50]),
    (50, "0,3,99,5", [0, 3, 5, 50]),
    (7, "none", [0, 7]),
    (1, "log:5", [0, 1]),
    (10, "log:1", [0, 10]),
]


@pytest.mark.parametrize("total, spec, expected", LR_TRAIN)
def test_steps_are_lr_train_steps(total, spec, expected):
    assert CheckpointSchedule.parse(spec).steps(total) == expected
    assert checkpoint_steps(spec, total) == expected


def test_step_zero_and_the_last_step_are_always_included():
    assert checkpoint_steps("every:300", 1000) == [0, 300, 600, 900, 1000]
    assert checkpoint_steps([500], 1000) == [0, 500, 1000]
    assert checkpoint_steps("log:3", 0) == [0]


def test_a_list_of_steps_is_sorted_and_cut_at_the_last_step():
    assert checkpoint_steps([30, 10, 10, 2000], 100) == [0, 10, 30, 100]
    assert checkpoint_steps(" 5 , 1,", 10) == [0, 1, 5, 10]  # lr-train trims spaces, drops empty pieces


def test_text_round_trips():
    for spec in ("every:7", "log:40", "none", "0,3,5"):
        schedule = CheckpointSchedule.parse(spec)
        assert str(schedule) == spec
        assert CheckpointSchedule.parse(str(schedule)) == schedule
    assert CheckpointSchedule.parse(CheckpointSchedule.parse("log:4")) == CheckpointSchedule.parse("log:4")


@pytest.mark.parametrize("spec", ["every:0", "log:-1", "every:", "log:x", "sometimes", "", ",", "1,-2", "1.5",
                                  "every:1e3"])
def test_bad_text_is_refused(spec):
    with pytest.raises(ValueError, match="checkpoint schedule"):
        CheckpointSchedule.parse(spec)


def test_bad_lists_and_totals_are_refused():
    with pytest.raises(ValueError, match="empty"):
        CheckpointSchedule.parse([])
    with pytest.raises(TypeError, match="not an integer"):
        CheckpointSchedule.parse([1.5])
    with pytest.raises(ValueError, match="negative"):
        CheckpointSchedule.parse([-1])
    with pytest.raises(TypeError):
        CheckpointSchedule.parse(12)
    with pytest.raises(ValueError, match="negative"):
        checkpoint_steps("every:5", -1)
