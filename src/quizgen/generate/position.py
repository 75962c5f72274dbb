"""Position and decided-or-noted: what stance the member states take on a named object, and with what force.

Both families read the clause's acts (corpus v2): the key is the act the clause tags, the distractors are
other acts of the scale, each from another rung (group) and of the same polarity side, worded for the
object with correct French ("prennent note de la proposition", "appellent au renforcement", "saluent les
efforts"). A distractor is kept only when the tags prove it wrong: no act of that kind by the same actor
bears on the same object, or on the same named thing, anywhere in the corpus (:class:`ActFact`).

A passage is never cut: the stem is the act's own sentence rewritten as "Les États membres _____ <object>",
with the object verbatim (never cut inside « »), so a pronoun subject ("Ils") or an opening connective ("À
cet égard, ils…") is replaced by the actor's name, and nothing else of the sentence is needed to answer.
"""

from __future__ import annotations

import re
from collections import Counter

from quizgen.generate.context import Context
from quizgen.guards import fact_problem
from quizgen.meaning import ClauseAct, direct_form, joined, same_object, split_article, worded
from quizgen.question import BLANK, ActFact, Question, make_question
from quizgen.text_checks import anaphoric
from quizgen.vocabulary import Act as ActDef

#: Head nouns of what can be adopted, signed, approved or decided: only these get a "decided" distractor
#: or a false "they adopt/sign…" statement ("signent les efforts" would be nonsense, not a distractor).
DECIDABLE = ("accord", "accords", "programme", "programmes", "plan", "plans", "déclaration", "déclarations",
             "convention", "conventions", "résolution", "résolutions", "stratégie", "stratégies", "feuille",
             "concept", "règlement", "mémorandum", "décision", "décisions", "protocole", "document",
             "documents", "proposition", "propositions", "initiative", "initiatives", "projet", "projets",
             "traité", "charte", "statut", "budget", "calendrier")
#: Objects that only "souligner" or "reconnaître" take ("l’importance de…"): no stance to ask about.
NOT_A_STANCE = ("l’importance", "la nécessité", "le rôle", "la contribution", "l’utilité", "la pertinence")
#: A coordination that repeats the preposition ("des activités… et de la proposition…"): another verb's
#: construction would break it.
_COORDINATED = re.compile(r"(?:,| et| ou) (?:de la|du|des|de l’|d’|à la|au|aux|à l’|à) ")


def _head(noun_phrase: str) -> str:
    words = noun_phrase.replace("’", "’ ").split()
    return words[1].casefold().strip(",") if len(words) > 1 else ""


def decidable(noun_phrase: str) -> bool:
    return _head(noun_phrase) in DECIDABLE


def fits(act: ActDef, noun_phrase: str) -> bool:
    """Whether ``act`` makes sense with this object as a distractor or a false statement."""
    if act.decided and not decidable(noun_phrase):
        return False
    return not (act.label.startswith("signer") and _head(noun_phrase) not in SIGNABLE)

#: The longest prompt every export format takes as it is (Kahoot's limit), for ``short_prompt``.
SHORT_LIMIT = 120
#: Objects longer than this make stems a student cannot take in at once.
OBJECT_LIMIT = 170
#: Acts whose wording does not take a noun phrase as a distractor could (an infinitive, a clause, a
#: plural agreement), or that state a fact rather than a stance.
NOT_NOMINAL = ("décider", "s’engager", "s'engager", "continuer", "estimer", "considérer", "convenir",
               "se déclarer", "charger", "demander", "noter", "être prêt", "s’efforcer", "s'efforcer",
               "avoir pour objectif", "déclarer", "constater", "exprimer ses condoléances", "exprimer leurs",
               "juger inacceptable", "exprimer des condoléances", "exprimer sa sympathie", "souligner",
               "estimer", "reconnaître", "réaffirmer", "confirmer")

