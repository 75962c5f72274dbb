"""``{chronology}``: the events the declaration dates, in order, computed from the tags.

One entry per ``{date}`` span that dates an event: the date as the text gives it, the place (the
``{place}`` span just before the date inside the same parenthesis, or written right next to it: « à
Pahalgam le 22 avril », « en 2026 à New York »), what (the sentence around the date, shortened) and a link
to the clause. A date is no event when it is a horizon or a programme's period (« jusqu’en 2035 », « pour
la période 2025-2027 ») or part of a name (inside « » or inside another span: « Solidarité 2024 »). The
summit itself is the date of clause I.1 (the meeting « qui s’est tenue à Tianjin le 1er septembre 2025 »).

The SCO's own milestones that a reader needs (founding, enlargements) are no part of the declaration: they
come from ``_data/chronology.toml`` (``[[milestone]]`` with ``date``, ``text``, ``place``, ``what``), shown
as editor's facts, labelled as such, with no clause.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import astuple, dataclass
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.nodes import Node
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from quizgen.sphinxext.commentary.cards import clause_xref
from quizgen.sphinxext.commentary.claims import ComputedDirective
from quizgen.sphinxext.commentary.commentary import computed, computed_reads, decl_domain
from quizgen.sphinxext.edition.domain import clause_sort_key
from quizgen.sphinxext.site.i18n import _

SUMMIT_CLAUSE = "I.1"
_BEFORE = re.compile(r"^(?:\s*,\s*(?:le\s+)?|\s+le\s+|\s+en\s+)$")  # place … date
_AFTER = re.compile(r"^\s+à\s+$")  # date … place
#: words that make a date a horizon or a programme's period, not an event
_HORIZON = re.compile(r"(?:jusqu[’']\s*(?:en|à|au)|d[’']ici|horizon|période|pour)\s*$", re.I)
MILESTONES = "_data/chronology.toml"


@dataclass(frozen=True)
class Event:
    value: str
    text: str
    place: str
    what: str
    clause_id: str
    start: int
    summit: bool
    editor: bool = False

    @property
    def sort_key(self) -> tuple[str, tuple[int, int], int]:
        first = self.value.split("/")[0]
        return (first.ljust(10, "0"), clause_sort_key(self.clause_id) if self.clause_id else (0, 0), self.start)

    @property
    def shown_date(self) -> str:
        year = self.value[:4]
        if re.search(r"\d{4}", self.text):
            return self.text
        return f"{self.text} [{year}]"

    @property
    def period(self) -> bool:
        return "/" in self.value


def _place_for(text: str, spans: list[dict[str, Any]], date: dict[str, Any]) -> str:
    places = [s for s in spans if s["type"] == "place"]
    start, end = int(date["start"]), int(date["end"])
    opening = text.rfind("(", 0, start)
    if opening != -1 and text.find(")", opening, start) == -1:
        inside = [p for p in places if opening < int(p["start"]) and int(p["end"]) <= start]
        if inside:
            return str(inside[-1]["text"])
    for place in places:
        if int(place["end"]) <= start and _BEFORE.match(text[int(place["end"]):start]):
            return str(place["text"])
        if int(place["start"]) >= end and _AFTER.match(text[end:int(place["start"])]):
            return str(place["text"])
    return ""


def _sentence(text: str, start: int, end: int, size: int = 160) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("; ", 0, start))
    left = 0 if left == -1 else left + 2
    right_candidates = [i for i in (text.find(". ", end), text.find("; ", end)) if i != -1]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    sentence = text[left:right].strip()
    if len(sentence) <= size:
        return sentence
    centre = start - left
    lo = max(0, centre - size // 2)
    hi = min(len(sentence), lo + size)
    lo = max(0, hi - size)
    cut = sentence[lo:hi]
    if lo > 0:
        cut = "… " + cut.split(" ", 1)[-1]
    if hi < len(sentence):
        cut = cut.rsplit(" ", 1)[0] + " …"
    return cut


def is_event(text: str, spans: list[dict[str, Any]], date: dict[str, Any]) -> bool:
    """Whether a date span dates an event: not a horizon or period, not part of a name."""
    start, end = int(date["start"]), int(date["end"])
    if _HORIZON.search(text[max(0, start - 30):start]):
        return False
    if text.rfind("«", 0, start) > text.rfind("»", 0, start):
        return False  # inside « »: a name or a title (« Solidarité 2024 », « … – 2025 »)
    return not any(s is not date and s["type"] not in ("date", "place", "number")
                   and int(s["start"]) <= start and end <= int(s["end"]) for s in spans)


def milestones(env: Any) -> list[Event]:
    """The editor's milestones of ``_data/chronology.toml`` (none if the file is absent)."""
    path = Path(env.srcdir) / MILESTONES
    if not path.is_file():
        return []
    env.note_dependency(str(path))
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [Event(value=str(m["date"]), text=str(m["text"]), place=str(m.get("place", "")), what=str(m["what"]),
                  clause_id="", start=0, summit=False, editor=True) for m in data.get("milestone", [])]


