"""French typography on every built page: the site's text goes through the same function as the quizzes.

No plain space before ``;`` ``:`` ``!`` ``?``, none inside « », and no "1er" left in plain letters, in any
text a reader sees (code, scripts and styles aside) or hears (``title``, ``aria-label``, ``placeholder``,
``alt``), on every page of the built site.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from bs4 import BeautifulSoup, Comment

from quizgen.sphinxext.site.typography import typeset
from quizgen.typography import NBSP, NNBSP
from tools import site_pages

VERBATIM = {"script", "style", "code", "pre", "kbd", "samp", "tt", "textarea"}
SPOKEN = ("title", "aria-label", "placeholder", "alt")
#: a plain space before high punctuation that ends a word, inside « », or an ordinal in plain letters
PLAIN = re.compile(r"(?<=\S) [;:!?](?=\s|$)|« | »|\b1er\b")


def _slips(html: str) -> list[str]:
    soup = BeautifulSoup(html, "lxml")
    found = []
    for string in soup.find_all(string=True):
        if isinstance(string, Comment) or any(parent.name in VERBATIM for parent in string.parents):
            continue
        found += [string[max(0, m.start() - 25):m.end() + 15] for m in PLAIN.finditer(string)]
    for element in soup.find_all(True):
        for attribute in SPOKEN:
            value = element.get(attribute)
            if isinstance(value, str) and PLAIN.search(value):
                found.append(f"{attribute}={value[:60]!r}")
    return found


def test_no_plain_space_before_high_punctuation_on_any_page(built_site: Path) -> None:
    pages = site_pages(built_site)
    assert len(pages) > 20
    slips = {page: found for page in pages if (found := _slips((built_site / page).read_text("utf-8")))}
    assert not slips, "plain spaces left (page: examples):\n" + "\n".join(
        f"{page}: {found[:3]}" for page, found in slips.items())


def test_the_check_sees_a_slip() -> None:
    assert len(_slips("<p>Niveau : 2 « mot » le 1er mai</p>")) == 4
    assert _slips('<button aria-label="Suivant ?">x</button>')
    assert not _slips("<p>Niveau\u00a0: 2</p><pre>a : b</pre><code>x ; y</code>")


def test_typeset_judges_punctuation_with_the_text_before_it() -> None:
    from docutils import nodes

    para = nodes.paragraph("", "", nodes.strong("Niveau", "Niveau"), nodes.Text(": 2 « a » le 1er"),
                           nodes.literal("x : y", "x : y"))
    typeset(para)
    assert para.astext() == f"Niveau{NBSP}: 2 «{NNBSP}a{NNBSP}» le 1ᵉʳx : y"
    # a text node after a closing quote: the quote is not written twice
    quoted = nodes.paragraph("", "", nodes.emphasis("", "« a »"), nodes.Text(", b"))
    typeset(quoted)
    assert quoted.astext() == f"«{NNBSP}a{NNBSP}», b"


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def test_typography_changes_only_spaces_and_letters_of_the_clauses(built_site: Path) -> None:
    """Every clause of the site reads as its text in the corpus, but for spaces and superscript letters."""
    corpus = json.loads((built_site / "corpus.json").read_text("utf-8"))
    texts = {c["id"]: c["text"] for c in corpus["clauses"]}
    seen = 0
    for page in sorted((built_site / "declaration").glob("*.html")):
        soup = BeautifulSoup(page.read_text("utf-8"), "lxml")
        for clause in soup.select(".qg-clause[id^=clause-]"):
            body = clause.select_one(".qg-clause-text")
            clause_id = clause["id"].removeprefix("clause-").replace("-", ".")
            if body is None or clause_id not in texts:
                continue
            for tip in body.select(".qg-cite-tip, .qg-visually-hidden"):
                tip.decompose()
            assert _squash(body.get_text()) == _squash(texts[clause_id]), clause_id
            seen += 1
    assert seen == len(texts)


def test_headings_and_titles_keep_their_no_break_spaces(built_site: Path) -> None:
    page = (built_site / "tracabilite.html").read_text("utf-8")
    title = re.search(r"<title>(.*?)</title>", page, re.S)
    assert title and f"Traçabilité{NBSP}:" in title.group(1), title
