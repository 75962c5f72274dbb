"""Guards: what makes a question right, and a quiz fair. Generators drop what fails them; tests prove them.

- the answer is in its clause (every fact that ``holds`` is true of the cited clause);
- no distractor is also right (every fact that does not hold is false of the whole corpus);
- options are unique and well formed;
- the right answer is not the longest option more often than chance (:func:`longest_share`);
- one quiz does not ask the same thing twice nor show, as true, what another question asks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import pairwise

from quizgen.corpus import Corpus
from quizgen.french import date_bounds
from quizgen.meaning import ClauseAct, Meaning, read_meaning
from quizgen.meaning import normalise as normalise_object
from quizgen.question import ActFact, EntityFact, Fact, OrderFact, Question, TagFact, TextFact
from quizgen.substrings import Substrings

_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Text compared as a reader would: runs of spaces (including no-break ones) count as one."""
    return _SPACES.sub(" ", text).strip()


class TextIndex:
    """The corpus's clauses, normalised once, and indexes built once for the questions the guards ask of
    every candidate: does this text occur, in which clauses; which acts of a kind by an actor bear on this
    object or on a thing it names. Each answer is the plain scan's (tests/test_scale_index.py)."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.texts = {c.id: normalise(c.text) for c in corpus.clauses}
        self._ids = list(self.texts)
        self._substrings: Substrings | None = None
        self._meaning: Meaning | None = None
        self._acts: dict[tuple[str, str], _ActGroup] | None = None
        self._every: _ActGroup | None = None
        self._named: dict[tuple[str, str], frozenset[str]] = {}
        self._common: frozenset[str] | None = None
        self._points: dict[str, list[list[object]]] | None = None

    @property
    def _words(self) -> Substrings:
        """The clause texts indexed by word (built on the first question about the text)."""
        if self._substrings is None:
            self._substrings = Substrings(self.texts.values())
        return self._substrings

    def _group(self, act: str, actor: str) -> _ActGroup | None:
        if self._acts is None:
            found: dict[tuple[str, str], list[ClauseAct]] = {}
            for a in self.meaning.all_acts():
                found.setdefault((a.act, a.actor), []).append(a)
            self._acts = {k: _ActGroup(self, v) for k, v in found.items()}
        return self._acts.get((act, actor))

    def acts_of(self, act: str, actor: str) -> list[ClauseAct]:
        """The corpus's acts of one kind by one actor, indexed once (not scanned per distractor)."""
        group = self._group(act, actor)
        return group.acts if group else []

    def acts_on(self, act: str, actor: str, obj: str) -> list[ClauseAct]:
        """The acts of ``acts_of(act, actor)`` whose object may be ``obj`` (:func:`same_object`), in order:
        ``[a for a in acts_of(act, actor) if same_object(a.object.text, obj)]``, from an index."""
        group = self._group(act, actor)
        return [group.acts[p] for p in group.on(obj)] if group else []

    def acts_on_any(self, obj: str) -> list[ClauseAct]:
        """Every act of the corpus, of any kind and by any actor, whose object may be ``obj``, in order:
        ``[a for a in meaning.all_acts() if same_object(a.object.text, obj)]``, from an index."""
        if self._every is None:
            self._every = _ActGroup(self, self.meaning.all_acts())
        return [self._every.acts[p] for p in self._every.on(obj)]

    def named(self, clause_id: str, text: str) -> frozenset[str]:
        """The org, concept and state values tagged inside ``text`` of a clause (cached)."""
        key = (clause_id, text)
        if key not in self._named:
            self._named[key] = frozenset(_named(self, clause_id, text))
        return self._named[key]

    def points_named(self, point_id: str) -> list[list[object]]:
        """The clause lists of the synthesis points with this id (``extra["synthesis_points"]``), indexed once."""
        if self._points is None:
            found: dict[str, list[list[object]]] = {}
            for p in self.corpus.extra.get("synthesis_points", []) or []:
                if isinstance(p.get("id"), str):
                    found.setdefault(p["id"], []).append(p.get("clauses") or [])
            self._points = found
        return self._points.get(point_id, [])

    @property
    def common(self) -> frozenset[str]:
        """Names tagged in more than a quarter of the clauses (the organisation itself, "les États
        membres"): naming them does not make two objects the same thing."""
        if self._common is None:
            seen: dict[str, int] = {}
            for clause in self.corpus.clauses:
                for key in {f"{s.type}:{s.value}" for s in clause.spans}:
                    seen[key] = seen.get(key, 0) + 1
            limit = max(4, len(self.corpus.clauses) // 4)
            self._common = frozenset(k for k, n in seen.items() if n > limit)
        return self._common

    @property
    def meaning(self) -> Meaning:
        """The corpus's v2 tags, read once."""
        if self._meaning is None:
            self._meaning = read_meaning(self.corpus)
        return self._meaning

    def occurs(self, text: str) -> bool:
        """Whether ``text`` occurs in one clause (never across two)."""
        return self._words.any_containing(normalise(text))

    def in_clause(self, text: str, clause_id: str) -> bool:
        return normalise(text) in self.texts.get(clause_id, "")

    def clauses_with(self, text: str) -> list[str]:
        needle = normalise(text)
        return [self._ids[i] for i in self._words.containing(needle)]


class _ActGroup:
    """The acts of one kind by one actor, in corpus order, indexed by object (normalised as
    :func:`same_object` compares them) and by the things each object names."""

    def __init__(self, index: TextIndex, acts: list[ClauseAct]) -> None:
        self.acts = acts
        self._where: dict[str, list[int]] = {}  # normalised object → positions in ``acts``
        self._first_naming: dict[str, int] = {}  # a thing named → the first act whose object names it
        for p, a in enumerate(acts):
            self._where.setdefault(normalise_object(a.object.text), []).append(p)
            for key in index.named(a.clause, a.object.text):
                self._first_naming.setdefault(key, p)
        self._objects = list(self._where)
        self._substrings = Substrings(self._objects)

    def on(self, obj: str) -> list[int]:
        """Positions of the acts whose object contains ``obj`` or is contained in it (normalised)."""
        x = normalise_object(obj)
        hits = {*self._substrings.containing(x), *self._substrings.contained_in(x)}
        return sorted(p for i in hits for p in self._where[self._objects[i]])

    def first_on(self, obj: str) -> int | None:
        """The position of the first act on ``obj``: objects are filed in the order they first appear, so
        the first object that contains ``obj`` is the earliest of those."""
        x = normalise_object(obj)
        hits = self._substrings.contained_in(x)
        first = self._substrings.first_containing(x)
        if first is not None:
            hits.append(first)
        return min((self._where[self._objects[i]][0] for i in hits), default=None)

    def first_naming(self, about: frozenset[str]) -> int | None:
        return min((self._first_naming[k] for k in about if k in self._first_naming), default=None)


def fact_problem(fact: Fact, index: TextIndex) -> str | None:
    """Why ``fact`` is false, or None when it is true."""
    if isinstance(fact, TextFact):
        if fact.holds:
            if fact.clause is None or not index.in_clause(fact.text, fact.clause):
                return f"answer not in clause {fact.clause}: {fact.text!r}"
            if fact.unique and index.clauses_with(fact.text) != [fact.clause]:
                return f"text occurs in more than one clause: {fact.text!r}"
        elif index.occurs(fact.text):
            return f"a wrong option is also right: {fact.text!r} occurs in the corpus"
        return None
    if isinstance(fact, ActFact):
        return _act_problem(fact, index)
    if isinstance(fact, EntityFact):
        return _entity_problem(fact, index.meaning)
    if isinstance(fact, OrderFact):
        bounds = [date_bounds(d) for d in fact.dates]
        if any(a[1] >= b[0] for a, b in pairwise(bounds)):
            return f"dates not in strict order: {fact.dates}"
        return None
    return _tag_problem(fact, index)


def _named(index: TextIndex, clause_id: str, text: str) -> set[str]:
    """The org, concept and state values tagged inside ``text`` of a clause: what an object is about."""
    clause = index.corpus.clause(clause_id)
    at = clause.text.find(text)
    if at < 0:
        return set()
    return {f"{s.type}:{s.value}" for s in clause.spans
            if s.type in ("org", "concept", "state") and at <= s.start and s.end <= at + len(text)} - index.common


def _act_problem(fact: ActFact, index: TextIndex) -> str | None:
    meaning = index.meaning
    if fact.holds:
        acts = meaning.clause_acts(fact.clause)
        if not 0 <= fact.index < len(acts) or acts[fact.index].act != fact.act:
            return f"act {fact.act!r} is not act {fact.index} of clause {fact.clause}"
        if fact.object and acts[fact.index].object.text != fact.object:
            return f"act {fact.index} of clause {fact.clause} does not bear on {fact.object!r}"
        return None
    if fact.act not in meaning.acts:
        return f"unknown act {fact.act!r}"
    about = index.named(fact.clause, fact.object) if fact.clause else frozenset()
    group = index._group(fact.act, fact.actor)
    if group is None:
        return None
    # The first act (in corpus order) on the same object or on a thing the object names: the scan's answer.
    same = group.first_on(fact.object)
    near = group.first_naming(about) if about else None
    if same is not None and (near is None or same <= near):
        return f"a wrong option is also right: {fact.act} bears on {fact.object!r} in {group.acts[same].clause}"
    if near is not None:
        return (f"a wrong option may be right: {fact.act} bears on {sorted(about)} in {group.acts[near].clause}")
    return None


def _entity_problem(fact: EntityFact, meaning: Meaning) -> str | None:
    entity = meaning.entity(fact.kind, fact.key)
    if entity is None:
        return f"unknown {fact.kind} {fact.key!r}"
    value = getattr(entity, fact.field, None)
    if fact.holds:
        return None if value == fact.value else f"{fact.kind} {fact.key}: {fact.field} is not {fact.value!r}"
    if value == fact.value:
        return f"a wrong option is also right: {fact.kind} {fact.key} has {fact.field} {fact.value!r}"
    if fact.key_of_truth and meaning.related(fact.kind, fact.key, fact.key_of_truth):
        return f"a wrong option is an alias, part or whole of the key: {fact.key} / {fact.key_of_truth}"
    return None


def _tag_problem(fact: TagFact, index: TextIndex) -> str | None:
    corpus = index.corpus
    if fact.tag.startswith("label:"):
        key, _, label = fact.value.partition("=")
        truth = corpus.label(fact.tag[6:], key) == label
    elif fact.tag == "role":
        roles = corpus.extra.get("roles", [])
        truth = any(r.get("state") == fact.value and r.get("role") == fact.within for r in roles)
    elif fact.tag == "expert":
        claims = corpus.extra.get("claims", [])
        truth = any(c.get("expert") == fact.value and c.get("text") == fact.within for c in claims)
    elif fact.clause is None or not corpus.has_clause(fact.clause):
        return f"unknown clause {fact.clause!r}"
    else:
        clause = corpus.clause(fact.clause)
        if fact.tag == "synthesis":
            truth = any(fact.clause in cited for cited in index.points_named(fact.value))
        elif fact.tag == "theme":
            truth = fact.value in clause.themes
        elif fact.tag == "section":
            truth = clause.section == fact.value
        else:
            lo, hi = 0, len(clause.text)
            if fact.within:
                lo = clause.text.find(fact.within)
                if lo == -1:
                    return f"excerpt not in clause {clause.id}: {fact.within!r}"
                hi = lo + len(fact.within)
            truth = any(s.type == fact.tag and s.value == fact.value and lo <= s.start and s.end <= hi
                        for s in clause.spans)
    if truth == fact.holds:
        return None
    where = f" in {fact.clause}" if fact.clause else ""
    return (f"{fact.tag} {fact.value!r} is not{where} where the answer needs it" if fact.holds
            else f"a wrong option is also right: {fact.tag} {fact.value!r}{where}")


def shape_problems(q: Question) -> list[str]:
    """Options unique and non-empty, answers that point at options."""
    problems = []
    n = len(q.options)
    seen = {normalise(o).casefold() for o in q.options}
    if len(seen) != n:
        problems.append("options are not unique")
    if n < 2 or any(not o.strip() for o in q.options):
        problems.append("fewer than two options, or an empty one")
    if not q.answers or any(not 0 <= a < n for a in q.answers):
        problems.append("answers do not point at options")
    if q.form in ("matching", "ordering") and sorted(q.answers) != list(range(n)):
        problems.append("answers are not one option each")
    if q.form == "matching" and len(q.stems) != len(q.answers):
        problems.append("one answer per stem is needed")
    if q.form == "truefalse" and len(q.answers) != 1:
        problems.append("a true/false question has one answer")
    return problems


def question_problems(q: Question, index: TextIndex) -> list[str]:
    """Everything wrong with one question; empty when it may be asked."""
    problems = shape_problems(q)
    missing = [c for c in q.clauses if not index.corpus.has_clause(c)]
    if missing or not q.clauses:
        problems.append(f"unknown or missing clauses: {missing}")
    if q.kind != "authored" and not any(getattr(f, "holds", True) for f in q.facts):
        problems.append("no fact ties the answer to its clause")
    problems += [p for p in (fact_problem(f, index) for f in q.facts) if p]
    return problems


_ACRONYM = re.compile(r"^[A-Z0-9ÉÈ\-]{2,8}$")


def form_problem(q: Question) -> str:
    """Options whose form points at the key: the only acronym among full names, or the only full name
    among acronyms. Returns "" or "form-acronym"."""
    if q.form != "choice" or len(q.answers) != 1:
        return ""
    short = [bool(_ACRONYM.match(o.strip())) for o in q.options]
    if 0 < sum(short) < len(short) and (sum(short) == 1 or sum(short) == len(short) - 1):
        odd = short.index(True) if sum(short) == 1 else short.index(False)
        if odd == q.answers[0]:
            return "form-acronym"
    return ""


def compatible(q: Question, asked: set[str], shown: set[str]) -> bool:
    """May ``q`` join a quiz that already asks ``asked`` and shows ``shown``?"""
    return not (q.asks & asked or q.asks & shown or q.shows & asked)


def quiz_problems(questions: Sequence[Question]) -> list[str]:
    """Repeated questions, a thing asked twice, an answer given away by another question."""
    problems = []
    ids = [q.id for q in questions]
    if len(set(ids)) != len(ids):
        problems.append("a question appears twice")
    asked: set[str] = set()
    shown: set[str] = set()
    for q in questions:
        if not compatible(q, asked, shown):
            problems.append(f"{q.id} asks or shows what another question asks: "
                            f"{sorted((q.asks & (asked | shown)) | (q.shows & asked))}")
        asked |= q.asks
        shown |= q.shows
    return problems


_WORD = re.compile(r"\w+")
#: The preposition and article a right option opens with (« en République kirghize », « de l’Inde »): a
#: prompt that names the same thing with another one (« à la République kirghize ») still gives it away.
_LEAD = re.compile(r"^(?:(?:à|a|au|aux|de|d|du|des|en|l|la|le|les|un|une)\s)+")


@lru_cache(maxsize=65536)
def _words(text: str) -> str:
    """Text reduced to its lower-case words, so that typography and punctuation do not hide a leak."""
    return " ".join(_WORD.findall(text.casefold()))


def visible(q: Question) -> str:
    """What a student reads of a question before answering: its prompt and, for matching, its stems."""
    return " ".join((q.prompt, *q.stems))


def leaked_by(q: Question, other: Question) -> str:
    """The words of ``q``'s answer that ``other`` prints, or "" (an independent check, on the text).

    The answer is ``q.evidence`` when a generator gives it (the clause's words that decide the answer:
    "ont pris note de la proposition"), else its right options when they are specific (8 letters or more,
    not Vrai/Faux), read without the preposition and article they open with."""
    if q.evidence:
        needles = [(e, _words(e)) for e in q.evidence]
    elif q.form == "choice":
        needles = [(t, _LEAD.sub("", _words(t))) for t in q.answer_texts]
        needles = [(t, words) for t, words in needles if len(words) >= 8]
    else:
        needles = []
    seen = " " + _words(visible(other)) + " "
    for needle, words in needles:
        if words and f" {words} " in seen:
            return needle
    return ""


def same_question(q: Question, other: Question) -> bool:
    """Two questions on one clause whose right answers are the same words (without their article or
    preposition: « à la République kirghize », « La République kirghize »): they ask the same thing, by
    two routes (a teacher's question and a generated one), and one quiz asks it once."""
    if not set(q.clauses) & set(other.clauses) or q.form == "truefalse" or other.form == "truefalse":
        return False
    ours = {_LEAD.sub("", _words(t)) for t in q.answer_texts}
    theirs = {_LEAD.sub("", _words(t)) for t in other.answer_texts}
    return bool(ours & theirs - {""})


def text_leaks(questions: Sequence[Question]) -> list[str]:
    """Every pair of questions of one quiz where one prints the other's answer."""
    found = []
    for q in questions:
        for other in questions:
            if other is not q and other.id != q.id:
                hit = leaked_by(q, other)
                if hit:
                    found.append(f"{other.id} prints the answer of {q.id}: {hit!r}")
    return found


def in_answer_order(q: Question) -> bool:
    """An ordering question shown with its options already in the right order."""
    return q.form == "ordering" and list(q.answers) == list(range(len(q.answers)))


def longest_share(questions: Iterable[Question]) -> tuple[float, float, int]:
    """Share of choice questions whose right answer is the longest option, what chance gives, and how many.

    A tie for longest counts as a fraction; true/false, matching and ordering questions do not count.
    """
    observed = expected = 0.0
    count = 0
    for q in questions:
        if q.form != "choice" or len(q.answers) != 1:
            continue
        lengths = [len(o) for o in q.options]
        top = max(lengths)
        longest = [i for i, n in enumerate(lengths) if n == top]
        observed += (q.answers[0] in longest) / len(longest)
        expected += 1 / len(q.options)
        count += 1
    if not count:
        return 0.0, 0.0, 0
    return observed / count, expected / count, count
