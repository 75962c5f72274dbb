"""What the clauses *do*, read from the corpus's version-2 tags (docs: corpus-v2 contract).

The generators of the comprehension families (position, decided, who, purpose) read the tags through this
module only, so that they do not depend on how :mod:`quizgen.corpus` stores them: a value is taken from the
corpus object's attribute when it has one (``corpus.acts``, ``corpus.entities``, ``corpus.work``,
``clause.acts``), else from ``corpus.extra`` under the same name (``extra["clause_acts"][clause_id]`` for the
acts of a clause). Items may be dicts (as in corpus.json) or objects with the same attribute names.

The ``work`` metadata names the text in prompts; without it, the Tianjin declaration's values apply.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from quizgen.corpus import Clause, Corpus
from quizgen.vocabulary import Act as ActDef  # the scale of acts, as the vocabulary defines it

#: The work's names when the corpus gives none (the kit's own text).
DEFAULT_WORK = {"title": "Déclaration de Tianjin", "short": "la déclaration", "gender": "f",
                "of": "de la déclaration", "in": "dans la déclaration"}


def _get(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(name, default)
    return getattr(obj, name, default)


@dataclass(frozen=True)
class Work:
    title: str
    short: str
    gender: str
    of: str
    in_: str

    @property
    def short_capital(self) -> str:
        return self.short[:1].upper() + self.short[1:]

    @property
    def in_capital(self) -> str:
        return self.in_[:1].upper() + self.in_[1:]


@dataclass(frozen=True)
class Stretch:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class ClauseAct:
    clause: str
    index: int
    actor: str
    act: str
    verb: Stretch
    object: Stretch
    sentence: Stretch


@dataclass(frozen=True)
class Entity:
    type: str
    key: str
    label: str
    subtype: str = ""
    part_of: tuple[str, ...] = ()
    same_as: tuple[str, ...] = ()
    definition: str = ""
    member: bool = False
    acronym: str = ""


@dataclass
class Meaning:
    work: Work
    acts: dict[str, ActDef]
    actors: dict[str, str]
    entities: dict[str, dict[str, Entity]]
    by_clause: dict[str, list[ClauseAct]] = field(default_factory=dict)
    # Read once from the tables above, which are not changed once read (see :meth:`_closure`).
    _closures: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict, repr=False, compare=False)
    _aliases: dict[str, dict[str, list[str]]] = field(default_factory=dict, repr=False, compare=False)

    def clause_acts(self, clause: Clause | str) -> list[ClauseAct]:
        return self.by_clause.get(clause if isinstance(clause, str) else clause.id, [])

    def all_acts(self) -> list[ClauseAct]:
        return [a for acts in self.by_clause.values() for a in acts]

    def entity(self, kind: str, key: str) -> Entity | None:
        return self.entities.get(kind, {}).get(key)

    def members(self) -> list[str]:
        return sorted(k for k, e in self.entities.get("state", {}).items() if e.member)

    def related(self, kind: str, a: str, b: str) -> bool:
        """Whether ``a`` and ``b`` are the same thing, aliases, or one part of the other (transitively)."""
        if a == b:
            return True
        return b in self._closure(kind, a) or a in self._closure(kind, b)

    def _closure(self, kind: str, key: str) -> frozenset[str]:
        """``key``, its aliases and the wholes it is part of (transitively), and whatever names it as an
        alias: computed once per key (the generators ask it for every pair of candidates)."""
        if (kind, key) not in self._closures:
            self._closures[(kind, key)] = frozenset(self._reach(kind, key))
        return self._closures[(kind, key)]

    def _reach(self, kind: str, key: str) -> set[str]:
        seen, todo = {key}, [key]
        while todo:
            entity = self.entity(kind, todo.pop())
            if entity is None:
                continue
            for nxt in (*entity.part_of, *entity.same_as):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        # same_as is symmetric: whatever names this key as an alias counts too.
        seen.update(self._aliased(kind).get(key, ()))
        return seen

    def _aliased(self, kind: str) -> dict[str, list[str]]:
        """For each key, the entities that name it in their ``same_as`` (in table order), read once."""
        if kind not in self._aliases:
            found: dict[str, list[str]] = {}
            for other in self.entities.get(kind, {}).values():
                for alias in other.same_as:
                    found.setdefault(alias, []).append(other.key)
            self._aliases[kind] = found
        return self._aliases[kind]


def _table(corpus: Corpus, name: str) -> Any:
    value = getattr(corpus, name, None)
    if value:
        return value
    return corpus.extra.get(name) or {}


def read_meaning(corpus: Corpus) -> Meaning:
    """The v2 tags of ``corpus`` (empty tables for a version-1 corpus)."""
    raw_work = _table(corpus, "work")
    work = {k: _get(raw_work, k) or v for k, v in DEFAULT_WORK.items()} if raw_work else dict(DEFAULT_WORK)
    if not raw_work:
        work["title"] = corpus.title or DEFAULT_WORK["title"]
    acts = {}
    for key, data in dict(_table(corpus, "acts")).items():
        acts[key] = ActDef(key=key, label=str(_get(data, "label", key)), force=int(_get(data, "force", 0)),
                           polarity=str(_get(data, "polarity", "neutral")),
                           decided=bool(_get(data, "decided", False)),
                           present_3pl=str(_get(data, "present_3pl", "")),
                           construction=str(_get(data, "construction", "direct")),
                           group=str(_get(data, "group", key)))
    actors = {k: str(_get(v, "label", k)) for k, v in dict(_table(corpus, "actors")).items()}
    entities: dict[str, dict[str, Entity]] = defaultdict(dict)
    for kind, table in dict(_table(corpus, "entities")).items():
        for key, data in dict(table).items():
            entities[kind][key] = Entity(
                type=kind, key=key, label=str(_get(data, "label", key)), subtype=str(_get(data, "subtype", "")),
                part_of=tuple(_get(data, "part_of", ()) or ()), same_as=tuple(_get(data, "same_as", ()) or ()),
                definition=str(_get(data, "definition", "") or ""), member=bool(_get(data, "member", False)),
                acronym=str(_get(data, "acronym", "") or ""))
    extra_acts = corpus.extra.get("clause_acts") or {}
    by_clause: dict[str, list[ClauseAct]] = {}
    for clause in corpus.clauses:
        raw = getattr(clause, "acts", None) or extra_acts.get(clause.id) or []
        found = []
        for i, item in enumerate(raw):
            parts = [_stretch(_get(item, name), clause.text) for name in ("verb", "object", "sentence")]
            if any(p is None for p in parts):
                continue
            verb, obj, sentence = parts
            assert verb is not None and obj is not None and sentence is not None
            found.append(ClauseAct(clause.id, i, str(_get(item, "actor", "")), str(_get(item, "act", "")),
                                   verb, obj, sentence))
        if found:
            by_clause[clause.id] = found
    return Meaning(Work(work["title"], work["short"], work["gender"], work["of"], work["in"]), acts, actors,
                   dict(entities), by_clause)


def _stretch(data: Any, source: str) -> Stretch | None:
    """A verbatim stretch of the clause; its text is taken from the clause when the tag gives only offsets."""
    if data is None:
        return None
    start, end = _get(data, "start"), _get(data, "end")
    if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start <= end <= len(source):
        return None
    return Stretch(source[start:end], start, end)


# --- French: an act worded for an object -----------------------------------------------------------------

_ELIDE = re.compile(r"^(?:[aeiouyhéèêàâîôûœ])", re.IGNORECASE)
#: Determiners an object may open with to be asked as a noun phrase.
DETERMINERS = ("le", "la", "les", "l’", "l'", "un", "une", "des", "leur", "leurs", "son", "sa", "ses", "ce",
               "cet", "cette", "ces", "tout", "toute", "tous", "toutes", "notre", "nos")


def noun_object(text: str) -> bool:
    """Whether an act's object is a noun phrase opening on a determiner (not "que …", not an infinitive)."""
    first = text.split(" ", 1)[0].casefold()
    if first in DETERMINERS:
        return True
    return first[:2] in ("l’", "l'")


