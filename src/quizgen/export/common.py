"""What the import formats (GIFT, Moodle XML, QTI, Kahoot, Anki) share.

They export a *question bank*: every distinct question of every variant of a quiz, in the order the
variants first show them, grouped by the section of the declaration they come from. An LMS (Moodle, Canvas)
or a deck (Anki) then draws or schedules from the bank itself. Every one of these files holds the answers,
by the nature of the format: they are teacher material, never a student handout.

Matching and ordering are written the same way everywhere: an ordering question becomes a matching whose
left-hand items are the passages and whose right-hand items are their ranks (``1er``, ``2e``…), because
matching is the one type GIFT, Moodle (every version), Canvas QTI and a flash card all carry.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import zipfile
from collections.abc import Iterable, Sequence
from contextvars import ContextVar
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from quizgen.question import TRUE, Question
from quizgen.quiz import Quiz

#: A fixed date for every entry of the zips and sheets we write: same input, same bytes.
FIXED_DATE = (2025, 9, 1, 0, 0, 0)
#: The site's public address while :func:`quizgen.export.export` writes (``quizgen_site_url``, read from
#: corpus.json's ``site_url``): links in the exports are absolute with it, and there are none without it.
SITE_URL: ContextVar[str] = ContextVar("quizgen_site_url", default="")
#: When the exports' inputs last changed (seconds since 1970), while :func:`quizgen.export.export` writes:
#: formats that date their records (Anki's note modification times) use it; None: :data:`FIXED_DATE`.
STAMP: ContextVar[int | None] = ContextVar("quizgen_stamp", default=None)


def input_stamp(paths: Iterable[Path]) -> int:
    """The exports' date: ``$SOURCE_DATE_EPOCH`` when set (reproducible builds), else the latest modification
    time of the inputs (corpus, recipes). The same inputs give the same bytes; changed inputs, a later date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return int(epoch)
    times = [int(p.stat().st_mtime) for p in paths if p.exists()]
    return max(times, default=int(datetime(*FIXED_DATE, tzinfo=UTC).timestamp()))
MIXED = "Plusieurs sections"
ORDERING_HINT = "Donnez son rang à chaque passage."
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def bank(quiz: Quiz) -> list[Question]:
    """Every distinct question of the quiz's variants, first seen first (variant 1's order first)."""
    seen: dict[str, Question] = {}
    for variant in quiz.variants:
        for q in variant.questions:
            seen.setdefault(q.id, q)
    return list(seen.values())


def section_of(q: Question) -> str:
    """The section (``II`` for clause ``II.12``) a question comes from, or :data:`MIXED`."""
    sections = set(q.sections) or {clause.split(".", 1)[0] for clause in q.clauses}
    return sections.pop() if len(sections) == 1 else MIXED


def roman(value: str) -> int:
    """The number a Roman numeral stands for (0 when it is not one), to sort sections."""
    total = 0
    for char, following in zip(value, [*value[1:], ""], strict=True):
        if char not in _ROMAN:
            return 0
        n = _ROMAN[char]
        total += -n if following in _ROMAN and _ROMAN[following] > n else n
    return total


def by_section(quiz: Quiz) -> list[tuple[str, list[Question]]]:
    """The bank grouped by section, sections in the order of the text, mixed questions last."""
    groups: dict[str, list[Question]] = {}
    for q in bank(quiz):
        groups.setdefault(section_of(q), []).append(q)
    return sorted(groups.items(), key=lambda g: (g[0] == MIXED, roman(g[0]) or 10_000, g[0]))


def section_label(section: str) -> str:
    return section if section == MIXED else f"Section {section}"


def question_name(q: Question) -> str:
    """A readable, unique question name: first clause, kind and id."""
    where = q.clauses[0] + (" …" if len(q.clauses) > 1 else "") if q.clauses else ""
    return " ".join(part for part in (where, q.kind, q.id) if part)


def tags(q: Question) -> list[str]:
    """Themes and actors as tags (no spaces or brackets, which tag syntaxes do not allow)."""
    return [re.sub(r"[\s\[\]]+", "_", t) for t in (*q.themes, *q.actors) if t.strip()]


def site_url(url: str) -> str:
    """A clause's link as an export may carry it: absolute (the site's address and the corpus's relative
    URL), or ``""`` when no site address is configured: a relative link is dead inside Moodle, Canvas or Anki."""
    if re.match(r"^[a-z][a-z0-9+.-]*:", url):
        return url
    base = SITE_URL.get().strip()
    if not base or not url:
        return ""
    return base.rstrip("/") + "/" + url.lstrip("/")


def clause_label(clause: str) -> str:
    return f"clause {clause}" if clause else ""


def feedback_html(q: Question) -> str:
    """General feedback: the explanation (which quotes the clause), then the clauses cited, each linked to
    the site when its address is known, cited by number otherwise."""
    text = f"<p>{html_text(q.feedback)}</p>" if q.feedback else ""
    cited = []
    for c in q.citations:
        link = site_url(c.url)
        label = html_text(clause_label(c.clause))
        cited.append(f'<a href="{html.escape(link)}">{label}</a>' if link else label)
    if cited:
        text += f"<p>Source : {', '.join(cited)}</p>"
    return text


def html_text(text: str) -> str:
    """Plain text as HTML: ``< > &`` escaped, line breaks kept."""
    return html.escape(text, quote=False).replace("\n", "<br>")


def xml_text(text: str) -> str:
    """Text without the characters XML 1.0 cannot hold (controls other than tab and newlines)."""
    return _NOT_XML.sub("", text)


def ordinal(rank: int) -> str:
    return "1er" if rank == 1 else f"{rank}e"


def pairs(q: Question) -> list[tuple[str, str]]:
    """A matching or ordering question as (left item, right item) pairs; extra right items get ``""`` on
    the left (a distractor). Ordering: (passage, its rank), passages in the order shown."""
    if q.form == "ordering":
        rank = {option: position for position, option in enumerate(q.answers, 1)}
        return [(text, ordinal(rank[i])) for i, text in enumerate(q.options)]
    found = [(stem, q.options[a]) for stem, a in zip(q.stems, q.answers, strict=True)]
    used = set(q.answers)
    return found + [("", text) for i, text in enumerate(q.options) if i not in used]


def right_items(q: Question) -> list[str]:
    """The right-hand items of a matching or ordering question in an order that does not follow the answers."""
    return [ordinal(n) for n in range(1, len(q.options) + 1)] if q.form == "ordering" else list(q.options)


def matching_prompt(q: Question) -> str:
    return f"{q.prompt} {ORDERING_HINT}" if q.form == "ordering" else q.prompt


def is_true(q: Question) -> bool:
    """A true/false question's answer."""
    return q.options[q.answers[0]] == TRUE


def digest(*parts: str, size: int = 16) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:size]


def write_zip(target: Path | BinaryIO, entries: Sequence[tuple[str, bytes | None]]) -> None:
    """A zip whose bytes depend only on ``entries`` (a ``None`` payload is a folder)."""
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
            info.create_system = 3
            if data is None:
                info.external_attr = (0o40755 << 16) | 0x10
                zf.writestr(info, b"")
            else:
                info.external_attr = 0o100644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, data)


def unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
