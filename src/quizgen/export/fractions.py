"""Grades of choice answers on Moodle's list (an import with any other value, such as 33, fails)."""

from __future__ import annotations

from quizgen.problems import Problem, QuizgenError
from quizgen.question import Question

#: Moodle's grade options, in percent; their negatives are allowed too.
MOODLE_FRACTIONS = ("100", "90", "83.33333", "80", "75", "70", "66.66667", "60", "50", "40", "33.33333", "30",
                    "25", "20", "16.66667", "14.28571", "12.5", "11.11111", "10", "5", "0")
ALLOWED = frozenset(float(f) for f in MOODLE_FRACTIONS) | frozenset(-float(f) for f in MOODLE_FRACTIONS)


def split(n: int) -> float:
    """100 split in ``n`` equal parts, as Moodle writes it; refuse when that is not on the list."""
    for text in MOODLE_FRACTIONS:
        if n > 0 and abs(float(text) - 100 / n) < 1e-4:
            return float(text)
    raise ValueError(n)


def choice_fractions(q: Question) -> list[float]:
    """Per option: 100/0 with one right answer; with ``n`` right ones, 100/n each and −100/n for each wrong
    one (ticking everything scores 0). Raise :class:`QuizgenError` when 100/n is not on Moodle's list."""
    n = len(q.answers)
    try:
        right = split(n)
    except ValueError:
        raise QuizgenError([Problem(q.id, 0, f"{n} right answers: 100/{n} is not one of Moodle's grades",
                                    "keep the right answers of a question to 1–10, or 20")]) from None
    wrong = 0.0 if n == 1 else -right
    return [right if i in q.answers else wrong for i in range(len(q.options))]


def percent(value: float) -> str:
    """A grade as Moodle writes it: ``100``, ``33.33333``, ``-50``."""
    text = f"{value:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
