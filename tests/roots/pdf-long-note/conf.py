"""A one-section kit whose margin notes stack down the page until one runs onto the next: the rest must
say it continues. Build with ``-D quizgen_site_url=…`` to get the page's address and its QR code."""

from __future__ import annotations

extensions = ["myst_parser", "quizgen.sphinxext"]
language = "fr"
smartquotes = False
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build", "_data"]
quizgen_credit = "Texte d’essai"
quizgen_pdf_exercises = ""
