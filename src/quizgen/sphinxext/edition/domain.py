"""The ``decl`` domain: the registry of clauses, and the ``{clause}`` role that cites one.

Keeping the registry in a domain gives purge and merge for free in the shape Sphinx expects, so the
extension is safe for parallel reads and incremental rebuilds (the sphinxcontrib-bibtex model).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any, cast

from docutils import nodes
from docutils.nodes import Element
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.domains import Domain, ObjType
from sphinx.environment import BuildEnvironment
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode

from quizgen.sphinxext.site.node_types import NO_SEARCH, cite_tip
from quizgen.sphinxext.site.problems import report

CLAUSE_ID = re.compile(r"^(?P<section>[IVX]+)\.(?P<number>[1-9]\d*)$")

ROMAN = {"I": 1, "V": 5, "X": 10}


def roman_value(numeral: str) -> int:
    total = 0
    for symbol, following in zip(numeral, [*numeral[1:], ""], strict=True):
        value = ROMAN[symbol]
        total += -value if following and ROMAN[following] > value else value
    return total


def clause_anchor(clause_id: str) -> str:
    """``II.12`` → ``clause-II-12``: the HTML id of the element that holds the clause."""
    return "clause-" + clause_id.replace(".", "-")


def clause_sort_key(clause_id: str) -> tuple[int, int]:
    match = CLAUSE_ID.match(clause_id)
    if not match:
        return (10_000, 0)
    return (roman_value(match["section"]), int(match["number"]))


class ClauseRole(XRefRole):
    """``{clause}`II.12``` → a link reading « § II.12 » to the clause, its text on hover and focus.

    Registered both as ``decl:clause`` and, for authors, as plain ``clause``.
    """

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        self.refdomain, self.reftype = "decl", "clause"
        self.classes = ["xref", "decl", "decl-clause"]
        return self.create_xref_node()

    def process_link(self, env: BuildEnvironment, refnode: Element, has_explicit_title: bool,
                     title: str, target: str) -> tuple[str, str]:
        target = target.strip().removeprefix("§").strip()
        domain = env.get_domain("decl")
        assert isinstance(domain, DeclarationDomain)
        domain.note_citation(env.docname, target)
        if not has_explicit_title:
            title = f"§\u00a0{target}"
        return title, target


class DeclarationDomain(Domain):
    name = "decl"
    label = "Declaration"
    object_types = {"clause": ObjType("clause", "clause")}
    roles = {"clause": ClauseRole(innernodeclass=nodes.inline, warn_dangling=False)}
    # clauses: id → record; citations: docname → clause ids it cites (so citing pages are rewritten
    # when a cited clause changes: their tooltips hold its text).
    initial_data = {"clauses": {}, "citations": {}}
    data_version = 1

    @property
    def clauses(self) -> dict[str, dict[str, Any]]:
        return cast(dict[str, dict[str, Any]], self.data["clauses"])

    def note_clause(self, record: dict[str, Any], location: Any) -> bool:
        """Register a clause; report and refuse a duplicate id."""
        clause_id = record["id"]
        existing = self.clauses.get(clause_id)
        if existing is not None:
            report(_duplicate_message(clause_id, existing),
                   "give each clause its own id (section numeral, dot, paragraph number)", location,
                   subtype="duplicate")
            return False
        self.clauses[clause_id] = record
        return True

    def note_citation(self, docname: str, clause_id: str) -> None:
        cited = self.data["citations"].setdefault(docname, [])
        if clause_id not in cited:
            cited.append(clause_id)

    def docs_citing(self, docnames: set[str]) -> set[str]:
        """The documents that cite a clause defined in one of ``docnames``."""
        defined = {cid for cid, record in self.clauses.items() if record["docname"] in docnames}
        return {doc for doc, cited in self.data["citations"].items() if defined.intersection(cited)}

    def sorted_clauses(self) -> list[dict[str, Any]]:
        return [self.clauses[k] for k in sorted(self.clauses, key=clause_sort_key)]

    def clear_doc(self, docname: str) -> None:
        self.data["citations"].pop(docname, None)
        for clause_id, record in list(self.clauses.items()):
            if record["docname"] == docname:
                del self.clauses[clause_id]

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        wanted = set(docnames)
        for docname, cited in otherdata["citations"].items():
            if docname in wanted:
                self.data["citations"][docname] = list(cited)
        for clause_id, record in otherdata["clauses"].items():
            if record["docname"] not in wanted:
                continue
            if clause_id in self.clauses and self.clauses[clause_id]["docname"] != record["docname"]:
                report(_duplicate_message(clause_id, self.clauses[clause_id]),
                       "give each clause its own id", (record["docname"], record["line"]), subtype="duplicate")
                continue
            self.clauses[clause_id] = record

    def resolve_xref(self, env: BuildEnvironment, fromdocname: str, builder: Builder, typ: str,
                     target: str, node: pending_xref, contnode: Element) -> Element | None:
        record = self.clauses.get(target)
        if record is None:
            report(f"unknown clause {target!r} cited", "cite an existing clause id such as II.12 "
                   "(see the declaration pages)", node, subtype="unknown-clause")
            return nodes.inline(contnode.astext(), contnode.astext(), classes=["qg-cite", "qg-cite-broken"])
        # ``no-search``: the search index skips the tip (the clause is indexed on its own page only).
        tip = cite_tip("", record["text"], classes=["qg-cite-tip", NO_SEARCH], clause=target)
        contnode += tip
        # No ``title``: the browser's own tooltip would pop up over the clause's text (the tip).
        refnode = make_refnode(builder, fromdocname, record["docname"], clause_anchor(target), contnode)
        refnode["classes"].append("qg-cite")
        return refnode

    def resolve_any_xref(self, env: BuildEnvironment, fromdocname: str, builder: Builder, target: str,
                         node: pending_xref, contnode: Element) -> list[tuple[str, Element]]:
        if target not in self.clauses:
            return []
        resolved = self.resolve_xref(env, fromdocname, builder, "clause", target, node, contnode)
        return [("decl:clause", resolved)] if resolved is not None else []

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        for clause_id, record in sorted(self.clauses.items(), key=lambda kv: clause_sort_key(kv[0])):
            yield clause_id, f"§ {clause_id}", "clause", record["docname"], clause_anchor(clause_id), 1


def _tooltips(domain: DeclarationDomain, docnames: set[str]) -> dict[str, tuple[str, str]]:
    """What a citation of each clause of ``docnames`` writes into its page: the page it links to. (Its text, the
    tip, comes from the site's file of clause texts, :mod:`quizgen.sphinxext.edition.cite_tips`.)"""
    return {cid: ("", record["docname"]) for cid, record in domain.clauses.items() if record["docname"] in docnames}


def _remember_read_docs(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    env.quizgen_read_docs = set(docnames)  # type: ignore[attr-defined]
    domain = env.get_domain("decl")
    assert isinstance(domain, DeclarationDomain)
    # The clauses of the pages about to be read, as citations show them now (before their purge).
    env.quizgen_read_tips = _tooltips(domain, set(docnames))  # type: ignore[attr-defined]


def _citing_docs_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Pages citing a clause whose text or page changed (their tooltips hold its text), not yet written."""
    domain = env.get_domain("decl")
    assert isinstance(domain, DeclarationDomain)
    read: set[str] = getattr(env, "quizgen_read_docs", set())
    before: dict[str, tuple[str, str]] = getattr(env, "quizgen_read_tips", {})
    after = _tooltips(domain, read)
    changed = {cid for cid in before.keys() | after.keys() if before.get(cid) != after.get(cid)}
    env.quizgen_read_tips = {}  # type: ignore[attr-defined]
    return sorted({doc for doc, cited in domain.data["citations"].items() if changed.intersection(cited)} - read)


def setup_domain(app: Sphinx) -> None:
    app.add_domain(DeclarationDomain)
    app.add_role("clause", ClauseRole(innernodeclass=nodes.inline, warn_dangling=False))
    app.connect("env-before-read-docs", _remember_read_docs)
    app.connect("env-get-updated", _citing_docs_to_rewrite)


def _duplicate_message(clause_id: str, existing: dict[str, Any]) -> str:
    return f"duplicate clause id {clause_id!r} (already defined in {existing['docname']}, line {existing['line']})"
