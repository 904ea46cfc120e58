"""The code blocks of a Markdown document: fenced (```lang) and indented (four spaces)."""

import dataclasses
import re

FENCE = re.compile(r"^(\s*)```(\w*)\s*$")


@dataclasses.dataclass
class Block:
    doc: str
    line: int          # 1-based line of the block's first line of code
    lang: str          # "python", "sh", ... for fenced blocks; "" for indented ones
    text: str

    @property
    def first_line(self):
        return self.text.strip().splitlines()[0].strip() if self.text.strip() else ""

    def __str__(self):
        return f"{self.doc}:{self.line}"


def extract(doc, text):
    """Every code block of `text` (the Markdown of `doc`), in order."""
    lines = text.splitlines()
    blocks, i = [], 0
    while i < len(lines):
        fence = FENCE.match(lines[i])
        if fence:
            indent, lang = len(fence.group(1)), fence.group(2)
            end = i + 1
            while end < len(lines) and not FENCE.match(lines[end]):
                end += 1
            body = "\n".join(line[indent:] for line in lines[i + 1:end])
            blocks.append(Block(doc, i + 2, lang, body))
            i = end + 1
            continue
        if lines[i].startswith("    ") and lines[i].strip() and (i == 0 or not lines[i - 1].strip()):
            end = i
            while end < len(lines) and (lines[end].startswith("    ") or not lines[end].strip()):
                end += 1
            while not lines[end - 1].strip():
                end -= 1
            blocks.append(Block(doc, i + 1, "", "\n".join(line[4:] for line in lines[i:end])))
            i = end
            continue
        i += 1
    return blocks
