"""Controlled vocabularies (themes, states, places, organisations, concepts), defined once in TOML.

Plain Python: the Sphinx extension validates tags with it and the quiz engine can reuse it for
another text. Every lookup that fails says what would be accepted.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quizgen.problems import Problem, QuizgenError


@dataclass(frozen=True)
class Organisation:
    key: str
    label: str
    acronym: str
    kind: str
    description: str
    forms: tuple[str, ...]


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
    path: str = "<vocabulary>"

    # Lookups from the words of the text to a vocabulary key; each returns None when unknown.
    def state_for(self, text: str) -> str | None:
        return _lookup(text, {c: s.forms for c, s in self.states.items()})

    def org_for(self, text: str) -> str | None:
        return _lookup(text, {k: o.forms for k, o in self.orgs.items()})

    def concept_for(self, text: str) -> str | None:
        return _lookup(text, self.concepts)

    def place_for(self, text: str) -> str | None:
        return text if text in self.places else None

    def labels(self) -> dict[str, dict[str, str]]:
        """Readable labels per span type, as written into corpus.json."""
        return {
            "state": {c: s.label for c, s in sorted(self.states.items())},
            "org": {k: o.label for k, o in sorted(self.orgs.items())},
            "place": {p: p for p in sorted(self.places)},
            "concept": {k: forms[0] for k, forms in sorted(self.concepts.items())},
        }

    @classmethod
    def load(cls, path: Path | str) -> Vocabulary:
        path = Path(path)
        text = path.read_text(encoding="utf-8")
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as err:
            raise QuizgenError([Problem(str(path), _line_of(str(err)), f"invalid TOML: {err}",
                                        "correct the syntax of the vocabulary file")]) from None
        return cls.from_dict(data, str(path), text)

    @classmethod
    def from_dict(cls, data: dict[str, Any], origin: str = "<vocabulary>", text: str = "") -> Vocabulary:
        problems: list[Problem] = []
        states = {
            code: State(code, entry["label"], tuple(entry.get("forms", ())), bool(entry.get("member", False)))
            for code, entry in data.get("states", {}).items()
        }
        for code in states:
            if len(code) != 3 or not code.isupper():
                problems.append(Problem(origin, _find(text, f"[states.{code}]"),
                                        f"state key {code!r} is not an ISO 3166 alpha-3 code",
                                        "use three capital letters, e.g. IRN"))
        places = dict(data.get("places", {}))
        for place, code in places.items():
            if code and code not in states:
                problems.append(Problem(origin, _find(text, f'"{place}"'),
                                        f"place {place!r} lies in unknown state {code!r}",
                                        "add the state to [states] or leave the value empty"))
        orgs = {
            key: Organisation(key, entry["label"], entry.get("acronym", ""), entry.get("kind", "organisation"),
                              entry.get("description", ""), tuple(entry.get("forms", ())))
            for key, entry in data.get("orgs", {}).items()
        }
        concepts = {key: tuple(forms) for key, forms in data.get("concepts", {}).items()}
        if problems:
            raise QuizgenError(problems)
        return cls(themes=dict(data.get("themes", {})), states=states, places=places, orgs=orgs,
                   concepts=concepts, path=origin)


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