#: Decided or only noted: what the member states' act amounts to, one answer per rung family.
STATUS = {  # of like lengths, the key's family never the longest: length gives nothing away
    "decided": "Ils le décident : adopté, signé ou approuvé",
    "noted": "Ils en prennent seulement note, sans plus",
    "welcomed": "Ils le saluent ou le soutiennent, sans décider",
    "called": "Ils y appellent, sans le décider eux-mêmes",
    "committed": "Ils s’engagent à le poursuivre ou à le mettre en œuvre",
    "opposed": "Ils le condamnent ou déclarent s’y opposer fermement",
}
#: The wrong families offered against each key family: clearly another force, never a near neighbour
#: (supporting something and calling for it are too close to tell apart fairly).
AGAINST = {"decided": ("noted", "welcomed", "called"), "noted": ("decided", "welcomed", "committed"),
           "welcomed": ("decided", "noted", "opposed")}
#: The acts a false statement may claim: plain, with no tense or nuance of their own ("préconiser" a past
#: meeting would be odd French, not a false statement).
PLAIN_CLAIMS = ("saluer", "soutenir", "adopter", "approuver", "prendre note")
#: Head nouns that name a decision themselves ("la décision d’accorder…", "l’adoption de…"): welcoming
#: them and deciding them cannot be told apart fairly.
DECISION_NOUNS = ("décision", "décisions", "adoption", "signature", "approbation", "création", "octroi")
#: What can be signed (an agreement), as against what can only be adopted (a programme, a proposal).
SIGNABLE = ("accord", "accords", "convention", "conventions", "traité", "mémorandum", "protocole",
            "déclaration", "déclarations", "document", "documents", "charte")


def generate(ctx: Context) -> list[Question]:
    return _position(ctx)


def generate_decided(ctx: Context) -> list[Question]:
    return _decided(ctx)


def nominal(act: ActDef) -> bool:
    return bool(act.present_3pl) and not act.label.startswith(NOT_NOMINAL)


def status_of(act: ActDef) -> str:
    """The family of an act for the decided-or-noted question."""
    label = act.label
    if act.decided:
        return "decided"
    if act.polarity == "negative":
        return "opposed"
    if label.startswith("prendre note"):
        return "noted"
    if label.startswith(("saluer", "se félicit", "soutenir", "appuyer", "être favorable", "accueillir",
                         "apprécier", "se prononcer", "préconiser")):
        return "welcomed"
    if label.startswith(("appeler", "exhorter", "souligner", "insister", "encourager", "demander")):
        return "called"
    if label.startswith(("s’engager", "s'engager", "continuer", "poursuivre", "mettre en œuvre",
                         "réaffirmer", "renforcer", "développer")):
        return "committed"
    return ""


_SUBJECT = re.compile(r"\bÉtats membres\b|\b[Ii]ls\b")


def by_members(ctx: Context, act: ClauseAct) -> bool:
    """The act is the member states': so tagged, and its sentence says so before the verb ("Les États
    membres …", "Ils …") — not a list of some states ("La Biélorussie, l’Iran… réaffirmant…")."""
    clause = ctx.corpus.clause(act.clause)
    before = clause.text[act.sentence.start:act.verb.end]
    return act.actor == "members" and bool(_SUBJECT.search(before))


def repertoire(ctx: Context) -> set[str]:
    """The acts the member states use somewhere in the corpus: distractors come from these only."""
    key = ("members-repertoire",)
    if key not in ctx.cache:
        ctx.cache[key] = {a.act for a in ctx.meaning.all_acts() if a.actor == "members"}
    found: set[str] = ctx.cache[key]
    return found


def why_not(ctx: Context, act: ClauseAct) -> str:
    """Why an act cannot be asked about ("" when it can): the guards of the act families, by name."""
    known = ctx.meaning.acts.get(act.act)
    obj = act.object.text
    if known is None or known.group == "Constater":
        return "act-states-a-fact"
    if not by_members(ctx, act):
        return "actor-not-the-member-states"
    if not nominal(known):
        return "act-takes-no-noun"
    noun = direct_form(obj, known.construction)
    if noun is None:
        return "object-not-a-noun-phrase"
    if noun.startswith(NOT_A_STANCE):
        return "object-importance-of"
    if anaphoric(obj):
        return "object-anaphora"
    if _COORDINATED.search(obj):
        return "object-coordination"
    if not 12 <= len(obj) <= OBJECT_LIMIT or obj.rstrip().endswith((",", ";", ":")):
        return "object-too-long"
    if obj.count("«") != obj.count("»"):
        return "object-unbalanced"
    return ""


