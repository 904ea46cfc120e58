#!/usr/bin/env python3
"""Samples what else uses the CPU while paper/make-paper.sh runs.

    python3 paper/cpu_load.py --pid PID --to load.tsv [--interval 5]

Every `--interval` seconds appends one row to `--to`: the CPU use (in % of one core) of the
processes descended from PID, of all others, and the busiest others by name (those above 5%
of a core). Stops when PID is gone or on SIGTERM/SIGINT. Linux (/proc) only; Python 3
standard library only. The report summarizes the file (report/statistics.py, load_summary).
"""

import argparse
import os
import signal
import sys
import time

HEADER = "time\tours_percent\tothers_percent\tbusiest_others\n"


def snapshot():
    """{pid: (name, parent pid, user + system clock ticks)} of every process."""
    processes = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                data = f.read()
        except OSError:
            continue
        close = data.rindex(")")
        fields = data[close + 2:].split()
        processes[int(entry)] = (data[data.index("(") + 1:close], int(fields[1]),
                                 int(fields[11]) + int(fields[12]))
    return processes


def descends_from(pid, root_pid, processes):
    for _ in range(64):
        if pid == root_pid:
            return True
        if pid not in processes:
            return False
        pid = processes[pid][1]
    return False


def usage(before, after, elapsed, root_pid, ticks):
    """(ours %, others %, {name: %} of the others) between two snapshots."""
    mine, others, by_name = 0.0, 0.0, {}
    for pid, (name, _, cpu) in after.items():
        used = 100.0 * (cpu - before[pid][2]) / ticks / elapsed if pid in before else 0.0
        if used <= 0:
            continue
        if descends_from(pid, root_pid, after):
            mine += used
        else:
            others += used
            by_name[name] = by_name.get(name, 0.0) + used
    return mine, others, by_name


def sample(root_pid, path, interval):
    ticks = os.sysconf("SC_CLK_TCK")
    with open(path, "w") as f:
        f.write(HEADER)
    before, then = snapshot(), time.monotonic()
    while os.path.exists(f"/proc/{root_pid}"):
        time.sleep(interval)
        after, now = snapshot(), time.monotonic()
        mine, others, by_name = usage(before, after, now - then, root_pid, ticks)
        busiest = ",".join(f"{n}:{u:.0f}" for n, u in sorted(by_name.items(), key=lambda x: -x[1])[:4] if u >= 5)
        with open(path, "a") as f:
            f.write(f"{time.time():.0f}\t{mine:.1f}\t{others:.1f}\t{busiest}\n")
        before, then = after, now


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pid", type=int, required=True, help="the process whose descendants are ours")
    parser.add_argument("--to", required=True, help="the TSV file to write")
    parser.add_argument("--interval", type=float, default=5.0, help="seconds between samples")
    options = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        sample(options.pid, options.to, options.interval)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
