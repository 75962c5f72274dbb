"""The kit's Sphinx extension, grouped by capability as sphinx-design groups by component:

- :mod:`~quizgen.sphinxext.site`: what every page needs (translations, problems, node types, typography,
  navigation, search, bibliography style);
- :mod:`~quizgen.sphinxext.edition`: the text (clauses, spans, acts, citations, glossary, corpus);
- :mod:`~quizgen.sphinxext.commentary`: beside the text (notes, claims, chronology, countries, map);
- :mod:`~quizgen.sphinxext.handouts`: the PDF handouts (Typst);
- :mod:`~quizgen.sphinxext.quizzes`: the quizzes (web quiz, questions, exports, composer).

Each group has its ``setup(app)``; this function wires them. The extension depends on the quiz
engine (:mod:`quizgen.corpus`, :mod:`quizgen.quiz`), never the reverse.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from quizgen import __version__
from quizgen.sphinxext import commentary, edition, handouts, quizzes, site

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
    site.setup(app)
    edition.setup(app)
    commentary.setup(app)
    handouts.setup_typst(app)
    quizzes.setup(app)
    app.connect("builder-inited", _add_static)
    return {"version": __version__, "env_version": 2, "parallel_read_safe": True, "parallel_write_safe": True}
