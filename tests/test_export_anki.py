"""The Anki deck opened as what it is, a zip holding an SQLite collection: one note per question, GUIDs that
stay the same from one build to the next, a front that never shows the answer."""

from __future__ import annotations

import html
import json
import os
import re
import sqlite3
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from export_support import choice, quiz_of, real_quizzes, sample_questions, squash, texts, truefalse, write
from quizgen.export import anki, export
from quizgen.export.common import bank, input_stamp
from quizgen.question import Question
from quizgen.quiz import Quiz
from tools import has_module, require


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


def check(quiz: Quiz, tmp_path: Path) -> list[tuple[str, str, str]]:
    (path,) = write("anki", quiz, tmp_path)
    notes, models = open_deck(path, tmp_path)
    questions = bank(quiz)
    assert len(notes) == len(questions)
    assert [n[0] for n in notes] == [anki.guid(quiz, q) for q in questions]
    model = models[str(anki.MODEL_ID)]
    assert model["tmpls"][0]["qfmt"] == "{{Question}}"  # the front shows the question field only
    for (_, fields, _), q in zip(notes, questions, strict=True):
        front, _back, explanation, ident = fields.split("\x1f")
        assert ident == q.id
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


# -- The Anki backend itself (the `anki` package from PyPI: the Rust core of Anki's desktop app) ----------


def collection(path: Path) -> Any:
    require(has_module("anki"), "the Anki backend is not installed (pip install anki)")
    from anki.collection import Collection

    return Collection(str(path))


def import_deck(col: Any, package: Path) -> Any:
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

    return col.import_anki_package(ImportAnkiPackageRequest(
        package_path=str(package), options=ImportAnkiPackageOptions(with_scheduling=False)))


def rebuilt(quiz: Quiz, old: Question, new: Question) -> Quiz:
    return replace(quiz, variants=tuple(replace(v, questions=tuple(new if q.id == old.id else q for q in v.questions))
                                        for v in quiz.variants))


def test_anki_imports_every_deck_in_any_order_and_renders_every_card(tmp_path: Path) -> None:
    questions = sample_questions()
    whole = quiz_of(questions, quiz_id="declaration", title="Tout")
    part = quiz_of(questions[:3], quiz_id="partie-2", title="Partie II")  # shares its questions with `whole`
    export([whole, part], ["anki"], tmp_path / "out", stamp=1_800_000_000)
    for order in (("declaration", "partie-2"), ("partie-2", "declaration")):
        col = collection(tmp_path / f"{order[0]}.anki2")
        try:
            for name in order:
                import_deck(col, tmp_path / "out" / f"{name}.apkg")
            assert len(col.find_cards(f'deck:"{anki.DECK_ROOT}::Tout"')) == len(questions)
            assert len(col.find_cards(f'deck:"{anki.DECK_ROOT}::Partie II"')) == 3  # whole, whatever came first
            for cid in col.find_cards(""):
                card = col.get_card(cid)
                front, back = card.question(), card.answer()
                assert front.strip() and back.strip() and "{{" not in front + back
                note = card.note()
                assert note["Explication"] in back and note["Réponse"] not in front
        finally:
            col.close()


def test_anki_reimport_updates_a_changed_note(tmp_path: Path) -> None:
    q = sample_questions()[1]
    quiz = quiz_of(sample_questions())
    export([quiz], ["anki"], tmp_path / "v1", stamp=1_800_000_000)
    changed = replace(q, feedback=q.feedback + " Corrigé depuis.")
    export([rebuilt(quiz, q, changed)], ["anki"], tmp_path / "v2", stamp=1_800_000_100)  # sources edited later
    col = collection(tmp_path / "c.anki2")
    try:
        import_deck(col, tmp_path / "v1" / "essai.apkg")
        result = import_deck(col, tmp_path / "v2" / "essai.apkg")
        assert col.note_count() == len(sample_questions())  # updated, not duplicated
        assert not result.log.duplicate and result.log.updated
        (nid,) = col.find_notes('"Corrigé depuis"')
        assert col.get_note(nid)["Identifiant"] == q.id
    finally:
        col.close()


def test_same_inputs_same_bytes_later_inputs_newer_notes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    quiz = quiz_of(sample_questions())
    recipe = tmp_path / "r.toml"
    recipe.write_text("x")
    os.utime(recipe, (1_800_000_000, 1_800_000_000))
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert input_stamp([recipe]) == 1_800_000_000
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert input_stamp([recipe]) == 1_700_000_000
    a = export([quiz], ["anki"], tmp_path / "a", stamp=1_800_000_000)[0].read_bytes()
    b = export([quiz], ["anki"], tmp_path / "b", stamp=1_800_000_000)[0].read_bytes()
    c = export([quiz], ["anki"], tmp_path / "c", stamp=1_800_000_100)[0].read_bytes()
    assert a == b and a != c
