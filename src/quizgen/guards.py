"""Guards: what makes a question right, and a quiz fair. Generators drop what fails them; tests prove them.

- the answer is in its clause (every fact that ``holds`` is true of the cited clause);
- no distractor is also right (every fact that does not hold is false of the whole corpus);
- options are unique and well formed;
- the right answer is not the longest option more often than chance (:func:`longest_share`);
- one quiz does not ask the same thing twice nor show, as true, what another question asks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import pairwise

from quizgen.corpus import Corpus
from quizgen.french import date_bounds
from quizgen.question import Fact, OrderFact, Question, TagFact, TextFact

_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Text compared as a reader would: runs of spaces (including no-break ones) count as one."""
    return _SPACES.sub(" ", text).strip()


class TextIndex:
    """The corpus's clauses, normalised once, for fast "does this text occur" questions."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.texts = {c.id: normalise(c.text) for c in corpus.clauses}
        # A separator no text contains, so that no match runs across two clauses.
        self.haystack = "\x00".join(self.texts.values())

    def occurs(self, text: str) -> bool:
        return normalise(text) in self.haystack

    def in_clause(self, text: str, clause_id: str) -> bool:
        return normalise(text) in self.texts.get(clause_id, "")

    def clauses_with(self, text: str) -> list[str]:
        needle = normalise(text)
        return [cid for cid, body in self.texts.items() if needle in body]


def fact_problem(fact: Fact, index: TextIndex) -> str | None:
    """Why ``fact`` is false, or None when it is true."""
    corpus = index.corpus
    if isinstance(fact, TextFact):
        if fact.holds:
            if fact.clause is None or not index.in_clause(fact.text, fact.clause):
                return f"answer not in clause {fact.clause}: {fact.text!r}"
            if fact.unique and index.clauses_with(fact.text) != [fact.clause]:
                return f"text occurs in more than one clause: {fact.text!r}"
        elif index.occurs(fact.text):
            return f"a wrong option is also right: {fact.text!r} occurs in the corpus"
        return None
    if isinstance(fact, OrderFact):
        bounds = [date_bounds(d) for d in fact.dates]
        if any(a[1] >= b[0] for a, b in pairwise(bounds)):
            return f"dates not in strict order: {fact.dates}"
        return None
    return _tag_problem(fact, corpus)


def _tag_problem(fact: TagFact, corpus: Corpus) -> str | None:
    if fact.tag.startswith("label:"):
        key, _, label = fact.value.partition("=")
        truth = corpus.label(fact.tag[6:], key) == label
    elif fact.tag == "role":
        roles = corpus.extra.get("roles", [])
        truth = any(r.get("state") == fact.value and r.get("role") == fact.within for r in roles)
    elif fact.tag == "expert":
        claims = corpus.extra.get("claims", [])
        truth = any(c.get("expert") == fact.value and c.get("text") == fact.within for c in claims)
    elif fact.clause is None or not corpus.has_clause(fact.clause):
        return f"unknown clause {fact.clause!r}"
    else:
        clause = corpus.clause(fact.clause)
        if fact.tag == "theme":
            truth = fact.value in clause.themes
        elif fact.tag == "section":
            truth = clause.section == fact.value
        else:
            lo, hi = 0, len(clause.text)
            if fact.within:
                lo = clause.text.find(fact.within)
                if lo == -1:
                    return f"excerpt not in clause {clause.id}: {fact.within!r}"
                hi = lo + len(fact.within)
            truth = any(s.type == fact.tag and s.value == fact.value and lo <= s.start and s.end <= hi
                        for s in clause.spans)
    if truth == fact.holds:
        return None
    where = f" in {fact.clause}" if fact.clause else ""
    return (f"{fact.tag} {fact.value!r} is not{where} where the answer needs it" if fact.holds
            else f"a wrong option is also right: {fact.tag} {fact.value!r}{where}")


def shape_problems(q: Question) -> list[str]:
    """Options unique and non-empty, answers that point at options."""
    problems = []
    n = len(q.options)
    seen = {normalise(o).casefold() for o in q.options}
    if len(seen) != n:
        problems.append("options are not unique")
    if n < 2 or any(not o.strip() for o in q.options):
        problems.append("fewer than two options, or an empty one")
    if not q.answers or any(not 0 <= a < n for a in q.answers):
        problems.append("answers do not point at options")
    if q.form in ("matching", "ordering") and sorted(q.answers) != list(range(n)):
        problems.append("answers are not one option each")
    if q.form == "matching" and len(q.stems) != len(q.answers):
        problems.append("one answer per stem is needed")
    if q.form == "truefalse" and len(q.answers) != 1:
        problems.append("a true/false question has one answer")
    return problems


def question_problems(q: Question, index: TextIndex) -> list[str]:
    """Everything wrong with one question; empty when it may be asked."""
    problems = shape_problems(q)
    missing = [c for c in q.clauses if not index.corpus.has_clause(c)]
    if missing or not q.clauses:
        problems.append(f"unknown or missing clauses: {missing}")
    if q.kind != "authored" and not any(getattr(f, "holds", True) for f in q.facts):
        problems.append("no fact ties the answer to its clause")
    problems += [p for p in (fact_problem(f, index) for f in q.facts) if p]
    return problems


def compatible(q: Question, asked: set[str], shown: set[str]) -> bool:
    """May ``q`` join a quiz that already asks ``asked`` and shows ``shown``?"""
    return not (q.asks & asked or q.asks & shown or q.shows & asked)


def quiz_problems(questions: Sequence[Question]) -> list[str]:
    """Repeated questions, a thing asked twice, an answer given away by another question."""
    problems = []
    ids = [q.id for q in questions]
    if len(set(ids)) != len(ids):
        problems.append("a question appears twice")
    asked: set[str] = set()
    shown: set[str] = set()
    for q in questions:
        if not compatible(q, asked, shown):
            problems.append(f"{q.id} asks or shows what another question asks: "
                            f"{sorted((q.asks & (asked | shown)) | (q.shows & asked))}")
        asked |= q.asks
        shown |= q.shows
    return problems


def longest_share(questions: Iterable[Question]) -> tuple[float, float, int]:
    """Share of choice questions whose right answer is the longest option, what chance gives, and how many.

    A tie for longest counts as a fraction; true/false, matching and ordering questions do not count.
    """
    observed = expected = 0.0
    count = 0
    for q in questions:
        if q.form != "choice" or len(q.answers) != 1:
            continue
        lengths = [len(o) for o in q.options]
        top = max(lengths)
        longest = [i for i, n in enumerate(lengths) if n == top]
        observed += (q.answers[0] in longest) / len(longest)
        expected += 1 / len(q.options)
        count += 1
    if not count:
        return 0.0, 0.0, 0
    return observed / count, expected / count, count
