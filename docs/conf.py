"""Sphinx configuration of the teaching kit on the Tianjin Declaration (French)."""

from __future__ import annotations

project = "La Déclaration de Tianjin (OCS, 2025) — kit pédagogique"
# The theme's footer writes « Par {author} »: the article makes it read as French.
author = "les contributeurs du kit quizgen"
copyright = "2025-2026, contributeurs du kit quizgen (code et commentaires)"  # noqa: A001
language = "fr"

extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinxcontrib.bibtex",
    "sphinx_book_theme",
    "quizgen.sphinxext",
]

# The declaration is reproduced as extracted: typographic quotes and apostrophes are already in the
# text, and smart quotes would turn an ASCII apostrophe before a role into a closing quote.
smartquotes = False

myst_enable_extensions = ["colon_fence", "deflist", "fieldlist", "attrs_inline"]
myst_heading_anchors = 2

exclude_patterns = ["_build", "_data", "Thumbs.db", ".DS_Store"]
templates_path = ["_templates"]

bibtex_bibfiles = ["refs.bib"]
# pybtex's "unsrt", its formatted entries kept between builds: quizgen.sphinxext.site.bibcache
bibtex_default_style = "unsrt_kept"
# author-date citations, with "s. d." (sans date) for an undated work: quizgen.sphinxext.site.bibstyle
bibtex_reference_style = "author_year_i18n"

quizgen_credit = (
    "Déclaration du Conseil des chefs d’État de l’Organisation de coopération de Shanghai, Tianjin, "
    "1er septembre 2025 ; traduction française publiée par Le Grand Continent (2 septembre 2025), "
    "reprise par le blog Grain de sel – Focus Europe."
)
# Every clause says what it does: a clause without an {acts} block stops the build.
quizgen_require_acts = True
# Printed in the teacher editions of the PDF books only: the guide, how to run the quizzes in class, the
# teacher's questions, the exam, the exports (they hold the answers).
quizgen_pdf_teacher_pages = ["guide/*", "quiz/index", "quiz/questions", "quiz/examen", "quiz/telechargements"]
# and the lesson plan ready to teach (a teacher's page too)
quizgen_pdf_teacher_pages.append("lundi")

html_theme = "sphinx_book_theme"
html_title = "Déclaration de Tianjin — kit pédagogique"
html_theme_options = {
    "show_toc_level": 2,
    "home_page_in_toc": True,
    "use_download_button": False,
    "use_fullscreen_button": False,
    "navigation_with_keys": False,
    # The theme's default ("Search...") is English and not translated.
    "search_bar_text": "Rechercher…",
}
# Without it the theme writes data-mode="" and logs "Got invalid theme mode" on every first visit;
# light, because the kit's own colours (quizgen.css) are drawn for a light page.
html_context = {"default_mode": "light"}
html_static_path: list[str] = []
html_last_updated_fmt: str | None = None
html_copy_source = False
html_show_sourcelink = False
