"""Doctree → Typst markup, for the kit's handouts and book.

Every node type the kit produces has an explicit visitor here. Dispatch looks up the node's *own*
class name only (never a base class), and a node without a visitor stops the build with its type and
its source file and line: content is never dropped silently. Nodes that are deliberately left out of
print (index entries, HTML-only tooltips, navigation) are skipped by a visitor of their own that says so.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from docutils import nodes
from sphinx.errors import SphinxError
from sphinx.locale import admonitionlabels
from sphinx.util.docutils import SphinxTranslator

from quizgen.sphinxext.handouts.markup import escape, label_name, string


class UnhandledNodeError(SphinxError):
    category = "Typst builder: unhandled node"


def _location(node: nodes.Node) -> str:
    """``file:line`` of a node, from the nearest node up the tree that knows it."""
    current: nodes.Node | None = node
    source = ""
    while current is not None:
        source = source or (current.source or "")
        if current.line is not None and current.source:
            return f"{current.source}:{current.line}"
        current = current.parent
    return f"{source}:?" if source else "<unknown location>"


def unhandled(node: nodes.Node, why: str = "") -> UnhandledNodeError:
    kind = f"{type(node).__module__}.{type(node).__name__}"
    classes = " ".join(node.get("classes", [])) if isinstance(node, nodes.Element) else ""
    detail = f" (classes: {classes})" if classes else ""
    reason = f": {why}" if why else ""
    return UnhandledNodeError(f"the Typst builder does not handle node type {kind}{detail} at "
                              f"{_location(node)}{reason} — add a visitor in quizgen/sphinxext/typst/translator.py")


@dataclass
class Output:
    """What the translator needs to know about the document it writes into."""

    #: ``handout`` (one page of the site) or ``book`` (every page, one after the other).
    mode: str
    #: docnames whose anchors exist in this output (the page itself, or every page of the book).
    docnames: set[str]
    #: labels defined somewhere in this output, as ``(docname, anchor)``.
    anchors: set[tuple[str, str]]
    #: base address of the site ("" → no links to the site).
    site_url: str = ""
    #: glossary keys printed in this output (handouts): org spans link to them.
    glossary: set[str] = field(default_factory=set)
    #: the title node printed in the title block instead of as a heading (handouts).
    skip_titles: set[int] = field(default_factory=set)
    #: pages of this output printed in the teacher edition only (books): links to them are text in the other.
    teacher_docs: set[str] = field(default_factory=set)


LABELLED = ("clause", "section", "term", "citation", "commentary", "target")


def collect_anchors(docname: str, doctree: nodes.Node) -> set[tuple[str, str]]:
    """The anchors the translator will define for a page (those of clauses, sections, terms, …)."""
    found: set[tuple[str, str]] = set()
    for node in doctree.findall(nodes.Element):
        if type(node).__name__ in LABELLED:
            found.update((docname, anchor) for anchor in node["ids"])
    return found


class TypstTranslator(SphinxTranslator):
    """Writes Typst markup into ``self.body``; buffers nest for the arguments of Typst functions."""

    def __init__(self, document: nodes.document, builder: Any, output: Output | None = None,
                 docname: str = "") -> None:
        super().__init__(document, builder)
        self.output = output or Output("handout", {docname}, set())
        self.docname = docname or document.get("docname", "")
        self.stack: list[list[str]] = [[]]
        self.section_level = 0
        self.footnotes: dict[str, nodes.footnote] = {
            anchor: fn for fn in document.findall(nodes.footnote) for anchor in fn["ids"]}
        self.footnotes_done: set[str] = set()
        self.labels_done: set[str] = set()

    # ------------------------------------------------------------------------------ machinery
    @property
    def body(self) -> list[str]:
        return self.stack[-1]

    def w(self, *parts: str) -> None:
        self.stack[-1].extend(parts)

    def render(self, node: nodes.Node) -> str:
        """The markup of one node, written into a fresh buffer."""
        self.stack.append([])
        node.walkabout(self)
        return "".join(self.stack.pop())

    def render_children(self, node: nodes.Element, keep: Callable[[nodes.Node], bool] | None = None) -> str:
        self.stack.append([])
        for child in node.children:
            if keep is None or keep(child):
                child.walkabout(self)
        return "".join(self.stack.pop())

    def astext(self) -> str:
        return "".join(self.stack[0])

    def dispatch_visit(self, node: nodes.Node) -> None:
        method = getattr(self, f"visit_{type(node).__name__}", None)
        if method is None:
            raise unhandled(node)
        method(node)

    def dispatch_departure(self, node: nodes.Node) -> None:
        method = getattr(self, f"depart_{type(node).__name__}", None)
        if method is None:
            raise unhandled(node)
        method(node)

    def unknown_visit(self, node: nodes.Node) -> None:
        raise unhandled(node)

    def unknown_departure(self, node: nodes.Node) -> None:
        raise unhandled(node)

    def noop(self, node: nodes.Node) -> None:
        pass

    def skip(self, node: nodes.Node) -> None:
        raise nodes.SkipNode

    def label(self, anchor: str, docname: str | None = None) -> str:
        """`` <label>`` for the first anchor of a node, once per output; "" otherwise."""
        name = label_name(docname or self.docname, anchor)
        if name in self.labels_done:
            return ""
        self.labels_done.add(name)
        return f" <{name}>"

    def block_label(self, node: nodes.Element) -> str:
        """A label attached to the block just written, then metadata labels for its other ids."""
        ids = list(node["ids"])
        if not ids:
            return ""
        first = self.label(ids[0])
        rest = "".join(f"\n#metadata(none){lab}" for lab in (self.label(a) for a in ids[1:]) if lab)
        return first + rest

    # --------------------------------------------------------------------------- document level
    def visit_document(self, node: nodes.document) -> None:
        pass

    def depart_document(self, node: nodes.document) -> None:
        pass

    def visit_section(self, node: nodes.section) -> None:
        self.section_level += 1

    def depart_section(self, node: nodes.section) -> None:
        self.section_level -= 1

    def visit_title(self, node: nodes.title) -> None:
        parent = node.parent
        if isinstance(parent, nodes.section):
            section_ids = list(parent["ids"])
            if id(node) in self.output.skip_titles:
                # Printed in the title block; its anchors still exist.
                self.w("".join(f"#metadata(none){lab}\n" for lab in map(self.label, section_ids) if lab))
                raise nodes.SkipNode
            level = self.section_level - (1 if self.output.mode == "handout" else 0)
            text = self.render_children(node)
            labels = [lab for lab in map(self.label, section_ids) if lab]
            first = labels[0] if labels else ""
            extra = "".join(f"\n#metadata(none){lab}" for lab in labels[1:])
            self.w(f"\n#heading(level: {max(level, 1)})[{text}]{first}{extra}\n\n")
            raise nodes.SkipNode
        if isinstance(parent, (nodes.sidebar, nodes.topic, nodes.admonition, nodes.table)):
            raise nodes.SkipNode  # the parent prints its title itself
        raise unhandled(node, f"a title inside {type(parent).__name__}")

    def visit_subtitle(self, node: nodes.subtitle) -> None:
        self.w(f"#block(text(style: \"italic\")[{self.render_children(node)}])\n\n")
        raise nodes.SkipNode

    def visit_start_of_file(self, node: nodes.Element) -> None:
        raise unhandled(node, "the book is assembled page by page, never with inline toctrees")

    def visit_compound(self, node: nodes.compound) -> None:
        if "toctree-wrapper" in node["classes"]:
            # A table of contents of the site: navigation. The book follows the same order.
            raise nodes.SkipNode

    def depart_compound(self, node: nodes.compound) -> None:
        pass

    def visit_toctree(self, node: nodes.Element) -> None:
        # Navigation: a handout has none, and the book follows the same order page after page.
        raise nodes.SkipNode

    def visit_index(self, node: nodes.Element) -> None:
        raise nodes.SkipNode  # index entries: the PDFs have no index

    def visit_comment(self, node: nodes.comment) -> None:
        raise nodes.SkipNode

    def visit_substitution_definition(self, node: nodes.Element) -> None:
        raise nodes.SkipNode

    def visit_target(self, node: nodes.target) -> None:
        labels = "".join(f"#metadata(none){lab}" for lab in map(self.label, node["ids"]) if lab)
        if labels:
            self.w(labels)
        if node.children:
            return
        raise nodes.SkipNode

    def depart_target(self, node: nodes.target) -> None:
        pass

    def visit_system_message(self, node: nodes.system_message) -> None:
        if node.get("level", 0) < 2:
            raise nodes.SkipNode
        raise unhandled(node, "a docutils error left in the page: fix the source (the HTML build reports it)")

    def visit_raw(self, node: nodes.raw) -> None:
        formats = node.get("format", "").split()
        if "typst" in formats:
            self.w(node.astext())
        elif "html" in formats:
            # Raw HTML in a page (a download link): print its text.
            text = html.unescape(re.sub(r"<[^>]+>", "", node.astext()))
            self.w(escape(text))
        raise nodes.SkipNode

    # ----------------------------------------------------------------------------------- blocks
    def visit_paragraph(self, node: nodes.paragraph) -> None:
        classes = node["classes"]
        content = self.render_children(node)
        if "qg-signature" in classes:
            self.w(f"#signature[{content}]\n\n")
        else:
            labels = "".join(f"#metadata(none){lab}" for lab in map(self.label, node["ids"]) if lab)
            self.w(f"{labels}{content}\n\n")
        raise nodes.SkipNode

    def visit_block_quote(self, node: nodes.block_quote) -> None:
        body = self.render_children(node, lambda c: not isinstance(c, nodes.attribution))
        attribution = [c for c in node.children if isinstance(c, nodes.attribution)]
        attr = f", attribution: [{self.render_children(attribution[0])}]" if attribution else ""
        self.w(f"#quote(block: true{attr})[{body}]\n\n")
        raise nodes.SkipNode

    def visit_bullet_list(self, node: nodes.bullet_list) -> None:
        items = ", ".join(f"[{self.render_children(item)}]" for item in self._items(node))
        self.w(f"#list({items})\n\n")
        raise nodes.SkipNode

    def visit_enumerated_list(self, node: nodes.enumerated_list) -> None:
        items = ", ".join(f"[{self.render_children(item)}]" for item in self._items(node))
        self.w(f"#enum(start: {int(node.get('start', 1))}, {items})\n\n")
        raise nodes.SkipNode

    def _items(self, node: nodes.Element) -> Iterable[nodes.list_item]:
        for child in node.children:
            if not isinstance(child, nodes.list_item):
                raise unhandled(child, "only list items may sit in a list")
            yield child

    def visit_definition_list(self, node: nodes.definition_list) -> None:
        for item in node.children:
            if not isinstance(item, nodes.definition_list_item):
                raise unhandled(item, "only items may sit in a definition list")
            terms = [c for c in item.children if isinstance(c, nodes.term)]
            defs = [c for c in item.children if isinstance(c, nodes.definition)]
            others = [c for c in item.children if not isinstance(c, (nodes.term, nodes.definition,
                                                                     nodes.classifier))]
            if others:
                raise unhandled(others[0], "in a definition list item")
            term = " · ".join(self.render_children(t) for t in terms)
            ids = [a for t in terms for a in t["ids"]]
            labels = "".join(f"#metadata(none){lab}" for lab in map(self.label, ids) if lab)
            body = "".join(self.render_children(d) for d in defs)
            self.w(f"#defitem[{labels}{term}][{body}]\n\n")
        raise nodes.SkipNode

    def visit_field_list(self, node: nodes.field_list) -> None:
        cells = []
        for item in node.children:
            if not isinstance(item, nodes.field) or len(item.children) != 2:
                raise unhandled(item, "a field list holds fields of a name and a body")
            name, body = item.children
            cells.append(f"[*{self.render_children(name)}*], [{self.render_children(body).strip()}]")
        self.w(f"#grid(columns: (auto, 1fr), column-gutter: 1em, row-gutter: 0.6em, {', '.join(cells)})\n\n")
        raise nodes.SkipNode

    def visit_glossary(self, node: nodes.Element) -> None:
        pass

    def depart_glossary(self, node: nodes.Element) -> None:
        pass

    def visit_transition(self, node: nodes.transition) -> None:
        self.w("#rule()\n\n")
        raise nodes.SkipNode

    def visit_rubric(self, node: nodes.rubric) -> None:
        self.w(f"#block(above: 1em, text(weight: \"bold\")[{self.render_children(node)}])\n\n")
        raise nodes.SkipNode

    def visit_literal_block(self, node: nodes.literal_block) -> None:
        self.w(f"#raw(block: true, {string(node.astext())})\n\n")
        raise nodes.SkipNode

    def visit_line_block(self, node: nodes.line_block) -> None:
        lines = [self.render_children(line) for line in node.findall(nodes.line)]
        self.w("#block[" + " \\\n".join(lines) + "]\n\n")
        raise nodes.SkipNode

    def _admonition(self, node: nodes.Element, kind: str, title: str) -> None:
        body = self.render_children(node, lambda c: not isinstance(c, nodes.title))
        self.w(f"#admonition(kind: {string(kind)}, title: [{title}])[{body}]{self.block_label(node)}\n\n")
        raise nodes.SkipNode

    def visit_admonition(self, node: nodes.admonition) -> None:
        titles = [c for c in node.children if isinstance(c, nodes.title)]
        title = self.render_children(titles[0]) if titles else ""
        self._admonition(node, "admonition", title)

    def _named_admonition(self, node: nodes.Element) -> None:
        name = type(node).__name__
        self._admonition(node, name, escape(str(admonitionlabels.get(name, name))))

    visit_note = visit_important = visit_tip = visit_hint = visit_warning = _named_admonition
    visit_caution = visit_attention = visit_danger = visit_error = visit_seealso = _named_admonition

    def visit_topic(self, node: nodes.topic) -> None:
        titles = [c for c in node.children if isinstance(c, nodes.title)]
        self._admonition(node, "topic", self.render_children(titles[0]) if titles else "")

    # -------------------------------------------------------------------------------- tables
    def visit_table(self, node: nodes.table) -> None:
        groups = [c for c in node.children if isinstance(c, nodes.tgroup)]
        titles = [c for c in node.children if isinstance(c, nodes.title)]
        if len(groups) != 1:
            raise unhandled(node, "a table with other than one tgroup")
        group = groups[0]
        widths = [int(c.get("colwidth", 1)) for c in group.children if isinstance(c, nodes.colspec)]
        columns = "(" + ", ".join(f"{w}fr" for w in widths) + ("," if len(widths) == 1 else "") + ")"
        cells: list[str] = []
        header = ""
        for part in group.children:
            if isinstance(part, nodes.colspec):
                continue
            if not isinstance(part, (nodes.thead, nodes.tbody)):
                raise unhandled(part, "in a table group")
            rows = [self._row(row) for row in part.children]
            if isinstance(part, nodes.thead):
                header = "table.header(" + ", ".join(c for r in rows for c in r) + "), "
            else:
                cells.extend(c for r in rows for c in r)
        caption = f"#block(below: 0.5em, strong[{self.render_children(titles[0])}])\n" if titles else ""
        table = f"table(columns: {columns}, {header}{', '.join(cells)})"
        wrapper = "wide" if len(widths) > 3 else "block"
        self.w(f"{caption}#{wrapper}({table}){self.block_label(node)}\n\n")
        raise nodes.SkipNode

    def _row(self, row: nodes.Node) -> list[str]:
        if not isinstance(row, nodes.row):
            raise unhandled(row, "in a table")
        out = []
        for entry in row.children:
            if not isinstance(entry, nodes.entry):
                raise unhandled(entry, "in a table row")
            span = []
            if entry.get("morecols"):
                span.append(f"colspan: {int(entry['morecols']) + 1}")
            if entry.get("morerows"):
                span.append(f"rowspan: {int(entry['morerows']) + 1}")
            content = self.render_children(entry).strip()
            out.append(f"table.cell({', '.join(span)})[{content}]" if span else f"[{content}]")
        return out

    # ------------------------------------------------------------------------------- inlines
    def visit_Text(self, node: nodes.Text) -> None:
        self.w(escape(node.astext()))

    def depart_Text(self, node: nodes.Text) -> None:
        pass

    def _wrap(self, node: nodes.Element, function: str) -> None:
        self.w(f"#{function}[{self.render_children(node)}];")
        raise nodes.SkipNode

    def visit_emphasis(self, node: nodes.emphasis) -> None:
        self._wrap(node, "emph")

    def visit_strong(self, node: nodes.strong) -> None:
        self._wrap(node, "strong")

    def visit_literal(self, node: nodes.literal) -> None:
        self.w(f"#raw({string(node.astext())});")
        raise nodes.SkipNode

    def visit_subscript(self, node: nodes.subscript) -> None:
        self._wrap(node, "sub")

    def visit_superscript(self, node: nodes.superscript) -> None:
        self._wrap(node, "super")

    def visit_inline(self, node: nodes.inline) -> None:
        if "qg-visually-hidden" in node["classes"]:
            raise nodes.SkipNode  # a label for screen readers; print shows what it labels
        self.w("".join(f"#metadata(none){lab}" for lab in map(self.label, node["ids"]) if lab))

    def depart_inline(self, node: nodes.inline) -> None:
        pass

    def visit_abbreviation(self, node: nodes.Element) -> None:
        pass

    def depart_abbreviation(self, node: nodes.Element) -> None:
        pass

    def visit_literal_emphasis(self, node: nodes.Element) -> None:
        self._wrap(node, "emph")

    def visit_literal_strong(self, node: nodes.Element) -> None:
        self._wrap(node, "strong")

    def visit_problematic(self, node: nodes.Element) -> None:
        raise unhandled(node, "a docutils problem left in the page: fix the source")

    def visit_pending_xref(self, node: nodes.Element) -> None:
        # Unresolved cross-reference (its target is missing): print its text, as HTML does.
        pass

    def depart_pending_xref(self, node: nodes.Element) -> None:
        pass

    def visit_reference(self, node: nodes.reference) -> None:
        content = self.render_children(node)
        target = self.link_target(node)
        uri = str(node.get("refuri", ""))
        to_teacher = uri.startswith("%") and uri[1:].partition("#")[0] in self.output.teacher_docs
        if target and to_teacher and target.startswith("<"):
            self.w(f"#teacher-link({target})[{content}];")
        else:
            self.w(f"#link({target})[{content}];" if target else content)
        raise nodes.SkipNode

    def link_target(self, node: nodes.reference) -> str | None:
        """A Typst link target for a reference, or None to print its text without a link."""
        if node.get("refid"):
            return self._anchor(self.docname, node["refid"])
        uri: str = node.get("refuri", "")
        if not uri:
            return None
        if uri.startswith("%"):
            docname, _sep, anchor = uri[1:].partition("#")
            for span in node.findall(nodes.Element):
                if type(span).__name__ == "tagged_span" and span.get("span_type") == "org" \
                        and span.get("value") in self.output.glossary:
                    return f"<{label_name('glossary', span['value'])}>"
            if docname in self.output.docnames:
                return self._anchor(docname, anchor)
            if self.output.site_url:
                page = self.output.site_url.rstrip("/") + "/" + docname + ".html"
                return string(page + (f"#{anchor}" if anchor else ""))
            return None
        if re.match(r"^[a-z][a-z0-9+.-]*:", uri):
            return string(uri)
        return None  # a relative address (a file of the site): no link from a PDF

    def _anchor(self, docname: str, anchor: str) -> str | None:
        if not anchor:
            anchor = f"page-{docname}"
            return f"<{label_name(docname, anchor)}>" if docname in self.output.docnames else None
        if (docname, anchor) in self.output.anchors:
            return f"<{label_name(docname, anchor)}>"
        return None

    def visit_footnote_reference(self, node: nodes.footnote_reference) -> None:
        refid = node.get("refid", "")
        footnote = self.footnotes.get(refid)
        if footnote is None:
            raise unhandled(node, f"footnote {refid!r} not found in the page")
        name = label_name(self.docname, f"footnote-{refid}")
        if refid in self.footnotes_done:
            self.w(f"#footnote(<{name}>);")
        else:
            self.footnotes_done.add(refid)
            body = self.render_children(footnote, lambda c: not isinstance(c, nodes.label)).strip()
            self.w(f"#footnote[{body}] <{name}>")
        raise nodes.SkipNode

    def visit_footnote(self, node: nodes.footnote) -> None:
        if not any(anchor in self.footnotes_done for anchor in node["ids"]):
            raise unhandled(node, "a footnote nothing refers to")
        raise nodes.SkipNode  # printed at its reference

    def visit_citation(self, node: nodes.citation) -> None:
        labels = [c for c in node.children if isinstance(c, nodes.label)]
        body = self.render_children(node, lambda c: not isinstance(c, nodes.label)).strip()
        tag = escape(labels[0].astext()) if labels else ""
        self.w(f"#bibitem[{tag}][{body}]{self.block_label(node)}\n\n")
        raise nodes.SkipNode

    def visit_image(self, node: nodes.image) -> None:
        raise unhandled(node, "images are not printed yet")

    # ---------------------------------------------------------------------- sphinx-design
    def visit_container(self, node: nodes.container) -> None:
        component = node.get("design_component")
        if component is None:
            if "qg-teacher" in node["classes"] or "teacher" in node["classes"]:
                self.w(f"#teacher-only[{self.render_children(node)}]\n\n")
                raise nodes.SkipNode
            return  # a plain wrapper
        handler = getattr(self, f"design_{component.replace('-', '_')}", None)
        if handler is None:
            raise unhandled(node, f"sphinx-design component {component!r}")
        handler(node)
        raise nodes.SkipNode

    def depart_container(self, node: nodes.container) -> None:
        pass

    def design_grid_container(self, node: nodes.container) -> None:
        self.w(self.render_children(node))

    def design_grid_row(self, node: nodes.container) -> None:
        columns = 2
        for cls in node["classes"]:
            match = re.fullmatch(r"sd-row-cols-(?:lg-)?(\d+)", cls)
            if match and cls.startswith("sd-row-cols-lg-"):
                columns = int(match[1])
        columns = max(1, min(columns, 3))
        items = []
        for item in node.children:
            if not (isinstance(item, nodes.container) and item.get("design_component") == "grid-item"):
                raise unhandled(item, "only grid items may sit in a grid row")
            items.append(f"[{self.render_children(item)}]")
        wrapper = "wide" if columns >= 3 else "block"
        self.w(f"#{wrapper}(cards(columns: {columns}, {', '.join(items)}))\n\n")

    def design_grid_item(self, node: nodes.container) -> None:
        self.w(self.render_children(node))

    def design_card(self, node: nodes.container) -> None:
        header = footer = title = None
        body: list[str] = []
        for part in node.children:
            component = part.get("design_component") if isinstance(part, nodes.Element) else None
            if component == "card-header":
                header = self.render_children(part).strip()
            elif component == "card-footer":
                footer = self.render_children(part).strip()
            elif component == "card-body":
                for child in part.children:
                    if isinstance(child, nodes.container) and child.get("design_component") == "card-title":
                        title = self.render_children(child).strip()
                    else:
                        body.append(self.render(child))
            elif type(part).__name__ == "PassthroughTextElement" and "sd-stretched-link" in \
                    " ".join(" ".join(n.get("classes", [])) for n in part.findall(nodes.Element)):
                continue  # the whole card is a link on screen; the text says where it leads
            else:
                raise unhandled(part, "in a sphinx-design card")
        args = "".join(f"{name}: [{value}], " for name, value in
                       (("title", title), ("header", header), ("footer", footer)) if value)
        self.w(f"#card({args.rstrip(', ')})[{''.join(body)}]{self.block_label(node)}\n\n")

    def visit_PassthroughTextElement(self, node: nodes.Element) -> None:
        pass

    def depart_PassthroughTextElement(self, node: nodes.Element) -> None:
        pass

    # --------------------------------------------------------------------- the kit's nodes
    def visit_clause(self, node: nodes.Element) -> None:
        notes: list[str] = []
        text = ""
        themes: str | None = None
        after: list[str] = []
        for child in node.children:
            name = type(child).__name__
            classes = child.get("classes", []) if isinstance(child, nodes.Element) else []
            if name == "commentary" or (name == "sidebar" and "margin" in classes):
                notes.append(self.note_call(child, str(node["clause_id"])))
            elif name == "paragraph" and "qg-clause-head" in classes:
                continue  # the number, printed in the left margin from the clause id
            elif name == "paragraph" and "qg-clause-text" in classes:
                text = self.render_children(child)
            elif name == "paragraph" and "qg-clause-themes" in classes:
                themes = " · ".join(self.render_children(c) for c in child.children
                                    if not (isinstance(c, nodes.inline)
                                            and "qg-visually-hidden" in c["classes"]))
            elif name == "backlinks":
                after.append(self.render_children(child).strip())
            else:
                after.append(self.render(child))
        note_args = f"notes: ({', '.join(notes)},), " if notes else ""
        theme_arg = f"themes: [{themes}], " if themes else ""
        extra = "".join(f"#block(above: 0.4em, text(size: 7.5pt, fill: muted)[{a}])" for a in after)
        self.w(f"#clause({string(node['clause_id'])}, {note_args}{theme_arg})"
               f"[{text}{extra}]{self.block_label(node)}\n\n")
        raise nodes.SkipNode

    def note_call(self, node: nodes.Element, clause: str = "") -> str:
        """``margin-note(clause: …, label: […])[…]`` for a commentary node or a ``{margin}`` sidebar: its
        label names its clause (§ II.5) as on the site, and its rest, when it runs onto the next page,
        says it continues."""
        from quizgen.sphinxext.site.i18n import _

        clause = str(node.get("clause_id", "") or clause)
        if type(node).__name__ == "commentary":
            label = escape(str(node.get("label", "")))
            body = self.render_children(node)
        else:
            titles = [c for c in node.children if isinstance(c, nodes.title)]
            label = self.render_children(titles[0]) if titles else ""
            body = self.render_children(node, lambda c: not isinstance(c, nodes.title))
        anchors = "".join(f"#metadata(none){lab}" for lab in map(self.label, node["ids"]) if lab)
        clause_arg = f"clause: {string(clause)}, " if clause else ""
        continued = escape(str(_("(continued)")))
        return (f"margin-note({clause_arg}label: [{label}], continued: [{continued}])"
                f"[{anchors}{body.strip()}]")

    def visit_commentary(self, node: nodes.Element) -> None:
        # A note outside any clause: in the margin, level with where it stands.
        self.w(f"#standalone-note({self.note_call(node)})\n\n")
        raise nodes.SkipNode

    def visit_sidebar(self, node: nodes.sidebar) -> None:
        if "margin" in node["classes"]:
            self.w(f"#standalone-note({self.note_call(node)})\n\n")
        else:
            titles = [c for c in node.children if isinstance(c, nodes.title)]
            title = self.render_children(titles[0]) if titles else ""
            body = self.render_children(node, lambda c: not isinstance(c, nodes.title))
            self.w(f"#card(title: [{title}])[{body}]\n\n")
        raise nodes.SkipNode

    def visit_teacher_only(self, node: nodes.Element) -> None:
        # {corrige} and {teacher-note}: printed in the teacher edition only (its rubric is the label).
        self.w(f"#teacher-only[{self.render_children(node)}]\n\n")
        raise nodes.SkipNode

    def visit_webquiz(self, node: nodes.Element) -> None:
        """A quiz of the site, on paper: the student edition gets a sheet to fill in (one variant, with the
        name line), the teacher edition its answer grid and key. The teacher's own questions (a page of
        the teacher edition only) print with their answers."""
        from quizgen.sphinxext.handouts.quizsheet import name_line, render_questions, render_quiz
        from quizgen.sphinxext.quizzes.webquiz import build_cache, quiz_for
        from quizgen.sphinxext.site.i18n import _

        app = getattr(self.builder, "sphinx_app", None) or self.builder.app  # the handouts builder keeps it
        if node.get("questions"):
            from quizgen.sphinxext.quizzes.questions import authored_questions

            by_id = authored_questions(app, build_cache(app).corpus)
            picked = [by_id[q] for q in node["questions"] if q in by_id]
            if not picked:
                raise nodes.SkipNode
            variant = render_questions(str(node.get("title", "")), picked).variants[0]
            self.w(f"#teacher-only[{variant.questions}\n{variant.key}]\n\n")
            raise nodes.SkipNode
        quiz = quiz_for(app, node["recipe"], 1, node, node.get("seed", -1))
        if quiz is None:
            raise nodes.SkipNode  # the problem is reported; the HTML build stops on it
        variant = render_quiz(quiz, 1).variants[0]
        label = escape(str(_("Answer key")))
        # Full width: a quiz sheet has no margin notes, and the paper is better spent on answers.
        self.w(f"#if not teacher [#wide[{name_line()}\n{variant.questions}]]\n"
               f"#if teacher [#wide[#block(above: 1em, below: 0.6em, text(weight: \"bold\")[{label}])\n"
               f"{variant.key}]]\n\n")
        raise nodes.SkipNode

    def visit_backlinks(self, node: nodes.Element) -> None:
        self.w(f"#block(text(size: 7.5pt, fill: muted)[{self.render_children(node).strip()}])\n\n")
        raise nodes.SkipNode

    def visit_tagged_span(self, node: nodes.Element) -> None:
        pass

    def depart_tagged_span(self, node: nodes.Element) -> None:
        pass

    def visit_cite_tip(self, node: nodes.Element) -> None:
        raise nodes.SkipNode  # the clause text shown on hover: HTML only

    def visit_bibliography(self, node: nodes.Element) -> None:
        raise unhandled(node, "a bibliography sphinxcontrib-bibtex did not expand")
