"""A throw-away kit project for extension tests, built with Sphinx's own test application."""

from __future__ import annotations

from collections.abc import Callable
from io import StringIO
from pathlib import Path

MINIMAL_CONF = '''
extensions = ["myst_parser", "quizgen.sphinxext"]
language = "fr"
smartquotes = False
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build", "_data"]
quizgen_credit = "Texte d'essai"
'''

MINIMAL_VOCABULARY = '''
[themes]
securite = "Sécurité"
economie = "Économie"

[states.IRN]
label = "Iran"
forms = ["Iran", "République islamique d’Iran"]
member = true

[states.CHN]
label = "Chine"
forms = ["Chine"]
member = true

[places."Douchanbé"]
subtype = "city"
country = ""

[orgs.OCS]
label = "Organisation de coopération de Shanghai"
acronym = "OCS"
forms = ["OCS"]
kind = "organisation"
subtype = "sco"
description = "Organisation intergouvernementale."

[actors.members]
label = "les États membres"

[acts.condamner]
label = "condamner"
force = 7
polarity = "negative"
decided = false
present_3pl = "condamnent"
construction = "direct"
group = "Condamner, s’opposer"

[acts.prendre-note]
label = "prendre note"
force = 1
polarity = "neutral"
decided = false
present_3pl = "prennent note"
construction = "de"
group = "Prendre acte"

[concepts]
multipolarite = ["multipolaire"]
'''


class Project:
    """A throw-away Sphinx project built with Sphinx's own test application."""

    def __init__(self, srcdir: Path, make_app: Callable[..., object]) -> None:
        self.srcdir = srcdir
        self._make_app = make_app
        self.warnings = ""
        self.app: object = None

    def build(self, buildername: str = "html", **kwargs: object) -> object:
        warning = StringIO()
        app = self._make_app(buildername, srcdir=self.srcdir, warning=warning, freshenv=True, **kwargs)
        self.app = app
        try:
            app.build()  # type: ignore[attr-defined]
        finally:
            self.warnings = warning.getvalue()
        return app
