"""Controlled vocabularies (themes, states, places, organisations, concepts, persons, events, acts),
defined once in TOML.

Plain Python: the Sphinx extension validates tags with it and the quiz engine can reuse it for
another text. Every lookup that fails says what would be accepted.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quizgen.problems import Problem, QuizgenError

#: Sub-types of an organisation (``subtype`` in ``[orgs.X]``).
ORG_SUBTYPES = ("sco", "sco-body", "un", "un-organ", "treaty", "bank-fund", "initiative", "meeting",
                "organisation")
#: Sub-types of a place (``subtype`` in ``[places."X"]``).
PLACE_SUBTYPES = ("city", "region", "country")
#: Polarity of an act of the declaration.
POLARITIES = ("positive", "negative", "neutral")
#: How an act's object attaches to its verb: "condamnent X", "prennent note de X", "appellent à X".
CONSTRUCTIONS = ("direct", "de", "à")


@dataclass(frozen=True)
class Organisation:
    key: str
    label: str
    acronym: str
    kind: str
    description: str
    forms: tuple[str, ...]
    subtype: str = "organisation"
    part_of: tuple[str, ...] = ()
    same_as: tuple[str, ...] = ()


@dataclass(frozen=True)
class Place:
    name: str
    subtype: str
    country: str  # ISO alpha-3 of its state, or ""


@dataclass(frozen=True)
class Named:
    """A person or a named event: a key, a French label, the forms the text uses, an editor's note."""

    key: str
    label: str
    forms: tuple[str, ...]
    description: str = ""


@dataclass(frozen=True)
class Act:
    """What a clause does, on the scale of diplomatic force (``[acts.X]``)."""

    key: str
    label: str
    force: int
    polarity: str
    decided: bool
    present_3pl: str
    construction: str
    group: str


@dataclass(frozen=True)
class State:
    code: str
    label: str
    forms: tuple[str, ...]
    member: bool


