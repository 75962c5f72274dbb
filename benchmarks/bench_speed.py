"""The kit's cost against plain Sphinx, measured in pairs (issue 16): clean, one-clause and no-op HTML builds,
and the handouts' clean and after-one-edit times.

The baseline is generated here from the kit's own copy of the declaration (``docs/_data/declaration-source``
is not used: the clause texts come from the corpus of a first kit build): plain Sphinx + MyST, the same theme,
no extension, one page per section, one paragraph per clause. Each measure runs kit and baseline in turn
(A B A B …, ``--runs`` pairs, after one warm-up pair) so that a drift of the shared machine touches both; the
table gives each side's median and the median of the pair-by-pair ratios.

    python benchmarks/bench_speed.py [--runs 5] [--no-handouts]

Helpers for timing the same commands from outside (any process timer):

    python benchmarks/bench_speed.py --prepare DIR     # DIR/docs, DIR/exercises, DIR/plain (the baseline)
    python benchmarks/bench_speed.py --toggle DIR/docs # edit § II.12 (or undo the edit): one changed clause
    python benchmarks/bench_speed.py --toggle DIR/plain
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

# The kit and its plain-Sphinx baseline are laid out as in bench_build.py: one definition of each.
from bench_build import CLAUSE, CLAUSE_FILE, DOCS, PLAIN_CONF, ROOT

PLAIN_FILE = "ii.md"
MARK = " (modifié)"
#: The builds run as on any machine where Python caches compiled modules: an environment that sets
#: PYTHONDONTWRITEBYTECODE would make the kit compile its own modules again on every build while the
#: baseline's (installed packages) come compiled. The cache goes to a folder of the benchmark's own.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


class Timing(NamedTuple):
    wall: float
    cpu: float  # user + system seconds of the build's processes


def sphinx(src: Path, out: Path, builder: str = "html", strict: bool = True) -> Timing:
    command = [sys.executable, "-m", "sphinx", "-q", "-b", builder, "-d", str(out / ".doctrees")]
    if strict:
        command += ["-W", "-n", "--keep-going"]
    before = os.times()
    start = time.perf_counter()
    proc = subprocess.run([*command, str(src), str(out / builder)], capture_output=True, text=True, check=False,
                          env=ENV)
    elapsed = time.perf_counter() - start
    after = os.times()
    if proc.returncode != 0:
        raise SystemExit(f"sphinx-build failed on {src}:\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}")
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return Timing(elapsed, cpu)


def toggle(src: Path) -> None:
    """Add a word at the end of § II.12 (its longest line), or take it away again: one clause changes."""
    if (src / CLAUSE_FILE).is_file():
        path = src / CLAUSE_FILE
        lines = path.read_text(encoding="utf-8").split("\n")
        opening = re.compile(r"^:{3,}\{clause\}\s+(\S+)")
        start = next(i for i, line in enumerate(lines) if (m := opening.match(line)) and m[1] == CLAUSE)
        end = next((i for i in range(start + 1, len(lines)) if opening.match(lines[i])), len(lines))
        target = max(range(start + 1, end), key=lambda i: len(lines[i]))
    else:
        path = src / PLAIN_FILE
        lines = path.read_text(encoding="utf-8").split("\n")
        target = next(i for i, line in enumerate(lines) if line.startswith(f"**{CLAUSE}**"))
    line = lines[target]
    lines[target] = line[: -len(MARK)] if line.endswith(MARK) else line + MARK
    path.write_text("\n".join(lines), encoding="utf-8")


def copy_docs(dest: Path) -> Path:
    shutil.copytree(DOCS, dest / "docs", ignore=shutil.ignore_patterns("_build"))
    if (ROOT / "exercises").is_dir():
        shutil.copytree(ROOT / "exercises", dest / "exercises")
    return dest / "docs"


def plain_project(corpus_path: Path, dest: Path) -> Path:
    """The kit's declaration as plain MyST: one page per section, one paragraph per clause, no extension."""
    from quizgen.corpus import Corpus

    corpus = Corpus.load(corpus_path)
    src = dest / "plain"
    src.mkdir()
    (src / "conf.py").write_text(PLAIN_CONF, encoding="utf-8")
    sections = corpus.sections or []
    titles = {s.id: s.title for s in sections}
    order = [s.id for s in sections] or sorted({c.section for c in corpus})
    for section in order:
        lines = [f"# {titles.get(section, section)}", ""]
        for clause in corpus.in_section(section):
            lines += [f"({clause.id.replace('.', '-')})=", f"**{clause.id}** {clause.text}", ""]
        (src / f"{section.lower()}.md").write_text("\n".join(lines), encoding="utf-8")
    index = [f"# {corpus.title or 'Déclaration'}", "", "```{toctree}", *(s.lower() for s in order), "```", ""]
    (src / "index.md").write_text("\n".join(index), encoding="utf-8")
    return src


