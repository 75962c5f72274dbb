"""The clause texts that citation tooltips show, in one file of the site instead of in every citing page.

A citation of a clause (``{clause}`II.12```) shows the clause's text on hover and focus. The text used to be
written into every citing page: 438 tips, 16 % of the site's HTML, and a clause edit rewrote every page citing
it. Now each page writes its tips empty with ``data-qg-clause="II.12"``, loads ``_static/qg-clauses.js``
(``window.qgClauseTexts = {…}``: a script that assigns a global, which works from ``file://`` where a
``fetch`` of JSON would not) and ``qg-nav.js`` fills the tips in when the page loads. The file is written at
the end of each HTML build, only when a text changed. A reader without JavaScript gets the link without its
tip (an empty tip is never shown).

A tip whose text on the page would differ from the file's (the page's typography context, say) is written
into the page as before.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from quizgen.typography import french_typography

FILE = "qg-clauses.js"


def clause_texts(builder: Any) -> dict[str, str]:
    """Each clause's text as a tip shows it (French typography in a French build), once per build."""
    found: dict[str, str] | None = getattr(builder, "_quizgen_clause_texts", None)
    if found is None:
        french = builder.config.language == "fr"
        clauses = builder.env.get_domain("decl").data["clauses"]
        found = {cid: french_typography(r["text"]) if french else r["text"] for cid, r in clauses.items()}
        builder._quizgen_clause_texts = found
    return found


def shared_text(builder: Any, clause: str) -> str | None:
    """The text the site's file holds for ``clause``, or None when this builder writes no such file."""
    if getattr(builder, "format", "") != "html":
        return None
    return clause_texts(builder).get(clause)


def script(texts: dict[str, str]) -> str:
    data = json.dumps(texts, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return f"window.qgClauseTexts = {data};\n"


def _reset(app: Sphinx, *_args: Any) -> None:
    app.builder.__dict__.pop("_quizgen_clause_texts", None)


def _load_on_pages(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                   doctree: nodes.document | None) -> None:
    """Pages with a tip load the file (a plain script, no checksum: the page does not change with the texts)."""
    if doctree is None or app.builder.format != "html" or 'data-qg-clause="' not in context.get("body", ""):
        return
    uri = context["pathto"](f"_static/{FILE}", 1)
    context["body"] = context.get("body", "") + f'<script src="{uri}"></script>\n'


def _write(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    path = Path(app.outdir) / "_static" / FILE
    text = script(clause_texts(app.builder))
    try:
        if path.read_text(encoding="utf-8") == text:
            return
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{FILE}.partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)


def setup_cite_tips(app: Sphinx) -> None:
    app.connect("env-updated", _reset)
    app.connect("html-page-context", _load_on_pages)
    app.connect("build-finished", _write)
