"""GIFT (Moodle's text format): ``<quiz>.gift.txt``, the quiz's question bank with one ``$CATEGORY`` per section.

* Escaping as Moodle's own exporter does: ``\\`` → ``\\\\``, each of ``~ = # { } :`` gets a backslash, a newline
  is written ``\\n``. Texts are ``[html]`` (``< > &`` written as entities), so a ``->`` in a question or an
  answer is written ``-&gt;``, which no GIFT reader takes for a matching arrow; the right-hand side of a
  matching pair is plain text, where only the first ``->`` counts, so it may hold one.
* A cloze is a GIFT *missing word* question: the answer set stands inside the sentence, where the blank is.
* Choice: ``=right ~wrong``; several right answers get weights on Moodle's list (``~%50%``), wrong ones the
  opposite weight. True/false: ``{TRUE#shown if wrong#shown if right####…}``. Matching (and ordering, as
  passage → rank) ``{=left -> right …}``.
* General feedback (``####``) quotes the clause and links to it; ``// [id:…] [tag:…]`` comments carry the
  stable id and the themes and actors, as Moodle ≥ 4 reads them.
"""

from __future__ import annotations

import re
from pathlib import Path

from quizgen.export.common import (
    by_section,
    feedback_html,
    html_text,
    is_true,
    matching_prompt,
    pairs,
    question_name,
    section_label,
    tags,
)
from quizgen.export.fractions import choice_fractions, percent
from quizgen.question import BLANK, Question
from quizgen.quiz import Quiz

FORMAT = "gift"
RIGHT, WRONG = "Bonne réponse.", "Ce n’est pas la bonne réponse."
_RESERVED = {"\\": "\\\\", "~": "\\~", "=": "\\=", "#": "\\#", "{": "\\{", "}": "\\}", ":": "\\:",
             "\n": "\\n", "\r": ""}
_BREAKS = re.compile("[\r\n\x0b\x0c\x85\u2028\u2029]+")


def escape(text: str) -> str:
    """Text as GIFT writes it (Moodle's ``repchar``)."""
    return "".join(_RESERVED.get(char, char) for char in text)


def rich(text: str) -> str:
    """Plain text in an ``[html]`` question: HTML entities, then GIFT escapes. A leading ``%`` would be read
    as an answer's weight (``~%50%``), so it is written as the entity ``&#37;``."""
    text = html_text(text)
    return escape("&#37;" + text[1:] if text.startswith("%") else text)


def category(quiz: Quiz, section: str) -> str:
    """A Moodle category path; a ``/`` inside a name is written ``//``."""
    names = [quiz.title or quiz.id, section_label(section)]
    return "$course$/top/" + "/".join(one_line(n).replace("/", "//") for n in names)


def question(q: Question) -> str:
    general = f"####{escape(feedback_html(q))}"
    head = f"::{escape(question_name(q))}::[html]"
    if q.form == "truefalse":
        answer = "TRUE" if is_true(q) else "FALSE"
        return f"{head}{rich(q.prompt)} {{{answer}#{rich(WRONG)}#{rich(RIGHT)}{general}}}"
    if q.form in ("matching", "ordering"):
        arrows = " ".join(f"={rich(left)} -> {escape(right.replace(chr(10), ' '))}" for left, right in pairs(q))
        return f"{head}{rich(matching_prompt(q))} {{{arrows}{general}}}"
    fractions = choice_fractions(q)
    if len(q.answers) == 1:
        answers = " ".join(("=" if f > 0 else "~") + rich(text) for text, f in zip(q.options, fractions, strict=True))
    else:
        answers = " ".join(f"~%{percent(f)}%{rich(text)}" for text, f in zip(q.options, fractions, strict=True))
    if q.cloze is not None and q.prompt.count(BLANK) == 1:
        before, after = q.prompt.split(BLANK)
        if after.strip():
            return f"{head}{rich(before)}{{{answers}{general}}}{rich(after)}"
    return f"{head}{rich(q.prompt)} {{{answers}{general}}}"


def one_line(text: str) -> str:
    """Text for a line of its own (a comment, a category): a line break would end it and start a question."""
    return _BREAKS.sub(" ", text)


def comment(q: Question) -> str:
    return "// " + one_line(" ".join([f"[id:{q.id}]", *(f"[tag:{t}]" for t in tags(q))]))


def dumps(quiz: Quiz) -> str:
    lines = [f"// {one_line(quiz.title or quiz.id)} — quizgen, recette {one_line(quiz.id)}, graine {quiz.seed}.",
             "// Fichier enseignant : il contient les réponses. Banque de questions, une catégorie par section.", ""]
    for section, questions in by_section(quiz):
        lines += [f"$CATEGORY: {category(quiz, section)}", ""]
        for q in questions:
            lines += [comment(q), question(q), ""]
    return "\n".join(lines)


def write(quiz: Quiz, directory: Path) -> list[Path]:
    path = directory / f"{quiz.id}.gift.txt"
    path.write_text(dumps(quiz), encoding="utf-8")
    return [path]
