"""The longest Swift functions under Sources/, for the rule that a function fits on one screen.

Run `python3 Tests/package/test_function_lengths.py [--over 60] [--top 20]`: prints one line per function
(lines, file:line, declaration) longest first. A function counts from its declaration to its
closing brace (braces in strings and comments are skipped). Those allowed to stay longer than
the limit carry a comment that says why.
"""
import argparse
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DECLARATION = re.compile(r"^\s*(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|private|fileprivate|internal|static|final|override|"
                         r"mutating|nonisolated|convenience|required|class|@inlinable|@discardableResult)\s+)*"
                         r"(func\s+[^\s(<]+|init[?!]?|deinit)\b")


def code_only(line):
    """`line` without its string literals and `//` comment."""
    line = re.sub(r'"(?:[^"\\]|\\.)*"', '""', line)
    return line.split("//", 1)[0]


def functions(path):
    """(lines, first line, declaration) of every function, initializer and deinitializer in `path`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found = []
    for start, line in enumerate(lines):
        if not DECLARATION.match(line) or "protocol" in line:
            continue
        depth, opened = 0, False
        for end in range(start, len(lines)):
            code = code_only(lines[end])
            depth += code.count("{") - code.count("}")
            opened = opened or "{" in code
            if opened and depth <= 0:
                found.append((end - start + 1, start + 1, line.strip()))
                break
            if not opened and end > start and code.strip() == "":
                break  # a requirement without a body
    return found


def longest(over=0):
    every = []
    for path in sorted((ROOT / "Sources").rglob("*.swift")):
        for count, line, declaration in functions(path):
            if count > over:
                every.append((count, f"{path.relative_to(ROOT)}:{line}", declaration))
    return sorted(every, reverse=True)


def test_the_parser_finds_this_files_kind_of_function(tmp_path):
    source = tmp_path / "Example.swift"
    source.write_text('struct S {\n    func f() {\n        let s = "}"\n        if true {\n        }\n    }\n}\n')
    assert functions(source) == [(5, 2, "func f() {")]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--over", type=int, default=0, help="only functions longer than this many lines")
    parser.add_argument("--top", type=int, default=20)
    options = parser.parse_args()
    for count, place, declaration in longest(options.over)[: options.top]:
        print(f"{count:4d}  {place}  {declaration[:90]}")
