"""Recipes, the CLI, authored questions and expert claims: clear errors with file and line, nothing
half-written."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from quiz_helpers import synthetic_corpus, two_clause_corpus
from quizgen.check import check, extra_problems
from quizgen.cli import main
from quizgen.corpus import Corpus
from quizgen.generate import pool
from quizgen.problems import QuizgenError
from quizgen.question import KINDS
from quizgen.quiz import build_quiz
from quizgen.recipe import load_recipe, parse_recipe

ROOT = Path(__file__).resolve().parent.parent

GOOD = """title = "Essai"
seed = 3
variants = 2

[scope]
sections = ["I", "II"]

[counts]
cloze = 3
truefalse = 2
"""


def _problems(text: str) -> list[tuple[int, str]]:
    with pytest.raises(QuizgenError) as err:
        parse_recipe(text, "r.toml")
    return [(p.line, p.message + " " + p.fix) for p in err.value.problems]


def test_recipe_errors_name_the_line_and_the_fix() -> None:
    assert _problems(GOOD.replace("variants = 2", "variantes = 2")) == [
        (3, "unknown key 'variantes' did you mean 'variants'?")]
    assert _problems(GOOD.replace("seed = 3", "seed = -1"))[0][0] == 2
    assert "bad seed" in _problems(GOOD.replace("seed = 3", 'seed = "abc"'))[0][1]
    assert _problems(GOOD.replace("cloze = 3", "clozes = 3"))[0][0] == 9
    assert _problems(GOOD.replace("truefalse = 2", "truefalse = -2"))[0][0] == 10
    assert _problems(GOOD.replace('title = "Essai"', 'title = "Essai'))[0][0] == 1  # TOML syntax
    assert _problems(GOOD.replace("variants = 2", 'variants = 2\ndifficulty = "extrême"')) == [
        (4, "unknown difficulty 'extrême' use facile, moyen, difficile, mixte or 1 to 3")]


def test_unknown_section_and_too_many_questions_are_errors() -> None:
    corpus = synthetic_corpus(1, clauses=20)
    recipe = parse_recipe(GOOD.replace('"II"]', '"VII"]'), "r.toml")
    with pytest.raises(QuizgenError) as err:
        build_quiz(corpus, recipe)
    assert [(p.line, p.message) for p in err.value.problems] == [(6, "unknown section 'VII' in scope")]
    with pytest.raises(QuizgenError) as err:
        build_quiz(corpus, parse_recipe(GOOD.replace("cloze = 3", "cloze = 999"), "r.toml"))
    problem = err.value.problems[0]
    assert problem.line == 9 and "999 cloze" in problem.message and "lower counts.cloze" in problem.fix


def test_exercise_recipes_parse() -> None:
    recipes = sorted((ROOT / "exercises").glob("*.toml"))
    assert len(recipes) == 6
    for path in recipes:
        recipe = load_recipe(path)
        assert recipe.title and recipe.total > 0


def test_exercise_recipes_build_on_the_declaration(built_site: Path) -> None:
    assert check(built_site / "corpus.json", sorted((ROOT / "exercises").glob("*.toml"))) == []


def _write(tmp_path: Path, corpus: Corpus, recipe: str = GOOD) -> tuple[Path, Path]:
    corpus_path = tmp_path / "corpus.json"
    corpus.write(corpus_path)
    recipe_path = tmp_path / "essai.toml"
    recipe_path.write_text(recipe, encoding="utf-8")
    return corpus_path, recipe_path


def test_cli_build_check_and_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus_path, recipe = _write(tmp_path, synthetic_corpus(2, clauses=30))
    out = tmp_path / "out"
    args = ["build", str(recipe), "--corpus", str(corpus_path), "--out", str(out), "--variants", "3"]
    assert main(args) == 0
    first = (out / "essai.json").read_bytes()
    assert len(json.loads(first)["variants"]) == 3
    assert main(args) == 0
    assert (out / "essai.json").read_bytes() == first  # same bytes
    assert sorted(p.name for p in out.iterdir()) == ["essai.json"]  # no staging folder left
    assert main(["check", str(recipe), "--corpus", str(corpus_path)]) == 0
    capsys.readouterr()
    assert main(["list", "--corpus", str(corpus_path)]) == 0
    # One row per section and one for the whole text, each giving what the engine can generate there.
    header, *rows = [line.split() for line in capsys.readouterr().out.splitlines()]
    assert header == ["section", *KINDS, "total"]
    corpus = Corpus.load(corpus_path)
    sections = [section.id for section in corpus.sections]
    assert len(sections) > 1 and [row[0] for row in rows] == [*sections, "tout"]
    for row, clauses in zip(rows, [*(corpus.in_section(sid) for sid in sections), list(corpus.clauses)],
                            strict=True):
        found = pool(corpus, clauses)
        assert row[1:] == [str(len(found[k])) for k in KINDS] + [str(sum(len(found[k]) for k in KINDS))]
    assert all(int(row[-1]) > 0 for row in rows)


def test_cli_errors_exit_non_zero_and_write_nothing(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    corpus_path, good = _write(tmp_path, synthetic_corpus(2, clauses=30))
    bad = tmp_path / "trop.toml"
    bad.write_text(GOOD.replace("cloze = 3", "cloze = 500"), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(good), str(bad), "--corpus", str(corpus_path), "--out", str(out)]) == 1
    assert not out.exists() or not any(out.iterdir())
    assert "trop.toml:9" in capsys.readouterr().err
    assert main(["check", str(bad), "--corpus", str(corpus_path)]) == 1
    assert main(["build", str(good), "--corpus", str(tmp_path / "absent.json"), "--out", str(out)]) == 1
    docx = ["build", str(good), "--corpus", str(corpus_path), "--format", "docx", "--out", str(out)]
    assert main(docx) == 1
    with pytest.raises(SystemExit) as exit_:
        main(["build", str(good), "--seed", "-4"])
    assert exit_.value.code == 2


AUTHORED: list[dict[str, Any]] = [
    {"id": "hote", "kind": "choice", "prompt": "Quelle ville accueille le sommet ?",
     "options": ["Tianjin", "Pékin", "Shanghai"], "answers": ["Tianjin"], "feedback": "C’est Tianjin.",
     "clauses": ["I.1"], "source": {"file": "docs/quiz.md", "line": 12}},
    {"kind": "truefalse", "prompt": "La Russie soutient la multipolarité.", "answers": [True],
     "clauses": ["II.1"], "source": {"file": "docs/quiz.md", "line": 20}},
]


def test_authored_questions_mix_with_generated_ones() -> None:
    corpus = two_clause_corpus()
    corpus.extra["questions"] = AUTHORED
    assert extra_problems(corpus) == []
    authored = pool(corpus)["authored"]
    assert "hote" in [q.id for q in authored]
    recipe = parse_recipe(GOOD.replace("truefalse = 2", "authored = 2"), "r.toml")
    quiz = build_quiz(corpus, recipe)
    kinds = {q.kind for q in quiz.variants[0].questions}
    assert kinds == {"cloze", "authored"}
    tf = next(q for q in authored if q.form == "truefalse")
    assert tf.answer_texts == ("Vrai",) and "II.1" in tf.feedback


def test_bad_authored_questions_are_reported_with_file_and_line() -> None:
    corpus = two_clause_corpus()
    corpus.extra["questions"] = [
        {**AUTHORED[0], "answers": ["Lyon"]},
        {**AUTHORED[1], "clauses": ["IX.9"], "kind": "essai"},
        {**AUTHORED[0], "options": ["Tianjin", "Tianjin"]},
    ]
    found = [(p.file, p.line, p.message) for p in extra_problems(corpus)]
    assert ("docs/quiz.md", 12, "answer 'Lyon' is not one of the options") in found
    assert ("docs/quiz.md", 20, "unknown question kind 'essai'") in found
    assert ("docs/quiz.md", 20, "unknown clause 'IX.9'") in found
    assert ("docs/quiz.md", 12, "two options are the same") in found


def test_expert_attribution_needs_claims_and_skips_cleanly_without() -> None:
    corpus = synthetic_corpus(4, clauses=20)
    assert not [q for q in pool(corpus)["attribution"] if "expert" in q.prompt]
    corpus.extra["claims"] = [
        {"expert": "salvaudon", "expert_label": "Charles Salvaudon", "text": "Un acte politique.",
         "clauses": ["I.1"]},
        {"expert": "lecorre", "expert_label": "Philippe Le Corre", "text": "La Chine consolide son rôle.",
         "clauses": ["II.1"]},
    ]
    experts = [q for q in pool(corpus)["attribution"] if "expert" in q.prompt]
    assert len(experts) == 2
    first = next(q for q in experts if "acte politique" in q.prompt)
    assert first.answer_texts == ("Charles Salvaudon",) and set(first.options) == {
        "Charles Salvaudon", "Philippe Le Corre"}
    corpus.extra["claims"].append({"expert": "x", "text": "", "clauses": ["Z.1"]})
    assert len(extra_problems(corpus)) == 2
