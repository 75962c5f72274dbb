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

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from quizgen.corpus import Clause, Span
from quizgen.french import realise, sentences, starts_with_vowel
from quizgen.generate.authored import authored_in
from quizgen.generate.context import Context
from quizgen.meaning import ClauseAct
from quizgen.question import BLANK, ActFact, EntityFact, Question, TagFact, TextFact, make_question
from quizgen.text_checks import balanced

#: A list shorter than this is not a list of members one could miss.
LIST_MIN = 4
#: Kahoot's limit on a question's length, for ``short_prompt``.
SHORT_LIMIT = 120


def generate(ctx: Context) -> list[Question]:
    return [*_absent(ctx), *_actors(ctx), *_roles(ctx)]


def skipped(ctx: Context, reason: str, where: str = "") -> None:
    """Count a candidate this family's own guard refused (reported with the pool's refusals); the
    refusals themselves are kept, by reason, in ``ctx.cache["who-refused"]`` for tests and reports."""
    counter = ctx.cache.setdefault("skipped", Counter())
    counter[f"who:{reason}"] += 1
    if where:
        ctx.cache.setdefault("who-refused", []).append((reason, where))


def _authored_keys(ctx: Context) -> set[tuple[str, str]]:
    """(clause, answer) pairs the teachers already ask: not generated a second time."""
    questions = authored_in(ctx)
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


def _actor_question(ctx: Context, clause: Clause, act: ClauseAct) -> Question | None:
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


# --- roles: which state or body holds, receives or does what a clause says ---------------------------------

#: The words before a state or a body that give it a role worth asking, as the engine's fixed cues:
#: (role, span type, pattern on the sentence's text just before the phrase). Venues of past meetings,
#: states in parentheses after a city or a centre, and names in lists are not roles.
ROLE_CUES: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    ("presidency", "state", re.compile(r"\bprésidence(?: de l’OCS passe)?\s$")),
    ("target", "state", re.compile(r"\bfrappes\b[^.;]*\bcontre\s$")),
    ("bank", "state", re.compile(r"\bbanque mandatée\s$")),
    ("resolution", "org", re.compile(
        r"\brésolutions?(?: spéciale| pertinentes| \d+ \(\d{4}\)| adoptée chaque année par)?\s$")),
    ("role", "org", re.compile(r"\brôle (?:important |de premier plan |de coordination )?joué par\s$")),
    ("contribution", "org", re.compile(r"\bcontribution (?:pratique )?$")),
)
#: How a question names what it asks for, per span type and org sub-type.
ROLE_WORD = {"state": "Quel État", "un-organ": "Quel organisme des Nations unies", "sco-body": "Quel organe de l’OCS",
             "bank-fund": "Quelle institution financière", "organisation": "Quelle organisation",
             "treaty": "Quel traité", "initiative": "Quelle initiative"}
#: Head nouns of the feminine names (French grammar, not facts): gender must agree when a relative
#: clause follows the blank ("l’Union interbancaire (UIB), qui … est devenue").
FEMININE = {"Assemblée", "Organisation", "Union", "Banque", "Structure", "Université", "Association",
            "Convention", "Stratégie", "Charte", "République", "Fédération", "Commission", "Conférence"}
#: A sentence longer than this is too long to be read in a question (II.4 runs to 600 characters).
SENTENCE_LIMIT = 330
#: Options longer than this break Kahoot's limit: a body is then named by its acronym when it has one.
OPTION_LIMIT = 75
#: A relative clause or participle right after the blank agrees with the blanked noun.
_AGREES = re.compile(r"^\s*(?:\([^)]*\))?\s*,?\s*(?:qui|dont|laquelle|lequel)\b")
_WORDS = re.compile(r"\w{5,}")
#: Words shared by too many names to give one away.
_SHARED = {"nations", "organisation", "conseil", "république", "membres", "coopération", "international",
           "internationale", "centre", "islamique", "fédération"}


def _gender(noun: str, det: str) -> str:
    if det == "les":
        return "p"
    if det in ("la", "le"):
        return "f" if det == "la" else "m"
    return "f" if noun.split(" ", 1)[0] in FEMININE else "m"


def _stem(word: str) -> str:
    """A word without its plural and feminine endings: antiterroristes → antiterrorist, santé → santé."""
    return word.casefold().rstrip("sx").removesuffix("e")


#: Short proper names count too (« Asie » in « Association des nations de l’Asie du Sud-Est »).
_NAMES = re.compile(r"\b[A-ZÀ-Ý][\w-]{2,}")


def _stems(text: str) -> set[str]:
    words = {*_WORDS.findall(text), *_NAMES.findall(text)}
    return {_stem(w) for w in words} - {_stem(w) for w in _SHARED}


def _alike(a: str, b: str) -> bool:
    """Two stems of one word family: equal, or one holds the other's first seven letters
    (investisseur / investissement, antiterrorist / terrorism), never générale / générations."""
    if a == b:
        return True
    return len(a) >= 7 and len(b) >= 7 and (a[:7] in b or b[:7] in a)


