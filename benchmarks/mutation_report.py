"""Print mutmut's results per module: kill rate and surviving mutants (run by `nox -s mutation`).

Reads the ``.meta`` files mutmut 3 writes next to each mutated copy under ``mutants/`` (one JSON per source
file: ``exit_code_by_key``, mutant name → exit code of the test run), with mutmut's own reading of the codes.

``python benchmarks/mutation_report.py [--diff] [--min 85]``: ``--diff`` also prints each survivor's diff
(``mutmut show``); ``--min`` exits non-zero when a group is below that kill rate.

A full run is thousands of mutants (hours on a small machine), so ``nox -s mutation`` tests a random sample
by default: ``--draw N [--seed S]`` picks N mutants at random in each group (stratified: the same N in every
group, whatever its size) and writes their names to ``mutants/sample.txt``; the report then reads only
those, and gives each kill rate with its 95 % Wilson interval. Without ``sample.txt`` every mutant mutmut
has checked counts (a full run: the interval is then exact, and printed as such).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTANTS = ROOT / "mutants"
SAMPLE = MUTANTS / "sample.txt"
KILLED = ("killed", "caught by type check", "timeout")
UNCHECKED = ("not checked", "skipped")
Z95 = 1.959964


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


def results() -> dict[str, dict[str, int | None]]:
    """Module → mutant name → exit code (None: not run yet)."""
    return {module_of(meta): json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
            for meta in sorted(MUTANTS.rglob("*.py.meta"))}


def draw(n: int, seed: int) -> list[str]:
    """``n`` mutant names drawn at random in each group (all of a smaller group), sorted."""
    by_group: dict[str, list[str]] = {}
    for module, codes in results().items():
        by_group.setdefault(group_of(module), []).extend(codes)
    rng = random.Random(seed)
    picked = [name for group in sorted(by_group)
              for name in rng.sample(sorted(by_group[group]), min(n, len(by_group[group])))]
    return sorted(picked)


def wilson(k: int, n: int) -> tuple[float, float]:
    """The 95 % Wilson score interval of k successes in n trials, in per cent."""
    if n == 0:
        return (0.0, 100.0)
    p = k / n
    centre = (p + Z95 ** 2 / (2 * n)) / (1 + Z95 ** 2 / n)
    half = Z95 * math.sqrt(p * (1 - p) / n + Z95 ** 2 / (4 * n * n)) / (1 + Z95 ** 2 / n)
    return (100 * max(0.0, centre - half), 100 * min(1.0, centre + half))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--diff", action="store_true", help="print the diff of each surviving mutant")
    parser.add_argument("--min", type=float, default=0.0, help="fail when a group's kill rate is below this")
    parser.add_argument("--draw", type=int, metavar="N", help="write a sample of N mutants per group, then stop")
    parser.add_argument("--seed", type=int, default=17, help="seed of the sample (--draw)")
    args = parser.parse_args(argv)
    found = results()
    if not found:
        print("no mutmut results under mutants/: run `mutmut run` first (nox -s mutation)")
        return 1
    if args.draw is not None:
        names = draw(args.draw, args.seed)
        SAMPLE.write_text("".join(f"{name}\n" for name in names), encoding="utf-8")
        print(f"{len(names)} mutants drawn ({args.draw} per group, seed {args.seed}) into {SAMPLE}")
        return 0
    sample = set(SAMPLE.read_text(encoding="utf-8").split()) if SAMPLE.is_file() else None
    by_module: dict[str, Counter[str]] = {}
    totals: Counter[str] = Counter()
    survivors: dict[str, list[str]] = {}
    for module, codes in found.items():
        counts = by_module.setdefault(module, Counter())
        for name, code in sorted(codes.items()):
            totals[group_of(module)] += 1
            if sample is not None and name not in sample:
                continue
            status = status_of(code)
            counts[status] += 1
            if status in ("survived", "no tests", "suspicious"):
                survivors.setdefault(module, []).append(f"{name} ({status})")
    what = (f"a random sample ({len(sample)} mutants, drawn per group, {SAMPLE.relative_to(ROOT)})"
            if sample is not None else "every mutant mutmut has checked")
    print(f"Kill rates over {what}; interval: 95 % Wilson.")
    print(f"{'module':34} {'checked':>8} {'killed':>7} {'survived':>9} {'no tests':>9} {'kill %':>7}  interval")
    groups: dict[str, Counter[str]] = {}
    for module, counts in sorted(by_module.items()):
        groups.setdefault(group_of(module), Counter()).update(counts)
        if sum(n for s, n in counts.items() if s not in UNCHECKED):
            print(line(module, counts))
    print()
    low = []
    for group, counts in sorted(groups.items()):
        print(line(group, counts, totals[group]))
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


def tested(counts: Counter[str]) -> int:
    return sum(n for status, n in counts.items() if status not in UNCHECKED)


def kill_rate(counts: Counter[str]) -> float | None:
    """Killed (by a test, the type check or a time-out) over the mutants that were tested."""
    n = tested(counts)
    return 100 * sum(counts[s] for s in KILLED) / n if n else None


def line(name: str, counts: Counter[str], population: int | None = None) -> str:
    n = tested(counts)
    killed = sum(counts[s] for s in KILLED)
    rate = kill_rate(counts)
    shown = f"{rate:6.1f}" if rate is not None else "     –"
    low, high = wilson(killed, n)
    interval = f"{low:5.1f}–{high:5.1f}" if n else ""
    if population is not None:
        interval = f"{interval}  ({n} of {population})" if n < population else "exact (every mutant)"
    return f"{name:34} {n:8} {killed:7} {counts['survived']:9} {counts['no tests']:9} {shown:>7}  {interval}"


if __name__ == "__main__":
    sys.exit(main())
