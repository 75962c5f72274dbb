"""True or false on the force of an act: "the member states only take note of X", "… adopt X".

Every statement, true or false, is worded from one phrasebook of stances (never the clause's own verb), so
that the wording of a statement tells nothing of its truth: "ne font que prendre note de" is true of
what is only noted and false of what is decided or welcomed; "adoptent" is true of what is adopted and false
of what is only proposed. A false statement over- or under-states the force (decided ↔ only noted, welcomed
↔ only noted, condemned ↔ only worried about): a change of meaning a reader of the clause catches, never a
swapped name. It is proven false by the tags: no act of the claimed stance by the member states (or their
leaders) bears on the object anywhere in the corpus.
"""

from __future__ import annotations

import re
from collections import Counter

from quizgen.generate.context import Context
from quizgen.generate.force import (
    ACTORS,
    GLOSS,
    Candidate,
    candidates,
    decidable,
    head,
    short_object,
    signable,
    skipped,
    stance,
    stances_on,
    verb_quoted,
)
from quizgen.generate.position import SHORT_LIMIT, wrong_facts
from quizgen.guards import fact_problem
from quizgen.meaning import joined, split_article, worded
from quizgen.question import FALSE, TRUE, ActFact, Fact, Question, make_question

#: How each stance is stated, as (verb after « les États membres », construction).
SAID = {
    "noted": ("ne font que prendre note", "de"),
    "support": ("accueillent favorablement", "direct"),
    "called": ("appellent", "à"),
    "concern": ("ne font que s’inquiéter", "de"),
    "opposed": ("condamnent", "direct"),
}
#: The act-specific wordings of a true statement where the stance's own would be less exact.
SAID_BY_ACT = {"signer": ("signent", "direct"), "approuver": ("approuvent", "direct"),
               "s-opposer": ("s’opposent", "à")}


#: What can be condemned (an act, an event): "condamnent les risques croissants" would be odd French, not a
#: plausible false statement, so a worry about anything else is only ever stated true.
CONDEMNABLE = ("attentats", "attentat", "frappes", "actions", "action", "tentatives", "escalade",
               "application", "ingérence", "recours", "imposition", "mesures", "sanctions", "actes", "politique")


def false_claims(cand: Candidate) -> tuple[str, ...]:
    """The stances a false statement may claim: the force plainly over- or under-stated."""
    if cand.stance in ("decided", "called"):
        return ("noted",)
    # "adoptent la proposition…", "adoptent l’initiative visant à adopter…" ring false in such a text (a
    # proposal is welcomed or noted; what is adopted is a programme, a strategy, an agreement): only ever
    # false, they would be answered « Faux » without reading. No decision is claimed on those.
    can_decide = (decidable(cand.noun) and "adopt" not in cand.noun
                  and head(cand.noun) not in ("proposition", "propositions", "projet", "projets", "initiative",
                                              "initiatives"))
    if cand.stance == "noted":
        return ("support", "decided") if can_decide else ("support",)
    if cand.stance == "support":
        return ("noted", "decided") if can_decide else ("noted",)
    if cand.stance == "opposed":
        return ("concern",)
    return ("opposed",) if head(cand.noun) in CONDEMNABLE else ()


def plan(ctx: Context) -> dict[tuple[str, int], str]:
    """For every askable act of the corpus, the stance its statement claims (its own: true; another:
    false), chosen so that each wording is as often true as false, and the bank holds as many « Vrai » as
    « Faux »: a student who answers by the verb alone ("accueillent favorablement" → Vrai) gains nothing.

    Planned once over the whole corpus, acts taken in an order drawn from their ids: a clause's statement
    is the same whatever the recipe's scope."""
    key = ("truefalse-plan",)
    if key in ctx.cache:
        found: dict[tuple[str, int], str] = ctx.cache[key]
        return found
    every = [c for c in candidates(ctx, "truefalse", whole_corpus=True) if tempting(ctx, c)]
    every.sort(key=lambda c: ctx.rng("truefalse-order", c.act.clause, c.act.index).random())
    # Counted by stance claimed: one stance, one wording (adopt, sign and approve are one decision).
    tally: Counter[tuple[str, bool]] = Counter()
    found = {}
    for cand in every:
        choices = [cand.stance, *(s for s in false_claims(cand) if provably_false(ctx, cand, s)
                                  and not breaks_coordination(cand, s))]
        if not alone_in_sentence(ctx, cand):  # « ne font que prendre note » would say too much
            choices = [c for c in choices if c not in ("noted", "concern")]
        if not choices:
            continue

        def cost(claimed: str, cand: Candidate = cand) -> tuple[int, int, float]:
            truth = claimed == cand.stance
            after = tally + Counter({(claimed, truth): 1})
            trues_after = sum(n for (_, t), n in after.items() if t)
            # A wording may lean by two at most, the whole bank by one.
            worst = max(abs(after[(claimed, True)] - after[(claimed, False)]) - 1,
                        abs(2 * trues_after - sum(after.values())))
            by_phrase = sum(abs(after[(p, True)] - after[(p, False)]) for p in {p for p, _ in after})
            trues = sum(n for (_, t), n in after.items() if t)
            overall = abs(trues - (sum(after.values()) - trues))
            return worst, by_phrase + overall, ctx.rng("truefalse-tie", cand.act.clause, claimed).random()

        claimed = min(choices, key=cost)
        if cost(claimed)[0] > 1:
            continue  # every wording it could take is already too often true (or false): not asked
        tally[(claimed, claimed == cand.stance)] += 1
        found[(cand.act.clause, cand.act.index)] = claimed
    ctx.cache[key] = found
    return found


