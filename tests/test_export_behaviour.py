"""``quizgen.export.export`` as a caller meets it: the output folders it refuses (file, line and fix in each
problem), the files it swaps in whole or puts back, the staging folder beside the target, the formats it
knows. Quick probes with small writers registered for one test (no corpus, no build)."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

import pytest

import quizgen.export as export_registry
from export_support import quiz_of, sample_questions
from quizgen.export import BUILTIN, check_out, export, is_dated, register, writer
from quizgen.problems import Problem, QuizgenError
from quizgen.quiz import Quiz

OUT_FIX = "give --out a folder (existing or to be created) that you may write to"


@pytest.fixture(autouse=True)
def own_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    """Formats registered here live for one test only."""
    monkeypatch.setattr(export_registry, "_registered", {})


def files(names: dict[str, str]) -> export_registry.Writer:
    """A writer that writes these files (relative name → text) for each quiz."""

    def write(quiz: Quiz, directory: Path) -> list[Path]:
        paths = []
        for name, text in names.items():
            path = directory / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            paths.append(path)
        return paths

    return write


def problems(err: pytest.ExceptionInfo[QuizgenError]) -> list[Problem]:
    return err.value.problems


def quiz() -> Quiz:
    return quiz_of(sample_questions()[:2])


# -- Output folders refused before any work -------------------------------------------------------------------


def test_an_output_folder_that_is_a_file_is_refused_with_its_name_and_the_fix(tmp_path: Path) -> None:
    afile = tmp_path / "afile"
    afile.write_text("x")
    with pytest.raises(QuizgenError) as err:
        check_out(afile)
    assert problems(err) == [Problem(str(afile), 0, "the output folder is a file", OUT_FIX)]
    assert str(err.value) == f"{afile}: the output folder is a file — fix: {OUT_FIX}"


def test_an_output_folder_under_a_file_is_refused(tmp_path: Path) -> None:
    afile = tmp_path / "afile"
    afile.write_text("x")
    with pytest.raises(QuizgenError) as err:
        check_out(afile / "sub" / "deeper")
    assert problems(err) == [Problem(str(afile / "sub" / "deeper"), 0,
                                     f"the output folder would be under {afile}, which is a file", OUT_FIX)]
    assert afile.read_text() == "x"


def test_an_output_folder_in_a_read_only_folder_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder one may read but not write to (simulated: the tests may run as root, who writes anywhere)."""
    real_access = os.access

    def access(path: object, mode: int) -> bool:
        if Path(str(path)) == tmp_path:
            return not mode & (os.W_OK | os.X_OK) or mode & (os.W_OK | os.X_OK) == os.X_OK  # may enter, not write
        return real_access(path, mode)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)
    with pytest.raises(QuizgenError) as err:
        check_out(tmp_path / "new" / "out")
    assert problems(err) == [Problem(str(tmp_path / "new" / "out"), 0, f"{tmp_path} is read-only", OUT_FIX)]
    check_out(tmp_path.parent)  # a folder one may write to is taken


def test_an_unknown_format_is_refused_with_the_list_of_known_ones() -> None:
    with pytest.raises(QuizgenError) as err:
        writer("pdf")
    (problem,) = problems(err)
    assert (problem.file, problem.line, problem.message) == ("--format", 0, "unknown format 'pdf'")
    assert problem.fix == "use one of: " + ", ".join(sorted(BUILTIN))
    assert str(err.value).startswith("--format: unknown format 'pdf' — fix: use one of: amc, anki, gift")


def test_only_anki_and_formats_of_plugins_carry_the_exports_date() -> None:
    """The speed-up that copies unchanged exports rests on this: a built-in format other than Anki depends on the
    quiz alone, a format registered by a plugin may depend on anything."""
    assert [name for name in sorted(BUILTIN) if is_dated(name)] == ["anki"]
    register("plugin", files({"p.txt": "p"}))
    assert is_dated("plugin")


# -- Writing: all or nothing --------------------------------------------------------------------------------


def test_files_are_staged_beside_the_target_then_the_folder_is_renamed(tmp_path: Path) -> None:
    """The staging folder is in the target's parent (the final rename stays on one file system), and is gone
    afterwards."""
    seen: list[Path] = []

    def spy(q: Quiz, directory: Path) -> list[Path]:
        seen.append(directory)
        return files({"a.txt": "a"})(q, directory)

    register("spy", spy)
    out = tmp_path / "two" / "levels" / "out"  # neither folder exists yet
    assert export([quiz()], ["spy"], out) == [out / "a.txt"]
    (staged,) = seen
    assert staged.parent.parent == out.parent and staged.parent.name.startswith(".out.quizgen-")
    assert (out / "a.txt").read_text() == "a"
    assert sorted(p.name for p in out.parent.iterdir()) == ["out"]  # no staging folder left behind
    assert sorted(p.name for p in tmp_path.iterdir()) == ["two"]


