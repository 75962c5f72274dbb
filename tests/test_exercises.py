"""Written exercises: what they cite exists, they are in the site, and no answer key reaches a student."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quizgen.corpus import Corpus

ROOT = Path(__file__).resolve().parent.parent
EXERCISES = sorted((ROOT / "exercises").glob("*.md"))
TEACHER_BLOCK = re.compile(r"^:::\{(corrige|teacher-note)\}\n(.*?)^:::$", re.MULTILINE | re.DOTALL)
FIELDS = ("Niveau", "Durée")


def _plain(text: str) -> str:
    text = re.sub(r"\{clause\}`([^`]+)`", "§\u00a0\\1", text)
    text = re.sub(r"\{doc\}`[^`]+`", "", text)
    text = re.sub(r"\{[a-z]+\}`([^`<]*?)\s*(?:<[^>`]*>)?`", r"\1", text)  # typed spans: keep their words
    return re.sub(r"[*`]", "", text)


def public_text() -> str:
    """Everything a student may legitimately read: the site's sources without the teacher blocks."""
    parts = [p.read_text(encoding="utf-8") for p in (ROOT / "docs").rglob("*.md")]
    parts += [TEACHER_BLOCK.sub("", p.read_text(encoding="utf-8")) for p in EXERCISES]
    return " ".join(_plain("\n".join(parts)).split())  # line breaks of the sources are not in the pages


def teacher_sentences(source: str, public: str) -> list[str]:
    """Stretches of the teacher-only blocks written for teachers (not quotes of public material)."""
    found = []
    for _kind, body in TEACHER_BLOCK.findall(source):
        for line in _plain(body).splitlines():
            words = line.strip().lstrip("-0123456789. ").strip()
            for start in range(0, max(0, len(words) - 40), 25):
                stretch = words[start : start + 40]
                if "«" not in stretch and "»" not in stretch and stretch not in public:
                    found.append(stretch)
                    break
    return found


def test_there_are_the_five_written_exercises() -> None:
    assert len(EXERCISES) >= 5
    for path in EXERCISES:
        text = path.read_text(encoding="utf-8")
        for field in FIELDS:
            assert f":{field}:" in text, f"{path.name} does not state its {field.lower()}"
        assert "## Objectifs" in text and "## Consigne" in text, path.name
        assert TEACHER_BLOCK.search(text), f"{path.name} has no corrigé or teacher note"


def test_every_clause_an_exercise_cites_exists(built_site: Path) -> None:
    corpus = Corpus.load(built_site / "corpus.json")
    cited = 0
    for path in EXERCISES:
        for clause_id in re.findall(r"\{clause\}`([^`]+)`", path.read_text(encoding="utf-8")):
            cited += 1
            assert corpus.has_clause(clause_id), f"{path.name} cites {clause_id}"
    assert cited > 20


@pytest.mark.parametrize("path", EXERCISES, ids=lambda p: p.stem)
def test_no_corrige_or_teacher_note_on_the_site(built_site: Path, path: Path) -> None:
    page = built_site / "exercices" / f"{path.stem}.html"
    html = page.read_text(encoding="utf-8")
    assert "qg-teacher-pointer" in html  # the student sees where the key is, not the key
    sentences = teacher_sentences(path.read_text(encoding="utf-8"), public_text())
    assert sentences
    every_page = "\n".join(p.read_text(encoding="utf-8") for p in built_site.rglob("*.html"))
    for sentence in sentences:
        assert sentence not in every_page, sentence