@dataclass
class Vocabulary:
    themes: dict[str, str] = field(default_factory=dict)
    states: dict[str, State] = field(default_factory=dict)
    places: dict[str, str] = field(default_factory=dict)  # place → ISO alpha-3 of its state, or ""
    orgs: dict[str, Organisation] = field(default_factory=dict)
    concepts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    place_info: dict[str, Place] = field(default_factory=dict)
    persons: dict[str, Named] = field(default_factory=dict)
    events: dict[str, Named] = field(default_factory=dict)
    acts: dict[str, Act] = field(default_factory=dict)
    actors: dict[str, str] = field(default_factory=dict)  # collective actors ("members") → French label
    work: dict[str, str] = field(default_factory=dict)  # how to name the text (title, short, gender, of, in)
    path: str = "<vocabulary>"
    #: What is wrong with the file, when it was loaded with ``strict=False`` (the build reports them).
    problems: list[Problem] = field(default_factory=list)

    # Lookups from the words of the text to a vocabulary key; each returns None when unknown.
    def state_for(self, text: str) -> str | None:
        return _lookup(text, {c: s.forms for c, s in self.states.items()})

    def org_for(self, text: str) -> str | None:
        return _lookup(text, {k: o.forms for k, o in self.orgs.items()})

    def concept_for(self, text: str) -> str | None:
        return _lookup(text, self.concepts)

    def place_for(self, text: str) -> str | None:
        return text if text in self.places else None

    def person_for(self, text: str) -> str | None:
        return _lookup(text, {k: p.forms for k, p in self.persons.items()})

    def event_for(self, text: str) -> str | None:
        return _lookup(text, {k: e.forms for k, e in self.events.items()})

    def actor_keys(self) -> list[str]:
        """Who may act in a clause: the collective actors, the states, the organisations."""
        return [*self.actors, *self.states, *self.orgs]

    def labels(self) -> dict[str, dict[str, str]]:
        """Readable labels per span type, as written into corpus.json."""
        return {
            "state": {c: s.label for c, s in sorted(self.states.items())},
            "org": {k: o.label for k, o in sorted(self.orgs.items())},
            "place": {p: p for p in sorted(self.places)},
            "concept": {k: forms[0] for k, forms in sorted(self.concepts.items())},
            "person": {k: p.label for k, p in sorted(self.persons.items())},
            "event": {k: e.label for k, e in sorted(self.events.items())},
        }

    def entities(self) -> dict[str, dict[str, dict[str, Any]]]:
        """Every named thing with its sub-type and relations, as written into corpus.json (version 2)."""
        return {
            "org": {k: {"label": o.label, "acronym": o.acronym, "kind": o.kind, "subtype": o.subtype,
                        "part_of": list(o.part_of), "same_as": list(o.same_as), "definition": o.description}
                    for k, o in sorted(self.orgs.items())},
            "place": {n: {"label": n, "subtype": p.subtype, "country": p.country}
                      for n, p in sorted(self.place_info.items())},
            "state": {c: {"label": s.label, "member": s.member} for c, s in sorted(self.states.items())},
            "concept": {k: {"label": forms[0] if forms else k, "definition": ""}
                        for k, forms in sorted(self.concepts.items())},
            "person": {k: {"label": p.label, "definition": p.description} for k, p in sorted(self.persons.items())},
            "event": {k: {"label": e.label, "definition": e.description} for k, e in sorted(self.events.items())},
        }

    def acts_table(self) -> dict[str, dict[str, Any]]:
        return {k: {"label": a.label, "force": a.force, "polarity": a.polarity, "decided": a.decided,
                    "present_3pl": a.present_3pl, "construction": a.construction, "group": a.group}
                for k, a in sorted(self.acts.items())}

    @classmethod
    def load(cls, path: Path | str, strict: bool = True) -> Vocabulary:
        """Read a vocabulary file; its problems raise QuizgenError, or are kept in ``problems`` if not strict."""
        path = Path(path)
        text = path.read_text(encoding="utf-8")
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as err:
            problem = Problem(str(path), _line_of(str(err)), f"invalid TOML: {err}",
                              "correct the syntax of the vocabulary file")
            if strict:
                raise QuizgenError([problem]) from None
            return cls(path=str(path), problems=[problem])
        return cls.from_dict(data, str(path), text, strict=strict)

    @classmethod
    def from_dict(cls, data: dict[str, Any], origin: str = "<vocabulary>", text: str = "",
                  strict: bool = True) -> Vocabulary:
        problems: list[Problem] = []

        def problem(needle: str, message: str, fix: str) -> None:
            problems.append(Problem(origin, _find(text, needle), message, fix))

        states = {
            code: State(code, entry["label"], tuple(entry.get("forms", ())), bool(entry.get("member", False)))
            for code, entry in data.get("states", {}).items()
        }
        for code in states:
            if len(code) != 3 or not code.isupper():
                problem(f"[states.{code}]", f"state key {code!r} is not an ISO 3166 alpha-3 code",
                        "use three capital letters, e.g. IRN")
        place_info = _places(data.get("places", {}), states, problem)
        orgs = _orgs(data.get("orgs", {}), problem)
        concepts = {key: tuple(forms) for key, forms in data.get("concepts", {}).items()}
        persons = _named(data.get("persons", {}), "persons", problem)
        events = _named(data.get("events", {}), "events", problem)
        acts = _acts(data.get("acts", {}), problem)
        actors = {key: str(entry.get("label", key)) for key, entry in data.get("actors", {}).items()}
        if problems and strict:
            raise QuizgenError(problems)
        return cls(themes=dict(data.get("themes", {})), states=states,
                   places={name: p.country for name, p in place_info.items()}, orgs=orgs, concepts=concepts,
                   place_info=place_info, persons=persons, events=events, acts=acts, actors=actors,
                   work={k: str(v) for k, v in data.get("work", {}).items()}, path=origin, problems=problems)


_Report = Callable[[str, str, str], None]


def _places(table: dict[str, Any], states: dict[str, State], problem: _Report) -> dict[str, Place]:
    out: dict[str, Place] = {}
    for name, entry in table.items():
        if not isinstance(entry, dict):
            problem(f'"{name}"', f"place {name!r} has no subtype",
                    f'write it as a table: [places."{name}"] with subtype = "city" | "region" | "country" '
                    'and country = "ISO" (or "")')
            continue
        subtype, country = str(entry.get("subtype", "")), str(entry.get("country", ""))
        if subtype not in PLACE_SUBTYPES:
            problem(f'[places."{name}"]', f"place {name!r}: unknown subtype {subtype!r}",
                    f"use one of: {', '.join(PLACE_SUBTYPES)}")
        if country and country not in states:
            problem(f'[places."{name}"]', f"place {name!r} lies in unknown state {country!r}",
                    "add the state to [states] or leave country empty")
        out[name] = Place(name, subtype, country)
    return out


