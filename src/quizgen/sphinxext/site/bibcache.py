"""The bibliography's entries formatted once, then kept from build to build.

sphinxcontrib-bibtex formats every entry of the bibliography on every build, twice (the entry and its
tooltip), and pybtex decodes the LaTeX of every field to do so: the largest share of a rebuild that changed
nothing. ``unsrt_kept`` is pybtex's ``unsrt`` style whose formatted entries are kept in the doctree folder,
each under a digest of everything its formatting reads (the entry's type, fields and names, its label, the
style's settings, the versions of pybtex and sphinxcontrib-bibtex, this module). Select it in ``conf.py``::

    bibtex_default_style = "unsrt_kept"

A changed entry is formatted again; entries that cross-reference others are never kept (their formatting
reads the whole database).
"""

from __future__ import annotations

import hashlib
import json
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pybtex.plugin  # type: ignore[import-untyped]
from pybtex.style.formatting.unsrt import Style as Unsrt  # type: ignore[import-untyped]
from sphinx.application import Sphinx

from quizgen.sphinxext.site.unchanged import keep, read_kept

STYLE_NAME = "unsrt_kept"
#: In the doctree folder: the formatted entries of the last build.
STORE_FILE = "quizgen-bibliography.pickle"


class Store:
    """The entries kept by the last build (``stored``) and those this build formatted or used (``used``)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self.stored: dict[str, Any] = read_kept(path)
        self.used: dict[str, Any] = {}

    def save(self) -> None:
        """Keep the entries this build used, if they differ from the stored ones."""
        if self.path is not None and set(self.used) != set(self.stored):  # a key stands for its formatting
            keep(self.path, self.used)


_store = Store()


def _salt() -> str:
    code = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
    return "\x1f".join([version("pybtex"), version("sphinxcontrib-bibtex"), code])


_SALT = _salt()


class KeptUnsrt(Unsrt):
    """pybtex's ``unsrt``, with each formatted entry served from the store when nothing it reads changed."""

    def format_entry(self, label: str, entry: Any, bib_data: Any = None) -> Any:
        if "crossref" in entry.fields or bib_data is not None:
            return super().format_entry(label, entry, bib_data=bib_data)
        key = self.entry_key(label, entry)
        found = _store.used.get(key) or _store.stored.get(key)
        if found is None:
            found = super().format_entry(label, entry)
        _store.used[key] = found
        return found

    def entry_key(self, label: str, entry: Any) -> str:
        names = {role: [[list(p.first_names), list(p.middle_names), list(p.prelast_names), list(p.last_names),
                         list(p.lineage_names)] for p in people] for role, people in entry.persons.items()}
        settings = [type(self).__name__, self.abbreviate_names, self.min_crossrefs,
                    *(type(s).__module__ + "." + type(s).__name__
                      for s in (self.name_style, self.label_style, self.sorting_style))]
        text = json.dumps([_SALT, settings, label, entry.key, entry.type, list(entry.fields.items()), names],
                          ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()


def _open_store(app: Sphinx) -> None:
    global _store
    _store = Store(Path(app.doctreedir) / STORE_FILE)


def _save_store(app: Sphinx, exception: Exception | None) -> None:
    if exception is None:
        _store.save()


def setup_bibcache(app: Sphinx) -> None:
    # Registered at set-up time, before sphinxcontrib-bibtex looks the style up; a second Sphinx application
    # in the same process finds it registered already.
    pybtex.plugin.register_plugin("pybtex.style.formatting", STYLE_NAME, KeptUnsrt)
    app.connect("builder-inited", _open_store, priority=400)
    app.connect("build-finished", _save_store)
