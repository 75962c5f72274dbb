"""Just enough French grammar to swap one noun phrase for another without breaking the sentence.

A span is read together with the preposition and article just before it ("de l’", "du", "à", "en", "la"…)
as a :class:`Phrase`: preposition + article + noun. Another phrase may stand in its place when it has the
same preposition and article (or, for singular articles, the same preposition); :func:`realise` then
writes it with the contractions and elisions of French: de + le → du, à + les → aux, de + Iran → d’Iran.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

APOSTROPHE = "’"
_VOWELS = set("aeiouyàâäéèêëîïôöùûüÿœæAEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŸŒÆ")

# Preposition and/or article at the very end of the text before a span. The look-behind keeps whole words.
_TAIL = re.compile(
    r"(?<![\w’'-])"
    r"(?P<prep>(?:de|à|en|du|des|au|aux)\s+|d[’'])?"
    r"(?P<det>(?:la|le|les)\s+|l[’'])?$",
    re.IGNORECASE,
)
_HEAD = re.compile(r"^(?:(?P<det>la|le|les)\s+|(?P<elided>l)[’'])(?=\w)", re.IGNORECASE)
_CONTRACTED = {"du": ("de", "le"), "des": ("de", "les"), "au": ("à", "le"), "aux": ("à", "les"),
               "d": ("de", "")}


def starts_with_vowel(word: str) -> bool:
    return bool(word) and word[0] in _VOWELS


@dataclass(frozen=True)
class Phrase:
    """A noun phrase as it stands in a clause: ``text[start:end]`` is preposition + article + noun."""

    prep: str  # "", "de", "à" or "en"
    det: str  # "", "le", "la", "les" or "l’"
    noun: str
    start: int
    end: int
    capital: bool  # the phrase opens a sentence

    @property
    def key(self) -> tuple[str, str]:
        return (self.prep, self.det)

    @property
    def np(self) -> tuple[str, str]:
        """The article and noun, without the preposition: what can move to another context."""
        return (self.det, self.noun)


def read_phrase(text: str, start: int, end: int) -> Phrase:
    """The phrase made of the span ``text[start:end]`` and the preposition and article before it."""
    tail = _TAIL.search(text, max(0, start - 16), start)
    prep = det = ""
    phrase_start = start
    if tail and tail.group(0):
        phrase_start = tail.start()
        raw_prep = (tail.group("prep") or "").strip().lower().rstrip("’'")
        raw_det = (tail.group("det") or "").strip().lower()
        prep, det = _CONTRACTED.get(raw_prep, (raw_prep, ""))
        if raw_det:
            if det:  # "du la …" is not French: keep only the nearest word
                phrase_start = tail.start("det")
                prep = ""
            det = "l’" if raw_det[0] == "l" and raw_det[-1] in "’'" else raw_det
    noun = text[start:end]
    head = _HEAD.match(noun)
    if head and not det:
        det = "l’" if head.group("elided") else head.group("det").lower()
        noun = noun[head.end():]
    capital = text[phrase_start:phrase_start + 1].isupper() and (
        phrase_start == 0 or text[:phrase_start].rstrip()[-1:] in ".!?«")
    return Phrase(prep, det, noun, phrase_start, end, capital)


def realise(prep: str, det: str, noun: str, capital: bool = False) -> str | None:
    """Write preposition + article + noun as French does, or None when the result would be doubtful."""
    if not noun:
        return None
    vowel = starts_with_vowel(noun)
    h_initial = noun[0] in "hH"
    if det == "l’" and not (vowel or h_initial):
        return None
    if det in ("le", "la") and vowel:
        return None
    if prep == "en":
        # "en" drops the article (en Chine, en Iran, en 2026); au/aux take masculine and plural ones.
        words = {"": "en ", "la": "en ", "l’": "en ", "le": "au ", "les": "aux "}[det] + noun
    else:
        if prep == "de" and not det and h_initial:
            return None  # d’H… or de H… depends on the word: leave it out
        article = {"": "", "le": "le ", "la": "la ", "les": "les ", "l’": "l’"}[det]
        if prep == "de":
            article = {"le ": "du ", "les ": "des "}.get(article, "de " + article)
            if article == "de " and vowel:
                article = "d’"
        elif prep == "à":
            article = {"le ": "au ", "les ": "aux "}.get(article, "à " + article)
        words = article + noun
    return words[:1].upper() + words[1:] if capital else words


# --- sentences and excerpts -----------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?])(?:\s*»)?\s+(?=[A-ZÀ-ÝŒ«])")


def sentences(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each sentence of a clause."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.start()
        # "… « OCS » ou …" and the like: only cut where the closing quote, if any, ends the sentence.
        if text[start:end].count("«") > text[start:end].count("»"):
            continue
        bounds.append((start, end))
        start = match.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return [(s, e) for s, e in bounds if text[s:e].strip()]


def sentence_of(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence holding ``text[start:end]`` (the whole text if it spans sentences)."""
    for s, e in sentences(text):
        if s <= start and end <= e:
            return s, e
    return 0, len(text)


