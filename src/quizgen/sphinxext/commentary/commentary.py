"""Margin commentary attached to clauses, the experts it attributes, and back-links from each clause.

A note is written inside the clause it comments (the outer fence needs more colons than the inner)::

    ::::{clause} II.19
    :themes: securite

    :::{commentary}
    :kind: expert
    :expert: salvaudon
    :cites: salvaudon-sanctions

    Ce que l’expert dit de cette clause…
    :::

    Texte de la clause…
    ::::

The clause directive puts every non-paragraph child first, so the note precedes the clause text and a
margin note lines up with what follows it. A note may also stand outside a clause (on a discussion
page) with ``:clause: II.19``; the clause must exist. Kinds: ``expert`` (``:expert:`` required, one of
the experts file), ``synthese`` (the source's synthesis, attributed as the source does), ``editeur``
(the kit's own note). ``:cites:`` lists ids of claims or synthesis points the note rests on.

Everything a note, claim or synthesis point cites is kept in the ``qgc`` domain (purged and merged, so
parallel and incremental builds stay right); the back-links under each clause are computed from it
when the page is written.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, cast

from docutils import nodes
from docutils.nodes import Node
from docutils.parsers.rst import directives
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.domains import Domain, ObjType
from sphinx.environment import BuildEnvironment
from sphinx.roles import XRefRole
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective
from sphinx.writers.html5 import HTML5Translator

from quizgen.sphinxext.commentary.cards import doc_link, doc_xref
from quizgen.sphinxext.edition.domain import CLAUSE_ID, DeclarationDomain, clause_sort_key
from quizgen.sphinxext.site.i18n import _
from quizgen.sphinxext.site.node_types import clause, pass_node, skip_node
from quizgen.sphinxext.site.problems import report
from quizgen.sphinxext.site.unchanged import read_any

KINDS = ("expert", "synthese", "editeur")
STATIC_DIR = Path(__file__).parent.parent / "static"


# --------------------------------------------------------------------------------------------- nodes
class commentary(nodes.General, nodes.Element):
    """A margin note. Attributes: ``kind`` (expert | synthese | editeur), ``expert`` (key or ""),
    ``clause_id``, ``label`` (the reader-facing label, already translated), ``ids``. Children: the
    note's body (paragraphs), then, when it cites claims or points, a ``qg-commentary-cites`` paragraph."""


class backlinks(nodes.General, nodes.Element):
    """What cites a clause: attribute ``clause_id``; one paragraph of references (class ``qg-backlinks``)."""


class computed(nodes.General, nodes.Element):
    """A placeholder for a computed block (``what``: chronology, traceability, …), replaced by plain
    docutils nodes when the page is written. No writer ever sees it."""


# ------------------------------------------------------------------------------------------- experts
@dataclass(frozen=True)
class Expert:
    key: str
    name: str
    about: str
    page: str


_experts_cache: dict[Path, tuple[float, dict[str, Expert]]] = {}


def experts_path(env: BuildEnvironment) -> Path:
    return Path(env.srcdir) / str(env.config.quizgen_experts)


def experts(env: BuildEnvironment) -> dict[str, Expert]:
    """The experts file: ``[key] name, about, page``. Cached per modification time."""
    path = experts_path(env)
    if not path.exists():
        return {}
    mtime = path.stat().st_mtime
    cached = _experts_cache.get(path)
    if cached is None or cached[0] != mtime:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        table = {key: Expert(key, str(v["name"]), str(v.get("about", "")), str(v.get("page", "")))
                 for key, v in data.items()}
        cached = (mtime, table)
        _experts_cache[path] = cached
    return cached[1]


def check_expert(env: BuildEnvironment, key: str, location: Any) -> Expert | None:
    known = experts(env)
    env.note_dependency(str(experts_path(env)))
    if key in known:
        return known[key]
    report(f"unknown expert {key!r}", f"use one of: {', '.join(sorted(known)) or '(none)'} — experts are "
           f"defined in {env.config.quizgen_experts}", location, subtype="expert")
    return None


