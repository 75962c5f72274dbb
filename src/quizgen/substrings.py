"""Which of many texts contain a needle, and which are contained in a text, without scanning them all.

The texts are normalised (words separated by single spaces). A word that a needle holds *between two
spaces* is a whole word of every text that contains the needle, between two spaces there too; so is a pair
of such words side by side. The texts are indexed once by their inner words (every word but the first and
the last) and pairs of consecutive inner words, and a question reads only the texts listed under the
needle's rarest pair (or, with one inner word, that word), then checks each with ``in``. A needle without
an inner word (one or two words) is checked against every text, as before.

The answers are exactly those of the plain scan (``[i for i, t in enumerate(texts) if needle in t]``);
tests/test_scale_index.py compares the two on the kit's corpus.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from itertools import pairwise
from typing import Any


def inner_words(text: str) -> list[str]:
    """The words of ``text`` that stand between two spaces (all but the first and the last)."""
    return text.split(" ")[1:-1]


class Substrings:
    """Normalised texts, indexed by their inner words and by their pairs of consecutive inner words (built
    once, in one pass over the texts). Pairs make the index selective where words are not: in a long text
    every common word is everywhere, but a needle that does not occur usually joins two words that never
    stand side by side."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.texts: list[str] = list(texts)
        self._postings: dict[str, list[int]] = {}
        self._pairs: dict[tuple[str, str], list[int]] = {}
        for i, text in enumerate(self.texts):
            words = inner_words(text)
            for word in set(words):
                self._postings.setdefault(word, []).append(i)
            for pair in set(pairwise(words)):
                self._pairs.setdefault(pair, []).append(i)
        self._signed: dict[str, list[int]] | None = None
        self._short: list[int] = []
        self._read: dict[str, list[int]] = {}  # needles of one or two words, answered by reading every text

    def _read_all(self, needle: str) -> list[int]:
        """The texts that contain a needle without an inner word: every text is read, once per needle."""
        found = self._read.get(needle)
        if found is None:
            found = self._read[needle] = [i for i, text in enumerate(self.texts) if needle in text]
        return found

    def _rarest(self, words: Sequence[str]) -> Sequence[int]:
        """The positions of the texts that may contain a needle with these inner words: the postings of its
        rarest pair of consecutive inner words, or of its rarest inner word (none when one is in no text)."""
        table: Mapping[Any, list[int]] = self._pairs if len(words) > 1 else self._postings
        best: Sequence[int] = ()
        size = -1
        for key in pairwise(words) if len(words) > 1 else words:
            found = table.get(key)
            if found is None:
                return ()
            if size < 0 or len(found) < size:
                best, size = found, len(found)
        return best

    def containing(self, needle: str) -> list[int]:
        """The positions of the texts that contain ``needle``, in order."""
        words = inner_words(needle)
        if not words:
            return list(self._read_all(needle))
        texts = self.texts
        return [i for i in self._rarest(words) if needle in texts[i]]

    def any_containing(self, needle: str) -> bool:
        """Whether some text contains ``needle``."""
        words = inner_words(needle)
        if not words:
            return bool(self._read_all(needle))
        texts = self.texts
        return any(needle in texts[i] for i in self._rarest(words))

    def first_containing(self, needle: str) -> int | None:
        """The first position of a text that contains ``needle`` (None when none does)."""
        words = inner_words(needle)
        if not words:
            return next(iter(self._read_all(needle)), None)
        texts = self.texts
        return next((i for i in self._rarest(words) if needle in texts[i]), None)

    def contained_in(self, text: str) -> list[int]:
        """The positions of the texts that ``text`` contains, in order.

        Each text is filed under its rarest inner word (a text of one or two words, under none: those
        are always checked); a text contained in ``text`` has its inner words among ``text``'s inner words.
        """
        if self._signed is None:
            signed: dict[str, list[int]] = {}
            for i, item in enumerate(self.texts):
                words = inner_words(item)
                if words:
                    rarest = min(words, key=lambda w: (len(self._postings[w]), w))
                    signed.setdefault(rarest, []).append(i)
                else:
                    self._short.append(i)
            self._signed = signed
        found = set(self._short)
        for word in set(inner_words(text)):
            found.update(self._signed.get(word, ()))
        texts = self.texts
        return sorted(i for i in found if texts[i] in text)
