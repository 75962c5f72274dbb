"""Question generators, one module per kind. Each exposes ``generate(ctx) -> list[Question]``.

:func:`pool` runs them all over the clauses in scope, keeps only the questions every guard accepts,
puts French typography on every text a student reads (prompt, options, stems, feedback: the one place
every output — site, projector, PDF, exports — takes its text from), names the work as the corpus does,
and returns the questions per kind in a fixed order (sorted by id), ready for seeded selection.

:class:`Bank` is one build's questions: each kind generated once over the whole corpus and filtered per
recipe, except the few kinds whose options are drawn from the scope itself (:data:`SCOPE_BOUND`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace

from quizgen.corpus import Clause, Corpus
from quizgen.generate import (
    attribution,
    authored,
    choice,
    chronology,
    cloze,
    matching,
    position,
    purpose,
    reading,
    truefalse,
    who,
)
from quizgen.generate.context import Context
from quizgen.guards import TextIndex, form_problem, question_problems
from quizgen.question import KINDS, Citation, Question
from quizgen.text_checks import cut, passage_problem
from quizgen.typography import french_typography

Generator = Callable[[Context], list[Question]]

GENERATORS: dict[str, Generator] = {
    "cloze": cloze.generate,
    "choice": choice.generate,
    "truefalse": truefalse.generate,
    "matching": matching.generate,
    "chronology": chronology.generate,
    "attribution": attribution.generate,
    "authored": authored.generate,
    "position": position.generate,
    "decided": position.generate_decided,
    "who": who.generate,
    "purpose": purpose.generate,
    "reading": reading.generate,
}
assert tuple(GENERATORS) == KINDS

#: A choice question offers the key and at least this many distractors, or is not asked.
MIN_DISTRACTORS = 3


def refusal(q: Question, index: TextIndex, strict: bool = True) -> str:
    """The first guard that refuses ``q`` ("" when every guard accepts it), as a short name.

    ``strict`` adds the bar of issue 11 (≥ 3 distractors, passages whole and self-standing, no cut
    fragments, no acronym clue); :func:`pool` sets it for every corpus that carries the v2 tags (acts) —
    every corpus the kit builds. In-memory corpora without acts (the v1 synthetic corpora of older tests)
    keep the v1 guards only."""
    problems = question_problems(q, index)
    if problems:
        first = problems[0]
        if "wrong option" in first or "alias" in first:
            return "distractor-also-right"
        if "not in clause" in first or "is not" in first or "no fact" in first or "unknown" in first:
            return "key-not-proven"
        return "shape"
    if q.kind == "authored" or not strict:
        return ""
    if q.form == "choice" and len(q.options) < MIN_DISTRACTORS + 1:
        return "fewer-than-3-distractors"
    passage = passage_problem(q.prompt)
    if passage:
        return f"passage-{passage}"
    if q.form in ("matching", "ordering") and any(cut(t) for t in (*q.stems, *q.options)):
        return "fragment-cut"
    return form_problem(q)


def typeset(q: Question, ctx: Context) -> Question:
    """The question with French typography on every text shown, and the work named as the corpus does."""
    t = french_typography

    def work(text: str) -> str:
        return t(ctx.in_work(text))

    return replace(
        q, prompt=work(q.prompt), options=tuple(t(o) for o in q.options), stems=tuple(t(s) for s in q.stems),
        feedback=work(q.feedback), short_prompt=work(q.short_prompt) if q.short_prompt else "",
        short_options=tuple(t(o) for o in q.short_options),
        cloze=(t(q.cloze[0]), t(q.cloze[1])) if q.cloze else None,
        citations=tuple(Citation(c.clause, c.url, t(c.quote)) for c in q.citations),
        sections=tuple(dict.fromkeys(ctx.corpus.clause(c).section for c in q.clauses
                                     if ctx.corpus.has_clause(c))))


def pool(corpus: Corpus, scope: Sequence[Clause] | None = None, *, index: TextIndex | None = None,
         kinds: Sequence[str] = KINDS, refused: Counter[str] | None = None) -> dict[str, list[Question]]:
    """Every question that can be asked on ``scope`` (default: the whole corpus), per kind.

    ``refused``, when given, counts the candidates each guard refused (``"cloze:passage-cut"``…)."""
    ctx = Context(corpus, scope, index)
    strict = bool(ctx.meaning.by_clause)
    found: dict[str, list[Question]] = {}
    for kind in kinds:
        unique: dict[str, Question] = {}
        for q in GENERATORS[kind](ctx):
            why = refusal(q, ctx.index, strict)
            if why:
                if refused is not None:
                    refused[f"{kind}:{why}"] += 1
                continue
            unique[q.id] = typeset(q, ctx)
        found[kind] = [unique[qid] for qid in sorted(unique)]
    if refused is not None:
        refused.update(ctx.cache.get("skipped", Counter()))
    return found


#: Kinds whose questions depend on the scope, not only on their clause: their options are drawn from the
#: clauses in scope (matching pairs, the sections to attribute, the bodies whose purposes are offered).
#: Every other kind asks the same question of a clause whatever the scope (tests/test_bank.py proves it on
#: every section, the shipped recipes and random scopes).
SCOPE_BOUND = frozenset({"matching", "attribution", "purpose"})


class Bank:
    """The questions of one corpus, generated once: ``bank.pool(scope, kinds)`` is ``pool(corpus, scope,
    kinds=kinds)``, the scope-free kinds taken from one whole-corpus run (a question is in scope when one
    of its clauses is), the scope-bound ones generated for that scope."""

    def __init__(self, corpus: Corpus, index: TextIndex | None = None) -> None:
        self.corpus = corpus
        self.index = index or TextIndex(corpus)
        self._whole: dict[str, list[Question]] = {}

    def whole(self, kinds: Sequence[str] = KINDS) -> dict[str, list[Question]]:
        """Every question of the whole corpus, per kind (each kind generated at most once)."""
        missing = [k for k in kinds if k not in self._whole]
        if missing:
            self._whole.update(pool(self.corpus, index=self.index, kinds=missing))
        return {k: self._whole[k] for k in kinds}

    def pool(self, scope: Sequence[Clause] | None = None, kinds: Sequence[str] = KINDS) -> dict[str, list[Question]]:
        if scope is None:
            return self.whole(kinds)
        ids = {c.id for c in scope}
        free = self.whole([k for k in kinds if k not in SCOPE_BOUND])
        bound = [k for k in kinds if k in SCOPE_BOUND]
        scoped = pool(self.corpus, scope, index=self.index, kinds=bound) if bound else {}
        return {k: scoped[k] if k in SCOPE_BOUND else [q for q in free[k] if ids.intersection(q.clauses)]
                for k in kinds}


__all__ = ["GENERATORS", "SCOPE_BOUND", "Bank", "Context", "pool"]
