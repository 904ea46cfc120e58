#!/usr/bin/env python3
"""Open a run file as an SWMR reader and print the number of checkpoints as JSON.

    python3 Tests/python/check_swmr_reader.py RUNFILE
    -> {"checkpoints": C, "last_step": S}   (last_step is null when C = 0)

Opening with swmr=True succeeds only for files in the HDF5 1.10 format (or later) that
are either closed cleanly or open by an SWMR writer; C is the length of
/checkpoints/step, the commit record of run format v1. Exits 1 with a message otherwise.
"""

import json
import sys

import h5py


def main(argv):
    if len(argv) != 1 or argv[0].startswith("-"):
        print("usage: check_swmr_reader.py RUNFILE", file=sys.stderr)
        return 2
    path = argv[0]
    try:
        with h5py.File(path, "r", libver="latest", swmr=True) as f:
            step = f["checkpoints/step"]
            step.refresh()
            steps = step[()]
    except Exception as e:
        print(f"check_swmr_reader: {path}: {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    print(json.dumps({"checkpoints": int(len(steps)), "last_step": int(steps[-1]) if len(steps) else None}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