def events(env: Any) -> list[Event]:
    """Every dated event of the declaration, and the editor's milestones, in chronological order."""
    return sorted(milestones(env) + clause_events(env), key=lambda e: e.sort_key)


def clause_events(env: Any) -> list[Event]:
    """The events the declaration dates, in text order: what the chronology shows of the clauses (a clause
    edit that leaves them as they are leaves the page as it is)."""
    out: list[Event] = []
    for record in decl_domain(env).sorted_clauses():
        spans = list(record["spans"])
        for span in spans:
            if span["type"] != "date" or not is_event(record["text"], spans, span):
                continue
            out.append(Event(
                value=str(span["value"]), text=str(span["text"]),
                place=_place_for(record["text"], spans, span),
                what=_sentence(record["text"], int(span["start"]), int(span["end"])),
                clause_id=record["id"], start=int(span["start"]),
                summit=record["id"] == SUMMIT_CLAUSE,
            ))
    return out


class ChronologyDirective(ComputedDirective):
    what = "chronology"


class FillChronology(SphinxPostTransform):
    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(computed)):
            if node["what"] == "chronology":
                node.replace_self(self.build())

    def build(self) -> list[Node]:
        items = events(self.env)
        editor = sum(1 for e in items if e.editor)
        intro = nodes.paragraph("", _("%(events)d events dated by the declaration and %(editor)d milestones "
                                      "of the SCO added by the editor, in chronological order.")
                                % {"events": len(items) - editor, "editor": editor}, classes=["qg-chronology-count"])
        table = nodes.table(classes=["qg-chronology"])
        group = nodes.tgroup(cols=4)
        table += group
        for width in (18, 16, 56, 10):
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        head += nodes.row("", *(nodes.entry("", nodes.paragraph("", h))
                                for h in (_("Date"), _("Place"), _("What"), _("Clause"))))
        group += head
        body = nodes.tbody()
        for event in items:
            row = nodes.row(classes=["qg-chronology-event"] + (["qg-chronology-summit"] if event.summit else [])
                            + (["qg-chronology-editor"] if event.editor else []))
            date = nodes.paragraph("", event.shown_date)
            if event.period:
                date += nodes.inline("", " (" + _("period") + ")", classes=["qg-chronology-period"])
            what = nodes.paragraph("", "")
            if event.summit:
                what += nodes.strong("", _("The Tianjin summit.") + " ")
            if event.editor:
                what += nodes.emphasis("", _("Editor's milestone:") + " ", classes=["qg-chronology-editor-label"])
            what += nodes.Text(event.what)
            row += nodes.entry("", date, value=event.value)
            row += nodes.entry("", nodes.paragraph("", event.place) if event.place else
                               nodes.paragraph("", "—", classes=["qg-chronology-noplace"]))
            row += nodes.entry("", what)
            clause = nodes.paragraph("", "", clause_xref(event.clause_id)) if event.clause_id else \
                nodes.paragraph("", "—")
            row += nodes.entry("", clause)
            body += row
        group += body
        return [intro, table]


def shown_events(env: Any) -> list[tuple[Any, ...]]:
    """:func:`clause_events` with the pages their clauses are on (the editor's milestones are a file the page
    depends on: a change to it reads the page again)."""
    pages = {cid: r["docname"] for cid, r in decl_domain(env).clauses.items()}
    return [(*astuple(e), pages.get(e.clause_id, "")) for e in clause_events(env)]


def setup_chronology(app: Sphinx) -> None:
    computed_reads("chronology", shown_events)
    app.add_directive("chronology", ChronologyDirective)
    app.add_post_transform(FillChronology)
