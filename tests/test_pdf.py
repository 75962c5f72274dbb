"""The printable handouts: every clause and note in its PDF, no answer in the student edition, the key in
the teacher edition, the same bytes on every build, and a loud stop on a node type the builder ignores."""

from __future__ import annotations

import io
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


def build(src: Path, out: Path, doctrees: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sphinx", "-q", "-E", "-b", "handouts", "-d", str(doctrees),
                           *options, str(src), str(out)], capture_output=True, text=True)


def body_text(path: Path) -> str:
    """The text of every page, leaving out what is set in the monospace font (code, and the source's
    text quoted character for character in the table of mends)."""
    parts: list[str] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if font is None or "Mono" not in str(font.get("/BaseFont", "")):
            parts.append(text)

    for page in reader(path).pages:
        page.extract_text(visitor_text=visit)
        parts.append("\n")
    return "".join(parts)


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
    # No site address configured: no relative path that nobody could type, no QR code.
    assert "declaration/ii.html" not in text
    assert not list((kit["out"] / "typst").glob("qr-*.svg"))


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


# --------------------------------------------------------------------------------------- issue 14, print


def test_every_margin_note_names_its_clause(kit: dict[str, Any]) -> None:
    """Each note's label starts with its clause (§ II.5 · …), as on the site."""
    from docutils import nodes

    found = texts(kit, "margin")
    checked = 0
    for handout in kit["manifest"]["handouts"]:
        doctree = pickle.loads((kit["doctrees"] / f"{handout['docname']}.doctree").read_bytes())
        notes: dict[str, int] = {}
        for note in doctree.findall(nodes.Element):
            if type(note).__name__ == "commentary":
                notes[note["clause_id"]] = notes.get(note["clause_id"], 0) + 1
        for pdf in handout["pdfs"].values():
            for clause_id, count in notes.items():
                # (a note carried over to the next page is drawn whole there and clipped: its label
                # may then be read twice)
                assert found[pdf].count(squash(f"§ {clause_id} ·")) >= count, (pdf, clause_id)
                checked += 1
    assert checked


def test_a_note_carried_over_to_the_next_page_says_so(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "pdf-long-note", src)
    done = build(src, tmp_path / "out", tmp_path / "doctrees")
    assert done.returncode == 0, done.stderr[-3000:]
    pdf = tmp_path / "out" / "section-eleve.pdf"
    pages = reader(pdf).pages
    assert len(pages) >= 2
    first, second = (squash(page.extract_text()) for page in pages[:2])
    carried = re.findall(r"§I\.(\d)\(suite\)", second)
    assert len(carried) == 1, second[:300]
    # The note that continues began on the first page, and its end is on the second.
    assert squash(f"§ I.{carried[0]} · Note de l’éditeur".upper()) in first
    assert "(suite)" not in first
    margin = squash(region_text(pdf, "margin"))
    for n in range(1, 6):
        assert squash(f"Fin de la note {n}.") in margin


def test_the_site_address_and_its_qr_code_only_when_configured(tmp_path: Path) -> None:
    segno = pytest.importorskip("segno")
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "pdf-long-note", src)
    address = "https://example.org/kit/section.html"
    done = build(src, tmp_path / "url", tmp_path / "doctrees", "-D", "quizgen_site_url=https://example.org/kit/")
    assert done.returncode == 0, done.stderr[-3000:]
    for edition in ("eleve", "enseignant"):
        assert address in pdf_text(tmp_path / "url" / f"section-{edition}.pdf")
    source = (tmp_path / "url" / "typst" / "section.typ").read_text(encoding="utf-8")
    qr = re.search(r'qr: "(qr-[0-9a-f]+\.svg)"', source)
    assert qr, source[:600]
    # The QR code is the one segno draws for exactly that address.
    expected = io.BytesIO()
    segno.make(address, error="m", micro=False).save(expected, kind="svg", scale=1, border=1, dark="#1d2433",
                                                     xmldecl=False)
    assert (tmp_path / "url" / "typst" / qr[1]).read_bytes() == expected.getvalue()
    book = pdf_text(tmp_path / "url" / "kit-complet-eleve.pdf")
    assert "https://example.org/kit/" in book

    done = build(src, tmp_path / "none", tmp_path / "doctrees2")
    assert done.returncode == 0, done.stderr[-3000:]
    for pdf in (tmp_path / "none").glob("*.pdf"):
        text = pdf_text(pdf)
        assert "example.org" not in text and "section.html" not in text and "En ligne" not in text, pdf.name
    assert not list((tmp_path / "none" / "typst").glob("qr-*.svg"))
    assert "qr: none" in (tmp_path / "none" / "typst" / "section.typ").read_text(encoding="utf-8")


