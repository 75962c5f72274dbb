"""Chronology: put four dated events in order. The dates must not overlap (a year and a day of that
year cannot be ordered) and no passage may show its own year.

Only real dated events are ordered (issue 11): a date given at least to the month (a day, a span of days, a
month), never a bare year or a span of years (« 2025-2027 », « L’année 2025 »), a horizon (« jusqu’en
2035 », « pour la période allant jusqu’à 2030 »), nor a year inside a name (« Solidarité 2024 », « Année
internationale de la préservation des glaciers – 2025 »: inside « » or after a dash)."""

from __future__ import annotations

import re
from collections import Counter

from quizgen.french import date_bounds, format_date
from quizgen.generate.context import Context
from quizgen.generate.events import Event, clash, events, groups
from quizgen.question import Citation, Fact, OrderFact, Question, TagFact, make_question

PROMPT = "Remettez ces passages de la déclaration dans l’ordre chronologique, du plus ancien au plus récent."


#: Words before a date that make it a horizon or a period, not the day something happened.
_HORIZON = re.compile(r"(?:jusqu[’']?(?:en|à|au)|période(?: allant)?|pour|d[’']ici|horizon)\s*$", re.IGNORECASE)
#: A date given at least to the month: 2025-04-22, 2025-06, 2024-11-04/2024-11-05.
_PRECISE = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?(?:/\d{4}-\d{2}(?:-\d{2})?)?$")


def dated_event(text: str, start: int, value: str) -> bool:
    """Whether the date span at ``start`` of ``text`` (ISO ``value``) dates an event: precise to the month,
    not a horizon, not inside a name."""
    if not _PRECISE.match(value):
        return False
    before = text[max(0, start - 40):start]
    if _HORIZON.search(before) or re.search(r"[–—-]\s*$", before):
        return False
    return text[:start].count("«") <= text[:start].count("»")


def generate(ctx: Context) -> list[Question]:
    candidates = [ev for ev in events(ctx, "date") if not _shows_year(ev)]
    found = [ev for ev in candidates if dated_event(ev.clause.text, ev.span.start, ev.span.value)]
    if len(found) < len(candidates):  # reported with the pool's refusals
        skipped = ctx.cache.setdefault("skipped", Counter())
        skipped["chronology:not-an-event"] += len(candidates) - len(found)

    def fits(group: list[Event], ev: Event) -> bool:
        lo, hi = date_bounds(ev.span.value)
        for other in group:
            olo, ohi = date_bounds(other.span.value)
            if not (hi < olo or ohi < lo) or ev.label == other.label or clash(ev, other):
                return False
        return True

    questions = []
    for group in groups(found, fits):
        ordered = sorted(group, key=lambda ev: date_bounds(ev.span.value))
        items = tuple(ev.label for ev in ordered)
        facts: list[Fact] = [TagFact("date", ev.span.value, ev.clause.id, True, within=ev.sentence)
                             for ev in ordered]
        facts.append(OrderFact(tuple(ev.span.value for ev in ordered)))
        cited: dict[str, Citation] = {}
        for ev in ordered:
            cited.setdefault(ev.clause.id, ctx.cite(ev.clause, ev.label))
        steps = " ; ".join(f"{format_date(ev.span.value)} : {ev.label} ({ev.clause.id})" for ev in ordered)
        questions.append(make_question(
            kind="chronology", form="ordering",
            prompt=PROMPT,
            options=items, answers=tuple(range(len(items))), citations=tuple(cited.values()),
            feedback=f"L’ordre : {steps}.", difficulty=3,
            themes=tuple(t for ev in ordered for t in ev.clause.themes),
            actors=ctx.actors(s for ev in ordered for s in ev.shown),
            asks=Context.keys(ev.span for ev in ordered),
            shows=Context.keys(s for ev in ordered for s in ev.shown), facts=tuple(facts),
        ))
    return questions


def _shows_year(ev: Event) -> bool:
    years = set(re.findall(r"\d{4}", ev.span.value))
    return any(re.search(rf"(?<!\d){y}(?!\d)", ev.label) for y in years)
