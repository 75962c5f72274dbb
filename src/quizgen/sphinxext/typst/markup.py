"""Turning text into Typst markup: escaping, French spacing, labels and strings."""

from __future__ import annotations

import re

#: Characters with a meaning in Typst markup; each is written with a backslash in front.
_SPECIAL = re.compile(r"([\\#*_`$<>@\[\]~=+/\-])")
#: A full stop after a digit or another full stop (``1.`` starts a list, ``...`` is a shorthand).
_DOT = re.compile(r"(?<=[0-9.])\.")
_SPACES = re.compile(r"[ \t\r\n]+")

NNBSP = "\u202f"  # espace fine insécable
NBSP = "\u00a0"


def french_spacing(text: str) -> str:
    """Make the spaces French typography wants unbreakable: fine before ; ! ? and inside « », a word
    space before a colon. Only spaces already in the text change; none is added or removed."""
    text = re.sub(r" ([;!?])", NNBSP + r"\1", text)
    text = re.sub(r" :", NBSP + ":", text)
    text = text.replace("« ", "«" + NNBSP).replace(" »", NNBSP + "»")
    return text


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
