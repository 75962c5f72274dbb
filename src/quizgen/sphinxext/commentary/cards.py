"""Small builders shared by the commentary modules: sphinx-design cards and grids, clause links.

Cards are the same plain containers sphinx-design's own directives produce (``sd-card``,
``sd-card-header``, ``sd-card-body``, ``sd-card-title``, ``sd-card-footer``), so the theme's CSS
styles them and any other writer sees containers with explicit classes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from docutils import nodes
from sphinx import addnodes
from sphinx.builders import Builder
from sphinx_design.shared import create_component


def card(title: Sequence[nodes.Node] | str, body: Iterable[nodes.Node], *, header: str = "",
         footer: Iterable[nodes.Node] = (), classes: Sequence[str] = (), ids: Sequence[str] = ()
         ) -> nodes.container:
    """A sphinx-design card: optional header line, a bold title, the body, an optional footer."""
    node = create_component("card", ["sd-card", "sd-sphinx-override", "sd-mb-3", "sd-shadow-sm", *classes])
    node["ids"] = list(ids)
    if header:
        node += create_component("card-header", ["sd-card-header"],
                                 children=[nodes.paragraph("", header, classes=["sd-card-text"])])
    content = create_component("card-body", ["sd-card-body"])
    title_nodes = [nodes.Text(title)] if isinstance(title, str) else list(title)
    if title_nodes:
        content += create_component("card-title", ["sd-card-title", "sd-font-weight-bold"],
                                    children=[nodes.paragraph("", "", *title_nodes)])
    content.extend(body)
    node += content
    footer_nodes = list(footer)
    if footer_nodes:
        node += create_component("card-footer", ["sd-card-footer"], children=footer_nodes)
    return node


def grid(items: Iterable[nodes.Node], columns: str = "1 1 2 2") -> nodes.container:
    """A sphinx-design grid (xs sm md lg column counts) with one item per card."""
    xs, sm, md, lg = columns.split()
    container = create_component("grid-container", ["sd-container-fluid", "sd-sphinx-override", "sd-mb-4"])
    row = create_component("grid-row", ["sd-row", f"sd-row-cols-{xs}", f"sd-row-cols-xs-{xs}",
                                        f"sd-row-cols-sm-{sm}", f"sd-row-cols-md-{md}",
                                        f"sd-row-cols-lg-{lg}", "sd-g-3", "sd-g-xs-3", "sd-g-sm-3",
                                        "sd-g-md-3", "sd-g-lg-3"])
    for item in items:
        cell = create_component("grid-item", ["sd-col", "sd-d-flex-column"])
        cell += item
        row += cell
    container += row
    return container


def clause_xref(clause_id: str, text: str = "") -> addnodes.pending_xref:
    """A citation of a clause, resolved by the ``decl`` domain (link, tooltip, unknown-id check)."""
    label = text or f"§\u00a0{clause_id}"
    xref = addnodes.pending_xref("", nodes.inline(label, label, classes=["xref", "decl", "decl-clause"]),
                                 refdomain="decl", reftype="clause", reftarget=clause_id, refexplicit=True,
                                 refwarn=False)
    return xref


def clause_links(clause_ids: Iterable[str], separator: str = ", ") -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for i, clause_id in enumerate(clause_ids):
        if i:
            out.append(nodes.Text(separator))
        out.append(clause_xref(clause_id))
    return out


def doc_link(builder: Builder, fromdocname: str, docname: str, anchor: str, text: str | nodes.Node,
             classes: Sequence[str] = (), title: str = "") -> nodes.reference:
    """A link to ``anchor`` on ``docname``, relative to the page being written (needs the builder)."""
    if docname == fromdocname:
        ref = nodes.reference("", "", internal=True, refid=anchor)
    else:
        uri = builder.get_relative_uri(fromdocname, docname)
        ref = nodes.reference("", "", internal=True, refuri=f"{uri}#{anchor}" if anchor else uri)
    ref += nodes.Text(text) if isinstance(text, str) else text
    ref["classes"].extend(classes)
    if title:
        ref["reftitle"] = title
    return ref


def doc_xref(docname: str, anchor: str, text: str | nodes.Node, classes: Sequence[str] = (),
             title: str = "") -> addnodes.pending_xref:
    """A link to ``anchor`` on ``docname`` that the ``qgc`` domain resolves with the references (so a
    transform that builds it needs no builder). ``anchor`` may be empty: a link to the page."""
    content = nodes.inline("", "", nodes.Text(text)) if isinstance(text, str) else text
    return addnodes.pending_xref("", content, refdomain="qgc", reftype="anchor",
                                 reftarget=f"{docname}#{anchor}", refexplicit=True, refwarn=False,
                                 qg_classes=list(classes), qg_title=title)