def kind_label(env: BuildEnvironment, kind: str, expert: str) -> str:
    if kind == "expert":
        person = experts(env).get(expert)
        return _("Expert — %s") % (person.name if person else expert)
    if kind == "synthese":
        return str(_("Synthesis (made with the help of ChatGPT and reviewed)"))
    return str(_("Editor's note"))


# -------------------------------------------------------------------------------------------- domain
class CommentaryDomain(Domain):
    """Notes, claims and synthesis points, each with the clauses it cites, and the computed pages."""

    name = "qgc"
    label = "Commentary"
    object_types: ClassVar[dict[str, ObjType]] = {"ref": ObjType("ref", "ref")}
    initial_data: ClassVar[dict[str, Any]] = {"notes": {}, "claims": {}, "points": {}, "computed": {}}
    data_version = 1

    def table(self, kind: str) -> dict[str, dict[str, Any]]:
        return cast(dict[str, dict[str, Any]], self.data[kind])

    def note(self, kind: str, record: dict[str, Any], location: Any) -> None:
        table = self.table(kind)
        existing = table.get(record["id"])
        if existing is not None and (existing["docname"], existing["line"]) != (record["docname"],
                                                                                 record["line"]):
            report(f"duplicate id {record['id']!r} (already used in {existing['docname']}, line "
                   f"{existing['line']})", "give each claim or point its own id", location, subtype="duplicate")
            return
        table[record["id"]] = record

    def note_computed(self, docname: str, what: str) -> None:
        self.data["computed"].setdefault(docname, [])
        if what not in self.data["computed"][docname]:
            self.data["computed"][docname].append(what)

    def clear_doc(self, docname: str) -> None:
        for kind in ("notes", "claims", "points"):
            table = self.table(kind)
            for key in [k for k, r in table.items() if r["docname"] == docname]:
                del table[key]
        self.data["computed"].pop(docname, None)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        wanted = set(docnames)
        for kind in ("notes", "claims", "points"):
            for key, record in otherdata[kind].items():
                if record["docname"] not in wanted:
                    continue
                existing = self.table(kind).get(key)
                if existing is not None and existing["docname"] != record["docname"]:
                    report(f"duplicate id {key!r} (already used in {existing['docname']})",
                           "give each claim or point its own id", (record["docname"], record["line"]),
                           subtype="duplicate")
                    continue
                self.table(kind)[key] = record
        for docname, whats in otherdata["computed"].items():
            if docname in wanted:
                self.data["computed"][docname] = list(whats)

    def citations(self, clause_id: str) -> list[dict[str, Any]]:
        """Everything that cites a clause, in a stable order: notes, claims, synthesis points, then the
        pages that cite it with a plain ``{clause}`` role (the ``decl`` domain's record of citations),
        unless a note, claim or point of that page already cites it."""
        out: list[dict[str, Any]] = []
        for kind in ("notes", "claims", "points"):
            for key in sorted(self.table(kind), key=lambda k: (self.table(kind)[k].get("order", 0), k)):
                record = self.table(kind)[key]
                if clause_id in record["clauses"]:
                    out.append({**record, "table": kind})
        covered = {record["docname"] for record in out}
        pages = cast(dict[str, list[str]], decl_domain(self.env).data["citations"])
        for docname in sorted(pages):
            if clause_id in pages[docname] and docname not in covered:
                out.append({"table": "pages", "docname": docname, "anchor": "", "clauses": [clause_id]})
        return out

    def resolve_xref(self, env: BuildEnvironment, fromdocname: str, builder: Builder, typ: str,
                     target: str, node: pending_xref, contnode: nodes.Element) -> nodes.Element | None:
        if typ == "anchor":  # a link built by cards.doc_xref: "docname#anchor"
            docname, _sep, anchor = target.partition("#")
            if docname not in env.all_docs:
                return contnode
            ref = doc_link(builder, fromdocname, docname, anchor, contnode, classes=node.get("qg_classes", []),
                           title=node.get("qg_title", ""))
            return ref
        table = "claims" if target in self.table("claims") else "points"
        record = self.table(table).get(target)
        if record is None:
            report(f"unknown claim or synthesis point {target!r} cited",
                   "use the id of a `{claim}` or a `{synthesis-point}`", node, subtype="unknown-claim")
            return contnode
        if not node.get("refexplicit"):
            contnode = nodes.inline("", cited_label({**record, "table": table}, env))
        return doc_link(builder, fromdocname, record["docname"], record["anchor"], contnode,
                        classes=["qg-claim-ref"], title=record.get("excerpt", ""))

    def resolve_any_xref(self, env: BuildEnvironment, fromdocname: str, builder: Builder, target: str,
                         node: pending_xref, contnode: nodes.Element) -> list[tuple[str, nodes.Element]]:
        return []


