"""Package.swift declares exactly what each target imports: no dependency that is never
imported (it would still be linked), no import that is reached only through another
target's dependencies (it would break when that one changes). `make test` runs it first.

Run: python3 -m pytest -q Tests/package
"""

import json
import pathlib
import re
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]

# Modules that come with the toolchain or the operating system, not from Package.swift.
SYSTEM_MODULES = {"Foundation", "FoundationEssentials", "Glibc", "Dispatch", "Synchronization", "Testing", "XCTest"}
MULTILINE_STRING = re.compile(r'"""[\s\S]*?"""')
IMPORT = re.compile(r"^(?:@testable\s+|@preconcurrency\s+)*import\s+(?:(?:struct|class|enum|protocol|func|var|let|typealias)\s+)?([A-Za-z_][A-Za-z0-9_]*)", re.M)


def dump_package():
    output = subprocess.run(["swift", "package", "dump-package"], cwd=ROOT, check=True, capture_output=True, text=True).stdout
    return json.loads(output)


def module_name(target_name):
    return target_name.replace("-", "_")


def declared(target):
    """The module names a target's dependencies give it."""
    names = set()
    for dependency in target["dependencies"]:
        kind, value = next(iter(dependency.items()))
        names.add(module_name(value[0]))  # byName / target: the target's name; product: the product's name
    return names


def source_directory(target):
    if "path" in target and target["path"]:
        return ROOT / target["path"]
    return ROOT / ("Tests" if target["type"] == "test" else "Sources") / target["name"]


def imported(target):
    names = set()
    for path in source_directory(target).rglob("*.swift"):
        # Python and shell inside Swift's multi-line strings are not imports.
        names.update(IMPORT.findall(MULTILINE_STRING.sub("", path.read_text())))
    return names - SYSTEM_MODULES


def swift_targets():
    return [t for t in dump_package()["targets"] if t["type"] in ("regular", "executable", "test")]


@pytest.fixture(scope="module")
def targets():
    return swift_targets()


def test_every_target_declares_exactly_what_it_imports(targets):
    problems = []
    for target in targets:
        declares, imports = declared(target), imported(target)
        for name in sorted(imports - declares):
            problems.append(f"{target['name']} imports {name} but does not declare it")
        for name in sorted(declares - imports):
            problems.append(f"{target['name']} declares {name} but never imports it")
    assert not problems, "Package.swift disagrees with the imports:\n" + "\n".join(problems)


def test_the_layers_depend_downward(targets):
    """The maths does not link HDF5, the vocabulary links nothing of ours, and the analyzer's
    commands do not link the trainer's."""
    graph = {module_name(t["name"]): declared(t) for t in targets}

    def closure(name):
        seen, todo = set(), [name]
        while todo:
            for dependency in graph.get(todo.pop(), ()):
                if dependency not in seen:
                    seen.add(dependency)
                    todo.append(dependency)
        return seen

    assert not closure("Vocabulary") - {"RealModule"}
    for maths in ["NeuralNetworks", "Datasets", "LinearAlgebra", "RandomNumbers"]:
        assert "HDF5" not in closure(maths), f"{maths} links HDF5"
    for library in ["Training", "TrainingCommands"]:
        assert library not in closure("AnalysisCommands"), f"AnalysisCommands links {library}"
    for library in ["Training", "LocalRank"]:
        assert "TerminalProgress" not in closure(library), f"{library} draws progress itself"