def word_clue(key: str, others: Sequence[str], shown: str) -> bool:
    """The key shares a word (five letters or more, give or take a plural or feminine ending) with what the
    student reads, and no other option
    does: it can be found by matching words ("exercices antiterroristes" → la Structure … antiterroriste)."""
    seen = _stems(shown)
    ours = {k for k in _stems(key) if any(_alike(k, w) for w in seen)}
    theirs = set().union(*(_stems(o) for o in others)) if others else set()
    return any(not any(_alike(k, t) for t in theirs) for k in ours)


@dataclass(frozen=True)
class Form:
    """How an entity is written in the text: its article and its name (la | République kirghize); the
    entity's key is the key of the dict ``_forms`` returns."""

    det: str
    noun: str

    @property
    def gender(self) -> str:
        return _gender(self.noun, self.det)


def _forms(ctx: Context, kind: str) -> dict[str, Form]:
    """Each state's official name as the text writes it (« la République kirghize »: the longest span
    with its article), each body's label with its article; states the text never names in full (India,
    only in « Conseil indien ») have none and are never offered."""
    cached = ctx.cache.get(("who-forms", kind))
    if cached is not None:
        return cast(dict[str, Form], cached)
    forms: dict[str, Form] = {}
    if kind == "state":
        for occ in ctx.occurrences.get("state", []):
            det, noun = occ.phrase.np
            old = forms.get(occ.span.value)
            if det and (old is None or len(noun) > len(old.noun)):
                forms[occ.span.value] = Form(det, noun)
    else:
        for entity in ctx.meaning.entities.get("org", {}).values():
            noun = entity.label
            if len(noun) > OPTION_LIMIT - 8 and entity.acronym:
                noun = entity.acronym
            if noun.startswith("«"):
                continue
            det = "l’" if starts_with_vowel(noun) else "la" if noun.split(" ", 1)[0] in FEMININE else "le"
            forms[entity.key] = Form(det, noun)
    ctx.cache[("who-forms", kind)] = forms
    return forms


def _roles(ctx: Context) -> list[Question]:
    questions = []
    for clause in ctx.scope:
        asked: set[str] = set()
        for act in ctx.meaning.clause_acts(clause):
            for span in clause.spans:
                if span.type not in ("state", "org") or span.value in asked:
                    continue
                if not (act.object.start <= span.start and span.end <= act.object.end):
                    continue
                q = _role_question(ctx, clause, act, span)
                if q is not None:
                    asked.add(span.value)
                    questions.append(q)
    return questions


def _role_question(ctx: Context, clause: Clause, act: ClauseAct, span: Span) -> Question | None:
    meaning = ctx.meaning
    phrase = ctx.phrase(clause, span)
    s, e = act.sentence.start, act.sentence.end
    before, after = clause.text[s:phrase.start], clause.text[span.end:e]
    role = next((r for r, kind, cue in ROLE_CUES if kind == span.type and cue.search(before)), "")
    key = meaning.entity(span.type, span.value)
    if not role or key is None:
        return None
    if any(sp.type == span.type and sp.value == key.key and sp.start != span.start and s <= sp.start < e
           for sp in clause.spans):
        skipped(ctx, "key-named-again-in-its-sentence", f"{clause.id}:{key.key}")
        return None
    sentence = clause.text[s:e].strip()
    if len(sentence) > SENTENCE_LIMIT:
        skipped(ctx, "sentence-too-long", f"{clause.id}:{key.key}")
        return None
    # Everything the clause names of the key's type is out of the distractors (the text may make it right:
    # II.23's memorandum is the Secretariat's, but the Anti-drug Centre is to work with the same partner);
    # so is whatever is an alias, a part or a whole of the key.
    named = {sp.value for sp in clause.spans if sp.type == span.type}  # anywhere in the clause: safer
    if span.type == "org" and key.subtype not in ROLE_WORD:
        return None
    word = ROLE_WORD["state" if span.type == "state" else key.subtype]
    forms = _forms(ctx, span.type)
    answer = clause.text[phrase.start:span.end]
    agrees = bool(_AGREES.match(after))
    key_gender = _gender(phrase.noun, phrase.det)
    pool = []
    for other_key, form in sorted(forms.items()):
        other = meaning.entity(span.type, other_key)
        if other is None or other_key in named or meaning.related(span.type, other_key, key.key):
            continue
        same = other.member == key.member if span.type == "state" else other.subtype == key.subtype
        if not same or (agrees and form.gender != key_gender):
            continue
        text = realise(phrase.prep, form.det, form.noun)
        if text is None or len(text) > OPTION_LIMIT:
            continue
        pool.append((other, text))
    if len(pool) < 3:
        skipped(ctx, "fewer-than-3-distractors-of-the-subtype", f"{clause.id}:{key.key}")
        return None
    # The three closest in length, so that length does not point at the key (and the nearest sibling, the
    # Security Council against the General Assembly, is always among them).
    pool.sort(key=lambda p: (abs(len(p[1]) - len(answer)), p[0].key))
    chosen = pool[:3]
    shown = before + after
    if word_clue(answer, [t for _, t in chosen], shown):
        skipped(ctx, "key-found-by-a-shared-word", f"{clause.id}:{key.key}")
        return None
    if _odd_ending(answer, [t for _, t in chosen]):
        skipped(ctx, "key-the-only-one-of-its-form", f"{clause.id}:{key.key}")
        return None
    before, after = _readable(ctx, clause, act, s, before), _readable(ctx, clause, act, span.end, after)
    quote = f"{before.lstrip()}{BLANK}{after.rstrip()}"
    prompt = f"{word} complète cette phrase {ctx.work.of} (§ {clause.id}) ? « {quote} »"
    short = _short(word, clause.id, before, after) if len(prompt) > SHORT_LIMIT else ""
    evidence = " ".join([*before.split()[-3:], answer])
    return make_question(
        kind="who", form="choice", prompt=prompt, short_prompt=short,
        options=(answer, *(t for _, t in chosen)), answers=(0,),
        citations=(ctx.cite(clause, sentence),),
        feedback=ctx.feedback(f"Réponse : {realise('', phrase.det, phrase.noun) or answer}.", clause, sentence),
        difficulty=2, themes=clause.themes, actors=(key.key,), asks=frozenset({f"who:{span.type}:{key.key}:{role}"}),
        evidence=(evidence,),
        facts=(TagFact(span.type, key.key, clause.id, True, within=sentence),
               TextFact(answer, clause.id, True),
               *(TagFact(span.type, o.key, clause.id, False, within=sentence) for o, _ in chosen),
               *(EntityFact(span.type, o.key, "key", key.key, False, key.key) for o, _ in chosen),
               *(TextFact(before[-40:].lstrip() + t, None, False) for _, t in chosen)),
    )


