"""The force of an act, as the three act families ask it: position, decided-or-noted, true-or-false.

The declaration's 32 verbs sit on a scale of ten rungs (``vocabulary.toml``). A question cannot offer two
verbs of neighbouring rungs as rival answers ("saluer" or "soutenir": both are a welcome), nor ask a student
to recall which of them the text printed. So the families ask about **stances**: a few classes of clearly
different force, each worded once, in plain French, for every object:

=========  =====================================  ===================================================
stance     rungs of the scale                     what it means for the object
=========  =====================================  ===================================================
noted      prendre note, noter (force 1)          taken note of, no stance taken, nothing decided
concern    exprimer sa préoccupation (2, −)       a worry voiced, without a condemnation
support    saluer … préconiser (3–4, +)           welcomed or supported, without a decision of theirs
called     appeler à (5)                          called for, without a decision of theirs
opposed    condamner, s’opposer (7, −)            condemned or opposed
decided    adopter, signer, approuver (9)         decided: adopted, signed or approved by them
=========  =====================================  ===================================================

The other rungs (constater, souligner, réaffirmer, s’engager…) say something of another kind (a fact, an
emphasis, a continuing commitment) and are not asked. The options are noun phrases ("Une simple prise
d’acte, sans prise de position"): they agree with no object, so they read right whatever the object's
gender and number, and they are of like lengths, so that length gives nothing away.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from quizgen.french import realise
from quizgen.generate.context import Context
from quizgen.meaning import ClauseAct, direct_form
from quizgen.text_checks import anaphoric
from quizgen.vocabulary import Act as ActDef

#: The options of the choice families, one per stance, all of one length (no option is a length clue).
OPTION = {
    "noted": "Une simple prise d’acte, sans prise de position",
    "concern": "Une inquiétude exprimée, mais sans condamnation",
    "support": "Un soutien déclaré, sans aucune décision propre",
    "called": "Un appel à l’action, sans aucune décision prise",
    "opposed": "Une condamnation nette, ou une opposition ferme",
    "decided": "Une décision : adoption, signature, approbation",
    "restraint": "Un appel à la retenue, sans aucune condamnation",
}
#: What the feedback says of each stance.
GLOSS = {
    "noted": "une simple prise d’acte, sans prise de position ni décision",
    "concern": "une inquiétude exprimée, qui ne va pas jusqu’à la condamnation",
    "support": "un accueil favorable, qui n’est pas une décision",
    "called": "un appel, qui n’est pas une décision",
    "opposed": "une condamnation, ou une opposition déclarée",
    "decided": "une décision",
    "restraint": "un appel à la retenue",
}
#: Options that no act of the scale words itself, and the stance whose acts prove them wrong ("a call to
#: restraint" is wrong where no call of the member states bears on the object).
PROVEN_BY = {"restraint": "called"}
#: The options offered against each key stance: every one clearly another force, never a near neighbour
#: (a welcome and a call are too close to tell apart fairly, so they never face each other).
AGAINST = {
    "decided": ("support", "noted", "opposed"),
    "noted": ("decided", "support", "opposed"),
    "support": ("decided", "noted", "opposed"),
    "called": ("decided", "noted", "opposed"),
    # On what they condemn or fear, "support" would be absurd: the fourth option is a call to restraint.
    "opposed": ("concern", "noted", "restraint"),
    "concern": ("opposed", "noted", "restraint"),
}

#: Head nouns of what can be adopted, signed, approved or decided: the decided-or-noted question is asked
#: on these only ("décider les résultats d’un festival" would be no distractor at all).
#: Not treaties, conventions or charters: those the text names are in force already (the NPT, the CWC), and
#: "the member states sign the NPT" would be a false statement about history, not about the text.
DECIDABLE = ("accord", "accords", "programme", "programmes", "plan", "plans", "déclaration", "déclarations",
             "résolution", "résolutions", "stratégie", "stratégies", "feuille", "concept", "règlement",
             "mémorandum", "protocole", "document", "documents", "proposition", "propositions", "initiative",
             "initiatives", "projet", "projets", "budget", "calendrier", "mécanisme")
#: What can be signed (an agreement), as against what can only be adopted (a programme, a proposal).
SIGNABLE = ("accord", "accords", "convention", "conventions", "traité", "mémorandum", "protocole", "charte")
#: Head nouns that name a decision themselves ("la décision d’accorder…", "l’adoption de…"): welcoming them
#: and deciding them cannot be told apart fairly.
DECISION_NOUNS = ("décision", "décisions", "adoption", "signature", "approbation", "création", "octroi",
                  "désignation", "nomination", "proclamation", "attribution")
#: Objects not worth a stance question: the results, holding or work of a past meeting (welcoming them
#: teaches nothing about what the member states commit to), or "the importance of…".
NOT_WORTH = ("résultats", "résultat", "tenue", "travail", "travaux", "activités", "activité", "bilan",
             "importance", "nécessité", "succès", "rôle", "contribution", "utilité", "pertinence", "organisation")
#: What every text of this kind condemns: asking the stance on a terrorist attack tests nothing (a student
#: answers without reading), so no stance question is asked on these.
FORESEEN = ("attentats", "attentat", "terrorisme", "actes", "acte")
#: What states do, on which a worry without a condemnation is a stance worth asking about.
STATE_ACTIONS = ("escalade", "actions", "action", "frappes", "tentatives", "application", "ingérence", "recours",
                 "imposition", "mesures", "sanctions", "politique", "déploiement", "militarisation")
#: Objects longer than this make stems a student cannot take in at once.
OBJECT_LIMIT = 240
#: Actors whose acts are the member states' own (their leaders, the Council of the heads of state).
#: Not the Council's passive adoptions (« a été approuvée »): a statement naming who approved would add an
#: actor the clause does not name.
ACTORS = ("members", "leaders")
#: How a stem names an actor the vocabulary's actors table does not label.
ACTOR_NAMES = {"CCE": "les chefs d’État"}
_SUBJECT = re.compile(r"\bÉtats membres\b|\b[Ii]ls\b|\bdirigeants\b|\bchefs d’État\b")
#: "Les États membres parties au Traité…", "… intéressés": some of them, not the member states.
_SOME = re.compile(r"États membres (?:parties|intéressés|concernés|qui)\b")
_ARTICLES = ("le ", "la ", "les ", "l’", "un ", "une ")
#: A coordination that repeats a preposition ("… en matière de X et à l’ingérence…"): the quoted noun
#: phrase would not stand alone, nor take another verb's construction.
_COORDINATED = {"à": re.compile(r"(?:,| et| ou) (?:à la |au |aux |à l’)"),
                "de": re.compile(r"(?:,| et| ou) (?:de la |du |des |de l’)")}
_DATED = re.compile(r"\(([^()]*\d{4}[^()]*)\)")


def stance(act: ActDef) -> str:
    """The stance an act of the scale takes ("" for the rungs that are not asked)."""
    if act.decided:
        return "decided"
    if act.polarity == "negative":
        return "opposed" if act.force >= 6 else "concern"
    if act.force == 1:
        return "noted"
    if act.force in (3, 4) and act.polarity == "positive":
        return "support"
    if act.force == 5 and act.polarity == "positive":
        return "called"
    return ""


def head(noun_phrase: str) -> str:
    """The head noun of a noun phrase opening on an article: "la proposition de…" → "proposition"."""
    words = noun_phrase.replace("’", "’ ").split()
    return words[1].casefold().strip(",") if len(words) > 1 else ""


def decidable(noun_phrase: str) -> bool:
    return head(noun_phrase) in DECIDABLE


def signable(noun_phrase: str) -> bool:
    return head(noun_phrase) in SIGNABLE


@dataclass(frozen=True)
class Candidate:
    """An act a family may ask about: whose, which stance, on what (a noun phrase quoted verbatim)."""

    act: ClauseAct
    known: ActDef
    stance: str
    noun: str  # the object as a bare noun phrase, verbatim from the clause
    actor: str  # "les États membres"…


def verb_quoted(cand: Candidate) -> str:
    """The clause's verb as the feedback quotes it, with the preposition that its object opens on
    (« réitérant leur profonde préoccupation face à », « ont pris note de »)."""
    first = cand.act.object.text.split(" ", 1)[0]
    for prep in ("à", "au", "aux", "de", "du", "des"):
        if first == prep:
            return f"{cand.act.verb.text} {prep}"
    if first.startswith("d’"):
        return f"{cand.act.verb.text} d’"
    return cand.act.verb.text


def skipped(ctx: Context, family: str, reason: str) -> None:
    """Count a candidate a family's own guard refused (reported with the pool's refusals)."""
    counter = ctx.cache.setdefault("skipped", Counter())
    counter[f"{family}:{reason}"] += 1


def by_members(ctx: Context, act: ClauseAct) -> bool:
    """The act is the member states' (or their leaders'): so tagged, and its sentence says so before the verb
    ("Les États membres …", "Ils …") — not a list of some states ("La Biélorussie, l’Iran… réaffirmant…")."""
    clause = ctx.corpus.clause(act.clause)
    before = clause.text[act.sentence.start:act.verb.end]
    return act.actor in ACTORS and bool(_SUBJECT.search(before)) and not _SOME.search(before)


def why_not(ctx: Context, act: ClauseAct) -> str:
    """Why an act cannot be asked about ("" when it can), by the name counted in the refusals."""
    known = ctx.meaning.acts.get(act.act)
    if known is None or not stance(known):
        return "act-not-a-stance"
    if not by_members(ctx, act):
        return "actor-not-the-member-states"
    noun = bare_noun(act, known)
    if noun is None or not noun.startswith(_ARTICLES):
        return "object-not-a-noun-phrase"
    if known.construction in _COORDINATED and _COORDINATED[known.construction].search(noun):
        return "object-coordination"
    if "Conseil des chefs d’État" in noun:
        return "object-names-the-actor"  # "the Council adopts a declaration of the Council": no question
    if head(noun) in FORESEEN:
        return "object-answered-without-reading"
    if head(noun) in NOT_WORTH:
        return "object-not-worth-asking"
    if anaphoric(noun) or re.search(r"\b(?:ces|ce|cette|cet)\b", noun):
        return "object-anaphora"
    if not 12 <= len(noun) <= OBJECT_LIMIT or noun.rstrip().endswith((",", ";", ":")):
        return "object-too-long"
    if noun.count("«") != noun.count("»") or noun.count("(") != noun.count(")"):
        return "object-unbalanced"
    if stance(known) != "decided" and head(noun) in DECISION_NOUNS:
        return "object-names-a-decision"
    if stance(known) == "concern" and head(noun) not in STATE_ACTIONS:
        # "Concern, without condemnation" fits what states do (an escalation, strikes); a scourge (the rise
        # of drug trafficking) the member states fight everywhere else, and "only a worry" would mislead.
        return "concern-about-a-scourge"
    if stance(known) == "concern" and any(
            (other := ctx.meaning.acts.get(a.act)) is not None and stance(other) == "opposed"
            for a in ctx.meaning.clause_acts(act.clause)):
        # "Concern, without condemnation" is unfair where the same clause condemns what comes of it
        # (II.13: concern at the escalation, condemnation of the actions in Gaza).
        return "concern-beside-a-condemnation"
    between = ctx.corpus.clause(act.clause).text[act.verb.start:act.object.start]
    if re.search(r"satisfaction|intérêt|favorablement|appréci", between):
        return "verb-nuanced"  # "prennent note avec satisfaction" is more than a note: not fairly classed
    return ""


def bare_noun(act: ClauseAct, known: ActDef) -> str | None:
    """The object as a noun phrase, verbatim but for a capital article where it opened a sentence
    ("Une déclaration … a été adoptée" → "une déclaration …")."""
    noun = direct_form(act.object.text, known.construction)
    if noun and (noun.split(" ", 1)[0] in ("Le", "La", "Les", "Un", "Une") or noun.startswith("L’")):
        noun = noun[:1].lower() + noun[1:]
    return noun


def actor_name(ctx: Context, actor: str) -> str:
    return ctx.meaning.actors.get(actor) or ACTOR_NAMES.get(actor, "les États membres")


def of(name: str) -> str:
    """« de » + an actor's name, as French writes it: "les États membres" → "des États membres", "le Conseil"
    → "du Conseil", "Inde" → "d’Inde" (french.realise; "de" + the name where it would be doubtful)."""
    det, noun = "", name
    for article in ("les", "le", "la"):
        if name.startswith(article + " "):
            det, noun = article, name[len(article) + 1:]
            break
    else:
        if name.startswith("l’"):
            det, noun = "l’", name[2:]
    return realise("de", det, noun) or "de " + name


def candidates(ctx: Context, family: str, whole_corpus: bool = False) -> list[Candidate]:
    """The askable acts of the clauses in scope (or of the whole corpus), in corpus order; the refused ones
    in scope are counted."""
    found = []
    for clause in ctx.corpus.clauses if whole_corpus else ctx.scope:
        for act in ctx.meaning.clause_acts(clause):
            reason = why_not(ctx, act)
            if reason:
                if not whole_corpus:
                    skipped(ctx, family, reason)
                continue
            known = ctx.meaning.acts[act.act]
            noun = bare_noun(act, known)
            assert noun is not None
            found.append(Candidate(act, known, stance(known), noun, actor_name(ctx, act.actor)))
    return found


def stances_on(ctx: Context, cand: Candidate) -> set[str]:
    """Every stance the same actor takes on the same object (same words, or one inside the other) anywhere
    in the corpus: a distractor or a false statement must be none of them."""
    found = set()
    itself = [a for a in ctx.meaning.clause_acts(cand.act.clause) if a.index == cand.act.index]
    for act in (*ctx.index.acts_on_any(cand.act.object.text), *itself):
        known = ctx.meaning.acts.get(act.act)
        if known is None or act.actor not in ACTORS:
            continue
        found.add(stance(known) or "other")
    return found


#: Words a shortened object may stop before: a complement or a relative begins there.
_CUT_BEFORE = ("de", "du", "des", "d’", "pour", "dans", "sur", "visant", "à", "au", "aux", "qui", "et",
               "entre", "avec", "contre", "afin", "par")


def short_object(noun: str, budget: int) -> str:
    """The object in at most ``budget`` characters, for the short (Kahoot) forms: without its parenthesised
    date and place, then, if still too long, stopped before a complement ("la proposition de créer un
    mécanisme de l’OCS […]"), each cut marked « […] » as a French quotation marks it; "" when no cut
    keeps at least the head noun and its first complement."""
    text = _DATED.sub("[…]", noun).replace("  ", " ")
    text = re.sub(r"\s+\[…\]$", " […]", text)
    if len(text) <= budget:
        return text
    words = text.split(" ")
    for n in range(len(words) - 1, 3, -1):
        kept = " ".join(words[:n])
        nxt = words[n].split("’")[0] + ("’" if "’" in words[n] else "")
        if len(kept) < 0.3 * len(text) or n < 6:
            break  # too little of the object left to answer on
        dated = nxt in ("le", "en") and n + 1 < len(words) and words[n + 1][:1].isdigit()  # "le 11 mars"
        if words[n - 1] in _CUT_BEFORE or words[n - 1] in ("le", "la", "les", "un", "une"):
            continue  # never end on "… et […]" or "… de […]"
        clause_ends = kept.endswith(",") and nxt in ("ainsi", "notamment", "y", "en", "dans", "qui", "afin")
        if clause_ends:
            kept = kept[:-1]  # "…, ainsi que…": the cut falls where the text itself pauses
        if ((nxt in _CUT_BEFORE or dated or clause_ends) and kept.count("«") == kept.count("»")
                and not kept.endswith(",") and len(kept) + 4 <= budget):
            return kept + " […]"
    return ""
