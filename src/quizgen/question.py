"""The Question model: what every generator produces and every exporter consumes.

A question is immutable. Its ``id`` is a hash of its content (not of the order of its options), so the
same question keeps the same id across builds, seeds and variants. Besides what a student sees, it
carries the *facts* that make it right (checked by :mod:`quizgen.guards`) and the span values it asks
or shows (so that one quiz never asks the same thing twice or gives an answer away).
"""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass, field, replace
from typing import Any

#: The kinds of question, in the order quizzes list them.
KINDS = ("cloze", "choice", "truefalse", "matching", "chronology", "attribution", "authored",
         "position", "decided", "who", "purpose", "reading")

#: How a question is answered, which is what an exporter cares about:
#: ``choice`` one or more right options; ``truefalse`` options are ("Vrai", "Faux");
#: ``matching`` stem i goes with options[answers[i]]; ``ordering`` answers lists option indices in order.
FORMS = ("choice", "truefalse", "matching", "ordering")

#: Estimated difficulty, 1 to 3, with the French words a recipe may use.
DIFFICULTIES = {1: "facile", 2: "moyen", 3: "difficile"}

TRUE, FALSE = "Vrai", "Faux"
BLANK = "_____"


@dataclass(frozen=True)
class Citation:
    """A clause a question comes from: its id, its address on the site and the words quoted."""

    clause: str
    url: str
    quote: str


@dataclass(frozen=True)
class TextFact:
    """``text`` occurs in clause ``clause`` (``holds``), or in no clause of the corpus (not ``holds``).

    With ``unique``, a text that holds must also occur in no other clause.
    """

    text: str
    clause: str | None
    holds: bool
    unique: bool = False


@dataclass(frozen=True)
class TagFact:
    """Clause ``clause`` carries (``holds``) or does not carry the tag ``tag`` = ``value``.

    ``tag`` is a span type (then ``within``, if given, limits the search to that stretch of the clause),
    ``theme``, ``section``, ``expert`` (``within`` is the claim’s text), ``role`` (``value`` a state,
    ``within`` the role) or ``label:<span type>``
    (``value`` is ``"KEY=label"`` and ``clause`` may be None).
    """

    tag: str
    value: str
    clause: str | None
    holds: bool
    within: str = ""


@dataclass(frozen=True)
class OrderFact:
    """The ISO dates (or ranges) ``dates`` are strictly in chronological order and do not overlap."""

    dates: tuple[str, ...]


@dataclass(frozen=True)
class ActFact:
    """Act ``index`` of clause ``clause`` is ``act`` (``holds``); or (not ``holds``) no act ``act`` of the
    same actor anywhere in the corpus bears on the object ``object`` (same words, or the same named thing)."""

    clause: str
    index: int
    act: str
    holds: bool
    actor: str = "members"
    object: str = ""


@dataclass(frozen=True)
class EntityFact:
    """Entity ``key`` of type ``kind`` has ``field`` = ``value`` (``holds``), or does not and is not an
    alias, part or whole of the entity that has it (not ``holds``; ``key_of_truth`` names that entity)."""

    kind: str
    key: str
    field: str
    value: str
    holds: bool
    key_of_truth: str = ""


Fact = TextFact | TagFact | OrderFact | ActFact | EntityFact