#: Fewer words than this on a page of the student book (the cover aside) is a page wasted…
MIN_WORDS = 60
#: …unless it only carries the last lines of a chapter whose previous page is full.
FULL_PAGE_WORDS = 200


def test_no_near_blank_page_in_the_student_book(kit: dict[str, Any]) -> None:
    book = reader(kit["out"] / kit["manifest"]["book"]["student"])  # its outline too, not only its pages
    counts = [len((page.extract_text() or "").split()) for page in book.pages]
    # Pages where a chapter (a page of the site) starts, from the PDF's bookmarks.
    starts = {book.get_destination_page_number(entry) + 1 for entry in book.outline if not isinstance(entry, list)}
    assert len(starts) > 10
    thin = [(n, c) for n, c in enumerate(counts, 1)
            if n > 1 and c < MIN_WORDS and (n in starts or counts[n - 2] < FULL_PAGE_WORDS)]
    assert not thin, thin
    text = squash(pdf_text(kit["out"] / kit["manifest"]["book"]["student"]))
    assert squash("Quiz interactif sur le site") not in text
    assert squash("Sommaire") in text  # the table of contents, after the cover


#: What a student edition never prints: the teacher's pages, the build's inner workings, web-only sentences.
NOT_FOR_STUDENTS = ("Guide de l’enseignant", "Questions de l’enseignant", "Quiz — version d’examen", "Exports des quiz",
                    "survoler", "corpus.json", "exercises/", ".toml", "lien ci-dessus", "quizgen", "Mode classe")


def test_no_teacher_material_in_student_pdfs(kit: dict[str, Any]) -> None:
    found = texts(kit)
    students = [name for name in found if name.endswith("-eleve.pdf")]
    assert len(students) == 7
    for name in students:
        for words in NOT_FOR_STUDENTS:
            assert squash(words) not in found[name], (name, words)
    teacher_book = found[kit["manifest"]["book"]["teacher"]]
    for words in ("Guide de l’enseignant", "Questions de l’enseignant", "Quiz — version d’examen"):
        assert squash(words) in teacher_book, words


def _quiz_handouts(kit: dict[str, Any]) -> list[dict[str, Any]]:
    quizzes = [h for h in kit["manifest"]["handouts"] if h["quiz"]]
    if not quizzes:
        pytest.skip("no quiz recipe per section")
    return quizzes


def test_one_sheet_and_one_key_per_variant(kit: dict[str, Any]) -> None:
    found = texts(kit)
    for handout in _quiz_handouts(kit):
        variants = handout["quiz"]["variants"]
        assert [v["letter"] for v in variants] == ["A", "B"]  # quizgen_pdf_variants defaults to 2
        student, teacher = found[handout["pdfs"]["student"]], found[handout["pdfs"]["teacher"]]
        for v in variants:
            assert student.count(squash(f"— Version {v['letter']}")) == 1
            assert teacher.count(squash(f"— Version {v['letter']}")) == 1
            for entry in v["key"]:
                if entry["feedback"]:
                    assert squash(entry["feedback"]) in teacher, (v["letter"], entry)
                    assert squash(entry["feedback"]) not in student, (v["letter"], entry)
        # The variants are different sheets, not the same one printed twice.
        assert [e["texts"] for e in variants[0]["key"]] != [e["texts"] for e in variants[1]["key"]]


