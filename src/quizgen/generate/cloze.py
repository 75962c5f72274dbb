"""Cloze (texte à trous): a typed span blanked in its sentence, with phrases of the same type as options."""

from __future__ import annotations

from quizgen.generate.blanks import blank_for
from quizgen.generate.context import Context
from quizgen.question import BLANK, Question, make_question

#: How hard it is to recall each type of span once its sentence is read.
DIFFICULTY = {"state": 1, "org": 1, "place": 2, "date": 2, "number": 2, "concept": 3}


def generate(ctx: Context) -> list[Question]:
    questions = []
    for clause in ctx.scope:
        for span in clause.spans:
            blank = blank_for(ctx, clause, span)
            if blank is None or not blank.replacements:
                continue
            # Draw among the closest in length, so that length does not point at the answer.
            rng = ctx.rng("cloze", clause.id, span.start, span.type)
            pool = list(blank.replacements[:6])
            chosen = tuple(rng.sample(pool, min(3, len(pool))))
            s, e = blank.sentence
            before = ("…" if blank.left > s else "") + blank.before
            after = blank.after + ("…" if blank.right < e else "")
            quote = before + blank.answer + after
            questions.append(make_question(
                kind="cloze", form="choice",
                prompt=f"Complétez ce passage de la déclaration ({clause.id}) : « {before}{BLANK}{after} »",
                options=(blank.answer, *(r.text for r in chosen)), answers=(0,),
                citations=(ctx.cite(clause, quote),),
                feedback=ctx.feedback(f"Réponse : « {blank.answer} ».", clause, quote),
                difficulty=DIFFICULTY[span.type] + (len(chosen) < 3) * -1,
                themes=clause.themes, cloze=(before, after),
                actors=ctx.actors([span, *blank.shown_spans()]),
                asks=Context.keys([span]), shows=Context.keys(blank.shown_spans()),
                facts=blank.facts(chosen),
            ))
    return questions
