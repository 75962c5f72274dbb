"""Typed inline spans: ``{state}``, ``{org}``, ``{place}``, ``{date}``, ``{concept}``, ``{num}``,
``{person}``, ``{event}``.

``{state}`la République islamique d’Iran <IRN>``` gives the value explicitly; without ``<…>`` the
value is looked up in the vocabulary (a state's or organisation's known forms) or computed (dates,
numbers). Organisations link to their glossary entry.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from docutils import nodes
from docutils.nodes import Node, system_message
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxRole
from sphinx.util.nodes import split_explicit_title

from quizgen.dates import DateError, check_iso, parse_french_date
from quizgen.sphinxext.edition.vocab import glossary_term, vocabulary
from quizgen.sphinxext.site.node_types import tagged_span
from quizgen.sphinxext.site.problems import report
from quizgen.vocabulary import Vocabulary

#: role name → span type written in the corpus
ROLE_TYPES = {"state": "state", "org": "org", "place": "place", "date": "date", "concept": "concept",
              "num": "number", "person": "person", "event": "event"}

_NUMBER_WORDS = {"un": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "dix": 10, "vingt": 20, "trente": 30}
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


class SpanError(ValueError):
    def __init__(self, message: str, fix: str) -> None:
        super().__init__(message)
        self.fix = fix


def _roman(numeral: str) -> int:
    total = 0
    for i, symbol in enumerate(numeral):
        value = _ROMAN[symbol]
        nxt = _ROMAN[numeral[i + 1]] if i + 1 < len(numeral) else 0
        total += -value if nxt > value else value
    return total


def number_value(text: str) -> str:
    """``80e`` → 80, ``XXe`` → 20, ``25 ans`` → 25, ``vingt ans`` → 20, ``2231`` → 2231."""
    match = re.fullmatch(r"(\d+)(?:e|er|ème)?(?: ans)?", text)
    if match:
        return str(int(match[1]))
    match = re.fullmatch(r"([IVXLC]+)e", text)
    if match:
        return str(_roman(match[1]))
    match = re.fullmatch(r"(\w+)(?: ans)?", text)
    if match and match[1] in _NUMBER_WORDS:
        return str(_NUMBER_WORDS[match[1]])
    raise SpanError(f"cannot read the number {text!r}", "give its value explicitly: `vingt ans <20>`")


def _known(kind: str, vocab_table: str, explicit: str, choices: list[str]) -> str:
    if explicit in choices:
        return explicit
    raise SpanError(f"unknown {kind} {explicit!r}",
                    f"use one of {', '.join(sorted(choices))}, or add it to the [{vocab_table}] table of "
                    "the vocabulary file")


def span_value(span_type: str, text: str, explicit: str | None, vocab: Vocabulary) -> str:
    """The normalised value of a span, or SpanError naming the fix."""
    if span_type == "date":
        try:
            return check_iso(explicit) if explicit else parse_french_date(text)
        except DateError as err:
            raise SpanError(f"malformed date: {err}", "write a French date such as '19 juin 2025' or an "
                            "explicit ISO value: `texte <2025-06-19>`") from None
    if span_type == "number":
        if explicit:
            if not explicit.isdigit():
                raise SpanError(f"number value {explicit!r} is not made of digits", "write `texte <20>`")
            return explicit
        return number_value(text)
    lookups: dict[str, tuple[str, str, Callable[[str], str | None], list[str]]] = {
        "state": ("state", "states", vocab.state_for, list(vocab.states)),
        "org": ("organisation", "orgs", vocab.org_for, list(vocab.orgs)),
        "place": ("place", "places", vocab.place_for, list(vocab.places)),
        "concept": ("concept", "concepts", vocab.concept_for, list(vocab.concepts)),
        "person": ("person", "persons", vocab.person_for, list(vocab.persons)),
        "event": ("event", "events", vocab.event_for, list(vocab.events)),
    }
    kind, table, lookup, choices = lookups[span_type]
    if explicit:
        return _known(kind, table, explicit, choices)
    found = lookup(text)
    if found is None:
        raise SpanError(f"unknown {kind} {text!r}",
                        f"give the key explicitly (`{text} <KEY>`, one of {', '.join(sorted(choices)[:12])}…) "
                        f"or add {text!r} to its forms in the [{table}] table of the vocabulary file")
    return found


class SpanRole(SphinxRole):
    def __init__(self, span_type: str) -> None:
        super().__init__()
        self.span_type = span_type

    def run(self) -> tuple[list[Node], list[system_message]]:
        has_explicit, text, explicit = split_explicit_title(self.text)
        text = text.strip()
        classes = ["qg-span", f"qg-{self.span_type}"]
        if not text:
            report(f"empty {{{self.name}}} span", "put the words of the text between the backquotes",
                   self.get_location_pair(), subtype="span")
            return [], []
        try:
            value = span_value(self.span_type, text, explicit.strip() if has_explicit else None,
                               vocabulary(self.env))
        except SpanError as err:
            report(f"{{{self.name}}}`{self.text}`: {err}", err.fix, self.get_location_pair(), subtype="span")
            value = ""
        node = tagged_span(text, text, span_type=self.span_type, value=value, classes=classes)
        self.set_source_info(node)
        if self.span_type == "org" and value:
            xref = addnodes.pending_xref("", node, refdomain="std", reftype="term",
                                         reftarget=glossary_term(vocabulary(self.env), value),
                                         refexplicit=True, refwarn=True)
            self.set_source_info(xref)
            return [xref], []
        return [node], []

    def get_location_pair(self) -> tuple[str, int]:
        return (self.env.docname, self.lineno)


def extract_text_and_spans(node: nodes.Element) -> tuple[str, list[dict[str, object]]]:
    """The plain text of a clause and its spans with offsets into that text."""
    parts: list[str] = []
    spans: list[dict[str, object]] = []
    length = 0

    def walk(current: nodes.Node) -> None:
        nonlocal length
        if isinstance(current, nodes.Text):
            parts.append(str(current))
            length += len(current)
            return
        if isinstance(current, (nodes.system_message, addnodes.index)):
            return
        start = length
        for child in current.children:
            walk(child)
        if isinstance(current, tagged_span) and current["value"]:
            spans.append({"type": current["span_type"], "value": current["value"], "start": start,
                          "end": length, "text": "".join(parts)[start:length]})

    for child in node.children:
        walk(child)
    return "".join(parts), spans


def setup_spans(app: Sphinx) -> None:
    for role_name, span_type in ROLE_TYPES.items():
        role = SpanRole(span_type)
        app.add_role(role_name, role)
