"""Benchmark of the printable handouts: build every handout (both editions) and the book from a copy of
docs/, then print the build time, Typst's compile time, and pages and size of each PDF.

    python benchmarks/bench_pdf.py
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        shutil.copytree(ROOT / "docs", base / "docs", ignore=shutil.ignore_patterns("_build"))
        if (ROOT / "exercises").is_dir():
            shutil.copytree(ROOT / "exercises", base / "exercises")
        out = base / "pdf"
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "sphinx", "-q", "-E", "-b", "handouts", "-d", str(base / "dt"),
                        str(base / "docs"), str(out)], check=True)
        total = time.perf_counter() - start
        timings = json.loads((out / "timings.json").read_text(encoding="utf-8"))
        print("| PDF | pages | size (kB) | Typst compile (s) |")
        print("| --- | ---: | ---: | ---: |")
        for pdf in sorted(out.glob("*.pdf")):
            pages = len(PdfReader(pdf).pages)
            print(f"| {pdf.name} | {pages} | {pdf.stat().st_size / 1000:.0f} | {timings.get(pdf.name, 0):.2f} |")
        print(f"\nTypst compile, sum of the {len(timings)} PDFs' own times: {sum(timings.values()):.2f} s "
              "(they compile side by side, so the wall-clock time is lower: see the whole build)")
        print(f"Whole build (sphinx-build -b handouts, clean, one process, reading included): {total:.2f} s")


if __name__ == "__main__":
    main()
