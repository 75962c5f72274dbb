"""Checks on the sources that no single directive can make: the encoding of a page, raw HTML in the text.

* A page that is not UTF-8 is reported with its file, the line of the first bad byte and the fix, and is not
  read (Sphinx would stop with a crash report naming neither).
* Raw HTML inside a clause, a commentary or a teacher's note is refused: the clause's text reaches every
  output (site, PDFs, corpus, quizzes), where a ``<script>`` would run or markup would show as text. Raw HTML
  elsewhere in a page (a link on the home page) is the author's choice and stays allowed.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from quizgen.sphinxext.commentary.commentary import commentary
from quizgen.sphinxext.commentary.teacher import teacher_only
from quizgen.sphinxext.site.node_types import clause
from quizgen.sphinxext.site.problems import report

#: The nodes whose content must be text and the kit's own markup, never raw HTML.
GUARDED = (clause, commentary, teacher_only)


def check_encoding(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Report and skip the pages that are not valid in the configured source encoding."""
    encoding = app.config.source_encoding or "utf-8"
    name = "UTF-8" if encoding.lower().replace("_", "-").startswith("utf-8") else encoding
    for docname in list(docnames):
        path = env.doc2path(docname)
        try:
            raw = path.read_bytes()
        except OSError:
            continue
        try:
            raw.decode(encoding)
        except UnicodeDecodeError as err:
            line = raw.count(b"\n", 0, err.start) + 1
            report(f"this page is not {name} text (byte {raw[err.start]:#04x} on line {line})",
                   f"save the file as {name} (every editor has the option; the bad byte is often an "
                   "accented letter saved as Latin-1)", (docname, line), subtype="encoding")
            docnames.remove(docname)
            env.project.docnames.discard(docname)  # nor written: it was never read


def _owner(node: nodes.Node) -> nodes.Element | None:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, GUARDED):
            return parent
        parent = parent.parent
    return None


def check_raw_html(app: Sphinx, doctree: nodes.document) -> None:
    for raw in list(doctree.findall(nodes.raw)):
        owner = _owner(raw)
        if owner is None:
            continue
        what = f"clause {owner['clause_id']}" if isinstance(owner, clause) else (
            "a commentary" if isinstance(owner, commentary) else "a teacher's note")
        line = raw.line or owner.line
        location = (app.env.docname, line) if line else owner
        report(f"raw HTML in {what}: {raw.astext()[:60]!r}",
               "write plain text and the kit's roles ({org}`…`, {date}`…`, *emphasis*); raw HTML is not allowed in "
               "clauses and notes", location, subtype="html")
        raw.parent.remove(raw)  # never published, even by a build that goes on


def setup_source_checks(app: Sphinx) -> None:
    app.connect("env-before-read-docs", check_encoding)
    app.connect("doctree-read", check_raw_html)
