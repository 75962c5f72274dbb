"""Parallel builds give the same pages; an incremental rebuild re-reads one page and stays correct;
the corpus is deterministic; every interface string has its French translation."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po
from bs4 import BeautifulSoup

from quizgen.corpus import Corpus

SPHINXEXT = Path(__file__).resolve().parent.parent / "src" / "quizgen" / "sphinxext"


def sphinx_build(src: Path, out: Path, *extra: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "--no-color", "-W", "-n", "--keep-going", "-b", "html", "-d", str(out.parent / "doctrees"),
         *extra, str(src), str(out)],
        check=True, capture_output=True, text=True,
    )
    return result.stdout


def pages(out: Path) -> dict[str, str]:
    return {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in sorted(out.rglob("*.html"))}


def test_parallel_build_gives_the_same_pages_and_corpus(built_site: Path, docs_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "parallel" / "html"
    sphinx_build(docs_copy, out, "-j", "auto")
    serial, parallel = pages(built_site), pages(out)
    assert serial.keys() == parallel.keys()
    for name in serial:
        assert serial[name] == parallel[name], name
    assert (built_site / "corpus.json").read_bytes() == (out / "corpus.json").read_bytes()


def test_incremental_rebuild_rereads_only_the_edited_page(docs_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "incremental" / "html"
    sphinx_build(docs_copy, out)
    page = docs_copy / "declaration" / "ii.md"
    text = page.read_text(encoding="utf-8")
    edited = text.replace("perpétrés à {place}`Pahalgam`", "perpétrés à {place}`Khuzdar`", 1)
    # The clause's {acts} block quotes its object verbatim: it follows the edit, or the build stops.
    edited = edited.replace("perpétrés à Pahalgam le 22 avril 2025", "perpétrés à Khuzdar le 22 avril 2025", 1)
    assert edited != text
    page.write_text(edited, encoding="utf-8")
    log = sphinx_build(docs_copy, out)
    reading = re.search(r"(\d+) added, (\d+) changed, (\d+) removed", log)
    assert reading and reading.groups() == ("0", "1", "0"), log
    assert re.search(r"reading sources\.\.\. \[100%\] declaration/ii", log), log
    corpus = Corpus.load(out / "corpus.json")
    assert len(corpus) == 111
    clause = corpus.clause("II.5")
    assert [s.value for s in clause.spans if s.type == "place"] == ["Khuzdar"]
    # Pages that cite II.5 show the new text in their tooltip: it comes from the site's file of clause texts
    # (issue 16), which the page loads.
    tips = (out / "_static" / "qg-clauses.js").read_text(encoding="utf-8")
    assert "perpétrés à Khuzdar le 22 avril 2025" in tips
    assert 'data-qg-clause="II.5"' in (out / "index.html").read_text(encoding="utf-8")


def interface_strings(module: Path) -> set[str]:
    """The literal arguments of every ``_()`` call in a module (adjacent literals already joined)."""
    found = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_"
                and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            found.add(node.args[0].value)
    return found


def test_every_interface_string_has_a_french_translation() -> None:
    catalog = read_po((SPHINXEXT / "locale" / "fr" / "LC_MESSAGES" / "quizgen.po").open("rb"))
    translated = {message.id: message.string for message in catalog if message.id}
    used: set[str] = set()
    for module in SPHINXEXT.rglob("*.py"):
        used |= interface_strings(module)
    assert len(used) > 20, "too few interface strings found: the scan is broken"
    missing = sorted(s for s in used if not translated.get(s))
    assert missing == []


ENGLISH_UI = re.compile(r"\b(Toggle|Search|Permanent link|Cited by|Answer key|Check|Show|Hide|Download|Print|Themes?|"
                        r"Contents|Close|Next|Previous|Score|Another version|Skip to main content|Back to top|"
                        r"Main|Copyright|By|Site navigation|Section navigation|On this page|Version warning|"
                        r"Light|Dark|System settings|Last updated|Built with|Created using|Edit this page|"
                        r"Fullscreen|Launch|Repository|Open an issue|Table of contents|Home|Breadcrumb)\b")

#: Attributes a screen reader reads out or a pointer shows (aria-labelledby, aria-controls… hold ids).
READ_ATTRIBUTES = ("title", "aria-label", "aria-description", "aria-roledescription", "aria-placeholder",
                   "aria-valuetext", "placeholder", "alt")


def chrome_text(soup: BeautifulSoup) -> list[str]:
    """The visible text of a page outside its article: the theme's header, sidebars, footer, buttons."""
    for tag in soup(["script", "style", "template"]):
        tag.decompose()
    article = soup.select_one("article.bd-article")
    if article is not None:
        article.decompose()
    return [line.strip() for line in soup.get_text("\n").split("\n") if line.strip()]


