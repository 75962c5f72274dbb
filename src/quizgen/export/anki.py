"""Anki: ``<quiz>.apkg``, one note per question of the quiz's bank, written with genanki.

The model's id is a fixed number and the deck's id a fixed function of the recipe's id; a note's GUID is
derived from the question's content id, so importing a rebuilt deck updates its notes instead of duplicating
them. Notes and cards are stamped with a fixed time and the package zip with a fixed date: same input, same
bytes. The front of a card shows the question and its options, never which is right; the back adds the answer
and the explanation with the clause's link. Tags: section, kind, themes, actors.
"""

from __future__ import annotations

import sqlite3
import tempfile
from datetime import UTC, datetime
from itertools import count
from pathlib import Path

from quizgen.export.common import (
    FIXED_DATE,
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


def guid(q: Question) -> str:
    """The note's GUID: a stable function of the question's id (genanki's ``guid_for``)."""
    import genanki

    found: str = genanki.guid_for("quizgen", q.id)
    return found


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
                                    guid=guid(q), tags=note_tags(q)))
    return found


def write(quiz: Quiz, directory: Path) -> list[Path]:
    import genanki

    path = directory / f"{quiz.id}.apkg"
    with tempfile.TemporaryDirectory(dir=directory) as tmp:
        db = Path(tmp) / "collection.anki2"
        conn = sqlite3.connect(db)
        try:
            genanki.Package(deck(quiz)).write_to_db(conn.cursor(), TIMESTAMP, count(int(TIMESTAMP * 1000)))
            conn.commit()
        finally:
            conn.close()
        write_zip(path, [("collection.anki2", db.read_bytes()), ("media", b"{}")])
    return [path]
