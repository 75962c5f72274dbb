"""The indexes built once for scale (issue 15 item 13) give the plain scans' answers, decision for decision.

Each index is compared with the scan it replaced, written out here as it was: on random texts (hypothesis),
then on the kit's corpus and on a grown copy of it (benchmarks/bench_scale.py), where every fact a
generator asks the guards about, every blank's replacements and every entity closure is decided both ways.
The banks of the shipped recipes and the pools of every kind are then built with the reference scans in
place of the indexes and must come out identical, question for question.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizgen import guards
from quizgen.corpus import Corpus
from quizgen.french import date_shape, realise, written_shape
from quizgen.generate import blanks, pool, position
from quizgen.generate.context import Context, Points
from quizgen.guards import TextIndex, fact_problem, normalise
from quizgen.meaning import Meaning, same_object
from quizgen.question import ActFact, Fact, TagFact, TextFact
from quizgen.substrings import Substrings

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tools"))

from bench_scale import grown  # noqa: E402
from review_sample import bank  # noqa: E402

# -- the scans the indexes replaced, as they were -----------------------------------------------------------


def scan_occurs(index: TextIndex, text: str) -> bool:
    # Clause by clause: the scan joined the texts with a NUL, so that a needle holding that NUL "occurred"
    # across two clauses; no clause holds the text, and the index now says so (issue 17).
    needle = normalise(text)
    return any(needle in body for body in index.texts.values())


def scan_clauses_with(index: TextIndex, text: str) -> list[str]:
    needle = normalise(text)
    return [cid for cid, body in index.texts.items() if needle in body]


def scan_act_problem(fact: ActFact, index: TextIndex) -> str | None:
    meaning = index.meaning
    if fact.holds or fact.act not in meaning.acts:
        return fact_problem(fact, index)
    about = index.named(fact.clause, fact.object) if fact.clause else frozenset()
    for act in (a for a in meaning.all_acts() if (a.act, a.actor) == (fact.act, fact.actor)):
        if same_object(act.object.text, fact.object):
            return f"a wrong option is also right: {fact.act} bears on {fact.object!r} in {act.clause}"
        if about and about & index.named(act.clause, act.object.text):
            return f"a wrong option may be right: {fact.act} bears on {sorted(about)} in {act.clause}"
    return None


def scan_fact_problem(fact: Fact, index: TextIndex) -> str | None:
    """``fact_problem`` with every index replaced by the scan it replaced."""
    if isinstance(fact, TextFact):
        if fact.holds:
            if fact.clause is None or not index.in_clause(fact.text, fact.clause):
                return f"answer not in clause {fact.clause}: {fact.text!r}"
            if fact.unique and scan_clauses_with(index, fact.text) != [fact.clause]:
                return f"text occurs in more than one clause: {fact.text!r}"
        elif scan_occurs(index, fact.text):
            return f"a wrong option is also right: {fact.text!r} occurs in the corpus"
        return None
    if isinstance(fact, ActFact):
        return scan_act_problem(fact, index)
    if isinstance(fact, TagFact) and fact.tag == "synthesis" and fact.clause and index.corpus.has_clause(fact.clause):
        points = index.corpus.extra.get("synthesis_points", []) or []
        truth = any(p.get("id") == fact.value and fact.clause in (p.get("clauses") or []) for p in points)
        if truth == fact.holds:
            return None
        return (f"synthesis {fact.value!r} is not in {fact.clause} where the answer needs it" if fact.holds
                else f"a wrong option is also right: synthesis {fact.value!r} in {fact.clause}")
    return fact_problem(fact, index)


def scan_closure(meaning: Meaning, kind: str, key: str) -> set[str]:
    seen, todo = {key}, [key]
    while todo:
        entity = meaning.entity(kind, todo.pop())
        if entity is None:
            continue
        for nxt in (*entity.part_of, *entity.same_as):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    for other in meaning.entities.get(kind, {}).values():
        if key in other.same_as:
            seen.add(other.key)
    return seen


def scan_candidates(ctx: Context, span: Any, phrase: Any, exclude: set[str]) -> list[tuple[str, str]]:
    strict: dict[str, str] = {}
    loose: dict[str, str] = {}
    for occ in ctx.occurrences.get(span.type, []):
        value = occ.span.value
        if value == span.value or value in exclude or value in strict:
            continue
        if span.type == "date" and date_shape(value) != date_shape(span.value):
            continue
        other = occ.phrase
        same_shape = span.type != "date" or written_shape(other.noun) == written_shape(phrase.noun)
        if other.key == phrase.key and same_shape:
            target = strict
        elif (span.type in blanks._LOOSE and phrase.prep != "en" and other.prep != "en"
              and phrase.prep == other.prep and phrase.det in blanks._SINGULAR and other.det in blanks._SINGULAR):
            target = loose
        else:
            continue
        text = realise(phrase.prep, other.det, other.noun, phrase.capital)
        if text is not None:
            target.setdefault(value, text)
    for value in strict:
        loose.pop(value, None)
    found = [(t, v) for v, t in sorted(strict.items())]
    if len(found) < 3:
        found += [(t, v) for v, t in sorted(loose.items())]
    if span.type == "number" and len(found) < 3:
        found += blanks._numbers(span, phrase, exclude)
    return found


# -- the substring index against the scan, on random texts ------------------------------------------------

_TEXT = st.text(alphabet="ab c", max_size=14).map(lambda t: " ".join(t.split()))


@settings(max_examples=300, deadline=None)
@given(st.lists(_TEXT, max_size=8), _TEXT)
def test_substrings_answer_as_the_scan(texts: list[str], needle: str) -> None:
    index = Substrings(texts)
    assert index.containing(needle) == [i for i, t in enumerate(texts) if needle in t]
    assert index.any_containing(needle) == any(needle in t for t in texts)
    assert index.contained_in(needle) == [i for i, t in enumerate(texts) if t in needle]


def test_substrings_find_a_needle_by_its_inner_words_only_where_it_stands() -> None:
    index = Substrings(["les états membres saluent", "les états", "membres saluent la", "z"])
    assert index.containing("états membres saluent") == [0]
    assert index.containing("s états membres s") == [0]  # cut inside its first and last words
    assert index.containing("états membres") == [0]  # no inner word: every text is read
    assert index.containing("la états membres saluent") == []
    assert index.contained_in("toutes les états membres saluent la paix") == [0, 1, 2]
    assert index.contained_in("états") == []


# -- the kit's corpus, and a grown copy of it ---------------------------------------------------------------


@pytest.fixture(scope="module")
def raw_corpus(built_site: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((built_site / "corpus.json").read_text(encoding="utf-8"))
    return data


def _corpora(raw: dict[str, Any]) -> Iterator[Corpus]:
    yield Corpus.from_dict(raw)
    yield Corpus.from_dict(grown(raw, 0.7))  # two copies: every text, act and point twice, one word apart


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Every fact, candidate list and closure decided both ways while the pools are built; counts them."""
    seen: Counter[str] = Counter()

    def both(fact: Fact, index: TextIndex) -> str | None:
        got, want = fact_problem(fact, index), scan_fact_problem(fact, index)
        assert got == want, fact
        seen[type(fact).__name__ + ("+" if getattr(fact, "holds", True) else "-")] += 1
        return got

    def candidates(ctx: Context, span: Any, phrase: Any, exclude: set[str]) -> list[tuple[str, str]]:
        got = real_candidates(ctx, span, phrase, exclude)
        assert got == scan_candidates(ctx, span, phrase, exclude), span
        seen["candidates"] += 1
        return got

    def closure(meaning: Meaning, kind: str, key: str) -> frozenset[str]:
        got = real_closure(meaning, kind, key)
        assert got == scan_closure(meaning, kind, key), key
        seen["closure"] += 1
        return got

    real_candidates, real_closure = blanks._candidates, Meaning._closure
    monkeypatch.setattr(guards, "fact_problem", both)
    monkeypatch.setattr(position, "fact_problem", both)
    monkeypatch.setattr(blanks, "_candidates", candidates)
    monkeypatch.setattr(Meaning, "_closure", closure)
    return seen


