"""Translatable interface strings of the extension (catalog ``quizgen``, French in a French build)."""

from __future__ import annotations

from pathlib import Path

from sphinx.locale import get_translation

MESSAGE_CATALOG = "quizgen"
LOCALE_DIR = Path(__file__).parent / "locale"

#: Strings shown to readers; msgids are English, the French catalog translates them.
_ = get_translation(MESSAGE_CATALOG)
