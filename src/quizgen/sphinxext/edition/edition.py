"""The edition's own apparatus: ``{mends-table}`` lists every mend of the extracted text, and
``{signature}`` prints the closing formula of the declaration.
"""

from __future__ import annotations

from docutils import nodes
from docutils.nodes import Node
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from quizgen.fidelity import Edition
from quizgen.sphinxext.edition.vocab import data_dir
from quizgen.sphinxext.site.i18n import _


def simple_table(headers: list[str], rows: list[list[Node | str]], classes: list[str]) -> nodes.table:
    """A plain table with a header row; cells may be text or nodes."""
    table = nodes.table(classes=classes)
    group = nodes.tgroup(cols=len(headers))
    table += group
    group.extend(nodes.colspec(colwidth=1) for _header in headers)
    head = nodes.thead()
    head += nodes.row("", *(nodes.entry("", nodes.paragraph("", h)) for h in headers))
    group += head
    body = nodes.tbody()
    for cells in rows:
        row = nodes.row()
        for cell in cells:
            content = nodes.paragraph("", cell) if isinstance(cell, str) else cell
            row += nodes.entry("", content)
        body += row
    group += body
    return table


def _shown(text: str) -> nodes.literal:
    # A visible mark for the line break, so a reader sees where a paragraph was cut or joined.
    return nodes.literal("", text.replace("\n", " ⏎ "))


class MendsTable(SphinxDirective):
    def run(self) -> list[Node]:
        folder = data_dir(self.env.srcdir, self.config)
        edition = Edition.load(folder)
        self.env.note_dependency(str(folder / "mends.toml"))
        rows: list[list[Node | str]] = [
            [str(m.line), m.kind, nodes.paragraph("", "", _shown(m.before)),
             nodes.paragraph("", "", _shown(m.after)), m.why]
            for m in edition.mends
        ]
        headers = [_("Source line"), _("Kind"), _("Extracted text"), _("Text of this edition"), _("Why")]
        summary = nodes.paragraph("", _("%d mends, listed in the order of the text.") % len(rows))
        return [summary, simple_table(headers, rows, ["qg-mends"])]


class Signature(SphinxDirective):
    """The closing place and date, kept apart from the clauses."""

    has_content = True

    def run(self) -> list[Node]:
        text = " ".join(self.content).strip()
        return [nodes.paragraph("", text, classes=["qg-signature"])]


def setup_edition(app: Sphinx) -> None:
    app.add_directive("mends-table", MendsTable)
    app.add_directive("signature", Signature)
