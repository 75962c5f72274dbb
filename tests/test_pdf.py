"""The printable handouts: every clause and note in its PDF, no answer in the student edition, the key in
the teacher edition, the same bytes on every build, and a loud stop on a node type the builder ignores."""

from __future__ import annotations

import json
import pickle
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from tools import has_module, require

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
ROOTS = Path(__file__).resolve().parent / "roots"

pytestmark = pytest.mark.sphinx


@pytest.fixture(autouse=True)
def _pypdf() -> None:
    """pypdf reads the PDFs back (it is in the test extra): skip locally without it, fail under CI=true."""
    require(has_module("pypdf"), "pypdf is not installed (pip install pypdf)")


def reader(path: Path) -> Any:
    import pypdf

    return pypdf.PdfReader(path)


def squash(text: str) -> str:
    """Text with no spaces, hyphens or line breaks: immune to justification and hyphenation."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s\-\u00ad\u2010\u2011]+", "", text)


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in reader(path).pages)


MM = 72 / 25.4
#: The handouts' geometry (templates/quizgen.typ): text column 30–144 mm, notes from 150 mm, and
#: the running header and footer in the top and bottom 24 mm.
REGIONS = {"body": (29 * MM, 145 * MM), "margin": (148 * MM, 210 * MM)}


def region_text(path: Path, region: str) -> str:
    """The text of one column of every page, without running header and footer (so a clause split by a
    page break, or beside a margin note, reads as one run)."""
    low, high = REGIONS[region]
    parts: list[str] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        # Notes carried over to the next page are drawn whole and clipped: keep their hidden lines too.
        if low <= x <= high and (region == "margin" or 23 * MM <= y <= (297 - 23) * MM):
            parts.append(text)

    for page in reader(path).pages:
        page.extract_text(visitor_text=visit)
    return "".join(parts)


def build(src: Path, out: Path, doctrees: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sphinx", "-q", "-E", "-b", "handouts", "-d", str(doctrees),
                           str(src), str(out)], capture_output=True, text=True)


@pytest.fixture(scope="session")
def kit(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The kit's handouts, built twice from a copy of docs/ and exercises/."""
    base = tmp_path_factory.mktemp("pdf")
    shutil.copytree(DOCS, base / "docs", ignore=shutil.ignore_patterns("_build"))
    if (ROOT / "exercises").is_dir():
        shutil.copytree(ROOT / "exercises", base / "exercises")
    runs = []
    for n in (1, 2):
        done = build(base / "docs", base / f"out{n}", base / f"doctrees{n}")
        assert done.returncode == 0, done.stderr[-3000:]
        runs.append(base / f"out{n}")
    env = pickle.loads((base / "doctrees1" / "environment.pickle").read_bytes())
    manifest = json.loads((runs[0] / "handouts.json").read_text(encoding="utf-8"))
    return {"out": runs[0], "again": runs[1], "env": env, "manifest": manifest, "doctrees": base / "doctrees1"}


def texts(kit: dict[str, Any], region: str = "all") -> dict[str, str]:
    cache: dict[str, str] = kit.setdefault(f"texts-{region}", {})
    for pdf in sorted(kit["out"].glob("*.pdf")):
        if pdf.name not in cache:
            cache[pdf.name] = squash(pdf_text(pdf) if region == "all" else region_text(pdf, region))
    return cache


def test_one_handout_per_section_in_both_editions(kit: dict[str, Any]) -> None:
    sections = [h["section"] for h in kit["manifest"]["handouts"]]
    assert sections == ["I", "II", "III", "IV", "V"]
    for handout in kit["manifest"]["handouts"]:
        for pdf in handout["pdfs"].values():
            assert (kit["out"] / pdf).stat().st_size > 10_000
    for pdf in [*kit["manifest"]["book"].values(), *kit["manifest"]["exercises"].values()]:
        assert (kit["out"] / pdf).stat().st_size > 10_000


def test_every_clause_is_in_its_handouts_and_in_the_book(kit: dict[str, Any]) -> None:
    found = texts(kit)
    body = texts(kit, "body")
    clauses = kit["env"].domaindata["decl"]["clauses"]
    by_doc = {h["docname"]: h for h in kit["manifest"]["handouts"]}
    assert clauses
    for clause_id, record in clauses.items():
        handout = by_doc[record["docname"]]
        for pdf in [*handout["pdfs"].values(), *kit["manifest"]["book"].values()]:
            assert squash(record["text"]) in body[pdf], f"clause {clause_id} missing from {pdf}"
            assert squash(f"§ {clause_id}") in found[pdf]


