"""Who: which state or body does what a clause says (holds, hosts, receives, signs…), and which member state
is absent from a list of states — computed from the spans and the acts (corpus v2).

- *absent*: a sentence names four or more member states (vocabulary ``member = true``) and an act of the
  sentence says what they do; the question asks which member is not among them. The key is a member the
  sentence does not name (and whose name does not stand in the sentence in another form: the author of
  « l'initiative chinoise » is not asked as absent); the distractors are members the sentence names.
- *actor*: an act whose actor is one state or one body: "quel État assurera la présidence… ?"; the
  distractors are other states (members first) or bodies of the same sub-type, none named in the clause,
  none an alias, part or whole of the key.
"""

from __future__ import annotations

from quizgen.french import sentences
from quizgen.generate.authored import read as read_authored
from quizgen.generate.context import Context
from quizgen.meaning import ClauseAct
from quizgen.question import ActFact, EntityFact, Question, TagFact, make_question

#: A list shorter than this is not a list of members one could miss.
LIST_MIN = 4


def generate(ctx: Context) -> list[Question]:
    return [*_absent(ctx), *_actors(ctx)]


def _authored_keys(ctx: Context) -> set[tuple[str, str]]:
    """(clause, answer) pairs the teachers already ask: not generated a second time."""
    questions, _ = read_authored(ctx.corpus)
    return {(c, t.casefold()) for q in questions for c in q.clauses for t in q.answer_texts}


def _absent(ctx: Context) -> list[Question]:
    members = ctx.meaning.members()
    if len(members) < LIST_MIN + 1:
        return []
    taught = _authored_keys(ctx)
    questions = []
    for clause in ctx.scope:
        acts = ctx.meaning.clause_acts(clause)
        for s, e in sentences(clause.text):
            named = sorted({sp.value for sp in clause.spans
                            if sp.type == "state" and s <= sp.start and sp.end <= e and sp.value in members})
            if len(named) < LIST_MIN:
                continue
            text = clause.text[s:e].casefold()
            absent = [m for m in members if m not in named
                      and _label(ctx, m).casefold()[:4] not in text]
            # The list must be the act's actor (A1's "listed": the states named before the verb), not, say,
            # the host countries of centres named in parentheses in the object.
            act = next((a for a in acts if s <= a.verb.start and a.verb.end <= e and a.actor == "listed"
                        and a.act in ctx.meaning.acts and ctx.meaning.acts[a.act].present_3pl), None)
            if not absent or act is None:
                continue
            key = absent[0]
            if any((clause.id, f) in taught for f in (_label(ctx, key).casefold(),
                                                       _with_article(_label(ctx, key)).casefold())):
                continue
            rng = ctx.rng("who-absent", clause.id, s)
            wrong = rng.sample(named, 3)
            verb = ctx.meaning.acts[act.act].present_3pl
            sentence = clause.text[s:e].strip()
            prompt = (f"D’après {ctx.work.short} (§ {clause.id}), quel État membre ne figure pas parmi ceux "
                      f"qui {verb} {act.object.text} ?")
            listed = ", ".join(_label(ctx, v) for v in named)
            questions.append(make_question(
                kind="who", form="choice", prompt=prompt,
                options=tuple(_label(ctx, v) for v in (key, *wrong)), answers=(0,),
                citations=(ctx.cite(clause, sentence),),
                feedback=ctx.feedback(f"Réponse : {_label(ctx, key)}. La clause ne nomme que ces États membres : "
                                      f"{listed}.", clause, sentence),
                difficulty=3, themes=clause.themes, actors=tuple(sorted({key, *named})),
                asks=frozenset({f"absent:{clause.id}:{s}"}),
                evidence=(sentence[:60],),
                facts=(TagFact("state", key, clause.id, False, within=clause.text[s:e]),
                       *(TagFact("state", v, clause.id, True, within=clause.text[s:e]) for v in wrong)),
            ))
    return questions


def _label(ctx: Context, state: str) -> str:
    entity = ctx.meaning.entity("state", state)
    return entity.label if entity else ctx.label("state", state)


def _with_article(label: str) -> str:
    return f"L’{label}" if label[:1] in "AEIOUÉ" else label


def _actors(ctx: Context) -> list[Question]:
    questions = []
    for clause in ctx.scope:
        for act in ctx.meaning.clause_acts(clause):
            q = _actor_question(ctx, clause, act)
            if q is not None:
                questions.append(q)
    return questions


def _actor_question(ctx: Context, clause, act: ClauseAct) -> Question | None:  # type: ignore[no-untyped-def]
    meaning = ctx.meaning
    kind = "state" if meaning.entity("state", act.actor) else "org" if meaning.entity("org", act.actor) else ""
    if not kind or act.actor == "members":
        return None
    # An active verb after its actor ("La République kirghize assurera…"), not a passive sentence
    # whose subject is the object ("Une déclaration du Conseil … a été adoptée").
    if "été" in act.verb.text.split() or act.object.start < act.verb.start or act.verb.text[:1].isupper():
        return None
    key = meaning.entity(kind, act.actor)
    assert key is not None
    named = {sp.value for sp in clause.spans if sp.type == kind}
    if kind == "state":
        pool = [e for e in meaning.entities.get("state", {}).values() if e.member == key.member]
        word = "quel État"
    else:
        pool = [e for e in meaning.entities.get("org", {}).values() if e.subtype == key.subtype]
        word = "quel organisme"
    pool = sorted((e for e in pool if e.key not in named and not meaning.related(kind, e.key, key.key)),
                  key=lambda e: e.key)
    if len(pool) < 3:
        return None
    rng = ctx.rng("who-actor", clause.id, act.index)
    wrong = rng.sample(pool, 3)
    sentence = act.sentence.text.strip()
    prompt = f"D’après {ctx.work.short} (§ {clause.id}), {word} {act.verb.text} {act.object.text} ?"
    return make_question(
        kind="who", form="choice", prompt=prompt,
        options=tuple(e.label for e in (key, *wrong)), answers=(0,),
        citations=(ctx.cite(clause, sentence),),
        feedback=ctx.feedback(f"Réponse : {key.label}.", clause, sentence), difficulty=2, themes=clause.themes,
        actors=(key.key,), asks=frozenset({f"{kind}:{key.key}", f"act:{clause.id}:{act.index}"}),
        evidence=(f"{act.verb.text} {act.object.text}",),
        facts=(ActFact(clause.id, act.index, act.act, True, act.actor, act.object.text),
               *(EntityFact(kind, e.key, "label", key.label, False, key.key) for e in wrong),
               *(TagFact(kind, e.key, clause.id, False) for e in wrong)),
    )
