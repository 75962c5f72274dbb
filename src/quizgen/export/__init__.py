"""Exporters: one module per format, found by name. Each module has ``write(quiz, directory) -> [paths]``.

Built-in formats are imported only when asked for (some need extra packages). Another format is added
with :func:`register`, or by listing its module in ``BUILTIN``. :func:`export` writes every file into a
temporary folder first and moves them into place only when all are written: nothing is half-written.
"""

from __future__ import annotations

import importlib
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from quizgen.problems import Problem, QuizgenError
from quizgen.quiz import Quiz

Writer = Callable[[Quiz, Path], list[Path]]

#: Format name → module defining ``write``.
BUILTIN: dict[str, str] = {n: f"quizgen.export.{n}" for n in ("json", "gift", "moodle", "qti", "kahoot", "anki")}
_registered: dict[str, Writer] = {}


def register(name: str, writer: Writer) -> None:
    _registered[name] = writer


def formats() -> list[str]:
    return sorted(set(BUILTIN) | set(_registered))


def writer(name: str) -> Writer:
    if name in _registered:
        return _registered[name]
    if name not in BUILTIN:
        raise QuizgenError([Problem("--format", 0, f"unknown format {name!r}",
                                    f"use one of: {', '.join(formats())}")])
    module = importlib.import_module(BUILTIN[name])
    found: Writer = module.write
    return found


def export(quizzes: Sequence[Quiz], names: Iterable[str], out: Path) -> list[Path]:
    """Write every quiz in every format into ``out``; on any error nothing lands there."""
    writers = [(name, writer(name)) for name in names]
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".quizgen-", dir=out))
    try:
        written: list[Path] = []
        for quiz in quizzes:
            for _, write in writers:
                written += write(quiz, staging)
        final = []
        for path in sorted(written):
            target = out / path.relative_to(staging)
            target.parent.mkdir(parents=True, exist_ok=True)
            path.replace(target)
            final.append(target)
        return final
    finally:
        shutil.rmtree(staging, ignore_errors=True)
