"""AMC (auto-multiple-choice): ``<quiz>.amc-<n>.txt``, one AMC-TXT file per variant, for paper tests graded by scan.

A teacher opens one file as a new AMC project (*Project → New → source file*), prints as many copies as there
are students (AMC shuffles the questions and the options of each copy), scans them, and AMC grades them. One
file per variant keeps each variant's questions exactly as quizgen drew them (the same as its answer key in the
JSON and PDF exports); AMC's own shuffling makes every printed copy different within a variant.

The file follows AMC's plain-text grammar (``AMC::Filter::plain``): general options first (``Title:``,
``Presentation:``, ``Lang: FR``…), then one question per line — ``*`` one right answer, ``**`` several — each
option on its own line, ``+`` right and ``-`` wrong. What keeps hostile text from becoming syntax:

* every question and option is written on **one** line (a line break inside a text is a space, as LaTeX reads
  it anyway): a following line could otherwise be taken for an option (``Code: …``), a comment (``# …``),
  a question or an answer;
* the question's options ``[id=…]`` and a space always follow its stars, and a space follows ``+``/``-``, so a
  text that starts with ``[``, ``{``, ``<`` or ``(`` is never read as a question's options, scoring or group;
* ``Disable: verbatim local_latex images embf title`` turns off every markup but plain text, so ``[[…]]``
  (raw LaTeX), ``!image!``, ``[verbatim]``, ``[* … *]`` and the like are printed as they are written; AMC
  then escapes LaTeX's special characters itself (``LaTeX:`` is left off).

Matching and ordering questions have no AMC-TXT form: they are left out, and a comment at the top of each file
(and the CLI) says which and why. True/false questions keep *Vrai* before *Faux* (``ordered``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from quizgen.names import id_problem
from quizgen.question import Question
from quizgen.quiz import Quiz, Variant

FORMAT = "amc"
#: Every AMC-TXT parsing module but ``text`` (which escapes LaTeX): nothing in a text is markup.
DISABLE = "verbatim local_latex images embf title"
PRESENTATION = ("Cochez la case de chaque bonne réponse, au stylo noir, en la remplissant entièrement. "
                "Une question marquée de deux astérisques peut avoir plusieurs bonnes réponses.")
_BREAKS = re.compile(r"\s+")


@dataclass(frozen=True)
class Left:
    question: Question
    reason: str


def line(text: str) -> str:
    """A text on one line: every run of white space (line breaks included) becomes one space."""
    return _BREAKS.sub(" ", text).strip()


def reason(q: Question) -> str | None:
    if q.form in ("matching", "ordering"):
        return f"type {q.form} : AMC-TXT n’a que des questions à choix"
    if len(q.options) < 2:
        return "moins de deux réponses"
    if any(not line(o) for o in q.options) or not line(q.prompt):
        return "texte vide"
    return None


def question(q: Question, number: int) -> list[str]:
    """One AMC-TXT question: its line, then one line per option."""
    ident = q.id if not id_problem(q.id) else f"q{number}"
    options = [f"id={ident}"] + (["ordered"] if q.form == "truefalse" else [])
    stars = "**" if len(q.answers) > 1 else "*"
    lines = [f"{stars}[{','.join(options)}] {line(q.prompt)}"]
    lines += [f"{'+' if i in q.answers else '-'} {line(text)}" for i, text in enumerate(q.options)]
    return lines


def dumps(quiz: Quiz, variant: Variant) -> tuple[str, list[Left]]:
    """The AMC-TXT source of one variant, and the questions it leaves out."""
    title = line(quiz.title or quiz.id)
    head = [f"# {title} — quizgen, recette {quiz.id}, graine {quiz.seed}, version {variant.number} "
            f"sur {len(quiz.variants)}.",
            "# Fichier enseignant : il contient les réponses (+ bonne, - mauvaise). À ouvrir dans AMC comme "
            "fichier source d’un nouveau projet.",
            f"Title: {title} — version {variant.number}",
            f"Presentation: {PRESENTATION}",
            "Lang: FR",
            "PaperSize: A4",
            f"Disable: {DISABLE}",
            "ShuffleQuestions: 1",
            "Columns: 1"]
    left: list[Left] = []
    body: list[str] = []
    for n, q in enumerate(variant.questions, 1):
        why = reason(q)
        if why:
            left.append(Left(q, why))
            continue
        body += ["", *question(q, n)]
    notes = [f"# Laissée de côté : {item.question.id} ({item.question.kind}) — {item.reason}" for item in left]
    return "\n".join([*head[:2], *notes, *head[2:], *body]) + "\n", left


def message(quiz: Quiz) -> str:
    """One line for the CLI: how many questions the AMC files hold and how many they leave out."""
    left = {item.question.id for v in quiz.variants for item in dumps(quiz, v)[1]}
    if not left:
        return f"{quiz.id}: every question is in the AMC files"
    return (f"{quiz.id}: {len(left)} question(s) left out of the AMC files (matching or ordering: AMC-TXT has "
            "choice questions only); listed at the top of each file")


def write(quiz: Quiz, directory: Path) -> list[Path]:
    paths = []
    for variant in quiz.variants:
        text, _left = dumps(quiz, variant)
        path = directory / f"{quiz.id}.amc-{variant.number}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
