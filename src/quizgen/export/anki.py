"""Anki: ``<quiz>.apkg``, one note per question of the quiz's bank, written with genanki.

The model's id is a fixed number and the deck's id a fixed function of the recipe's id.

*Each deck is whole, whatever else was imported.* A note's GUID is a function of the deck (the recipe's id) and
of the question's content id: importing a rebuilt deck updates its own notes instead of duplicating them, and a
question that two decks share is a note in each (a teacher who imports the whole-declaration deck and then a
section's gets every card of both; with GUIDs shared between decks, Anki kept the shared notes in the first deck
and the section deck came out short).

*A rebuilt deck updates what changed.* Anki replaces a note on import only when the incoming one is newer, so
notes carry the date of the exports' inputs (:func:`quizgen.export.common.input_stamp`: ``SOURCE_DATE_EPOCH``
or the newest modification time of the corpus and the recipes), not a fixed time: same inputs, same bytes;
edited sources, newer notes. The package zip keeps a fixed date.

The front of a card shows the question and its options, never which is right; the back adds the answer and
the explanation with the clause's link. Tags: section, kind, themes, actors.
"""

from __future__ import annotations

import sqlite3
import tempfile
from datetime import UTC, datetime
from itertools import count
from pathlib import Path

from quizgen.export.common import (
    FIXED_DATE,
    STAMP,
    bank,
    digest,
    feedback_html,
    html_text,
    is_true,
    matching_prompt,
    pairs,
    right_items,
    section_of,
    tags,
    write_zip,
)
from quizgen.question import Question
from quizgen.quiz import LETTERS, Quiz

FORMAT = "anki"
#: Fixed ids (genanki asks for numbers chosen once and never changed).
MODEL_ID = 1_607_392_025
DECK_BASE = 1_900_000_000
TIMESTAMP = datetime(*FIXED_DATE, tzinfo=UTC).timestamp()
DECK_ROOT = "Déclaration de Tianjin"
FIELDS = ("Question", "Réponse", "Explication", "Identifiant")
CSS = """.card { font-family: sans-serif; font-size: 20px; text-align: left; color: black; background: white; }
ol.options { list-style-type: upper-alpha; }
.explication { font-size: 16px; }"""


def deck_id(quiz: Quiz) -> int:
    return DECK_BASE + int(digest("quizgen-deck", quiz.id, size=8), 16) % 100_000_000


def guid(quiz: Quiz, q: Question) -> str:
    """The note's GUID: a stable function of the deck (recipe id) and the question's id (genanki's ``guid_for``)."""
    import genanki

    found: str = genanki.guid_for("quizgen", quiz.id, q.id)
    return found


def stamp() -> float:
    """The notes' modification time: the exports' date, or the fixed one when none is given."""
    given = STAMP.get()
    return float(given) if given is not None else TIMESTAMP


def model() -> object:
    import genanki

    return genanki.Model(
        MODEL_ID, "quizgen — question",
        fields=[{"name": name} for name in FIELDS],
        templates=[{"name": "Carte",
                    "qfmt": "{{Question}}",
                    "afmt": '{{FrontSide}}<hr id="answer">{{Réponse}}<div class="explication">{{Explication}}</div>'}],
        css=CSS, sort_field_index=3)


def front(q: Question) -> str:
    """The question side: the prompt and the options, nothing that tells which is right."""
    if q.form in ("matching", "ordering"):
        found = pairs(q)
        lefts = [left for left, _ in found if left]
        rights = right_items(q)
        return (f"<p>{html_text(matching_prompt(q))}</p><ol>{''.join(f'<li>{html_text(x)}</li>' for x in lefts)}</ol>"
                f"<p>{' · '.join(html_text(r) for r in rights)}</p>")
    items = "".join(f"<li>{html_text(o)}</li>" for o in q.options)
    return f'<p>{html_text(q.prompt)}</p><ol class="options">{items}</ol>'


def back(q: Question) -> str:
    if q.form in ("matching", "ordering"):
        return "<ul>" + "".join(f"<li>{html_text(left)} → {html_text(right)}</li>"
                                for left, right in pairs(q) if left) + "</ul>"
    if q.form == "truefalse":
        return f"<p><b>{'Vrai' if is_true(q) else 'Faux'}</b></p>"
    return "<p>" + "<br>".join(f"<b>{LETTERS[a]}</b> : {html_text(q.options[a])}" for a in sorted(q.answers)) + "</p>"


def note_tags(q: Question) -> list[str]:
    return [f"section::{section_of(q).replace(' ', '_')}", f"type::{q.kind}", *tags(q)]


def deck(quiz: Quiz) -> object:
    import genanki

    found = genanki.Deck(deck_id(quiz), f"{quiz.work_title or DECK_ROOT}::{quiz.title or quiz.id}")
    kind = model()
    for q in bank(quiz):
        found.add_note(genanki.Note(model=kind, fields=[front(q), back(q), feedback_html(q), q.id],
                                    guid=guid(quiz, q), tags=note_tags(q)))
    return found


def write(quiz: Quiz, directory: Path) -> list[Path]:
    import genanki

    path = directory / f"{quiz.id}.apkg"
    with tempfile.TemporaryDirectory(dir=directory) as tmp:
        db = Path(tmp) / "collection.anki2"
        conn = sqlite3.connect(db)
        try:
            # A scratch database zipped at once: no fsync and no journal file (the same bytes, written without
            # waiting for the disk: 0.4 s → 0.02 s of wall time per deck on this machine).
            conn.execute("PRAGMA synchronous = OFF")
            conn.execute("PRAGMA journal_mode = MEMORY")
            when = stamp()
            genanki.Package(deck(quiz)).write_to_db(conn.cursor(), when, count(int(when * 1000)))
            conn.commit()
        finally:
            conn.close()
        write_zip(path, [("collection.anki2", db.read_bytes()), ("media", b"{}")])
    return [path]
