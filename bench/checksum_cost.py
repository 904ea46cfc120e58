#!/usr/bin/env python3
"""What HDF5's Fletcher-32 chunk checksums cost: writing a run file's [C, ...] datasets as
lr-train stores them (one checkpoint per chunk, shuffle + gzip 4) with and without the
checksum, through h5py (the same HDF5 filter code our Swift writer calls). Interleaved
repeats, medians. Prints one JSON object.

    python3 bench/checksum_cost.py [--layers 784,200,200,200,200,10] [--checkpoints 60] [--repeats 5]
"""

import argparse
import json
import os
import statistics
import tempfile
import time

import h5py
import numpy as np


def write_run(path, sizes, checkpoints, checksum, seed=0):
    """The weights and biases of `checkpoints` checkpoints, appended one at a time."""
    rng = np.random.default_rng(seed)
    with h5py.File(path, "w", libver=("v110", "v110")) as f:
        datasets = []
        for l in range(len(sizes) - 1):
            for shape in [(sizes[l + 1], sizes[l]), (sizes[l + 1],)]:
                datasets.append(f.create_dataset(f"w{l}_{len(shape)}", shape=(0, *shape), maxshape=(None, *shape),
                                                 chunks=(1, *shape), dtype="f4", shuffle=True, compression="gzip",
                                                 compression_opts=4, fletcher32=checksum))
        for k in range(checkpoints):
            for d in datasets:
                d.resize(k + 1, axis=0)
                d[k] = rng.standard_normal(d.shape[1:]).astype("f4")
            f.flush()


def read_run(path):
    with h5py.File(path, "r") as f:
        for name in f:
            for k in range(f[name].shape[0]):
                f[name][k]


def median_seconds(action, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--layers", default="784,200,200,200,200,10")
    parser.add_argument("--checkpoints", type=int, default=60)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    sizes = [int(n) for n in args.layers.split(",")]
    result = {}
    with tempfile.TemporaryDirectory() as directory:
        paths = {checksum: os.path.join(directory, f"run-{checksum}.h5") for checksum in (False, True)}
        for phase in ("write", "read"):
            times = {False: [], True: []}
            for _ in range(args.repeats):
                for checksum in (False, True):
                    action = (lambda: write_run(paths[checksum], sizes, args.checkpoints, checksum)) if phase == "write" \
                        else (lambda: read_run(paths[checksum]))
                    times[checksum].append(median_seconds(action, 1))
            plain, checked = statistics.median(times[False]), statistics.median(times[True])
            result[phase] = {"plain_seconds": plain, "checksummed_seconds": checked,
                             "cost_percent": 100 * (checked - plain) / plain}
        result["bytes"] = {str(k): os.path.getsize(p) for k, p in paths.items()}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
