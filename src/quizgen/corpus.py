"""The corpus: clauses, their typed spans and tags, read from and written to ``corpus.json``.

The Sphinx extension writes the corpus; the quiz engine reads it. This module is the contract
between the two and imports nothing from Sphinx. The format is documented in the README.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from quizgen.corpus_shape import check_shape, clean_span, decode
from quizgen.problems import Problem, QuizgenError

#: Name and version of the corpus format; bump the version on any incompatible change.
CORPUS_FORMAT = "quizgen-corpus"
CORPUS_VERSION = 2

#: The kinds of typed span a clause may carry.
SPAN_TYPES = ("state", "org", "place", "date", "concept", "number", "person", "event")


@dataclass(frozen=True)
class Span:
    """A typed stretch of a clause's text: ``text == clause.text[start:end]``."""

    type: str
    text: str
    value: str
    start: int
    end: int


@dataclass(frozen=True)
class Stretch:
    """A verbatim stretch of a clause's text: ``text == clause.text[start:end]``."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Bounds:
    start: int
    end: int


@dataclass(frozen=True)
class Act:
    """What a clause does: ``actor`` (``members``, a state code, an org key) does ``act`` (a key of
    ``Corpus.acts``) with ``verb`` on ``object``, in ``sentence`` (offsets into the clause's text)."""

    actor: str
    act: str
    verb: Stretch
    object: Stretch
    sentence: Bounds


@dataclass(frozen=True)
class SourceLocation:
    file: str
    line: int


@dataclass(frozen=True)
class Clause:
    id: str
    section: str
    number: int
    text: str
    themes: tuple[str, ...]
    spans: tuple[Span, ...]
    source: SourceLocation
    url: str = ""
    acts: tuple[Act, ...] = ()

    def spans_of(self, span_type: str) -> list[Span]:
        return [s for s in self.spans if s.type == span_type]

    def sentence_of(self, act: Act) -> str:
        """The whole sentence an act stands in, as the text writes it."""
        return self.text[act.sentence.start:act.sentence.end]


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    url: str = ""


@dataclass
class Corpus:
    """Everything the quiz engine needs to know about a text."""

    title: str
    clauses: list[Clause]
    sections: list[Section] = field(default_factory=list)
    themes: dict[str, str] = field(default_factory=dict)
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    credit: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    #: How to name the text: title, short, gender, of, in ("dans la déclaration").
    work: dict[str, str] = field(default_factory=dict)
    #: The scale of acts: key → label, force, polarity, decided, present_3pl, construction, group.
    acts: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: Collective actors ("members") → {"label": …}.
    actors: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: span type → value → label, subtype, part_of, same_as, definition, country, member….
    entities: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    site_url: str = ""  #: the site's public address (``quizgen_site_url``): exports make clause links absolute

    def __post_init__(self) -> None:
        self._by_id = {c.id: c for c in self.clauses}

    def __iter__(self) -> Iterator[Clause]:
        return iter(self.clauses)

    def __len__(self) -> int:
        return len(self.clauses)

    def clause(self, clause_id: str) -> Clause:
        try:
            return self._by_id[clause_id]
        except KeyError:
            raise KeyError(f"no clause {clause_id!r} in the corpus") from None

    def has_clause(self, clause_id: str) -> bool:
        return clause_id in self._by_id

    def in_section(self, section: str) -> list[Clause]:
        return [c for c in self.clauses if c.section == section]

    def label(self, span_type: str, value: str) -> str:
        """The readable label of a span value (a state's name for ``IRN``), or the value itself."""
        return self.labels.get(span_type, {}).get(value, value)

    def entity(self, span_type: str, value: str) -> dict[str, Any]:
        """What the vocabulary says of a span value (label, subtype, relations, definition), or {}."""
        return self.entities.get(span_type, {}).get(value, {})

    def subtype(self, span_type: str, value: str) -> str:
        return str(self.entity(span_type, value).get("subtype", ""))

    def related(self, org: str) -> set[str]:
        """The organisation with its aliases (same_as), the wholes it is part of and its parts, transitively
        (siblings excluded: the AGNU and the CSNU are both parts of the ONU, not of each other). None of these
        may serve as a distractor against it."""
        orgs = self.entities.get("org", {})

        def closure(start: set[str], step: str) -> set[str]:
            found, todo = set(start), list(start)
            while todo:
                for other in orgs.get(todo.pop(), {}).get(step, ()):
                    if other not in found:
                        found.add(other)
                        todo.append(other)
            return found

        group = closure({org}, "same_as")
        wholes = closure(group, "part_of")
        parts = {k for k in orgs if closure({k}, "part_of") & group}
        return group | wholes | parts

    def all_spans(self, span_type: str | None = None) -> Iterable[tuple[Clause, Span]]:
        for clause in self.clauses:
            for span in clause.spans:
                if span_type is None or span.type == span_type:
                    yield clause, span

    # --- serialisation -------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": CORPUS_FORMAT,
            "version": CORPUS_VERSION,
            "title": self.title,
            "credit": self.credit,
            "themes": dict(self.themes),
            "labels": {k: dict(v) for k, v in self.labels.items()},
            "sections": [asdict(s) for s in self.sections],
            "clauses": [_clause_to_dict(c) for c in self.clauses],
            "work": dict(self.work),
            "acts": {k: dict(v) for k, v in self.acts.items()},
            "actors": {k: dict(v) for k, v in self.actors.items()},
            "entities": {t: {k: dict(e) for k, e in table.items()} for t, table in self.entities.items()},
            **({"extra": self.extra} if self.extra else {}),
            **({"site_url": self.site_url} if self.site_url else {}),
        }

    def dumps(self) -> str:
        # Sorted keys and a fixed layout: the same sources always give the same bytes.
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"

    def write(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.dumps(), encoding="utf-8")

    @classmethod
    def from_dict(cls, data: dict[str, Any], origin: str = "<corpus>", text: str = "") -> Corpus:
        if shape := check_shape(data, origin, text):  # types of the keys read here; unknown keys ignored
            raise QuizgenError(shape[:20])
        if data.get("format") != CORPUS_FORMAT:
            raise QuizgenError([Problem(origin, 1, "this is not a quizgen corpus (no \"format\": "
                                        f"\"{CORPUS_FORMAT}\")", "build the site to write corpus.json")])
        if data.get("version") != CORPUS_VERSION:
            found = data.get("version")
            fix = ("rebuild the corpus with this version of quizgen (nox -s docs)" if isinstance(found, int)
                   and found < CORPUS_VERSION else "read it with a newer quizgen, or rebuild it with this one")
            raise QuizgenError([Problem(origin, 1, f"corpus format version {found!r} is not supported "
                                        f"(this quizgen reads version {CORPUS_VERSION})", fix)])
        clauses = [_clause_from_dict(c) for c in data["clauses"]]
        corpus = cls(
            title=data.get("title", ""),
            clauses=clauses,
            sections=[Section(**s) for s in data.get("sections", [])],
            themes=dict(data.get("themes", {})),
            labels={k: dict(v) for k, v in data.get("labels", {}).items()},
            credit=data.get("credit", ""),
            extra=dict(data.get("extra", {})),
            work=dict(data.get("work", {})),
            acts={k: dict(v) for k, v in data.get("acts", {}).items()},
            actors={k: dict(v) for k, v in data.get("actors", {}).items()},
            entities={t: {k: dict(e) for k, e in table.items()} for t, table in data.get("entities", {}).items()},
            site_url=data.get("site_url", ""),
        )
        problems = validate(corpus, origin)
        if problems:
            raise QuizgenError(problems)
        return corpus

    @classmethod
    def load(cls, path: Path | str) -> Corpus:
        path = Path(path)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise QuizgenError([Problem(str(path), 0, "corpus file not found",
                                        "build the site first (nox -s docs; a build that fails leaves no "
                                        "corpus.json) or pass --corpus PATH")]) from None
        except OSError as err:
            raise QuizgenError([Problem(str(path), 0, f"cannot read the corpus: {err.strerror}",
                                        "pass --corpus with a readable corpus.json")]) from None
        return cls.from_dict(decode(raw, str(path)), str(path), raw.decode("utf-8"))


