"""What it is for: which of the glossary's definitions fits a body named in scope (corpus v2
``entities.org.*.definition``). Nothing is invented: an option is a glossary definition as the glossary
writes it, or its first statement up to a semicolon when what follows says what the declaration does with
the body ("… ; la déclaration note sa première réunion (§ III.13)"), without its final full stop.

The key's definition must say what the body is (a definition that only says what the declaration says of
it, or that names the Tianjin summit, is not a definition a student can be asked for: it may fit a sibling
too — both the Universal Centre's and the Anti-drug Centre's agreements were signed at Tianjin). The
distractors are definitions of bodies of the same sub-type (a UN organ against UN organs), never of an
alias, part or whole of the key, the nearest in length first. A body whose full name shares a word with its
definition (« Conseil d’affaires » → « milieux d’affaires ») is named by its acronym when it has one, else
not asked; no definition may name the key or one of its aliases.
"""

from __future__ import annotations

import re
from collections import Counter

from quizgen.french import realise, starts_with_vowel
from quizgen.generate.context import Context
from quizgen.generate.who import FEMININE, word_clue
from quizgen.meaning import Entity, Meaning
from quizgen.question import EntityFact, Question, TagFact, TextFact, make_question

#: Sub-types whose bodies have a function one can ask for (treaties and initiatives are not bodies).
SUBTYPES = ("un-organ", "sco-body", "bank-fund", "organisation")
#: Sub-types that gather unlike bodies: distractors must be defined as the same kind of thing.
LOOSE = ("organisation",)
#: Words that tie a definition to the declaration or to the summit rather than to the body itself.
_ABOUT_THE_TEXT = re.compile(r"déclaration|\(§|Tianjin|sommet", re.IGNORECASE)


def _names(meaning: Meaning, entity: Entity) -> list[str]:
    """The words that name an entity: its key, label and acronym, and those of its aliases (same_as);
    not its wholes (every SCO body's definition says « de l’OCS », which gives nothing away)."""
    out = []
    for other in meaning.entities.get("org", {}).values():
        if other.key == entity.key or other.key in entity.same_as or entity.key in other.same_as:
            out += [other.key, other.label, other.acronym]
    return [n for n in out if len(n) >= 3]


#: What makes a definition say what a body is *for* (its function), not only when and where it was set up:
#: the engine's fixed list of the glossary's own turns of phrase.
_FUNCTION = re.compile(
    r"\b(?:chargée?s?|consacrée?s?|responsable|pour (?:la|le|les|l’|financer)|qui (?:veille|réunit|fixe|"
    r"interdit|organise|proposent)|réunissant|où chaque|administratif|de coopération|de recherche|d’analyse)\b")
_ASIDE = re.compile(r" \([^()]*\)")


def definition(entity: Entity) -> str:
    """The glossary's definition as an option: its first statements (cut at « ; »), as few as say what the
    body is for, without asides in parentheses or the final full stop; "" when none says it, or when what
    it says is about the text or the summit (then it may fit a sibling as well)."""
    statements = [_ASIDE.sub("", s).strip().rstrip(".") for s in entity.definition.split(" ; ")]
    for n in range(1, len(statements) + 1):
        text = " ; ".join(statements[:n])
        if _ABOUT_THE_TEXT.search(text):
            return ""
        if _FUNCTION.search(text):
            return text
    return ""


def _named(meaning: Meaning, entity: Entity, text: str) -> bool:
    return any(n.casefold() in text.casefold() for n in _names(meaning, entity))


def _called(entity: Entity, defined: str, others: list[str]) -> str:
    """How the prompt names the body: its full name, or its acronym when the full name shares a word with
    its definition that no other option has; "" when it has no acronym to hide that word behind."""
    for name in (entity.label, entity.acronym):
        if name and not name.startswith("«") and not word_clue(defined, others, name):
            det = "l’" if starts_with_vowel(name) else "la" if entity.label.split(" ", 1)[0] in FEMININE else "le"
            return realise("à", det, name) or ""
    return ""


def _skip(ctx: Context, reason: str) -> None:
    """Count a body this family could not ask about (reported with the pool's refusals)."""
    counter = ctx.cache.setdefault("skipped", Counter())
    counter[f"purpose:{reason}"] += 1


