"""AMC-TXT read back with a reader that follows AMC's own parser (tests/amc_txt.py): every variant in its own
file, every choice question whole, nothing in a text read as syntax or markup, matching and ordering reported."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from amc_txt import parse
from export_support import choice, cloze, quiz_of, real_quizzes, sample_questions, squash, texts, truefalse, write
from quizgen.export import amc
from quizgen.question import Question
from quizgen.quiz import Quiz


def check(quiz: Quiz, tmp_path: Path) -> list[Path]:
    paths = write("amc", quiz, tmp_path)
    assert [p.name for p in paths] == [f"{quiz.id}.amc-{v.number}.txt" for v in quiz.variants]
    for path, variant in zip(paths, quiz.variants, strict=True):
        source = path.read_text(encoding="utf-8")
        parsed = parse(source)
        assert not parsed.errors, parsed.errors
        assert not parsed.markup(), parsed.markup()  # every markup module is disabled
        assert parsed.options["lang"] == "FR" and parsed.groups == 0
        kept = [q for q in variant.questions if q.form not in ("matching", "ordering")]
        assert len(parsed.questions) == len(kept)
        for mine, q in zip(parsed.questions, kept, strict=True):
            assert mine.options["id"] == q.id and mine.scoring is None and mine.open is None
            assert squash(mine.text) == squash(q.prompt)
            assert [squash(a.text) for a in mine.answers] == [squash(o) for o in q.options]
            assert [i for i, a in enumerate(mine.answers) if a.correct] == sorted(q.answers)
            assert all(a.letter is None and a.scoring is None for a in mine.answers)
            assert mine.multiple == (len(q.answers) > 1)
            assert ("ordered" in mine.options) == (q.form == "truefalse")
        for q in variant.questions:
            if q.form in ("matching", "ordering"):
                assert f"# Laissée de côté : {q.id} " in source
    return paths


def test_every_form(tmp_path: Path) -> None:
    check(quiz_of(sample_questions()), tmp_path)


def test_real_quizzes_every_variant(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    for quiz in real_quizzes(request):
        paths = check(quiz, tmp_path / quiz.id)
        assert len(paths) == len(quiz.variants) >= 1


HOSTILE = ["[[\\input{/etc/passwd}]]", "!image.png!", "[* gras *]", "[verbatim]x[/verbatim]", "[== titre ==]",
           "a\nCode: 8", "a\n# commentaire", "a\n+ injectée", "a\n** autre question", "{barème}", "<ouverte>",
           "[id=autre]", "*( groupe", "\\textbf{x} $ ^ _ % & ~"]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_no_text_becomes_syntax(tmp_path: Path, hostile: str) -> None:
    questions: list[Question] = [choice(hostile, (hostile + " 1", "deux", hostile)),
                                 truefalse(hostile, False), cloze(hostile + " ", "ceci", " fin", ("cela",))]
    check(quiz_of(questions, title="Titre " + hostile.replace("\n", " ")), tmp_path)


@settings(max_examples=25, deadline=None)
@given(prompt=texts, options=st.lists(texts, min_size=2, max_size=4, unique_by=squash))
def test_any_text_survives(prompt: str, options: list[str]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        check(quiz_of([choice(prompt, tuple(options), (0,)), choice(prompt, tuple(options), (0, 1))]), Path(tmp))


def test_report_names_what_is_left_out() -> None:
    assert "left out of the AMC files" in amc.message(quiz_of(sample_questions()))
    assert "every question" in amc.message(quiz_of(sample_questions()[:2]))