@dataclass(frozen=True)
class Question:
    id: str
    kind: str
    form: str
    prompt: str
    options: tuple[str, ...]
    answers: tuple[int, ...]
    clauses: tuple[str, ...]
    citations: tuple[Citation, ...]
    feedback: str
    difficulty: int
    themes: tuple[str, ...]
    #: Matching only: the left-hand items; stem i goes with ``options[answers[i]]``.
    stems: tuple[str, ...] = ()
    #: Cloze only: the text around the blank, for formats with a native "missing word" question.
    cloze: tuple[str, str] | None = None
    #: Named states and organisations (span values), for tags in exports.
    actors: tuple[str, ...] = ()
    #: What the question asks and what its prompt shows as true, as ``type:value`` keys.
    asks: frozenset[str] = field(default_factory=frozenset)
    shows: frozenset[str] = field(default_factory=frozenset)
    #: Why it is right; checked by the guards, not exported.
    facts: tuple[Fact, ...] = ()
    #: Whether the order of the options may be shuffled (false for true/false).
    shuffle: bool = True
    #: Cloze only, when the prompt is long: the same question on the words around the blank (≤ 120
    #: characters, for formats with a length limit such as Kahoot); its facts are guarded too.
    short_prompt: str = ""
    #: With ``short_prompt``, where the options are too long for such formats: the same options in short
    #: form, in the same order (option i ↔ short option i; same key). Empty: the options are kept.
    short_options: tuple[str, ...] = ()
    #: Words whose presence in another question of the same quiz would give this one's answer away
    #: (checked on the text by :func:`quizgen.guards.text_leaks`); not exported.
    evidence: tuple[str, ...] = ()
    #: The sections of the cited clauses, from the corpus's section field (never the id's prefix).
    sections: tuple[str, ...] = ()

    @property
    def answer_texts(self) -> tuple[str, ...]:
        return tuple(self.options[i] for i in self.answers)

    @property
    def links(self) -> tuple[str, ...]:
        return tuple(c.url for c in self.citations if c.url)

    def shuffled(self, rng: random.Random) -> Question:
        """The same question (same id) with its options, and stems, in an order drawn from ``rng``."""
        if not self.shuffle:
            return self
        order = list(range(len(self.options)))
        rng.shuffle(order)
        where = {old: new for new, old in enumerate(order)}
        options = tuple(self.options[i] for i in order)
        answers = tuple(where[a] for a in self.answers)
        short = tuple(self.short_options[i] for i in order) if self.short_options else ()
        if self.form == "matching":
            stem_order = list(range(len(self.stems)))
            rng.shuffle(stem_order)
            return replace(self, options=options, stems=tuple(self.stems[i] for i in stem_order),
                           answers=tuple(answers[i] for i in stem_order), short_options=short)
        if self.form == "choice":
            answers = tuple(sorted(answers))
        return replace(self, options=options, answers=answers, short_options=short)

    def to_dict(self) -> dict[str, Any]:
        """What exporters and the JSON format see (no facts, no internal keys)."""
        data: dict[str, Any] = {
            "id": self.id, "kind": self.kind, "form": self.form, "prompt": self.prompt,
            "options": list(self.options), "answers": list(self.answers), "clauses": list(self.clauses),
            "citations": [{"clause": c.clause, "url": c.url, "quote": c.quote} for c in self.citations],
            "feedback": self.feedback, "difficulty": self.difficulty, "themes": list(self.themes),
            "actors": list(self.actors),
        }
        if self.stems:
            data["stems"] = list(self.stems)
        if self.cloze is not None:
            data["cloze"] = list(self.cloze)
        if self.short_prompt:
            data["short_prompt"] = self.short_prompt
        if self.short_options:
            data["short_options"] = list(self.short_options)
        return data


def content_id(kind: str, form: str, prompt: str, options: tuple[str, ...], answers: tuple[int, ...],
               clauses: tuple[str, ...], stems: tuple[str, ...] = ()) -> str:
    """A hash of what the question says, independent of the order of its options."""
    if form == "matching":
        right: list[Any] = sorted([stem, options[a]] for stem, a in zip(stems, answers, strict=True))
    elif form == "ordering":
        right = [options[a] for a in answers]
    else:
        right = sorted(options[a] for a in answers)
    payload = json.dumps({"kind": kind, "form": form, "prompt": prompt, "options": sorted(options),
                          "right": right, "clauses": list(clauses)}, ensure_ascii=False, sort_keys=True)
    return "q-" + hashlib.sha256(payload.encode("utf-8")).hexdigest()[:12]


def make_question(*, kind: str, form: str, prompt: str, options: tuple[str, ...], answers: tuple[int, ...],
                  citations: tuple[Citation, ...], feedback: str, difficulty: int, themes: tuple[str, ...],
                  id: str = "", **more: Any) -> Question:
    """Build a question, deriving its id from its content unless one is given."""
    clauses = tuple(c.clause for c in citations)
    stems = more.get("stems", ())
    qid = id or content_id(kind, form, prompt, options, answers, clauses, stems)
    return Question(id=qid, kind=kind, form=form, prompt=prompt, options=options, answers=answers,
                    clauses=clauses, citations=citations, feedback=feedback,
                    difficulty=max(1, min(3, difficulty)), themes=tuple(sorted(set(themes))), **more)
