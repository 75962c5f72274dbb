"""The ``{acts}`` block: what a clause does — who acts, the act, its verb and its object.

Written inside a ``{clause}``, after its paragraph, one act per line::

    :::{acts}
    members condamner | ont fermement condamné | les attentats terroristes ... le 22 avril 2025
    :::

``ACTOR ACT | VERB | OBJECT``: the actor (``members``, an ISO state code, an organisation key or another key
of the vocabulary's ``[actors]``), the act (a key of ``[acts]``), then the verb and the object as they stand
in the clause's text (without the markup). A long object may be shortened to ``its first words ... its last
words`` (three dots between spaces): the build puts back the words between. The block never changes the
clause's text; the corpus gets each act with the offsets of its verb, its object and its sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

from docutils import nodes
from docutils.nodes import Node
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from quizgen.sphinxext.edition.vocab import vocabulary
from quizgen.sphinxext.site.problems import report
from quizgen.vocabulary import Vocabulary

#: Where the clause directive tells a nested ``{acts}`` block which clause it is in.
CURRENT_CLAUSE = "quizgen_current_clause"
ELLIPSIS = " ... "


class clause_acts(nodes.Element):
    """The rows of an ``{acts}`` block, taken out of the doctree by the enclosing clause."""


@dataclass(frozen=True)
class ActRow:
    actor: str
    act: str
    verb: str
    object: str
    line: int


class ActsError(ValueError):
    def __init__(self, message: str, fix: str) -> None:
        super().__init__(message)
        self.fix = fix


def parse_row(row: str, line: int) -> ActRow:
    parts = [p.strip() for p in row.split("|")]
    head = parts[0].split()
    if len(parts) != 3 or len(head) != 2 or not parts[1] or not parts[2]:
        raise ActsError(f"malformed act line {row.strip()!r}",
                        "write `ACTOR ACT | verb as in the text | object as in the text`, e.g. "
                        "`members condamner | ont fermement condamné | les attentats terroristes`")
    return ActRow(head[0], head[1], parts[1], parts[2], line)


def check_keys(row: ActRow, vocab: Vocabulary) -> list[tuple[str, str]]:
    problems = []
    if row.act not in vocab.acts:
        problems.append((f"unknown act {row.act!r}",
                         f"use one of: {', '.join(sorted(vocab.acts))} (or add it to the [acts] table of the "
                         "vocabulary file)"))
    if row.actor not in vocab.actor_keys():
        problems.append((f"unknown actor {row.actor!r}",
                         f"use one of {', '.join(vocab.actors)}, an ISO code of [states] or a key of [orgs]"))
    return problems


def quote_depths(text: str) -> list[int]:
    """For each offset 0..len(text), how many « are open before it."""
    depths = [0]
    depth = 0
    for char in text:
        if char == "«":
            depth += 1
        elif char == "»":
            depth = max(0, depth - 1)
        depths.append(depth)
    return depths


def balanced(text: str, start: int, end: int, depths: list[int]) -> bool:
    """True when text[start:end] opens and closes its « » inside itself (it is not cut inside a quote)."""
    base = depths[start]
    return depths[end] == base and all(d >= base for d in depths[start:end + 1]) and \
        text[start:end].count("«") == text[start:end].count("»")


def _sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Sentences of a clause: cut after '. ' followed by a capital, outside « »."""
    depths = quote_depths(text)
    bounds, start = [], 0
    for match in re.finditer(r"\. (?=[A-ZÀ-ÖØ-Þ])", text):
        if depths[match.start()] == 0:
            bounds.append((start, match.start() + 1))
            start = match.end()
    bounds.append((start, len(text)))
    return bounds


