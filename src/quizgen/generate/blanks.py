"""A span blanked in its sentence, and the phrases that may stand in its place (cloze, true/false, choice).

A replacement is another span of the same type, written with the answer's preposition and article
(:mod:`quizgen.french`), and *proven wrong*: the sentence it makes occurs nowhere in the corpus
and its value is not named in the answer's sentence. Replacements are ranked by how close their length
is to the answer's, so that the right answer is not given away by being the longest.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from quizgen.corpus import Clause, Span
from quizgen.french import Phrase, date_shape, realise, sentence_of, window, written_shape
from quizgen.generate.context import Context
from quizgen.question import TagFact, TextFact

#: Span types that make a cloze; a bare concept (no article) may be an adjective, so it needs one.
BLANKABLE = ("state", "org", "place", "date", "number", "concept")
_SINGULAR = ("le", "la", "l’")
#: Proper names may swap le/la/l’ (de l’Iran, du Pakistan); an ordinal or a concept may not, since the
#: words after it agree in gender ("du 80e anniversaire", never "de la 80e anniversaire").
_LOOSE = ("state", "org", "place")


@dataclass(frozen=True)
class Replacement:
    text: str  # the phrase as it would stand in the sentence
    value: str
    filled: str  # the window with this phrase in place of the answer


@dataclass(frozen=True)
class Blank:
    clause: Clause
    span: Span
    phrase: Phrase
    left: int
    right: int
    replacements: tuple[Replacement, ...]

    @property
    def text(self) -> str:
        return self.clause.text

    @property
    def answer(self) -> str:
        return self.text[self.phrase.start:self.phrase.end]

    @property
    def before(self) -> str:
        return self.text[self.left:self.phrase.start]

    @property
    def after(self) -> str:
        return self.text[self.phrase.end:self.right]

    @property
    def original(self) -> str:
        return self.text[self.left:self.right]

    @property
    def sentence(self) -> tuple[int, int]:
        return sentence_of(self.text, self.phrase.start, self.phrase.end)

    def shown_spans(self) -> list[Span]:
        return [s for s in Context.spans_within(self.clause, self.left, self.right) if s != self.span]

    def facts(self, chosen: tuple[Replacement, ...]) -> tuple[TextFact | TagFact, ...]:
        """Why the answer is right and each chosen replacement wrong."""
        s, e = self.sentence
        sentence = self.text[s:e]
        facts: list[TextFact | TagFact] = [TextFact(self.original, self.clause.id, True)]
        for r in chosen:
            facts.append(TextFact(r.filled, None, False))
            facts.append(TagFact(self.span.type, r.value, self.clause.id, False, within=sentence))
        return tuple(facts)


def blank_for(ctx: Context, clause: Clause, span: Span, limit: int = 260) -> Blank | None:
    """The blank for ``span`` with its proven-wrong replacements, or None when it would not be fair."""
    key = ("blank", clause.id, span, limit)
    if key not in ctx.cache:  # cloze, true/false and choice all ask for the same blanks
        ctx.cache[key] = _make(ctx, clause, span, limit)
    found: Blank | None = ctx.cache[key]
    return found


def _make(ctx: Context, clause: Clause, span: Span, limit: int) -> Blank | None:
    if span.type not in BLANKABLE:
        return None
    phrase = ctx.phrase(clause, span)
    if span.type == "concept" and not phrase.det:
        return None
    if _generic(ctx, span):
        return None
    left, right = window(clause.text, phrase.start, phrase.end, limit)
    before, after = clause.text[left:phrase.start], clause.text[phrase.end:right]
    s, e = sentence_of(clause.text, phrase.start, phrase.end)
    in_sentence = {x.value for x in Context.spans_within(clause, s, e) if x.type == span.type}
    # A blank whose answer can be read elsewhere in the shown text gives itself away.
    shown = [x for x in Context.spans_within(clause, left, right) if x != span]
    if any(x.type == span.type and x.value == span.value for x in shown):
        return None
    if _word_in(phrase.noun, before + " " + after):
        return None
    candidates = _candidates(ctx, span, phrase, in_sentence)
    answer = clause.text[phrase.start:phrase.end]
    seen = {answer.casefold()}
    replacements = []
    for text, value in candidates:
        if text.casefold() in seen or _word_in(phrase.noun, text) or _word_in(_bare(text), answer):
            continue  # "de l’Université de l’OCS" against "de l’OCS": one contains the other
        filled = before + text + after
        if ctx.index.occurs(filled):
            continue
        seen.add(text.casefold())
        replacements.append(Replacement(text, value, filled))
    replacements.sort(key=lambda r: (abs(len(r.text) - len(answer)), r.text))
    return Blank(clause, span, phrase, left, right, tuple(replacements[:8]))


def _generic(ctx: Context, span: Span) -> bool:
    """A value named in more than a quarter of the clauses (the OCS in its own declaration) is guessed,
    not read: blanking it tests nothing."""
    naming = ctx.cache.get(("clauses-naming",))
    if naming is None:  # how many clauses name each (type, value): counted once, in one pass
        naming = ctx.cache[("clauses-naming",)] = Counter(
            key for c in ctx.corpus.clauses for key in {(s.type, s.value) for s in c.spans})
    return bool(naming[(span.type, span.value)] > max(3, len(ctx.corpus.clauses) // 4))


def _bare(text: str) -> str:
    """A phrase without its leading preposition and article."""
    return re.sub(r"^(?:(?:de|à|en|du|des|au|aux)\s+|d[’'])?(?:(?:la|le|les)\s+|l[’'])?", "", text,
                  flags=re.IGNORECASE)


def _word_in(word: str, text: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(word) + r"(?!\w)", text, re.IGNORECASE) is not None


@dataclass(frozen=True)
class _Other:
    """A phrase of the corpus another value may be written with (one per value, article and noun)."""

    value: str
    det: str
    noun: str


@dataclass
class _Phrases:
    """The phrases of one span type, in corpus order, filed by preposition and article (strict fits) and,
    for singular articles, by preposition alone (loose fits): built once, instead of walking every
    occurrence of the type for each blank."""

    by_key: dict[tuple[str, str], list[_Other]]
    by_prep: dict[str, list[_Other]]


def _phrases(ctx: Context, span_type: str) -> _Phrases:
    key = ("blank-phrases", span_type)
    found: _Phrases | None = ctx.cache.get(key)
    if found is None:
        by_key: dict[tuple[str, str], dict[_Other, None]] = {}
        by_prep: dict[str, dict[_Other, None]] = {}
        for occ in ctx.occurrences.get(span_type, []):
            other = _Other(occ.span.value, occ.phrase.det, occ.phrase.noun)
            by_key.setdefault(occ.phrase.key, {})[other] = None
            if occ.phrase.det in _SINGULAR and occ.phrase.prep != "en":
                by_prep.setdefault(occ.phrase.prep, {})[other] = None
        found = ctx.cache[key] = _Phrases({k: list(v) for k, v in by_key.items()},
                                          {k: list(v) for k, v in by_prep.items()})
    return found


def _candidates(ctx: Context, span: Span, phrase: Phrase, exclude: set[str]) -> list[tuple[str, str]]:
    """Phrases of other values that fit the answer's preposition and article, strict fits first.

    A value's phrase is written from its first occurrence (in corpus order) that fits strictly — same
    preposition and article — or, for a name (state, org, place) with a singular article, from its first
    occurrence with the same preposition and another singular article (de l’Iran / du Pakistan)."""
    index = _phrases(ctx, span.type)

    def usable(other: _Other) -> bool:
        return not (other.value == span.value or other.value in exclude
                    or (span.type == "date" and date_shape(other.value) != date_shape(span.value)))

    strict: dict[str, str] = {}
    for other in index.by_key.get(phrase.key, []):
        if other.value in strict or not usable(other):
            continue
        if span.type == "date" and written_shape(other.noun) != written_shape(phrase.noun):
            continue
        text = realise(phrase.prep, other.det, other.noun, phrase.capital)
        if text is not None:
            strict[other.value] = text
    loose: dict[str, str] = {}
    if span.type in _LOOSE and phrase.prep != "en" and phrase.det in _SINGULAR:
        for other in index.by_prep.get(phrase.prep, []):
            if other.det == phrase.det or other.value in strict or other.value in loose or not usable(other):
                continue  # the same article is a strict fit, read above
            text = realise(phrase.prep, other.det, other.noun, phrase.capital)
            if text is not None:
                loose[other.value] = text
    found = [(t, v) for v, t in sorted(strict.items())]
    if len(found) < 3:
        found += [(t, v) for v, t in sorted(loose.items())]
    if span.type == "number" and len(found) < 3:
        found += _numbers(span, phrase, exclude)
    return found


def _numbers(span: Span, phrase: Phrase, exclude: set[str]) -> list[tuple[str, str]]:
    """Made-up numbers for a number with too few others of its kind: same words, other digits."""
    if not span.value.isdigit() or span.value not in phrase.noun:
        return []
    n = int(span.value)
    out = []
    for m in sorted({n + 10, n - 10, n * 2, n + 5, n - 5} - {n}):
        if m > 0 and str(m) not in exclude:
            noun = phrase.noun.replace(span.value, str(m), 1)
            text = realise(phrase.prep, phrase.det, noun, phrase.capital)
            if text:
                out.append((text, str(m)))
    return out
