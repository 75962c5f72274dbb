"""Teacher curation: marks on generated questions, by their stable id, in ``curation/marks.toml`` beside
the recipes (``exercises/curation/marks.toml``; a folder of its own, since every ``exercises/*.toml`` is a
recipe). The engine applies them when it builds a recipe's pool, so every output (site, projector, PDF
sheets, exports) sees the same bank.

::

    # exercises/curation/marks.toml — written by `quizgen review RECIPE`, editable by hand
    [q-3f2a9c01b7de]
    status = "rejected"            # or "accepted", or "reworded"
    note = "distracteur discutable"

    [q-77c1d0e4a2b9]
    status = "reworded"
    prompt = "Nouvelle formulation de la question ?"   # optional: each field replaces the generated one
    options = ["…", "…", "…", "…"]                      # same number, same order as generated (key kept)
    feedback = "…"

A mark whose question no longer exists (the sources changed) is reported by :func:`stale_marks` with the
file and the line of its table, so the teacher can drop or move it.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from quizgen.problems import Problem, QuizgenError
from quizgen.question import Question
from quizgen.typography import french_typography

STATUSES = ("accepted", "rejected", "reworded")
FIELDS = ("status", "note", "prompt", "options", "feedback")


@dataclass(frozen=True)
class Mark:
    id: str
    status: str
    line: int
    note: str = ""
    prompt: str = ""
    options: tuple[str, ...] = ()
    feedback: str = ""


@dataclass(frozen=True)
class Curation:
    path: str
    marks: dict[str, Mark]

    def rejected(self, qid: str) -> bool:
        mark = self.marks.get(qid)
        return mark is not None and mark.status == "rejected"


EMPTY = Curation("", {})


def _line_of(text: str, qid: str) -> int:
    pattern = re.compile(r'^\s*\[\s*["\']?' + re.escape(qid) + r'["\']?\s*\]')
    for n, line in enumerate(text.splitlines(), 1):
        if pattern.match(line):
            return n
    return 1


def load_curation(path: Path | str | None) -> Curation:
    """The marks of ``path`` (none when the file does not exist); bad marks stop with file and line."""
    if path is None:
        return EMPTY
    path = Path(path)
    if not path.is_file():
        return Curation(str(path), {})
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        at = re.search(r"line (\d+)", str(err))
        raise QuizgenError([Problem(str(path), int(at.group(1)) if at else 1, f"invalid TOML: {err}",
                                    'write one table per question: [q-…] then status = "rejected"')]) from None
    marks: dict[str, Mark] = {}
    problems: list[Problem] = []
    for qid, table in data.items():
        line = _line_of(text, qid)
        if not isinstance(table, dict):
            problems.append(Problem(str(path), line, f"{qid!r} is not a table",
                                    f'write [{qid}] then status = "rejected"'))
            continue
        unknown = sorted(set(table) - set(FIELDS))
        status = table.get("status")
        if unknown:
            problems.append(Problem(str(path), line, f"unknown field(s) {', '.join(unknown)} for {qid}",
                                    f"use only: {', '.join(FIELDS)}"))
        if status not in STATUSES:
            problems.append(Problem(str(path), line, f"{qid}: unknown status {status!r}",
                                    f"use one of: {', '.join(STATUSES)}"))
            continue
        options = table.get("options", [])
        if not isinstance(options, list) or not all(isinstance(o, str) and o.strip() for o in options):
            problems.append(Problem(str(path), line, f"{qid}: options must be a list of texts",
                                    'write options = ["…", "…"] or leave it out'))
            continue
        texts = {k: table.get(k, "") for k in ("note", "prompt", "feedback")}
        if not all(isinstance(v, str) for v in texts.values()):
            problems.append(Problem(str(path), line, f"{qid}: note, prompt and feedback must be texts",
                                    'write prompt = "…"'))
            continue
        marks[qid] = Mark(qid, status, line, texts["note"].strip(), texts["prompt"].strip(),
                          tuple(o.strip() for o in options), texts["feedback"].strip())
    if problems:
        raise QuizgenError(problems)
    return Curation(str(path), marks)


def curate(q: Question, curation: Curation) -> Question | None:
    """``q`` as the teachers marked it: None when rejected, the new wording when reworded."""
    mark = curation.marks.get(q.id)
    if mark is None or mark.status == "accepted":
        return q
    if mark.status == "rejected":
        return None
    options = q.options
    if mark.options:
        if len(mark.options) != len(q.options):
            raise QuizgenError([Problem(curation.path, mark.line,
                                        f"{q.id}: {len(mark.options)} options given, the question has "
                                        f"{len(q.options)}", "give one new text per option, in the same order")])
        options = tuple(french_typography(o) for o in mark.options)
    return replace(q, prompt=french_typography(mark.prompt) if mark.prompt else q.prompt, options=options,
                   feedback=french_typography(mark.feedback) if mark.feedback else q.feedback,
                   short_prompt="" if mark.prompt or mark.options else q.short_prompt,
                   short_options=() if mark.prompt or mark.options else q.short_options,
                   evidence=(*q.evidence, *q.answer_texts))


def apply_curation(found: Mapping[str, Sequence[Question]], curation: Curation) -> dict[str, list[Question]]:
    out: dict[str, list[Question]] = {}
    for kind, questions in found.items():
        kept = (curate(q, curation) for q in questions)
        out[kind] = [q for q in kept if q is not None]
    return out


def stale_marks(curation: Curation, ids: Iterable[str]) -> list[Problem]:
    """A problem (file, line, fix) for each mark whose question the corpus no longer yields."""
    known = set(ids)
    return [Problem(curation.path, m.line, f"mark on question {m.id}, which no longer exists",
                    "delete this table, or mark the question that replaced it (quizgen review)")
            for m in sorted(curation.marks.values(), key=lambda m: m.line) if m.id not in known]


def _string(value: str) -> str:
    # A JSON string is a valid TOML basic string (same escapes, \\uXXXX included).
    return json.dumps(value, ensure_ascii=False)


def dumps(marks: Iterable[Mark]) -> str:
    lines = ["# Teachers' marks on generated questions, by stable id (quizgen review writes this file).",
             '# status = "accepted" | "rejected" | "reworded"; a reworded question may give prompt, options,',
             "# feedback. Marks apply to every output: site, projector, PDF sheets and exports.", ""]
    for m in sorted(marks, key=lambda m: m.id):
        lines.append(f"[{m.id}]")
        lines.append(f"status = {_string(m.status)}")
        if m.note:
            lines.append(f"note = {_string(m.note)}")
        if m.prompt:
            lines.append(f"prompt = {_string(m.prompt)}")
        if m.options:
            lines.append("options = [" + ", ".join(_string(o) for o in m.options) + "]")
        if m.feedback:
            lines.append(f"feedback = {_string(m.feedback)}")
        lines.append("")
    return "\n".join(lines)


def write_curation(path: Path, marks: Iterable[Mark]) -> None:
    """Write the marks atomically (a temporary file renamed): never a half-written file."""
    text = dumps(marks)
    tomllib.loads(text)  # what we write must read back
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".toml.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def as_dict(mark: Mark) -> dict[str, Any]:
    return {"id": mark.id, "status": mark.status, "note": mark.note}
