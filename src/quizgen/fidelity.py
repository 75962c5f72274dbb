"""Fidelity to the source: the extracted text, the listed mends, and the paragraphs they give.

The edition keeps a verbatim copy of the declaration as extracted from the source PDF and a list of
every mend of an extraction defect. Applying the mends to the copy must give exactly the clauses of
the site, in order: this module computes that expected text; the tests compare.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from quizgen.problems import Problem, QuizgenError


@dataclass(frozen=True)
class Mend:
    line: int
    kind: str
    before: str
    after: str
    why: str


@dataclass(frozen=True)
class Paragraph:
    section: str
    number: int
    text: str

    @property
    def clause_id(self) -> str:
        return f"{self.section}.{self.number}"


@dataclass(frozen=True)
class Edition:
    source_file: str
    first_line: int
    source_text: str
    mends: tuple[Mend, ...]
    headings: dict[str, str]  # heading line (after mends) → section id
    closing: str

    @classmethod
    def load(cls, data_dir: Path | str) -> Edition:
        data_dir = Path(data_dir)
        mends_path = data_dir / "mends.toml"
        data = tomllib.loads(mends_path.read_text(encoding="utf-8"))
        source_text = (data_dir / "declaration-source.txt").read_text(encoding="utf-8")
        mends = tuple(Mend(m["line"], m["kind"], m["before"], m["after"], m["why"]) for m in data["mend"])
        return cls(data["source_file"], data["first_line"], source_text, mends, dict(data["headings"]),
                   data["closing"])

    def check_mends(self) -> list[Problem]:
        """Each mend must match exactly once, on the line it names, so none can change text silently."""
        problems = []
        for mend in self.mends:
            count = self.source_text.count(mend.before)
            if count != 1:
                problems.append(Problem("mends.toml", mend.line,
                                        f"mend {mend.before!r} matches {count} times in the source",
                                        "make `before` longer so that it matches exactly once"))
                continue
            index = self.source_text.index(mend.before)
            line = self.first_line + self.source_text.count("\n", 0, index)
            if line != mend.line:
                problems.append(Problem("mends.toml", mend.line,
                                        f"mend {mend.before!r} is on source line {line}, not {mend.line}",
                                        f"set line = {line}"))
        return problems

    def mended_text(self) -> str:
        problems = self.check_mends()
        if problems:
            raise QuizgenError(problems)
        text = self.source_text
        for mend in self.mends:
            text = text.replace(mend.before, mend.after, 1)
        return text

    def paragraphs(self) -> list[Paragraph]:
        """The declaration's paragraphs after the mends, numbered within their section."""
        paragraphs: list[Paragraph] = []
        section, number = "", 0
        lines = [line for line in self.mended_text().split("\n") if line.strip()]
        if not lines or lines[-1] != self.closing:
            raise QuizgenError([Problem("mends.toml", 0, "the mended text does not end with the closing "
                                        f"{self.closing!r}", "check the last mends")])
        for line in lines[:-1]:
            if line in self.headings:
                section, number = self.headings[line], 0
                continue
            number += 1
            paragraphs.append(Paragraph(section, number, line))
        return paragraphs

    def section_titles(self) -> dict[str, str]:
        return {section: heading for heading, section in self.headings.items()}
