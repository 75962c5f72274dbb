"""The Anki deck opened as what it is, a zip holding an SQLite collection: one note per question, GUIDs that
stay the same from one build to the next, a front that never shows the answer."""

from __future__ import annotations

import html
import json
import os
import re
import sqlite3
import string
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
    assert [n[0] for n in notes] == [anki.guid(quiz, q) for q in questions]
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


# -- What a teacher sees in Anki's browser -------------------------------------------------------------------


def test_cards_are_created_on_the_exports_date(tmp_path: Path) -> None:
    """Anki shows a note's creation date from its id (milliseconds since 1970): the exports' date, as genanki's
    own ``write_to_file`` numbers them, one millisecond apart; the modification time is the same date."""
    stamp = 1_800_000_000
    quiz = quiz_of(sample_questions())
    (path,) = export([quiz], ["anki"], tmp_path / "out", stamp=stamp)
    with zipfile.ZipFile(path) as zf:
        (tmp_path / "c.anki2").write_bytes(zf.read("collection.anki2"))
    conn = sqlite3.connect(tmp_path / "c.anki2")
    try:
        notes = conn.execute("select id, mod from notes order by id").fetchall()
        cards = conn.execute("select id, nid from cards order by id").fetchall()
    finally:
        conn.close()
    assert len(notes) == len(cards) == len(sample_questions())
    ids = sorted([n for n, _ in notes] + [c for c, _ in cards])
    assert ids == list(range(stamp * 1000, stamp * 1000 + len(ids)))  # created on the date of the inputs
    assert {mod for _, mod in notes} == {stamp}


def test_notes_carry_their_section_kind_themes_and_actors_as_tags(tmp_path: Path) -> None:
    """A teacher picks the cards of a section or a theme in Anki's browser by these tags."""
    quiz = quiz_of(sample_questions())
    notes, _models = open_deck(write("anki", quiz, tmp_path)[0], tmp_path)
    by_id = {fields.split("\x1f")[-1]: tags.split() for _, fields, tags in notes}
    for q in bank(quiz):
        section = anki.section_of(q).replace(" ", "_")
        assert by_id[q.id] == [f"section::{section}", f"type::{q.kind}", *q.themes, *q.actors], q.id
    assert by_id[sample_questions()[1].id] == ["section::II", "type::choice", "securite", "CHN"]


def test_the_deck_speaks_french(tmp_path: Path) -> None:
    """The names Anki shows: the card type, the fields (the back's template names them), the deck's path."""
    quiz = quiz_of(sample_questions(), title="Section II")
    (path,) = write("anki", quiz, tmp_path)
    _notes, models = open_deck(path, tmp_path)
    model = models[str(anki.MODEL_ID)]
    assert [t["name"] for t in model["tmpls"]] == ["Carte"]
    assert [f["name"] for f in model["flds"]] == ["Question", "Réponse", "Explication", "Identifiant"]
    assert "{{Réponse}}" in model["tmpls"][0]["afmt"] and "{{Explication}}" in model["tmpls"][0]["afmt"]
    deck = anki.deck(quiz)
    assert deck.name == "Déclaration de Tianjin::Section II"  # type: ignore[attr-defined]


def test_the_front_of_an_ordering_card_asks_for_ranks_and_lists_them() -> None:
    q = sample_questions()[6]
    card = anki.front(q)
    prompt, passages, ranks = re.fullmatch(r"<p>(.*?)</p><ol>(.*?)</ol><p>(.*?)</p>", card, re.S).groups()  # type: ignore[union-attr]
    assert html.unescape(prompt) == f"{q.prompt} Donnez son rang à chaque passage."
    assert re.fullmatch(r"(?:<li>[^<]*</li>)+", passages), passages
    assert [html.unescape(p) for p in re.findall(r"<li>(.*?)</li>", passages)] == list(q.options)
    assert ranks == "1er · 2e · 3e"


def test_ids_of_released_decks_never_change() -> None:
    """A teacher who imported a deck imports its rebuild over it: Anki updates the notes whose GUID it knows and
    adds the others as new cards. So the GUID of a (recipe, question) and the deck's id are the values every
    release wrote; a change here duplicates every card of every teacher's collection on the next import."""
    q = replace(sample_questions()[0], id="q-0123456789ab")
    found = {rid: (anki.deck_id(quiz_of([q], quiz_id=rid)), anki.guid(quiz_of([q], quiz_id=rid), q))
             for rid in ("declaration", "section-2")}
    assert found == {"declaration": (1_970_906_698, "D/to54X7qF"), "section-2": (1_996_388_136, "tYYtnIIJ}Q")}


def test_every_recipe_is_its_own_deck(request: pytest.FixtureRequest) -> None:
    """The whole declaration's deck and each section's: as many decks (ids) as recipes, each id genanki's kind."""
    quizzes = real_quizzes(request)
    ids = {anki.deck_id(quiz) for quiz in quizzes}
    assert len(ids) == len(quizzes) > 1
    assert all(anki.DECK_BASE <= i < anki.DECK_BASE + 100_000_000 for i in ids)


def test_the_front_shows_the_options_lettered_as_the_back_names_them(tmp_path: Path) -> None:
    """The back says « B : Chine »: the front's list is lettered A, B, C… by the note type's style sheet."""
    q = sample_questions()[2]
    front = anki.front(q)
    items = re.fullmatch(r'<p>.*?</p><ol class="options">((?:<li>[^<]*</li>)+)</ol>', front, re.S)
    assert items, front
    assert [html.unescape(o) for o in re.findall(r"<li>(.*?)</li>", items[1])] == list(q.options)
    _notes, models = open_deck(write("anki", quiz_of([q]), tmp_path)[0], tmp_path)
    model = models[str(anki.MODEL_ID)]
    assert re.search(r"ol\.options\s*\{[^}]*list-style-type:\s*upper-alpha", model["css"]), model["css"]
    assert model["name"] == "quizgen — question"  # the note type's name in Anki's lists
    assert model["sortf"] == anki.FIELDS.index("Identifiant")  # the browser sorts the notes by question id
