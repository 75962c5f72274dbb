"""Issue 16: after a clause edit, the exports of a quiz that did not change are copied from the last build, format
by format; only the formats whose files carry the exports' date (``quizgen.export.is_dated``: Anki) are written
again when that date moves. That is right only if no other format depends on the date: checked here."""

from __future__ import annotations

from pathlib import Path

import pytest

from export_support import real_quizzes
from quizgen.export import BUILTIN, export, is_dated


def test_only_the_dated_formats_depend_on_the_exports_date(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    quizzes = real_quizzes(request)
    moved = set()
    for name in sorted(BUILTIN):
        early = export(quizzes, [name], tmp_path / name / "early", stamp=1_700_000_000)
        late = export(quizzes, [name], tmp_path / name / "late", stamp=1_760_000_000)
        assert [p.name for p in early] == [p.name for p in late]
        if any(p.read_bytes() != q.read_bytes() for p, q in zip(early, late, strict=True)):
            moved.add(name)
    assert moved == {name for name in BUILTIN if is_dated(name)} == {"anki"}


def test_a_format_registered_later_is_taken_as_dated() -> None:
    assert is_dated("anki")
    assert not is_dated("gift")
    assert is_dated("some-format-of-a-plugin")
