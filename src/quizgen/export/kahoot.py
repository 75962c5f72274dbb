"""Kahoot: ``<quiz>.kahoot.xlsx`` in the layout of Kahoot's import template, and ``<quiz>.kahoot.txt``.

The sheet follows the official template: instruction rows, the header on row 8 (``Question - max 120
characters``, ``Answer 1`` … ``Answer 4 - max 75 characters``, the time limit, ``Correct answer(s)``), one
question per row from row 9 with its number in column A. Kahoot takes single and multiple choice in plain text
with at most 4 answers; the time limit is the quiz's, snapped to the nearest allowed value (5, 10, 20, 30, 60, 90,
120, 240 s). A question that breaks a limit (too long, too many answers, matching or ordering) is **left out**,
never cut: the text file next to the sheet lists each one with the reason, and the CLI says how many. A cloze
whose quotation is too long is asked on the words around its blank (marked « … », the clause named): same
options, same answer.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from quizgen.export.common import FIXED_DATE, bank, write_zip
from quizgen.question import Question
from quizgen.quiz import Quiz

FORMAT = "kahoot"
QUESTION_MAX, ANSWER_MAX, ANSWERS_MAX = 120, 75, 4
TIMES = (5, 10, 20, 30, 60, 90, 120, 240)
HEADER = ("", "Question - max 120 characters", "Answer 1 - max 75 characters", "Answer 2 - max 75 characters",
          "Answer 3 - max 75 characters", "Answer 4 - max 75 characters",
          "Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs", "Correct answer(s) - choose at least one")
HEADER_ROW = 8
INTRO = ("Quiz template",
         "Add questions, at least two answer alternatives, time limit and choose correct answers (at least one).",
         "Have fun creating your awesome quiz!",
         "Remember: questions have a limit of 120 characters and answers can have 75 characters max.",
         "Fichier enseignant produit par quizgen : il contient les réponses.")


@dataclass(frozen=True)
class Left:
    """A question left out of the sheet, and why (in French, for the teacher)."""

    question: Question
    reason: str


def snap(seconds: int) -> int:
    """The allowed time limit nearest to ``seconds`` (the longer one on a tie)."""
    return min(TIMES, key=lambda t: (abs(t - seconds), -t))


def reasons(q: Question) -> list[str]:
    found = []
    if q.form not in ("choice", "truefalse"):
        found.append(f"type {q.form} : Kahoot n’importe que des questions à choix")
    if len(q.prompt) > QUESTION_MAX:
        found.append(f"question de {len(q.prompt)} caractères (max {QUESTION_MAX})")
    if q.form in ("choice", "truefalse"):
        if len(q.options) > ANSWERS_MAX:
            found.append(f"{len(q.options)} réponses (max {ANSWERS_MAX})")
        long = [i + 1 for i, o in enumerate(q.options[:ANSWERS_MAX]) if len(o) > ANSWER_MAX]
        if long:
            found.append(f"réponse(s) {', '.join(map(str, long))} de plus de {ANSWER_MAX} caractères")
    return found


def short_form(q: Question) -> Question | None:
    """A question too long for Kahoot, asked in its short form when the engine gives one: ``short_prompt``
    (a cloze's words around its blank, an attitude or a statement with its object cut and marked « […] »)
    and, where the options are long too, ``short_options`` (a body's name for its definition). Same answer,
    same clause. None when the question has no short form or the short form does not fit either."""
    if not q.short_prompt:
        return None
    narrowed = replace(q, prompt=q.short_prompt, options=q.short_options or q.options)
    return narrowed if not reasons(narrowed) else None


def split(quiz: Quiz) -> tuple[list[Question], list[Left]]:
    """The bank's questions that fit the sheet (long clozes narrowed to the words around the blank),
    and those left out with their reason."""
    kept: list[Question] = []
    left: list[Left] = []
    for q in bank(quiz):
        why = reasons(q)
        if why:
            narrowed = short_form(q)
            if narrowed is not None:
                kept.append(narrowed)
                continue
            left.append(Left(q, " ; ".join(why)))
        else:
            kept.append(q)
    return kept, left


def rows(quiz: Quiz, questions: list[Question]) -> list[list[object]]:
    time = snap(quiz.time)
    found: list[list[object]] = []
    for n, q in enumerate(questions, 1):
        answers = [*q.options, "", "", "", ""][:ANSWERS_MAX]
        correct: object = q.answers[0] + 1 if len(q.answers) == 1 else ",".join(str(a + 1) for a in sorted(q.answers))
        found.append([n, q.prompt, *answers, time, correct])  # one right answer: a number, as in the template
    return found


def put(cell: Any, value: object) -> None:
    """A cell's value: a number stays a number, any text is a string cell (openpyxl would store a text that
    starts with ``=`` as a formula: ``=HYPERLINK(…)`` or a DDE ``=cmd|…`` payload would run in a spreadsheet)."""
    if value == "" or value is None:
        return
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


def sheet_bytes(quiz: Quiz, questions: list[Question]) -> bytes:
    """The workbook, with its dates fixed and its zip entries dated :data:`FIXED_DATE`: same input, same bytes."""
    from openpyxl import Workbook

    book = Workbook()
    fixed = datetime.datetime(*FIXED_DATE)
    book.properties.created = fixed
    book.properties.modified = fixed
    book.properties.creator = "quizgen"
    book.properties.title = quiz.title or quiz.id
    ws = book.active
    ws.title = "Kahoot"
    for i, line in enumerate(INTRO, 2):
        put(ws.cell(row=i, column=2), line)
    for column, name in enumerate(HEADER, 1):
        put(ws.cell(row=HEADER_ROW, column=column), name)
    for r, values in enumerate(rows(quiz, questions), HEADER_ROW + 1):
        for column, value in enumerate(values, 1):
            put(ws.cell(row=r, column=column), value)
    stream = io.BytesIO()
    book.save(stream)
    # openpyxl stamps the zip entries with the current time and docProps/core.xml with "modified = now":
    # rewrite the zip with fixed dates (the core properties were fixed above, but openpyxl resets modified).
    entries: list[tuple[str, bytes | None]] = []
    with zipfile.ZipFile(io.BytesIO(stream.getvalue())) as zf:
        for info in zf.infolist():
            data = zf.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _fix_core(data)
            entries.append((info.filename, data))
    out = io.BytesIO()
    write_zip(out, entries)
    return out.getvalue()


def _fix_core(data: bytes) -> bytes:
    stamp = "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}Z".format(*FIXED_DATE).encode()
    return re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)", rb"\g<1>" + stamp + rb"\g<2>", data)


def report(quiz: Quiz, kept: list[Question], left: list[Left]) -> str:
    fits, total = share(quiz)
    lines = [f"Feuille Kahoot de « {quiz.title or quiz.id} » (recette {quiz.id}, graine {quiz.seed})",
             f"Questions à choix et vrai/faux dans la feuille : {fits} sur {total}.",
             f"{len(kept)} question(s) dans la feuille, {len(left)} laissée(s) de côté (jamais tronquées) ; "
             "les textes à trous trop longs sont posés sur les mots autour du blanc, marqués « … ».",
             f"Limites de Kahoot : question ≤ {QUESTION_MAX} caractères, ≤ {ANSWERS_MAX} réponses de "
             f"≤ {ANSWER_MAX} caractères, questions à choix seulement ; temps : {snap(quiz.time)} s "
             f"({quiz.time} s demandées).", ""]
    for item in left:
        q = item.question
        lines.append(f"- {q.id} ({q.kind}, {', '.join(q.clauses)}) : {item.reason}")
    return "\n".join(lines) + "\n"


def share(quiz: Quiz) -> tuple[int, int]:
    """(choice and true/false questions of the bank that reach the sheet, all of them): Kahoot's reach."""
    kept, _left = split(quiz)
    fits = sum(1 for q in kept if q.form in ("choice", "truefalse"))
    return fits, sum(1 for q in bank(quiz) if q.form in ("choice", "truefalse"))


def message(quiz: Quiz) -> str:
    """One line for the CLI: how many questions the sheet holds and how many were left out."""
    kept, left = split(quiz)
    fits, total = share(quiz)
    reach = f"{fits} of {total} choice and true/false questions ({fits / total:.0%})" if total else "no question"
    if not left:
        return f"{quiz.id}: all {len(kept)} question(s) fit the Kahoot sheet"
    return (f"{quiz.id}: {reach} reach the Kahoot sheet; {len(left)} question(s) left out of the Kahoot sheet, "
            f"never cut (reasons in {quiz.id}.kahoot.txt)")


def write(quiz: Quiz, directory: Path) -> list[Path]:
    kept, left = split(quiz)
    sheet = directory / f"{quiz.id}.kahoot.xlsx"
    sheet.write_bytes(sheet_bytes(quiz, kept))
    notes = directory / f"{quiz.id}.kahoot.txt"
    notes.write_text(report(quiz, kept, left), encoding="utf-8")
    return [sheet, notes]

