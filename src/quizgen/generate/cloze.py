"""Cloze (texte à trous): a typed span blanked in its sentence, with phrases of the same type as options."""

from __future__ import annotations

from quizgen.generate.blanks import Replacement, blank_for
from quizgen.generate.context import Context
from quizgen.question import BLANK, Question, TextFact, make_question

#: The longest prompt every export format takes as it is (Kahoot's limit).
SHORT_LIMIT = 120

#: How hard it is to recall each type of span once its sentence is read.
DIFFICULTY = {"state": 1, "org": 1, "place": 2, "date": 2, "number": 2, "concept": 3}


def generate(ctx: Context) -> list[Question]:
    questions = []
    # With the corpus's acts (v2), only who is named is asked (a state, a body), not a date or a number.
    asked_types = ("state", "org") if ctx.meaning.by_clause else tuple(DIFFICULTY)
    for clause in ctx.scope:
        for span in clause.spans:
            if span.type not in asked_types:
                continue
            blank = blank_for(ctx, clause, span)
            if blank is None or not blank.replacements:
                continue
            # Draw among the closest in length, so that length does not point at the answer.
            rng = ctx.rng("cloze", clause.id, span.start, span.type)
            pool = [r for r in blank.replacements if _homogeneous(ctx, span.type, span.value, r.value)][:6]
            chosen = tuple(rng.sample(pool, min(3, len(pool))))
            s, e = blank.sentence
            before = ("…" if blank.left > s else "") + blank.before
            after = blank.after + ("…" if blank.right < e else "")
            quote = before + blank.answer + after
            prompt = f"Complétez ce passage de la déclaration ({clause.id}) : « {before}{BLANK}{after} »"
            short, short_facts = (("", ()) if len(prompt) <= SHORT_LIMIT
                                  else short_window(ctx, clause.id, blank.before, blank.answer, blank.after, chosen))
            questions.append(make_question(
                kind="cloze", form="choice",
                prompt=prompt, short_prompt=short,
                options=(blank.answer, *(r.text for r in chosen)), answers=(0,),
                citations=(ctx.cite(clause, quote),),
                feedback=ctx.feedback(f"Réponse : « {blank.answer} ».", clause, quote),
                difficulty=DIFFICULTY[span.type] + (len(chosen) < 3) * -1,
                themes=clause.themes, cloze=(before, after),
                actors=ctx.actors([span, *blank.shown_spans()]),
                asks=Context.keys([span]), shows=Context.keys(blank.shown_spans()),
                facts=blank.facts(chosen) + short_facts,
            ))
    return questions


def _homogeneous(ctx: Context, kind: str, key: str, other: str) -> bool:
    """A distractor of the key's sub-type (a treaty for a treaty, a member for a member), never an alias,
    part or whole of the key — when the corpus's v2 tags say so (always true without them)."""
    meaning = ctx.meaning
    if not meaning.entities:
        return True
    a, b = meaning.entity(kind, key), meaning.entity(kind, other)
    if a is None or b is None:
        return False
    if meaning.related(kind, key, other):
        return False
    if kind == "org":
        return a.subtype == b.subtype
    if kind == "state":
        return a.member == b.member
    return True


def short_window(ctx: Context, clause_id: str, before: str, answer: str, after: str,
                 chosen: tuple[Replacement, ...]) -> tuple[str, tuple[TextFact, ...]]:
    """The cloze asked on as many words around the blank as fit :data:`SHORT_LIMIT` characters.

    Windows are tried from the widest down, the most balanced first; one is kept when the answer's
    words occur in the clause and no replacement, put in the blank, makes words that occur anywhere in
    the corpus (so a narrower context never makes a wrong option right). ("", ()) when none fits.
    """
    head = f"§ {clause_id} : « "
    left_words, right_words = before.split(), after.split()
    # Keep the spacing of the text at the blank: "(Douchanbé, _____)." has no space before ")".
    glue_left = " " if before.endswith(" ") else ""
    glue_right = " " if after.startswith(" ") else ""
    for total in range(len(left_words) + len(right_words), 3, -1):
        splits = sorted(range(max(0, total - len(right_words)), min(total, len(left_words)) + 1),
                        key=lambda n: abs(n - total / 2))
        for n_left in splits:
            n_right = total - n_left
            shown_left = " ".join(left_words[len(left_words) - n_left:])
            shown_right = " ".join(right_words[:n_right])
            left_text = shown_left + glue_left if shown_left else ""
            right_text = glue_right + shown_right if shown_right else ""
            prompt = (head + ("… " if n_left < len(left_words) else "") + left_text + BLANK + right_text
                      + (" …" if n_right < len(right_words) else "") + " »")
            if len(prompt) > SHORT_LIMIT:
                continue
            right_words_text = left_text + answer + right_text
            wrong = [left_text + r.text + right_text for r in chosen]
            if ctx.index.in_clause(right_words_text, clause_id) and not any(ctx.index.occurs(w) for w in wrong):
                facts = (TextFact(right_words_text, clause_id, True),
                         *(TextFact(w, None, False) for w in wrong))
                return prompt, facts
    return "", ()
