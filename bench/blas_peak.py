#!/usr/bin/env python3
"""The machine's practical float64 peak: GFLOP/s of a large square matrix product (numpy's
OpenBLAS dgemm), the yardstick for the FLOP counts in README's speed notes.

    python3 bench/blas_peak.py [--size 3000] [--repeats 5] [--threads N]

--threads sets OPENBLAS_NUM_THREADS for this process only (before numpy loads OpenBLAS);
without it OpenBLAS uses every core. Prints one JSON line: size, threads, the median and
best GFLOP/s (2·n³ flops per product) over the repeats, the median GFLOP per CPU second (all
threads' user + system time: one core's rate, which other programs on the machine lower less
than the wall-clock rate), and the load average before and after.
"""

import argparse
import json
import os
import statistics
import sys
import time


def load_average():
    with open("/proc/loadavg") as f:
        return [float(x) for x in f.read().split()[:3]]


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=3000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--threads", type=int)
    args = parser.parse_args(argv)
    if args.threads is not None:
        os.environ["OPENBLAS_NUM_THREADS"] = str(args.threads)
    import numpy as np  # after the environment is set: OpenBLAS reads it when it loads

    before = load_average()
    rng = np.random.default_rng(0)
    a, b = rng.standard_normal((2, args.size, args.size))
    a @ b  # warm-up: threads started, pages touched
    rates, cpu_rates = [], []
    for _ in range(args.repeats):
        start, cpu_start = time.perf_counter(), time.process_time()
        a @ b
        rates.append(2 * args.size**3 / (time.perf_counter() - start) / 1e9)
        cpu_rates.append(2 * args.size**3 / (time.process_time() - cpu_start) / 1e9)
    print(json.dumps({
        "size": args.size, "threads": args.threads or os.cpu_count(),
        "median_gflops": round(statistics.median(rates), 2), "best_gflops": round(max(rates), 2),
        "gflop_per_cpu_second": round(statistics.median(cpu_rates), 2),
        "load_before": before, "load_after": load_average(),
    }))


if __name__ == "__main__":
    main(sys.argv[1:])
