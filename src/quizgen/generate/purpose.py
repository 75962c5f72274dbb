"""What it is for: the function of a body, a treaty or an initiative named in scope, from the glossary's
definitions (corpus v2 ``entities.org.*.definition``). Distractors are definitions of organisations of the
same sub-type (a treaty against treaties, a UN organ against UN organs), never of an alias, part or whole
of the key, the nearest in length first. No definition may name its own organisation (or the key): that
would give the answer, or a distractor, away by its words.
"""

from __future__ import annotations

import re

from quizgen.generate.context import Context
from quizgen.meaning import Entity, Meaning
from quizgen.question import EntityFact, Question, TagFact, make_question

SUBTYPE_WORD = {"treaty": "ce traité", "un-organ": "cet organe des Nations unies", "sco-body": "cet organe de l’OCS",
                "bank-fund": "cette institution financière", "initiative": "cette initiative",
                "organisation": "cette organisation", "meeting": "cette réunion", "un": "cette organisation"}


def _names(meaning: Meaning, entity: Entity) -> list[str]:
    """The words that name an entity or what it is related to (its key, its label, its aliases')."""
    out = []
    for other in meaning.entities.get("org", {}).values():
        if meaning.related("org", other.key, entity.key):
            out += [other.key, other.label]
    return [n for n in out if len(n) >= 3]


_CONTENT = re.compile(r"\w{4,}")
_COMMON = {"dans", "pour", "entre", "avec", "sont", "leur", "leurs", "dont", "elle", "mais", "plus", "tous",
           "toutes", "cette", "selon", "états", "membres"}


def _content(text: str) -> set[str]:
    return {w.casefold() for w in _CONTENT.findall(text)} - _COMMON


def _given_away(key: Entity, wrong: list[Entity]) -> bool:
    """The key's definition shares more words with the name asked than every distractor does: a student
    would match words, not know the body ("Union économique eurasiatique" → "Union économique …")."""
    name = _content(key.label)
    ours = name & _content(key.definition)
    theirs = set().union(*(_content(e.definition) for e in wrong))
    return bool(ours - theirs)


def _about_the_text(definition: str) -> bool:
    """A definition that says what the declaration says of a body, not what the body is for."""
    return "déclaration" in definition or "(§" in definition


def generate(ctx: Context) -> list[Question]:
    meaning = ctx.meaning
    orgs = meaning.entities.get("org", {})
    questions = []
    seen: set[str] = set()
    for clause in ctx.scope:
        for span in clause.spans_of("org"):
            key = orgs.get(span.value)
            if key is None or key.key in seen or not key.definition or key.subtype not in SUBTYPE_WORD:
                continue
            if _about_the_text(key.definition):
                continue
            names = _names(meaning, key)
            if any(n.casefold() in key.definition.casefold() for n in names):
                continue
            candidates = [e for e in orgs.values() if e.subtype == key.subtype and e.definition
                          and not _about_the_text(e.definition)
                          and not meaning.related("org", e.key, key.key)
                          and not any(n.casefold() in e.definition.casefold() for n in (*names, *_names(meaning, e)))]
            candidates.sort(key=lambda e: (abs(len(e.definition) - len(key.definition)), e.key))
            if len(candidates) < 3:
                continue
            rng = ctx.rng("purpose", key.key)
            wrong = rng.sample(candidates[:5], 3)
            seen.add(key.key)
            shown = f"{key.label} ({key.acronym})" if key.acronym and key.acronym not in key.label else key.label
            if _given_away(key, wrong):
                continue
            prompt = (f"Quelle définition le glossaire donne-t-il de : {shown} (cité {ctx.work.in_} au "
                      f"§ {clause.id}) ?")
            questions.append(make_question(
                kind="purpose", form="choice", prompt=prompt,
                options=tuple(e.definition for e in (key, *wrong)), answers=(0,),
                citations=(ctx.cite(clause, span.text),),
                feedback=(f"{key.label} : {key.definition} Voir le glossaire ; {ctx.work.short} le cite au "
                          f"§ {clause.id}."),
                difficulty=2, themes=clause.themes, actors=(key.key,),
                asks=frozenset({f"definition:{key.key}"}), shows=frozenset({f"org:{key.key}"}),
                evidence=(key.definition,),
                facts=(TagFact("org", key.key, clause.id, True),
                       EntityFact("org", key.key, "definition", key.definition, True),
                       *(EntityFact("org", e.key, "definition", key.definition, False, key.key) for e in wrong)),
            ))
    return questions
