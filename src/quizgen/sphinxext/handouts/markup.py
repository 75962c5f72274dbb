"""Turning text into Typst markup: escaping, French spacing, labels and strings."""

from __future__ import annotations

import re

from quizgen.typography import french_typography

#: Characters with a meaning in Typst markup; each is written with a backslash in front.
_SPECIAL = re.compile(r"([\\#*_`$<>@\[\]~=+/\-])")
#: A full stop after a digit or another full stop (``1.`` starts a list, ``...`` is a shorthand).
_DOT = re.compile(r"(?<=[0-9.])\.")
_SPACES = re.compile(r"[ \t\r\n]+")

_LEADING_PUNCT = re.compile(r"^[ \t]+[;:!?»]")


def french_spacing(text: str) -> str:
    """French typography for a run of text, by the kit's one function
    (:func:`quizgen.typography.french_typography`): no-break spaces before ; : ! ? and inside « »,
    the typographic apostrophe, superscript ordinals.

    A run of text in a doctree often starts right after an inline element (``**En classe** : …``): a
    space and a punctuation mark at its very start then follow a word, and are treated as such."""
    if _LEADING_PUNCT.match(text):
        return french_typography("x" + text)[1:]
    return french_typography(text)


def escape(text: str, *, french: bool = True) -> str:
    """Plain text → Typst markup that prints exactly that text (runs of white space become one space)."""
    text = _SPACES.sub(" ", text)
    if french:
        text = french_spacing(text)
    text = _SPECIAL.sub(r"\\\1", text)
    return _DOT.sub(r"\\.", text)


def string(text: str) -> str:
    """A Typst string literal."""
    out = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "")
    return f'"{out}"'


_LABEL_BAD = re.compile(r"[^A-Za-z0-9_.:-]")


def label_name(docname: str, anchor: str) -> str:
    """A Typst label name for an anchor of a page (labels allow letters, digits, ``_ . : -``)."""
    doc = _LABEL_BAD.sub("-", docname)
    ident = _LABEL_BAD.sub(lambda m: f"_{ord(m.group(0)):x}_", anchor)
    return f"qg:{doc}:{ident}"