def _find(text: str, needle: str, after: int) -> int:
    r"""The first occurrence of needle as whole words at or after ``after``, else the first anywhere (as the
    pattern ``(?<!\w)needle(?!\w)`` finds it, without compiling one pattern per act: a page has hundreds)."""
    for start in (after, 0):
        found = text.find(needle, start)
        while found != -1:
            end = found + len(needle)
            if not (found and _word(text[found - 1])) and not (end < len(text) and _word(text[end])):
                return found
            found = text.find(needle, found + 1)
    return -1


def _word(char: str) -> bool:
    r"""What ``\w`` matches in a str pattern."""
    return char.isalnum() or char == "_"


def _find_object(text: str, written: str, after: int) -> tuple[int, int]:
    if ELLIPSIS in written:
        head, tail = (p.strip() for p in written.split(ELLIPSIS, 1))
        start = _find(text, head, after)
        stop = _find(text, tail, start + len(head)) if start != -1 else -1
        if start == -1 or stop < start + len(head):
            return -1, -1
        return start, stop + len(tail)
    start = _find(text, written, after)
    return start, (start + len(written) if start != -1 else -1)


def resolve(text: str, rows: list[ActRow]) -> tuple[list[dict[str, Any]], list[tuple[ActRow, str, str]]]:
    """Each row's verb, object and sentence as offsets into the clause's text, or the problems found."""
    acts: list[dict[str, Any]] = []
    problems: list[tuple[ActRow, str, str]] = []
    depths = quote_depths(text)
    sentences = _sentence_bounds(text)
    cursor = 0
    for row in rows:
        verb_start = _find(text, row.verb, cursor)
        if verb_start == -1:
            problems.append((row, f"verb {row.verb!r} is not in the clause's text",
                             "copy the verb exactly as the clause writes it (without the markup)"))
            continue
        verb_end = verb_start + len(row.verb)
        cursor = verb_end
        obj_start, obj_end = _find_object(text, row.object, verb_end)
        if obj_start == -1:
            problems.append((row, f"object {row.object!r} is not in the clause's text",
                             "copy the object exactly as the clause writes it (without the markup), or shorten "
                             "it as `first words ... last words`"))
            continue
        if not balanced(text, obj_start, obj_end, depths):
            problems.append((row, f"object {text[obj_start:obj_end]!r} is cut inside « »",
                             "extend the object to the closing » (or start it after the opening «)"))
            continue
        low, high = min(verb_start, obj_start), max(verb_end, obj_end)
        sent_start = max(s for s, _ in sentences if s <= low)
        sent_end = min(e for _, e in sentences if e >= high)
        acts.append({
            "actor": row.actor, "act": row.act,
            "verb": {"text": text[verb_start:verb_end], "start": verb_start, "end": verb_end},
            "object": {"text": text[obj_start:obj_end], "start": obj_start, "end": obj_end},
            "sentence": {"start": sent_start, "end": sent_end},
        })
    return acts, problems


class ActsDirective(SphinxDirective):
    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {}

    def run(self) -> list[Node]:
        if not self.env.temp_data.get(CURRENT_CLAUSE):
            report("an {acts} block stands outside a clause",
                   "move it inside the {clause} whose text it describes (after the paragraph)",
                   self.get_location(), subtype="acts")
            return []
        vocab = vocabulary(self.env)
        rows: list[ActRow] = []
        for index, raw in enumerate(self.content):
            if not raw.strip() or raw.lstrip().startswith("#"):
                continue
            line = self.lineno + 1 + index  # MyST: lineno is the fence line, content follows it
            location = (self.env.docname, line)
            try:
                row = parse_row(raw, line)
            except ActsError as err:
                report(str(err), err.fix, location, subtype="acts")
                continue
            bad = check_keys(row, vocab)
            for message, fix in bad:
                report(f"act line {raw.strip()!r}: {message}", fix, location, subtype="acts")
            if not bad:
                rows.append(row)
        node = clause_acts(rows=rows)
        self.set_source_info(node)
        return [node]


def setup_acts(app: Sphinx) -> None:
    app.add_node(clause_acts)
    app.add_directive("acts", ActsDirective)
