"""The kit's author-date reference style: an undated work is cited « s. d. » in French, "n.d." in English."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from bs4 import BeautifulSoup

from kit_project import Project

BIB = """
@misc{undated, author = {{Grain de sel}}, title = {{Un billet}}}
@misc{dated, author = {{Le Grand Continent}}, title = {{Un article}}, year = {2025}}
"""
PAGE = """# Essai

Parenthèse {cite:p}`undated`, texte {cite:t}`undated`, année {cite:year}`undated`, daté {cite:p}`dated`.

```{bibliography}
```
"""
CONF = """
extensions.append("sphinxcontrib.bibtex")
bibtex_bibfiles = ["refs.bib"]
bibtex_reference_style = "author_year_i18n"
"""


def citations(project: Callable[..., Project], language: str) -> list[str]:
    proj = project({"index.md": PAGE, "refs.bib": BIB}, conf_extra=CONF + f"language = {language!r}\n")
    app = proj.build()
    assert "WARNING" not in proj.warnings, proj.warnings
    soup = BeautifulSoup((Path(app.outdir) / "index.html").read_text(encoding="utf-8"),  # type: ignore[attr-defined]
                         "html.parser")
    return [re.sub(r"[ \n]+", " ", span.get_text()) for span in soup.select("span.bibtex-citation")]


def test_an_undated_work_is_cited_sans_date_in_french(project: Callable[..., Project]) -> None:
    assert citations(project, "fr") == ["[Grain de sel, s.\u00a0d.]", "Grain de sel [s.\u00a0d.]", "s.\u00a0d.",
                                        "[Le Grand Continent, 2025]"]


def test_the_fallback_comes_from_the_catalog_not_a_french_constant(project: Callable[..., Project]) -> None:
    assert citations(project, "en")[0] == "[Grain de sel, n.d.]"