def provably_false(ctx: Context, cand: Candidate, claimed: str) -> bool:
    """No act of the claimed stance bears on the object, by the tags (the guards check it again)."""
    if claimed in stances_on(ctx, cand):
        return False
    return not any(fact_problem(f, ctx.index) for f in wrong_facts(ctx, cand, (claimed,)))


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


#: The verbs a false claim of support is worded with, drawn per statement: each also words true
#: statements (a true statement of support keeps the clause's own verb), so no verb marks a falsehood.
SUPPORT_CLAIMS = (("saluent", "direct"), ("soutiennent", "direct"), ("sont favorables", "à"))


def wording(ctx: Context, said: str, cand: Candidate, truth: bool) -> tuple[str, str]:
    """How a statement words the stance it claims: a true statement of support says the clause's own verb
    (« sont favorables à » is not « accueillent favorablement »); the others the phrasebook's."""
    if truth and cand.known.key in SAID_BY_ACT:
        return SAID_BY_ACT[cand.known.key]
    if said == "support":
        if truth and cand.known.present_3pl:
            return cand.known.present_3pl, cand.known.construction
        return ctx.rng("truefalse-support", cand.act.clause, cand.act.index).choice(SUPPORT_CLAIMS)
    if said == "decided":
        return ("signent" if signable(cand.noun) else "adoptent", "direct")
    return SAID[said]


def tempting(ctx: Context, cand: Candidate) -> bool:
    """Whether a true/false statement on this act makes a reader think: what could have been decided (a
    proposal only noted looks adopted), or a clause that notes or fears one thing and welcomes, condemns or
    decides another (II.13: concern at the escalation, condemnation of the actions in Gaza). A lone welcome or
    condemnation ("the SCO is in favour of peace") is answered without reading: not asked. « Ne font que »
    is not claimed where the same sentence has another act of theirs (they do more there)."""
    acts = ctx.meaning.clause_acts(cand.act.clause)
    stances = {stance(k) for a in acts if (k := ctx.meaning.acts.get(a.act)) is not None} - {""}
    return decidable(cand.noun) or bool(stances & {"noted", "concern"} and stances - {"noted", "concern"})


_TWO_NOUNS = re.compile(r" et (?:l’|le |la |les |un |une )")


def breaks_coordination(cand: Candidate, claimed: str) -> bool:
    """Two objects joined by « et » ("l’Accord sur … et l’Accord sur …") taken from a direct verb cannot take
    a verb built with « de » or « à » without repeating it (« prendre note de l’Accord … et de l’Accord »):
    such a claim is not made."""
    said = SAID.get(claimed, ("", "direct"))[1]
    return said != "direct" and cand.known.construction == "direct" and bool(_TWO_NOUNS.search(cand.noun))


def alone_in_sentence(ctx: Context, cand: Candidate) -> bool:
    return not any(a.index != cand.act.index and a.sentence.start == cand.act.sentence.start
                   and a.actor in ACTORS for a in ctx.meaning.clause_acts(cand.act.clause))


def generate(ctx: Context) -> list[Question]:
    planned = plan(ctx)
    questions = []
    for cand in candidates(ctx, "truefalse"):
        act = cand.act
        if (act.clause, act.index) not in planned:
            skipped(ctx, "truefalse", "not-tempting-or-would-tip-the-balance")
            continue
        claimed = planned[(act.clause, act.index)]
        truth = claimed == cand.stance
        facts: list[Fact] = [ActFact(act.clause, act.index, cand.known.key, True, act.actor, act.object.text)]
        if not truth:
            facts += wrong_facts(ctx, cand, (claimed,))
        questions.append(_question(ctx, cand, truth, claimed, tuple(facts)))
    return questions


def _question(ctx: Context, cand: Candidate, truth: bool, claimed: str, facts: tuple[Fact, ...]) -> Question:
    act = cand.act
    clause = ctx.corpus.clause(act.clause)
    verb, construction = wording(ctx, claimed, cand, truth)
    def stated(noun: str) -> str:
        article, rest = split_article(noun)
        return f"{cand.actor} {joined(worded(verb, construction, article), rest)}"

    statement = stated(cand.noun)
    verdict = "Vrai" if truth else "Faux"
    # A true statement needs no contrast ("un soutien, qui n’est pas une décision" answers nothing asked).
    gloss = GLOSS[cand.stance].split(", qui ")[0] if truth else GLOSS[cand.stance]
    why = f"{verdict} : la clause dit « {verb_quoted(cand)} », soit {gloss}."
    sentence = act.sentence.text.strip()
    prompt = f"Vrai ou faux ? D’après {ctx.work.short} (§ {clause.id}), {statement}."
    # Kahoot shows « Vrai » and « Faux » as the answers: the short form is the statement alone, without the
    # clause number (the other formats cite it).
    brief = short_object(cand.noun, SHORT_LIMIT - len(stated("")) - 2)
    short = f"{capital(stated(brief))}." if brief else ""
    spans = Context.spans_within(clause, act.object.start, act.object.end)
    return make_question(
        kind="truefalse", form="truefalse", prompt=prompt, options=(TRUE, FALSE), answers=(0 if truth else 1,),
        short_prompt=short if len(short) <= SHORT_LIMIT else "", citations=(ctx.cite(clause, sentence),),
        feedback=ctx.feedback(why, clause, sentence), difficulty=2, themes=clause.themes,
        actors=ctx.actors(spans), shuffle=False, asks=frozenset({f"act:{clause.id}:{act.index}"}),
        shows=Context.keys(spans), evidence=(f"{act.verb.text} {' '.join(act.object.text.split()[:4])}",),
        facts=facts)
