"""Issue 16, item 2: every citation tip of the site is written empty with its clause's id, the site's one file
of clause texts holds the text it showed before (French typography included), and a page with tips loads it."""

from __future__ import annotations

import json
import re
from pathlib import Path

from bs4 import BeautifulSoup

from quizgen.corpus import Corpus
from quizgen.typography import french_typography
from tools import site_pages


def clause_texts(site: Path) -> dict[str, str]:
    text = (site / "_static" / "qg-clauses.js").read_text(encoding="utf-8")
    match = re.fullmatch(r"window\.qgClauseTexts = (\{.*\});\n", text, re.S)
    assert match, text[:200]
    found: dict[str, str] = json.loads(match.group(1))
    return found


def test_tips_are_shared_and_hold_each_clauses_typeset_text(built_site: Path) -> None:
    texts = clause_texts(built_site)
    corpus = Corpus.load(built_site / "corpus.json")
    assert set(texts) == {c.id for c in corpus.clauses}
    assert all(texts[c.id] == french_typography(c.text) for c in corpus.clauses)
    tips = 0
    for name in site_pages(built_site):
        soup = BeautifulSoup((built_site / name).read_text(encoding="utf-8"), "html.parser")
        found = soup.select("a.qg-cite .qg-cite-tip")
        for tip in found:
            assert tip.get_text() == "", f"{name}: a tip written into the page ({tip['data-qg-clause']})"
            assert tip["data-qg-clause"] in texts
            assert tip["role"] == "tooltip"
        scripts = [s.get("src", "") for s in soup.find_all("script")]
        loads = any(s.endswith("_static/qg-clauses.js") for s in scripts)
        assert loads == bool(found), f"{name}: loads the clause texts {loads}, has tips {bool(found)}"
        tips += len(found)
    assert tips > 400
