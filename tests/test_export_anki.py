"""The Anki deck opened as what it is, a zip holding an SQLite collection: one note per question, GUIDs that
stay the same from one build to the next, a front that never shows the answer."""

from __future__ import annotations

import html
import json
import re
import sqlite3
import string
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from export_support import choice, quiz_of, real_quizzes, sample_questions, squash, texts, truefalse, write
from quizgen.export import anki
from quizgen.export.common import bank
from quizgen.question import Question
from quizgen.quiz import Quiz


def open_deck(path: Path, tmp: Path) -> tuple[list[tuple[str, str, str]], dict[str, object]]:
    """The notes (guid, fields, tags) and the models of a deck."""
    with zipfile.ZipFile(path) as zf:
        assert sorted(zf.namelist()) == ["collection.anki2", "media"]
        db = tmp / "collection.anki2"
        db.write_bytes(zf.read("collection.anki2"))
    conn = sqlite3.connect(db)
    try:
        notes = conn.execute("select guid, flds, tags from notes order by id").fetchall()
        models = json.loads(conn.execute("select models from col").fetchone()[0])
        assert conn.execute("select count(*) from cards").fetchone()[0] == len(notes)
    finally:
        conn.close()
    return notes, models


def plain(fragment: str) -> str:
    return html.unescape(fragment.replace("<br>", "\n"))


def answer_on_the_back(back: str, q: Question) -> object:
    """What the back of the card says is right, read from its HTML alone."""
    if q.form in ("matching", "ordering"):
        found = re.findall(r"<li>(.*?) → (.*?)</li>", back, re.S)
        assert back == "<ul>" + "".join(f"<li>{a} → {b}</li>" for a, b in found) + "</ul>", back
        if q.form == "ordering":  # passage → its rank ("1er", "2e"…): the passages in the right order
            return [plain(text) for text, rank in sorted(found, key=lambda pair: int(pair[1].rstrip("er")))]
        return sorted((plain(a), plain(b)) for a, b in found)
    if q.form == "truefalse":
        word = re.fullmatch(r"<p><b>(Vrai|Faux)</b></p>", back)
        assert word, back
        return word.group(1)
    found = re.findall(r"<b>([A-Z])</b> : (.*?)(?=<br><b>[A-Z]</b> : |</p>$)", back, re.S)
    assert found and back.startswith("<p>") and back.endswith("</p>"), back
    return [(string.ascii_uppercase.index(letter), plain(text)) for letter, text in found]


def expected_answer(q: Question) -> object:
    """The question's own answer, in the shape :func:`answer_on_the_back` reads."""
    if q.form == "ordering":
        return [q.options[i] for i in q.answers]
    if q.form == "matching":
        return sorted((stem, q.options[a]) for stem, a in zip(q.stems, q.answers, strict=True))
    if q.form == "truefalse":
        return q.options[q.answers[0]]
    return [(i, q.options[i]) for i in sorted(q.answers)]


def check(quiz: Quiz, tmp_path: Path) -> list[tuple[str, str, str]]:
    (path,) = write("anki", quiz, tmp_path)
    notes, models = open_deck(path, tmp_path)
    questions = bank(quiz)
    assert len(notes) == len(questions)
    assert [n[0] for n in notes] == [anki.guid(q) for q in questions]
    model = models[str(anki.MODEL_ID)]
    assert model["tmpls"][0]["qfmt"] == "{{Question}}"  # the front shows the question field only
    for (_, fields, _), q in zip(notes, questions, strict=True):
        front, back, explanation, ident = fields.split("\x1f")
        assert ident == q.id
        assert answer_on_the_back(back, q) == expected_answer(q), (q.id, back)
        assert squash(q.prompt) in squash(html.unescape(re.sub(r"<[^>]+>", " ", front)))
        assert squash(q.feedback) in squash(html.unescape(re.sub(r"<[^>]+>", " ", explanation)))
    return notes


def test_guids_are_stable_across_builds(tmp_path: Path) -> None:
    first = check(quiz_of(sample_questions()), tmp_path / "a")
    second = check(quiz_of(list(reversed(sample_questions()))), tmp_path / "b")
    assert sorted(n[0] for n in first) == sorted(n[0] for n in second)
    assert (tmp_path / "a" / "essai.apkg").read_bytes() == write("anki", quiz_of(sample_questions()),
                                                                    tmp_path / "c")[0].read_bytes()


def test_the_front_never_tells_the_answer() -> None:
    from export_support import with_other_answer

    for q in sample_questions():
        assert anki.front(q) == anki.front(with_other_answer(q))


def test_real_quizzes(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    for quiz in real_quizzes(request):
        check(quiz, tmp_path / quiz.id)


@settings(max_examples=20, deadline=None)
@given(prompt=texts, options=st.lists(texts, min_size=2, max_size=4, unique_by=squash), statement=texts)
def test_any_text_survives(tmp_path_factory: pytest.TempPathFactory, prompt: str, options: list[str],
                           statement: str) -> None:
    check(quiz_of([choice(prompt, tuple(options), (0,), feedback=statement), truefalse(statement, True)]),
          tmp_path_factory.mktemp("a"))
