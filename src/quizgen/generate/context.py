"""What every generator needs: the corpus, the clauses in scope, an index of the text, and the phrases.

Distractors may come from anywhere in the corpus; questions only from the clauses in scope.
Every random choice a generator makes is drawn from :meth:`Context.rng` with a key naming what it
chooses for, so a question is the same whatever the recipe, the seed or the other questions.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from quizgen.corpus import Clause, Corpus, Span
from quizgen.french import Phrase, excerpt, read_phrase, sentence_of
from quizgen.guards import TextIndex
from quizgen.meaning import Meaning, Work
from quizgen.question import Citation

DECLARATION = "la déclaration"  # the default work's short name; prompts use ``ctx.work``


@dataclass(frozen=True)
class Occurrence:
    clause: Clause
    span: Span
    phrase: Phrase


class Context:
    def __init__(self, corpus: Corpus, scope: Sequence[Clause] | None = None,
                 index: TextIndex | None = None) -> None:
        self.corpus = corpus
        self.scope = list(scope) if scope is not None else list(corpus.clauses)
        self.index = index or TextIndex(corpus)
        self.occurrences: dict[str, list[Occurrence]] = defaultdict(list)
        self._phrases: dict[tuple[str, int], Phrase] = {}
        self.cache: dict[Any, Any] = {}  # work shared between generators
        self.meaning: Meaning = self.index.meaning
        self.work: Work = self.meaning.work
        for clause in corpus.clauses:
            for span in sorted(clause.spans, key=lambda s: (s.start, s.end, s.type)):
                phrase = read_phrase(clause.text, span.start, span.end)
                self._phrases[(clause.id, span.start)] = phrase
                self.occurrences[span.type].append(Occurrence(clause, span, phrase))

    def phrase(self, clause: Clause, span: Span) -> Phrase:
        return self._phrases[(clause.id, span.start)]

    @staticmethod
    def rng(*key: object) -> random.Random:
        # A string seed is hashed with SHA-512 by random.Random: stable across runs and machines.
        return random.Random("\x1f".join(str(k) for k in key))

    def label(self, span_type: str, value: str) -> str:
        return self.corpus.label(span_type, value)

    def section_label(self, section_id: str) -> str:
        for section in self.corpus.sections:
            if section.id == section_id:
                if not section.title or section.title.startswith(section.id):
                    return section.title or section.id
                return f"{section.id}. {section.title}"
        return section_id

    def scope_sections(self) -> list[str]:
        return sorted({c.section for c in self.scope}, key=self._section_order)

    def _section_order(self, section_id: str) -> int:
        order = [s.id for s in self.corpus.sections]
        return order.index(section_id) if section_id in order else len(order)

    @staticmethod
    def keys(spans: Iterable[Span]) -> frozenset[str]:
        """The ``type:value`` keys a question asks or shows."""
        return frozenset(f"{s.type}:{s.value}" for s in spans)

    @staticmethod
    def spans_within(clause: Clause, start: int, end: int) -> list[Span]:
        return [s for s in clause.spans if start <= s.start and s.end <= end]

    def sentence(self, clause: Clause, start: int, end: int) -> str:
        s, e = sentence_of(clause.text, start, end)
        return clause.text[s:e]

    @staticmethod
    def cite(clause: Clause, quote: str) -> Citation:
        return Citation(clause.id, clause.url, quote)

    def feedback(self, verdict: str, clause: Clause, quote: str) -> str:
        """French feedback that says why, quotes the clause once and cites it (§ II.12); exporters add
        the clause's link from the question's citations."""
        return f"{verdict} {self.work.short_capital} (§ {clause.id}) dit : « {quote.strip('« »')} »"

    def section_of(self, clause: Clause) -> str:
        """The clause's section, from the corpus's section field (never the id's prefix)."""
        return clause.section

    def in_work(self, text: str) -> str:
        """Replace the default short name in a prompt by this corpus's (« la déclaration » → « la Déclaration
        des droits… »): generators write the default words, this puts the work's own."""
        w = self.work
        if w.short == DECLARATION:
            return text
        return (text.replace("de la déclaration", w.of).replace("dans la déclaration", w.in_)
                .replace("D’après la déclaration", "D’après " + w.short)
                .replace("la déclaration", w.short))

    def actors(self, spans: Iterable[Span]) -> tuple[str, ...]:
        return tuple(sorted({s.value for s in spans if s.type in ("state", "org")}))

    def masked(self, clause: Clause, left: int, right: int, hidden: Iterable[Span]) -> str:
        """The excerpt ``text[left:right]`` with each hidden span's phrase replaced by […]."""
        text = clause.text
        pieces, at = [], left
        for span in sorted(hidden, key=lambda s: s.start):
            phrase = self.phrase(clause, span)
            pieces.append(text[at:max(phrase.start, at)] + "[…]")
            at = max(at, phrase.end)
        pieces.append(text[at:right])
        full = excerpt(text, left, right)
        return ("…" if full.startswith("…") else "") + "".join(pieces) + ("…" if full.endswith("…") else "")
