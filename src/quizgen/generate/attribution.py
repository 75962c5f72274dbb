"""Attribution: which section of the declaration says this; which expert argued this.

Expert claims come from the corpus's optional ``extra["claims"]``:
``[{"expert": "salvaudon", "expert_label": "Charles Salvaudon", "text": "…", "clauses": ["II.3"]}]``;
without them only the section questions are made.
"""

from __future__ import annotations

from typing import Any

from quizgen.french import excerpt, realise, sentences, window
from quizgen.generate.context import Context
from quizgen.question import Citation, Question, TagFact, TextFact, make_question

QUOTE_LIMIT = 220


def generate(ctx: Context) -> list[Question]:
    return [*_sections(ctx), *_experts(ctx)]


def _sections(ctx: Context) -> list[Question]:
    # Within one section every answer would be the same: such a quiz would teach nothing.
    if len(ctx.scope_sections()) < 2:
        return []
    every = [s.id for s in ctx.corpus.sections] or sorted({c.section for c in ctx.corpus.clauses})
    questions = []
    for clause in ctx.scope:
        others = [s for s in every if s != clause.section]
        # The longest sentence that is short enough and occurs in this clause only says the most.
        quotes = [(s, e) for s, e in sentences(clause.text) if e - s <= QUOTE_LIMIT
                  and ctx.index.clauses_with(clause.text[s:e]) == [clause.id]]
        if not others or not quotes:
            continue
        s, e = max(quotes, key=lambda b: (b[1] - b[0], -b[0]))
        left, right = window(clause.text, s, e, QUOTE_LIMIT)
        quote = excerpt(clause.text, left, right)
        rng = ctx.rng("attribution-section", clause.id)
        wrong = rng.sample(others, min(3, len(others)))
        spans = Context.spans_within(clause, left, right)
        questions.append(make_question(
            kind="attribution", form="choice",
            prompt=f"Dans quelle partie de la déclaration lit-on : « {quote} » ?",
            options=tuple(ctx.section_label(x) for x in (clause.section, *wrong)), answers=(0,),
            citations=(ctx.cite(clause, quote),),
            feedback=ctx.feedback(f"Partie {ctx.section_label(clause.section)}.", clause, quote),
            difficulty=2, themes=clause.themes, actors=ctx.actors(spans),
            asks=frozenset({f"section-of:{clause.id}"}), shows=Context.keys(spans),
            facts=(TextFact(clause.text[left:right], clause.id, True, unique=True),
                   *(TagFact("section", x, clause.id, x == clause.section)
                     for x in (clause.section, *wrong))),
        ))
    return questions


def claims(ctx: Context) -> list[dict[str, Any]]:
    """The well-formed expert claims of the corpus (``quizgen check`` reports the others)."""
    found = []
    for claim in ctx.corpus.extra.get("claims", []) or []:
        if not isinstance(claim, dict):
            continue
        ids = claim.get("clauses") or []
        if (isinstance(claim.get("expert"), str) and isinstance(claim.get("text"), str)
                and claim["text"].strip()
                and isinstance(ids, list) and ids and all(ctx.corpus.has_clause(i) for i in ids)):
            found.append(claim)
    return found


def _unquoted(text: str) -> str:
    """A claim may come already in « »: do not quote it twice."""
    return text.strip().strip("«»").strip()


def _experts(ctx: Context) -> list[Question]:
    found = claims(ctx)
    labels = {c["expert"]: c.get("expert_label") or c["expert"] for c in found}
    in_scope = {c.id for c in ctx.scope}
    questions = []
    for claim in found:
        others = sorted(e for e in labels if e != claim["expert"])
        if not others or not in_scope.intersection(claim["clauses"]):
            continue
        rng = ctx.rng("attribution-expert", claim["expert"], claim["text"])
        wrong = rng.sample(others, min(3, len(others)))
        clauses = [ctx.corpus.clause(i) for i in claim["clauses"]]
        themes = tuple(t for c in clauses for t in c.themes)
        who = labels[claim["expert"]]
        of_who = realise("de", "", who) or f"de {who}"  # d’Anne Dupont, de Charles Salvaudon
        questions.append(make_question(
            kind="attribution", form="choice",
            prompt=f"Quel expert défend cette lecture de la déclaration ? « {_unquoted(claim['text'])} »",
            options=tuple(labels[e] for e in (claim["expert"], *wrong)), answers=(0,),
            citations=tuple(Citation(c.id, c.url, excerpt(c.text, *window(c.text, 0, 1, QUOTE_LIMIT)))
                            for c in clauses),
            feedback=f"C’est l’analyse {of_who}, à propos de {', '.join(claim['clauses'])}.",
            difficulty=2, themes=themes,
            asks=frozenset({f"claim:{claim['text']}"}),
            facts=tuple(TagFact("expert", e, None, e == claim["expert"], within=claim["text"])
                        for e in (claim["expert"], *wrong)),
        ))
    return questions
