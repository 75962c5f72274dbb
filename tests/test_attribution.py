"""Attribution: whose words the kit gives, and under whose name.

- An expert's note holds only the expert's words: every sentence names the expert, and every quotation in
  it is in a claim of that expert that the note cites (an editor's sentence goes into an editor's note).
- Each claim quotes the source at the line it gives (when the source file is at hand).
- Wherever the synthesis is quoted, the reader is told it was made with the help of ChatGPT and reviewed.
- The bibliography holds only works the source names, and says so when the source gives no title.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, Tag
from pybtex.database import parse_file

from tools import missing

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SOURCE_NAME = "000_f1d3799a4f6eca95.txt"
ATTRIBUTION = "réalisée avec l'aide de chatgpt et revue"


# ------------------------------------------------------------------------------------------ reading
@dataclass(frozen=True)
class Block:
    """A ``:::{name} argument`` block of a MyST page: its options and its body."""

    path: Path
    line: int
    argument: str
    options: dict[str, str]
    body: str

    @property
    def where(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"


def blocks(name: str, text: str, path: Path) -> Iterator[Block]:
    """The ``{name}`` colon-fenced blocks of a page (innermost blocks: a body ends at its own fence)."""
    lines = text.split("\n")
    opening = re.compile(r"^(:{3,})\{" + re.escape(name) + r"\}\s*(.*)$")
    for number, line in enumerate(lines):
        match = opening.match(line)
        if not match:
            continue
        fence, options, body, i = match.group(1), {}, [], number + 1
        while i < len(lines) and re.match(r"^:[a-z-]+:", lines[i]):
            key, _, value = lines[i][1:].partition(":")
            options[key] = value.strip()
            i += 1
        while i < len(lines) and lines[i] != fence:
            body.append(lines[i])
            i += 1
        yield Block(path, number + 1, match.group(2).strip(), options, "\n".join(body).strip())


def kit_blocks(name: str) -> list[Block]:
    return [block for path in sorted(DOCS.rglob("*.md"))
            for block in blocks(name, path.read_text(encoding="utf-8"), path)]


def norm(text: str) -> str:
    """Text compared across typography: quotation marks and spaces of any kind, ’ and ', case, roles."""
    text = re.sub(r"\{[a-z-]+\}`([^`<]*?)\s*(?:<[^>`]*>)?`", r"\1", text)
    text = text.replace("’", "'").replace("\u00a0", " ").replace("\u202f", " ")
    text = re.sub(r"[«»“”\"]", " ", text)
    text = re.sub(r"'\s+", "'", text)  # the source's « l’ OCS »
    return " ".join(text.split()).lower()


def quotations(text: str) -> list[str]:
    """The quoted stretches of a text (outer « … »; inner “ … ” belong to them), cut at « […] »."""
    found = []
    for quote in re.findall(r"«([^«»]*)»", text):
        found += [part.strip(" .,;:…") for part in quote.split("[…]") if part.strip(" .,;:…")]
    return found


def sentences(text: str) -> list[str]:
    """A text's sentences; a full stop inside a quotation does not end the sentence that quotes it."""
    def mask(match: re.Match[str]) -> str:  # the words go, the final punctuation stays
        words, end = re.fullmatch(r"(.*?)([.!?…\s]*)", match.group(1), re.S).groups()  # type: ignore[union-attr]
        return "«" + "q" * len(words) + end + "»"

    masked = re.sub(r"«([^«»]*)»", mask, text)
    cuts = [0] + [m.end() for m in re.finditer(r"[.!?…](?:\s*»)?\s+(?=[A-ZÀ-ÖØ-Þ«])", masked)] + [len(text)]
    return [" ".join(text[a:b].split()) for a, b in itertools.pairwise(cuts) if text[a:b].strip()]


def experts() -> dict[str, str]:
    """Expert key → surname (what a note names the expert by)."""
    data = tomllib.loads((DOCS / "experts" / "experts.toml").read_text(encoding="utf-8"))
    return {key: str(value["name"]).split(" ", 1)[1] for key, value in data.items()}


def source_lines() -> list[str]:
    """The source document's lines (numbered from 1 as in the notes), or skip when it is not at hand.

    It is looked for beside the checkout (``../shared/source``, one or two levels up) or at ``$QG_SOURCE``.
    """
    candidates = [Path(os.environ["QG_SOURCE"])] if os.environ.get("QG_SOURCE") else []
    candidates += [base / "shared" / "source" / SOURCE_NAME for base in (ROOT.parent, ROOT.parent.parent)]
    for candidate in candidates:
        if candidate.is_file():
            return ["", *candidate.read_text(encoding="utf-8").split("\n")]
    # CI lays shared/ beside its clone: there a missing source is a failure, never a silent skip.
    missing("the source document is not beside this checkout (set QG_SOURCE to its path)")


