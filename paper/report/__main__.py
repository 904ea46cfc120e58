"""python3 -m report --out paper/out --results docs/results.md --figures-link figures
(with paper/ on PYTHONPATH, as make-paper.sh runs it)

Reads, in --out: machine.txt, steps.tsv, load.tsv, the grouped JSON of `lr-analyze --by`
(<experiment>.json, <experiment>-weight-norm.json, grok-seeds.json), the β sweeps' CSV and theory JSON, the
sweeps' manifests and the run files' stored settings. Every number in the report comes
from those files; the final-phase verdicts are `lr-analyze`'s.
"""

import argparse
import os
import sys

from .load import Outputs
from .markdown import Document
from .render_claim1 import Claim1Renderer
from .render_dvib import DVIBRenderer
from .render_grokking import GrokkingRenderer
from .render_run import render_head, render_tail


def write_report(out, results, figures_link="figures"):
    outputs = Outputs(out)
    headline = []
    body = Document(outputs, figures_link)
    if any(outputs.ran(s) for s in ("claim1", "mnist", "gaussian-grid", "fashion-grid")):
        Claim1Renderer(body, outputs, headline).render()
    dvib = DVIBRenderer(body, outputs, headline)
    if outputs.ran("claim2"):
        dvib.claim2()
    if outputs.ran("claim3") or outputs.ran("mnist"):
        dvib.claim3()
    if outputs.ran("grokking"):
        GrokkingRenderer(body, outputs, headline).render()
    render_tail(body, outputs)
    head = Document(outputs, figures_link)
    render_head(head, outputs, headline)
    text = head.text() + "\n" + body.text()
    with open(results + ".tmp", "w") as f:
        f.write(text)
    os.replace(results + ".tmp", results)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python3 -m report", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default="paper/out", help="make-paper.sh's scratch directory")
    parser.add_argument("--results", default="docs/results.md", help="the Markdown file to write")
    parser.add_argument("--figures-link", default="figures", help="the figures' directory relative to --results")
    args = parser.parse_args(argv)
    write_report(args.out, args.results, args.figures_link)
    print(f"report: wrote {args.results}", file=sys.stderr)


if __name__ == "__main__":
    main()
