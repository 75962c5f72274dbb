"""True/false: a sentence of a clause as it stands (true), or with one span swapped for another of its
type (false). The swapped sentence is proven false: it occurs nowhere in the corpus."""

from __future__ import annotations

from quizgen.french import sentences
from quizgen.generate.blanks import Blank, Replacement, blank_for
from quizgen.generate.context import Context
from quizgen.question import FALSE, TRUE, Question, TextFact, make_question

PROMPT = "Vrai ou faux ? D’après la déclaration : « {} »"
#: Sentences longer than this are not read as one statement.
LIMIT = 260


def generate(ctx: Context) -> list[Question]:
    # With the corpus's acts (v2), a false statement changes the act — what a reader of the clause would
    # catch — never a proper noun that only memory can catch.
    if ctx.meaning.by_clause:
        from quizgen.generate import statements

        return statements.generate(ctx)
    questions = []
    for clause in ctx.scope:
        for s, e in sentences(clause.text):
            if e - s > LIMIT:
                continue
            blanks = [b for b in (blank_for(ctx, clause, span, LIMIT)
                                  for span in Context.spans_within(clause, s, e)) if b and b.replacements]
            blanks = [b for b in blanks if (b.left, b.right) == (s, e)]
            if not blanks:
                continue
            rng = ctx.rng("truefalse", clause.id, s)
            if rng.random() < 0.5:
                blank = rng.choice(blanks)
                # Not always the nearest replacement, or one value would mark many statements as false.
                questions.append(_false(ctx, blank, rng.choice(blank.replacements[:4])))
            else:
                questions.append(_true(ctx, blanks[0]))
    return questions


def _true(ctx: Context, blank: Blank) -> Question:
    clause, text = blank.clause, blank.original
    spans = Context.spans_within(clause, blank.left, blank.right)
    return make_question(
        kind="truefalse", form="truefalse", prompt=PROMPT.format(text), options=(TRUE, FALSE), answers=(0,),
        citations=(ctx.cite(clause, text),), feedback=ctx.feedback("Vrai.", clause, text),
        difficulty=1, themes=clause.themes, actors=ctx.actors(spans), shuffle=False,
        asks=frozenset({f"sentence:{clause.id}:{blank.left}"}), shows=Context.keys(spans),
        facts=(TextFact(text, clause.id, True),),
    )


def _false(ctx: Context, blank: Blank, swap: Replacement) -> Question:
    clause = blank.clause
    return make_question(
        kind="truefalse", form="truefalse", prompt=PROMPT.format(swap.filled), options=(TRUE, FALSE),
        answers=(1,), citations=(ctx.cite(clause, blank.original),),
        feedback=ctx.feedback(f"Faux : il ne s’agit pas de « {swap.text} » mais de « {blank.answer} ».",
                              clause, blank.original),
        difficulty=2 if blank.span.type in ("state", "org", "place") else 3, themes=clause.themes,
        actors=ctx.actors([blank.span, *blank.shown_spans()]), shuffle=False,
        asks=Context.keys([blank.span]) | {f"sentence:{clause.id}:{blank.left}"},
        # The value swapped in is printed too: a question asking it must not join this one.
        shows=Context.keys(blank.shown_spans()) | {f"{blank.span.type}:{swap.value}"},
        facts=blank.facts((swap,)),
    )