# ------------------------------------------------------------------------------------- expert notes
def expert_note_problems(note: Block, claims: dict[str, Block], surnames: dict[str, str]) -> list[str]:
    """What makes a note labelled as an expert's hold words that are not the expert's."""
    expert = note.options.get("expert", "")
    surname = surnames[expert]
    cited = [claims[c] for c in note.options.get("cites", "").split() if c in claims]
    problems = [f"{note.where}: cites no claim of {surname}"] if not cited else []
    problems += [f"{note.where}: cites {c.argument}, a claim of another expert" for c in cited
                 if c.options.get("expert") != expert]
    said = " ".join(norm(c.body) for c in cited)
    for sentence in sentences(note.body):
        if surname not in sentence and "l’expert" not in sentence:
            problems.append(f"{note.where}: « {sentence} » does not name {surname}: an editor's sentence? "
                            "Move it to a note of kind editeur.")
    for quote in quotations(note.body):
        if norm(quote) not in said:
            problems.append(f"{note.where}: « {quote} » is in no claim of {surname} that the note cites")
    return problems


def test_an_expert_note_holds_only_words_attributed_to_that_expert() -> None:
    claims = {block.argument: block for block in kit_blocks("claim")}
    notes = [block for block in kit_blocks("commentary") if block.options.get("kind") == "expert"]
    assert len(notes) >= 10 and len(claims) >= 20
    surnames = experts()
    problems = [problem for note in notes for problem in expert_note_problems(note, claims, surnames)]
    assert problems == []


def test_the_rule_catches_an_editor_sentence_inside_an_expert_note() -> None:
    """The slip of issue 12: the note on § II.11 said which region the SUAR is, under Salvaudon's name."""
    claims = {block.argument: block for block in kit_blocks("claim")}
    old = ":::{commentary}\n:kind: expert\n:expert: salvaudon\n:cites: salvaudon-chine-arriere-cour\n\n" \
          "Salvaudon : l’Asie centrale est une « zone frontalière sensible pour la Chine (Xinjiang) ». " \
          "La SUAR nommée ici est la région autonome ouïghoure du Xinjiang.\n:::"
    [note] = blocks("commentary", old, DOCS / "declaration" / "ii.md")
    problems = expert_note_problems(note, claims, experts())
    assert len(problems) == 1 and "La SUAR nommée ici" in problems[0]
    invented = old.replace("(Xinjiang) »", "(Xinjiang) », « une menace existentielle »").replace(
        " La SUAR nommée ici est la région autonome ouïghoure du Xinjiang.", "")
    [note] = blocks("commentary", invented, DOCS / "declaration" / "ii.md")
    assert [p for p in expert_note_problems(note, claims, experts()) if "une menace existentielle" in p]


def test_every_claim_quotes_the_source_at_its_line() -> None:
    lines = source_lines()
    surnames = experts()
    problems = []
    for claim in kit_blocks("claim"):
        number = int(claim.options["source"])
        expert_lines = {"salvaudon": range(12, 34), "lecorre": range(34, 39)}[claim.options["expert"]]
        assert number in expert_lines, f"{claim.where}: line {number} is not in {surnames[claim.options['expert']]}'s part"
        assert "XXXX" not in claim.body
        for quote in quotations(claim.body):
            if norm(quote) not in norm(lines[number]):
                problems.append(f"{claim.where}: « {quote} » is not at line {number} of the source")
    assert problems == []


# ---------------------------------------------------------------------------------------- synthesis
def synthesis_quotes(text: str, synthesis: str, elsewhere: str) -> list[str]:
    """The quotations of a text that come from the synthesis (and not from the declaration or the experts)."""
    return [q for q in quotations(text) if len(norm(q).split()) >= 3 and norm(q) in synthesis
            and norm(q) not in elsewhere]


BLOCKS = ("aside", "div.sd-card", "li", "td", "th", "p", "blockquote", "dd", "h1", "h2", "h3", "h4", "summary",
          "div", "section")


def enclosing_block(node: Tag) -> Tag:
    for parent in node.parents:
        if isinstance(parent, Tag) and any(parent.name == sel.split(".")[0] and (
                "." not in sel or sel.split(".")[1] in parent.get("class", [])) for sel in BLOCKS):
            # a paragraph inside a card or a note: the card or the note is what carries the attribution
            outer = parent.find_parent(["aside"]) or parent.find_parent("div", class_="sd-card")
            return outer if isinstance(outer, Tag) else parent
    raise AssertionError("no enclosing block")