def test_student_sheets_have_a_name_line(kit: dict[str, Any]) -> None:
    found = texts(kit)
    line = squash("Nom\u00a0: Prénom\u00a0: Classe\u00a0: Date\u00a0:")
    for handout in _quiz_handouts(kit):
        assert found[handout["pdfs"]["student"]].count(line) == len(handout["quiz"]["variants"])
        assert line not in found[handout["pdfs"]["teacher"]]
    assert line in found[kit["manifest"]["book"]["student"]]


def test_the_teacher_key_opens_with_an_answer_grid(kit: dict[str, Any]) -> None:
    found = texts(kit)
    for handout in _quiz_handouts(kit):
        teacher = found[handout["pdfs"]["teacher"]]
        for v in handout["quiz"]["variants"]:
            start = teacher.index(squash(f"— Version {v['letter']}"))
            first_feedback = next((e["feedback"] for e in v["key"] if e["feedback"]), None)
            end = teacher.index(squash(first_feedback), start) if first_feedback else len(teacher)
            grid = teacher[start:end]
            for entry in v["key"]:
                short = entry["answer"] or entry["texts"][0]
                assert squash(f"{entry['number']} – {short}")[:len(str(entry["number"])) + 2] in grid, entry


def test_french_typography_in_every_pdf(kit: dict[str, Any]) -> None:
    """No plain space before ; : ! ? or inside « » in the text of any PDF (the same function as the site)."""
    plain = re.compile(r"(?<=\S) [;:!?](?=\s|$)|« | »")
    for pdf in sorted(kit["out"].glob("*.pdf")):
        text = body_text(pdf)
        bad = [text[max(0, m.start() - 30):m.end() + 10] for m in plain.finditer(text)]
        assert not bad, (pdf.name, bad[:5])
    assert "\u202f" in body_text(kit["out"] / kit["manifest"]["handouts"][1]["pdfs"]["student"])


def test_only_the_pdfs_whose_source_changed_are_compiled_again(tmp_path: Path) -> None:
    """Issue 16: a PDF is compiled again only when its Typst source (or what it includes) changed."""
    shutil.copytree(DOCS, tmp_path / "docs", ignore=shutil.ignore_patterns("_build"))
    shutil.copytree(ROOT / "exercises", tmp_path / "exercises")
    out, doctrees = tmp_path / "out", tmp_path / "doctrees"

    def stamps() -> dict[str, int]:
        return {p.name: p.stat().st_mtime_ns for p in sorted(out.glob("*.pdf"))}

    assert build(tmp_path / "docs", out, doctrees).returncode == 0
    first = stamps()
    assert len(first) >= 4
    assert build(tmp_path / "docs", out, doctrees).returncode == 0
    assert stamps() == first, "nothing changed, yet PDFs were compiled again"

    page = tmp_path / "docs" / "declaration" / "ii.md"  # one word more at the end of § II.12
    lines = page.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if re.match(r"^:{3,}\{clause\}\s+II\.12\b", line))
    end = next(i for i in range(start + 1, len(lines)) if re.match(r"^:{3,}\{clause\}", lines[i]))
    longest = max(range(start + 1, end), key=lambda i: len(lines[i]))
    lines[longest] += " (modifié)"
    page.write_text("\n".join(lines), encoding="utf-8")
    assert build(tmp_path / "docs", out, doctrees).returncode == 0
    again = stamps()
    changed = {name for name in first if again[name] != first[name]}
    section_ii = {name for name in first if "-ii-" in name}
    assert section_ii and section_ii <= changed, changed
    assert {name for name in first if "-iii-" in name or "-i-" in name}.isdisjoint(changed), changed
