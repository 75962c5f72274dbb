"""Matching: event ↔ place, event ↔ date, acronym ↔ institution, state ↔ role.

Events are passages naming a place and a date (:mod:`quizgen.generate.events`). Roles come from the
corpus's optional ``extra["roles"]``: ``[{"state": "KGZ", "role": "…", "clauses": ["V.4"]}]``.
"""

from __future__ import annotations

from collections.abc import Sequence

from quizgen.corpus import Clause, Span
from quizgen.french import format_date
from quizgen.generate.context import Context
from quizgen.generate.events import Event, clash, events, groups, reveals
from quizgen.question import Citation, Fact, Question, TagFact, make_question


def generate(ctx: Context) -> list[Question]:
    return [*_events(ctx, "place", "date"), *_events(ctx, "date", "place"), *_acronyms(ctx), *_roles(ctx)]


def _shown(ctx: Context, span: Span) -> str:
    return format_date(span.value) if span.type == "date" else ctx.label(span.type, span.value)


def _events(ctx: Context, span_type: str, needs: str) -> list[Question]:
    found = events(ctx, span_type, needs)

    def fits(group: list[Event], ev: Event) -> bool:
        for other in group:
            if (ev.span.value == other.span.value or ev.label == other.label
                    or _names(ev, other.span) or _names(other, ev.span) or clash(ev, other)):
                return False
        return True

    questions = []
    for group in groups(found, fits):
        what = "au lieu" if span_type == "place" else "à la date"
        right = tuple(_shown(ctx, ev.span) for ev in group)
        if len(set(right)) < len(right) or any(reveals(ev.label, r) for ev in group for r in right):
            continue
        facts: list[Fact] = [TagFact(span_type, other.span.value, ev.clause.id, i == j, within=ev.sentence)
                             for i, ev in enumerate(group) for j, other in enumerate(group)]
        questions.append(_matching(
            ctx, f"Associez chaque passage de la déclaration {what} qu’il mentionne.",
            stems=tuple(ev.label for ev in group), options=right,
            clauses=[ev.clause for ev in group], quotes=[ev.label for ev in group], facts=facts,
            asks=Context.keys(ev.span for ev in group),
            shows=Context.keys(s for ev in group for s in ev.shown), difficulty=2))
    return questions


def _names(ev: Event, span: Span) -> bool:
    """Does the event's sentence name this value too (then it would be a right answer as well)?"""
    s, e = ev.bounds
    return any(x.type == span.type and x.value == span.value for x in Context.spans_within(ev.clause, s, e))


def _acronyms(ctx: Context) -> list[Question]:
    first: dict[str, Clause] = {}
    for clause in ctx.scope:
        for span in clause.spans_of("org"):
            # Only acronyms the text itself writes: "l’OCS", not a key such as BDOCS.
            if ctx.label("org", span.value) != span.value and ctx.phrase(clause, span).noun == span.value:
                first.setdefault(span.value, clause)
    items = list(first.items())

    def fits(group: list[tuple[str, Clause]], item: tuple[str, Clause]) -> bool:
        return all(ctx.label("org", key) != ctx.label("org", item[0]) for key, _ in group)

    questions = []
    for group in groups(items, fits):
        keys = [k for k, _ in group]
        labels = tuple(ctx.label("org", k) for k in keys)
        facts: list[Fact] = [TagFact("org", k, c.id, True) for k, c in group]
        facts += [TagFact("label:org", f"{k}={labels[j]}", None, i == j)
                  for i, k in enumerate(keys) for j in range(len(keys))]
        questions.append(_matching(
            ctx, "Associez chaque sigle à l’institution qu’il désigne.", stems=tuple(keys), options=labels,
            clauses=[c for _, c in group], quotes=[f"{k} : {labels[i]}" for i, k in enumerate(keys)],
            facts=facts, asks=frozenset(f"org:{k}" for k in keys), shows=frozenset(), difficulty=1))
    return questions


def _roles(ctx: Context) -> list[Question]:
    in_scope = {c.id for c in ctx.scope}
    items = []
    for role in ctx.corpus.extra.get("roles", []) or []:
        ids = role.get("clauses") if isinstance(role, dict) else None
        if (isinstance(ids, list) and ids and all(ctx.corpus.has_clause(i) for i in ids)
                and in_scope.intersection(ids) and isinstance(role.get("role"), str)
                and isinstance(role.get("state"), str)):
            items.append(role)

    def fits(group: list[dict[str, object]], item: dict[str, object]) -> bool:
        return all(r["state"] != item["state"] and r["role"] != item["role"] for r in group)

    questions = []
    for group in groups(items, fits):
        clauses = [ctx.corpus.clause(r["clauses"][0]) for r in group]
        states = tuple(ctx.label("state", r["state"]) for r in group)
        facts: list[Fact] = [TagFact("role", r["state"], None, i == j, within=other["role"])
                             for i, r in enumerate(group) for j, other in enumerate(group)]
        questions.append(_matching(
            ctx, "Associez chaque État au rôle que lui donne la déclaration.", stems=states,
            options=tuple(r["role"] for r in group), clauses=clauses,
            quotes=[f"{states[i]} : {r['role']}" for i, r in enumerate(group)], facts=facts,
            asks=frozenset(f"role:{r['state']}" for r in group), shows=frozenset(), difficulty=2))
    return questions


def _matching(ctx: Context, prompt: str, *, stems: tuple[str, ...], options: tuple[str, ...],
              clauses: Sequence[Clause], quotes: Sequence[str], facts: list[Fact], asks: frozenset[str],
              shows: frozenset[str], difficulty: int) -> Question:
    cited: dict[str, Citation] = {}
    for clause, quote in zip(clauses, quotes, strict=True):
        cited.setdefault(clause.id, ctx.cite(clause, quote))
    pairs = " ; ".join(f"{s} → {o} ({c.id})" for s, o, c in zip(stems, options, clauses, strict=True))
    themes = tuple(t for c in clauses for t in c.themes)
    return make_question(
        kind="matching", form="matching", prompt=prompt, options=options, stems=stems,
        answers=tuple(range(len(options))), citations=tuple(cited.values()),
        feedback=f"Les bonnes associations : {pairs}.", difficulty=difficulty, themes=themes,
        actors=tuple(sorted({k.split(":", 1)[1] for k in asks if k.split(":", 1)[0] in ("state", "org")})),
        asks=asks, shows=shows, facts=tuple(facts))

