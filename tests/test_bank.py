"""One bank per build (issue 16): the questions a recipe draws from a :class:`Bank` are the ones a run of the
generators over its scope gives, question for question, on the kit's real corpus — for every section, every
shipped recipe and random scopes — and the kinds generated per scope are the ones that need it."""

from __future__ import annotations

import random
from collections.abc import Sequence

import pytest

from quizgen.corpus import Clause, Corpus
from quizgen.generate import SCOPE_BOUND, Bank, pool
from quizgen.guards import TextIndex
from quizgen.question import KINDS
from quizgen.recipe import load_recipe
from student_support import RECIPES, real_corpus


@pytest.fixture(scope="module")
def corpus(request: pytest.FixtureRequest) -> Corpus:
    return real_corpus(request)


def scopes(corpus: Corpus) -> list[tuple[str, list[Clause]]]:
    clauses = list(corpus.clauses)
    found = [(f"section {s}", [c for c in clauses if c.section == s]) for s in dict.fromkeys(c.section for c in clauses)]
    found += [(recipe.name, load_recipe(recipe).scope.select(corpus)) for recipe in RECIPES]
    rng = random.Random(16)
    for n in (1, 3, 12, 40):
        picked = sorted(rng.sample(range(len(clauses)), n))
        found.append((f"{n} random clauses", [clauses[i] for i in picked]))
    return found


def ids(questions: Sequence[object]) -> list[str]:
    return [q.id for q in questions]  # type: ignore[attr-defined]


def test_the_bank_gives_each_scope_the_questions_its_own_run_gives(corpus: Corpus) -> None:
    index = TextIndex(corpus)
    bank = Bank(corpus, index)
    for name, scope in scopes(corpus):
        expected = pool(corpus, scope, index=index)
        got = bank.pool(scope, KINDS)
        for kind in KINDS:
            assert got[kind] == expected[kind], (name, kind, ids(got[kind]), ids(expected[kind]))


def test_the_whole_bank_is_the_whole_corpus_pool_and_each_kind_alone_is_the_same(corpus: Corpus) -> None:
    index = TextIndex(corpus)
    whole = pool(corpus, index=index)
    assert Bank(corpus, index).whole() == whole
    assert sum(map(len, whole.values())) > 50
    for kind in KINDS:  # a kind asked alone (a recipe asks only its own kinds) is the same questions
        assert Bank(corpus, index).pool(None, [kind]) == {kind: whole[kind]}


def test_each_scope_bound_kind_does_depend_on_its_scope(corpus: Corpus) -> None:
    # Were a scope-bound kind the same whatever the scope, it would be generated once like the others.
    index = TextIndex(corpus)
    whole = pool(corpus, index=index, kinds=sorted(SCOPE_BOUND))
    differs = set()
    for _, scope in scopes(corpus):
        in_scope = {c.id for c in scope}
        scoped = pool(corpus, scope, index=index, kinds=sorted(SCOPE_BOUND))
        for kind in SCOPE_BOUND:
            if scoped[kind] != [q for q in whole[kind] if in_scope.intersection(q.clauses)]:
                differs.add(kind)
    assert differs == SCOPE_BOUND