_PREP_FORMS = {
    "de": (("de la ", "la "), ("de l’", "l’"), ("de l'", "l’"), ("du ", "le "), ("des ", "les "),
           ("d’une ", "une "), ("d’un ", "un "), ("de ", "")),
    "à": (("à la ", "la "), ("à l’", "l’"), ("à l'", "l’"), ("au ", "le "), ("aux ", "les "), ("à ", "")),
}


def direct_form(obj: str, construction: str) -> str | None:
    """The object as a bare noun phrase, without the preposition the corpus keeps in it for a "de" or "à"
    act ("de la proposition" → "la proposition", "au renforcement" → "le renforcement"); None when what
    follows is not a noun phrase ("à lutter…", "de créer…", "que…")."""
    text = obj.strip()
    if construction == "à" and text.startswith("face "):
        text = text[5:]
    if construction in _PREP_FORMS:
        for head, article in _PREP_FORMS[construction]:
            if text.startswith(head):
                text = article + text[len(head):]
                break
        else:
            return None
    return text if noun_object(text) else None


def split_article(obj: str) -> tuple[str, str]:
    """(article that contracts with a preposition, rest): "les attentats" → ("les", "attentats")."""
    for det in ("les", "le", "des", "un", "une"):
        if obj.startswith(det + " "):
            return det, obj[len(det) + 1:]
    return "", obj


def worded(present: str, construction: str, article: str) -> str:
    """The verb and what joins it to the object: ("prennent note", "de", "les") → "prennent note des"."""
    verb = present
    prep = construction if construction in ("de", "à") else ""
    # A verb form that already carries its preposition ("prennent note de") is not given a second one.
    for p in ("de", "à", "d’"):
        if verb.endswith(" " + p):
            verb, prep = verb[: -len(p) - 1], p.replace("d’", "de")
    if not prep:
        return f"{verb} {article}".strip()
    table = {("de", "le"): "du", ("de", "les"): "des", ("de", "des"): "de", ("de", "un"): "d’un",
             ("de", "une"): "d’une", ("à", "le"): "au", ("à", "les"): "aux", ("à", "des"): "à des",
             ("à", "un"): "à un", ("à", "une"): "à une"}
    if article:
        return f"{verb} {table[(prep, article)]}"
    return f"{verb} {prep}"


def joined(option: str, rest: str) -> str:
    """Option and object, with elision: "prennent note de" + "l’initiative" stays, "de" + "une" → "d’une"."""
    if option.endswith(" de") and _ELIDE.match(rest) and not rest.startswith(("l’", "l'")):
        return option[:-1] + "’" + rest
    return f"{option} {rest}"


_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """Runs of spaces as one, lower case: objects compared as a reader would (cached: asked often)."""
    return _SPACE.sub(" ", text).strip().casefold()


def same_object(a: str, b: str) -> bool:
    """Two objects that may be the same thing: one contains the other once normalised."""
    x, y = normalise(a), normalise(b)
    return x in y or y in x
