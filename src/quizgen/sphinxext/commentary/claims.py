"""Experts' claims and the synthesis' points as data, and the traceability table computed from them.

    :::{claim} salvaudon-acte-politique
    :expert: salvaudon
    :clauses: I.2 I.6
    :source: 14
    :title: Un acte politique

    « … » (the expert's words, quoted or faithfully paraphrased)
    :::

    :::{synthesis-point} synthese-1
    :clauses: I.2 I.4
    :summary:

    La Déclaration affirme que …
    :::

A claim renders as a sphinx-design card linking to its clauses; a synthesis point as a block followed by
its clauses. A claim or point without clauses stops the build; unknown clauses are reported once
everything is read (:func:`quizgen.sphinxext.commentary.commentary.check_references`). ``{traceability}`` writes
the table claim → clauses for every claim and point of the kit.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar, cast

from docutils import nodes
from docutils.nodes import Node
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from quizgen.sphinxext.commentary.cards import card, clause_links, doc_xref
from quizgen.sphinxext.commentary.commentary import (
    check_expert,
    commentary_domain,
    computed,
    computed_reads,
    decl_domain,
    experts,
    split_ids,
)
from quizgen.sphinxext.edition.domain import CLAUSE_ID, clause_sort_key
from quizgen.sphinxext.edition.edition import simple_table
from quizgen.sphinxext.site.i18n import _
from quizgen.sphinxext.site.problems import report

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def _excerpt(text: str, size: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1].rsplit(" ", 1)[0] + " …"


def _parse_clauses(directive: SphinxDirective, what: str) -> list[str] | None:
    location = directive.get_location()
    ids = split_ids(directive.options.get("clauses", ""))
    if not ids:
        report(f"{what} {directive.arguments[0]!r} is attached to no clause",
               "add `:clauses:` with the ids of the clauses it concerns, e.g. `:clauses: I.2 II.14`",
               location, subtype="unattached")
        return None
    bad = [c for c in ids if not CLAUSE_ID.match(c)]
    if bad:
        report(f"{what} {directive.arguments[0]!r}: malformed clause id(s) {', '.join(bad)}",
               "write clause ids as section numeral, dot, number: II.12", location, subtype="unknown-clause")
        return None
    return ids


def _check_id(directive: SphinxDirective, what: str) -> str | None:
    key = directive.arguments[0].strip()
    if not ID_PATTERN.match(key):
        report(f"malformed {what} id {key!r}", "use lower-case letters, digits and hyphens", directive.get_location(),
               subtype="claim")
        return None
    return str(key)


class ClaimDirective(SphinxDirective):
    required_arguments = 1
    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {
        "expert": directives.unchanged_required,
        "clauses": directives.unchanged,
        "source": directives.unchanged,
        "title": directives.unchanged,
    }

    def run(self) -> list[Node]:
        location = self.get_location()
        key = _check_id(self, "claim")
        expert_key = self.options.get("expert", "").strip()
        if not expert_key:
            report(f"claim {self.arguments[0]!r} has no `:expert:`", "name the expert, e.g. `:expert: salvaudon`",
                   location, subtype="expert")
            return []
        expert = check_expert(self.env, expert_key, location)
        clause_ids = _parse_clauses(self, "claim")
        if key is None or expert is None or clause_ids is None:
            return []
        if not self.content:
            report(f"claim {key!r} is empty", "quote or paraphrase what the expert says", location, subtype="claim")
            return []
        counters = cast(dict[str, int], self.env.temp_data.setdefault("qg_claim_counter", {}))
        counters[expert_key] = counters.get(expert_key, 0) + 1
        number = counters[expert_key]
        body = nodes.container(classes=["qg-claim-body"])
        self.state.nested_parse(self.content, self.content_offset, body)
        text = " ".join(p.astext() for p in body.findall(nodes.paragraph))
        anchor = f"claim-{key}"
        title = self.options.get("title", "").strip()
        source = self.options.get("source", "").strip()
        header = _("Claim %(number)d — %(name)s") % {"number": number, "name": expert.name}
        # ``:source:`` (the line of the source text) stays in the corpus and the traceability data: a
        # reader of the card needs the expert and the claim, not a line number of the build's input.
        footer = nodes.paragraph("", "", classes=["qg-claim-clauses", "sd-card-text"])
        footer += nodes.Text(_("Clauses:") + " ")
        footer.extend(clause_links(clause_ids))
        node = card(title, body.children, header=header, footer=[footer],
                    classes=["qg-claim", f"qg-claim-{expert_key}"], ids=[anchor])
        self.set_source_info(node)
        commentary_domain(self.env).note("claims", {
            "id": key, "anchor": anchor, "docname": self.env.docname, "line": self.lineno,
            "expert": expert_key, "number": number, "order": number, "title": title, "text": text,
            "excerpt": _excerpt(text), "clauses": clause_ids, "source": source,
        }, location)
        return [node]


class SynthesisPointDirective(SphinxDirective):
    """A point of the source's synthesis: ``:summary:`` for a theme's paragraph, otherwise a bullet."""

    required_arguments = 1
    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {
        "clauses": directives.unchanged,
        "summary": directives.flag,
        "source": directives.unchanged,
    }

    def run(self) -> list[Node]:
        location = self.get_location()
        key = _check_id(self, "synthesis point")
        clause_ids = _parse_clauses(self, "synthesis point")
        if key is None or clause_ids is None:
            return []
        counter = cast(list[int], self.env.temp_data.setdefault("qg_point_counter", [0, 0]))
        if "summary" in self.options:
            counter[0] += 1
            counter[1] = 0
            number = str(counter[0])
        else:
            counter[1] += 1
            number = f"{counter[0]}.{counter[1]}"
        body = nodes.container(classes=["qg-point-body"])
        self.state.nested_parse(self.content, self.content_offset, body)
        text = " ".join(p.astext() for p in body.findall(nodes.paragraph))
        anchor = f"point-{key}"
        kind = "summary" if "summary" in self.options else "bullet"
        node = nodes.container(classes=["qg-point", f"qg-point-{kind}"], ids=[anchor])
        self.set_source_info(node)
        number_node = nodes.inline("", number, classes=["qg-point-number"])
        if kind == "summary":
            quote = nodes.block_quote("", *body.children)
            node += quote
        else:
            first = body.children[0] if body.children else nodes.paragraph()
            if isinstance(first, nodes.paragraph):
                first.insert(0, nodes.Text(" "))
                first.insert(0, number_node)
            node.extend(body.children)
        links = nodes.paragraph("", "", classes=["qg-point-clauses"])
        links += nodes.Text(_("Clauses:") + " ")
        links.extend(clause_links(clause_ids))
        node += links
        commentary_domain(self.env).note("points", {
            "id": key, "anchor": anchor, "docname": self.env.docname, "line": self.lineno, "number": number,
            "order": counter[0] * 1000 + counter[1], "kind": kind, "text": text,
            "excerpt": _excerpt(text), "clauses": clause_ids, "source": self.options.get("source", ""),
        }, location)
        return [node]


class ComputedDirective(SphinxDirective):
    """``{traceability}``, ``{chronology}``, ``{country-matrix}``…: a placeholder filled at write time."""

    has_content = False
    optional_arguments = 1
    what = ""

    def run(self) -> list[Node]:
        commentary_domain(self.env).note_computed(self.env.docname, self.what)
        node = computed(what=self.what, argument=(self.arguments or [""])[0])
        self.set_source_info(node)
        return [node]


class TraceabilityDirective(ComputedDirective):
    what = "traceability"


def claims_in_order(env: Any) -> list[dict[str, Any]]:
    domain = commentary_domain(env)
    names = list(experts(env))
    return sorted(domain.table("claims").values(),
                  key=lambda r: (names.index(r["expert"]) if r["expert"] in names else 99, r["number"]))


def points_in_order(env: Any) -> list[dict[str, Any]]:
    return sorted(commentary_domain(env).table("points").values(), key=lambda r: r["order"])


class FillTraceability(SphinxPostTransform):
    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(computed)):
            if node["what"] == "traceability":
                node.replace_self(self.table())

    def table(self) -> list[Node]:
        env = self.env
        people = experts(env)
        groups: list[tuple[str, list[dict[str, Any]], str]] = []
        for key, person in people.items():
            groups.append((person.name, [c for c in claims_in_order(env) if c["expert"] == key], "claims"))
        groups.append((str(_("Synthesis (made with the help of ChatGPT and reviewed)")), points_in_order(env),
                       "points"))
        out: list[Node] = []
        summary = nodes.bullet_list(classes=["qg-traceability-summary"])
        for name, records, _table in groups:
            attached = sum(1 for r in records if r["clauses"])
            summary += nodes.list_item("", nodes.paragraph(
                "", _("%(name)s: %(attached)d of %(total)d attached to at least one clause")
                % {"name": name, "attached": attached, "total": len(records)}))
        cited: set[str] = set()
        domain = commentary_domain(env)
        for kind in ("notes", "claims", "points"):
            for record in domain.table(kind).values():
                cited.update(record["clauses"])
        total = len(decl_domain(env).clauses)
        summary += nodes.list_item("", nodes.paragraph(
            "", _("%(cited)d of %(total)d clauses are cited by at least one note, claim or point")
            % {"cited": len(cited & set(decl_domain(env).clauses)), "total": total}))
        out.append(summary)
        for name, records, table in groups:
            section_title = nodes.rubric("", name, classes=["qg-traceability-group"])
            out.append(section_title)
            rows: list[list[Node | str]] = []
            for record in records:
                label = record["number"] if table == "points" else str(record["number"])
                link = doc_xref(record["docname"], record["anchor"], str(label))
                rows.append([nodes.paragraph("", "", link),
                             nodes.paragraph("", record.get("title") or record["excerpt"]),
                             nodes.paragraph("", "", *clause_links(sorted(record["clauses"],
                                                                          key=clause_sort_key)))])
            out.append(simple_table([_("No."), _("Claim"), _("Clauses")], rows, ["qg-traceability"]))
        return out


def corpus_claims(env: Any) -> list[dict[str, Any]]:
    """Claims for corpus.json, in a stable order, so the quiz engine can ask who argued what."""
    people = experts(env)
    return [{"id": r["id"], "expert": r["expert"],
             "expert_label": people[r["expert"]].name if r["expert"] in people else r["expert"],
             "text": r["text"], "clauses": sorted(r["clauses"], key=clause_sort_key)}
            for r in claims_in_order(env)]


def corpus_points(env: Any) -> list[dict[str, Any]]:
    return [{"id": r["id"], "number": r["number"], "kind": r["kind"], "text": r["text"],
             "clauses": sorted(r["clauses"], key=clause_sort_key)} for r in points_in_order(env)]


def clause_pages(env: Any) -> list[tuple[str, str]]:
    """What the traceability table reads of the clauses (beyond the claims and points): which exist, where."""
    return sorted((cid, r["docname"]) for cid, r in decl_domain(env).clauses.items())


def setup_claims(app: Sphinx) -> None:
    computed_reads("traceability", clause_pages)
    app.add_directive("claim", ClaimDirective)
    app.add_directive("synthesis-point", SynthesisPointDirective)
    app.add_directive("traceability", TraceabilityDirective)
    app.add_post_transform(FillTraceability)
