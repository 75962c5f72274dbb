"""The commentary layer: margin notes, claims, synthesis points, back-links, and the computed pages
(chronology, traceability, country cards and matrix), on throw-away projects and on the real kit."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag

from kit_project import Project

EXPERTS = """
[salvaudon]
name = "Charles Salvaudon"
about = "Expert au CEDE."
page = "experts/salvaudon"
"""

INDEX = "# Accueil\n\n```{toctree}\n:glob:\n*\nexperts/*\n```\n"

DECLARATION = """# I. Essai

::::{clause} I.1
:themes: securite

:::{commentary}
:kind: editeur

Une note de l’éditeur sur la première clause.
:::

:::{commentary}
:kind: expert
:expert: salvaudon
:cites: salvaudon-un

Ce que dit l’expert.
:::

Première clause, à {place}`Douchanbé` le {date}`19 juin 2025`.
::::

::::{clause} I.2
:themes: economie

:::{commentary}
:kind: synthese
:cites: synthese-1

La synthèse, citée.
:::

Deuxième clause.
::::

:::{clause} I.3
:themes: economie

Troisième clause, sans note.
:::
"""

CLAIMS = """# Charles Salvaudon

:::{claim} salvaudon-un
:expert: salvaudon
:clauses: I.1 I.2
:source: 14
:title: Un acte politique

« Une affirmation de l’expert. »
:::
"""

SYNTHESIS = """# Synthèse

:::{synthesis-point} synthese-1
:clauses: I.2
:summary:

