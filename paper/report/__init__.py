"""Writes docs/results.md from the outputs that paper/make-paper.sh saved.

Modules: load (reads the outputs), statistics (the few statistics computed here),
claims (the rules that word the verdicts), markdown (formats and tables), render_* (the
report's sections), __main__ (the command line: `PYTHONPATH=paper python3 -m report`).
"""
