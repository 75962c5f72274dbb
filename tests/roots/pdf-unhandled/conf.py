"""A page with a node type the Typst builder does not know: the build must stop and say where."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

extensions = ["myst_parser", "quizgen.sphinxext", "strange_node"]
language = "fr"
smartquotes = False
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build", "_data"]
quizgen_credit = "Texte d’essai"
