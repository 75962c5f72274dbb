"""The ``handouts`` builder: each section page of the declaration → a Typst handout → two PDFs (student
and teacher editions), and every page of the site → one book, compiled with the ``typst`` wheel.

No TeX, no network, no Typst packages: the style is ``templates/quizgen.typ`` and the fonts are those
the wheel embeds (Libertinus Serif, New Computer Modern, DejaVu Sans Mono); system fonts are ignored
so that every machine gives the same bytes. The PDFs carry no date (``document(date: none)``) and are
compiled with a fixed timestamp.
"""

from __future__ import annotations

import fnmatch
import hashlib
import io
import json
import os
import shutil
import time
from collections.abc import Iterable, Set
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx.errors import SphinxError
from sphinx.util import logging

from quizgen.sphinxext.edition.domain import DeclarationDomain, clause_sort_key
from quizgen.sphinxext.edition.vocab import vocabulary
from quizgen.sphinxext.handouts.markup import escape, label_name, string
from quizgen.sphinxext.handouts.quizsheet import Sheet, build_sheets, student_parts, teacher_parts
from quizgen.sphinxext.handouts.translator import Output, TypstTranslator, collect_anchors
from quizgen.sphinxext.site.i18n import _
from quizgen.sphinxext.site.problems import problem_count

logger = logging.getLogger(__name__)

TEMPLATES = Path(__file__).parent / "templates"
EDITIONS = {"student": "eleve", "teacher": "enseignant"}
#: A page of fewer words that introduces the pages under it does not get a sheet of its own in a book.
SHORT_INTRO_WORDS = 150
#: 2025-09-01T00:00:00Z, the day of the declaration: the compile time when SOURCE_DATE_EPOCH is unset.
DEFAULT_EPOCH = 1756684800


#: The digest of what each PDF was compiled from, in ``typst/``: an unchanged PDF is not compiled again.
PDF_DIGESTS = "pdf-digests.json"


class TypstCompileError(SphinxError):
    category = "Typst compile error"


@dataclass(frozen=True)
class Handout:
    docname: str
    section: str
    slug: str

    def pdf(self, edition: str) -> str:
        return f"{self.slug}-{EDITIONS[edition]}.pdf"


def handouts(env: Any) -> list[Handout]:
    """The section pages: pages that hold clauses, in the order of their sections."""
    domain = env.get_domain("decl")
    assert isinstance(domain, DeclarationDomain)
    first: dict[str, str] = {}
    for record in domain.sorted_clauses():
        first.setdefault(record["docname"], record["id"])
    ordered = sorted(first, key=lambda d: clause_sort_key(first[d]))
    return [Handout(d, first[d].split(".")[0], d.replace("/", "-")) for d in ordered]


def page_address(config: Any, docname: str) -> str | None:
    """The full address of a page of the site, or None when ``quizgen_site_url`` is not set (a path
    relative to a site nobody can find is no use on paper)."""
    base = str(config.quizgen_site_url or "").strip().rstrip("/")
    if not base:
        return None
    return f"{base}/" if docname == config.root_doc else f"{base}/{docname}.html"


def qr_svg(address: str) -> str:
    """A small QR code of an address, as SVG (segno; the same address always gives the same bytes)."""
    import segno  # the handouts' only: imported when a QR code is drawn, not by every HTML build

    buffer = io.BytesIO()
    segno.make(address, error="m", micro=False).save(buffer, kind="svg", scale=1, border=1, dark="#1d2433",
                                                     xmldecl=False)
    return buffer.getvalue().decode("ascii")


def teacher_page(config: Any, docname: str) -> bool:
    """A page only the teacher editions of the books print (``quizgen_pdf_teacher_pages``, patterns)."""
    return any(fnmatch.fnmatchcase(docname, pattern) for pattern in config.quizgen_pdf_teacher_pages)


def book_order(env: Any, root: str) -> list[str]:
    """Every page reachable from the root's toctrees, depth first, each once."""
    seen: list[str] = []

    def walk(docname: str) -> None:
        if docname in seen or docname not in env.all_docs:
            return
        seen.append(docname)
        for child in env.toctree_includes.get(docname, []):
            walk(child)

    walk(root)
    return seen


