"""More of the stance families (position, decided-or-noted, true/false on the force of an act) as a teacher
reads them: which act of a clause is asked and which is refused, and why (each refusal under its own name);
the stance each verb of the kit's scale takes; how a long object is shortened for Kahoot; how a statement is
worded. Each test builds its own corpus (no module-level cache)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from quizgen.corpus import Corpus
from quizgen.generate import pool
from quizgen.generate.context import Context
from quizgen.generate.force import OBJECT_LIMIT, OPTION, candidates, head, short_object, stance, verb_quoted, why_not
from test_stance_families import plain, stance_corpus

KINDS = ("position", "decided", "truefalse")
Row = tuple[str, str, str, str, str, str]


def reasons(*rows: Row) -> dict[str, str]:
    """Why each row's act is refused ("" when it is asked), by clause id."""
    ctx = Context(stance_corpus(*rows))
    return {a.clause: why_not(ctx, a) for c in ctx.corpus.clauses for a in ctx.meaning.clause_acts(c.id)}


def refused_by_pool(*rows: Row) -> Counter[str]:
    refused: Counter[str] = Counter()
    pool(stance_corpus(*rows), kinds=KINDS, refused=refused)
    return refused


def row(clause: str, text: str, act: str, verb: str, obj: str, actor: str = "members") -> Row:
    return (clause, text, actor, act, verb, obj)


# --- the stance of each verb of the kit's scale ------------------------------------------------------------

def test_each_verb_of_the_kits_scale_takes_the_stance_its_rung_means(built_site: Path) -> None:
    """The docstring's table, on the kit's own vocabulary: a fact, an emphasis, a condolence, a reaffirmed or
    continuing commitment take no stance; a worry is not a condemnation; a decision is a decision."""
    ctx = Context(Corpus.load(built_site / "corpus.json"))
    got = {key: stance(act) for key, act in ctx.meaning.acts.items()}
    expected = {
        "constater": "", "prendre-note": "noted", "noter": "noted", "exprimer-preoccupation": "concern",
        "exprimer-condoleances": "", "saluer": "support", "se-feliciter": "support", "apprecier": "support",
        "soutenir": "support", "etre-favorable": "support", "se-prononcer-pour": "support",
        "preconiser": "support", "appeler": "called", "souligner": "", "estimer": "", "reconnaitre": "",
        "declarer": "", "reaffirmer": "", "confirmer": "", "condamner": "opposed", "s-opposer": "opposed",
        "juger-inacceptable": "opposed", "s-engager": "", "continuer": "", "s-efforcer": "", "etre-pret": "",
        "avoir-pour-objectif": "", "convenir": "", "adopter": "decided", "signer": "decided",
        "decider": "decided", "approuver": "decided"}
    assert {k: got[k] for k in expected} == expected


# --- which acts are asked, which refused, and why ----------------------------------------------------------

STRATEGY = "la stratégie de développement de l’OCS jusqu’en 2035"


def test_an_act_of_the_member_states_on_a_plain_object_is_asked() -> None:
    for subject in ("Les États membres", "Ils", "Les dirigeants", "Les chefs d’État"):
        text = f"{subject} soutiennent {STRATEGY}."
        assert reasons(row("I.1", text, "soutenir", "soutiennent", STRATEGY)) == {"I.1": ""}, subject


def test_an_act_not_said_by_the_member_states_is_refused() -> None:
    """Tagged as the member states', but the sentence names some of them, or another state."""
    got = reasons(
        row("I.1", f"La Russie soutient {STRATEGY}.", "soutenir", "soutient", STRATEGY),
        row("I.2", f"Les États membres parties au Traité soutiennent {STRATEGY}.", "soutenir", "soutiennent",
            STRATEGY),
        row("I.3", f"Les États membres intéressés soutiennent {STRATEGY}.", "soutenir", "soutiennent", STRATEGY),
        row("I.4", f"Les États membres soutiennent {STRATEGY}.", "soutenir", "soutiennent", STRATEGY, "KGZ"))
    assert set(got.values()) == {"actor-not-the-member-states"}, got


