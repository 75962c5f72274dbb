"""French typography for every text the kit produces (site, quizzes, projector, PDFs, exports).

One function, :func:`french_typography`, serves every output so that they all agree:

- a narrow no-break space (U+202F) before ``;``, ``!`` and ``?`` and inside « » ;
- a no-break space (U+00A0) before ``:`` ;
- the typographic apostrophe ’ between letters (``l'OCS`` → ``l’OCS``) ;
- ordinal abbreviations in superscript letters (``1er`` → ``1ᵉʳ``, ``XXIe`` → ``XXIᵉ``) when asked.

It is idempotent (running it twice changes nothing) and leaves addresses, times and code-like tokens
alone: a colon or question mark glued to the next character (``https://``, ``10:30``, ``page?x=1``) is not
punctuation of a sentence.
"""

from __future__ import annotations

import re

NNBSP = "\u202f"  #: espace fine insécable
NBSP = "\u00a0"  #: espace insécable
APOSTROPHE = "’"

_SPACE = r"[ \t\u00a0\u202f]"
# A high punctuation mark that ends a word: preceded by a word, a closing quote or bracket, followed by a
# space, a closing quote or bracket, or the end of the text.
_HIGH = re.compile(rf"(?<=[\w»)\]…’]){_SPACE}*([;!?]+)(?=$|[\s»)\]\"'<])")
_COLON = re.compile(rf"(?<=[\w»)\]…’]){_SPACE}*:(?=$|[\s»)\]])")
_OPEN_QUOTE = re.compile(rf"«{_SPACE}*")
_CLOSE_QUOTE = re.compile(rf"{_SPACE}*»")
_APOSTROPHE = re.compile(r"(?<=[A-Za-zÀ-ÖØ-öø-ÿŒœ])'(?=[A-Za-zÀ-ÖØ-öø-ÿŒœ])")
# 1er, 1re, 2e, XXIe, 1ers… as whole words (not "1ere" typos, not inside longer words).
_ORDINAL = re.compile(r"\b([0-9]+|[IVXLC]{2,})(er|re|ers|res|e|es)\b(?![’'])")
_SUPERSCRIPT = str.maketrans({"e": "ᵉ", "r": "ʳ", "s": "ˢ"})


def french_typography(text: str, *, ordinals: bool = True) -> str:
    """``text`` with French typography. Safe on any plain text; does not touch markup-free ASCII code."""
    if not text:
        return text
    # Quotes first: the spaces they add are what the marks before them are then followed by.
    text = _OPEN_QUOTE.sub("«" + NNBSP, text)
    text = _CLOSE_QUOTE.sub(NNBSP + "»", text)
    text = _APOSTROPHE.sub(APOSTROPHE, text)
    text = _HIGH.sub(lambda m: NNBSP + m.group(1), text)
    text = _COLON.sub(NBSP + ":", text)
    if ordinals:
        text = _ORDINAL.sub(_ordinal, text)
    return text


def _ordinal(match: re.Match[str]) -> str:
    number, suffix = match.group(1), match.group(2)
    if suffix in ("er", "ers") and number != "1":
        return match.group(0)  # "2er" is not French: leave it as written
    if suffix in ("re", "res") and number != "1":
        return match.group(0)
    if number.isalpha() and suffix not in ("e", "es", "er"):
        return match.group(0)
    return number + suffix.translate(_SUPERSCRIPT)


def plain_spaces(text: str) -> str:
    """The text with its no-break spaces made plain again (for search keys and comparisons)."""
    return text.replace(NNBSP, " ").replace(NBSP, " ")
