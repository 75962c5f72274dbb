"""A one-section kit with a footnote, a citation and its bibliography: what a handout must print."""

from __future__ import annotations

extensions = ["myst_parser", "sphinxcontrib.bibtex", "quizgen.sphinxext"]
language = "fr"
smartquotes = False
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build", "_data"]
quizgen_credit = "Texte d’essai"
bibtex_bibfiles = ["refs.bib"]
quizgen_pdf_exercises = ""
bibtex_reference_style = "author_year"