def test_the_subject_must_stand_before_the_verb() -> None:
    # "Ils" after the verb is not the subject of this act.
    text = f"Soutenant {STRATEGY}, le Kirghizistan et ils"
    got = reasons(row("I.1", text + ".", "soutenir", "Soutenant", STRATEGY))
    assert got == {"I.1": "actor-not-the-member-states"}


def test_an_act_that_is_no_stance_is_refused() -> None:
    text = f"Les États membres réaffirment {STRATEGY}."
    assert reasons(row("I.1", text, "reaffirmer", "réaffirment", STRATEGY)) == {"I.1": "act-not-a-stance"}


@pytest.mark.parametrize(("act", "verb", "obj", "reason"), [
    ("soutenir", "soutiennent", "des efforts de la région pour la paix", "object-not-a-noun-phrase"),
    ("s_opposer", "s’opposent", "à l’ingérence dans les affaires intérieures et à la militarisation de l’espace",
     "object-coordination"),
    ("adopter", "adoptent", "la déclaration du Conseil des chefs d’État sur la sécurité",
     "object-names-the-actor"),
    ("condamner", "condamnent", "les attentats commis dans la région de Bichkek",
     "object-answered-without-reading"),
    ("saluer", "saluent", "les résultats du sommet de la région de Bichkek", "object-not-worth-asking"),
    ("soutenir", "soutiennent", "la stratégie de développement de cette région", "object-anaphora"),
    ("soutenir", "soutiennent", "la mise en œuvre du Programme dans la région", "object-anaphora"),
    ("soutenir", "soutiennent", "la paix", "object-too-long"),
    ("soutenir", "soutiennent", "la stratégie de développement de l’OCS « jusqu’en 2035",
     "object-unbalanced"),
    ("soutenir", "soutiennent", "la stratégie de développement (de l’OCS jusqu’en 2035",
     "object-unbalanced"),
    ("saluer", "saluent", "la décision d’accorder le statut de partenaire à la Turquie",
     "object-names-a-decision"),
])
def test_each_refusal_of_an_object_is_named(act: str, verb: str, obj: str, reason: str) -> None:
    text = f"Les États membres {verb} {obj}."
    assert reasons(row("I.1", text, act, verb, obj)) == {"I.1": reason}
    # The same count in the pool's refusals, for every family.
    refused = refused_by_pool(row("I.1", text, act, verb, obj))
    assert {refused[f"{family}:{reason}"] for family in KINDS} == {1}, refused


def test_a_decision_may_bear_on_a_decision_noun() -> None:
    obj = "la décision d’accorder le statut de partenaire à la Turquie"
    text = f"Les États membres ont adopté {obj}."
    assert reasons(row("I.1", text, "adopter", "ont adopté", obj)) == {"I.1": ""}


