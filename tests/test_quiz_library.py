"""The quiz engine as a library, on a two-clause text: the example other projects can start from."""

from __future__ import annotations

import json
import subprocess
import sys

from quiz_helpers import bad_french, two_clause_corpus
from quizgen.generate import pool
from quizgen.guards import TextIndex, question_problems
from quizgen.question import BLANK
from quizgen.quiz import build_quiz
from quizgen.recipe import parse_recipe
from quizgen.typography import french_typography

RECIPE = """
title = "Essai"
seed = 7
variants = 3

[counts]
cloze = 2
truefalse = 1
choice = 1
"""


def test_two_clause_example() -> None:
    corpus = two_clause_corpus()
    quiz = build_quiz(corpus, parse_recipe(RECIPE, "essai.toml", "essai"))
    assert [len(v.questions) for v in quiz.variants] == [4, 4, 4]
    first = quiz.variants[0]
    for n, (q, key) in enumerate(zip(first.questions, first.key, strict=True), 1):
        assert key.number == n and key.question == q.id
        assert key.texts == tuple(q.options[a] for a in q.answers)
        assert q.citations and all(c.url.startswith("declaration/") for c in q.citations)
        assert q.clauses[0] in q.feedback  # the feedback names the clause it quotes
    cloze = pool(corpus)["cloze"]
    iran = next(q for q in cloze if q.answer_texts == ("la République islamique d’Iran",))
    tail = f"menées contre {BLANK} en juin 2025 et salué le rôle du Pakistan à Douchanbé. »"
    assert iran.prompt.endswith(french_typography(tail))  # every prompt is typeset (issue 11)
    assert set(iran.options) == {"la République islamique d’Iran", "la Russie"}  # same article, same case
    india = next(q for q in cloze if q.answer_texts == ("de l’Inde",))
    assert india.options[1:] == ("du Pakistan",) or "de la Russie" in india.options
    for q in cloze:
        before, after = q.cloze or ("", "")
        assert all(not bad_french(before + o + after) for o in q.options)


def test_same_recipe_and_seed_give_the_same_bytes() -> None:
    corpus = two_clause_corpus()
    recipe = parse_recipe(RECIPE, "essai.toml", "essai")
    first = build_quiz(corpus, recipe).dumps()
    assert first == build_quiz(two_clause_corpus(), recipe).dumps()
    assert first != build_quiz(corpus, recipe, seed=8).dumps()
    data = json.loads(first)
    assert data["format"] == "quizgen-quiz" and data["variants"][0]["questions"][0]["number"] == 1


def test_ids_are_content_hashes_stable_under_shuffling() -> None:
    corpus = two_clause_corpus()
    quiz = build_quiz(corpus, parse_recipe(RECIPE, "essai.toml", "essai"))
    by_id = {q.id: q for v in quiz.variants for q in v.questions}
    canonical = {q.id: q for qs in pool(corpus).values() for q in qs}
    for qid, q in by_id.items():
        assert sorted(q.options) == sorted(canonical[qid].options)
        assert sorted(q.answer_texts) == sorted(canonical[qid].answer_texts)
        assert not question_problems(q, TextIndex(corpus))


def test_engine_imports_no_sphinx() -> None:
    code = ("import sys, quizgen.quiz, quizgen.cli, quizgen.check, quizgen.export, quizgen.export.json, "
            "quizgen.generate, quizgen.recipe, quizgen.guards; "
            "assert not [m for m in sys.modules if m.split('.')[0] in ('sphinx', 'docutils')], "
            "'sphinx loaded'")
    subprocess.run([sys.executable, "-c", code], check=True)
