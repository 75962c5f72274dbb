"""Position and decided-or-noted: which stance the member states take on a named object.

Both ask the same thing — « quelle est l’attitude des États membres envers … ? » — with the stances of
:mod:`quizgen.generate.force` as options, never the verbs of the text (recalling which of "saluer" and
"soutenir" was printed is not reading a diplomatic text). They differ by their objects:

- *decided* asks on what could have been decided (a proposal, an initiative, an agreement, a programme): is
  it decided, supported, only noted, or opposed?
- *position* asks on what the member states condemn or worry about: condemned, a worry, a call, only noted?

The object is quoted verbatim (never cut), so the stem needs nothing else of the clause; the key is the
clause's act; each distractor is proven wrong by the tags: no act of its stance by the member states (or
their leaders) bears on the same object, or on the same named thing, anywhere in the corpus (ActFact).
"""

from __future__ import annotations

from quizgen.generate.context import Context
from quizgen.generate.force import (
    ACTORS,
    AGAINST,
    GLOSS,
    OPTION,
    PROVEN_BY,
    Candidate,
    candidates,
    decidable,
    of,
    short_object,
    skipped,
    stance,
    stances_on,
    verb_quoted,
)
from quizgen.guards import fact_problem
from quizgen.question import ActFact, Fact, Question, make_question

#: The longest prompt every export format takes as it is (Kahoot's limit), for ``short_prompt``.
SHORT_LIMIT = 120
#: The stances each family asks (its keys); the position family keeps to what is condemned or feared.
KEYS = {"decided": ("decided", "noted", "support", "called"), "position": ("opposed", "concern")}


def generate(ctx: Context) -> list[Question]:
    return _family(ctx, "position")


def generate_decided(ctx: Context) -> list[Question]:
    return _family(ctx, "decided")


def wrong_facts(ctx: Context, cand: Candidate, wrong: tuple[str, ...]) -> list[Fact]:
    """One ActFact per act of each wrong stance: none of them bears on this object (for either actor)."""
    proven = {PROVEN_BY.get(w, w) for w in wrong}
    return [ActFact(cand.act.clause, cand.act.index, a.key, False, actor, cand.act.object.text)
            for a in sorted(ctx.meaning.acts.values(), key=lambda a: a.key) if stance(a) in proven
            for actor in ACTORS]


def belongs(family: str, cand: Candidate) -> bool:
    if cand.stance not in KEYS[family]:
        return False
    return decidable(cand.noun) if family == "decided" else not decidable(cand.noun)


def proven(ctx: Context, cand: Candidate) -> tuple[tuple[Fact, ...], str]:
    """The facts that make the question right (key, and every distractor proven wrong), or why not."""
    wrong = AGAINST[cand.stance]
    if stances_on(ctx, cand) & {PROVEN_BY.get(w, w) for w in wrong}:
        return (), "object-has-another-stance"
    facts: list[Fact] = [ActFact(cand.act.clause, cand.act.index, cand.known.key, True, cand.act.actor,
                                 cand.act.object.text), *wrong_facts(ctx, cand, wrong)]
    if any(fact_problem(f, ctx.index) for f in facts[1:]):
        return (), "distractor-not-proven-wrong"
    return tuple(facts), ""


def kept(ctx: Context, family: str) -> set[tuple[str, int]]:
    """The acts the decided family asks about, so that no stance is the key of more questions than all the
    others together, plus one: most proposals are only noted, and a student who always answers « prise
    d’acte » must not score. The excess is dropped in an order drawn from the acts' ids, over the whole
    corpus, so a question does not depend on the recipe's scope."""
    key = ("kept", family)
    if key not in ctx.cache:
        by_stance: dict[str, list[Candidate]] = {}
        for c in candidates(ctx, family, whole_corpus=True):
            if belongs(family, c) and proven(ctx, c)[0]:
                by_stance.setdefault(c.stance, []).append(c)
        total = sum(len(v) for v in by_stance.values())
        found = set()
        for group in by_stance.values():
            group.sort(key=lambda c: ctx.rng(family, "kept", c.act.clause, c.act.index).random())
            found |= {(c.act.clause, c.act.index) for c in group[:total - len(group) + 1]}
        ctx.cache[key] = found
    chosen: set[tuple[str, int]] = ctx.cache[key]
    return chosen


def _family(ctx: Context, family: str) -> list[Question]:
    questions = []
    asked = kept(ctx, family) if family == "decided" else set()
    for cand in candidates(ctx, family):
        if not belongs(family, cand):
            continue
        facts, why = proven(ctx, cand)
        if why:
            skipped(ctx, family, why)
            continue
        if family == "decided" and (cand.act.clause, cand.act.index) not in asked:
            skipped(ctx, family, "key-stance-too-frequent")
            continue
        questions.append(_question(ctx, family, cand, AGAINST[cand.stance], facts))
    return questions


def _question(ctx: Context, family: str, cand: Candidate, wrong: tuple[str, ...],
              facts: tuple[Fact, ...]) -> Question:
    act = cand.act
    clause = ctx.corpus.clause(act.clause)
    sentence = act.sentence.text.strip()
    who = of(cand.actor)
    prompt = (f"D’après {ctx.work.short} (§ {clause.id}), quelle est l’attitude {who} envers "
              f"« {cand.noun} » ?")
    # Kahoot's form: no clause number (the feedback and every other format cite it), 120 characters.
    frame = f"Position {who} sur « {{}} » ?"
    brief = short_object(cand.noun, SHORT_LIMIT - len(frame) + 2)
    short = frame.format(brief) if brief else ""
    why = f"La clause dit « {verb_quoted(cand)} », soit {GLOSS[cand.stance]}."
    spans = Context.spans_within(clause, act.object.start, act.object.end)
    return make_question(
        kind=family, form="choice", prompt=prompt, options=tuple(OPTION[s] for s in (cand.stance, *wrong)),
        answers=(0,), short_prompt=short if len(short) <= SHORT_LIMIT else "",
        citations=(ctx.cite(clause, sentence),), feedback=ctx.feedback(why, clause, sentence),
        difficulty=2, themes=clause.themes, actors=ctx.actors(spans),
        asks=frozenset({f"act:{clause.id}:{act.index}"}), shows=Context.keys(spans),
        evidence=(f"{act.verb.text} {' '.join(act.object.text.split()[:4])}",), facts=facts)
