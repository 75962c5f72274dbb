"""Export figures: questions exported per format and per recipe, questions left out of the Kahoot sheet and
why, and the time of the whole export step (every recipe of exercises/, every format).

    python benchmarks/bench_export.py [--corpus docs/_build/html/corpus.json]
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
from collections import Counter
from pathlib import Path

from quizgen.corpus import Corpus
from quizgen.export import export
from quizgen.export import kahoot as kahoot_format
from quizgen.export.common import bank
from quizgen.guards import TextIndex
from quizgen.quiz import build_quiz
from quizgen.recipe import load_recipe

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ["gift", "moodle", "qti", "kahoot", "anki", "json"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=ROOT / "docs" / "_build" / "html" / "corpus.json")
    args = parser.parse_args()
    corpus = Corpus.load(args.corpus)
    index = TextIndex(corpus)
    recipes = sorted((ROOT / "exercises").glob("*.toml"))
    quizzes = [build_quiz(corpus, load_recipe(path), index=index) for path in recipes]

    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        written = export(quizzes, FORMATS, Path(tmp))
        elapsed = time.perf_counter() - start
        sizes = {p.name: p.stat().st_size for p in written}

    print(f"questions exported per format and recipe (bank = distinct questions of all variants; "
          f"json = every variant, {', '.join(str(len(q.variants)) for q in quizzes)} variant(s))")
    print("recipe".ljust(14) + "".join(f.rjust(9) for f in FORMATS))
    reasons: Counter[str] = Counter()
    for quiz in quizzes:
        size = len(bank(quiz))
        kept, left = kahoot_format.split(quiz)
        counts = {"gift": size, "moodle": size, "qti": size, "anki": size, "kahoot": len(kept),
                  "json": sum(len(v.questions) for v in quiz.variants)}
        print(quiz.id.ljust(14) + "".join(str(counts[f]).rjust(9) for f in FORMATS))
        for item in left:
            for reason in item.reason.split(" ; "):
                reasons[re.sub(r"\d+", "N", reason)] += 1
    print("\nleft out of the Kahoot sheet, per reason (a question may have several)")
    for reason, n in reasons.most_common():
        print(f"  {n:4d}  {reason}")
    print(f"\nfiles written: {len(written)}, {sum(sizes.values()) / 1024:.0f} KiB")
    print(f"time of the whole export step ({len(quizzes)} recipes × {len(FORMATS)} formats): {elapsed:.2f} s")


if __name__ == "__main__":
    main()