def _clause_to_dict(clause: Clause) -> dict[str, Any]:
    # Written out rather than dataclasses.asdict, which deep-copies every string: a third of a rebuild's
    # corpus writing.
    return {
        "id": clause.id, "section": clause.section, "number": clause.number, "text": clause.text,
        "themes": list(clause.themes),
        "spans": [{"type": s.type, "text": s.text, "value": s.value, "start": s.start, "end": s.end}
                  for s in clause.spans],
        "source": {"file": clause.source.file, "line": clause.source.line},
        "url": clause.url,
        "acts": [{"actor": a.actor, "act": a.act, "verb": _stretch(a.verb), "object": _stretch(a.object),
                  "sentence": {"start": a.sentence.start, "end": a.sentence.end}} for a in clause.acts],
    }


def _stretch(stretch: Stretch) -> dict[str, Any]:
    return {"text": stretch.text, "start": stretch.start, "end": stretch.end}


def _clause_from_dict(data: dict[str, Any]) -> Clause:
    return Clause(
        id=data["id"],
        section=data["section"],
        number=int(data["number"]),
        text=data["text"],
        themes=tuple(data.get("themes", ())),
        spans=tuple(Span(**clean_span(s)) for s in data.get("spans", ())),
        source=SourceLocation(**data["source"]),
        url=data.get("url", ""),
        acts=tuple(_act_from_dict(a) for a in data.get("acts", ())),
    )


