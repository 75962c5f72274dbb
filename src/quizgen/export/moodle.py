"""Moodle XML: ``<quiz>.moodle.xml``, the quiz's question bank, one category per section.

* A category is the pseudo-question ``<question type="category">`` with ``$course$/top/<quiz>/<section>``.
* Each question carries ``<idnumber>`` = its stable content id, and ``<tags>`` with its themes and actors.
* Choice (and cloze, whose blank stays in the text, as Moodle imports a GIFT missing word): ``multichoice``,
  grades only from Moodle's list (several right answers share 100, wrong ones take the opposite share; a
  question whose share is not on the list is refused). True/false: ``truefalse``. Matching: ``matching``.
* Ordering is written as ``matching`` (passage → rank), not as ``ordering``: that type is in Moodle's core only
  since 4.3 and has no GIFT form, while matching imports everywhere and grades each rank, so the two Moodle
  formats agree.
* Texts are HTML in CDATA; a ``]]>`` inside is split across two CDATA sections.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

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
    xml_text,
)
from quizgen.export.fractions import choice_fractions, percent
from quizgen.question import Question
from quizgen.quiz import Quiz

FORMAT = "moodle"
RIGHT, PARTIAL, WRONG = "Bonne réponse.", "Réponse partiellement correcte.", "Ce n’est pas la bonne réponse."
PENALTY = "0.3333333"


def cdata(text: str) -> str:
    """Text in CDATA; ``]]>`` cannot occur inside one section, so it is split between two."""
    return "<![CDATA[" + xml_text(text).replace("]]>", "]]]]><![CDATA[>") + "]]>"


def plain(text: str) -> str:
    return xml_escape(xml_text(text))


def html_field(tag: str, content: str, indent: str = "    ") -> str:
    return f'{indent}<{tag} format="html"><text>{cdata(content)}</text></{tag}>'


def category(quiz: Quiz, section: str) -> str:
    names = [quiz.title or quiz.id, section_label(section)]
    path = "$course$/top/" + "/".join(n.replace("/", "//") for n in names)
    return ('  <question type="category">\n'
            f"    <category><text>{plain(path)}</text></category>\n"
            "  </question>")


def head(q: Question, kind: str, prompt: str) -> list[str]:
    return [
        f'  <question type="{kind}">',
        f"    <name><text>{plain(question_name(q))}</text></name>",
        html_field("questiontext", f"<p>{html_text(prompt)}</p>"),
        html_field("generalfeedback", feedback_html(q)),
        "    <defaultgrade>1</defaultgrade>",
        f"    <penalty>{PENALTY if kind != 'truefalse' else '1'}</penalty>",
        "    <hidden>0</hidden>",
        f"    <idnumber>{plain(q.id)}</idnumber>",
    ]


def combined_feedback() -> list[str]:
    return [html_field("correctfeedback", RIGHT), html_field("partiallycorrectfeedback", PARTIAL),
            html_field("incorrectfeedback", WRONG), "    <shownumcorrect/>"]


def tail(q: Question) -> list[str]:
    found = tags(q)
    if not found:
        return ["  </question>"]
    return ["    <tags>", *(f"      <tag><text>{plain(t)}</text></tag>" for t in found), "    </tags>", "  </question>"]


def answer(fraction: str, text: str, feedback: str = "", *, html: bool = True) -> list[str]:
    fmt = ' format="html"' if html else ""
    body = f"<p>{html_text(text)}</p>" if html else plain(text)
    return [f'    <answer fraction="{fraction}"{fmt}>',
            f"      <text>{cdata(body) if html else body}</text>",
            f'      <feedback format="html"><text>{cdata(feedback)}</text></feedback>',
            "    </answer>"]


def question(q: Question) -> str:
    if q.form == "truefalse":
        right = is_true(q)
        lines = head(q, "truefalse", q.prompt)
        lines += answer("100" if right else "0", "true", RIGHT if right else WRONG, html=False)
        lines += answer("0" if right else "100", "false", WRONG if right else RIGHT, html=False)
    elif q.form in ("matching", "ordering"):
        lines = [*head(q, "matching", matching_prompt(q)), "    <shuffleanswers>true</shuffleanswers>",
                 *combined_feedback()]
        for left, right_text in pairs(q):
            lines += ['    <subquestion format="html">',
                      f"      <text>{cdata(f'<p>{html_text(left)}</p>' if left else '')}</text>",
                      f"      <answer><text>{plain(right_text)}</text></answer>",
                      "    </subquestion>"]
    else:
        fractions = choice_fractions(q)
        single = len(q.answers) == 1
        lines = [*head(q, "multichoice", q.prompt),
                 f"    <single>{'true' if single else 'false'}</single>",
                 f"    <shuffleanswers>{'true' if q.shuffle else 'false'}</shuffleanswers>",
                 "    <answernumbering>abc</answernumbering>",
                 "    <showstandardinstruction>0</showstandardinstruction>",
                 *combined_feedback()]
        for text, fraction in zip(q.options, fractions, strict=True):
            lines += answer(percent(fraction), text)
    return "\n".join([*lines, *tail(q)])


def _in_comment(text: str) -> str:
    """Text for an XML comment, which may hold no ``--``: a space between two hyphens (``--->`` → ``- - ->``;
    one pass of ``replace('--', '- -')`` leaves ``- -->``, which ends the comment)."""
    return re.sub(r"-(?=-)", "- ", plain(text))


def dumps(quiz: Quiz) -> str:
    parts = ['<?xml version="1.0" encoding="UTF-8"?>',
             f"<!-- {_in_comment(quiz.title or quiz.id)} — quizgen, recette {_in_comment(quiz.id)}, "
             f"graine {quiz.seed}. Fichier enseignant : il contient les réponses. -->",
             "<quiz>"]
    for section, questions in by_section(quiz):
        parts.append(category(quiz, section))
        parts += [question(q) for q in questions]
    parts.append("</quiz>\n")
    return "\n".join(parts)


def write(quiz: Quiz, directory: Path) -> list[Path]:
    path = directory / f"{quiz.id}.moodle.xml"
    path.write_text(dumps(quiz), encoding="utf-8")
    return [path]