Un paragraphe de la synthèse.
:::
"""

OTHER = "# Une autre page\n\nElle cite {clause}`I.3` et {clause}`I.1`.\n"


def pages(**extra: str) -> dict[str, str]:
    base = {"index.md": INDEX, "essai.md": DECLARATION, "experts/experts.toml": EXPERTS,
            "experts/salvaudon.md": CLAIMS, "synthese.md": SYNTHESIS, "autre.md": OTHER}
    base.update(extra)
    return base


def html_of(proj: Project, name: str) -> BeautifulSoup:
    outdir = Path(proj.app.outdir)  # type: ignore[attr-defined]
    return BeautifulSoup((outdir / name).read_text(encoding="utf-8"), "html.parser")


@pytest.fixture
def good(project: Callable[..., Project]) -> Project:
    proj = project(pages())
    app = proj.build()
    assert app.statuscode == 0, proj.warnings  # type: ignore[attr-defined]
    assert "fix:" not in proj.warnings, proj.warnings
    return proj


# ----------------------------------------------------------------------------------------- bad input
NOTE_OUTSIDE = "# Note\n\n:::{commentary}\n:kind: editeur\n:clause: II.99\n\nSur une clause absente.\n:::\n"
BAD_INPUTS: dict[str, tuple[dict[str, str], str, str, str]] = {
    "note on an unknown clause": (
        {"note.md": NOTE_OUTSIDE}, "note.md:", "note on unknown clause 'II.99'", "cite an existing clause id",
    ),
    "note outside a clause without :clause:": (
        {"note.md": "# Note\n\n:::{commentary}\n:kind: editeur\n\nSans clause.\n:::\n"},
        "note.md:", "a note outside any clause has no `:clause:`", "put the note inside its clause directive",
    ),
    "unknown expert": (
        {"note.md": "# Note\n\n:::{commentary}\n:kind: expert\n:expert: dupont\n:clause: I.1\n\nTexte.\n:::\n"},
        "note.md:", "unknown expert 'dupont'", "use one of: salvaudon",
    ),
    "unknown expert on a claim": (
        {"experts/salvaudon.md": CLAIMS.replace(":expert: salvaudon", ":expert: dupont")},
        "salvaudon.md:", "unknown expert 'dupont'", "use one of: salvaudon",
    ),
    "claim with no clause": (
        {"experts/salvaudon.md": CLAIMS.replace(":clauses: I.1 I.2\n", "")},
        "salvaudon.md:", "claim 'salvaudon-un' is attached to no clause", "add `:clauses:`",
    ),
    "claim citing an unknown clause": (
        {"experts/salvaudon.md": CLAIMS.replace(":clauses: I.1 I.2", ":clauses: I.1 II.99")},
        "salvaudon.md:", "claim on unknown clause 'II.99'", "cite an existing clause id",
    ),
    "synthesis point with no clause": (
        {"synthese.md": SYNTHESIS.replace(":clauses: I.2\n", "")},
        "synthese.md:", "synthesis point 'synthese-1' is attached to no clause", "add `:clauses:`",
    ),
    "unknown note kind": (
        {"note.md": "# Note\n\n:::{commentary}\n:kind: avis\n:clause: I.1\n\nTexte.\n:::\n"},
        "note.md:", "commentary of unknown kind 'avis'", "write `:kind:` with one of: expert, synthese, editeur",
    ),
    "note citing an unknown claim": (
        {"essai.md": DECLARATION.replace(":cites: salvaudon-un", ":cites: salvaudon-deux")},
        "essai.md:", "note cites unknown claim or point 'salvaudon-deux'", "use the id of a `{claim}`",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_commentary_input_stops_the_build_with_file_line_and_fix(project: Callable[..., Project],
                                                                     case: str) -> None:
    extra, filename, message, fix = BAD_INPUTS[case]
    proj = project(pages(**extra))
    app = proj.build()
    assert app.statuscode == 1  # type: ignore[attr-defined]
    assert "problem(s) in the kit's sources" in proj.warnings
    lines = [line for line in proj.warnings.splitlines() if message in line]
    assert lines, proj.warnings
    assert any(re.search(re.escape(filename) + r"\d+:", line) and fix in line for line in lines), lines
    assert all("fix:" in line for line in lines)


# ------------------------------------------------------------------------------------ note structure
def clause_div(soup: BeautifulSoup, clause_id: str) -> Tag:
    div = soup.find("div", attrs={"data-clause": clause_id})
    assert isinstance(div, Tag), clause_id
    return div


def test_notes_are_margin_asides_inside_their_clause_before_its_text(good: Project) -> None:
    soup = html_of(good, "essai.html")
    first = clause_div(soup, "I.1")
    assert "qg-has-commentary" in first["class"]
    children = [c for c in first.children if isinstance(c, Tag)]
    asides = [c for c in children if c.name == "aside"]
    assert len(asides) == 2
    text = next(c for c in children if c.name == "p" and "Première clause" in c.get_text())
    # both notes come before the clause text, so a margin note lines up with it
    assert all(children.index(a) < children.index(text) for a in asides)
    for aside in asides:
        assert {"qg-margin", "qg-commentary"} <= set(aside["class"])
        assert aside["data-clause"] == "I.1"
        details = aside.find("details", class_="qg-commentary-fold")
        assert isinstance(details, Tag) and details.has_attr("open")
        summary = details.find("summary")
        assert isinstance(summary, Tag) and "qg-commentary-label" in summary["class"]
        assert summary.get_text(" ", strip=True).startswith("§\u00a0I.1")
        assert aside["aria-label"] in summary.get_text()
    kinds = {a["data-kind"]: a for a in asides}
    assert set(kinds) == {"editeur", "expert"}
    assert "Note de l’éditeur" in kinds["editeur"].get_text()
    assert "Expert — Charles Salvaudon" in kinds["expert"].get_text()
    # a note that cites a claim links to it
    link = kinds["expert"].find("a", class_="qg-cites-link")
    assert isinstance(link, Tag) and link["href"] == "experts/salvaudon.html#claim-salvaudon-un"
    assert link.get_text() == "Charles Salvaudon, 1"
    synthesis = clause_div(soup, "I.2").find("aside")
    assert isinstance(synthesis, Tag) and synthesis["data-kind"] == "synthese"
    assert "Synthèse (réalisée avec l’aide de ChatGPT et revue)" in synthesis.get_text()
    assert "qg-has-commentary" not in clause_div(soup, "I.3")["class"]


def test_each_note_has_its_own_anchor(good: Project) -> None:
    soup = html_of(good, "essai.html")
    ids = [a["id"] for a in soup.find_all("aside", class_="qg-commentary")]
    assert ids == ["note-I-1-1", "note-I-1-2", "note-I-2-1"]


def test_back_links_list_claims_points_and_citing_pages(good: Project) -> None:
    soup = html_of(good, "essai.html")

    def backlinks(clause_id: str) -> dict[str, str]:
        nav = clause_div(soup, clause_id).find("nav", class_="qg-backlinks-nav")
        assert isinstance(nav, Tag), clause_id
        return {a.get_text(): a["href"] for a in nav.find_all("a")}

    assert backlinks("I.1") == {"Charles Salvaudon, 1": "experts/salvaudon.html#claim-salvaudon-un",
                                "Une autre page": "autre.html"}
    assert backlinks("I.2") == {"Charles Salvaudon, 1": "experts/salvaudon.html#claim-salvaudon-un",
                                "Synthèse, 1": "synthese.html#point-synthese-1"}
    # a plain {clause} citation from another page is a back-link too
    assert backlinks("I.3") == {"Une autre page": "autre.html"}
    # the notes inside a clause are not repeated in its back-links
    assert "note-I-1" not in str(clause_div(soup, "I.1").find("nav"))


def test_claim_is_a_card_linking_to_its_clauses(good: Project) -> None:
    soup = html_of(good, "experts/salvaudon.html")
    card = soup.find(id="claim-salvaudon-un")
    assert isinstance(card, Tag) and "sd-card" in card["class"]
    hrefs = [a["href"] for a in card.find_all("a")]
    assert hrefs == ["../essai.html#clause-I-1", "../essai.html#clause-I-2"]
    assert "Un acte politique" in card.get_text()


def test_a_citing_page_edited_alone_rewrites_the_cited_clause_page(project: Callable[..., Project],
                                                                   tmp_path: Path) -> None:
    proj = project(pages())
    out = tmp_path / "inc" / "html"
    command = [sys.executable, "-m", "sphinx", "-q", "-W", "-n", "--keep-going", "-b", "html",
               "-d", str(out.parent / "doctrees"), str(proj.srcdir), str(out)]
    subprocess.run(command, check=True)
    assert "autre.html" not in str(clause_div(BeautifulSoup((out / "essai.html").read_text(encoding="utf-8"),
                                                            "html.parser"), "I.2").find("nav"))
    (proj.srcdir / "autre.md").write_text(OTHER + "\nEt aussi {clause}`I.2`.\n", encoding="utf-8")
    subprocess.run(command, check=True)
    soup = BeautifulSoup((out / "essai.html").read_text(encoding="utf-8"), "html.parser")
    nav = clause_div(soup, "I.2").find("nav")
    assert isinstance(nav, Tag) and "autre.html" in [a["href"] for a in nav.find_all("a")]
    # and the reverse: a citation removed disappears from the back-links
    (proj.srcdir / "autre.md").write_text("# Une autre page\n\nPlus de citation.\n", encoding="utf-8")
    subprocess.run(command, check=True)
    soup = BeautifulSoup((out / "essai.html").read_text(encoding="utf-8"), "html.parser")
    assert clause_div(soup, "I.3").find("nav") is None


# ------------------------------------------------------------------------------- the real kit, built
def read(site: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((site / name).read_text(encoding="utf-8"), "html.parser")


def _date_spans(built_site: Path) -> list[tuple[str, dict[str, Any], str, list[dict[str, Any]]]]:
    corpus = json.loads((built_site / "corpus.json").read_text(encoding="utf-8"))
    return [(c["id"], s, c["text"], c["spans"]) for c in corpus["clauses"] for s in c["spans"] if s["type"] == "date"]


def test_chronology_lists_events_not_horizons_or_names(built_site: Path) -> None:
    from quizgen.sphinxext.commentary.chronology import is_event

    spans = _date_spans(built_site)
    wanted = [(clause_id, span) for clause_id, span, text, all_spans in spans if is_event(text, all_spans, span)]
    soup = read(built_site, "chronologie.html")
    rows = soup.select("tr.qg-chronology-event")
    linked = []
    for row in rows:
        link = row.find_all("td")[3].find("a")
        if "qg-chronology-editor" in (row.get("class") or []):
            assert link is None and "Repère de l’éditeur" in row.get_text(), row.get_text()
            continue
        assert isinstance(link, Tag), row.get_text()
        linked.append(link["href"].rsplit("#clause-", 1)[1].replace("-", "."))
    assert sorted(linked) == sorted(clause_id for clause_id, _span in wanted)
    assert 30 < len(wanted) < len(spans)
    shown = soup.get_text()
    # horizons, periods of programmes and dates inside names are not events
    for clause_id, span, text, _all in spans:
        before = text[max(0, int(span["start"]) - 25):int(span["start"])]
        if "jusqu" in before or "période" in before:
            assert (clause_id, span) not in wanted, (clause_id, span["text"])
    # "Solidarité 2024" (II.12) is a named exercise: its year is no date of the chronology
    assert not any(c == "II.12" and s["text"] == "2024" for c, s in wanted)
    assert f"{len(wanted)} événements datés" in shown
    editor = soup.select("tr.qg-chronology-editor")
    assert [row.find_all("td")[0].get_text()[-4:] for row in editor] == ["2001", "2017", "2023", "2024"]
    summit = soup.select("tr.qg-chronology-summit")
    assert len(summit) == 1 and "Tianjin" in summit[0].get_text() and "1ᵉʳ septembre 2025" in summit[0].get_text()


def test_chronology_is_in_date_order(built_site: Path) -> None:
    rows = read(built_site, "chronologie.html").select("tr.qg-chronology-event")
    years = [re.findall(r"\d{4}", row.find_all("td")[0].get_text())[0] for row in rows]
    assert years == sorted(years) and len(years) > 30, years


def test_every_claim_and_synthesis_point_is_attached_to_a_clause(built_site: Path) -> None:
    corpus = json.loads((built_site / "corpus.json").read_text(encoding="utf-8"))
    claims, points = corpus["extra"]["claims"], corpus["extra"]["synthesis_points"]
    clause_ids = {c["id"] for c in corpus["clauses"]}
    assert len(claims) >= 20 and len(points) >= 20
    for record in claims + points:
        assert record["clauses"], record["id"]
        assert set(record["clauses"]) <= clause_ids, record["id"]
    assert {c["expert"] for c in claims} == {"salvaudon", "lecorre"}
    # the traceability page lists each of them, each with its clause links
    soup = read(built_site, "tracabilite.html")
    rows = soup.select("table.qg-traceability tbody tr")
    assert len(rows) == len(claims) + len(points)
    for row in rows:
        assert row.find_all("td")[2].find("a", class_="qg-cite"), row.get_text()
    summary = soup.select_one("ul.qg-traceability-summary")
    assert isinstance(summary, Tag)
    for line in summary.find_all("li")[:-1]:
        attached, total = re.findall(r"(\d+) sur (\d+)", line.get_text())[0]
        assert attached == total


def test_no_placeholder_is_published(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        assert "XXXX" not in page.read_text(encoding="utf-8"), page
    assert "XXXX" not in (built_site / "corpus.json").read_text(encoding="utf-8")


def test_country_cards_are_computed_from_the_tags(built_site: Path) -> None:
    soup = read(built_site, "pays/index.html")
    india = soup.find(id="acteur-ind")
    assert isinstance(india, Tag)
    text = india.get_text(" ", strip=True)
    assert "Jamais nommé comme État dans la déclaration." in text
    absent = india.select_one("p.qg-actor-absent")
    assert isinstance(absent, Tag) and "§\u00a0III.1" in absent.get_text()
    china = soup.find(id="acteur-chn")
    assert isinstance(china, Tag)
    named = china.select_one("p.qg-actor-named")
    assert isinstance(named, Tag) and named.find("a", class_="qg-cite")
    china_absent = china.select_one("p.qg-actor-absent")
    assert isinstance(china_absent, Tag) and "§\u00a0III.1" in china_absent.get_text()
    # ten member states, and Laos as a state the text names
    assert len(soup.select("div.qg-actor-state")) >= 11
    assert soup.find(id="acteur-lao") is not None


def test_matrix_lists_the_absent_from_the_obor_paragraph(built_site: Path) -> None:
    soup = read(built_site, "pays/matrice.html")
    items = [li.get_text(" ", strip=True) for li in soup.select("ul.qg-member-lists li")]
    obor = [t for t in items if t.startswith("§\u00a0III.1 ")]
    assert len(obor) == 1, items
    assert "nomme 8 États membres" in obor[0]
    absent = obor[0].split("absents\u00a0:", 1)[1]
    assert {name.strip() for name in absent.split(",")} == {"Chine", "Inde"}
    rows = soup.select("table.qg-country-matrix tbody tr.qg-matrix-member")
    assert len(rows) == 10
    never = soup.select_one("p.qg-never-named")
    assert isinstance(never, Tag) and "Inde" in never.get_text()


def test_declaration_notes_and_back_links_on_the_real_kit(built_site: Path) -> None:
    kinds: dict[str, int] = {}
    with_note = set()
    for name in ("i", "ii", "iii", "iv", "v"):
        soup = read(built_site, f"declaration/{name}.html")
        for aside in soup.select("div.qg-clause > aside.qg-commentary"):
            kinds[aside["data-kind"]] = kinds.get(aside["data-kind"], 0) + 1
            with_note.add(aside["data-clause"])
            parent = aside.parent
            assert isinstance(parent, Tag) and parent["data-clause"] == aside["data-clause"]
    assert set(kinds) == {"expert", "synthese", "editeur"}
    assert len(with_note) >= 20
    # the Europe page cites clauses with the plain role: they show it among their back-links
    europe_cited = read(built_site, "declaration/iii.html")
    nav = clause_div(europe_cited, "III.4").find("nav", class_="qg-backlinks-nav")
    assert isinstance(nav, Tag)
    assert "../europe.html" in [a["href"] for a in nav.find_all("a")]


def test_country_map_draws_the_members_and_the_named_states(built_site: Path) -> None:
    """The map is drawn at build time from the outlines a package ships: an inline SVG, nothing fetched."""
    soup = read(built_site, "pays/index.html")
    svg = soup.select_one("figure.qg-map-figure svg.qg-map")
    assert svg is not None and svg.get("role") == "img"
    members = svg.select("g.qg-map-member")
    assert len(members) == 10
    assert {g.title.get_text() for g in members} >= {"Chine", "Inde", "Iran"}
    assert svg.select("g.qg-map-named") and svg.select("g.qg-map-other path")
    assert not svg.select("image, use[href^=http]") and "http" not in str(svg).replace(
        "http://www.w3.org/2000/svg", "")
    assert "hors de la carte" in soup.select_one(".qg-map-legend").get_text()
