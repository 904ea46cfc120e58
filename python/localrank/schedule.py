"""When to write a checkpoint: lr-train's --checkpoints, with the same semantics.

A schedule gives the training steps (updates done) at which to write a checkpoint. Step 0
(the initialization) and the last step are always included.
"""

import math
import re

from .validate import non_negative

_INTEGER = re.compile(r"[+-]?[0-9]+")


class CheckpointSchedule:
    """A checkpoint schedule: ``every:N``, ``log:K``, ``none`` or a list of steps.

    >>> CheckpointSchedule.parse("every:250").steps(1000)
    [0, 250, 500, 750, 1000]
    >>> CheckpointSchedule.parse("log:5").steps(1000)
    [0, 1, 6, 32, 178, 1000]
    """

    def __init__(self, kind, value=None):
        """Prefer parse(); kind is "every", "log", "steps" or "none"."""
        if kind not in ("every", "log", "steps", "none"):
            raise ValueError(f"unknown schedule kind {kind!r}")
        self.kind, self.value = kind, value

    @classmethod
    def parse(cls, spec):
        """A schedule from lr-train's text (``every:N``, ``log:K``, ``none``, ``0,10,100``),
        a list of steps, or a CheckpointSchedule (returned as is)."""
        if isinstance(spec, CheckpointSchedule):
            return spec
        if isinstance(spec, str):
            return cls._parse_text(spec)
        try:
            items = list(spec)
        except TypeError:
            raise TypeError(f"checkpoint schedule {spec!r}: expected text like 'every:N' or 'log:K', "
                            "or a list of steps") from None
        steps = [non_negative(step, "step") for step in items]
        if not steps:
            raise ValueError("checkpoint schedule: the list of steps is empty")
        return cls("steps", steps)

    @classmethod
    def _parse_text(cls, text):
        for prefix, kind in (("every:", "every"), ("log:", "log")):
            if text.startswith(prefix):
                n = _integer(text[len(prefix):])
                if n is None or n <= 0:
                    raise ValueError(f"checkpoint schedule {text!r}: {kind}: needs a positive integer")
                return cls(kind, n)
        if text == "none":
            return cls("none")
        # Like Swift's split(separator:), empty pieces ("1,,2", "5,") are dropped.
        parts = [_integer(part.strip(" ")) for part in text.split(",") if part]
        if not parts or any(p is None or p < 0 for p in parts):
            raise ValueError(f"checkpoint schedule {text!r}: expected every:N, log:K, none, "
                             "or a comma-separated list of steps >= 0")
        return cls("steps", parts)

    def steps(self, total_steps):
        """The sorted checkpoint steps of a run of total_steps updates."""
        total = non_negative(total_steps, "total_steps")
        chosen = {0, total}
        if self.kind == "every":
            chosen.update(range(0, total + 1, self.value))
        elif self.kind == "log" and total > 0:
            top = math.log(total)
            for i in range(self.value):
                fraction = 1.0 if self.value == 1 else i / (self.value - 1)
                # Half away from zero, as Swift's rounded(); Python's round() is banker's.
                chosen.add(math.floor(math.exp(fraction * top) + 0.5))
        elif self.kind == "steps":
            chosen.update(step for step in self.value if step <= total)
        return sorted(chosen)

    def __str__(self):
        if self.kind == "steps":
            return ",".join(map(str, self.value))
        return "none" if self.kind == "none" else f"{self.kind}:{self.value}"

    def __repr__(self):
        return f"CheckpointSchedule.parse({str(self)!r})"

    def __eq__(self, other):
        return isinstance(other, CheckpointSchedule) and (self.kind, self.value) == (other.kind, other.value)

    def __hash__(self):
        return hash((self.kind, tuple(self.value) if self.kind == "steps" else self.value))


def checkpoint_steps(schedule, total_steps):
    """The sorted checkpoint steps of `schedule` (anything CheckpointSchedule.parse takes)
    for a run of total_steps updates: ``checkpoint_steps("every:100", 1000)``."""
    return CheckpointSchedule.parse(schedule).steps(total_steps)


def _integer(text):
    """An integer written in ASCII digits (as Swift's Int(text) reads it), else None."""
    return int(text) if _INTEGER.fullmatch(text) else None
