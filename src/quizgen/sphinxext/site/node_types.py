"""The extension's own doctree nodes, and how each builder renders them.

Every node has explicit visitors: HTML gets classes and data attributes; the other builders fall
back to plain containers and inlines (the Typst builder has its own, and fails on anything else).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator


class clause(nodes.General, nodes.Element):
    """One paragraph of the declaration: ``clause_id``, ``section``, ``number``, ``themes``."""


class tagged_span(nodes.inline):
    """A typed stretch of a clause: ``span_type`` and normalised ``value``."""


class cite_tip(nodes.inline):
    """The clause text shown on hover or focus of a citation; HTML only, skipped elsewhere. ``clause``: the
    cited clause's id. HTML writes the tip empty, with ``data-qg-clause``: its text comes from the site's one
    file of clause texts (:mod:`quizgen.sphinxext.edition.cite_tips`), so that a clause edit rewrites no citing page."""


def visit_clause_html(self: HTML5Translator, node: clause) -> None:
    attributes: dict[str, Any] = {"data-clause": node["clause_id"], "data-themes": " ".join(node["themes"])}
    self.body.append(self.starttag(node, "div", CLASS="qg-clause", **attributes))


def depart_clause_html(self: HTML5Translator, node: clause) -> None:
    self.body.append("</div>\n")


def visit_tagged_span_html(self: HTML5Translator, node: tagged_span) -> None:
    attributes = {"data-type": node["span_type"], "data-value": node["value"]}
    self.body.append(self.starttag(node, "span", "", **attributes))


def depart_tagged_span_html(self: HTML5Translator, node: tagged_span) -> None:
    self.body.append("</span>")


#: Sphinx's class for what the search index skips; a mark for the indexer only, not written in the page.
NO_SEARCH = "no-search"


def visit_cite_tip_html(self: HTML5Translator, node: cite_tip) -> None:
    # The page is indexed before it is written: the mark has done its job.
    node["classes"] = [c for c in node["classes"] if c != NO_SEARCH]
    from quizgen.sphinxext.edition.cite_tips import shared_text

    clause = node.get("clause")
    if clause and shared_text(self.builder, clause) == node.astext():
        self.body.append(self.starttag(node, "span", "", role="tooltip", **{"data-qg-clause": clause}) + "</span>")
        raise nodes.SkipNode
    self.body.append(self.starttag(node, "span", "", role="tooltip"))


def depart_cite_tip_html(self: HTML5Translator, node: cite_tip) -> None:
    self.body.append("</span>")


def pass_node(self: Any, node: nodes.Element) -> None:
    """A visitor or departure that writes nothing (the children are still visited)."""


def skip_node(self: Any, node: nodes.Element) -> None:
    """A visitor that writes neither the node nor its children."""
    raise nodes.SkipNode


def add_html_only_node(app: Sphinx, node_class: type[nodes.Element],
                       html: tuple[Callable[..., None], Callable[..., None]]) -> None:
    """Register a node that only the HTML site shows; the other built-in writers leave it out."""
    skipped = (skip_node, pass_node)
    app.add_node(node_class, html=html, latex=skipped, text=skipped, man=skipped, texinfo=skipped)


def html_nodes(app: Sphinx, doctree: nodes.document, node_class: type[nodes.Element]) -> list[nodes.Element]:
    """The nodes of ``node_class`` an HTML page fills in; other builders drop them (an empty list then)."""
    found = list(doctree.findall(node_class))
    if found and app.builder.format != "html":
        for node in found:
            node.replace_self([])
        return []
    return found


def _visit_inline(self: Any, node: nodes.Element) -> None:
    self.visit_inline(node)


def _depart_inline(self: Any, node: nodes.Element) -> None:
    self.depart_inline(node)


def setup_nodes(app: Sphinx) -> None:
    block, inline, skipped = (pass_node, pass_node), (_visit_inline, _depart_inline), (skip_node, pass_node)
    app.add_node(clause, html=(visit_clause_html, depart_clause_html),
                 latex=block, text=block, man=block, texinfo=block)
    app.add_node(tagged_span, html=(visit_tagged_span_html, depart_tagged_span_html),
                 latex=inline, text=inline, man=inline, texinfo=inline)
    app.add_node(cite_tip, html=(visit_cite_tip_html, depart_cite_tip_html),
                 latex=skipped, text=skipped, man=skipped, texinfo=skipped)
