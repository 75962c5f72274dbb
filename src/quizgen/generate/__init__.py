"""Question generators, one module per kind. Each exposes ``generate(ctx) -> list[Question]``.

:func:`pool` runs them all over the clauses in scope, keeps only the questions every guard accepts,
and returns them per kind in a fixed order (sorted by id), ready for seeded selection.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from quizgen.corpus import Clause, Corpus
from quizgen.generate import attribution, authored, choice, chronology, cloze, matching, truefalse
from quizgen.generate.context import Context
from quizgen.guards import TextIndex, question_problems
from quizgen.question import KINDS, Question

Generator = Callable[[Context], list[Question]]

GENERATORS: dict[str, Generator] = {
    "cloze": cloze.generate,
    "choice": choice.generate,
    "truefalse": truefalse.generate,
    "matching": matching.generate,
    "chronology": chronology.generate,
    "attribution": attribution.generate,
    "authored": authored.generate,
}
assert tuple(GENERATORS) == KINDS


def pool(corpus: Corpus, scope: Sequence[Clause] | None = None, *, index: TextIndex | None = None,
         kinds: Sequence[str] = KINDS) -> dict[str, list[Question]]:
    """Every question that can be asked on ``scope`` (default: the whole corpus), per kind."""
    ctx = Context(corpus, scope, index)
    found: dict[str, list[Question]] = {}
    for kind in kinds:
        unique = {q.id: q for q in GENERATORS[kind](ctx) if not question_problems(q, ctx.index)}
        found[kind] = [unique[qid] for qid in sorted(unique)]
    return found


__all__ = ["GENERATORS", "Context", "pool"]