def askable(ctx: Context, act: ClauseAct) -> bool:
    """An act of the member states on a noun-phrase object short enough to be read in a stem."""
    return not why_not(ctx, act)


def skipped(ctx: Context, family: str, reason: str) -> None:
    """Count a candidate a family's own guard refused (reported with the pool's refusals)."""
    counter = ctx.cache.setdefault("skipped", Counter())
    counter[f"{family}:{reason}"] += 1


def _wrong_acts(ctx: Context, act: ClauseAct, side: set[str], rng_key: tuple[object, ...]) -> list[ActDef]:
    """Acts of other rungs, on the key's side of the scale, each proven wrong for this object."""
    key = ctx.meaning.acts[act.act]
    taken_groups = {key.group}
    noun = direct_form(act.object.text, key.construction) or ""
    can_decide = decidable(noun)
    candidates = sorted((a for a in ctx.meaning.acts.values()
                         if a.key != key.key and nominal(a) and a.polarity in side
                         and a.key in repertoire(ctx) and (can_decide or not a.decided) and fits(a, noun)),
                        key=lambda a: (abs(a.force - key.force), a.key))
    rng = ctx.rng(*rng_key)
    rng.shuffle(candidates)
    chosen: list[ActDef] = []
    for other in candidates:
        if other.group in taken_groups or other.present_3pl == key.present_3pl:
            continue
        fact = ActFact(act.clause, act.index, other.key, False, act.actor, act.object.text)
        if fact_problem(fact, ctx.index):
            continue
        chosen.append(other)
        taken_groups.add(other.group)
        if len(chosen) == 3:
            break
    return chosen


def _evidence(act: ClauseAct) -> tuple[str, ...]:
    """The clause's words that give the act away: its verb before the start of its object."""
    return (f"{act.verb.text} {' '.join(act.object.text.split()[:4])}",)


def _position(ctx: Context) -> list[Question]:
    questions = []
    for clause in ctx.scope:
        for act in ctx.meaning.clause_acts(clause):
            reason = why_not(ctx, act)
            if reason:
                skipped(ctx, "position", reason)
                continue
            key = ctx.meaning.acts[act.act]
            side = {"negative"} if key.polarity == "negative" else {"positive", "neutral"}
            wrong = _wrong_acts(ctx, act, side, ("position", clause.id, act.index))
            if len(wrong) < 3:
                skipped(ctx, "position", "fewer-than-3-acts-proven-wrong")
                continue
            noun = direct_form(act.object.text, key.construction)
            assert noun is not None
            article, rest = split_article(noun)
            if article == "des":  # an indefinite plural: "prennent note d’efforts" would need elision
                continue
            options = tuple(worded(a.present_3pl, a.construction, article) for a in (key, *wrong))
            if len(set(options)) < 4:
                continue
            actor = ctx.meaning.actors.get(act.actor, "les États membres")
            subject = actor[:1].upper() + actor[1:]
            sentence = act.sentence.text.strip()
            prompt = (f"D’après {ctx.work.short} (§ {clause.id}), quelle position les "
                      f"{actor.removeprefix('les ')} prennent-ils ? Complétez avec le verbe du texte : "
                      f"{subject} {BLANK} {rest}.")
            right = joined(options[0], rest)
            why = (f"Le verbe de la clause, « {act.verb.text} », est de l’ordre de « {key.group.lower()} » : "
                   f"ni {wrong[0].label}, ni {wrong[1].label}, ni {wrong[2].label}.")
            short = f"§ {clause.id} — {subject} {BLANK} {rest}."
            questions.append(make_question(
                kind="position", form="choice", prompt=prompt, options=options, answers=(0,),
                short_prompt=short if len(short) <= SHORT_LIMIT else "",
                citations=(ctx.cite(clause, sentence),),
                feedback=ctx.feedback(f"{subject} {right}. {why}", clause, sentence),
                difficulty=2, themes=clause.themes,
                actors=ctx.actors(Context.spans_within(clause, act.object.start, act.object.end)),
                asks=frozenset({f"act:{clause.id}:{act.index}"}),
                shows=Context.keys(Context.spans_within(clause, act.object.start, act.object.end)),
                evidence=_evidence(act),
                facts=(ActFact(clause.id, act.index, key.key, True, act.actor, act.object.text),
                       *(ActFact(clause.id, act.index, a.key, False, act.actor, act.object.text)
                         for a in wrong)),
            ))
    return questions


