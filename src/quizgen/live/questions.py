"""What a phone may see of a question, and how its answer is checked.

A :class:`LiveQuestion` is made from a question of a built quiz (:func:`quizgen.quiz.build_quiz`, the same
questions as the site). :meth:`LiveQuestion.public` is all a student receives before the reveal: no
answer, no feedback, no clause that would give it away. An answer is a list of option indices:

- ``choice``: the options ticked (one, or several when the question has several right options);
- ``truefalse``: ``[0]`` (Vrai) or ``[1]`` (Faux);
- ``matching``: for stem i, the option chosen for it;
- ``ordering``: the options in the order given.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from quizgen.question import Question
from quizgen.quiz import LETTERS, Quiz
from quizgen.typography import french_typography


@dataclass(frozen=True)
class LiveQuestion:
    number: int
    id: str
    kind: str
    form: str
    prompt: str
    options: tuple[str, ...]
    stems: tuple[str, ...]
    answers: tuple[int, ...]
    feedback: str
    clauses: tuple[str, ...]
    urls: tuple[str, ...]
    time: int

    @property
    def multi(self) -> bool:
        return self.form == "choice" and len(self.answers) > 1

    def public(self) -> dict[str, Any]:
        """What every client may know while the question is open (never the key)."""
        return {"number": self.number, "form": self.form, "prompt": self.prompt, "options": list(self.options),
                "stems": list(self.stems), "multi": self.multi, "time": self.time}

    def revealed(self) -> dict[str, Any]:
        """The key, the explanation and the clauses, for after the reveal."""
        return {"answers": list(self.answers), "key": self.key_text(), "feedback": self.feedback,
                "clauses": [{"id": c, "url": u} for c, u in zip(self.clauses, self.urls, strict=True)]}

    def key_text(self) -> str:
        if self.form == "matching":
            return "; ".join(f"{s} → {self.options[a]}" for s, a in zip(self.stems, self.answers, strict=True))
        if self.form == "ordering":
            return " → ".join(self.options[a] for a in self.answers)
        return ", ".join(self.options[a] for a in self.answers)

    def valid(self, answer: object) -> bool:
        """Whether ``answer`` is a well-formed answer to this question (not whether it is right)."""
        if not isinstance(answer, list) or not all(type(a) is int for a in answer):
            return False
        n = len(self.options)
        if not all(0 <= a < n for a in answer):
            return False
        if self.form == "matching":
            return len(answer) == len(self.stems)
        if self.form == "ordering":
            return sorted(answer) == list(range(n))
        if self.multi:
            return 1 <= len(answer) <= n and len(set(answer)) == len(answer)
        return len(answer) == 1

    def normal(self, answer: list[int]) -> list[int]:
        """The stored form of a valid answer (ticked options in order)."""
        return sorted(answer) if self.form == "choice" else list(answer)

    def right(self, answer: list[int] | None) -> bool:
        if answer is None:
            return False
        return tuple(self.normal(answer)) == tuple(self.normal(list(self.answers)))

    def letters(self, answer: list[int]) -> str:
        """An answer as letters, for the results files (``B`` or ``A, C`` or ``1→B, 2→A``)."""
        if self.form == "matching":
            return ", ".join(f"{i}→{LETTERS[a]}" for i, a in enumerate(answer, 1))
        return ", ".join(LETTERS[a] for a in answer)

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "id": self.id, "kind": self.kind, "form": self.form, "prompt": self.prompt,
                "options": list(self.options), "stems": list(self.stems), "answers": list(self.answers),
                "feedback": self.feedback, "clauses": list(self.clauses), "urls": list(self.urls),
                "time": self.time}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LiveQuestion:
        return cls(number=data["number"], id=data["id"], kind=data["kind"], form=data["form"],
                   prompt=data["prompt"], options=tuple(data["options"]), stems=tuple(data["stems"]),
                   answers=tuple(data["answers"]), feedback=data["feedback"], clauses=tuple(data["clauses"]),
                   urls=tuple(data["urls"]), time=data["time"])


def live_question(number: int, q: Question, time: int) -> LiveQuestion:
    t = french_typography
    urls = {c.clause: c.url for c in q.citations}
    return LiveQuestion(number=number, id=q.id, kind=q.kind, form=q.form, prompt=t(q.prompt),
                        options=tuple(t(o) for o in q.options), stems=tuple(t(s) for s in q.stems),
                        answers=tuple(q.answers), feedback=t(q.feedback), clauses=tuple(q.clauses),
                        urls=tuple(urls.get(c, "") for c in q.clauses), time=time)


def live_questions(quiz: Quiz, variant: int = 1) -> list[LiveQuestion]:
    """The questions of one variant of a built quiz, in its order."""
    chosen = quiz.variants[variant - 1]
    return [live_question(n, q, quiz.time) for n, q in enumerate(chosen.questions, 1)]
