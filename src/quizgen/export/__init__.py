"""Exporters: one module per format, found by name. Each module has ``write(quiz, directory) -> [paths]``.

Built-in formats are imported only when asked for (some need extra packages). Another format is added
with :func:`register`, or by listing its module in ``BUILTIN``. :func:`export` writes every file into a
temporary folder beside the target first and swaps them in only when all are written: nothing is half-written.
"""

from __future__ import annotations

import importlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from quizgen.export.common import SITE_URL, STAMP
from quizgen.problems import Problem, QuizgenError
from quizgen.quiz import Quiz

Writer = Callable[[Quiz, Path], list[Path]]

#: Format name → module defining ``write``.
BUILTIN: dict[str, str] = {n: f"quizgen.export.{n}" for n in ("json", "gift", "moodle", "qti", "kahoot", "anki",
                                                                     "amc")}
_registered: dict[str, Writer] = {}
#: The built-in formats whose bytes depend on ``stamp`` (a modification time in the file): the others depend on
#: the quiz and ``site_url`` only. A registered format is taken to depend on it too.
DATED: frozenset[str] = frozenset({"anki"})


def register(name: str, writer: Writer) -> None:
    _registered[name] = writer


def formats() -> list[str]:
    return sorted(set(BUILTIN) | set(_registered))


def is_dated(name: str) -> bool:
    """Whether the format's files carry the exports' date (``stamp``): same quiz, other date, other bytes."""
    return name in DATED or name not in BUILTIN


def writer(name: str) -> Writer:
    if name in _registered:
        return _registered[name]
    if name not in BUILTIN:
        raise QuizgenError([Problem("--format", 0, f"unknown format {name!r}",
                                    f"use one of: {', '.join(formats())}")])
    module = importlib.import_module(BUILTIN[name])
    found: Writer = module.write
    return found


def check_out(out: Path) -> None:
    """Refuse an output folder that cannot be one (a file, under a file, read-only), before any work."""
    out = Path(out)
    fix = "give --out a folder (existing or to be created) that you may write to"
    if out.exists() and not out.is_dir():
        raise QuizgenError([Problem(str(out), 0, "the output folder is a file", fix)])
    parent = out
    while not parent.exists():
        parent = parent.parent
    if not parent.is_dir():
        raise QuizgenError([Problem(str(out), 0, f"the output folder would be under {parent}, which is a file",
                                    fix)])
    if not os.access(parent, os.W_OK | os.X_OK):
        raise QuizgenError([Problem(str(out), 0, f"{parent} is read-only", fix)])


def _oserror(err: OSError, out: Path, fix: str) -> QuizgenError:
    """A write that failed, named by its file, or by the output folder when the error names none (a full disk
    found by ``write()`` on an open file)."""
    return QuizgenError([Problem(str(err.filename or out), 0, f"cannot write: {err.strerror}", fix)])


def export(quizzes: Sequence[Quiz], names: Iterable[str], out: Path, site_url: str = "",
           stamp: int | None = None) -> list[Path]:
    """Write every quiz in every format into ``out``: all of them or, on any error, none.

    Everything is written into a temporary folder beside ``out`` first. Then a new ``out`` is that folder,
    renamed; an existing one gets the new files swapped in, each old file kept aside until all are in, and
    put back if one cannot be moved (a folder where a file goes is found before anything moves).

    ``site_url`` (the corpus's ``site_url``, from ``quizgen_site_url``) makes clause links absolute; without
    it, exports cite clauses by number and carry no link. ``stamp`` (:func:`quizgen.export.common.input_stamp`)
    dates the records of formats that need a modification time (Anki)."""
    writers = [(name, writer(name)) for name in names]
    out = Path(out)
    check_out(out)
    fix = "free some space or choose another --out folder, then build again"
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.quizgen-", dir=out.parent))
    except OSError as err:
        raise QuizgenError([Problem(str(out), 0, f"cannot create a folder in {out.parent}: {err.strerror}",
                                    "give --out a folder you may write to")]) from None
    try:
        new = staging / "new"
        new.mkdir()
        written: list[Path] = []
        token, dated = SITE_URL.set(site_url), STAMP.set(stamp)
        try:
            for quiz in quizzes:
                for _, write in writers:
                    written += write(quiz, new)
        except OSError as err:
            raise _oserror(err, out, fix) from None
        finally:
            SITE_URL.reset(token)
            STAMP.reset(dated)
        names_written = [p.relative_to(new) for p in written]
        twice = sorted({str(p) for p in names_written if names_written.count(p) > 1})
        if twice:
            raise QuizgenError([Problem(str(out), 0, f"two exports write the same file(s): {', '.join(twice)}",
                                        "name each format and each recipe once")])
        relative = sorted(set(names_written))
        blocked = [r for r in relative if (out / r).is_dir() or any((out / p).is_file() for p in r.parents
                                                                    if p != Path("."))]
        if blocked:
            raise QuizgenError([Problem(str(out / r), 0, "a folder stands where an export file goes"
                                        if (out / r).is_dir() else "a file stands where a folder goes",
                                        "remove it or choose another --out folder") for r in blocked])
        if not out.exists():
            new.rename(out)
            return [out / r for r in relative]
        return _swap(new, staging / "old", out, relative)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _swap(new: Path, old: Path, out: Path, relative: list[Path]) -> list[Path]:
    moved: list[tuple[Path, bool]] = []  # (relative path, an old file was kept aside)
    try:
        for r in relative:
            target = out / r
            kept = target.exists()
            if kept:
                (old / r).parent.mkdir(parents=True, exist_ok=True)
                target.replace(old / r)
            moved.append((r, kept))
            target.parent.mkdir(parents=True, exist_ok=True)
            (new / r).replace(target)
    except OSError as err:
        for r, kept in reversed(moved):  # put every old file back: nothing half-written
            (out / r).unlink(missing_ok=True)
            if kept:
                (old / r).replace(out / r)
        raise _oserror(err, out, "choose another --out folder, then build again") from None
    return [out / r for r in relative]