def prepare(dest: Path) -> tuple[Path, Path]:
    """The kit's sources and the baseline project in ``dest``; a first kit build gives the clause texts."""
    docs = copy_docs(dest)
    sphinx(docs, dest / "first")
    plain = plain_project(dest / "first" / "html" / "corpus.json", dest)
    shutil.rmtree(dest / "first")
    return docs, plain


def paired(runs: int, a: Callable[[], Timing], b: Callable[[], Timing]) -> tuple[list[Timing], list[Timing]]:
    a(), b()  # warm-up pair, not counted
    times_a: list[Timing] = []
    times_b: list[Timing] = []
    for _ in range(runs):
        times_a.append(a())
        times_b.append(b())
    return times_a, times_b


def clean(src: Path, out: Path, strict: bool = True, builder: str = "html") -> Callable[[], Timing]:
    def run() -> Timing:
        shutil.rmtree(out, ignore_errors=True)
        return sphinx(src, out, builder, strict)
    return run


def edited(src: Path, out: Path, strict: bool = True, builder: str = "html") -> Callable[[], Timing]:
    def run() -> Timing:
        toggle(src)
        return sphinx(src, out, builder, strict)
    return run


def again(src: Path, out: Path, strict: bool = True) -> Callable[[], Timing]:
    return lambda: sphinx(src, out, "html", strict)


def row(name: str, kit: list[Timing], base: list[Timing] | None) -> str:
    k, kc = statistics.median(t.wall for t in kit), statistics.median(t.cpu for t in kit)
    spread = f"{min(t.wall for t in kit):.2f}–{max(t.wall for t in kit):.2f}"
    if base is None:
        return f"| {name} | {k:.2f} s | {kc:.2f} s | — | — | — | {spread} |"
    b = statistics.median(t.wall for t in base)
    ratio = statistics.median(x.wall / y.wall for x, y in zip(kit, base, strict=True))
    cpu_ratio = statistics.median(x.cpu / y.cpu for x, y in zip(kit, base, strict=True))
    return (f"| {name} | {k:.2f} s | {kc:.2f} s | {b:.2f} s | {ratio:.2f}× | {cpu_ratio:.2f}× | {spread} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="counted pairs per measure (default 5)")
    parser.add_argument("--no-handouts", action="store_true", help="skip the handouts' figures")
    parser.add_argument("--prepare", type=Path, metavar="DIR", help="only write the kit copy and the baseline")
    parser.add_argument("--toggle", type=Path, metavar="SRC", help="only edit (or un-edit) § II.12 in SRC")
    args = parser.parse_args()
    if args.toggle:
        toggle(args.toggle)
        return
    if args.prepare:
        args.prepare.mkdir(parents=True, exist_ok=True)
        prepare(args.prepare)
        return
    runs = max(1, args.runs)
    with tempfile.TemporaryDirectory(prefix="qg-speed-") as tmp:
        base = Path(tmp)
        ENV["PYTHONPYCACHEPREFIX"] = str(base / "pycache")
        docs, plain = prepare(base)
        kit_out, plain_out = base / "kit", base / "base"
        rows = [
            row("clean HTML build", *paired(runs, clean(docs, kit_out), clean(plain, plain_out, strict=False))),
            row(f"one-clause rebuild (§ {CLAUSE})",
                *paired(runs, edited(docs, kit_out), edited(plain, plain_out, strict=False))),
            row("no-op rebuild", *paired(runs, again(docs, kit_out), again(plain, plain_out, strict=False))),
        ]
        if not args.no_handouts:
            pdf_out = base / "pdf"
            rows.append(row("handouts, clean", [clean(docs, pdf_out, builder="handouts")() for _ in range(runs)],
                            None))
            rows.append(row("handouts, after one edit",
                            [edited(docs, pdf_out, builder="handouts")() for _ in range(runs)], None))
            pdfs = len(list((pdf_out / "handouts").glob("*.pdf")))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"Speed against plain Sphinx — {runs} pair(s) per measure after a warm-up pair, A B A B; medians "
          f"(ratios: median of the pairs'; load average at the end {load:.1f} on {os.cpu_count()} cores)\n")
    print("| measure | kit (wall) | kit (CPU) | baseline (wall) | kit ÷ baseline, wall | kit ÷ baseline, CPU "
          "| kit wall min–max |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
    print("\n".join(rows))
    print("\nbaseline: plain Sphinx + MyST, same theme, no extension, the kit's clause texts on one page per section"
          + ("" if args.no_handouts else f"; handouts: {pdfs} PDFs (no baseline)")
          + "; compiled modules cached (PYTHONPYCACHEPREFIX) for both")


if __name__ == "__main__":
    main()
