"""A reader of AMC-TXT that follows AMC's own parser line by line (``AMC::Filter::plain::read_file`` and
``check_answers``, auto-multiple-choice 1.5–1.7, GPL), to check our files without installing AMC and LaTeX
(the Debian package pulls about 150 packages, TeX Live's fonts among them).

It returns the options and the questions as AMC would see them, and lists what AMC would report as an error
(an unknown option, a choice outside a question, a simple question without exactly one right answer…).
It also reports the markup a text would trigger in the parsing modules that are *not* disabled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_NAMES = """Title Presentation Code Lang Font BoxColor PaperSize AnswerSheetTitle AnswerSheetPresentation
AnswerSheetColumns CompleteMulti SeparateAnswerSheet AutoMarks DefaultScoringM DefaultScoringS L-Question L-None
L-Name L-Student LaTeX LaTeX-Preambule LaTeX-BeginDocument LaTeX-BeginCopy LaTeX-EndCopy PDF-BeginCopy PDF-EndCopy
LaTeXEngine xltxtra ShuffleQuestions Columns QuestionBlocks Arabic ArabicFont Disable ManualDuplex SingleSided
L-OpenText L-OpenReserved CodeDigitsDirection PackageOptions NameFieldWidth NameFieldLines NameFieldLinespace
TitleWidth Pages RandomSeed PreAssociation PreAssociationKey PreAssociationName"""
OPTIONS = _NAMES.split()
MODULES = ("verbatim", "local_latex", "images", "embf", "title", "text")
_OPTION = re.compile(r"^\s*(" + "|".join(re.escape(o) for o in OPTIONS) + r"):\s*(.*)", re.I)
_UNKNOWN = re.compile(r"^([a-z0-9-]+):", re.I)
_GROUP = re.compile(r"^\s*\*([\(\)])(?:\[([^]]*)\])?\s*(.*)")
_QUESTION = re.compile(r"^\s*(\*{1,2})(?:<([^>]*)>)?(?:\[([^]]*)\])?(?:\{([^\}]*)\})?\s*(.*)")
_ANSWER = re.compile(r"^\s*(\+|-)(?:\[([^]]*)\])?(?:\{([^\}]*)\})?\s*(.*)")
#: What each parsing module would take for markup in a text.
MARKUP = {
    "verbatim": re.compile(r"\[verbatim\].*?\[/verbatim\]", re.S),
    "local_latex": re.compile(r"\[\[(((?!\]\]).)+)\]\]"),
    "images": re.compile(r"!(?:\{([^!\s]+)\})?(?:\[([^!\s]+)\])?([^!\s]+)!"),
    "embf": re.compile(r"\[_|_\]|\[\*|\*\]|\[/|/\]|\[\||\|\]"),
    "title": re.compile(r"\[==|==\]"),
}


@dataclass
class Answer:
    text: str
    correct: bool
    letter: str | None
    scoring: str | None


@dataclass
class AmcQuestion:
    text: str
    multiple: bool
    options: dict[str, str]
    scoring: str | None
    open: str | None
    answers: list[Answer] = field(default_factory=list)


@dataclass
class Parsed:
    options: dict[str, str]
    questions: list[AmcQuestion]
    errors: list[str]
    groups: int = 0

    def markup(self) -> list[str]:
        """Texts that an enabled parsing module would read as markup (not plain text)."""
        disabled = set(self.options.get("disable", "").split())
        texts = [q.text for q in self.questions] + [a.text for q in self.questions for a in q.answers]
        texts += [self.options.get(k, "") for k in ("title", "presentation")]
        return [f"{name}: {t!r}" for name, rx in MARKUP.items() if name not in disabled
                for t in texts if rx.search(t)]


def read_options(text: str | None) -> dict[str, str]:
    found: dict[str, str] = {}
    for item in (text or "").split(","):
        if not item:
            continue
        key, eq, value = item.partition("=")
        found[key] = value if eq else "1"
    return found


def parse(source: str) -> Parsed:
    options: dict[str, str] = {}
    questions: list[AmcQuestion] = []
    errors: list[str] = []
    groups = 0
    current: AmcQuestion | None = None
    follow: tuple[object, str] | None = None  # (object, attribute/key) receiving continuation lines

    def check(q: AmcQuestion | None, line: int) -> None:
        if q is None:
            return
        if len(q.answers) < 2:
            errors.append(f"line {line}: previous question has less than two choices")
        elif not q.multiple and "indicative" not in q.options and sum(a.correct for a in q.answers) != 1:
            errors.append(f"line {line}: simple question with {sum(a.correct for a in q.answers)} correct choices")

    def append(text: str) -> None:
        if follow is None:
            return
        target, key = follow
        if isinstance(target, dict):
            target[key] += "\n" + text
        else:
            setattr(target, key, getattr(target, key) + "\n" + text)

    for number, raw in enumerate(source.split("\n"), 1):
        line = raw.rstrip("\r")
        if re.match(r"^\s*#", line):
            continue
        if m := _OPTION.match(line):
            options[m[1].lower()] = m[2]
            follow = (options, m[1].lower())
            check(current, number)
            current = None
            continue
        if m := _UNKNOWN.match(line):
            errors.append(f"line {number}: unknown option {m[1]}")
        if m := _GROUP.match(line):
            groups += 1
            follow = None
            continue
        if m := _QUESTION.match(line):
            check(current, number)
            current = AmcQuestion(m[5], len(m[1]) == 2, read_options(m[3]), m[4], m[2])
            questions.append(current)
            follow = (current, "text")
            continue
        if m := _ANSWER.match(line):
            if current is None:
                errors.append(f"line {number}: choice outside question")
            else:
                answer = Answer(m[4], m[1] == "+", m[2], m[3])
                current.answers.append(answer)
                follow = (answer, "text")
            continue
        append(line)
    check(current, len(source.split("\n")))
    for q in questions:
        q.text = q.text.strip()
        for a in q.answers:
            a.text = a.text.strip()
    return Parsed({k: v.strip() for k, v in options.items()}, questions, errors, groups)
