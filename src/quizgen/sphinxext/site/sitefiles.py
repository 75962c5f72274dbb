"""``{sitefile}`` links to a file the site serves beside its pages but that is no page of its own: a PDF
handout (``pdf/declaration-i-eleve.pdf``, copied there from the handouts build), a quiz export
(``exports/partie-1.gift.txt``), a page another part of the build writes. The link is written relative to
the page, so it works from ``file://``; on paper (handouts), the text prints without a link.

``{sitefile}`fiche élève de la section I <pdf/declaration-i-eleve.pdf>``` or ``{sitefile}`pdf/x.pdf```.
"""

from __future__ import annotations

import posixpath
import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxRole

_EXPLICIT = re.compile(r"^(.*?)\s*<([^<>]+)>$", re.S)
_SAFE = re.compile(r"^[A-Za-z0-9._/-]+(\?[A-Za-z0-9=&_-]+)?$")


class SiteFileRole(SphinxRole):
    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        match = _EXPLICIT.match(self.text)
        label, target = (match.group(1), match.group(2)) if match else (self.text, self.text)
        target = target.strip()
        if not _SAFE.match(target) or target.startswith("/") or ".." in target.split("/"):
            message = self.inliner.reporter.error(
                f"sitefile: {target!r} is not a path inside the site (letters, digits, . _ - /, no '..'): "
                "write it from the site's root, e.g. pdf/kit-complet-eleve.pdf", line=self.lineno)
            return [self.inliner.problematic(self.rawtext, self.rawtext, message)], [message]
        uri = posixpath.relpath(target, posixpath.dirname(self.env.docname) or ".")
        ref = nodes.reference(self.rawtext, label or target, refuri=uri, internal=False,
                              classes=["qg-sitefile"])
        return [ref], []


def setup_sitefiles(app: Sphinx) -> None:
    app.add_role("sitefile", SiteFileRole())
