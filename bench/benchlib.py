#!/usr/bin/env python3
"""Small helpers for the bench/*.sh drivers (timing, medians, parsing). Standard library only.

    benchlib.py time STDOUT STDERR -- CMD...  run CMD, save its output, print wall seconds
    benchlib.py time-cpu STDOUT STDERR -- CMD...
                                             the same, printing wall and CPU (user + system) seconds
    benchlib.py median X...                  median of numbers
    benchlib.py sum X...                     sum of numbers
    benchlib.py div A B                      A / B
    benchlib.py mul A B                      A * B
    benchlib.py overhead BASE WITH           percentage (WITH - BASE) / BASE * 100
    benchlib.py json FILE KEY                a top-level field of a JSON file (last JSON line)
    benchlib.py compare-ranks OURS JAX [EPS_INDEX]
                                             max |ours - JAX| of the per-layer mean local rank over the
                                             checkpoints JAX computed (lr-analyze JSON vs reference_analyze.py)
"""

import json
import resource
import statistics
import subprocess
import sys
import time


def fail(message):
    print(f"benchlib: {message}", file=sys.stderr)
    sys.exit(1)


def children_cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cmd_time(args, cpu=False):
    if len(args) < 4 or args[2] != "--":
        fail("usage: time STDOUT STDERR -- CMD...")
    out_path, err_path, command = args[0], args[1], args[3:]
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        start, cpu_start = time.perf_counter(), children_cpu_seconds()
        rc = subprocess.call(command, stdout=out, stderr=err)
        seconds, cpu_seconds = time.perf_counter() - start, children_cpu_seconds() - cpu_start
    if rc != 0:
        with open(err_path, errors="replace") as err:
            tail = err.read()[-2000:]
        fail(f"command failed (exit {rc}): {' '.join(command)}\n{tail}")
    print(f"{seconds:.6f} {cpu_seconds:.6f}" if cpu else f"{seconds:.6f}")


def last_json(path):
    with open(path) as f:
        lines = [line for line in f.read().splitlines() if line.strip()]
    text = "\n".join(lines)
    try:
        return json.loads(text)  # a whole (possibly pretty-printed) JSON document
    except json.JSONDecodeError:
        for line in reversed(lines):
            try:
                return json.loads(line)
            except json.JSONDecodeError:
                continue
    fail(f"{path}: no JSON found")


def compare_ranks(ours_path, jax_path, eps_index=0):
    ours, ref = last_json(ours_path), last_json(jax_path)
    by_step = {c["step"]: c for c in ours["checkpoints"]}
    worst, compared = 0.0, 0
    for k, step in enumerate(ref["steps"]):
        if step not in by_step:
            fail(f"{ours_path}: no checkpoint at step {step}")
        mine = by_step[step]["local_rank"][eps_index]
        theirs = ref["local_rank"][k][eps_index]
        if len(mine) != len(theirs):
            fail(f"layer counts differ: ours {len(mine)}, JAX {len(theirs)}")
        for a, b in zip(mine, theirs):
            worst = max(worst, abs(a - b)) if a is not None else float("inf")
        compared += 1
    return worst, compared


def main(argv):
    if not argv:
        fail(__doc__)
    cmd, args = argv[0], argv[1:]
    if cmd == "time":
        cmd_time(args)
    elif cmd == "time-cpu":
        cmd_time(args, cpu=True)
    elif cmd == "median":
        print(f"{statistics.median(float(x) for x in args):.6g}")
    elif cmd == "sum":
        print(f"{sum(float(x) for x in args):.6g}")
    elif cmd == "mul":
        print(f"{float(args[0]) * float(args[1]):.4g}")
    elif cmd == "div":
        print(f"{float(args[0]) / float(args[1]):.4g}")
    elif cmd == "overhead":
        base, with_ = float(args[0]), float(args[1])
        print(f"{(with_ - base) / base * 100:.1f}")
    elif cmd == "json":
        value = last_json(args[0])[args[1]]
        print(json.dumps(value) if isinstance(value, (list, dict)) else value)
    elif cmd == "compare-ranks":
        worst, compared = compare_ranks(args[0], args[1], int(args[2]) if len(args) > 2 else 0)
        print(f"{worst:.6g} {compared}")
    else:
        fail(f"unknown command {cmd!r}\n{__doc__}")


if __name__ == "__main__":
    main(sys.argv[1:])
