"""Translatable interface strings of the extension (catalog ``quizgen``, French in a French build).

The French catalog is kept as a ``.po`` file only; it is compiled at start-up into the build's
doctree folder, so no binary file is committed and the catalog can never be stale. Every translation goes
through :func:`quizgen.typography.french_typography` as it is compiled, so that the interface strings (site,
quiz widgets) get the same no-break spaces as the text, however the ``.po`` file was typed.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from sphinx.application import Sphinx
from sphinx.locale import get_translation

from quizgen.typography import french_typography

MESSAGE_CATALOG = "quizgen"
LOCALE_DIR = Path(__file__).parent.parent / "locale"

#: Strings shown to readers; msgids are English, the French catalog translates them.
_ = get_translation(MESSAGE_CATALOG)


def compile_catalogs(target: Path) -> Path:
    """Compile every ``locale/<lang>/LC_MESSAGES/quizgen.po`` into ``target``; returns ``target``."""
    for po_path in sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{MESSAGE_CATALOG}.po")):
        lang = po_path.parent.parent.name
        out = target / lang / "LC_MESSAGES" / f"{MESSAGE_CATALOG}.mo"
        out.parent.mkdir(parents=True, exist_ok=True)
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file, locale=lang)
        if lang == "fr":
            for message in catalog:
                if isinstance(message.string, str):
                    message.string = french_typography(message.string, ordinals=False)
                elif message.string:
                    message.string = tuple(french_typography(s, ordinals=False) for s in message.string)
        with out.open("wb") as mo_file:
            write_mo(mo_file, catalog)
    return target


def setup_i18n(app: Sphinx) -> None:
    target = compile_catalogs(Path(app.doctreedir) / "quizgen-locale")
    app.add_message_catalog(MESSAGE_CATALOG, str(target))