class TypstBuilder(Builder):
    """Writes Typst sources under ``<outdir>/typst/`` and compiles them to PDF in ``<outdir>``."""

    name = "handouts"
    format = "typst"
    epilog = "The PDF handouts are in %(outdir)s."
    default_translator_class = TypstTranslator
    supported_image_types = []  # images are not printed yet (the translator says so)

    def __init__(self, app: Sphinx, env: BuildEnvironment) -> None:
        super().__init__(app, env)
        # Builder.app is deprecated (Sphinx 9): the application is kept here for the kit's own functions.
        self.sphinx_app = app

    def init(self) -> None:
        self.typst_dir = Path(self.outdir) / "typst"
        self.timings: dict[str, float] = {}

    def get_outdated_docs(self) -> str:
        return "all handouts (each is rebuilt; a build takes about a second)"

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return "%" + docname

    def get_relative_uri(self, from_: str, to: str, typ: str | None = None) -> str:
        return self.get_target_uri(to, typ)

    def prepare_writing(self, docnames: Set[str]) -> None:
        pass

    def write_doc(self, docname: str, doctree: nodes.document) -> None:  # pragma: no cover - unused
        raise NotImplementedError

    # ---------------------------------------------------------------------------------- writing
    def write_documents(self, docnames: Set[str]) -> None:
        self._resolved: dict[str, nodes.document] = {}  # this build's resolved doctrees (see resolved())
        if problem_count(self.sphinx_app):  # sources with problems: no PDF of them, and none of a previous build
            for stale in Path(self.outdir).glob("*.pdf"):
                stale.unlink()
            return
        self.typst_dir.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(TEMPLATES / "quizgen.typ", self.typst_dir / "quizgen.typ")
        sections = handouts(self.env)
        sheets = build_sheets(self.sphinx_app, {h.section for h in sections}) if sections else {}
        sources: list[tuple[str, list[tuple[str, str]]]] = []
        manifest: dict[str, object] = {"handouts": []}
        for handout in sections:
            sheet = sheets.get(handout.section)
            manifest["handouts"].append({  # type: ignore[attr-defined]
                "docname": handout.docname, "section": handout.section,
                "pdfs": {e: handout.pdf(e) for e in EDITIONS},
                "quiz": None if sheet is None else {
                    "title": sheet.title, "key": list(sheet.answers),
                    "variants": [{"letter": v.letter, "key": list(v.answers)} for v in sheet.variants]},
            })
            name = f"{handout.slug}.typ"
            (self.typst_dir / name).write_text(self.handout_source(handout, sheets.get(handout.section)),
                                               encoding="utf-8")
            sources.append((name, [(e, handout.pdf(e)) for e in EDITIONS]))
        # The whole kit, and the exercises alone, as books in both editions: the teacher edition carries
        # the corrigés and teacher notes that no student material may hold.
        books = [(self.config.quizgen_pdf_book, self.config.root_doc, self.config.project, _("Teaching kit"))]
        summaries = {self.config.root_doc: (
            _("The full text of the declaration, clause by clause, with the notes in the margin, the exercises "
              "and the quiz sheets."),
            _("The full text of the declaration, clause by clause, with the notes in the margin, the exercises "
              "with their answer keys and teacher's notes, the quiz keys and the teacher's guide."))}
        if self.config.quizgen_pdf_exercises and self.config.quizgen_pdf_exercises in self.env.all_docs:
            root = self.config.quizgen_pdf_exercises
            books.append((root.split("/")[0], root, self.env.titles[root].astext(), _("Exercises")))
        for slug, root, title, kicker in books:
            name = f"{slug}.typ"
            (self.typst_dir / name).write_text(self.book_source(root, title, kicker, summaries.get(root)),
                                               encoding="utf-8")
            pdfs = {e: f"{slug}-{EDITIONS[e]}.pdf" for e in EDITIONS}
            manifest["book" if root == self.config.root_doc else "exercises"] = pdfs
            sources.append((name, list(pdfs.items())))
        self.compile_all(sources)
        # Compile times vary from run to run: kept apart, so that every other output is reproducible.
        (Path(self.outdir) / "timings.json").write_text(json.dumps(
            {pdf: round(t, 4) for pdf, t in sorted(self.timings.items())}, indent=1) + "\n", encoding="utf-8")
        (Path(self.outdir) / "handouts.json").write_text(
            json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")

    def compile_all(self, sources: Iterable[tuple[str, list[tuple[str, str]]]]) -> None:
        epoch = int(os.environ.get("SOURCE_DATE_EPOCH", DEFAULT_EPOCH))
        fonts = [str(p) for p in self.config.quizgen_pdf_font_paths]
        jobs = [(source, edition, pdf) for source, outputs in sources for edition, pdf in outputs]
        # A PDF is compiled again only when what it is made of changed: its Typst source, the files it may
        # include (every other file of typst/: the shared template, images, QR codes), the fonts, the
        # edition, the timestamp and the compiler; the digest of each PDF is kept in typst/.
        stamps = self.pdf_stamps({source for source, _e, _p in jobs}, epoch, fonts)
        digests_file = self.typst_dir / PDF_DIGESTS
        try:
            previous = json.loads(digests_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            previous = {}
        wanted = {pdf: stamps[source] + edition for source, edition, pdf in jobs}
        skipped = [job for job in jobs if previous.get(job[2]) == wanted[job[2]]
                   and (Path(self.outdir) / job[2]).is_file()]
        jobs = [job for job in jobs if job not in skipped]
        digests_file.unlink(missing_ok=True)  # written again once every PDF is compiled

        import typst  # the compiler: imported by the handouts builder only, not by every HTML build

        def compile_one(job: tuple[str, str, str]) -> tuple[float, list[Any]]:
            source, edition, pdf = job
            start = time.perf_counter()
            try:
                _result, warnings = typst.compile_with_warnings(
                    str(self.typst_dir / source), output=str(Path(self.outdir) / pdf),
                    root=str(self.typst_dir), font_paths=fonts, ignore_system_fonts=True,
                    sys_inputs={"edition": edition}, timestamp=epoch)
            except typst.TypstError as err:
                raise TypstCompileError(f"{source} ({edition}): {err}") from None
            return time.perf_counter() - start, list(warnings)

        # Each PDF is independent: compile them side by side (the wheel releases the GIL); the bytes do
        # not depend on the order, and results are reported in the order of the jobs.
        with ThreadPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 1))) as pool:
            results = list(pool.map(compile_one, jobs))
        for (source, edition, pdf), (elapsed, warnings) in zip(jobs, results, strict=True):
            self.timings[pdf] = elapsed
            for warning in warnings:
                logger.warning("%s (%s): %s", source, edition, warning, type="quizgen", subtype="typst")
            logger.info("%s", pdf)
        for _source, _edition, pdf in skipped:
            logger.info("%s (unchanged)", pdf)
        digests_file.write_text(json.dumps(wanted, indent=1, sort_keys=True) + "\n", encoding="utf-8")

    def pdf_stamps(self, sources: Set[str], epoch: int, fonts: list[str]) -> dict[str, str]:
        """For each Typst source: a digest of itself and of everything a compile may read."""
        import typst

        shared = hashlib.sha256(f"{getattr(typst, '__version__', '')}\x1f{epoch}".encode())
        for font in sorted(fonts):
            for path in sorted(Path(font).rglob("*")) if Path(font).is_dir() else [Path(font)]:
                if path.is_file():
                    stat = path.stat()
                    shared.update(f"{path}\x1f{stat.st_size}\x1f{stat.st_mtime_ns}".encode())
        for path in sorted(self.typst_dir.rglob("*")):
            relative = path.relative_to(self.typst_dir).as_posix()
            if path.is_file() and relative not in sources and relative != PDF_DIGESTS:
                shared.update(relative.encode() + b"\x1f" + hashlib.sha256(path.read_bytes()).digest())
        common = shared.hexdigest()
        return {source: hashlib.sha256(common.encode() + (self.typst_dir / source).read_bytes()).hexdigest()
                for source in sources}

    def resolved(self, docname: str) -> nodes.document:
        """The page's doctree with every reference resolved, once per build: a section page is printed in its
        handout and in the kit's book, an exercise in two books (the translator only reads the tree)."""
        if docname not in self._resolved:
            self._resolved[docname] = self.env.get_and_resolve_doctree(docname, self)
        return self._resolved[docname]

    def translate(self, docname: str, output: Output) -> str:
        doctree = self.resolved(docname)
        translator = TypstTranslator(doctree, self, output, docname)
        doctree.walkabout(translator)
        return translator.astext()

    def labels(self) -> dict[str, str]:
        return {"kit": self.config.quizgen_pdf_kit_title or self.config.project,
                "online": str(_("Online:")), "student": str(_("Student edition")),
                "teacher": str(_("Teacher edition"))}

    def address_args(self, docname: str) -> str:
        """``url: …, qr: …`` for a title block: the page's full address and its QR code, or ``none``."""
        address = page_address(self.config, docname)
        if address is None:
            return "url: none, qr: none"
        name = f"qr-{hashlib.sha256(address.encode()).hexdigest()[:12]}.svg"
        (self.typst_dir / name).write_text(qr_svg(address), encoding="ascii")
        return f"url: {string(address)}, qr: {string(name)}"

    def _edition_label(self) -> str:
        labels = self.labels()
        return f"if teacher [{escape(labels['teacher'])}] else [{escape(labels['student'])}]"

    def handout_source(self, handout: Handout, sheet: Sheet | None) -> str:
        env = self.env
        doctree = env.get_doctree(handout.docname)
        title_node = next(iter(doctree.findall(nodes.title)), None)
        title = title_node.astext() if title_node is not None else handout.docname
        orgs = sorted({span["value"] for span in doctree.findall(nodes.Element)
                       if type(span).__name__ == "tagged_span" and span.get("span_type") == "org"
                       and span.get("value")})
        vocab = vocabulary(env)
        orgs = [o for o in orgs if o in vocab.orgs]
        output = Output("handout", {handout.docname}, collect_anchors(handout.docname, doctree),
                        site_url=self.config.quizgen_site_url, glossary=set(orgs))
        resolved = self.resolved(handout.docname)
        first_title = next(iter(resolved.findall(nodes.title)), None)
        if first_title is not None:
            output.skip_titles.add(id(first_title))
        translator = TypstTranslator(resolved, self, output, handout.docname)
        resolved.walkabout(translator)
        body = translator.astext()
        labels = self.labels()
        kicker = _("Section %s of the declaration") % handout.section
        parts = [
            '#import "quizgen.typ": *',
            "#show: handout.with(",
            f"  kit: {string(labels['kit'])}, short: {string(title)}, title: [{escape(title)}],",
            f"  kicker: [{escape(kicker)}], credit: [{escape(self.config.quizgen_credit)}],",
            f"  {self.address_args(handout.docname)}, footer-label: [{escape(labels['online'])}],",
            f"  edition-label: {self._edition_label()}, lang: {string(self.config.language or 'fr')},",
            ")",
            f"#metadata(none) <{label_name(handout.docname, 'page-' + handout.docname)}>",
            body,
        ]
        if orgs:
            entries = []
            for key in orgs:
                org = vocab.orgs[key]
                term = org.acronym or org.label
                full = f"full: [{escape(org.label)}], " if org.acronym else ""
                entries.append(f"#gloss([{escape(term)}], {full}kind: [{escape(org.kind)}])"
                               f"[{escape(org.description)}] <{label_name('glossary', key)}>")
            parts.append(f"#part([{escape(_('Organisations named in this section'))}], new-page: false)"
                         f"[#columns(2, gutter: 8mm)[{chr(10).join(entries)}]]")
        if sheet is not None:
            intro = escape(_("Answer on this sheet. Each question refers to a clause of the section."))
            parts.append("#if not teacher {\n" + "\n".join(student_parts(sheet, intro)) + "\n}")
            key_intro = escape(_("Answer key of the student quiz, with the clause each answer comes from."))
            parts.append("#if teacher {\n" + "\n".join(teacher_parts(sheet, key_intro)) + "\n}")
        return "\n\n".join(parts) + "\n"

    def book_source(self, root: str, title: str, kicker: str, summary: tuple[str, str] | None = None) -> str:
        env = self.env
        order = book_order(env, root)
        anchors: set[tuple[str, str]] = set()
        for docname in order:
            anchors |= collect_anchors(docname, env.get_doctree(docname))
        output = Output("book", set(order), anchors, site_url=self.config.quizgen_site_url,
                        teacher_docs={d for d in order if teacher_page(self.config, d)})
        labels = self.labels()
        parts = [
            '#import "quizgen.typ": *',
            "#show: book.with(",
            f"  kit: {string(labels['kit'])}, title: [{escape(title)}],",
            f"  kicker: [{escape(kicker)}], credit: [{escape(self.config.quizgen_credit)}],",
            f"  {self.address_args(root)}, footer-label: [{escape(labels['online'])}],",
            f"  contents-label: [{escape(_('Contents'))}],",
            "  summary: none," if summary is None else
            f"  summary: if teacher [{escape(summary[1])}] else [{escape(summary[0])}],",
            f"  edition-label: {self._edition_label()}, lang: {string(self.config.language or 'fr')},",
            ")",
        ]
        previous = ""
        for docname in order:
            # A short page that only introduces the pages under it (« Exercices ») shares its sheet with
            # the first of them rather than standing alone on a near-blank page.
            runs_on = bool(previous) and env.toctree_includes.get(previous, [None])[0] == docname \
                and len(env.get_doctree(previous).astext().split()) < SHORT_INTRO_WORDS
            start = "#v(2.5em)" if runs_on else "#pagebreak(weak: true)"
            page = (f"{start}\n#metadata(none) <{label_name(docname, 'page-' + docname)}>\n\n"
                    + self.translate(docname, output))
            previous = docname
            # A teacher's page (the guide, the exam, the exports) is left out of the student book.
            parts.append(f"#if teacher [\n{page}\n]" if teacher_page(self.config, docname) else page)
        return "\n\n".join(parts) + "\n"
