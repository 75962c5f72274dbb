"""Quizzes: questions picked from the pool a recipe's scope allows, in seeded variants with answer keys.

The library in four lines::

    from quizgen import Corpus
    from quizgen.quiz import build_quiz
    from quizgen.recipe import load_recipe
    quiz = build_quiz(Corpus.load("docs/_build/html/corpus.json"), load_recipe("exercises/partie-2.toml"))

``quiz.variants[0].questions`` are :class:`~quizgen.question.Question` objects, ``quiz.variants[0].key``
their answers; ``quiz.dumps()`` the JSON. Same corpus, recipe and seed: same bytes.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from quizgen.corpus import Clause, Corpus
from quizgen.curation import apply_curation, load_curation
from quizgen.guards import TextIndex, compatible, in_answer_order, leaked_by, same_question
from quizgen.problems import QuizgenError
from quizgen.question import KINDS, Question
from quizgen.recipe import Recipe, scope_problems
from quizgen.typography import french_typography

if TYPE_CHECKING:
    from quizgen.generate import Bank

QUIZ_FORMAT = "quizgen-quiz"
QUIZ_VERSION = 1
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
#: How many fresh draws a variant gets before we say the questions cannot go together.
ATTEMPTS = 12
#: Kinds that ask many things at once, or have few candidates, are picked first while there is room.
PICK_ORDER = ("matching", "chronology", "authored", "who", "reading", "attribution", "purpose", "decided",
              "position", "choice", "truefalse", "cloze")


@dataclass(frozen=True)
class KeyEntry:
    """One line of an answer key: question number, id, and the answer as letters and as text."""

    number: int
    question: str
    kind: str
    answer: str
    texts: tuple[str, ...]
    clauses: tuple[str, ...]


@dataclass(frozen=True)
class Variant:
    number: int
    questions: tuple[Question, ...]
    key: tuple[KeyEntry, ...]


@dataclass(frozen=True)
class Quiz:
    id: str
    title: str
    seed: int
    time: int
    variants: tuple[Variant, ...]
    recipe: Recipe
    source: str = ""
    credit: str = ""
    #: The work's title from the corpus's ``work`` metadata (Anki's deck name…).
    work_title: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": QUIZ_FORMAT, "version": QUIZ_VERSION, "id": self.id, "title": self.title,
            "seed": self.seed, "time": self.time, "source": self.source, "credit": self.credit,
            "difficulty": list(self.recipe.difficulty),
            "scope": {"sections": list(self.recipe.scope.sections), "themes": list(self.recipe.scope.themes),
                      "clauses": list(self.recipe.scope.clauses)},
            "variants": [{
                "number": v.number,
                "questions": [{"number": n, "time": self.time, **q.to_dict()}
                              for n, q in enumerate(v.questions, 1)],
                "key": [{"number": k.number, "question": k.question, "kind": k.kind, "answer": k.answer,
                         "texts": list(k.texts), "clauses": list(k.clauses)} for k in v.key],
            } for v in self.variants],
        }

    def dumps(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def answer_key(number: int, q: Question) -> KeyEntry:
    if q.form == "truefalse":
        answer = q.options[q.answers[0]]
    elif q.form == "matching":
        answer = ", ".join(f"{i}→{LETTERS[a]}" for i, a in enumerate(q.answers, 1))
    else:
        answer = ", ".join(LETTERS[a] for a in q.answers)
    if q.form == "matching":
        texts = tuple(f"{stem} → {q.options[a]}" for stem, a in zip(q.stems, q.answers, strict=True))
    else:
        texts = q.answer_texts
    return KeyEntry(number, q.id, q.kind, answer, texts, q.clauses)


def build_pool(corpus: Corpus, recipe: Recipe, index: TextIndex | None = None,
               bank: Bank | None = None) -> dict[str, list[Question]]:
    """The questions the recipe may draw from, per kind, already filtered by its difficulty. ``bank``: the
    build's questions, when several recipes draw from one corpus (the same questions, generated once)."""
    problems = scope_problems(recipe, corpus)
    if problems:
        raise QuizgenError(problems)
    kinds = [k for k in KINDS if recipe.count(k)]
    from quizgen.generate import Bank  # the generators: imported when a bank is built

    bank = bank or Bank(corpus, index)
    found = bank.pool(recipe.scope.select(corpus), kinds)
    # The teachers' marks (curation/marks.toml beside the recipe): rejected questions go, reworded ones change.
    found = apply_curation(found, load_curation(recipe.curation_path()))
    return {k: [q for q in qs if q.difficulty in recipe.difficulty] for k, qs in found.items()}