class ClaimRefRole(XRefRole):
    """``{claim-ref}`salvaudon-3``` → a link to a claim or a synthesis point, labelled « Salvaudon, 3 »."""

    def run(self) -> tuple[list[Node], list[nodes.system_message]]:
        self.refdomain, self.reftype = "qgc", "ref"
        self.classes = ["xref", "qgc"]
        return self.create_xref_node()


def commentary_domain(env: BuildEnvironment) -> CommentaryDomain:
    domain = env.get_domain("qgc")
    assert isinstance(domain, CommentaryDomain)
    return domain


def decl_domain(env: BuildEnvironment) -> DeclarationDomain:
    domain = env.get_domain("decl")
    assert isinstance(domain, DeclarationDomain)
    return domain


def split_ids(value: str) -> list[str]:
    return [part for part in value.replace(",", " ").split() if part]


# ----------------------------------------------------------------------------------------- directive
class CommentaryDirective(SphinxDirective):
    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {
        "kind": directives.unchanged_required,
        "expert": directives.unchanged,
        "clause": directives.unchanged,
        "cites": directives.unchanged,
    }

    def run(self) -> list[Node]:
        location = self.get_location()
        kind = self.options.get("kind", "").strip()
        if kind not in KINDS:
            report(f"commentary of unknown kind {kind!r}", f"write `:kind:` with one of: {', '.join(KINDS)}",
                   location, subtype="commentary")
            return []
        expert = self.options.get("expert", "").strip()
        if kind == "expert":
            if not expert:
                report("expert note without `:expert:`", "name the expert, e.g. `:expert: salvaudon`",
                       location, subtype="expert")
                return []
            if check_expert(self.env, expert, location) is None:
                return []
        elif expert:
            report(f"`:expert:` on a note of kind {kind!r}", "remove it, or use `:kind: expert`", location,
                   subtype="commentary")
        if not self.content:
            report("empty commentary", "write the note's text", location, subtype="commentary")
            return []
        clause_id = self.options.get("clause", "").strip()
        if clause_id and not CLAUSE_ID.match(clause_id):
            report(f"malformed clause id {clause_id!r} in `:clause:`", "write e.g. II.12", location,
                   subtype="unknown-clause")
            return []
        node = commentary(kind=kind, expert=expert, clause_id=clause_id, label=kind_label(self.env, kind, expert),
                          cites=split_ids(self.options.get("cites", "")),
                          classes=["qg-commentary", f"qg-commentary-{kind}"])
        self.set_source_info(node)
        self.state.nested_parse(self.content, self.content_offset, node)
        return [node]