def _odd_ending(key: str, others: Sequence[str]) -> bool:
    """The distractors all end alike ("… de l’OCS") and the key does not: its form gives it away."""
    tails = {o.split()[-1] for o in others}
    return len(tails) == 1 and key.split()[-1] not in tails and len(others) > 1


#: A sentence opening on the actor's pronoun gets its subject back, in brackets as a quotation does.
_PRONOUN = re.compile(r"^(\s*)(Ils|Elles)\b")


def _readable(ctx: Context, clause: Clause, act: ClauseAct, at: int, text: str) -> str:
    """The quoted words ``text`` (``clause.text[at:at + len(text)]``), made to stand alone without changing
    one of the text's: « l’Organisation » (the text's name for the SCO, so tagged) is followed by « [l’OCS] »,
    and a sentence opening on « Ils » for the member states gets « [Les États membres] » instead."""
    spans = [sp for sp in clause.spans if sp.type == "org" and at <= sp.start and sp.end <= at + len(text)
             and clause.text[sp.start:sp.end] == "Organisation"]
    for sp in sorted(spans, key=lambda sp: -sp.start):
        entity = ctx.meaning.entity("org", sp.value)
        if entity is not None and entity.acronym and starts_with_vowel(entity.acronym):
            cut = sp.end - at
            text = f"{text[:cut]} [l’{entity.acronym}]{text[cut:]}"
    if at == act.sentence.start and act.actor in ctx.meaning.actors:
        label = ctx.meaning.actors[act.actor]
        text = _PRONOUN.sub(lambda m: f"{m.group(1)}[{label[:1].upper()}{label[1:]}]", text, count=1)
    return text


def _short(word: str, clause_id: str, before: str, after: str) -> str:
    """The question on as many words around the blank as fit Kahoot's 120 characters, cut at words and
    marked « … » where cut; "" when not even a few words fit."""
    left, right = before.split(), after.split()
    full = f"{word} complète cette phrase (§ {clause_id}) ? « {before.lstrip()}{BLANK}{after.rstrip()} »"
    if len(full) <= SHORT_LIMIT:
        return full
    glue_left = " " if before.endswith(" ") else ""
    glue_right = " " if after[:1].isspace() else ""
    # As many words as fit, those after the blank first (they say what is asked: "… proclamant 2026
    # Année internationale …"), never cutting inside « »; the short question names only the kind asked.
    word = word.split(" des ")[0].split(" de l’")[0]
    found: list[tuple[int, float, str]] = []
    for n_left in range(len(left) + 1):
        for n_right in range(len(right) + 1):
            shown_left = " ".join(left[len(left) - n_left:])
            shown_right = " ".join(right[:n_right])
            text = (("… " if n_left < len(left) else "") + (shown_left + glue_left if shown_left else "") + BLANK
                    + (glue_right + shown_right if shown_right else "") + (" …" if n_right < len(right) else ""))
            prompt = f"{word} manque (§ {clause_id}) ? « {text} »"
            if len(prompt) > SHORT_LIMIT:
                break
            if balanced(prompt) and n_left >= min(3, len(left)) and n_right >= min(4, len(right)):
                found.append((-(n_left + 2 * n_right), abs(n_left - n_right), prompt))
    if found:
        return min(found)[2]
    return ""
