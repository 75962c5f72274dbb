"""The published declaration is the extracted source, word for word, except for the listed mends."""

from __future__ import annotations

import difflib
import hashlib
import re
from pathlib import Path

import pytest

from quizgen.corpus import Corpus
from quizgen.fidelity import Edition
from quizgen.typography import french_typography

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "docs" / "_data"
SHARED_SOURCE = ROOT.parent / "shared" / "source" / "000_f1d3799a4f6eca95.txt"
#: sha256 of the whole extracted source, and of the lines the repository keeps of it.
SOURCE_SHA256 = "dbf077751c79cfac857e298686f58f68b168d2d403fb1b2589494c98a9a8270e"
KEPT_SHA256 = "8b68c724fd6f67425e83491938a02ac0ee43ad812e0caffbd557b554820d59ec"


@pytest.fixture(scope="module")
def edition() -> Edition:
    return Edition.load(DATA)


def test_every_mend_matches_once_on_its_line(edition: Edition) -> None:
    assert edition.check_mends() == []
    assert len(edition.mends) >= 20


def test_the_kept_copy_is_the_source_verbatim(edition: Edition) -> None:
    # The repository's copy (docs/_data/declaration-source.txt) is lines 73–185 of the extracted source, as
    # checked against the shared file with the digests below; a clone without ../shared still checks the copy
    # against that digest, so the test never skips. Mends go to mends.toml, never into the copy.
    kept = edition.source_text
    assert hashlib.sha256(kept.encode("utf-8")).hexdigest() == KEPT_SHA256, "the kept copy of the source changed"
    assert edition.first_line == 73 and kept.split("\n")[0] == "I. Déclaration préalable"
    if SHARED_SOURCE.exists():  # beside the project's working copy: compare with the source itself
        assert hashlib.sha256(SHARED_SOURCE.read_bytes()).hexdigest() == SOURCE_SHA256
        lines = SHARED_SOURCE.read_text(encoding="utf-8").split("\n")
        first = edition.first_line
        assert kept.split("\n") == lines[first - 1 : first - 1 + len(kept.split("\n"))]


def test_clauses_equal_the_mended_source_in_order(built_site: Path, edition: Edition) -> None:
    corpus = Corpus.load(built_site / "corpus.json")
    expected = edition.paragraphs()
    assert [c.id for c in corpus] == [p.clause_id for p in expected]
    for clause, paragraph in zip(corpus, expected, strict=True):
        assert clause.text == paragraph.text, clause.id


def test_applying_the_mends_changes_nothing_else(edition: Edition) -> None:
    # Every difference between the extracted and the published text lies inside one listed mend.
    source, mended = edition.source_text, edition.mended_text()
    changes = 0
    lines = difflib.SequenceMatcher(None, source.split("\n"), mended.split("\n"), autojunk=False)
    for op, i1, i2, j1, j2 in lines.get_opcodes():
        if op == "equal":
            continue
        # Within a changed block of lines, compare word by word.
        old = re.findall(r"\w+|\W", "\n".join(source.split("\n")[i1:i2]))
        new = re.findall(r"\w+|\W", "\n".join(mended.split("\n")[j1:j2]))
        for tag, a1, a2, b1, b2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
            if tag == "equal":
                continue
            changes += 1
            pad = 1 if a1 == a2 or b1 == b2 else 0  # an insertion or deletion is judged with its neighbours
            was, now = "".join(old[a1 - pad : a2 + pad]), "".join(new[b1 - pad : b2 + pad])
            assert any(was in m.before and now in m.after for m in edition.mends), (was, now)
    assert changes >= len(edition.mends)
    assert len(source) - len(mended) == sum(len(m.before) - len(m.after) for m in edition.mends)


def test_sections_and_closing(built_site: Path, edition: Edition) -> None:
    corpus = Corpus.load(built_site / "corpus.json")
    assert [s.title for s in corpus.sections] == list(edition.headings)
    last_page = (built_site / "declaration" / "v.html").read_text(encoding="utf-8")
    closing = french_typography(edition.closing)  # the site sets the text in French typography
    assert closing in last_page
    assert last_page.index(closing) > last_page.index('id="clause-V-4"')


def test_the_placeholder_is_never_published(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        assert "XXXX" not in page.read_text(encoding="utf-8"), page
    assert "XXXX" not in (built_site / "corpus.json").read_text(encoding="utf-8")


def test_the_edition_page_lists_every_mend(built_site: Path, edition: Edition) -> None:
    page = (built_site / "edition.html").read_text(encoding="utf-8")
    table = page[page.index('class="qg-mends'):]
    assert table.count("<tr") == len(edition.mends) + 1  # header row + one row a mend
    for mend in edition.mends:
        assert french_typography(mend.why) in page