def test_a_staging_folder_that_cannot_be_made_is_a_problem_not_a_traceback(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    def full(**kwargs: object) -> str:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tempfile, "mkdtemp", full)
    with pytest.raises(QuizgenError) as err:
        export([quiz()], ["json"], tmp_path / "out")
    assert problems(err) == [Problem(str(tmp_path / "out"), 0,
                                     f"cannot create a folder in {tmp_path}: No space left on device",
                                     "give --out a folder you may write to")]
    assert not (tmp_path / "out").exists()


def test_a_writer_that_fails_names_the_file_it_could_not_write(tmp_path: Path) -> None:
    def broken(q: Quiz, directory: Path) -> list[Path]:
        raise OSError(errno.ENOSPC, "No space left on device", str(directory / "big.bin"))

    register("broken", broken)
    with pytest.raises(QuizgenError) as err:
        export([quiz()], ["broken"], tmp_path / "out")
    (problem,) = problems(err)
    assert problem.file.endswith("big.bin") and problem.message == "cannot write: No space left on device"
    assert problem.fix == "free some space or choose another --out folder, then build again"
    assert not (tmp_path / "out").exists()


def test_a_write_error_that_names_no_file_names_the_output_folder(tmp_path: Path) -> None:
    """``write()`` on an open file reports a full disk with no file name: the problem then names ``--out``."""

    def full(q: Quiz, directory: Path) -> list[Path]:
        raise OSError(errno.ENOSPC, "No space left on device")

    register("full", full)
    out = tmp_path / "out"
    with pytest.raises(QuizgenError) as err:
        export([quiz()], ["full"], out)
    assert problems(err) == [Problem(str(out), 0, "cannot write: No space left on device",
                                     "free some space or choose another --out folder, then build again")]


def test_two_formats_writing_the_same_file_are_refused(tmp_path: Path) -> None:
    register("one", files({"same.txt": "1", "twin.txt": "1"}))
    register("two", files({"same.txt": "2", "other.txt": "o", "twin.txt": "2"}))
    out = tmp_path / "out"
    with pytest.raises(QuizgenError) as err:
        export([quiz()], ["one", "two"], out)
    assert problems(err) == [Problem(str(out), 0, "two exports write the same file(s): same.txt, twin.txt",
                                     "name each format and each recipe once")]
    assert not out.exists()


def test_a_folder_where_a_file_goes_and_a_file_where_a_folder_goes_are_each_named(tmp_path: Path) -> None:
    register("nested", files({"a.txt": "a", "deck/b.txt": "b"}))
    out = tmp_path / "out"
    (out / "a.txt").mkdir(parents=True)  # a folder where the file a.txt goes
    (out / "deck").write_text("old")  # a file where the folder deck/ goes
    with pytest.raises(QuizgenError) as err:
        export([quiz()], ["nested"], out)
    fix = "remove it or choose another --out folder"
    assert problems(err) == [Problem(str(out / "a.txt"), 0, "a folder stands where an export file goes", fix),
                             Problem(str(out / "deck" / "b.txt"), 0, "a file stands where a folder goes", fix)]
    assert (out / "a.txt").is_dir() and (out / "deck").read_text() == "old"  # nothing moved


def test_new_files_replace_old_ones_in_subfolders_and_the_rest_stays(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "deck").mkdir(parents=True)
    (out / "deck" / "b.txt").write_text("old b")
    (out / "notes.txt").write_text("the teacher's own file")
    register("nested", files({"deck/b.txt": "new b", "deck/c/e/d.txt": "new d"}))  # deck/c/e/: two new folders
    assert export([quiz()], ["nested"], out) == [out / "deck" / "b.txt", out / "deck" / "c" / "e" / "d.txt"]
    assert (out / "deck" / "b.txt").read_text() == "new b"
    assert (out / "deck" / "c" / "e" / "d.txt").read_text() == "new d"
    assert (out / "notes.txt").read_text() == "the teacher's own file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_file_that_cannot_be_swapped_in_puts_every_old_file_back(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    out.mkdir()
    for name in ("a.txt", "b.txt"):
        (out / name).write_text(f"old {name}")
    register("two", files({"a.txt": "new a", "b.txt": "new b", "c.txt": "new c"}))
    real_replace = Path.replace

    def replace(self: Path, target: str | Path) -> Path:
        if Path(target) == out / "c.txt":  # the last file cannot go in: the two before it were swapped already
            raise OSError(errno.EIO, "Input/output error", str(target))
        return real_replace(self, target)

    monkeypatch.setattr(Path, "replace", replace)
    with pytest.raises(QuizgenError) as err:
        export([quiz()], ["two"], out)
    assert problems(err) == [Problem(str(out / "c.txt"), 0, "cannot write: Input/output error",
                                     "choose another --out folder, then build again")]
    assert {p.name: p.read_text() for p in out.iterdir()} == {"a.txt": "old a.txt", "b.txt": "old b.txt"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