def _decided(ctx: Context) -> list[Question]:
    questions = []
    for clause in ctx.scope:
        for act in ctx.meaning.clause_acts(clause):
            known = ctx.meaning.acts.get(act.act)
            if known is None or not by_members(ctx, act):
                continue
            noun = direct_form(act.object.text, known.construction)
            if noun is None:
                continue
            obj = noun
            if (not 12 <= len(obj) <= OBJECT_LIMIT or obj.count("«") != obj.count("»")
                    or obj.startswith(NOT_A_STANCE) or anaphoric(obj)):
                continue
            status = status_of(known)
            # Asked only where the difference matters: decided, or only noted / welcomed (not decided).
            if status not in ("decided", "noted", "welcomed"):
                continue
            if status != "decided" and _head(obj) in DECISION_NOUNS:
                continue
            # "They welcome the results of the festival" against "they decide it" teaches nothing and
            # would make "welcomed" the usual key: a welcome is asked only on what could have been decided.
            if status == "welcomed" and not decidable(obj):
                continue
            if _COORDINATED.search(act.object.text) or anaphoric(act.object.text):
                continue
            wrong = list(AGAINST[status])
            # The other families must be wrong: no act of theirs by the same actor on this object.
            if any(_same(a.object.text, act.object.text) and (a.clause, a.index) != (act.clause, act.index)
                   for other in ctx.meaning.acts.values() if status_of(other) in wrong
                   for a in ctx.index.acts_of(other.key, act.actor)):
                continue
            sentence = act.sentence.text.strip()
            actor = ctx.meaning.actors.get(act.actor, "les États membres")
            prompt = (f"D’après {ctx.work.short} (§ {clause.id}), que font les "
                      f"{actor.removeprefix('les ')} de ce qui suit : « {obj} » ?")
            verdict = {"decided": f"C’est une décision : « {act.verb.text} ».",
                       "noted": f"Ils en prennent seulement note : « {act.verb.text} » n’engage à rien.",
                       "welcomed": f"Ils l’accueillent favorablement (« {act.verb.text} »), sans rien décider."
                       }[status]
            short = f"§ {clause.id} : que font les États membres de « {obj} » ?"
            questions.append(make_question(
                kind="decided", form="choice", prompt=prompt,
                short_prompt=short if len(short) <= SHORT_LIMIT else "",
                options=tuple(STATUS[s] for s in (status, *wrong)), answers=(0,),
                citations=(ctx.cite(clause, sentence),),
                feedback=ctx.feedback(verdict, clause, sentence), difficulty=2, themes=clause.themes,
                actors=ctx.actors(Context.spans_within(clause, act.object.start, act.object.end)),
                asks=frozenset({f"act:{clause.id}:{act.index}"}),
                shows=Context.keys(Context.spans_within(clause, act.object.start, act.object.end)),
                evidence=_evidence(act),
                facts=(ActFact(clause.id, act.index, known.key, True, act.actor, act.object.text),),
            ))
    return questions


def _same(a: str, b: str) -> bool:
    return same_object(a, b)


# --- true or false: the clause's act, or another act of clearly different force ----------------------------

