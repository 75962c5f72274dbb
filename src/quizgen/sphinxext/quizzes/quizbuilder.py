"""``{quiz-builder}``: compose a quiz in the browser from the kit's question bank, with no command line.

A teacher picks sections, kinds of question and difficulty, sets the number of questions and the time for
each, and then projects the quiz (the kit's classroom mode), prints its sheet and its answer key, or
downloads it for Moodle (GIFT) or Kahoot (CSV in Kahoot's spreadsheet columns). Everything runs in the
page, offline, from ``file://``: the bank is written once per build to ``_static/qg-bank.js`` (a script,
which a page opened from the disk may load, unlike a JSON file it would have to fetch). The bank holds the
kinds of question the kit's recipes ask, every question of them on the whole declaration. HTML only: other
builders leave the directive out.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from quizgen.problems import QuizgenError
from quizgen.question import KINDS
from quizgen.recipe import load_recipe
from quizgen.sphinxext.quizzes.webquiz import (
    STRINGS_ID,
    build_cache,
    exercises_dir,
    interface_strings,
    question_data,
    script_json,
)
from quizgen.sphinxext.site.i18n import _
from quizgen.sphinxext.site.node_types import html_nodes
from quizgen.typography import french_typography

BANK_FILE = "qg-bank.js"
JS_FILE = "qg-builder.js"


class quizbuilder(nodes.General, nodes.Element):
    """Placeholder for the builder, replaced when the page is written."""


class QuizBuilderDirective(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        node = quizbuilder()
        self.set_source_info(node)
        return [node]


def builder_strings() -> dict[str, str]:
    strings = {
        "sections": _("Sections"), "kinds": _("Kinds of question"), "difficulty": _("Difficulty"),
        "level1": _("easy"), "level2": _("medium"), "level3": _("hard"),
        "count": _("Number of questions"), "seconds": _("Seconds per question"),
        "compose": _("Compose the quiz"), "available": _("{n} questions match; {k} drawn."),
        "none": _("No question matches: tick more sections, kinds or levels."),
        "project": _("Project it (classroom mode)"), "print": _("Print the sheet and the answer key"),
        "gift": _("Download for Moodle (GIFT)"), "kahoot": _("Download for Kahoot (CSV)"),
        "kahootLeft": _("{n} questions left out of the Kahoot file (only multiple choice with at most four "
                        "answers, question ≤ 120 characters, answers ≤ 75)."),
        "title": _("Quiz composed on the kit's site"), "key": _("Answer key"),
        "student": _("Surname: ____________  First name: ____________  Class: ______  Date: ________"),
        "section": _("Section {s}"),
    }
    return {key: french_typography(str(value)) for key, value in strings.items()}


def _section(q: Any) -> str:
    return q.clauses[0].split(".")[0] if q.clauses else ""


def shipped_kinds(app: Sphinx) -> list[str]:
    """The kinds of question the kit's recipes ask (exercises/*.toml): the ones judged fit for a class (see
    the blind reviews in exercises/review/). The composer offers those, not every kind the engine can make."""
    kinds: set[str] = set()
    for path in sorted(exercises_dir(app).glob("*.toml")):
        try:
            recipe = load_recipe(path)
        except QuizgenError:
            continue  # reported, with its line, by the recipe's own page and the exports
        kinds.update(k for k in KINDS if recipe.count(k))
    return [k for k in KINDS if k in kinds]


def write_bank(app: Sphinx, page_uri: str) -> int:
    questions = [q for kind in build_cache(app).bank.whole(shipped_kinds(app)).values() for q in kind]
    bank = []
    for q in questions:
        data = question_data(q, 0, 30, "practice", page_uri)
        data.update(id=q.id, section=_section(q), difficulty=q.difficulty)
        bank.append(data)
    target = Path(app.outdir) / "_static" / BANK_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("window.QG_BANK = " + json.dumps(bank, ensure_ascii=False, sort_keys=True) + ";\n",
                      encoding="utf-8")
    return len(bank)


def resolve_builders(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    found = html_nodes(app, doctree, quizbuilder)
    if not found:
        return
    page_uri = app.builder.get_target_uri(docname)
    write_bank(app, page_uri)
    static = "../" * page_uri.count("/") + "_static/"
    html = (f'<section class="qg-builder" aria-label="{french_typography(str(_("Quiz builder")))}">'
            f'<noscript><p>{french_typography(str(_("The quiz builder runs in the browser: turn JavaScript on.")))}'
            "</p></noscript></section>"
            f'<script type="application/json" id="qg-builder-i18n">{script_json(builder_strings())}</script>'
            f'<script type="application/json" id="{STRINGS_ID}">{script_json(interface_strings())}</script>'
            f'<link rel="stylesheet" href="{static}qg-quiz.css">'
            f'<script src="{static}qg-quiz.js"></script><script src="{static}{BANK_FILE}"></script>'
            f'<script src="{static}{JS_FILE}"></script>')
    for node in found:
        node.replace_self(nodes.raw("", html, format="html"))


def setup_quizbuilder(app: Sphinx) -> None:
    app.add_node(quizbuilder)
    app.add_directive("quiz-builder", QuizBuilderDirective)
    app.connect("doctree-resolved", resolve_builders)
