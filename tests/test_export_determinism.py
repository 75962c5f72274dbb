"""Every format: the same recipes and seed give the same bytes (zip and sheet dates fixed), and what a student
sees of a question (its text and options) does not depend on which answer is right."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from export_support import FORMATS, quiz_of, real_quizzes, sample_questions, with_other_answer, write
from quizgen.export import export, gift, kahoot, moodle


def test_same_recipe_and_seed_same_bytes(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    quizzes = real_quizzes(request)
    first = export(quizzes, [*FORMATS, "json"], tmp_path / "a")
    again = export(real_quizzes(request), [*FORMATS, "json"], tmp_path / "b")
    assert [p.name for p in first] == [p.name for p in again]
    assert {p.suffix for p in first} >= {".txt", ".xml", ".zip", ".xlsx", ".apkg", ".json"}
    for a, b in zip(first, again, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_student_side_does_not_depend_on_the_answer(tmp_path: Path) -> None:
    for q in sample_questions():
        other = with_other_answer(q)
        # GIFT: the stem (the text before the answer set, and after it for a missing word).
        ours, theirs = gift.question(q), gift.question(other)
        assert ours.split("{", 1)[0] == theirs.split("{", 1)[0]
        assert ours.rsplit("}", 1)[1] == theirs.rsplit("}", 1)[1]
        # Moodle XML: the question text and the options in their order.
        a = etree.fromstring(moodle.question(q).encode())
        b = etree.fromstring(moodle.question(other).encode())
        assert a.findtext("questiontext/text") == b.findtext("questiontext/text")
        assert [x.findtext("text") for x in a.iterfind("answer")] == [x.findtext("text") for x in b.iterfind("answer")]
        # Kahoot: everything but the column of correct answers.
        assert kahoot.rows(quiz_of([q]), [q])[0][:-1] == kahoot.rows(quiz_of([other]), [other])[0][:-1]


def test_files_are_named_per_recipe(tmp_path: Path) -> None:
    names = sorted(p.name for f in FORMATS for p in write(f, quiz_of(sample_questions()), tmp_path))
    assert names == ["essai.apkg", "essai.gift.txt", "essai.kahoot.txt", "essai.kahoot.xlsx", "essai.moodle.xml",
                     "essai.qti.zip"]