def statements(ctx: Context) -> list[Question]:
    """One true/false statement per askable act: true as tagged, or false with an act of another family
    (decided ↔ only noted ↔ welcomed), chosen by a seeded draw, the false act proven wrong by the tags."""
    from quizgen.question import FALSE, TRUE

    questions = []
    by_status: dict[str, list[ActDef]] = {}
    for a in ctx.meaning.acts.values():
        if nominal(a) and a.key in repertoire(ctx) and status_of(a):
            by_status.setdefault(status_of(a), []).append(a)
    for clause in ctx.scope:
        for act in ctx.meaning.clause_acts(clause):
            if not askable(ctx, act):
                continue
            key = ctx.meaning.acts[act.act]
            status = status_of(key)
            if status not in AGAINST or (status != "decided" and _head(direct_form(
                    act.object.text, key.construction) or "") in DECISION_NOUNS):
                continue
            rng = ctx.rng("truefalse-act", clause.id, act.index)
            noun = direct_form(act.object.text, key.construction)
            assert noun is not None
            article, rest = split_article(noun)
            actor = ctx.meaning.actors.get(act.actor, "les États membres")
            sentence = act.sentence.text.strip()
            said = key
            # False only by over- or under-stating the force, so that it is plainly false: a decision
            # claimed where they only noted or welcomed; "only noted" claimed where they decided.
            if status == "decided" or (status == "welcomed" and not decidable(noun)):
                against = ("noted",)  # "ne font que prendre note": understated
            elif status == "noted" and not decidable(noun):
                against = ("welcomed",)  # "soutiennent" what they only noted: overstated
            else:
                against = ("decided",)  # "adoptent" what they only noted or welcomed: overstated
            choices = sorted((a for s in against for a in by_status.get(s, []) if fits(a, noun)
                              and a.label.startswith(PLAIN_CLAIMS)), key=lambda a: a.key)
            choices = [a for a in choices if not fact_problem(
                ActFact(clause.id, act.index, a.key, False, act.actor, act.object.text), ctx.index)]
            # Many acts cannot be stated falsely with a plain verb: where one can, the statement is false
            # three times in four, and an act that cannot is mostly left out, so that the bank holds about
            # as many "Faux" as "Vrai" (answering "Vrai" every time must not pay).
            if not choices and rng.random() < 0.75:
                continue  # mostly left out: true statements would outnumber false ones
            truth = not choices or rng.random() < 0.25
            if not truth:
                said = rng.choice(choices)
            verb = said.present_3pl
            if not truth and against == ("noted",):  # "prennent seulement note", "notent seulement"
                first, _, more = verb.partition(" ")
                verb = f"{first} seulement {more}".strip()
            claim = joined(worded(verb, said.construction, article), rest)
            statement = f"{actor[:1].upper()}{actor[1:]} {claim}."
            verdict = (f"Vrai : la clause dit « {act.verb.text} » ({key.group.lower()})." if truth else
                       f"Faux : la clause dit « {act.verb.text} » ({key.group.lower()}), ce qui n’est pas "
                       f"« {verb} ».")
            short = f"Vrai ou faux (§ {clause.id}) : {statement}"
            questions.append(make_question(
                kind="truefalse", form="truefalse",
                short_prompt=short if len(short) <= SHORT_LIMIT else "",
                prompt=f"Vrai ou faux ? D’après {ctx.work.short} (§ {clause.id}) : {statement}",
                options=(TRUE, FALSE), answers=(0 if truth else 1,), citations=(ctx.cite(clause, sentence),),
                feedback=ctx.feedback(verdict, clause, sentence), difficulty=2, themes=clause.themes,
                actors=ctx.actors(Context.spans_within(clause, act.object.start, act.object.end)), shuffle=False,
                asks=frozenset({f"act:{clause.id}:{act.index}"}),
                shows=Context.keys(Context.spans_within(clause, act.object.start, act.object.end)),
                evidence=_evidence(act),
                facts=(ActFact(clause.id, act.index, key.key, True, act.actor, act.object.text),
                       *(() if truth else (ActFact(clause.id, act.index, said.key, False, act.actor,
                                                   act.object.text),))),
            ))
    return questions