def test_no_english_interface_string_in_the_french_site(built_site: Path) -> None:
    """Labels, tooltips and placeholders a reader meets are French (the theme's English ones are overridden):
    every attribute a screen reader reads, every button, and every visible word of the theme's chrome."""
    found = []
    for page in sorted(built_site.rglob("*.html")):
        name = page.relative_to(built_site).as_posix()
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(True):
            for attribute in READ_ATTRIBUTES:
                value = tag.get(attribute)
                if isinstance(value, str) and ENGLISH_UI.search(value) and "«" not in value:
                    found.append(f"{name}: {attribute}={value!r}")  # a quotation is content, not interface
        for button in soup.find_all("button"):
            if ENGLISH_UI.search(button.get_text(" ", strip=True)):
                found.append(f"{name}: button {button.get_text(' ', strip=True)!r}")
        if not name.startswith("_"):
            found += [f"{name}: theme text {line!r}" for line in chrome_text(soup) if ENGLISH_UI.search(line)]
    assert found == []


def test_the_footer_reads_as_french(built_site: Path) -> None:
    """No « © Copyright » (the English word doubles the sign), no « Par Contributeurs » (a name needs its article)."""
    for name in ("index.html", "declaration/ii.html", "bibliographie.html"):
        footer = BeautifulSoup((built_site / name).read_text(encoding="utf-8"), "html.parser").select_one(
            "footer.bd-footer-content")
        assert footer is not None, name
        author = footer.select_one(".component-author")
        copyright_line = footer.select_one(".copyright")
        assert author is not None and copyright_line is not None, name
        assert author.get_text(" ", strip=True) == "Par les contributeurs du kit quizgen", name
        assert copyright_line.get_text(" ", strip=True) == (
            "© 2025-2026, contributeurs du kit quizgen (code et commentaires)."), name


#: What pybtex's styles write in English: a missing date, editors, pages, theses, reports, addresses, "and".
ENGLISH_BIBLIOGRAPHY = re.compile(r"\bn\.\s?d\.|\bIn:|\bedited by\b|\beditors?\b|\bpages?\b|\bpp\.|"
                                  r"\b(Technical|Tech\.) [Rr]eport\b|\b(PhD|Master's) thesis\b|\bURL\b|"
                                  r"\bvolume\b|\bnumber\b| and ")


def test_bibliography_labels_are_french(built_site: Path) -> None:
    """Author-date citations (their text and tooltip) and the bibliography's entries carry no English label;
    an undated work is cited « s. d. » (sans date), through the kit's reference style."""
    found, undated = [], 0
    for page in sorted(built_site.rglob("*.html")):
        name = page.relative_to(built_site).as_posix()
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for citation in soup.select("span.bibtex-citation"):
            texts = [citation.get_text(" ", strip=True)] + [str(a.get("title", "")) for a in citation.find_all("a")]
            found += [f"{name}: citation {text!r}" for text in texts if ENGLISH_BIBLIOGRAPHY.search(text)]
            undated += citation.get_text().count("s.\u00a0d.")
        for entry in soup.select("div.citation"):
            text = entry.get_text(" ", strip=True)
            if ENGLISH_BIBLIOGRAPHY.search(text):
                found.append(f"{name}: entry {text!r}")
    assert found == []
    assert undated >= 5, "the undated blog post is cited on several pages: its citations should read « s. d. »"


