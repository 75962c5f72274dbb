"""A directive that emits a node type no Typst visitor handles."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.util.docutils import SphinxDirective


class strange(nodes.General, nodes.Element):
    pass


class StrangeDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        node = strange()
        self.set_source_info(node)
        node += nodes.paragraph("", "contenu étrange")
        return [node]


def setup(app: Any) -> dict[str, Any]:
    app.add_node(strange, html=(lambda self, node: None, lambda self, node: None))
    app.add_directive("strange", StrangeDirective)
    return {"parallel_read_safe": True}