def _orgs(table: dict[str, Any], problem: _Report) -> dict[str, Organisation]:
    orgs = {
        key: Organisation(key, entry["label"], entry.get("acronym", ""), entry.get("kind", "organisation"),
                          entry.get("description", ""), tuple(entry.get("forms", ())),
                          str(entry.get("subtype", "")), tuple(entry.get("part_of", ())),
                          tuple(entry.get("same_as", ())))
        for key, entry in table.items()
    }
    for key, org in orgs.items():
        where = f"[orgs.{key}]"
        if org.subtype not in ORG_SUBTYPES:
            what = f"unknown subtype {org.subtype!r}" if org.subtype else "no subtype"
            problem(where, f"organisation {key!r}: {what}", f"write subtype = one of: {', '.join(ORG_SUBTYPES)}")
        for relation, others in (("part_of", org.part_of), ("same_as", org.same_as)):
            for other in others:
                if other not in orgs:
                    problem(where, f"organisation {key!r}: {relation} names unknown key {other!r}",
                            f"use a key of the [orgs] table ({', '.join(sorted(orgs)[:8])}…) or add [orgs.{other}]")
                elif other == key:
                    problem(where, f"organisation {key!r}: {relation} names itself", f"remove {key!r} from {relation}")
        for other in org.same_as:
            if other in orgs and key not in orgs[other].same_as:
                problem(where, f"organisation {key!r}: same_as {other!r} is not symmetric",
                        f"add {key!r} to same_as of [orgs.{other}], or remove {other!r} here")
    return orgs


def _named(table: dict[str, Any], name: str, problem: _Report) -> dict[str, Named]:
    out: dict[str, Named] = {}
    for key, entry in table.items():
        if "label" not in entry:
            problem(f"[{name}.{key}]", f"{name} entry {key!r} has no label", "add label = \"…\" (French)")
        out[key] = Named(key, str(entry.get("label", key)), tuple(entry.get("forms", ())),
                         str(entry.get("description", "")))
    return out


def _acts(table: dict[str, Any], problem: _Report) -> dict[str, Act]:
    out: dict[str, Act] = {}
    for key, entry in table.items():
        where = f"[acts.{key}]"
        missing = [f for f in ("label", "force", "polarity", "present_3pl", "construction", "group")
                   if f not in entry]
        if missing:
            problem(where, f"act {key!r} lacks {', '.join(missing)}",
                    "give label, force (int), polarity, decided, present_3pl, construction and group")
            continue
        if entry["polarity"] not in POLARITIES:
            problem(where, f"act {key!r}: unknown polarity {entry['polarity']!r}",
                    f"use one of: {', '.join(POLARITIES)}")
        if entry["construction"] not in CONSTRUCTIONS:
            problem(where, f"act {key!r}: unknown construction {entry['construction']!r}",
                    f"use one of: {', '.join(CONSTRUCTIONS)}")
        if not isinstance(entry["force"], int):
            problem(where, f"act {key!r}: force {entry['force']!r} is not an integer", "write force = 3")
        out[key] = Act(key, str(entry["label"]), int(entry["force"]) if isinstance(entry["force"], int) else 0,
                       str(entry["polarity"]), bool(entry.get("decided", False)), str(entry["present_3pl"]),
                       str(entry["construction"]), str(entry["group"]))
    return out


def _lookup(text: str, table: dict[str, tuple[str, ...]]) -> str | None:
    for key, forms in table.items():
        if text == key or text in forms:
            return key
    return None


def _find(text: str, needle: str) -> int:
    """The 1-based line of the first occurrence of needle in text, or 0."""
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else 0


def _line_of(message: str) -> int:
    # tomllib says "... (at line 12, column 3)"
    marker = "at line "
    if marker in message:
        digits = message.split(marker, 1)[1].split(",", 1)[0].strip(" )")
        if digits.isdigit():
            return int(digits)
    return 0