def _act_from_dict(data: dict[str, Any]) -> Act:
    return Act(actor=data["actor"], act=data["act"], verb=Stretch(**data["verb"]),
               object=Stretch(**data["object"]), sentence=Bounds(**data["sentence"]))


def validate(corpus: Corpus, origin: str = "<corpus>") -> list[Problem]:
    """Check the corpus is self-consistent: unique ids, spans that match their text, known themes."""
    problems: list[Problem] = []
    seen: set[str] = set()
    actors = {*corpus.actors, *corpus.entities.get("state", {}), *corpus.entities.get("org", {})}
    for clause in corpus.clauses:
        where = clause.source.file or origin
        line = clause.source.line
        if clause.id in seen:
            problems.append(Problem(where, line, f"duplicate clause id {clause.id!r}",
                                    "give each clause its own id"))
        seen.add(clause.id)
        for theme in clause.themes:
            if corpus.themes and theme not in corpus.themes:
                problems.append(Problem(where, line, f"clause {clause.id}: unknown theme {theme!r}",
                                        f"use one of: {', '.join(sorted(corpus.themes))}"))
        for span in clause.spans:
            if span.type not in SPAN_TYPES:
                problems.append(Problem(where, line, f"clause {clause.id}: unknown span type {span.type!r}",
                                        f"use one of: {', '.join(SPAN_TYPES)}"))
            if clause.text[span.start:span.end] != span.text or not span.text.strip():
                problems.append(Problem(where, line,
                                        f"clause {clause.id}: span {span.text!r} does not match the text at "
                                        f"{span.start}–{span.end}", "rebuild the corpus"))
        problems.extend(_act_problems(corpus, clause, where, line, actors))
    return problems


def _act_problems(corpus: Corpus, clause: Clause, where: str, line: int, actors: set[str]) -> list[Problem]:
    """What is wrong with a clause's acts; ``actors`` are the corpus's actor keys (gathered once)."""
    problems: list[Problem] = []
    for act in clause.acts:
        if corpus.acts and act.act not in corpus.acts:
            problems.append(Problem(where, line, f"clause {clause.id}: unknown act {act.act!r}",
                                    f"use one of: {', '.join(sorted(corpus.acts))}"))
        if actors and act.actor not in actors:
            problems.append(Problem(where, line, f"clause {clause.id}: unknown actor {act.actor!r}",
                                    "use a key of actors, of the states or of the organisations"))
        for name, stretch in (("verb", act.verb), ("object", act.object)):
            if clause.text[stretch.start:stretch.end] != stretch.text or not stretch.text.strip():
                problems.append(Problem(where, line, f"clause {clause.id}: act {name} {stretch.text!r} does not "
                                        f"match the text at {stretch.start}–{stretch.end}", "rebuild the corpus"))
        if not 0 <= act.sentence.start < act.sentence.end <= len(clause.text):
            problems.append(Problem(where, line, f"clause {clause.id}: act sentence {act.sentence} lies "
                                    "outside the text", "rebuild the corpus"))
    return problems
