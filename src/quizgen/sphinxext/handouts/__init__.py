"""Printable handouts: the ``handouts`` builder (doctree → Typst → PDF) and the links to its PDFs on the site.

``sphinx-build -b handouts docs docs/_build/pdf`` writes, for each section page of the declaration, a
student and a teacher PDF, and in both editions the exercises booklet and the whole kit as one book. An
HTML build links each section page (and the exercises page) to its two PDFs and copies the PDFs it finds
in ``quizgen_pdf_dir`` into ``<html>/pdf/``.
"""

from __future__ import annotations

import posixpath
import shutil
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from quizgen.sphinxext.handouts.builder import EDITIONS, TypstBuilder, handouts
from quizgen.sphinxext.site.i18n import _
from quizgen.sphinxext.site.problems import problem_count

logger = logging.getLogger(__name__)

#: Where the site serves the PDFs, relative to its root.
SITE_PDF_DIR = "pdf"


def add_pdf_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Under the title of each section page, and of the exercises page: links to its two PDFs."""
    if app.builder.format != "html":
        return
    handout = next((h for h in handouts(app.env) if h.docname == docname), None)
    if handout is not None:
        pdfs = {edition: handout.pdf(edition) for edition in EDITIONS}
    elif docname == app.config.quizgen_pdf_exercises:
        slug = docname.split("/")[0]
        pdfs = {edition: f"{slug}-{EDITIONS[edition]}.pdf" for edition in EDITIONS}
    else:
        return
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        return
    para = nodes.paragraph("", "", classes=["qg-handouts"])
    para += nodes.inline("", _("Print:") + " ", classes=["qg-handouts-label"])
    names = {"student": _("student handout (PDF)"), "teacher": _("teacher handout with answer key (PDF)")}
    for i, edition in enumerate(EDITIONS):
        if i:
            para += nodes.Text(" · ")
        uri = posixpath.relpath(f"{SITE_PDF_DIR}/{pdfs[edition]}", posixpath.dirname(docname) or ".")
        para += nodes.reference("", names[edition], refuri=uri, internal=False,
                                classes=["qg-handout-link", f"qg-handout-{edition}"])
    titles = [i for i, child in enumerate(section.children) if isinstance(child, nodes.title)]
    section.insert(titles[0] + 1 if titles else 0, para)


def copy_pdfs(app: Sphinx, exception: Exception | None) -> None:
    """Serve the handouts with the site: copy the PDFs of the last ``handouts`` build into ``pdf/``."""
    if exception is not None or app.builder.format != "html":
        return
    if problem_count(app):  # a failed build serves no PDF, not even the previous build's
        shutil.rmtree(Path(app.outdir) / SITE_PDF_DIR, ignore_errors=True)
        return
    source = Path(app.confdir) / app.config.quizgen_pdf_dir
    pdfs = sorted(source.glob("*.pdf")) if source.is_dir() else []
    if not pdfs:
        logger.info("no PDF handouts in %s: build them first (nox -s pdf) for the site's links to work", source)
        return
    target = Path(app.outdir) / SITE_PDF_DIR
    target.mkdir(parents=True, exist_ok=True)
    for pdf in pdfs:
        shutil.copyfile(pdf, target / pdf.name)


def setup_typst(app: Sphinx) -> None:
    app.add_builder(TypstBuilder)
    app.add_config_value("quizgen_site_url", "", "env", types=[str])
    app.add_config_value("quizgen_pdf_dir", "_build/pdf", "", types=[str])
    app.add_config_value("quizgen_pdf_book", "kit-complet", "", types=[str])
    app.add_config_value("quizgen_pdf_exercises", "exercices/index", "", types=[str])
    app.add_config_value("quizgen_pdf_kit_title", "", "", types=[str])
    app.add_config_value("quizgen_pdf_font_paths", [], "", types=[list])
    #: how many variants of each section's quiz the handouts print (A, B, … sheets for neighbours)
    app.add_config_value("quizgen_pdf_variants", 2, "", types=[int])
    #: pages (fnmatch patterns of docnames) that only the teacher editions of the books print
    app.add_config_value("quizgen_pdf_teacher_pages", [], "", types=[list])
    app.add_config_value("quizgen_exercises_dir", "../exercises", "", types=[str])
    app.connect("doctree-resolved", add_pdf_links)
    app.connect("build-finished", copy_pdfs)
