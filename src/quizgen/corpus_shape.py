"""The shape of a ``corpus.json`` checked before it is read: every fault named with the file, the line and the fix.

The check is generic: it knows the type of each key the engine reads (top level, clause, span, section,
source) and ignores every other key, as the README promises readers, so a later corpus version that adds
keys (``work``, ``acts``, ``actors``, ``entities``, a clause's ``acts``…) passes as long as the keys read here
keep their types. :func:`decode` reads the bytes (UTF-8 and JSON) with the same kind of message.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from quizgen.problems import Problem, QuizgenError

FIX_REBUILD = "rebuild the corpus with the site build (nox -s docs); do not edit corpus.json by hand"

Check = Callable[[Any], bool]


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_str(value: Any) -> bool:
    return isinstance(value, str)


def _str_map(value: Any) -> bool:
    return isinstance(value, dict) and all(isinstance(v, str) for v in value.values())


def _str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


#: key → (required, check, what the value must be)
TOP: dict[str, tuple[bool, Check, str]] = {
    "format": (True, _is_str, "a string"),
    "version": (True, _is_int, "a whole number"),
    "clauses": (True, lambda v: isinstance(v, list), "a list of clauses"),
    "title": (False, _is_str, "a string"),
    "credit": (False, _is_str, "a string"),
    "site_url": (False, _is_str, "a string (the site's public address)"),
    "themes": (False, _str_map, "a table of theme → label strings"),
    "labels": (False, lambda v: isinstance(v, dict) and all(_str_map(x) for x in v.values()),
               "a table of span type → {value: label}"),
    "sections": (False, lambda v: isinstance(v, list), "a list of sections"),
    "extra": (False, lambda v: isinstance(v, dict), "a table"),
}
CLAUSE: dict[str, tuple[bool, Check, str]] = {
    "id": (True, lambda v: _is_str(v) and bool(v.strip()), "a non-empty string such as \"II.12\""),
    "section": (True, _is_str, "a string"),
    "number": (True, _is_int, "a whole number"),
    "text": (True, lambda v: _is_str(v) and bool(v.strip()), "the clause's text, a non-empty string"),
    "themes": (False, _str_list, "a list of theme strings"),
    "spans": (False, lambda v: isinstance(v, list), "a list of spans"),
    "source": (True, lambda v: isinstance(v, dict), "a table {\"file\": …, \"line\": …}"),
    "url": (False, _is_str, "a string"),
}
SOURCE: dict[str, tuple[bool, Check, str]] = {
    "file": (True, _is_str, "a string"),
    "line": (True, _is_int, "a whole number"),
}
SPAN: dict[str, tuple[bool, Check, str]] = {
    "type": (True, _is_str, "a string"),
    "text": (True, _is_str, "a string"),
    "value": (True, _is_str, "a string"),
    "start": (True, lambda v: _is_int(v) and v >= 0, "a whole number ≥ 0 (an offset into the clause's text)"),
    "end": (True, lambda v: _is_int(v) and v >= 0, "a whole number ≥ 0 (an offset into the clause's text)"),
}
SECTION: dict[str, tuple[bool, Check, str]] = {
    "id": (True, _is_str, "a string"),
    "title": (True, _is_str, "a string"),
    "url": (False, _is_str, "a string"),
}


def decode(raw: bytes, origin: str) -> Any:
    """The JSON value of a corpus file's bytes, or :class:`QuizgenError` with the line of the fault."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        raise QuizgenError([Problem(origin, line, f"not UTF-8 text (byte {raw[err.start]:#04x} at byte "
                                    f"{err.start})", "save the file as UTF-8, or " + FIX_REBUILD)]) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise QuizgenError([Problem(origin, err.lineno, f"invalid JSON: {err.msg}", FIX_REBUILD)]) from None


def _line(text: str, needle: str) -> int:
    """The line of ``needle`` in the file's text (1 when it is not found)."""
    at = text.find(needle) if needle else -1
    return text.count("\n", 0, at) + 1 if at >= 0 else 1


def _keys(value: Mapping[str, Any], spec: Mapping[str, tuple[bool, Check, str]], what: str,
          where: Callable[[], tuple[str, int]]) -> list[Problem]:
    problems: list[Problem] = []
    for key, (required, check, expected) in spec.items():
        if key not in value:
            if required:
                problems.append(Problem(*where(), f"{what}: key \"{key}\" is missing (it must be {expected})",
                                        FIX_REBUILD))
        elif not check(value[key]):
            problems.append(Problem(*where(), f"{what}: \"{key}\" is {type(value[key]).__name__} "
                                    f"{_short(value[key])}, it must be {expected}", FIX_REBUILD))
    return problems


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "…"


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def check_shape(data: Any, origin: str, text: str = "") -> list[Problem]:
    """Problems with the types of the keys the engine reads; unknown keys are ignored. ``text`` (the file's
    JSON text) lets the problems point to the line of the clause at fault."""
    if not isinstance(data, dict):
        return [Problem(origin, 1, f"a corpus is a JSON object {{\"format\": …, \"clauses\": […]}}, not a "
                        f"{type(data).__name__}", FIX_REBUILD)]

    def top() -> tuple[str, int]:
        return origin, 1

    problems = _keys(data, TOP, "corpus", top)
    for n, section in enumerate(_list(data.get("sections"))):
        if not isinstance(section, dict):
            problems.append(Problem(origin, _line(text, '"sections"'), f"section {n + 1} is not a table",
                                    FIX_REBUILD))
            continue
        problems += _keys(section, SECTION, f"section {n + 1}", lambda: (origin, _line(text, '"sections"')))
    clauses = _list(data.get("clauses"))
    for n, clause in enumerate(clauses, 1):
        if not isinstance(clause, dict):
            problems.append(Problem(origin, _line(text, '"clauses"'), f"clause {n} is a "
                                    f"{type(clause).__name__}, not a table", FIX_REBUILD))
            continue
        name = f"clause {clause['id']}" if isinstance(clause.get("id"), str) else f"clause {n}"
        needle = f'"id": {json.dumps(clause.get("id"), ensure_ascii=False)}' if "id" in clause else '"clauses"'

        # The line is looked up only for a clause at fault: finding it for every clause would read the
        # file once per clause.
        def here(needle: str = needle) -> tuple[str, int]:
            return origin, _line(text, needle)

        problems += _keys(clause, CLAUSE, name, here)
        if isinstance(clause.get("source"), dict):
            problems += _keys(clause["source"], SOURCE, f"{name}, source", here)
        spans = _list(clause.get("spans"))
        for m, span in enumerate(spans, 1):
            if not isinstance(span, dict):
                problems.append(Problem(*here(), f"{name}, span {m} is not a table", FIX_REBUILD))
                continue
            found = _keys(span, SPAN, f"{name}, span {m}", here)
            if not found and span["end"] < span["start"]:
                found.append(Problem(*here(), f"{name}, span {m} ends ({span['end']}) before it starts "
                                     f"({span['start']})", FIX_REBUILD))
            problems += found
    return problems


def clean_span(span: Mapping[str, Any]) -> dict[str, Any]:
    """A span's known keys only: unknown keys are ignored, as the README promises."""
    return {key: span[key] for key in SPAN}


