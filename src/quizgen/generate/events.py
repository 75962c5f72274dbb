"""Events for matching and chronology: a dated or placed mention, described by its sentence with the
date or place itself masked, and groups of events that can be asked together without ambiguity."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from quizgen.corpus import Clause, Span
from quizgen.french import sentence_of, window
from quizgen.generate.context import Context

LABEL_LIMIT = 150
T = TypeVar("T")


@dataclass(frozen=True)
class Event:
    clause: Clause
    span: Span  # the date or place the event is matched with
    label: str  # its passage, with that date or place masked
    sentence: str
    shown: tuple[Span, ...]
    bounds: tuple[int, int]  # of the sentence in the clause


def events(ctx: Context, span_type: str, needs: str | None = None) -> list[Event]:
    """Mentions of ``span_type`` in scope, in text order; with ``needs``, only in sentences that also
    hold a span of that type (a place *and* a date make an event)."""
    found = []
    for clause in ctx.scope:
        for span in sorted(clause.spans_of(span_type), key=lambda s: s.start):
            s, e = sentence_of(clause.text, span.start, span.end)
            in_sentence = Context.spans_within(clause, s, e)
            if needs and not any(x.type == needs for x in in_sentence):
                continue
            if sum(x.type == span_type and x.value == span.value for x in in_sentence) > 1:
                continue  # named twice: the mask would not hide it
            phrase = ctx.phrase(clause, span)
            left, right = window(clause.text, phrase.start, phrase.end, LABEL_LIMIT)
            label = ctx.masked(clause, left, right, [span])
            shown = tuple(x for x in Context.spans_within(clause, left, right) if x != span)
            found.append(Event(clause, span, label, clause.text[s:e], shown, (s, e)))
    return found


def groups(items: Sequence[T], fits: Callable[[list[T], T], bool], size: int = 4,
           stride: int = 2) -> Iterator[list[T]]:
    """Groups of ``size`` items (at least 3 on a small text) that fit together, starting every ``stride``
    items and wrapping around, each group once."""
    size = min(size, len(items))
    if size < 3:
        return
    seen: set[tuple[int, ...]] = set()
    for i in range(0, len(items), stride):
        group, members = [items[i]], [i]
        for j in [*range(i + 1, len(items)), *range(i)]:
            if len(group) == size:
                break
            if fits(group, items[j]):
                group.append(items[j])
                members.append(j)
        key = tuple(sorted(members))
        if len(group) == size and key not in seen:
            seen.add(key)
            yield group


def reveals(text: str, words: str) -> bool:
    """Does ``text`` say ``words`` (as whole words)?"""
    return re.search(r"(?<!\w)" + re.escape(words) + r"(?!\w)", text, re.IGNORECASE) is not None


def clash(a: Event, b: Event) -> bool:
    """Does either passage show the value the other one hides?"""
    return any(x.type == b.span.type and x.value == b.span.value for x in a.shown) or any(
        x.type == a.span.type and x.value == a.span.value for x in b.shown)
