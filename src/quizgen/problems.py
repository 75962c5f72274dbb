"""Problems found in sources, recipes or corpora: each names a file, a line and the fix."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    message: str
    fix: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        text = f"{where}: {self.message}"
        if self.fix:
            text += f" — fix: {self.fix}"
        return text


class QuizgenError(Exception):
    """One or more problems that stop the work; nothing is written when it is raised."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