def test_every_guard_decision_of_the_pools_is_the_scans(raw_corpus: dict[str, Any], checked: Counter[str]) -> None:
    for corpus in _corpora(raw_corpus):
        pool(corpus)
    # Each kind of decision was taken, both ways, many times (not a vacuous pass).
    for kind in ("TextFact+", "TextFact-", "ActFact+", "ActFact-", "TagFact+", "TagFact-", "candidates",
                 "closure"):
        assert checked[kind] >= 20, (kind, checked)


def test_occurs_and_clauses_with_answer_as_the_scan_on_every_sentence(raw_corpus: dict[str, Any]) -> None:
    for corpus in _corpora(raw_corpus):
        index = TextIndex(corpus)
        bodies = list(index.texts.values())
        needles = ["", "OCS", "les États membres", "États membres ont", bodies[0] + "\x00" + bodies[1][:20],
                   bodies[3][5:-5], bodies[3] + " et"]
        for c in corpus.clauses[:60]:
            words = c.text.split()
            needles += [" ".join(words[i:i + n]) for n in (1, 2, 3, 7) for i in range(0, len(words), 9)]
            needles.append(" ".join(words[1:4]).replace("e", "é"))  # mostly absent
        for needle in needles:
            assert index.occurs(needle) == scan_occurs(index, needle), needle
            assert index.clauses_with(needle) == scan_clauses_with(index, needle), needle


