"""Build figures of the site, printed as a table:

- clean HTML build of the kit (``sphinx-build -W -n --keep-going``, a copy of docs/ in a temporary folder);
- incremental rebuild after editing one clause, with the pages Sphinx re-read (only that page should be);
- corpus export: time to load corpus.json with ``quizgen.corpus.Corpus.load``;
- baseline: a plain Sphinx build of the same declaration text *without* the kit's extension (plain MyST
  pages made from the corpus's clause texts, same theme), so the kit's cost shows as a ratio.

    python benchmarks/bench_build.py [--runs 2] [--docs docs] [--corpus docs/_build/html/corpus.json]

Each build runs in its own process; a build's time is the best of ``--runs`` (the machine is shared).
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from quizgen.corpus import Corpus

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
CLAUSE = "II.12"
CLAUSE_FILE = "declaration/ii.md"

PLAIN_CONF = '''
project = "Déclaration de Tianjin (texte brut)"
language = "fr"
extensions = ["myst_parser"]
html_theme = "sphinx_book_theme"
smartquotes = False
exclude_patterns = ["_build"]
'''


def sphinx(src: Path, out: Path, *extra: str, strict: bool = True) -> tuple[float, str]:
    """Run one sphinx-build; return (seconds, its output). Fails loudly if the build fails."""
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-d", str(out / ".doctrees"), *extra]
    if strict:
        command += ["-W", "-n", "--keep-going"]
    start = time.perf_counter()
    proc = subprocess.run([*command, str(src), str(out / "html")], capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"sphinx-build failed on {src}:\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}")
    return elapsed, proc.stdout + proc.stderr


def copy_docs(docs: Path, dest: Path) -> Path:
    target = dest / "docs"
    shutil.copytree(docs, target, ignore=shutil.ignore_patterns("_build"))
    # The exercise pages include their sources from exercises/, beside docs/.
    exercises = docs.parent / "exercises"
    if exercises.is_dir():
        shutil.copytree(exercises, dest / "exercises")
    return target


def edit_clause(docs: Path) -> None:
    """Change the text of one clause: a word added at the end of its paragraph (its longest line)."""
    path = docs / CLAUSE_FILE
    lines = path.read_text(encoding="utf-8").split("\n")
    opening = re.compile(r"^:{3,}\{clause\}\s+(\S+)")
    start = next(i for i, line in enumerate(lines) if (m := opening.match(line)) and m[1] == CLAUSE)
    end = next((i for i in range(start + 1, len(lines)) if opening.match(lines[i])), len(lines))
    longest = max(range(start + 1, end), key=lambda i: len(lines[i]))
    lines[longest] += " (modifié)"
    path.write_text("\n".join(lines), encoding="utf-8")


def reread(output: str) -> tuple[str, list[str]]:
    """Sphinx's 'updating environment' line and the documents it read again."""
    summary = next((line.strip() for line in output.splitlines() if "updating environment" in line), "?")
    docs = re.findall(r"reading sources\.\.\. \[\s*\d+%\]\s+(\S+)", output)
    return summary, docs


def plain_project(corpus: Corpus, dest: Path) -> Path:
    """The same declaration as plain MyST: one page per section, one paragraph per clause, no extension."""
    src = dest / "plain"
    src.mkdir()
    (src / "conf.py").write_text(PLAIN_CONF, encoding="utf-8")
    sections = corpus.sections or []
    titles = {s.id: s.title for s in sections}
    order = [s.id for s in sections] or sorted({c.section for c in corpus})
    toc = []
    for section in order:
        lines = [f"# {titles.get(section, section)}", ""]
        for clause in corpus.in_section(section):
            lines += [f"({clause.id.replace('.', '-')})=", f"**{clause.id}** {clause.text}", ""]
        name = section.lower()
        (src / f"{name}.md").write_text("\n".join(lines), encoding="utf-8")
        toc.append(name)
    index = [f"# {corpus.title or 'Déclaration'}", "", "```{toctree}", *toc, "```", ""]
    (src / "index.md").write_text("\n".join(index), encoding="utf-8")
    return src


def row(name: str, value: str, note: str = "") -> str:
    return f"| {name:<50} | {value:>12} | {note} |"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--docs", type=Path, default=DOCS, help="the Sphinx source folder (default: docs/)")
    parser.add_argument("--corpus", type=Path, default=ROOT / "docs" / "_build" / "html" / "corpus.json")
    args = parser.parse_args()
    runs = max(1, args.runs)

    with tempfile.TemporaryDirectory(prefix="qg-bench-") as tmp:
        base = Path(tmp)
        docs = copy_docs(args.docs, base)

        clean = []
        for i in range(runs):
            out = base / f"kit{i}"
            clean.append(sphinx(docs, out, "-q")[0])
        kit_out = base / "kit0"
        pages = sum(1 for _ in (kit_out / "html").rglob("*.html"))

        edit_clause(docs)
        incremental, log = sphinx(docs, kit_out)
        summary, reread_docs = reread(log)
        rewritten = re.search(r"looking for now-outdated files\.\.\. (\d+|none) found", log)
        expected = CLAUSE_FILE.removesuffix(".md")
        only_that = reread_docs == [expected]

        corpus_path = args.corpus if args.corpus.is_file() else kit_out / "html" / "corpus.json"
        loads = []
        for _ in range(20):
            start = time.perf_counter()
            corpus = Corpus.load(corpus_path)
            loads.append(time.perf_counter() - start)
        corpus_kib = corpus_path.stat().st_size / 1024

        plain_src = plain_project(corpus, base)
        plain = [sphinx(plain_src, base / f"plain{i}", "-q", strict=False)[0] for i in range(runs)]

    kit_best, plain_best = min(clean), min(plain)
    print(f"Build benchmarks — {len(corpus)} clauses, {pages} HTML pages in the kit; best of {runs} run(s)\n")
    print(row("measure", "time", "note"))
    print(row("-" * 50, "-" * 12, "---"))
    print(row("clean HTML build (kit)", f"{kit_best:.2f} s", f"all runs: {', '.join(f'{t:.2f}' for t in clean)}"))
    print(row(f"incremental rebuild after editing {CLAUSE}", f"{incremental:.2f} s",
              f"{summary}; re-read: {', '.join(reread_docs) or 'nothing'}; "
              f"other pages rewritten: {rewritten[1] if rewritten else '?'}"
              + ("" if only_that else f" — expected only {expected}")))
    print(row("corpus export (Corpus.load corpus.json)", f"{statistics.median(loads) * 1000:.1f} ms",
              f"median of 20, {corpus_kib:.0f} KiB"
              + ("" if corpus_path == args.corpus else " (from the benchmark's build)")))
    print(row("baseline: plain Sphinx, same text, no extension", f"{plain_best:.2f} s",
              f"{len(corpus.sections) or 'n'} section pages, same theme"))
    print(row("kit cost (clean build ÷ baseline)", f"× {kit_best / plain_best:.2f}", ""))
    if not only_that:
        print(f"\nnote: editing one clause re-read {len(reread_docs)} document(s), not only {expected}.")


if __name__ == "__main__":
    main()
