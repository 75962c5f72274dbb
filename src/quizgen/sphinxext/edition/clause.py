"""The ``{clause}`` directive: one paragraph of the declaration, numbered, anchored, tagged.

    :::{clause} II.12
    :themes: securite defense

    Les États membres ont fermement condamné … à {place}`Pahalgam` le {date}`22 avril 2025`.
    :::

The directive owns the clause and everything attached to it, so it can emit the nodes in the order
and with the classes each output needs, instead of authors placing them by hand.
"""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from docutils.nodes import Node
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from quizgen.sphinxext.edition.acts import CURRENT_CLAUSE, clause_acts, resolve
from quizgen.sphinxext.edition.domain import CLAUSE_ID, DeclarationDomain, clause_anchor
from quizgen.sphinxext.edition.spans import extract_text_and_spans
from quizgen.sphinxext.edition.vocab import vocabulary
from quizgen.sphinxext.site.i18n import _
from quizgen.sphinxext.site.node_types import clause
from quizgen.sphinxext.site.problems import report


class ClauseDirective(SphinxDirective):
    required_arguments = 1
    has_content = True
    option_spec: ClassVar[dict[str, object]] = {"themes": directives.unchanged_required}

    def run(self) -> list[Node]:
        clause_id = self.arguments[0].strip()
        location = self.get_location()
        match = CLAUSE_ID.match(clause_id)
        if not match:
            report(f"malformed clause id {clause_id!r}", "write the section numeral, a dot and the paragraph "
                   "number, e.g. II.12", location, subtype="clause")
            return []
        themes = self.options.get("themes", "").split()
        known = vocabulary(self.env).themes
        if not themes:
            report(f"clause {clause_id} has no theme", f"add `:themes:` with one or more of: {', '.join(known)}",
                   location, subtype="theme")
        for theme in themes:
            if theme not in known:
                report(f"clause {clause_id}: unknown theme {theme!r}",
                       f"use one of: {', '.join(known)} (or add it to the [themes] table of the vocabulary)",
                       location, subtype="theme")
        body = nodes.Element()
        self.env.temp_data[CURRENT_CLAUSE] = clause_id
        try:
            self.state.nested_parse(self.content, self.content_offset, body)
        finally:
            self.env.temp_data.pop(CURRENT_CLAUSE, None)
        paragraphs = [child for child in body.children if isinstance(child, nodes.paragraph)]
        act_blocks = [child for child in body.children if isinstance(child, clause_acts)]
        for nested in [n for n in body.findall(clause_acts) if n.parent is not body]:
            report(f"clause {clause_id}: an {{acts}} block is nested inside another block",
                   "put it directly in the clause, after its paragraph", nested, subtype="acts")
            nested.parent.remove(nested)
        attached = [child for child in body.children
                    if not isinstance(child, (nodes.paragraph, clause_acts))]
        attached = [child for child in attached if self._attachable(clause_id, child)]
        if len(paragraphs) != 1:
            report(f"clause {clause_id} holds {len(paragraphs)} paragraphs", "a clause is exactly one paragraph "
                   "of the declaration: split it into several clauses or join the lines", location,
                   subtype="clause")
            if not paragraphs:
                return []
        text_node = paragraphs[0]
        text, spans = extract_text_and_spans(text_node)
        acts, problems = resolve(text, [row for block in act_blocks for row in block["rows"]])
        for row, message, fix in problems:
            report(f"clause {clause_id}: {message}", fix, (self.env.docname, row.line), subtype="acts")
        if not act_blocks and self.config.quizgen_require_acts:
            report(f"clause {clause_id} has no acts", "add an {acts} block after its paragraph: "
                   "`members ACT | verb as in the text | object as in the text`", location, subtype="acts")

        anchor = clause_anchor(clause_id)
        node = clause(clause_id=clause_id, section=match["section"], number=int(match["number"]),
                      themes=themes, ids=[anchor])
        self.set_source_info(node)
        # Commentary attached to the clause comes first: a margin note lines up with what follows it.
        node.extend(attached)
        number = nodes.reference("", f"§\u00a0{clause_id}", refid=anchor, classes=["qg-clause-number"],
                                 reftitle=_("Permanent link to this clause"))
        node += nodes.paragraph("", "", number, classes=["qg-clause-head"])
        text_node["classes"].append("qg-clause-text")
        node += text_node
        if themes:
            labels = nodes.paragraph("", "", classes=["qg-clause-themes"])
            labels += nodes.inline("", _("Themes:") + " ", classes=["qg-visually-hidden"])
            for theme in themes:
                labels += nodes.inline("", known.get(theme, theme), classes=["qg-theme", f"qg-theme-{theme}"])
            node += labels

        domain = self.env.get_domain("decl")
        assert isinstance(domain, DeclarationDomain)
        domain.note_clause({
            "id": clause_id, "section": match["section"], "number": int(match["number"]), "text": text,
            "spans": spans, "acts": acts, "themes": themes, "docname": self.env.docname,
            "file": self.env.doc2path(self.env.docname, False).as_posix(), "line": self.lineno,
        }, location)
        return [node]


    def _attachable(self, clause_id: str, child: Node) -> bool:
        """A clause holds its paragraph and the kit's own blocks (commentary, notes); anything else is reported."""
        where = (self.env.docname, child.line) if getattr(child, "line", None) else self.get_location()
        inner = next(iter(child.findall(clause)), None) if isinstance(child, nodes.Element) else None
        if inner is not None:
            report(f"clause {inner['clause_id']} is inside clause {clause_id}: a ::: fence is not closed",
                   f"close clause {clause_id} (its last line is ::: or :::: like its first) before the next one",
                   self.get_location(), subtype="clause")
            return False
        if type(child).__module__.startswith("quizgen.") or isinstance(
                child, nodes.comment | nodes.target | nodes.system_message | nodes.raw):
            return True  # raw HTML is reported by source_checks, with the rest of the page
        kind = "a heading" if isinstance(child, nodes.rubric | nodes.section | nodes.title) else (
            f"a block of type {child.tagname}")
        report(f"clause {clause_id} holds {kind}", "a clause is one paragraph of the text and its commentary: "
               "move the block out of the clause, after its closing :::", where, subtype="clause")
        return False


def setup_clause(app: Sphinx) -> None:
    app.add_config_value("quizgen_require_acts", False, "env", types=[bool])
    app.add_directive("clause", ClauseDirective)
