"""What every generator needs: the corpus, the clauses in scope, an index of the text, and the phrases.

Distractors may come from anywhere in the corpus; questions only from the clauses in scope.
Every random choice a generator makes is drawn from :meth:`Context.rng` with a key naming what it
chooses for, so a question is the same whatever the recipe, the seed or the other questions.
"""

from __future__ import annotations

import heapq
import random
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from quizgen.corpus import Clause, Corpus, Span
from quizgen.french import Phrase, excerpt, read_phrase
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

    @staticmethod
    def cite(clause: Clause, quote: str) -> Citation:
        return Citation(clause.id, clause.url, quote)

    def feedback(self, verdict: str, clause: Clause, quote: str) -> str:
        """French feedback that says why, quotes the clause once and cites it (§ II.12); exporters add
        the clause's link from the question's citations."""
        return f"{verdict} {self.work.short_capital} (§ {clause.id}) dit : « {quote.strip('« »')} »"

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


Point = dict[str, Any]


class Points:
    """Points of a synthesis (``{"id", "text", "clauses", …}``) indexed once, for the questions a generator asks
    of every clause: which points cite it, and which others are the nearest to a key — those sharing the
    most themes with the clause (through the clauses they cite), then the nearest in length, then by id.

    ``nearest(themes, length, skip, k)`` gives exactly the first ``k`` of ::

        sorted((p for p in points if group(p) not in skip), key=lambda p: (-shared(p),
               abs(len(p["text"]) - length), p["id"]))

    without sorting every point for every clause: points are filed by their set of themes and their group
    (``group``, e.g. the part of the synthesis a point belongs to), each file sorted by length and read
    outward from the key's length; the files of skipped groups are not read at all."""

    def __init__(self, ctx: Context, points: Sequence[Point], group: Callable[[Point], str]) -> None:
        self.points = list(points)
        self._citing: dict[str, list[Point]] = {}
        files: dict[tuple[frozenset[str], str], list[tuple[int, str, int]]] = {}
        for n, p in enumerate(self.points):
            for c in dict.fromkeys(c for c in p["clauses"] if isinstance(c, str)):
                self._citing.setdefault(c, []).append(p)
            themes = frozenset(t for c in p["clauses"] if ctx.corpus.has_clause(c)
                               for t in ctx.corpus.clause(c).themes)
            files.setdefault((themes, group(p)), []).append((len(p["text"]), p["id"], n))
        self._files = [(themes, name, sorted(entries)) for (themes, name), entries in files.items()]

    def citing(self, clause_id: str) -> list[Point]:
        """The points whose clauses include ``clause_id``, in order: ``[p for p in points if clause_id in
        p["clauses"]]``."""
        return list(self._citing.get(clause_id, []))

    def nearest(self, themes: Iterable[str], length: int, skip: Iterable[str], k: int,
                keep: Callable[[Point], bool] | None = None) -> list[Point]:
        """The first ``k`` points outside the groups ``skip`` (and that ``keep`` accepts), in the order above."""
        wanted, skipped = set(themes), set(skip)
        levels: dict[int, list[list[tuple[int, str, int]]]] = {}
        for file_themes, name, entries in self._files:
            if name not in skipped:
                levels.setdefault(len(wanted & file_themes), []).append(entries)
        found: list[Point] = []
        for shared in sorted(levels, reverse=True):
            for _, _, n in heapq.merge(*(self._outward(entries, length) for entries in levels[shared])):
                if keep is None or keep(self.points[n]):
                    found.append(self.points[n])
                    if len(found) == k:
                        return found
        return found

    @staticmethod
    def _outward(entries: list[tuple[int, str, int]], length: int) -> Iterator[tuple[int, str, int]]:
        """The entries of one file by (distance of their length to ``length``, id, position)."""
        lengths = [e[0] for e in entries]
        right = bisect_left(lengths, length)
        left = right - 1
        while left >= 0 or right < len(entries):
            d_left = length - lengths[left] if left >= 0 else None
            d_right = lengths[right] - length if right < len(entries) else None
            d = min(x for x in (d_left, d_right) if x is not None)
            batch = []
            while right < len(entries) and lengths[right] - length == d:
                batch.append((d, entries[right][1], entries[right][2]))
                right += 1
            while left >= 0 and length - lengths[left] == d:
                batch.append((d, entries[left][1], entries[left][2]))
                left -= 1
            yield from sorted(batch)