#: Kahoot's limits: a question of 120 characters, answers of 75.
SHORT_LIMIT, NAME_LIMIT = 120, 75


def short_form(key: Entity, defined: str, wrong: list[Entity]) -> tuple[str, tuple[str, ...]]:
    """The same question the other way round, for formats whose answers are short (Kahoot): the key's
    definition asked, the four bodies' names as options (option i names the body of definition i). None
    (``("", ())``) when it does not fit, or when a name shares a word with the definition (« antiterroriste »
    against « terrorisme »: the name would give the answer)."""
    bodies = (key, *wrong)
    # All by acronym, or all by full name: the only acronym among names would point at itself.
    names = tuple(e.acronym for e in bodies) if all(e.acronym for e in bodies) else tuple(e.label for e in bodies)
    prompt = f"{defined} : lequel ?"
    if len(prompt) > SHORT_LIMIT or any(len(n) > NAME_LIMIT for n in names) or len(set(names)) < len(names):
        return "", ()
    if word_clue(names[0], list(names[1:]), defined):
        return "", ()
    return prompt, names


def generate(ctx: Context) -> list[Question]:
    meaning = ctx.meaning
    orgs = meaning.entities.get("org", {})
    questions = []
    seen: set[str] = set()
    for clause in ctx.scope:
        for span in clause.spans_of("org"):
            key = orgs.get(span.value)
            if key is None or key.key in seen or key.subtype not in SUBTYPES:
                continue
            seen.add(key.key)
            defined = definition(key)
            if not defined or _named(meaning, key, defined):
                _skip(ctx, "definition-names-the-key" if defined else "no-definition-of-what-it-is-for")
                continue
            candidates = [(e, definition(e)) for e in orgs.values() if e.subtype == key.subtype
                          and e.key != key.key and not meaning.related("org", e.key, key.key)]
            candidates = [(e, d) for e, d in candidates if d and not _named(meaning, key, d)]
            # Definitions of the same kind first (an « Organe … » against « Organe … »: the General Assembly
            # against the Security Council), then the closest in length: neither form nor length points at the key.
            head = defined.split(" ", 1)[0]
            # A body whose name is too long for a short answer comes last, so that the question keeps a Kahoot form.
            candidates.sort(key=lambda p: (p[1].split(" ", 1)[0] != head, len(p[0].label) > NAME_LIMIT,
                                           abs(len(p[1]) - len(defined)), p[0].key))
            if key.subtype in LOOSE:
                # A catch-all sub-type (a regional grouping, an institute, a watchdog, a centre…): only a
                # definition of the same kind is a plausible distractor (an « Organisation … » for an ASEAN).
                candidates = [(e, d) for e, d in candidates if d.split(" ", 1)[0] == head]
            if len(candidates) < 3:
                _skip(ctx, "fewer-than-3-definitions-of-the-subtype")
                continue
            wrong = candidates[:3]
            called = _called(key, defined, [d for _, d in wrong])
            if not called:
                _skip(ctx, "name-gives-the-definition-away")
                continue
            prompt = f"D’après le glossaire, quelle définition convient {called} (§ {clause.id}) ?"
            short, names = short_form(key, defined, [e for e, _ in wrong])
            questions.append(make_question(
                kind="purpose", form="choice", prompt=prompt,
                options=(defined, *(d for _, d in wrong)), answers=(0,),
                short_prompt=short, short_options=names,
                citations=(ctx.cite(clause, span.text),),
                feedback=(f"{key.label} : « {key.definition.rstrip('.')} » (glossaire). "
                          f"{ctx.work.short_capital} la nomme au § {clause.id}." if key.label.split(" ", 1)[0]
                          in FEMININE else
                          f"{key.label} : « {key.definition.rstrip('.')} » (glossaire). "
                          f"{ctx.work.short_capital} le nomme au § {clause.id}."),
                difficulty=2, themes=clause.themes, actors=(key.key,),
                asks=frozenset({f"definition:{key.key}"}), shows=frozenset({f"org:{key.key}"}),
                evidence=(defined,),
                facts=(TagFact("org", key.key, clause.id, True),
                       TextFact(span.text, clause.id, True),
                       EntityFact("org", key.key, "definition", key.definition, True),
                       *(EntityFact("org", e.key, "definition", key.definition, False, key.key) for e, _ in wrong)),
            ))
    return questions
