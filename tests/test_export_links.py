"""Feedback links in every export: absolute with the site's address (``quizgen_site_url``, carried by corpus.json
as ``site_url``), and none without it (the clause cited by its number), since a relative link is dead in an LMS."""

from __future__ import annotations

import json
import re
import sqlite3
import zipfile
from pathlib import Path

import pytest

from export_support import quiz_of, sample_questions
from quizgen.corpus import Corpus
from quizgen.export import export

SITE = "https://kit.example.org/tianjin/"
FORMATS = ["gift", "moodle", "qti", "anki"]


def texts(out: Path) -> dict[str, str]:
    """Every text file of the exports, zips and the Anki collection included."""
    found: dict[str, str] = {}
    for path in sorted(out.iterdir()):
        if path.suffix in (".txt", ".xml"):
            found[path.name] = path.read_text(encoding="utf-8")
        elif path.suffix == ".zip":
            with zipfile.ZipFile(path) as zf:
                found[path.name] = "\n".join(zf.read(n).decode() for n in zf.namelist() if n.endswith(".xml"))
        elif path.suffix == ".apkg":
            with zipfile.ZipFile(path) as zf:
                db = out / "collection.tmp"
                db.write_bytes(zf.read("collection.anki2"))
            conn = sqlite3.connect(db)
            found[path.name] = "\n".join(row[0] for row in conn.execute("select flds from notes"))
            conn.close()
            db.unlink()
    return found


def hrefs(text: str) -> list[str]:
    text = re.sub(r"\\(.)", r"\1", text).replace("&quot;", '"')  # GIFT's escapes, XML's entities
    return re.findall(r'href="([^"]+)"', text)


@pytest.mark.parametrize("fmt", FORMATS)
def test_links_absolute_with_the_site_address(tmp_path: Path, fmt: str) -> None:
    export([quiz_of(sample_questions())], [fmt], tmp_path, site_url=SITE)
    found = texts(tmp_path)
    links = [h for text in found.values() for h in hrefs(text) if "clause-" in h]
    assert links, found.keys()
    assert all(h.startswith(SITE + "declaration/") for h in links), links


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_dead_relative_link_without_it(tmp_path: Path, fmt: str) -> None:
    export([quiz_of(sample_questions())], [fmt], tmp_path)
    found = texts(tmp_path)
    assert not [h for text in found.values() for h in hrefs(text) if "clause-" in h]
    assert all("declaration/" not in text for text in found.values())
    assert any("clause II.3" in text for text in found.values())  # cited by number instead


def test_site_url_travels_in_corpus_json(tmp_path: Path) -> None:
    corpus = Corpus(title="t", clauses=[], site_url=SITE)
    path = tmp_path / "corpus.json"
    corpus.write(path)
    assert json.loads(path.read_text(encoding="utf-8"))["site_url"] == SITE
    assert Corpus.load(path).site_url == SITE