def test_every_margin_note_is_in_its_handout(kit: dict[str, Any]) -> None:
    from docutils import nodes

    found = texts(kit, "margin")
    checked = 0
    for handout in kit["manifest"]["handouts"]:
        doctree = pickle.loads((kit["doctrees"] / f"{handout['docname']}.doctree").read_bytes())
        for note in doctree.findall(nodes.Element):
            if type(note).__name__ != "commentary":
                continue
            body = " ".join(p.astext() for p in note.findall(nodes.paragraph)
                            if "qg-commentary-cites" not in p["classes"])
            for pdf in handout["pdfs"].values():
                assert squash(body)[:200] in found[pdf], f"note {note['ids']} missing from {pdf}"
            checked += 1
    assert checked, "no commentary note found in the kit's doctrees: the test checked nothing"


def test_student_edition_holds_no_answer_and_teacher_edition_holds_the_key(kit: dict[str, Any]) -> None:
    found = texts(kit)
    quizzes = [h for h in kit["manifest"]["handouts"] if h["quiz"]]
    assert quizzes, "no handout carries a quiz: the kit's section recipes are missing"
    for handout in quizzes:
        student = found[handout["pdfs"]["student"]]
        teacher = found[handout["pdfs"]["teacher"]]
        assert squash("Corrigé") not in student
        assert squash("Corrigé") in teacher
        assert squash("Quiz") in student
        for entry in handout["quiz"]["key"]:
            if entry["feedback"]:
                assert squash(entry["feedback"]) in teacher, entry
                assert squash(entry["feedback"]) not in student, entry


def test_corriges_and_teacher_notes_only_in_teacher_editions(kit: dict[str, Any]) -> None:
    """The exercises' teacher-only blocks print in the teacher editions, never in a student one."""
    from docutils import nodes

    found = texts(kit)
    blocks = []
    for docname in sorted(kit["env"].all_docs):
        doctree = pickle.loads((kit["doctrees"] / f"{docname}.doctree").read_bytes())
        blocks += [node for node in doctree.findall(nodes.Element) if type(node).__name__ == "teacher_only"]
    assert len(blocks) >= 5
    student = [found[pdf] for pdf in found if pdf.endswith("-eleve.pdf")]
    teacher_books = [found[kit["manifest"][book]["teacher"]] for book in ("book", "exercises")]
    for block in blocks:
        # A stretch of the block's own words (its first paragraph after the rubric).
        words = squash(next(p for p in block.findall(nodes.paragraph)).astext())[:60]
        assert all(words in book for book in teacher_books), words
        assert not any(words in text for text in student), words


def test_building_twice_gives_the_same_bytes(kit: dict[str, Any]) -> None:
    pdfs = sorted(p.name for p in kit["out"].glob("*.pdf"))
    assert pdfs == sorted(p.name for p in kit["again"].glob("*.pdf"))
    for name in pdfs:
        assert (kit["out"] / name).read_bytes() == (kit["again"] / name).read_bytes(), name
    assert (kit["out"] / "handouts.json").read_bytes() == (kit["again"] / "handouts.json").read_bytes()


def test_french_typography_and_title_block(kit: dict[str, Any]) -> None:
    source = (kit["out"] / "typst" / "declaration-ii.typ").read_text(encoding="utf-8")
    assert 'lang: "fr"' in source
    assert "«\u202f" in source and "\u202f»" in source
    text = pdf_text(kit["out"] / kit["manifest"]["handouts"][1]["pdfs"]["student"])
    assert "Le Grand Continent" in text
    assert "declaration/ii.html" in text


def test_an_unhandled_node_stops_the_build_with_its_type_and_place(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "pdf-unhandled", src)
    done = build(src, tmp_path / "out", tmp_path / "doctrees")
    assert done.returncode != 0
    message = done.stderr
    assert "strange_node.strange" in message
    assert re.search(r"index\.md:\d+", message), message
    assert not list((tmp_path / "out").glob("*.pdf"))


def test_footnotes_and_citations_reach_the_handouts(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "pdf-notes", src)
    done = build(src, tmp_path / "out", tmp_path / "doctrees")
    assert done.returncode == 0, done.stderr[-3000:]
    manifest = json.loads((tmp_path / "out" / "handouts.json").read_text(encoding="utf-8"))
    student = squash(pdf_text(tmp_path / "out" / manifest["handouts"][0]["pdfs"]["student"]))
    assert squash("Note de bas de page d’essai, qui doit figurer dans la fiche.") in student
    assert squash("Grain de sel") in student  # the citation's text
    book = squash(pdf_text(tmp_path / "out" / manifest["book"]["student"]))
    assert squash("Un billet d’essai") in book  # the bibliography, in the book