def collect_notes(app: Sphinx, doctree: nodes.document) -> None:
    """At the end of reading a page: give each note its clause and anchor, and record it."""
    env = app.env
    docname = env.docname
    domain = commentary_domain(env)
    counters: dict[str, int] = {}
    for note in doctree.findall(commentary):
        parent = note.parent
        while parent is not None and not isinstance(parent, clause):
            parent = parent.parent
        location = (docname, note.line or 0)
        if parent is not None:
            if note["clause_id"] and note["clause_id"] != parent["clause_id"]:
                report(f"note says `:clause: {note['clause_id']}` but sits in clause {parent['clause_id']}",
                       "remove `:clause:` (a note inside a clause comments that clause)", location,
                       subtype="commentary")
            note["clause_id"] = parent["clause_id"]
            note["inline"] = True
            parent["classes"].append("qg-has-commentary")
        elif not note["clause_id"]:
            report("a note outside any clause has no `:clause:`",
                   "put the note inside its clause directive, or give `:clause: II.12`", location,
                   subtype="commentary")
            continue
        else:
            note["inline"] = False
        clause_id = note["clause_id"]
        counters[clause_id] = counters.get(clause_id, 0) + 1
        anchor = f"note-{clause_id.replace('.', '-')}-{counters[clause_id]}"
        if not note["inline"]:
            anchor = f"{anchor}-{docname.replace('/', '-')}"
        note["ids"] = [anchor]
        domain.note("notes", {
            "id": f"{docname}#{anchor}", "anchor": anchor, "docname": docname, "line": note.line or 0,
            "kind": note["kind"], "expert": note["expert"], "clauses": [clause_id], "cites": note["cites"],
            "inline": note["inline"], "order": 0,
        }, location)


def check_references(app: Sphinx, env: BuildEnvironment) -> None:
    """After reading everything: each cited clause, claim and point must exist."""
    clauses = decl_domain(env).clauses
    domain = commentary_domain(env)
    for kind in ("notes", "claims", "points"):
        for record in sorted(domain.table(kind).values(), key=lambda r: (r["docname"], r["line"])):
            location = (record["docname"], record["line"])
            for clause_id in record["clauses"]:
                if clause_id not in clauses:
                    what = {"notes": "note", "claims": "claim", "points": "synthesis point"}[kind]
                    report(f"{what} on unknown clause {clause_id!r}", "cite an existing clause id such as "
                           "II.12 (see the declaration pages)", location, subtype="unknown-clause")
            for cited in record.get("cites", []):
                if cited not in domain.table("claims") and cited not in domain.table("points"):
                    report(f"note cites unknown claim or point {cited!r}",
                           "use the id of a `{claim}` (expert pages) or a `{synthesis-point}` (synthese)",
                           location, subtype="unknown-claim")


# --------------------------------------------------------------------------------- write-time filling
def cited_label(record: dict[str, Any], env: BuildEnvironment) -> str:
    if record["table"] == "claims":
        person = experts(env).get(record["expert"])
        return f"{person.name if person else record['expert']}, {record['number']}"
    if record["table"] == "points":
        return str(_("Synthesis, %s") % record["number"])
    if record["table"] == "pages":
        title = env.titles.get(record["docname"])
        return title.astext() if title is not None else str(record["docname"])
    if record["kind"] == "expert":
        person = experts(env).get(record["expert"])
        return _("note: %s") % (person.name if person else record["expert"])
    if record["kind"] == "synthese":
        return str(_("note: synthesis"))
    return str(_("editor's note"))


def anchor_of(record: dict[str, Any]) -> str:
    return str(record["anchor"])


