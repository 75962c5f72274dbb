"""Every bad input to the engine gets file, line and fix, never a traceback; exports are all or nothing
(issue 15, items 2, 3 and 6). Each probe runs the CLI as a user would, on a small corpus written here."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import quizgen.export as export_registry
from quizgen.cli import main
from quizgen.corpus import Corpus
from quizgen.export import export, register
from quizgen.problems import QuizgenError
from quizgen.quiz import Quiz, build_quiz
from quizgen.recipe import parse_recipe

TEXT = "Les États membres de l’OCS ont salué la Chine à Douchanbé le 1er septembre 2025."
CLAUSE = {"id": "I.1", "section": "I", "number": 1, "text": TEXT, "themes": ["securite"],
          "source": {"file": "docs/i.md", "line": 3}, "url": "i.html#clause-I-1",
          "spans": [{"type": "org", "text": "OCS", "value": "OCS", "start": TEXT.index("OCS"),
                     "end": TEXT.index("OCS") + 3}]}
CORPUS = {"format": "quizgen-corpus", "version": 1, "title": "Essai", "themes": {"securite": "Sécurité"},
          "clauses": [CLAUSE]}
RECIPE = 'title = "Essai"\nseed = 1\n[counts]\ntruefalse = 1\n'


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().err


def corpus_file(tmp_path: Path, data: Any, name: str = "corpus.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def changed(edit: Callable[[dict[str, Any]], object]) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(json.dumps(CORPUS))
    edit(data)
    return data


ID = '"id": "I.1"'


@pytest.mark.parametrize(("data", "message", "needle"), [
    ([CORPUS], "a corpus is a JSON object", ""),
    (changed(lambda d: d.pop("clauses")), 'key "clauses" is missing', ""),
    (changed(lambda d: d["clauses"][0].pop("text")), 'clause I.1: key "text" is missing', ID),
    (changed(lambda d: d["clauses"][0].update(number="un")), 'clause I.1: "number" is str "un"', ID),
    (changed(lambda d: d["clauses"][0].update(themes="securite")), '"themes" is str', ID),
    (changed(lambda d: d["clauses"][0]["spans"][0].update(start=-5, end=-2)), '"start" is int -5', ID),
    (changed(lambda d: d["clauses"][0]["spans"][0].update(end=1)), "ends (1) before it starts", ID),
    (changed(lambda d: d.update(clauses=["I.1"])), "clause 1 is a str, not a table", '"clauses"'),
])
def test_corpus_of_the_wrong_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str], data: Any, message: str,
                                   needle: str) -> None:
    path = corpus_file(tmp_path, data)
    text = path.read_text(encoding="utf-8")
    line = text[:text.index(needle)].count("\n") + 1 if needle else 1  # the clause's own line in the file
    code, err = run(capsys, "list", "--corpus", str(path))
    assert code == 1 and "Traceback" not in err
    assert message in err and f"{path}:{line}:" in err and "fix:" in err, err


def test_unknown_keys_are_ignored_so_a_later_version_reads(tmp_path: Path) -> None:
    data = changed(lambda d: (d.update(work={"title": "x"}, acts=[], actors={}, entities={}),
                              d["clauses"][0].update(acts=[{"actor": "CHN"}]),
                              d["clauses"][0]["spans"][0].update(comment="ignored")))
    corpus = Corpus.load(corpus_file(tmp_path, data))
    assert corpus.clause("I.1").spans[0].text == "OCS"


def test_not_utf8_corpus_and_recipe(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = corpus_file(tmp_path, CORPUS)
    bad = tmp_path / "latin1.json"
    bad.write_bytes(good.read_text(encoding="utf-8").encode("latin-1", "replace"))
    code, err = run(capsys, "list", "--corpus", str(bad))
    first = good.read_text(encoding="utf-8")
    line = first[:first.index("é")].count("\n") + 1  # the line of the first accented letter
    assert code == 1 and f"{bad}:{line}: not UTF-8 text" in err and "Traceback" not in err
    recipe = tmp_path / "essai.toml"
    recipe.write_bytes('title = "Sécurité"\n[counts]\ntruefalse = 1\n'.encode("latin-1"))
    code, err = run(capsys, "build", str(recipe), "--corpus", str(good), "--out", str(tmp_path / "o"))
    assert code == 1 and f"{recipe}:1: not UTF-8 text" in err and "save the recipe as UTF-8" in err


@pytest.fixture
def inputs(tmp_path: Path, built_site: Path) -> tuple[Path, Path]:
    """The kit's corpus (the session's build) and a small recipe on it."""
    recipe = tmp_path / "essai.toml"
    recipe.write_text(RECIPE, encoding="utf-8")
    return built_site / "corpus.json", recipe


@pytest.mark.parametrize(("extra", "message"), [
    (["--format", "json,json"], "--format: format(s) named twice: json"),
    (["--format", ""], "--format: no format given"),
    (["--format", "json,,gift"], "empty name"),
    (["--format", "pdf"], "unknown format 'pdf'"),
    (["--variants", "10000"], "--variants: 10000 variants asked: at most 500"),
])
def test_bad_options_are_refused_before_any_work(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                 inputs: tuple[Path, Path], extra: list[str], message: str) -> None:
    corpus, recipe = inputs
    code, err = run(capsys, "build", str(recipe), "--corpus", str(corpus), "--out", str(tmp_path / "o"), *extra)
    assert code == 1 and message in err and "fix:" in err
    assert not (tmp_path / "o").exists()


def test_bad_output_folders(tmp_path: Path, capsys: pytest.CaptureFixture[str], inputs: tuple[Path, Path],
                            monkeypatch: pytest.MonkeyPatch) -> None:
    corpus, recipe = inputs
    afile = tmp_path / "afile"
    afile.write_text("x")
    blocked = tmp_path / "blocked"
    (blocked / "essai.json").mkdir(parents=True)
    for out, message in [(afile, "the output folder is a file"), (afile / "sub", "which is a file"),
                         (blocked, "a folder stands where an export file goes")]:
        code, err = run(capsys, "build", str(recipe), "--corpus", str(corpus), "--out", str(out))
        assert code == 1 and message in err and "Traceback" not in err, err
    assert afile.read_text() == "x" and not list(tmp_path.glob(".*quizgen*"))
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == tmp_path else real_access(p, mode))
    code, err = run(capsys, "build", str(recipe), "--corpus", str(corpus), "--out", str(tmp_path / "new"))
    assert code == 1 and "is read-only" in err


def test_exports_are_all_or_nothing(tmp_path: Path, inputs: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    corpus_path, recipe = inputs
    quiz = build_quiz(Corpus.load(corpus_path), parse_recipe(RECIPE, str(recipe), "essai"))
    out = tmp_path / "out"
    export([quiz], ["json", "gift"], out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def broken(q: Quiz, directory: Path) -> list[Path]:
        (directory / "half.txt").write_text("half")
        raise OSError(28, "No space left on device", str(directory / "half.txt"))

    monkeypatch.setattr(export_registry, "_registered", {})  # the broken format lives for this test only
    register("broken", broken)
    with pytest.raises(QuizgenError, match="No space left on device"):
        export([quiz], ["json", "gift", "broken"], out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # nothing new, nothing half-written
    assert not list(tmp_path.glob(".*quizgen*"))


def test_titles_and_ids_are_one_line(tmp_path: Path) -> None:
    with pytest.raises(QuizgenError, match="line break") as err:
        parse_recipe('title = "Essai\\n::INJECTED:: x {=oui ~non}"\n[counts]\ntruefalse = 1\n', "r.toml", "essai")
    assert "r.toml:1:" in str(err.value)
    with pytest.raises(QuizgenError, match="malformed id"):
        parse_recipe(RECIPE, "Bad Name.toml", "Bad Name")
