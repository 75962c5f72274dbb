"""The clause directive, the span and citation roles, and every class of bad input with its message."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from kit_project import Project

GOOD_PAGE = """# I. Essai

:::{clause} I.1
:themes: securite

Les États membres condamnent les frappes contre la {state}`République islamique d’Iran` en {date}`juin 2025`, à {place}`Douchanbé`, pour le {num}`80e` anniversaire de l’{org}`OCS` multipolaire.
:::

:::{clause} I.2
:themes: economie securite

Deuxième clause, qui cite {clause}`I.1` et parle de la {state}`Chine <CHN>` le {date}`11 mars <2025-03-11>`.
:::
"""

GLOSSARY_PAGE = """# Glossaire

:::{vocabulary-glossary}
:::
"""


def build_ok(project: Callable[..., Project], pages: dict[str, str]) -> Project:
    proj = project({"index.md": "# Accueil\n\n```{toctree}\nessai\nglossaire\n```\n", "glossaire.md": GLOSSARY_PAGE,
                    **pages})
    proj.build()
    return proj


def build_fails(project: Callable[..., Project], pages: dict[str, str]) -> str:
    proj = project({"index.md": "# Accueil\n\n```{toctree}\n:glob:\n*\n```\n", "glossaire.md": GLOSSARY_PAGE,
                    **pages})
    app = proj.build()
    assert app.statuscode == 1  # type: ignore[attr-defined]
    assert "problem(s) in the kit's sources" in proj.warnings
    return proj.warnings


def test_clause_has_anchor_number_permalink_and_themes(project: Callable[..., Project]) -> None:
    proj = build_ok(project, {"essai.md": GOOD_PAGE})
    html = (Path(proj.app.outdir) / "essai.html").read_text(encoding="utf-8")  # type: ignore[attr-defined]
    assert '<div class="qg-clause" data-clause="I.1" data-themes="securite" id="clause-I-1">' in html
    assert 'href="#clause-I-1"' in html and "§\u00a0I.1" in html
    assert 'title="Lien permanent vers cette clause"' in html  # French interface string
    assert "qg-theme-economie" in html and "Économie" in html


def test_spans_carry_type_and_value_and_orgs_link_to_the_glossary(project: Callable[..., Project]) -> None:
    proj = build_ok(project, {"essai.md": GOOD_PAGE})
    html = (Path(proj.app.outdir) / "essai.html").read_text(encoding="utf-8")  # type: ignore[attr-defined]
    assert 'data-type="state" data-value="IRN"' in html
    assert 'data-type="date" data-value="2025-06"' in html
    assert 'data-type="number" data-value="80"' in html
    assert 'href="glossaire.html#term-OCS"' in html


def test_citation_links_to_the_clause_with_its_text_as_tooltip(project: Callable[..., Project]) -> None:
    proj = build_ok(project, {"essai.md": GOOD_PAGE})
    html = (Path(proj.app.outdir) / "essai.html").read_text(encoding="utf-8")  # type: ignore[attr-defined]
    start = html.index('class="qg-cite')
    link = html[html.rindex("<a", 0, start) : html.index("</a>", start)]
    assert 'href="#clause-I-1"' in link
    # The tip is written empty with the clause's id; its text comes from the site's file of clause texts,
    # which the page loads (issue 16).
    assert 'role="tooltip"' in link and 'data-qg-clause="I.1"' in link
    assert "_static/qg-clauses.js" in html
    tips = (Path(proj.app.outdir) / "_static" / "qg-clauses.js").read_text(encoding="utf-8")  # type: ignore[attr-defined]
    assert "Les États membres condamnent les frappes" in tips
    # no native tooltip: it would pop up over the clause's own tip
    assert "title=" not in link[: link.index(">")]


def test_corpus_records_text_spans_offsets_and_source(project: Callable[..., Project]) -> None:
    proj = build_ok(project, {"essai.md": GOOD_PAGE})
    data = json.loads((Path(proj.app.outdir) / "corpus.json").read_text(encoding="utf-8"))  # type: ignore[attr-defined]
    assert data["format"] == "quizgen-corpus" and data["version"] == 2
    first = data["clauses"][0]
    assert first["id"] == "I.1" and first["section"] == "I" and first["number"] == 1
    assert first["source"] == {"file": "src/essai.md", "line": 3}
    assert first["url"] == "essai.html#clause-I-1"
    for span in first["spans"]:
        assert first["text"][span["start"] : span["end"]] == span["text"]
    assert [s["type"] for s in first["spans"]] == ["state", "date", "place", "number", "org"]
    assert data["labels"]["state"]["IRN"] == "Iran"


BAD_INPUTS = {
    "duplicate id": (
        {"a.md": "# A\n\n:::{clause} I.1\n:themes: securite\n\nUn.\n:::\n",
         "b.md": "# B\n\n:::{clause} I.1\n:themes: securite\n\nDeux.\n:::\n"},
        "duplicate clause id 'I.1'", "give each clause its own id",
    ),
    "unknown clause cited": (
        {"a.md": "# A\n\n:::{clause} I.1\n:themes: securite\n\nUn {clause}`II.99`.\n:::\n"},
        "unknown clause 'II.99' cited", "cite an existing clause id",
    ),
    "unknown theme": (
        {"a.md": "# A\n\n:::{clause} I.1\n:themes: sport\n\nUn.\n:::\n"},
        "unknown theme 'sport'", "use one of: securite, economie",
    ),
    "unknown state": (
        {"a.md": "# A\n\n:::{clause} I.1\n:themes: securite\n\nLa {state}`Atlantide`.\n:::\n"},
        "unknown state 'Atlantide'", "add 'Atlantide' to its forms in the [states] table",
    ),
    "unknown state code": (
        {"a.md": "# A\n\n:::{clause} I.1\n:themes: securite\n\nLa {state}`France <FRA>`.\n:::\n"},
        "unknown state 'FRA'", "use one of CHN, IRN",
    ),
    "malformed date": (
        {"a.md": "# A\n\n:::{clause} I.1\n:themes: securite\n\nLe {date}`31 février 2025`.\n:::\n"},
        "malformed date", "explicit ISO value",
    ),
    "malformed explicit date": (
        {"a.md": "# A\n\n:::{clause} I.1\n:themes: securite\n\nLe {date}`11 mars <11/03/2025>`.\n:::\n"},
        "is not an ISO date", "explicit ISO value",
    ),
    "empty span": (
        {"a.md": "# A\n\n:::{clause} I.1\n:themes: securite\n\nVide {org}` `.\n:::\n"},
        "empty {org} span", "put the words of the text between the backquotes",
    ),
    "malformed clause id": (
        {"a.md": "# A\n\n:::{clause} 2.1\n:themes: securite\n\nUn.\n:::\n"},
        "malformed clause id '2.1'", "e.g. II.12",
    ),
    "missing theme": (
        {"a.md": "# A\n\n:::{clause} I.1\n\nUn.\n:::\n"},
        "clause I.1 has no theme", "add `:themes:`",
    ),
    "two paragraphs in a clause": (
        {"a.md": "# A\n\n:::{clause} I.1\n:themes: securite\n\nUn.\n\nDeux.\n:::\n"},
        "clause I.1 holds 2 paragraphs", "split it into several clauses",
    ),
    "gap in numbering": (
        {"a.md": "# A\n\n:::{clause} I.1\n:themes: securite\n\nUn.\n:::\n\n:::{clause} I.3\n:themes: securite\n\nTrois.\n:::\n"},
        "clause I.2 is missing", "without gaps",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_stops_the_build_with_file_line_and_fix(project: Callable[..., Project], case: str) -> None:
    pages, message, fix = BAD_INPUTS[case]
    warnings = build_fails(project, pages)
    lines = [line for line in warnings.splitlines() if message in line]
    assert lines, warnings
    assert any(".md:" in line and fix in line for line in lines), lines
    assert all("fix:" in line for line in lines)