def build_quiz(corpus: Corpus, recipe: Recipe, *, seed: int | None = None, variants: int | None = None,
               pool: Mapping[str, Sequence[Question]] | None = None, index: TextIndex | None = None) -> Quiz:
    """Build every variant of a recipe's quiz; raise :class:`QuizgenError` if it cannot be done right."""
    seed = recipe.seed if seed is None else seed
    count = recipe.variants if variants is None else variants
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise QuizgenError([recipe.problem(f"bad seed {seed!r}", "use a whole number ≥ 0", "", "seed")])
    if count < 1:
        raise QuizgenError([recipe.problem(f"bad number of variants {count!r}", "ask for 1 or more", "",
                                           "variants")])
    index = index or TextIndex(corpus)  # one index for the pool and the work's title
    found = pool if pool is not None else build_pool(corpus, recipe, index)
    problems = [recipe.problem(
        f"the recipe asks for {n} {kind} question(s) but its scope and difficulty allow only "
        f"{len(found.get(kind, []))}",
        f"lower counts.{kind} to {len(found.get(kind, []))} or widen [scope] / difficulty", "counts", kind)
        for kind, n in recipe.counts if len(found.get(kind, [])) < n]
    if problems:
        raise QuizgenError(problems)
    used: Counter[str] = Counter()
    built = []
    for number in range(1, count + 1):
        rng = random.Random(f"quizgen\x1f{recipe.id}\x1f{seed}\x1f{number}")
        questions, short = _pick(recipe, found, rng, used)
        if short:
            raise QuizgenError([recipe.problem(
                f"variant {number}: cannot find {recipe.count(short)} {short} question(s) that go with the "
                "others without asking the same thing twice or giving an answer away",
                f"lower counts.{short} (or other counts) or widen [scope]", "counts", short)])
        used.update(q.id for q in questions)
        rng.shuffle(questions)
        shown = tuple(_shuffle(q, rng) if recipe.shuffle_options or q.form == "ordering" else q
                      for q in questions)
        built.append(Variant(number, shown, tuple(answer_key(n, q) for n, q in enumerate(shown, 1))))
    # Every text a quiz carries is typeset once here, as its questions are (title, source, credit).
    return Quiz(id=recipe.id, title=french_typography(recipe.title), seed=seed, time=recipe.time,
                variants=tuple(built), recipe=recipe, source=french_typography(corpus.title),
                credit=french_typography(corpus.credit),
                work_title=index.meaning.work.title)


def _shuffle(q: Question, rng: random.Random) -> Question:
    """Options in a seeded order; an ordering question is never shown in its answer order."""
    shown = q.shuffled(rng)
    for _ in range(8):
        if not in_answer_order(shown):
            return shown
        shown = q.shuffled(rng)
    if in_answer_order(shown) and len(shown.options) > 1:  # a fixed rotation as a last resort
        n = len(shown.options)
        order = [*range(1, n), 0]
        where = {old: new for new, old in enumerate(order)}
        from dataclasses import replace

        shown = replace(shown, options=tuple(shown.options[i] for i in order),
                        answers=tuple(where[a] for a in shown.answers))
    return shown


def _pick(recipe: Recipe, found: Mapping[str, Sequence[Question]], rng: random.Random,
          used: Counter[str]) -> tuple[list[Question], str]:
    """Questions for one variant: the least used first (so variants differ), at random among equals.
    Returns them, or the kind that could not be filled."""
    short = ""
    for attempt in range(ATTEMPTS):
        # Later attempts forget which questions earlier variants used: fitting together comes first.
        weight = 1 if attempt < ATTEMPTS // 2 else 0
        asked: set[str] = set()
        shown: set[str] = set()
        chosen: list[Question] = []
        for kind, n in sorted(recipe.counts, key=lambda c: PICK_ORDER.index(c[0])):
            ranked = sorted(found[kind], key=lambda q: (weight * used[q.id], rng.random()))
            taken = 0
            for q in ranked:
                if taken == n:
                    break
                if compatible(q, asked, shown) and not any(leaked_by(q, c) or leaked_by(c, q)
                                                           or same_question(q, c) for c in chosen):
                    chosen.append(q)
                    asked |= q.asks
                    shown |= q.shows
                    taken += 1
            if taken < n:
                short = kind
                break
        else:
            return chosen, ""
    return [], short


def available(corpus: Corpus, clauses: Sequence[Clause] | None = None,
              index: TextIndex | None = None) -> dict[str, int]:
    """How many questions of each kind can be made on ``clauses`` (the whole corpus by default)."""
    from quizgen.generate import pool as make_pool

    found = make_pool(corpus, clauses, index=index)
    return {k: len(found.get(k, [])) for k in KINDS}
