"""The ``handouts`` builder: each section page of the declaration → a Typst handout → two PDFs (student
and teacher editions), and every page of the site → one book, compiled with the ``typst`` wheel.

No TeX, no network, no Typst packages: the style is ``templates/quizgen.typ`` and the fonts are those
the wheel embeds (Libertinus Serif, New Computer Modern, DejaVu Sans Mono); system fonts are ignored
so that every machine gives the same bytes. The PDFs carry no date (``document(date: none)``) and are
compiled with a fixed timestamp.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Iterable, Set
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import typst
from docutils import nodes
from sphinx.builders import Builder
from sphinx.errors import SphinxError
from sphinx.util import logging

from quizgen.sphinxext.domain import DeclarationDomain, clause_sort_key
from quizgen.sphinxext.i18n import _
from quizgen.sphinxext.problems import problem_count
from quizgen.sphinxext.typst.markup import escape, label_name, string
from quizgen.sphinxext.typst.quizsheet import Sheet, build_sheets
from quizgen.sphinxext.typst.translator import Output, TypstTranslator, collect_anchors
from quizgen.sphinxext.vocab import vocabulary

logger = logging.getLogger(__name__)

TEMPLATES = Path(__file__).parent / "templates"
EDITIONS = {"student": "eleve", "teacher": "enseignant"}
#: 2025-09-01T00:00:00Z, the day of the declaration: the compile time when SOURCE_DATE_EPOCH is unset.
DEFAULT_EPOCH = 1756684800


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


def page_address(config: Any, docname: str) -> tuple[str, str]:
    """(link, shown text) of a page of the site; with no ``quizgen_site_url``, its relative path."""
    path = f"{docname}.html"
    base = str(config.quizgen_site_url or "").rstrip("/")
    return (f"{base}/{path}", f"{base}/{path}") if base else (path, path)


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
        if problem_count(self.app):  # sources with problems: no PDF of them, and none of a previous build
            for stale in Path(self.outdir).glob("*.pdf"):
                stale.unlink()
            return
        self.typst_dir.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(TEMPLATES / "quizgen.typ", self.typst_dir / "quizgen.typ")
        sections = handouts(self.env)
        sheets = build_sheets(self.app, {h.section for h in sections}) if sections else {}
        sources: list[tuple[str, list[tuple[str, str]]]] = []
        manifest: dict[str, object] = {"handouts": []}
        for handout in sections:
            sheet = sheets.get(handout.section)
            manifest["handouts"].append({  # type: ignore[attr-defined]
                "docname": handout.docname, "section": handout.section,
                "pdfs": {e: handout.pdf(e) for e in EDITIONS},
                "quiz": None if sheet is None else {"title": sheet.title, "key": list(sheet.answers)},
            })
            name = f"{handout.slug}.typ"
            (self.typst_dir / name).write_text(self.handout_source(handout, sheets.get(handout.section)),
                                               encoding="utf-8")
            sources.append((name, [(e, handout.pdf(e)) for e in EDITIONS]))
        # The whole kit, and the exercises alone, as books in both editions: the teacher edition carries
        # the corrigés and teacher notes that no student material may hold.
        books = [(self.config.quizgen_pdf_book, self.config.root_doc, self.config.project, _("Teaching kit"))]
        if self.config.quizgen_pdf_exercises and self.config.quizgen_pdf_exercises in self.env.all_docs:
            root = self.config.quizgen_pdf_exercises
            books.append((root.split("/")[0], root, self.env.titles[root].astext(), _("Exercises")))
        for slug, root, title, kicker in books:
            name = f"{slug}.typ"
            (self.typst_dir / name).write_text(self.book_source(root, title, kicker), encoding="utf-8")
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

    def translate(self, docname: str, output: Output) -> str:
        doctree = self.env.get_and_resolve_doctree(docname, self)
        translator = TypstTranslator(doctree, self, output, docname)
        doctree.walkabout(translator)
        return translator.astext()

    def labels(self) -> dict[str, str]:
        return {"kit": self.config.quizgen_pdf_kit_title or self.config.project,
                "online": str(_("Online:")), "student": str(_("Student edition")),
                "teacher": str(_("Teacher edition"))}

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
        resolved = env.get_and_resolve_doctree(handout.docname, self)
        first_title = next(iter(resolved.findall(nodes.title)), None)
        if first_title is not None:
            output.skip_titles.add(id(first_title))
        translator = TypstTranslator(resolved, self, output, handout.docname)
        resolved.walkabout(translator)
        body = translator.astext()
        labels = self.labels()
        link, shown = page_address(self.config, handout.docname)
        kicker = _("Section %s of the declaration") % handout.section
        parts = [
            '#import "quizgen.typ": *',
            "#show: handout.with(",
            f"  kit: {string(labels['kit'])}, short: {string(title)}, title: [{escape(title)}],",
            f"  kicker: [{escape(kicker)}], credit: [{escape(self.config.quizgen_credit)}],",
            f"  url: ({string(link)}, {string(shown)}), footer-label: [{escape(labels['online'])}],",
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
            parts.append(f"#if not teacher {{ part([{escape(_('Quiz'))} — {escape(sheet.title)}], "
                         f"intro: [{intro}])[{sheet.questions}] }}")
            key_intro = escape(_("Answer key of the student quiz, with the clause each answer comes from."))
            parts.append(f"#if teacher {{ part([{escape(_('Answer key'))} — {escape(sheet.title)}], "
                         f"intro: [{key_intro}])[{sheet.key}] }}")
        return "\n\n".join(parts) + "\n"

    def book_source(self, root: str, title: str, kicker: str) -> str:
        env = self.env
        order = book_order(env, root)
        anchors: set[tuple[str, str]] = set()
        for docname in order:
            anchors |= collect_anchors(docname, env.get_doctree(docname))
        output = Output("book", set(order), anchors, site_url=self.config.quizgen_site_url)
        labels = self.labels()
        link, shown = page_address(self.config, root)
        parts = [
            '#import "quizgen.typ": *',
            "#show: book.with(",
            f"  kit: {string(labels['kit'])}, title: [{escape(title)}],",
            f"  kicker: [{escape(kicker)}], credit: [{escape(self.config.quizgen_credit)}],",
            f"  url: ({string(link)}, {string(shown)}), footer-label: [{escape(labels['online'])}],",
            f"  contents-label: [{escape(_('Contents'))}],",
            f"  edition-label: {self._edition_label()}, lang: {string(self.config.language or 'fr')},",
            ")",
        ]
        for docname in order:
            parts.append(f"#pagebreak(weak: true)\n#metadata(none) <{label_name(docname, 'page-' + docname)}>")
            parts.append(self.translate(docname, output))
        return "\n\n".join(parts) + "\n"