def window(text: str, start: int, end: int, limit: int = 260) -> tuple[int, int]:
    """A stretch of the sentence around ``text[start:end]``, of about ``limit`` characters, cut at words."""
    s, e = sentence_of(text, start, end)
    if e - s <= limit:
        return s, e
    room = max(0, limit - (end - start))
    left = max(s, start - room // 2)
    right = min(e, end + room - (start - left))
    left = max(s, start - (room - (right - end)))  # give room unused on the right back to the left
    if left > s:
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else start
    if right < e:
        space = text.rfind(" ", end, right)
        right = space if space != -1 else end
    return left, right


def excerpt(text: str, left: int, right: int) -> str:
    """``text[left:right]`` with an ellipsis where it was cut inside its sentence."""
    s, e = sentence_of(text, left, right)
    body = text[left:right]
    return ("…" if left > s else "") + body + ("…" if right < e else "")


# --- dates --------------------------------------------------------------------------------------------

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")


def format_date(iso: str) -> str:
    """An ISO date, month, year or range in French words: 2025-06-19 → 19 juin 2025."""
    if "/" in iso:
        first, last = iso.split("/", 1)
        a, b = first.split("-"), last.split("-")
        if len(a) == len(b) == 1:
            return f"{first}-{last}"  # 2025-2027
        if len(a) == len(b) == 3 and a[:2] == b[:2]:
            return f"{format_date(first).split(' ')[0]}-{format_date(last)}"  # 4-5 novembre 2024
        if len(a) == len(b) == 3 and a[0] == b[0]:
            return f"du {format_date(first).rsplit(' ', 1)[0]} au {format_date(last)}"
        return f"du {format_date(first)} au {format_date(last)}"
    parts = iso.split("-")
    if len(parts) == 1:
        return parts[0]
    month = MONTHS[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    day = int(parts[2])
    return f"{'1er' if day == 1 else day} {month} {parts[0]}"


def date_bounds(iso: str) -> tuple[str, str]:
    """First and last day covered by an ISO date, month, year or range, as sortable strings."""
    first, _, last = iso.partition("/")
    last = last or first

    def pad(value: str, low: bool) -> str:
        parts = value.split("-")
        while len(parts) < 3:
            parts.append("00" if low else "99")
        return "-".join(parts)

    return pad(first, True), pad(last, False)


def written_shape(text: str) -> str:
    """How a date is written, digits and month names aside: "4-5 novembre 2024" → "9-9 M 9"."""
    return re.sub(r"\d+", "9", re.sub("|".join(MONTHS), "M", text.lower()))


def date_shape(iso: str) -> str:
    """year, month, day or range: dates of one shape can stand for one another."""
    if "/" in iso:
        return "range"
    return ("year", "month", "day")[min(2, iso.count("-"))]
