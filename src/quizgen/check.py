"""``quizgen check``: every problem in the corpus's quiz data and in the recipes, with file, line and fix.

A recipe is checked by building all its variants in memory: a recipe that passes can be built.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from quizgen.corpus import Corpus
from quizgen.curation import load_curation, stale_marks
from quizgen.generate import authored, pool
from quizgen.guards import TextIndex
from quizgen.problems import Problem, QuizgenError
from quizgen.quiz import build_quiz
from quizgen.recipe import load_recipe


def check(corpus_path: Path | str, recipes: Iterable[Path | str]) -> list[Problem]:
    problems: list[Problem] = []
    try:
        corpus = Corpus.load(corpus_path)
    except QuizgenError as err:
        return list(err.problems)
    problems += extra_problems(corpus, str(corpus_path))
    index = TextIndex(corpus)
    curations: set[Path] = set()
    for path in recipes:
        try:
            recipe = load_recipe(path)
            build_quiz(corpus, recipe, index=index)
            where = recipe.curation_path()
            if where is not None and where.is_file():
                curations.add(where)
        except QuizgenError as err:
            problems += err.problems
    if curations:
        ids = {q.id for qs in pool(corpus, index=index).values() for q in qs}
        for where in sorted(curations):
            try:
                problems += stale_marks(load_curation(where), ids)
            except QuizgenError as err:
                problems += err.problems
    return sorted(set(problems))


def extra_problems(corpus: Corpus, origin: str = "corpus.json") -> list[Problem]:
    """Authored questions, expert claims and roles that the quiz engine cannot use."""
    _, problems = authored.read(corpus)
    for name, fields in (("claims", ("expert", "text")), ("roles", ("state", "role"))):
        items = corpus.extra.get(name, [])
        if not isinstance(items, list):
            problems.append(Problem(origin, 0, f"extra.{name} is not a list", "rebuild the corpus"))
            continue
        for n, item in enumerate(items, 1):
            problems += _item_problems(corpus, origin, name, n, item, fields)
    return problems


def _item_problems(corpus: Corpus, origin: str, name: str, n: int, item: Any,
                   fields: tuple[str, ...]) -> list[Problem]:
    if not isinstance(item, dict):
        return [Problem(origin, 0, f"{name} {n} is not an object", "rebuild the corpus")]
    source: dict[str, Any] = item["source"] if isinstance(item.get("source"), dict) else {}
    where = (str(source.get("file") or f"{origin} ({name} {n})"), int(source.get("line") or 0))
    problems = [Problem(*where, f"{name[:-1]} without {f!r}", f"give the {name[:-1]} its {f}")
                for f in fields if not isinstance(item.get(f), str) or not item[f].strip()]
    clauses = item.get("clauses")
    if not isinstance(clauses, list) or not clauses:
        problems.append(Problem(*where, f"{name[:-1]} cites no clause", "list the clauses it is about"))
    else:
        problems += [Problem(*where, f"{name[:-1]} cites unknown clause {c!r}", "cite an existing clause id")
                     for c in clauses if not (isinstance(c, str) and corpus.has_clause(c))]
    return problems
