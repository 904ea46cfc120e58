"""Reads what paper/make-paper.sh saved in its scratch directory.

Nothing here computes a verdict: the final-phase verdicts are read as `lr-analyze` wrote
them (grouped JSON, `final_phase`), and every number the report prints comes from these
files: machine.txt, steps.tsv, load.tsv, the grouped JSON and CSV of `lr-analyze`, the
theory JSON, the sweeps' manifests (sweep.json) and the run files' stored settings.
"""

import csv
import glob
import json
import os
from dataclasses import dataclass, field


@dataclass
class Stat:
    """One quantity across a group's runs: mean, sample std (None for one run) and count."""
    mean: float | None
    std: float | None
    n: int

    @classmethod
    def from_json(cls, value):
        return cls(value.get("mean"), value.get("std"), value.get("n", 0))


@dataclass
class Trend:
    """The final-phase trend of a group's mean, as `lr-analyze` judged it."""
    verdict: str | None          # falls, rises, flat, constant; None: not enough checkpoints
    phase_step: int | None
    phase_start: float | None
    final: float | None
    runs_agreeing: int
    runs: int

    @classmethod
    def from_json(cls, value, runs):
        return cls(value.get("verdict"), value.get("phase_step"), value.get("phase_start"),
                   value.get("final"), value.get("runs_agreeing", 0), runs)


@dataclass
class Checkpoint:
    step: int
    runs: int
    metrics: dict            # name -> Stat
    values: list             # [eps][layer] -> Stat


@dataclass
class Group:
    """The runs of one setting (one grid cell), their seeds aggregated step by step."""
    settings: dict           # --by setting -> value as stored ("0.0001")
    files: list
    seeds: list
    eta_lambda_t: float | None
    theory_rank: int | None
    checkpoints: list        # [Checkpoint]
    final_phase: list        # [eps][layer] -> Trend

    @property
    def runs(self):
        return len(self.files)

    def series(self, e, j):
        """(steps, [Stat]) of layer position j at threshold position e."""
        return [c.step for c in self.checkpoints], [c.values[e][j] for c in self.checkpoints]

    def metric_series(self, name):
        return [(c.step, c.metrics[name]) for c in self.checkpoints if name in c.metrics]


@dataclass
class Grouped:
    """`lr-analyze FILES --by ... --format json`."""
    by: list
    eps: list                # thresholds; [None] for measures without one
    layers: list             # [{"index", "name", "width"}]
    measure: str
    probe_count: int
    groups: list = field(default_factory=list)

    @classmethod
    def from_json(cls, data):
        groups = []
        for g in data["groups"]:
            runs = len(g["files"])
            groups.append(Group(
                settings=dict(g["settings"]), files=list(g["files"]), seeds=list(g["seeds"]),
                eta_lambda_t=g.get("eta_lambda_t"), theory_rank=g.get("theory_rank"),
                checkpoints=[Checkpoint(c["step"], c["runs"],
                                        {k: Stat.from_json(v) for k, v in c["metrics"].items()},
                                        [[Stat.from_json(v) for v in row] for row in c["local_rank"]])
                             for c in g["checkpoints"]],
                final_phase=[[Trend.from_json(t, runs) for t in row] for row in g["final_phase"]]))
        return cls(list(data["by"]), list(data["eps"]), list(data["layers"]), data["measure"],
                   data["probe_count"], groups)

    @classmethod
    def read(cls, path):
        with open(path) as f:
            return cls.from_json(json.load(f))


def read_key_values(path):
    """machine.txt: `key: value` lines."""
    values = {}
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                if ":" in line:
                    key, value = line.split(":", 1)
                    values[key.strip()] = value.strip()
    return values


def read_steps(path):
    """steps.tsv: {step name: row}, in the order the steps ran."""
    if not os.path.exists(path):
        return {}
    with open(path) as f:
        return {row["name"]: row for row in csv.DictReader(f, delimiter="\t")}


