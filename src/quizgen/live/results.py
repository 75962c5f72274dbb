"""Results of a session, per student and per question, as CSV (``csv``) and XLSX (openpyxl) files.

A cell that a spreadsheet would read as a formula (a pseudonym starting with ``=``, ``+``, ``-`` or ``@``)
is prefixed with an apostrophe, so a results file can never run anything.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from quizgen.live.questions import LiveQuestion
from quizgen.live.store import Student
from quizgen.typography import french_typography

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class QuestionResult:
    number: int
    prompt: str
    answered: int
    right: int
    clauses: tuple[str, ...]
    urls: tuple[str, ...]

    @property
    def share(self) -> float:
        return self.right / self.answered if self.answered else 0.0


def question_results(questions: list[LiveQuestion] | tuple[LiveQuestion, ...],
                     answers: dict[int, dict[str, list[int]]], present: set[str]) -> list[QuestionResult]:
    found = []
    for i, q in enumerate(questions):
        given = {c: a for c, a in answers.get(i, {}).items() if c in present}
        found.append(QuestionResult(q.number, q.prompt, len(given), sum(q.right(a) for a in given.values()),
                                    q.clauses, q.urls))
    return found


def most_missed(results: list[QuestionResult], n: int = 3) -> list[QuestionResult]:
    """The ``n`` questions with the lowest share of right answers among those answered (ties: text order)."""
    asked = [r for r in results if r.answered]
    return sorted(asked, key=lambda r: (r.share, r.number))[:n]


def _cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def student_rows(questions: list[LiveQuestion] | tuple[LiveQuestion, ...], students: list[Student],
                 answers: dict[int, dict[str, list[int]]]) -> list[list[object]]:
    head: list[object] = [french_typography("Pseudonyme"), "Score", "Sur"]
    for q in questions:
        head += [f"Q{q.number}", f"Q{q.number} juste"]
    rows = [head]
    for s in students:
        if s.removed:
            continue
        row: list[object] = [s.pseudonym, 0, len(questions)]
        score = 0
        for i, q in enumerate(questions):
            given = answers.get(i, {}).get(s.client)
            ok = q.right(given)
            score += ok
            row += [q.letters(given) if given is not None else "", ("oui" if ok else "non") if given else ""]
        row[1] = score
        rows.append(row)
    return rows


def question_rows(results: list[QuestionResult]) -> list[list[object]]:
    rows: list[list[object]] = [["Question", french_typography("Énoncé"), "Réponses", "Justes",
                                 "Part juste", "Clauses"]]
    for r in results:
        rows.append([r.number, r.prompt, r.answered, r.right, round(r.share, 3), ", ".join(r.clauses)])
    return rows


def write_results(folder: Path, room: str, questions: list[LiveQuestion] | tuple[LiveQuestion, ...],
                  students: list[Student], answers: dict[int, dict[str, list[int]]]) -> list[Path]:
    """Write ``resultats-ROOM-eleves.csv``, ``…-questions.csv`` and ``…xlsx`` in ``folder``; their paths."""
    from openpyxl import Workbook

    present = {s.client for s in students if not s.removed}
    by_student = student_rows(questions, students, answers)
    by_question = question_rows(question_results(questions, answers, present))
    base = folder / f"resultats-{room}"
    paths = [base.with_name(base.name + "-eleves.csv"), base.with_name(base.name + "-questions.csv"),
             base.with_name(base.name + ".xlsx")]
    folder.mkdir(parents=True, exist_ok=True)
    for path, rows in zip(paths[:2], (by_student, by_question), strict=True):
        tmp = path.with_suffix(".tmp")
        with tmp.open("w", encoding="utf-8-sig", newline="") as out:
            csv.writer(out, delimiter=";").writerows([[_cell(v) for v in row] for row in rows])
        tmp.replace(path)
    book = Workbook()
    sheet = book.active
    sheet.title = "Par élève"
    for row in by_student:
        sheet.append([_cell(v) for v in row])
    sheet2 = book.create_sheet("Par question")
    for row in by_question:
        sheet2.append([_cell(v) for v in row])
    tmp = paths[2].with_suffix(".tmp")
    book.save(tmp)
    tmp.replace(paths[2])
    return paths
