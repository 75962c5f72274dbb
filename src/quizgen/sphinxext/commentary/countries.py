"""Country and organisation cards, absences and the matrix state × section, computed from the tags.

    :::{actor-card} CHN
    Rôle selon l’analyse du billet (attribué) …
    :::

The card's body is authored (the role the source's analysis gives the actor, attributed); what follows
is computed when the page is written: the clauses whose ``{state}`` (or ``{org}``) spans name the actor,
the clauses naming a place located in the state, and, for a member state, the lists of member states
it is missing from. ``{country-matrix}`` writes the table state × section and the lists of member
states the declaration gives, with who is absent from each.
"""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes
from docutils.nodes import Node
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from quizgen.sphinxext.commentary.cards import card, clause_links, doc_xref
from quizgen.sphinxext.commentary.claims import ComputedDirective
from quizgen.sphinxext.commentary.commentary import commentary_domain, computed, computed_reads, decl_domain
from quizgen.sphinxext.edition.domain import roman_value
from quizgen.sphinxext.edition.vocab import vocabulary
from quizgen.sphinxext.site.i18n import _
from quizgen.sphinxext.site.problems import report

#: a clause naming at least this many member states is read as a list of member states
LIST_THRESHOLD = 5


def actor_anchor(key: str) -> str:
    return f"acteur-{key.lower()}"


def naming(env: Any, span_type: str, key: str) -> list[str]:
    """Ids of the clauses with a span of ``span_type`` whose value is ``key``, in order."""
    return [r["id"] for r in decl_domain(env).sorted_clauses()
            if any(s["type"] == span_type and s["value"] == key for s in r["spans"])]


def places_in(env: Any, code: str) -> list[str]:
    places = {p for p, state in vocabulary(env).places.items() if state == code}
    return [r["id"] for r in decl_domain(env).sorted_clauses()
            if any(s["type"] == "place" and s["value"] in places for s in r["spans"])]


def member_lists(env: Any) -> list[tuple[str, list[str], list[str]]]:
    """(clause id, members named, members missing) for each clause naming several member states."""
    members = [c for c, s in vocabulary(env).states.items() if s.member]
    out = []
    for record in decl_domain(env).sorted_clauses():
        named = sorted({s["value"] for s in record["spans"] if s["type"] == "state" and s["value"] in members})
        if len(named) >= LIST_THRESHOLD:
            out.append((record["id"], named, [m for m in members if m not in named]))
    return out


class ActorCardDirective(SphinxDirective):
    required_arguments = 1
    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {}

    def run(self) -> list[Node]:
        key = self.arguments[0].strip()
        vocab = vocabulary(self.env)
        if key in vocab.states:
            state = vocab.states[key]
            title = state.label
            header = str(_("Member state of the SCO")) if state.member else str(_("State named in the text"))
            kind = "state"
        elif key in vocab.orgs:
            org = vocab.orgs[key]
            title = f"{org.acronym} — {org.label}" if org.acronym else org.label
            header = str(_("Organisation named in the text"))
            kind = "org"
        else:
            report(f"unknown state or organisation {key!r}", "use an ISO code of the [states] table or a key of "
                   "the [orgs] table of the vocabulary file", self.get_location(), subtype="actor")
            return []
        body = nodes.container(classes=["qg-actor-role"])
        self.state.nested_parse(self.content, self.content_offset, body)
        commentary_domain(self.env).note_computed(self.env.docname, "actor")
        placeholder = computed(what="actor", argument=key, kind=kind)
        node = card(title, [body, placeholder], header=header, classes=["qg-actor", f"qg-actor-{kind}"],
                    ids=[actor_anchor(key)])
        self.set_source_info(node)
        return [node]


class CountryMatrixDirective(ComputedDirective):
    what = "country-matrix"


def _line(label: str, content: list[Node], classes: str) -> nodes.paragraph:
    para = nodes.paragraph("", "", classes=[classes])
    para += nodes.strong("", label + " ")
    if content:
        para.extend(content)
    else:
        para += nodes.emphasis("", _("none"))
    return para


