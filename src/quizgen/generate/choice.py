"""Multiple choice: which statement the declaration makes, which theme a passage belongs to, which state
a passage names. Wrong options are proven wrong: altered sentences occur nowhere in the corpus, wrong
themes and states are not tags of the clause."""

from __future__ import annotations

from quizgen.corpus import Clause
from quizgen.french import excerpt, sentences, window
from quizgen.generate.blanks import Blank, blank_for
from quizgen.generate.context import Context
from quizgen.question import Question, TagFact, TextFact, make_question

#: Statements longer than this make unreadable options.
STATEMENT_LIMIT = 200


def generate(ctx: Context) -> list[Question]:
    # With the corpus's acts (v2), the comprehension families ask what these asked by word recall or by a
    # theme label several themes could claim: only "which state" stays.
    if ctx.meaning.by_clause:
        return _states(ctx)
    return [*_statements(ctx), *_themes(ctx), *_states(ctx)]


# --- which statement the declaration makes ------------------------------------------------------------

def _altered(ctx: Context) -> list[Blank]:
    """Short whole sentences in scope that can be altered, one blank each (the first that works)."""
    found = []
    for clause in ctx.scope:
        for s, e in sentences(clause.text):
            if e - s > STATEMENT_LIMIT:
                continue
            for span in Context.spans_within(clause, s, e):
                blank = blank_for(ctx, clause, span, STATEMENT_LIMIT)
                if blank and blank.replacements and (blank.left, blank.right) == (s, e):
                    found.append(blank)
                    break
    return found


def _statements(ctx: Context) -> list[Question]:
    blanks = _altered(ctx)
    questions = []
    for blank in blanks:
        true = blank.original
        others = [b for b in blanks if b.clause.id != blank.clause.id]
        if len(others) < 3:
            continue
        # Altered sentences of about the same length, drawn per question.
        others.sort(key=lambda b: (abs(len(b.replacements[0].filled) - len(true)), b.clause.id, b.left))
        rng = ctx.rng("choice-statement", blank.clause.id, blank.left)
        wrong: list[str] = []
        values = {blank.span.value}
        for other in rng.sample(others[:8], min(8, len(others))):
            # Each wrong sentence brings in another value, so that no value marks the fakes.
            fits = [r for r in other.replacements[:4] if r.value not in values]
            if fits and len(wrong) < 3:
                swap = rng.choice(fits)
                values.add(swap.value)
                wrong.append(swap.filled)
        if len(wrong) < 3:
            continue
        clause = blank.clause
        spans = Context.spans_within(clause, blank.left, blank.right)
        questions.append(make_question(
            kind="choice", form="choice",
            prompt="Laquelle de ces phrases figure dans la déclaration ?",
            options=(true, *wrong), answers=(0,), citations=(ctx.cite(clause, true),),
            feedback=ctx.feedback("Les autres phrases ont été modifiées.", clause, true),
            difficulty=3, themes=clause.themes, actors=ctx.actors(spans),
            asks=frozenset({f"sentence:{clause.id}:{blank.left}"}), shows=Context.keys(spans),
            facts=(TextFact(true, clause.id, True), *(TextFact(w, None, False) for w in wrong)),
        ))
    return questions


# --- which theme ---------------------------------------------------------------------------------------

def _opening(clause: Clause, limit: int = 400) -> str:
    """The clause, or its beginning cut at a word: a theme belongs to the whole clause."""
    text = clause.text
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[:cut if cut > 0 else limit].rstrip(" ,;:") + "…"


def _themes(ctx: Context) -> list[Question]:
    themes = ctx.corpus.themes
    questions = []
    for clause in ctx.scope:
        others = sorted(t for t in themes if t not in clause.themes)
        right = sorted(t for t in clause.themes if t in themes)
        if not right or len(others) < 2:
            continue
        rng = ctx.rng("choice-theme", clause.id)
        answer = rng.choice(right)
        wrong = rng.sample(others, min(3, len(others)))
        quote = _opening(clause)
        # What the quote prints (the names in it) is shown: no other question may ask it beside this one.
        spans = Context.spans_within(clause, 0, len(quote.removesuffix("…")))
        questions.append(make_question(
            kind="choice", form="choice",
            prompt=f"À quel thème se rattache ce passage de la déclaration ({clause.id}) ? « {quote} »",
            options=tuple(themes[t] for t in (answer, *wrong)), answers=(0,),
            citations=(ctx.cite(clause, quote),),
            feedback=ctx.feedback(f"Thème : {themes[answer]}.", clause, quote),
            difficulty=2, themes=clause.themes, actors=ctx.actors(spans),
            asks=frozenset({f"theme-of:{clause.id}"}), shows=Context.keys(spans),
            facts=tuple(TagFact("theme", t, clause.id, t == answer) for t in (answer, *wrong)),
        ))
    return questions


# --- which state --------------------------------------------------------------------------------------

def _states(ctx: Context) -> list[Question]:
    labels = ctx.corpus.labels.get("state", {})
    every = sorted({s.value for _, s in ctx.corpus.all_spans("state")} | set(labels))
    questions = []
    for clause in ctx.scope:
        named = {s.value for s in clause.spans_of("state")}
        candidates = [s for s in clause.spans_of("state") if ctx.label("state", s.value) != s.value]
        others = [v for v in every if v not in named and ctx.label("state", v) != v]
        if not candidates or len(others) < 2:
            continue
        rng = ctx.rng("choice-state", clause.id)
        span = rng.choice(candidates)
        phrase = ctx.phrase(clause, span)
        left, right = window(clause.text, phrase.start, phrase.end, 220)
        hidden = [s for s in Context.spans_within(clause, left, right) if s.type == "state"]
        quote = ctx.masked(clause, left, right, hidden)
        wrong = rng.sample(others, min(3, len(others)))
        shown = [s for s in Context.spans_within(clause, left, right) if s.type != "state"]
        questions.append(make_question(
            kind="choice", form="choice",
            prompt=f"Quel État la déclaration nomme-t-elle à la place de […] ({clause.id}) ? « {quote} »",
            options=tuple(ctx.label("state", v) for v in (span.value, *wrong)), answers=(0,),
            citations=(ctx.cite(clause, excerpt(clause.text, left, right)),),
            feedback=ctx.feedback(f"Réponse : {ctx.label('state', span.value)}.", clause,
                                  excerpt(clause.text, left, right)),
            difficulty=1, themes=clause.themes, actors=ctx.actors([span, *shown]),
            asks=Context.keys(hidden), shows=Context.keys(shown),
            facts=tuple(TagFact("state", v, clause.id, v == span.value) for v in (span.value, *wrong)),
        ))
    return questions

