"""Quiz engine figures: questions available per kind and section, time to load the corpus, time to build
100 variants of a 20-question quiz over the whole declaration (goal: under 1 s), share of right answers
that are the longest option.

    python benchmarks/bench_quiz.py [--corpus docs/_build/html/corpus.json]

Without a built corpus it runs on a synthetic one from the tests, and says so.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from quizgen.corpus import Corpus
from quizgen.generate import pool
from quizgen.guards import TextIndex, longest_share
from quizgen.question import KINDS
from quizgen.quiz import build_pool, build_quiz
from quizgen.recipe import Recipe, load_recipe

ROOT = Path(__file__).resolve().parent.parent
#: The shipped whole-declaration recipe, whose mix is timed (read from the file, not copied here).
RECIPE = ROOT / "exercises" / "declaration.toml"
V1_COUNTS = (("cloze", 6), ("choice", 4), ("truefalse", 3), ("matching", 2), ("chronology", 2),
             ("attribution", 3))


def load(path: Path) -> tuple[Corpus, str, float]:
    if path.exists():
        start = time.perf_counter()
        corpus = Corpus.load(path)
        return corpus, str(path), time.perf_counter() - start
    sys.path.insert(0, str(ROOT / "tests"))
    from quiz_helpers import synthetic_corpus

    start = time.perf_counter()
    corpus = synthetic_corpus(0, clauses=111, sections=5)
    return corpus, "synthetic corpus (no corpus.json: build the site first)", time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=ROOT / "docs" / "_build" / "html" / "corpus.json")
    corpus, origin, load_time = load(parser.parse_args().corpus)
    print(f"corpus: {origin} — {len(corpus)} clauses, {sum(len(c.spans) for c in corpus)} spans")
    print(f"time to load the corpus: {load_time * 1000:.1f} ms")

    index = TextIndex(corpus)
    sections = [s.id for s in corpus.sections] or sorted({c.section for c in corpus})
    print("\nquestions available per kind and section")
    print("section".ljust(10) + "".join(k.rjust(12) for k in KINDS) + "total".rjust(8))
    for name, clauses in [*((s, corpus.in_section(s)) for s in sections), ("tout", corpus.clauses)]:
        counts = [len(qs) for qs in pool(corpus, clauses, index=index).values()]
        print(name.ljust(10) + "".join(str(n).rjust(12) for n in counts) + str(sum(counts)).rjust(8))

    # A synthetic (v1, no acts) corpus has none of the comprehension families: the v1 mix is timed then.
    counts = load_recipe(RECIPE).counts if index.meaning.by_clause else V1_COUNTS
    refused: Counter[str] = Counter()
    pool(corpus, index=index, refused=refused)
    print("\nquestions refused by each guard (whole corpus, kind:guard)")
    for key, n in sorted(refused.items()):
        print(f"  {key}: {n}")
    recipe = Recipe(id="bench", title="Banc d’essai", counts=counts, seed=1, variants=100)
    start = time.perf_counter()
    found = build_pool(corpus, recipe, TextIndex(corpus))
    pool_time = time.perf_counter() - start
    start = time.perf_counter()
    quiz = build_quiz(corpus, recipe, pool=found)
    build_time = time.perf_counter() - start
    print(f"\n100 variants × {recipe.total} questions over the whole declaration: "
          f"{pool_time + build_time:.3f} s (pool of questions {pool_time:.3f} s + selection, shuffling and "
          f"keys {build_time:.3f} s; goal < 1 s)")
    distinct = len({q.id for v in quiz.variants for q in v.questions})
    print(f"distinct questions used across the 100 variants: {distinct}")
    from quizgen.guards import text_leaks

    leaks = sum(bool(text_leaks(v.questions)) for v in quiz.variants)
    print(f"variants where one question prints another's answer (text check): {leaks} of 100")

    share, chance, n = longest_share(q for v in quiz.variants for q in v.questions)
    print(f"right answer is the longest option: {share:.1%} of {n} choice questions asked "
          f"(chance: {chance:.1%})")
    every = [q for qs in found.values() for q in qs]
    share, chance, n = longest_share(every)
    print(f"  over the whole pool: {share:.1%} of {n} choice questions (chance: {chance:.1%})")


if __name__ == "__main__":
    main()
