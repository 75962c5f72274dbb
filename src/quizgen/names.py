"""What a title or an id may hold, checked the same way by the engine and by the Sphinx extension.

An id names a question in every export (GIFT ``::name::``, Moodle ``<idnumber>``, an Anki field): lower-case
letters, digits and hyphens, nothing a format could read as syntax. A title is one line of text: a line
break or another control character in a title could start a new question in a line-based format (GIFT).
"""

from __future__ import annotations

import re

#: A teacher's question id (``{question} tianjin-hote``), a recipe's id (its file name).
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
ID_FIX = "use lower-case letters, digits and hyphens, e.g. tianjin-hote"
TITLE_MAX = 200
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


def id_problem(value: object) -> str | None:
    """Why ``value`` is not a valid id, or None."""
    if not isinstance(value, str) or not ID_PATTERN.match(value):
        return f"malformed id {value!r}"
    return None


def title_problem(value: object) -> str | None:
    """Why ``value`` is not a valid title (one line, no control characters, ≤ 200 characters), or None."""
    if not isinstance(value, str) or not value.strip():
        return "the title is empty"
    if _CONTROL.search(value):
        return f"the title {value[:60]!r} holds a line break or another control character"
    if len(value) > TITLE_MAX:
        return f"the title has {len(value)} characters (at most {TITLE_MAX})"
    return None


TITLE_FIX = f"write the title on one line, at most {TITLE_MAX} characters"