def files(out: Path, folder: str) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted((out / folder).rglob("*")) if p.is_file()}


def written(log: str) -> list[str]:
    return re.findall(r"writing output\.\.\. \[\s*\d+%\]\s+(\S+)", log)


def test_rebuilds_write_only_what_changed_and_match_a_clean_build(docs_copy: Path, tmp_path: Path) -> None:
    """Issue 16: a no-op rebuild writes no page and leaves the exports as they are; a one-clause edit writes the pages
    whose content changed and no others — and gives the very pages, corpus and exports of a clean build."""
    out = tmp_path / "incremental" / "html"
    sphinx_build(docs_copy, out)
    exports = files(out, "exports")

    log = sphinx_build(docs_copy, out)
    assert written(log) == [], log
    assert "recipe(s) unchanged" not in log, log  # not even looked at: test_speed_noop.py
    assert files(out, "exports") == exports

    page = docs_copy / "declaration" / "ii.md"
    lines = page.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if re.match(r"^:{3,}\{clause\}\s+II\.12\b", line))
    end = next(i for i in range(start + 1, len(lines)) if re.match(r"^:{3,}\{clause\}", lines[i]))
    longest = max(range(start + 1, end), key=lambda i: len(lines[i]))
    lines[longest] += " (modifié)"
    page.write_text("\n".join(lines), encoding="utf-8")
    log = sphinx_build(docs_copy, out)
    rewritten = written(log)
    assert "declaration/ii" in rewritten, log
    assert len(rewritten) < len(pages(out)) // 2, rewritten  # 32 of 44 pages before issue 16
    # The pages of authored questions and of the exports' table show neither the clause nor anything made
    # from it here: what they show is unchanged, they are not written again (12 pages written → 9).
    assert not {"quiz/questions", "quiz/telechargements", "quiz/index"} & set(rewritten), rewritten

    clean = tmp_path / "clean" / "html"
    sphinx_build(docs_copy, clean)
    incremental, fresh = pages(out), pages(clean)
    assert incremental.keys() == fresh.keys()
    for name in fresh:
        assert incremental[name] == fresh[name], f"{name} differs from a clean build's after a one-clause edit"
    assert (out / "corpus.json").read_bytes() == (clean / "corpus.json").read_bytes()
    assert files(out, "exports") == files(clean, "exports")


def test_an_edit_shown_by_a_computed_page_rewrites_it_as_a_clean_build_would(docs_copy: Path, tmp_path: Path) -> None:
    """Issue 16: computed pages are written again when what they show of the clauses changes (and only then):
    a new sentence around a date (the chronology) and a state no longer tagged (the countries' cards and
    matrix) each reach their page, byte for byte as in a clean build."""
    out = tmp_path / "incremental" / "html"
    sphinx_build(docs_copy, out)
    page = docs_copy / "declaration" / "ii.md"
    text = page.read_text(encoding="utf-8")
    words = "les frappes militaires menées par"  # in § II.14 and in its {acts} block, which quotes it
    tagged = "{state}`États-Unis d’Amérique`"
    assert text.count(words) == 2 and tagged in text
    page.write_text(text.replace(words, words.replace("militaires", "aériennes"))
                    .replace(tagged, "États-Unis d’Amérique", 1), encoding="utf-8")
    rewritten = written(sphinx_build(docs_copy, out))
    assert {"chronologie", "pays/index", "pays/matrice"} <= set(rewritten), rewritten
    assert "tracabilite" not in rewritten  # it shows no clause text and no tag
    clean = tmp_path / "clean" / "html"
    sphinx_build(docs_copy, clean)
    incremental, fresh = pages(out), pages(clean)
    for name in ("chronologie.html", "pays/index.html", "pays/matrice.html", "tracabilite.html"):
        assert incremental[name] == fresh[name], name
    assert "frappes aériennes" in incremental["chronologie.html"]
