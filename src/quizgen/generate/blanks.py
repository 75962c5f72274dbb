"""A span blanked in its sentence, and the phrases that may stand in its place (cloze, true/false, choice).

A replacement is another span of the same type, written with the answer's preposition and article
(:mod:`quizgen.french`), and *proven wrong*: the sentence it makes occurs nowhere in the corpus
and its value is not named in the answer's sentence. Replacements are ranked by how close their length
is to the answer's, so that the right answer is not given away by being the longest.
"""

from __future__ import annotations

import re
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
    key = ("clauses-naming", span.type, span.value)
    if key not in ctx.cache:
        ctx.cache[key] = sum(any(s.type == span.type and s.value == span.value for s in c.spans)
                             for c in ctx.corpus.clauses)
    return bool(ctx.cache[key] > max(3, len(ctx.corpus.clauses) // 4))


def _bare(text: str) -> str:
    """A phrase without its leading preposition and article."""
    return re.sub(r"^(?:(?:de|à|en|du|des|au|aux)\s+|d[’'])?(?:(?:la|le|les)\s+|l[’'])?", "", text,
                  flags=re.IGNORECASE)


def _word_in(word: str, text: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(word) + r"(?!\w)", text, re.IGNORECASE) is not None


def _candidates(ctx: Context, span: Span, phrase: Phrase, exclude: set[str]) -> list[tuple[str, str]]:
    """Phrases of other values that fit the answer's preposition and article, strict fits first."""
    strict: dict[str, str] = {}
    loose: dict[str, str] = {}
    for occ in ctx.occurrences.get(span.type, []):
        value = occ.span.value
        if value == span.value or value in exclude or value in strict:
            continue
        if span.type == "date" and date_shape(value) != date_shape(span.value):
            continue
        other = occ.phrase
        same_shape = span.type != "date" or written_shape(other.noun) == written_shape(phrase.noun)
        if other.key == phrase.key and same_shape:
            target = strict
        elif (span.type in _LOOSE and phrase.prep != "en" and other.prep != "en" and phrase.prep == other.prep
              and phrase.det in _SINGULAR and other.det in _SINGULAR):
            target = loose  # de l’Iran / du Pakistan / de la Russie: all fit after the same words
        else:
            continue
        text = realise(phrase.prep, other.det, other.noun, phrase.capital)
        if text is not None:
            target.setdefault(value, text)
    for value in strict:
        loose.pop(value, None)
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