def test_every_quote_of_the_synthesis_carries_its_attribution(built_site: Path) -> None:
    corpus = json.loads((built_site / "corpus.json").read_text(encoding="utf-8"))
    synthesis = norm(" ".join(point["text"] for point in corpus["extra"]["synthesis_points"]))
    elsewhere = norm(" ".join([c["text"] for c in corpus["clauses"]] + [c["text"] for c in corpus["extra"]["claims"]]))
    head = BeautifulSoup((built_site / "synthese.html").read_text(encoding="utf-8"), "html.parser").select_one(
        "article .admonition")
    assert head is not None and "avec l’aide de" in head.get_text() and "et revue" in head.get_text()
    found, checked = [], 0
    for page in sorted(built_site.rglob("*.html")):
        name = page.relative_to(built_site).as_posix()
        if name.startswith("_") or name == "synthese.html":  # the synthesis itself, introduced as such
            continue
        article = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("article.bd-article")
        if article is None:
            continue
        for text in article.find_all(string=re.compile("«")):
            block = enclosing_block(text.parent)
            quotes = synthesis_quotes(block.get_text(" "), synthesis, elsewhere)
            if not quotes:
                continue
            checked += 1
            if ATTRIBUTION not in norm(block.get_text(" ")) and ATTRIBUTION not in norm(str(block.get("aria-label", ""))):
                found.append(f"{name}: « {quotes[0]} » quoted without « réalisée avec l’aide de ChatGPT et revue »")
    assert checked >= 8, "the scan found too few quotes of the synthesis: it is broken"
    assert sorted(set(found)) == []


# ------------------------------------------------------------------------------------- bibliography
def test_the_bibliography_holds_only_works_the_source_names_and_flags_missing_titles() -> None:
    """A title is the source's when it is a whole line of it (a post's title) or a name the source uses in a
    sentence (« La Déclaration de Tianjin appelle… »); a heading of the blog is neither. Any other entry says
    « Titre non donné par la source »."""
    lines = source_lines()
    whole_lines = {norm(line.lstrip("- ")) for line in lines if line.strip()}
    bibliography = parse_file(str(DOCS / "refs.bib"))
    problems = []
    for key, entry in bibliography.entries.items():
        title = entry.fields["title"].strip("{}")
        note = entry.fields.get("note", "")
        in_a_sentence = any(re.search(r"\w[\s’']+" + re.escape(norm(title)), norm(line)) for line in lines)
        if norm(title) in whole_lines or in_a_sentence:
            continue
        if not note.startswith("Titre non donné par la source"):
            problems.append(f"{key}: title {title!r} is not the source's, and the note does not say so")
    assert problems == []
    assert "XXXX" not in (DOCS / "refs.bib").read_text(encoding="utf-8")


# ------------------------------------------------------------------------- what the text does not name
ABSENCE = re.compile(r"\b(la déclaration|le texte|elle|ces clauses)\s+ne\s+nomm(?:e|ent)\s+(?:pas|jamais|ni)\s+"
                     r"(.+?)(?=\s*[;.,(:)]|\s+que\b|$)", re.IGNORECASE | re.MULTILINE)


def absence_claims(text: str) -> list[tuple[str, list[str]]]:
    """« La déclaration ne nomme ni l’Europe ni l’Union européenne » → ("la déclaration", ["Europe", …])."""
    text = " ".join(re.sub(r"\{[a-z-]+\}`([^`<]*?)\s*(?:<[^>`]*>)?`", r"\1", text).split())
    found = []
    for subject, objects in ABSENCE.findall(text):
        names = [re.sub(r"^(?:l’|l'|la |le |les )", "", part.strip()) for part in re.split(r"\s+ni\s+", objects)]
        found.append((subject.lower(), [n for n in names if n and not n.startswith(("d’", "d'", "auteur"))]))
    return found


def test_what_the_kit_says_the_text_does_not_name_it_does_not_name(built_site: Path) -> None:
    """« Le texte ne nomme ni les États-Unis ni l’Occident » was false for the whole declaration (§ II.14):
    a sentence saying the declaration (or the clauses an exercise gives) never names something is checked."""
    corpus = json.loads((built_site / "corpus.json").read_text(encoding="utf-8"))
    texts = {c["id"]: c["text"] for c in corpus["clauses"]}
    problems, checked = [], 0
    for path in sorted(DOCS.rglob("*.md")) + sorted((ROOT / "exercises").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        documents = re.search(r"^:Documents:(.*)$", text, re.MULTILINE)
        given = re.findall(r"\{clause\}`([^`]+)`", documents.group(1)) if documents else []
        for subject, names in absence_claims(text):
            scope = given if subject == "ces clauses" else list(texts)
            if subject == "ces clauses" and not given:
                continue
            for name in names:
                checked += 1
                naming = [cid for cid in scope if re.search(r"\b" + re.escape(name) + r"\b", texts[cid], re.IGNORECASE)]
                if naming:
                    problems.append(f"{path.relative_to(ROOT)}: « {subject} ne nomme … {name} », but "
                                    f"{', '.join(naming)} does")
    assert checked >= 6, "too few sentences of absence found: the scan is broken"
    assert problems == []


def test_the_absence_rule_catches_the_old_exercise_key() -> None:
    assert absence_claims("5. Le texte ne nomme ni les États-Unis ni l’Occident. Les extraits") == [
        ("le texte", ["États-Unis", "Occident"])]
