"""Every guard, proven by property tests over many synthetic declarations and seeds.

The checks here are written again from the question's own text (cloze parts, statements), not from the
facts the generators attach, so a generator that lies about its facts is caught too.
"""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from quiz_helpers import bad_french, synthetic_corpus, two_clause_corpus
from quizgen.corpus import Corpus
from quizgen.generate import pool
from quizgen.guards import TextIndex, longest_share, question_problems, quiz_problems
from quizgen.question import FALSE, TRUE, Question, TextFact
from quizgen.quiz import build_quiz
from quizgen.recipe import Recipe, Scope
from quizgen.typography import french_typography

seeds = st.integers(min_value=0, max_value=10**9)
FAST = settings(max_examples=40, deadline=None)


def _occurs(corpus: Corpus, text: str) -> list[str]:
    # Questions come out with French typography (issue 11): compare typeset text with typeset clauses.
    text = french_typography(text)
    return [c.id for c in corpus.clauses if text in french_typography(c.text)]


def _statement(q: Question) -> str:
    return q.prompt.split("«", 1)[1].rsplit("»", 1)[0].strip(" \u202f\u00a0")


@FAST
@given(seeds)
def test_every_generated_question_is_right(seed: int) -> None:
    corpus = synthetic_corpus(seed, clauses=24)
    index = TextIndex(corpus)
    for kind, questions in pool(corpus).items():
        for q in questions:
            assert not question_problems(q, index), (kind, q.prompt)
            assert len({o.casefold() for o in q.options}) == len(q.options)  # unique options
            if q.cloze:
                before, after = q.cloze
                before, after = before.removeprefix("…"), after.removesuffix("…")
                right = [before + q.options[a] + after for a in q.answers]
                wrong = [before + o + after for i, o in enumerate(q.options) if i not in q.answers]
                assert all(q.clauses[0] in _occurs(corpus, t) for t in right)  # the answer is in its clause
                assert not any(_occurs(corpus, t) for t in wrong)  # no distractor is also right
                assert not any(bad_french(t) for t in right + wrong), (right, wrong)  # grammar holds
                assert q.answer_texts[0].casefold() not in (before + after).casefold()  # no giveaway
            if q.form == "truefalse":
                found = _occurs(corpus, _statement(q))
                assert (q.clauses[0] in found) if q.answer_texts == (TRUE,) else not found
                assert not bad_french(_statement(q))
            if q.kind == "choice" and q.prompt.startswith("Laquelle de ces phrases"):
                assert [bool(_occurs(corpus, o)) for o in q.options] == [i in q.answers for i in range(4)]


@FAST
@given(seeds, seeds, st.integers(min_value=1, max_value=4))
def test_quizzes_never_ask_twice_nor_give_away(corpus_seed: int, seed: int, variants: int) -> None:
    corpus = synthetic_corpus(corpus_seed, clauses=30)
    counts = (("cloze", 5), ("choice", 3), ("truefalse", 3), ("matching", 1), ("attribution", 2))
    recipe = Recipe(id="essai", title="Essai", counts=counts, seed=seed, variants=variants)
    quiz = build_quiz(corpus, recipe)
    for variant in quiz.variants:
        assert len(variant.questions) == recipe.total
        assert not quiz_problems(variant.questions)
        index = TextIndex(corpus)
        assert not any(question_problems(q, index) for q in variant.questions)
    assert quiz.dumps() == build_quiz(corpus, recipe).dumps()  # same recipe and seed: same bytes


@settings(max_examples=20, deadline=None)
@given(seeds)
def test_variants_differ_in_questions_or_order(seed: int) -> None:
    corpus = synthetic_corpus(seed, clauses=30)
    recipe = Recipe(id="essai", title="Essai", counts=(("cloze", 6), ("truefalse", 3)), seed=seed, variants=3)
    quiz = build_quiz(corpus, recipe)
    orders = [tuple(q.id for q in v.questions) for v in quiz.variants]
    assert len(set(orders)) == 3
    assert len({frozenset(o) for o in orders}) > 1  # the least used questions are preferred


def test_right_answer_is_not_the_longest_more_than_chance() -> None:
    asked: list[Question] = []
    for seed in range(40):
        corpus = synthetic_corpus(seed, clauses=30)
        counts = (("cloze", 6), ("choice", 4))
        recipe = Recipe(id="essai", title="Essai", counts=counts, seed=seed, variants=5)
        asked += [q for v in build_quiz(corpus, recipe).variants for q in v.questions]
    share, chance, n = longest_share(asked)
    assert n > 1000
    # Three standard deviations above chance, for a binomial share over n questions.
    assert share <= chance + 3 * (chance * (1 - chance) / n) ** 0.5, (share, chance)


def test_guards_catch_a_question_that_lies() -> None:
    corpus = two_clause_corpus()
    index = TextIndex(corpus)
    q = pool(corpus)["cloze"][0]
    assert not question_problems(q, index)
    before, after = q.cloze or ("", "")
    # A "wrong" option that is the very text of the clause: the guard must see it is also right.
    lying = replace(q, facts=(*q.facts, TextFact(before + q.answer_texts[0] + after, None, False)))
    assert any("also right" in p for p in question_problems(lying, index))
    # An answer that is not in its clause.
    moved = replace(q, facts=(TextFact("un texte absent", q.clauses[0], True),))
    assert any("not in clause" in p for p in question_problems(moved, index))
    assert "options are not unique" in question_problems(replace(q, options=(q.options[0],) * 2), index)
    assert quiz_problems([q, q])  # asked twice


def test_true_false_answers_are_balanced_and_false_ones_proven_absent() -> None:
    truths = []
    for seed in range(15):
        corpus = synthetic_corpus(seed, clauses=30)
        for q in pool(corpus)["truefalse"]:
            truths.append(q.answer_texts == (TRUE,))
            if q.answer_texts == (FALSE,):
                assert not _occurs(corpus, _statement(q))
    assert 0.35 < sum(truths) / len(truths) < 0.65


def test_scope_limits_where_questions_come_from() -> None:
    corpus = synthetic_corpus(5, clauses=30)
    clauses = Scope(sections=("II",)).select(corpus)
    for questions in pool(corpus, clauses).values():
        for q in questions:
            assert {c.split(".")[0] for c in q.clauses} == {"II"}