def test_acts_on_and_the_distractor_guard_are_the_scans(raw_corpus: dict[str, Any]) -> None:
    reasons: Counter[str] = Counter()
    for corpus in _corpora(raw_corpus):
        index = TextIndex(corpus)
        acts = index.meaning.all_acts()
        keys = sorted({(a.act, a.actor) for a in acts})
        matched = 0
        for probe in acts[:150]:
            for obj in (probe.object.text, probe.object.text[3:-3], probe.object.text + " et de la paix"):
                assert index.acts_on_any(obj) == [a for a in acts if same_object(a.object.text, obj)]
                for act, actor in keys:
                    want = [a for a in index.acts_of(act, actor) if same_object(a.object.text, obj)]
                    assert index.acts_on(act, actor, obj) == want
                    matched += bool(want)
                    # The distractor guard: refused on the first act (in corpus order) on the same object or
                    # on a thing it names, with that act's clause in the message — as the scan found it.
                    fact = ActFact(probe.clause, probe.index, act, False, actor, obj)
                    refused = fact_problem(fact, index)
                    assert refused == scan_act_problem(fact, index), fact
                    reasons[(refused or "")[:28]] += 1
        assert matched > 100
    assert reasons["a wrong option is also right"] > 100 and reasons["a wrong option may be right:"] > 100


def _built_both_ways(build: Callable[[], Any], monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    fast = build()
    with monkeypatch.context() as m:
        m.setattr(guards, "fact_problem", scan_fact_problem)
        m.setattr(position, "fact_problem", scan_fact_problem)
        m.setattr(TextIndex, "occurs", scan_occurs)
        m.setattr(TextIndex, "clauses_with", scan_clauses_with)
        m.setattr(blanks, "_candidates", scan_candidates)
        m.setattr(Meaning, "_closure", scan_closure)
        slow = build()
    return fast, slow


def test_the_shipped_recipes_bank_is_the_same_with_the_scans(raw_corpus: dict[str, Any],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = Corpus.from_dict(raw_corpus)
    fast, slow = _built_both_ways(lambda: bank(corpus), monkeypatch)
    assert len(fast) >= 20
    assert [q.id for q in fast] == [q.id for q in slow]
    assert fast == slow


def test_every_pool_and_its_refusals_are_the_same_with_the_scans(raw_corpus: dict[str, Any],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    for corpus in _corpora(raw_corpus):
        refused: list[Counter[str]] = [Counter(), Counter()]
        runs = iter(refused)

        def build(corpus: Corpus = corpus, runs: Iterator[Counter[str]] = runs) -> dict[str, list[Any]]:
            return pool(corpus, refused=next(runs))

        fast, slow = _built_both_ways(build, monkeypatch)
        assert sum(len(v) for v in fast.values()) > 100
        assert fast == slow
        assert refused[0] == refused[1] and sum(refused[0].values()) > 100


def _group(point: dict[str, Any]) -> str:
    return str(point["number"]).split(".")[0]


def _shared(corpus: Corpus, themes: set[str], point: dict[str, Any]) -> int:
    return -len(themes & {t for c in point["clauses"] if corpus.has_clause(c) for t in corpus.clause(c).themes})


def test_points_nearest_is_the_sort_of_every_point(raw_corpus: dict[str, Any]) -> None:
    """The index reading.py may call instead of sorting every point for every clause (issue 15 item 13)."""
    for corpus in _corpora(raw_corpus):
        ctx = Context(corpus)
        bullets = [p for p in corpus.extra["synthesis_points"] if p.get("kind") == "bullet"]
        index = Points(ctx, bullets, _group)
        assert len(bullets) >= 10
        for clause in corpus.clauses:
            assert index.citing(clause.id) == [p for p in bullets if clause.id in p["clauses"]]
            for key in bullets[:: max(1, len(bullets) // 5)]:
                groups = {_group(p) for p in index.citing(clause.id)} | {_group(key)}

                themes = set(clause.themes)
                ranked = sorted((p for p in bullets if _group(p) not in groups and clause.id not in p["clauses"]),
                                key=lambda p: (_shared(corpus, themes, p), abs(len(p["text"]) - len(key["text"])),
                                               p["id"]))
                assert index.nearest(clause.themes, len(key["text"]), groups, 6) == ranked[:6]
                # a point citing the clause is in a skipped group: reading's second condition is implied
                assert index.nearest(clause.themes, len(key["text"]), groups, 6,
                                     lambda p, c=clause.id: c not in p["clauses"]) == ranked[:6]


@settings(max_examples=200, deadline=None)
@given(st.lists(_TEXT, max_size=8), _TEXT)
def test_first_containing_is_the_first_of_the_scan(texts: list[str], needle: str) -> None:
    assert Substrings(texts).first_containing(needle) == next((i for i, t in enumerate(texts) if needle in t), None)