def test_an_object_ending_on_a_punctuation_or_too_long_is_refused() -> None:
    for obj in ("la stratégie de développement de l’OCS,", "la stratégie de développement de l’OCS ;",
                "la stratégie de développement de l’OCS :"):
        text = f"Les États membres soutiennent {obj} jusqu’en 2035."
        assert reasons(row("I.1", text, "soutenir", "soutiennent", obj)) == {"I.1": "object-too-long"}, obj
    base = "la stratégie de développement de la région"
    longest = base + " et" * ((OBJECT_LIMIT - len(base)) // 3)
    longest += "x" * (OBJECT_LIMIT - len(longest))
    for obj, reason in ((longest, ""), (longest + "x", "object-too-long")):
        text = f"Les États membres soutiennent {obj}."
        assert reasons(row("I.1", text, "soutenir", "soutiennent", obj)) == {"I.1": reason}, len(obj)


def test_a_note_taken_with_satisfaction_is_not_fairly_classed() -> None:
    obj = "de la proposition de créer un centre de formation pour la région"
    for between, reason in (("avec satisfaction", "verb-nuanced"), ("avec intérêt", "verb-nuanced"),
                            ("avec appréciation", "verb-nuanced"), ("", "")):
        text = f"Les États membres ont pris note {between} {obj}.".replace("  ", " ")
        got = reasons(row("I.1", text, "prendre_note", "ont pris note", obj))
        assert got == {"I.1": reason}, between


# --- the head noun ---------------------------------------------------------------------------------------

def test_the_head_noun_follows_an_elided_article_and_drops_a_comma() -> None:
    assert head("l’accord sur la coopération") == "accord"
    assert head("la stratégie, adoptée en 2024") == "stratégie"
    assert head("la") == "" and head("") == ""


def test_an_agreement_after_an_elided_article_is_asked_as_decidable() -> None:
    """« l’accord … » is something the summit could sign: a decided-or-noted question, not a position one."""
    obj = "de l’accord sur la coopération dans le domaine de la sécurité de l’information"
    text = f"Les États membres ont pris note {obj}."
    bank = pool(stance_corpus(row("I.1", text, "prendre_note", "ont pris note", obj)), kinds=("decided",))
    (q,) = bank["decided"]
    assert plain(q.options[q.answers[0]]) == OPTION["noted"]
    assert plain(q.prompt).endswith("envers « l’accord sur la coopération dans le domaine de la sécurité de "
                                    "l’information » ?")


# --- bare noun: a capital article where the object opened the sentence ---------------------------------

def test_a_sentence_opening_on_its_object_is_asked_with_a_small_article() -> None:
    for article in ("La", "Le", "Les", "Une", "L’"):
        noun = {"La": "La stratégie", "Le": "Le programme", "Les": "Les stratégies", "Une": "Une stratégie",
                "L’": "L’initiative"}[article] + " de développement de l’OCS jusqu’en 2035"
        text = f"Les États membres : {noun} a été adoptée par eux."
        ctx = Context(stance_corpus(row("I.1", text, "adopter", "a été adoptée", noun)))
        (cand,) = candidates(ctx, "decided", whole_corpus=True)
        assert cand.noun == noun[:1].lower() + noun[1:], article


# --- the short (Kahoot) form of a long object ------------------------------------------------------------

def test_short_object_keeps_a_short_object_whole() -> None:
    noun = "la proposition de créer un mécanisme de l’OCS"
    assert short_object(noun, len(noun)) == noun
    assert short_object("la réunion (Astana, 3 octobre 2025)", 100) == "la réunion […]"
    long = "la réunion des ministres des affaires étrangères des États membres tenue à Astana le 11 mars 2025"
    assert short_object(long, 90) == "la réunion des ministres des affaires étrangères des États membres tenue à " \
                                     "Astana […]"
    # « le » before a word, not a date, is no place to cut: the cut falls before « à » instead.
    long = "la réunion des ministres des affaires étrangères des États membres tenue à Astana le mardi suivant"
    assert short_object(long, 90) == "la réunion des ministres des affaires étrangères des États membres tenue […]"


def test_short_object_cuts_where_the_text_pauses_and_keeps_quotes_whole() -> None:
    noun = "les échanges culturels entre les peuples des États membres, ainsi que les échanges de jeunes"
    assert short_object(noun, 70) == "les échanges culturels entre les peuples des États membres […]"
    # A cut inside « » would leave a quotation open: none is made there.
    noun = ("le soutien des États membres à l’initiative « Une ceinture, une route pour la paix » dans la "
            "région de l’Asie centrale")
    assert short_object(noun, 100) == ("le soutien des États membres à l’initiative « Une ceinture, une route "
                                       "pour la paix » […]")
    assert {short_object(noun, budget) for budget in range(60, 88)} == {""}


def test_short_object_leaves_room_for_its_mark_and_never_cuts_to_too_little() -> None:
    noun = "la proposition de créer un mécanisme de l’OCS pour le crédit à l’exportation et les investissements"
    for budget in range(10, len(noun)):
        short = short_object(noun, budget)
        assert len(short) <= budget, (budget, short)
        if short:
            assert short.endswith(" […]") and noun.startswith(short[:-4]), short
            assert len(short.split()) >= 7, short  # the head, its complement and the mark at least
    assert short_object(noun, 49) == "la proposition de créer un mécanisme de l’OCS […]"
    assert short_object(noun, 48) == "la proposition de créer un mécanisme […]"
    assert short_object(noun, 39) == ""  # « la proposition de créer […] » would not say which proposal
    # Six words of an object three times as long are too little of it: no short form.
    longer = noun + " dans les domaines de l’énergie, des transports et de l’agriculture des pays de la région"
    assert short_object(longer, 48) == ""
    assert short_object(longer, 64) == "la proposition de créer un mécanisme de l’OCS pour le crédit […]"


# --- the verb the feedback quotes ------------------------------------------------------------------------

@pytest.mark.parametrize(("act", "verb", "obj", "quoted"), [
    ("appeler", "appellent", "au renforcement de la coopération dans la région", "appellent au"),
    ("appeler", "appellent", "aux efforts communs de la région pour la paix", "appellent aux"),
    ("appeler", "appellent", "à la coopération dans le domaine de l’énergie", "appellent à"),
    ("prendre_note", "ont pris note", "du programme de coopération dans le domaine du tourisme",
     "ont pris note du"),
    ("prendre_note", "ont pris note", "des propositions de coopération dans le domaine du tourisme",
     "ont pris note des"),
    ("prendre_note", "ont pris note", "d’une proposition de coopération dans le domaine du tourisme",
     "ont pris note d’"),
    ("soutenir", "soutiennent", "l’initiative de coopération dans le domaine du tourisme", "soutiennent"),
    ("soutenir", "soutiennent", "le programme de coopération dans le domaine du tourisme", "soutiennent"),
])
def test_the_feedback_quotes_the_verb_with_the_preposition_its_object_opens_on(
        act: str, verb: str, obj: str, quoted: str) -> None:
    text = f"Les États membres {verb} {obj}."
    ctx = Context(stance_corpus(row("I.1", text, act, verb, obj)))
    (cand,) = candidates(ctx, "x", whole_corpus=True)
    assert verb_quoted(cand) == quoted


def test_the_refusals_counted_are_those_of_the_clauses_in_scope() -> None:
    """A recipe on one clause reports the refusals of that clause only, each once, whatever the families."""
    rows = (row("I.1", "Les États membres saluent la tenue du sommet de la région.", "saluer", "saluent",
                "la tenue du sommet de la région"),
            row("I.2", "Les États membres saluent les résultats du sommet de la région.", "saluer", "saluent",
                "les résultats du sommet de la région"),
            row("I.3", f"Les États membres ont pris note de {STRATEGY}.", "prendre_note", "ont pris note",
                f"de {STRATEGY}"))
    corpus = stance_corpus(*rows)
    refused: Counter[str] = Counter()
    pool(corpus, [corpus.clause("I.1")], kinds=KINDS, refused=refused)
    assert {k: n for k, n in refused.items() if k.endswith("object-not-worth-asking")} == {
        f"{family}:object-not-worth-asking": 1 for family in KINDS}


def test_short_object_cuts_before_a_closing_date_an_elided_de_and_en_particulier() -> None:
    noun = "la réunion des ministres des affaires étrangères des États membres tenue à Astana en 2025"
    assert short_object(noun, 85) == "la réunion des ministres des affaires étrangères des États membres tenue à " \
                                     "Astana […]"
    noun = "les échanges culturels entre les peuples des États membres d’Asie centrale et du Caucase"
    assert short_object(noun, 62) == "les échanges culturels entre les peuples des États membres […]"
    noun = "les échanges culturels entre les peuples des États membres, en particulier les jeunes"
    assert short_object(noun, 70) == "les échanges culturels entre les peuples des États membres […]"
    # A source extracted from a PDF may double a space: the short form has single spaces.
    assert short_object("la réunion  des ministres (Astana, 3 octobre 2025)", 100) == "la réunion des ministres […]"


def test_an_object_pointing_back_to_this_year_is_refused() -> None:
    obj = "le programme de travail de l’OCS pour cette année"
    text = f"Les États membres ont adopté {obj}."
    assert reasons(row("I.1", text, "adopter", "ont adopté", obj)) == {"I.1": "object-anaphora"}


def test_a_distractor_is_never_a_stance_the_member_states_take_elsewhere_on_the_same_object() -> None:
    """Noted in one clause, supported in another: « soutien » cannot be a wrong option on it. A state's own
    support (not the member states') does not count."""
    noted = row("I.1", f"Les États membres ont pris note de {STRATEGY}.", "prendre_note", "ont pris note",
                f"de {STRATEGY}")
    for actor, asked in (("members", False), ("KGZ", True)):
        supported = row("I.2", f"Ils soutiennent {STRATEGY}.", "soutenir", "soutiennent", STRATEGY, actor)
        refused: Counter[str] = Counter()
        bank = pool(stance_corpus(noted, supported), kinds=("decided",), refused=refused)
        on_noted = [q for q in bank["decided"] if q.clauses == ("I.1",)]
        assert bool(on_noted) is asked, actor
        assert refused["decided:object-has-another-stance"] == (0 if asked else 2), refused  # each for the other


# --- true or false: what a statement may claim -------------------------------------------------------------

def test_a_call_is_stated_false_as_only_noted_and_no_initiative_or_project_is_said_adopted() -> None:
    from quizgen.generate.force import Candidate
    from quizgen.generate.statements import false_claims

    def claims(stance: str, noun: str) -> tuple[str, ...]:
        return false_claims(Candidate(None, None, stance, noun, "les États membres"))  # type: ignore[arg-type]

    assert claims("called", "la coopération dans le domaine de l’énergie") == ("noted",)
    for noun in ("l’initiative de coopération dans le domaine de l’énergie",
                 "les projets de coopération dans le domaine de l’énergie",
                 "le projet de coopération dans le domaine de l’énergie"):
        assert claims("noted", noun) == ("support",), noun
        assert claims("support", noun) == ("noted",), noun


def test_a_lone_welcome_is_not_stated_and_the_refusal_is_counted() -> None:
    """« The member states welcome the cultural exchanges »: answered « Vrai » without reading, not asked."""
    obj = "les échanges culturels entre les peuples de la région"
    refused: Counter[str] = Counter()
    bank = pool(stance_corpus(row("I.1", f"Les États membres saluent {obj}.", "saluer", "saluent", obj)),
                kinds=("truefalse",), refused=refused)
    assert bank["truefalse"] == []
    assert refused["truefalse:not-tempting-or-would-tip-the-balance"] == 1, refused


def test_only_is_never_said_of_an_act_beside_another_of_theirs_in_the_same_sentence() -> None:
    """« ne font que prendre note de X » is false where the same sentence has them support Y as well."""
    noted = "de la proposition de créer un centre de formation dans la région"
    clauses = []
    for n, topic in enumerate(("l’énergie", "la santé", "l’éducation", "les transports", "le tourisme")):
        supported = f"la stratégie de coopération dans le domaine de {topic}"
        text = f"Les États membres ont pris note {noted} et soutiennent {supported}."
        clauses.append(("I." + str(n + 1), text, "members", "prendre_note", "ont pris note", noted))
    corpus = stance_corpus(*clauses)
    for clause, (_, text, *_rest) in zip(corpus.clauses, clauses, strict=True):
        supported = text.split("soutiennent ")[1].rstrip(".")
        v = text.index("soutiennent")
        corpus.extra["clause_acts"][clause.id].append(
            {"actor": "members", "act": "soutenir", "verb": {"text": "soutiennent", "start": v, "end": v + 11},
             "object": {"text": supported, "start": v + 12, "end": v + 12 + len(supported)},
             "sentence": {"start": 0, "end": len(text)}})
    statements = pool(corpus, kinds=("truefalse",))["truefalse"]
    assert statements
    assert not [q for q in statements if "ne font que" in plain(q.prompt)], [q.prompt for q in statements]


def test_a_statement_says_in_its_feedback_why_it_is_true_or_false() -> None:
    obj = "de la proposition de créer un centre de formation dans la région"
    text = f"Les États membres ont pris note {obj}."
    (q,) = pool(stance_corpus(row("I.1", text, "prendre_note", "ont pris note", obj)),
                kinds=("truefalse",))["truefalse"]
    verdict = q.options[q.answers[0]]
    gloss = "une simple prise d’acte" + ("" if verdict == "Vrai" else ", sans prise de position ni décision")
    assert plain(q.feedback) == (f"{verdict} : la clause dit « ont pris note de », soit {gloss}. La déclaration "
                                 f"(§ I.1) dit : « {text} »")

