"""Teacher-only material: ``{corrige}`` and ``{teacher-note}`` blocks in exercises.

Written beside the exercise they belong to (one source), they never reach student material: the
HTML site (which students read) shows a short pointer to the teacher edition instead, and the PDF
builder prints them in the teacher edition only.

    :::{corrige}
    Proposition de plan…
    :::
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.nodes import Node
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from quizgen.sphinxext.site.i18n import _
from quizgen.sphinxext.site.node_types import add_html_only_node, pass_node

#: directive name → the label a teacher sees in the teacher edition
TEACHER_KINDS = {"corrige": "Answer key", "teacher-note": "Teacher's notes"}


class teacher_only(nodes.General, nodes.Element):
    """Material for teachers only: ``kind`` is ``corrige`` or ``teacher-note``."""


def teacher_label(kind: str) -> str:
    return _(TEACHER_KINDS[kind])


class TeacherDirective(SphinxDirective):
    has_content = True

    def run(self) -> list[Node]:
        kind = self.name
        node = teacher_only(kind=kind, classes=["qg-teacher", f"qg-{kind}"])
        self.set_source_info(node)
        node += nodes.rubric("", teacher_label(kind))
        self.state.nested_parse(self.content, self.content_offset, node)
        return [node]


def visit_teacher_only_html(self: Any, node: teacher_only) -> None:
    # The site is student material: only a pointer to the teacher edition is written.
    text = _("%s: in the teacher edition of the exercises booklet (PDF).") % teacher_label(node["kind"])
    self.body.append(self.starttag(node, "p", "", CLASS="qg-teacher-pointer"))
    self.body.append(self.encode(text) + "</p>\n")
    raise nodes.SkipNode




def setup_teacher(app: Sphinx) -> None:
    add_html_only_node(app, teacher_only, (visit_teacher_only_html, pass_node))
    for kind in TEACHER_KINDS:
        app.add_directive(kind, TeacherDirective)
