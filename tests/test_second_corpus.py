"""The engine on another text (issue 15 item 14): articles 1–3 of the 1789 Declaration, with its own
``work`` metadata, build into every export format; prompts, deck name and sections come from the corpus."""

from __future__ import annotations

import json
import re
import sqlite3
import zipfile
from pathlib import Path

from quizgen.corpus import Corpus
from quizgen.export import export, formats
from quizgen.quiz import build_quiz
from quizgen.recipe import load_recipe

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "ddhc"
PLAIN_SPACE = re.compile(r"[^\s\u202f\u00a0][;:!?]|« | »")


def test_every_format_builds_from_the_second_corpus(tmp_path: Path) -> None:
    corpus = Corpus.load(EXAMPLE / "corpus.json")
    quiz = build_quiz(corpus, load_recipe(EXAMPLE / "ddhc.toml"))
    assert quiz.work_title == "Déclaration des droits de l’homme et du citoyen"
    written = export([quiz], formats(), tmp_path)
    suffixes = {p.name.removeprefix("ddhc") for p in written}
    assert {".json", ".gift.txt", ".moodle.xml", ".qti.zip", ".apkg"} <= suffixes, suffixes
    data = json.loads((tmp_path / "ddhc.json").read_text(encoding="utf-8"))
    texts = [q["prompt"] + q["feedback"] + "".join(q["options"]) for v in data["variants"] for q in v["questions"]]
    assert texts and not any("Tianjin" in t or "la déclaration" in t for t in texts)
    with zipfile.ZipFile(tmp_path / "ddhc.apkg") as apkg:
        (tmp_path / "c.db").write_bytes(apkg.read("collection.anki2"))
    raw = sqlite3.connect(tmp_path / "c.db").execute("select decks from col").fetchone()[0]
    decks = " ".join(d["name"] for d in json.loads(raw).values())
    assert "Déclaration des droits de l’homme et du citoyen::" in decks and "Tianjin" not in decks


def test_the_articles_are_the_1789_text() -> None:
    corpus = Corpus.load(EXAMPLE / "corpus.json")
    first = corpus.clause("A.1").text
    assert first.startswith("Les hommes naissent et demeurent libres et égaux en droits.")
    assert corpus.clause("A.3").text.endswith("Nul corps, nul individu ne peut exercer d’autorité qui n’en émane "
                                              "expressément.")