class FillCommentary(SphinxPostTransform):
    """Back-links under each clause; links from each note to the claims and points it cites."""

    default_priority = 5  # before the references resolver, so clause citations added here resolve

    def run(self, **kwargs: Any) -> None:
        env = self.env
        domain = commentary_domain(env)
        docname = env.docname
        for note in list(self.document.findall(commentary)):
            if not note["cites"]:
                continue
            para = nodes.paragraph("", "", classes=["qg-commentary-cites"])
            para += nodes.Text(_("See:") + " ")
            for i, cited in enumerate(note["cites"]):
                record = domain.table("claims").get(cited) or domain.table("points").get(cited)
                if record is None:
                    continue
                table = "claims" if cited in domain.table("claims") else "points"
                if i:
                    para += nodes.Text(" · ")
                para += doc_xref(record["docname"], anchor_of(record),
                                 cited_label({**record, "table": table}, env), classes=["qg-cites-link"])
            note += para
        for node in list(self.document.findall(clause)):
            cites = [c for c in domain.citations(node["clause_id"])
                     if not (c["table"] == "notes" and c["inline"] and c["docname"] == docname)
                     and not (c["table"] == "pages" and c["docname"] == docname)]
            if not cites:
                continue
            para = nodes.paragraph("", "", classes=["qg-backlinks"])
            para += nodes.inline("", _("Cited by:") + " ", classes=["qg-backlinks-label"])
            for i, record in enumerate(cites):
                if i:
                    para += nodes.Text(" · ")
                para += doc_xref(record["docname"], anchor_of(record), cited_label(record, env),
                                 classes=["qg-backlink", f"qg-backlink-{record['table']}"])
            holder = backlinks(clause_id=node["clause_id"], classes=["qg-backlinks-block"])
            holder += para
            node += holder


#: Digests of what the pages' computed parts were made from, at the last build that ended (doctree folder).
DIGESTS_FILE = "quizgen-commentary.json"


def _json_default(value: Any) -> Any:
    if isinstance(value, set | frozenset):
        return sorted(value, key=repr)
    return repr(value)


def _digest(*parts: Any) -> str:
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=_json_default)
    return hashlib.sha256(text.encode()).hexdigest()


#: What each kind of computed block reads of the clauses: ``what`` → a projection of the environment
#: (registered by the module that fills the block). A computed page is written again when the projection of
#: one of its blocks changes; a kind with no projection is taken to read every clause whole.
_READS: dict[str, Callable[[BuildEnvironment], Any]] = {}


def computed_reads(what: str, projection: Callable[[BuildEnvironment], Any]) -> None:
    _READS[what] = projection


def input_digests(env: BuildEnvironment) -> dict[str, Any]:
    """``links``: what back-links and note links are made of (the notes, claims and points, the experts,
    the pages' titles, the pages citing each clause); ``pages``: for each computed page, that and what its
    computed blocks read of the clauses (a clause edit rewrites only the pages that show what changed)."""
    titles = {doc: title.astext() for doc, title in sorted(env.titles.items())}
    roster = {k: (e.name, e.about, e.page) for k, e in sorted(experts(env).items())}
    # Back-links also name the pages that cite a clause with a plain {clause} role (the domain's citations).
    citations = {doc: sorted(cited) for doc, cited in sorted(decl_domain(env).data["citations"].items())}
    links = _digest(commentary_domain(env).data, roster, titles, citations)
    clauses = decl_domain(env).data["clauses"]
    reads: dict[str, Any] = {}
    pages = {}
    for doc, whats in sorted(commentary_domain(env).data["computed"].items()):
        parts = []
        for what in sorted(whats):
            if what not in reads:
                reads[what] = _READS[what](env) if what in _READS else clauses
            parts.append((what, reads[what]))
        pages[doc] = _digest(links, parts)
    return {"links": links, "pages": pages}


