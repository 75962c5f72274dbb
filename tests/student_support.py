"""What the student-view and teacher-view tests share: the kit's real corpus and its quizzes, read once.

The corpus is the one this checkout builds (the session's ``built_site``, or ``QG_SITE`` when a site is
built already, as the mutation session does); the quizzes are every recipe of exercises/ and the exam page's.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from quizgen.corpus import Corpus
from quizgen.guards import TextIndex
from quizgen.question import Question
from quizgen.quiz import Quiz, build_quiz
from quizgen.recipe import load_recipe

ROOT = Path(__file__).resolve().parent.parent
RECIPES = sorted((ROOT / "exercises").glob("*.toml"))
EXAM_PAGE = ROOT / "docs" / "quiz" / "examen.md"


@cache
def _corpus(path: Path) -> Corpus:
    return Corpus.load(path)


def real_corpus(request: pytest.FixtureRequest) -> Corpus:
    return _corpus(request.getfixturevalue("built_site") / "corpus.json")


@cache
def _quizzes(path: Path) -> tuple[Quiz, ...]:
    corpus = _corpus(path)
    index = TextIndex(corpus)
    return tuple(build_quiz(corpus, load_recipe(recipe), index=index) for recipe in RECIPES)


def real_quizzes(request: pytest.FixtureRequest) -> tuple[Quiz, ...]:
    """Every recipe of exercises/ on the real corpus, as the practice pages and the exports use them."""
    return _quizzes(request.getfixturevalue("built_site") / "corpus.json")


def exam_directive() -> tuple[Path, int]:
    """The recipe and seed of the exam page's ``{quiz}`` directive (docs/quiz/examen.md)."""
    text = EXAM_PAGE.read_text(encoding="utf-8")
    found = re.search(r"```\{quiz\}\s+(\S+)\n((?::\w+:.*\n)*)", text)
    assert found, f"{EXAM_PAGE}: no {{quiz}} directive"
    options = dict(re.findall(r":(\w+):\s*(.*)", found.group(2)))
    assert options.get("mode") == "exam", options
    return ROOT / "exercises" / f"{found.group(1)}.toml", int(options.get("seed", "-1"))


def exam_quiz(request: pytest.FixtureRequest) -> Quiz:
    """The quiz the exam page embeds, built as webquiz.quiz_for builds it (recipe, the page's seed)."""
    recipe, seed = exam_directive()
    corpus = real_corpus(request)
    return build_quiz(corpus, load_recipe(recipe), seed=None if seed < 0 else seed, index=TextIndex(corpus))


def single_answer_positions(questions: list[Question]) -> dict[int, list[int]]:
    """For shuffled single-answer choice questions: the right option's position, grouped by option count."""
    found: dict[int, list[int]] = {}
    for q in questions:
        if q.form == "choice" and q.shuffle and len(q.answers) == 1:
            found.setdefault(len(q.options), []).append(q.answers[0])
    return found


#: 99.9th percentile of the chi-square distribution, by degrees of freedom.
CHI2_999 = {1: 10.83, 2: 13.82, 3: 16.27, 4: 18.47, 5: 20.52, 6: 22.46, 7: 24.32}


def chi_square(positions: list[int], k: int) -> float:
    """Pearson's statistic of positions 0..k-1 against the uniform distribution."""
    expected = len(positions) / k
    return sum((positions.count(i) - expected) ** 2 / expected for i in range(k))
