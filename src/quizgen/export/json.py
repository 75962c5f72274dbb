"""JSON: the whole quiz (every variant, its questions and its answer key) in one file per recipe."""

from __future__ import annotations

from pathlib import Path

from quizgen.quiz import Quiz

FORMAT = "json"


def write(quiz: Quiz, directory: Path) -> list[Path]:
    path = directory / f"{quiz.id}.json"
    path.write_text(quiz.dumps(), encoding="utf-8")
    return [path]