def _load_digests(app: Sphinx) -> dict[str, Any]:
    try:
        data = json.loads((Path(app.doctreedir) / DIGESTS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) and data.get("outdir") == str(app.outdir) else {}


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Pages whose computed parts depend on other pages, when anything was read: the computed pages if a
    clause, note, claim or point changed; the pages with back-links or note links if a note, claim, point
    or title changed."""
    if not read_any(app):
        return []
    digests = input_digests(env)
    previous = _load_digests(app)
    app._qgc_digests = digests  # type: ignore[attr-defined]
    docs: set[str] = set()
    before = previous.get("pages")
    before = before if isinstance(before, dict) else {}
    docs |= {doc for doc, digest in digests["pages"].items() if before.get(doc) != digest}
    if previous.get("links") != digests["links"]:
        docs |= {record["docname"] for record in decl_domain(env).clauses.values()}
        docs |= {record["docname"] for kind in ("notes", "claims", "points")
                 for record in commentary_domain(env).table(kind).values()}
    return sorted(docs & set(env.all_docs))


def _save_digests(app: Sphinx, exception: Exception | None) -> None:
    path = Path(app.doctreedir) / DIGESTS_FILE
    digests: dict[str, Any] | None = getattr(app, "_qgc_digests", None)
    if exception is not None:
        path.unlink(missing_ok=True)  # pages may be half written: the next build writes them all again
    elif digests is not None:
        path.write_text(json.dumps({"outdir": str(app.outdir), **digests}, indent=1), encoding="utf-8")


# -------------------------------------------------------------------------------------------- writers
def visit_commentary_html(self: HTML5Translator, node: commentary) -> None:
    # Our CSS floats the <aside> into the right margin (wide screens and print) with the theme's margin
    # geometry, and folds it under its clause on a narrow screen behind the <summary> (CSS and JS). It
    # is not the theme's own "margin"/"sidebar" class: the theme's script would then look for a page
    # table of contents that the declaration pages do not have, and throw.
    self.body.append(self.starttag(node, "aside", CLASS="qg-margin", **{
        "data-kind": node["kind"], "data-clause": node["clause_id"], "aria-label": node["label"]}))
    # The clause number in the label tells which clause a note belongs to when notes on consecutive
    # clauses stack down the margin.
    self.body.append('<details class="qg-commentary-fold" open="open">'
                     '<summary class="qg-commentary-label">'
                     f'<span class="qg-commentary-clause">§\u00a0{self.encode(node["clause_id"])}</span> '
                     f'<span class="qg-commentary-kind">{self.encode(node["label"])}</span></summary>'
                     '<div class="qg-commentary-body">')


def depart_commentary_html(self: HTML5Translator, node: commentary) -> None:
    self.body.append("</div></details></aside>\n")


def visit_backlinks_html(self: HTML5Translator, node: backlinks) -> None:
    self.body.append(self.starttag(node, "nav", CLASS="qg-backlinks-nav", **{"aria-label": _("Cited by")}))


def depart_backlinks_html(self: HTML5Translator, node: backlinks) -> None:
    self.body.append("</nav>\n")




def _add_assets(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.add_css_file("qg-commentary.css")
        app.add_js_file("qg-commentary.js")


def setup_commentary(app: Sphinx) -> None:
    app.add_config_value("quizgen_experts", "experts/experts.toml", "env", types=[str])
    app.add_domain(CommentaryDomain)
    block, skipped = (pass_node, pass_node), (skip_node, pass_node)
    app.add_node(commentary, html=(visit_commentary_html, depart_commentary_html),
                 latex=block, text=block, man=block, texinfo=block)
    app.add_node(backlinks, html=(visit_backlinks_html, depart_backlinks_html),
                 latex=block, text=block, man=block, texinfo=block)
    app.add_node(computed, html=skipped, latex=skipped, text=skipped, man=skipped, texinfo=skipped)
    app.add_directive("commentary", CommentaryDirective)
    app.add_role("claim-ref", ClaimRefRole(innernodeclass=nodes.inline, warn_dangling=False))
    app.connect("doctree-read", collect_notes)
    app.connect("env-check-consistency", check_references)
    app.connect("env-get-updated", pages_to_rewrite)
    app.connect("build-finished", _save_digests)
    app.add_post_transform(FillCommentary)
    app.connect("builder-inited", _add_assets)


def sorted_clause_ids(ids: Iterable[str]) -> list[str]:
    return sorted(set(ids), key=clause_sort_key)
