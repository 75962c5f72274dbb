"""French typography on the site's text: every text node goes through :func:`quizgen.typography.french_typography`,
the same function the quizzes, projector and exports use, so that the site and the quiz outputs agree.

Two passes of one idempotent rule: a read-time transform (so that titles, the navigation and the table of
contents get it too) and an HTML post-transform (for the text that references, citations and the glossary
resolve at write time). Code, literal blocks, raw HTML and math are left as written. A punctuation mark that
starts a text node (``**Niveau**: …``) is judged with the end of the text before it, in the same paragraph.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from markupsafe import Markup
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from quizgen.typography import french_typography

#: nodes whose text is shown as written
_VERBATIM = (nodes.FixedTextElement, nodes.literal, nodes.raw, nodes.comment, nodes.math, nodes.math_block,
             nodes.system_message)


def _verbatim(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, _VERBATIM) or "qg-verbatim" in getattr(parent, "get", lambda *_: [])("classes", []):
            return True
        parent = parent.parent
    return False


def _block(node: nodes.Node) -> nodes.Node | None:
    """The paragraph-like element a text node belongs to: context never crosses it."""
    parent = node.parent
    while parent is not None and (isinstance(parent, nodes.Inline)
                                  or not isinstance(parent, (nodes.TextElement, nodes.Structural))):
        parent = parent.parent
    return parent


def _with_context(before: str, text: str) -> str:
    """``text`` set in French typography, judged after ``before`` (one character: enough for the rules,
    which look one character behind). The rules may change ``before`` too (``»`` gains its space): only
    what follows its own typeset form is kept."""
    whole, head = french_typography(before + text), french_typography(before)
    return whole[len(head):] if before and whole.startswith(head) else french_typography(text)


def typeset(doctree: nodes.Node) -> int:
    """Apply French typography to every text node of ``doctree``; returns how many nodes changed."""
    changed = 0
    previous = ""
    block: nodes.Node | None = None
    for text in list(doctree.findall(nodes.Text)):
        if _verbatim(text):
            previous = ""
            continue
        here = _block(text)
        if here is not block:
            block, previous = here, ""
        raw = str(text)
        new = _with_context(previous[-1:], raw)
        if new != raw and text.parent is not None:
            text.parent.replace(text, nodes.Text(new))
            changed += 1
        previous = new or previous
    for ref in doctree.findall(nodes.reference):
        # A link's tooltip text (citations, bibliography) is read too.
        if isinstance(ref.get("reftitle"), str):
            ref["reftitle"] = french_typography(ref["reftitle"])
    return changed


class FrenchTypography(SphinxTransform):
    """Read time: titles and body text, before the table of contents and the titles are collected."""

    default_priority = 860

    def apply(self, **kwargs: Any) -> None:
        if self.config.language == "fr":
            typeset(self.document)


class FrenchTypographyHTML(SphinxPostTransform):
    """Write time, HTML only: the text that resolving references added."""

    default_priority = 900
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        if self.config.language == "fr":
            typeset(self.document)


_TAG = re.compile(r"<!--.*?-->|<[^>]*>", re.S)
_ASCII_SPACE = re.compile(r"[ \t\n\r\f\v]+")


def _striptags(value: object) -> str:
    """Jinja's ``striptags`` without folding no-break spaces: markupsafe joins ``str.split()``, which treats
    U+00A0 and U+202F as plain spaces, so every ``<title>`` and previous/next link lost them."""
    text = _TAG.sub("", str(value))
    return Markup(_ASCII_SPACE.sub(" ", text).strip()).unescape()


def _keep_nbsp_in_templates(app: Sphinx) -> None:
    templates = getattr(app.builder, "templates", None)
    environment = getattr(templates, "environment", None)
    if app.builder.format == "html" and environment is not None and app.config.language == "fr":
        environment.filters["striptags"] = _striptags


def setup_typography(app: Sphinx) -> None:
    app.add_transform(FrenchTypography)
    app.add_post_transform(FrenchTypographyHTML)
    app.connect("builder-inited", _keep_nbsp_in_templates)
