"""French dates as written in the declaration, normalised to ISO 8601 (a day, a month, a year or a range).

``19 juin 2025`` → ``2025-06-19``; ``juin 2025`` → ``2025-06``; ``4-5 novembre 2024`` →
``2024-11-04/2024-11-05``; ``du 30 octobre au 13 novembre 2025`` → ``2025-10-30/2025-11-13``;
``2025-2027`` → ``2025/2027``. Anything else needs an explicit value: ``{date}`11 mars <2025-03-11>```.
"""

from __future__ import annotations

import datetime
import re

MONTHS = {
    "janvier": 1, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "août": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12,
}

_MONTH = "(" + "|".join(MONTHS) + ")"
_DAY = r"(1er|\d{1,2})"
_YEAR = r"(\d{4})"

_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"^(?:le )?{_DAY} {_MONTH} {_YEAR}$"), "day"),
    (re.compile(rf"^{_DAY}-{_DAY} {_MONTH} {_YEAR}$"), "day-range"),
    (re.compile(rf"^du {_DAY} {_MONTH} au {_DAY} {_MONTH} {_YEAR}$"), "cross-month"),
    (re.compile(rf"^{_MONTH} {_YEAR}$"), "month"),
    (re.compile(rf"^{_YEAR}$"), "year"),
    (re.compile(rf"^{_YEAR}-{_YEAR}$"), "year-range"),
]

_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$")


class DateError(ValueError):
    """A date that cannot be read, with the fix in its message."""


def _day(text: str) -> int:
    return 1 if text == "1er" else int(text)


def _iso(year: int, month: int | None = None, day: int | None = None) -> str:
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        raise ValueError(f"month {month} is out of range")
    if day is None:
        return f"{year:04d}-{month:02d}"
    datetime.date(year, month, day)  # raises ValueError on 31 février
    return f"{year:04d}-{month:02d}-{day:02d}"


def parse_french_date(text: str) -> str:
    """The ISO value of a French date, or DateError saying how to give it explicitly."""
    cleaned = " ".join(text.split())
    try:
        for pattern, form in _PATTERNS:
            match = pattern.match(cleaned)
            if not match:
                continue
            g = match.groups()
            if form == "day":
                return _iso(int(g[2]), MONTHS[g[1]], _day(g[0]))
            if form == "day-range":
                month, year = MONTHS[g[2]], int(g[3])
                return f"{_iso(year, month, _day(g[0]))}/{_iso(year, month, _day(g[1]))}"
            if form == "cross-month":
                year = int(g[4])
                return f"{_iso(year, MONTHS[g[1]], _day(g[0]))}/{_iso(year, MONTHS[g[3]], _day(g[2]))}"
            if form == "month":
                return _iso(int(g[1]), MONTHS[g[0]])
            if form == "year":
                return _iso(int(g[0]))
            if form == "year-range":
                return f"{_iso(int(g[0]))}/{_iso(int(g[1]))}"
    except ValueError as err:
        raise DateError(f"{text!r} is not a real date ({err})") from None
    raise DateError(f"cannot read the date {text!r}; write it as '19 juin 2025', 'juin 2025', '2025', "
                    "'4-5 novembre 2024' or give the ISO value explicitly: `texte <2025-03-11>`")


def check_iso(value: str) -> str:
    """Accept an explicit ISO value (day, month, year or a range of them) or raise DateError."""
    if not _ISO.match(value):
        raise DateError(f"{value!r} is not an ISO date; use YYYY, YYYY-MM, YYYY-MM-DD or START/END")
    for part in value.split("/"):
        pieces = [int(p) for p in part.split("-")]
        try:
            _iso(*pieces)
        except ValueError as err:
            raise DateError(f"{value!r} is not a real date ({err})") from None
    return value


def sort_key(value: str) -> str:
    """Dates sort by their start; a month sorts before its days, a year before its months."""
    return value.split("/", 1)[0]
