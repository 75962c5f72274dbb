"""Print mutmut's results per module: kill rate and surviving mutants (run by `nox -s mutation`).

Reads the ``.meta`` files mutmut 3 writes next to each mutated copy under ``mutants/`` (one JSON per source
file: ``exit_code_by_key``, mutant name → exit code of the test run), with mutmut's own reading of the codes.
``python benchmarks/mutation_report.py [--diff] [--min 85]``: ``--diff`` also prints each survivor's diff
(``mutmut show``); ``--min`` exits non-zero when a module is below that kill rate.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTANTS = ROOT / "mutants"


def status_of(code: int | None) -> str:
    from mutmut.stats import status_by_exit_code  # mutmut's table, so the report reads codes as it does

    return str(status_by_exit_code[code])


def module_of(meta: Path) -> str:
    """``mutants/src/quizgen/generate/cloze.py.meta`` → ``generate/cloze.py``."""
    rel = meta.relative_to(MUTANTS / "src" / "quizgen").as_posix()
    return rel.removesuffix(".meta")


def group_of(module: str) -> str:
    """The issue's modules: guards.py, quiz.py, french.py, question.py, generate/, export/."""
    return module.split("/")[0] + "/" if "/" in module else module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--diff", action="store_true", help="print the diff of each surviving mutant")
    parser.add_argument("--min", type=float, default=0.0, help="fail when a module's kill rate is below this")
    args = parser.parse_args(argv)
    metas = sorted(MUTANTS.rglob("*.py.meta"))
    if not metas:
        print("no mutmut results under mutants/: run `mutmut run` first (nox -s mutation)")
        return 1
    by_module: dict[str, Counter[str]] = {}
    survivors: dict[str, list[str]] = {}
    for meta in metas:
        module = module_of(meta)
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        counts = by_module.setdefault(module, Counter())
        for name, code in sorted(codes.items()):
            status = status_of(code)
            counts[status] += 1
            if status in ("survived", "no tests", "suspicious", "timeout"):
                survivors.setdefault(module, []).append(f"{name} ({status})")
    print(f"{'module':32} {'mutants':>8} {'killed':>7} {'survived':>9} {'no tests':>9} {'other':>6} {'kill %':>7}")
    groups: dict[str, Counter[str]] = {}
    low = []
    for module, counts in sorted(by_module.items()):
        groups.setdefault(group_of(module), Counter()).update(counts)
        print(line(module, counts))
    print()
    for group, counts in sorted(groups.items()):
        print(line(group, counts))
        rate = kill_rate(counts)
        if rate is not None and rate < args.min:
            low.append(group)
    for module, names in sorted(survivors.items()):
        print(f"\nSurvivors in {module} ({len(names)}):")
        for name in names:
            print(f"  {name}")
            if args.diff:
                shown = subprocess.run(["mutmut", "show", name.split(" ")[0]], cwd=ROOT, capture_output=True,
                                       text=True, check=False)
                print("    " + shown.stdout.replace("\n", "\n    "))
    if low:
        print(f"\nbelow {args.min:g} % killed: {', '.join(low)}")
        return 1
    return 0


def kill_rate(counts: Counter[str]) -> float | None:
    """Killed (by a test or the type check) over the mutants that were tested."""
    tested = sum(n for status, n in counts.items() if status not in ("not checked", "skipped"))
    killed = counts["killed"] + counts["caught by type check"] + counts["timeout"]
    return 100 * killed / tested if tested else None


def line(name: str, counts: Counter[str]) -> str:
    total = sum(counts.values())
    killed = counts["killed"] + counts["caught by type check"] + counts["timeout"]
    other = total - killed - counts["survived"] - counts["no tests"]
    rate = kill_rate(counts)
    shown = f"{rate:6.1f}" if rate is not None else "     –"
    return f"{name:32} {total:8} {killed:7} {counts['survived']:9} {counts['no tests']:9} {other:6} {shown:>7}"


if __name__ == "__main__":
    sys.exit(main())
