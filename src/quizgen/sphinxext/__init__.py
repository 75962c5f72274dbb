"""The kit's Sphinx extension: clauses, typed spans, citations, glossary, edition apparatus, corpus.

Each component lives in its own module with a ``setup_x(app)``; this function wires them. The
extension depends on the quiz engine's data model (:mod:`quizgen.corpus`), never the reverse.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from quizgen import __version__
from quizgen.sphinxext.acts import setup_acts
from quizgen.sphinxext.bibstyle import setup_bibstyle
from quizgen.sphinxext.chronology import setup_chronology
from quizgen.sphinxext.cite_tips import setup_cite_tips
from quizgen.sphinxext.claims import setup_claims
from quizgen.sphinxext.clause import setup_clause
from quizgen.sphinxext.commentary import setup_commentary
from quizgen.sphinxext.corpus_writer import setup_corpus_writer
from quizgen.sphinxext.countries import setup_countries
from quizgen.sphinxext.domain import setup_domain
from quizgen.sphinxext.downloads import setup_downloads
from quizgen.sphinxext.edition import setup_edition
from quizgen.sphinxext.glossary import setup_glossary
from quizgen.sphinxext.i18n import setup_i18n
from quizgen.sphinxext.node_types import setup_nodes
from quizgen.sphinxext.problems import setup_problems
from quizgen.sphinxext.questions import setup_questions
from quizgen.sphinxext.quizbuilder import setup_quizbuilder
from quizgen.sphinxext.search import setup_search
from quizgen.sphinxext.sitefiles import setup_sitefiles
from quizgen.sphinxext.sitenav import setup_sitenav
from quizgen.sphinxext.source_checks import setup_source_checks
from quizgen.sphinxext.spans import setup_spans
from quizgen.sphinxext.teacher import setup_teacher
from quizgen.sphinxext.typography import setup_typography
from quizgen.sphinxext.typst import setup_typst
from quizgen.sphinxext.vocab import setup_vocab
from quizgen.sphinxext.webquiz import setup_webquiz
from quizgen.sphinxext.worldmap import setup_worldmap

STATIC_DIR = Path(__file__).parent / "static"


def _add_static(app: Sphinx) -> None:
    # Assets only for HTML builders; other builders never see them. They are copied straight into
    # _static rather than added to html_static_path, so the configuration stays as the author wrote
    # it and the next build does not see a "changed configuration" and rewrite every page.
    if app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static"
    target.mkdir(parents=True, exist_ok=True)
    for asset in sorted(STATIC_DIR.iterdir()):
        if asset.is_file() and asset.suffix in {".css", ".js"}:
            shutil.copyfile(asset, target / asset.name)
    app.add_css_file("quizgen.css")
    app.add_js_file("qg-nav.js")


def setup(app: Sphinx) -> dict[str, Any]:
    setup_i18n(app)
    setup_problems(app)
    setup_vocab(app)
    setup_nodes(app)
    setup_domain(app)
    setup_cite_tips(app)
    setup_spans(app)
    setup_teacher(app)
    setup_clause(app)
    setup_acts(app)
    setup_glossary(app)
    setup_edition(app)
    setup_corpus_writer(app)
    setup_commentary(app)
    setup_claims(app)
    setup_chronology(app)
    setup_countries(app)
    setup_typst(app)
    setup_webquiz(app)
    setup_questions(app)
    setup_downloads(app)
    setup_bibstyle(app)
    setup_source_checks(app)
    setup_typography(app)
    setup_sitefiles(app)
    setup_sitenav(app)
    setup_quizbuilder(app)
    setup_worldmap(app)
    setup_search(app)
    app.connect("builder-inited", _add_static)
    return {"version": __version__, "env_version": 2, "parallel_read_safe": True, "parallel_write_safe": True}