def read_load(path):
    """load.tsv of paper/cpu_load.py: [(ours %, others %, {name: %})]."""
    if not os.path.exists(path):
        return []
    rows = []
    with open(path) as f:
        for r in csv.DictReader(f, delimiter="\t"):
            names = {}
            for item in filter(None, (r.get("busiest_others") or "").split(",")):
                name, used = item.rsplit(":", 1)
                names[name] = float(used)
            rows.append((float(r["ours_percent"]), float(r["others_percent"]), names))
    return rows


def read_json(path):
    with open(path) as f:
        return json.load(f)


def read_beta_csv(path):
    """`lr-analyze --by beta --checkpoints last --format csv`: {eps: [row]} with rows
    ordered by β and numbers as floats (empty cells as None)."""
    with open(path) as f:
        rows = list(csv.DictReader(f))
    by_eps = {}
    for row in rows:
        parsed = {}
        for key, value in row.items():
            if key == "measure":
                parsed[key] = value
            elif value == "" or value is None:
                parsed[key] = None
            else:
                parsed[key] = float(value)
        by_eps.setdefault(parsed["eps"], []).append(parsed)
    for eps in by_eps:
        by_eps[eps].sort(key=lambda r: r["beta"])
    return by_eps


def layer_columns(row):
    """The `layer_j` columns of a CSV row (not their `_std`), in order."""
    return sorted((k for k in row if k.startswith("layer_") and not k.endswith("_std")),
                  key=lambda k: int(k.split("_")[1]))


def read_manifest(directory):
    """A sweep's sweep.json, or None."""
    path = os.path.join(directory, "sweep.json")
    return read_json(path) if os.path.exists(path) else None


def run_settings(path):
    """The /training attributes a run file stores (every setting of the run), as strings."""
    import h5py

    with h5py.File(path, "r", swmr=True) as f:
        return {k: (v.decode() if isinstance(v, bytes) else str(v)) for k, v in f["training"].attrs.items()}


def run_timing(path):
    """(last step, training seconds at it) of a run file, from /checkpoints/wall_time."""
    import h5py

    with h5py.File(path, "r", swmr=True) as f:
        steps = f["checkpoints/step"][...]
        wall = f["checkpoints/wall_time"][...]
        return int(steps[-1]), float(wall[-1])


def run_files(directory):
    """The run files of a sweep directory (not the *.lr.h5 analysis caches), sorted."""
    return sorted(p for p in glob.glob(os.path.join(directory, "*.h5")) if not p.endswith(".lr.h5"))


class Outputs:
    """The scratch directory of one make-paper.sh run."""

    def __init__(self, out):
        self.out = out
        self.machine = read_key_values(os.path.join(out, "machine.txt"))
        self.steps = read_steps(os.path.join(out, "steps.tsv"))
        self.load = read_load(os.path.join(out, "load.tsv"))

    def path(self, *parts):
        return os.path.join(self.out, *parts)

    def exists(self, *parts):
        return os.path.exists(self.path(*parts))

    @property
    def quick(self):
        return self.machine.get("quick") == "1"

    @property
    def mnist(self):
        """Whether the MNIST runs used the full MNIST (MNIST_DIR) rather than the sample."""
        return bool(self.machine.get("mnist_dir"))

    def ran(self, section):
        """Whether make-paper.sh ran `section` (PAPER_ONLY limits them; older runs ran all)."""
        sections = self.machine.get("sections", "all")
        return sections == "all" or section in sections.split()

    def grouped(self, name):
        """NAME.json, or None when the step did not run."""
        return Grouped.read(self.path(name + ".json")) if self.exists(name + ".json") else None

    def manifest(self, name):
        return read_manifest(self.path(name))

    def figure(self, name):
        return self.exists("figures", name)

    def settings_of(self, name):
        """The stored settings of the first run of sweep NAME (shared by all but the grid's)."""
        files = run_files(self.path(name))
        return run_settings(files[0]) if files else {}

    def timings(self, name):
        """[(last step, training seconds)] of every run of sweep NAME."""
        return [run_timing(p) for p in run_files(self.path(name))]