class FillCountries(SphinxPostTransform):
    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(computed)):
            if node["what"] == "actor":
                node.replace_self(self.actor(node["argument"], node["kind"]))
            elif node["what"] == "country-matrix":
                node.replace_self(self.matrix())

    def actor(self, key: str, kind: str) -> list[Node]:
        env = self.env
        out: list[Node] = []
        span_type = "state" if kind == "state" else "org"
        named = naming(env, span_type, key)
        out.append(_line(_("Named in:"), clause_links(named), "qg-actor-named"))
        if kind != "state":
            return out
        state = vocabulary(env).states[key]
        places = [c for c in places_in(env, key) if c not in named]
        if places:
            out.append(_line(_("A place in this state is named in:"), clause_links(places), "qg-actor-places"))
        if state.member:
            missing = [(cid, len(named_ids)) for cid, named_ids, absent in member_lists(env) if key in absent]
            content: list[Node] = []
            for i, (cid, count) in enumerate(missing):
                if i:
                    content.append(nodes.Text(" ; "))
                content.extend(clause_links([cid]))
                content.append(nodes.Text(" " + _("(list of %d member states)") % count))
            if missing:
                out.append(_line(_("Absent from:"), content, "qg-actor-absent"))
            if not named:
                out.append(nodes.paragraph("", _("Never named as a state in the declaration."),
                                           classes=["qg-actor-never"]))
        return out

    def matrix(self) -> list[Node]:
        env = self.env
        vocab = vocabulary(env)
        domain = decl_domain(env)
        sections = sorted({r["section"] for r in domain.clauses.values()}, key=roman_value)
        codes = [c for c, s in vocab.states.items() if s.member]
        codes += sorted(c for c, s in vocab.states.items() if not s.member and naming(env, "state", c))
        table = nodes.table(classes=["qg-country-matrix"])
        group = nodes.tgroup(cols=len(sections) + 2)
        table += group
        for _i in range(len(sections) + 2):
            group += nodes.colspec(colwidth=1)
        head = nodes.thead()
        head += nodes.row("", *(nodes.entry("", nodes.paragraph("", h))
                                for h in [_("State"), *sections, _("Total")]))
        group += head
        body = nodes.tbody()
        card_doc = next((d for d, whats in commentary_domain(env).data["computed"].items() if "actor" in whats), "")
        for code in codes:
            named = naming(env, "state", code)
            label: Node = nodes.Text(vocab.states[code].label)
            if card_doc:
                label = doc_xref(card_doc, actor_anchor(code), vocab.states[code].label)
            row = nodes.row(classes=["qg-matrix-member" if vocab.states[code].member else "qg-matrix-other"])
            row += nodes.entry("", nodes.paragraph("", "", label))
            for section in sections:
                ids = [c for c in named if c.split(".")[0] == section]
                cell = nodes.paragraph("", "", *clause_links(ids, " ")) if ids else nodes.paragraph("", "·")
                row += nodes.entry("", cell)
            row += nodes.entry("", nodes.paragraph("", str(len(named))))
            body += row
        group += body
        out: list[Node] = [table]
        lists = member_lists(env)
        out.append(nodes.rubric("", _("Lists of member states in the declaration")))
        items = nodes.bullet_list(classes=["qg-member-lists"])
        for cid, named_codes, absent in lists:
            para = nodes.paragraph("", "", *clause_links([cid]))
            para += nodes.Text(" " + _("names %(n)d member states; absent: %(absent)s") % {
                "n": len(named_codes), "absent": ", ".join(vocab.states[c].label for c in absent) or "—"})
            items += nodes.list_item("", para)
        out.append(items)
        never = [vocab.states[c].label for c in vocab.states if vocab.states[c].member and not naming(env, "state", c)]
        out.append(nodes.paragraph("", _("Member states never named as a state: %s.") % (", ".join(never) or "—"),
                                   classes=["qg-never-named"]))
        return out


def tagged_names(env: Any) -> list[tuple[str, str, str, list[tuple[str, str]]]]:
    """What the cards and the matrix read of the clauses: their ids, pages, sections and named things (no
    text)."""
    return [(r["id"], r["docname"], r["section"], [(s["type"], s["value"]) for s in r["spans"]])
            for r in decl_domain(env).sorted_clauses()]


def setup_countries(app: Sphinx) -> None:
    computed_reads("actor", tagged_names)
    computed_reads("country-matrix", tagged_names)
    app.add_directive("actor-card", ActorCardDirective)
    app.add_directive("country-matrix", CountryMatrixDirective)
    app.add_post_transform(FillCountries)
