"""The stance families (position, decided-or-noted, true/false on the force of an act) as a student and a
teacher read them: the exact stem, short (Kahoot) form, feedback and evidence on a hand-made corpus; the
refusals each guard counts; the balance of the bank on the real corpus (no stance, no wording that pays when
answered blind)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from meaning_corpus import ACTS, meaning_corpus
from quiz_helpers import build_clause
from quizgen.corpus import Clause, Corpus, Section
from quizgen.generate import pool
from quizgen.generate.context import Context
from quizgen.generate.force import OPTION, candidates, of, short_object, stance, verb_quoted
from quizgen.generate.position import SHORT_LIMIT
from quizgen.generate.statements import wording
from quizgen.typography import french_typography as typeset

NNBSP, NBSP = "\u202f", "\u00a0"


def plain(text: str) -> str:
    return text.replace(NNBSP, " ").replace(NBSP, " ")


@pytest.fixture(scope="module")
def bank() -> dict[str, list]:
    return pool(meaning_corpus(), kinds=("position", "decided", "truefalse"))


def _one(questions: list, clause: str, word: str = "") -> object:
    return next(q for q in questions if clause in q.clauses and word in q.prompt)


def test_position_stem_short_form_feedback_and_evidence(bank: dict[str, list]) -> None:
    q = _one(bank["position"], "II.3")
    assert plain(q.prompt) == ("D’après la déclaration (§ II.3), quelle est l’attitude des États membres envers "
                               "« l’imposition de mesures coercitives unilatérales » ?")
    assert plain(q.short_prompt) == "Position des États membres sur « l’imposition de mesures coercitives unilatérales » ?"
    assert plain(q.feedback) == ("La clause dit « s’opposent à », soit une condamnation, ou une opposition déclarée. "
                                 "La déclaration (§ II.3) dit : « Les États membres s’opposent à l’imposition de "
                                 "mesures coercitives unilatérales. »")
    assert q.evidence == ("s’opposent à l’imposition de mesures",)
    assert q.asks == frozenset({"act:II.3:0"}) and q.kind == "position" and q.difficulty == 2
    assert q.citations[0].clause == "II.3" and q.citations[0].url


def test_decided_on_a_proposal_only_noted_and_on_a_protocol_signed(bank: dict[str, list]) -> None:
    noted = _one(bank["decided"], "I.1")
    assert plain(noted.options[noted.answers[0]]) == OPTION["noted"]
    assert plain(noted.feedback).startswith("La clause dit « ont pris note de », soit une simple prise d’acte, "
                                            "sans prise de position ni décision.")
    # A long object is cut for Kahoot before a complement, the cut marked.
    assert plain(noted.short_prompt) == ("Position des États membres sur « la proposition de créer un centre "
                                         "d’études stratégiques dans le domaine […] » ?")
    signed = _one(bank["decided"], "II.2", "protocole")
    assert plain(signed.options[signed.answers[0]]) == plain(typeset(OPTION["decided"]))
    assert plain(signed.feedback).startswith("La clause dit « ont signé », soit une décision.")
    # A treaty in force is not something the summit decides: no decided question on the NPT.
    assert not [q for q in bank["decided"] if "Traité" in q.prompt]


def test_true_and_false_statements_say_why(bank: dict[str, list]) -> None:
    false = _one(bank["truefalse"], "I.1")
    # Only noted, stated as supported (a proposal is never said « adopted »: that rings false by itself).
    assert plain(false.prompt) == ("Vrai ou faux ? D’après la déclaration (§ I.1), les États membres soutiennent "
                                   "la proposition de créer un centre d’études stratégiques dans le domaine de la "
                                   "sécurité.")
    assert false.options[false.answers[0]] == "Faux" and not false.shuffle
    assert plain(false.feedback).startswith("Faux : la clause dit « ont pris note de », soit une simple prise d’acte")
    assert plain(false.short_prompt) == ("Les États membres soutiennent la proposition de créer un centre "
                                         "d’études stratégiques dans le domaine de la sécurité.")
    true = _one(bank["truefalse"], "II.2", "protocole")
    assert true.options[true.answers[0]] == "Vrai"
    assert plain(true.feedback).startswith("Vrai : la clause dit « ont signé », soit une décision.")


def test_each_refusal_is_counted_under_its_reason() -> None:
    refused: Counter[str] = Counter()
    pool(meaning_corpus(), kinds=("position", "decided", "truefalse"), refused=refused)
    # I.2 welcomes the holding of a festival; II.1 condemns terrorism (answered without reading); III.1 is
    # a list of some states; III.2 a state's act; II.1's call bears on no noun a stance question can quote.
    for family in ("position", "decided", "truefalse"):
        assert refused[f"{family}:object-not-worth-asking"] == 1
        assert refused[f"{family}:object-answered-without-reading"] == 1
        assert refused[f"{family}:actor-not-the-member-states"] >= 1


def test_stances_of_the_kit_scale() -> None:
    ctx = Context(meaning_corpus())
    got = {key: stance(act) for key, act in ctx.meaning.acts.items()}
    assert got["prendre_note"] == "noted" and got["saluer"] == got["soutenir"] == "support"
    assert got["appeler"] == "called" and got["condamner"] == got["s_opposer"] == "opposed"
    assert got["adopter"] == got["signer"] == "decided" and got["reaffirmer"] == ""
    assert got["preoccupation"] == "concern"


def test_short_object_marks_its_cuts_and_keeps_enough() -> None:
    assert short_object("la réunion (Astana, 3 octobre 2025) sur le climat", 100) == "la réunion […] sur le climat"
    long = "la proposition de créer un mécanisme de l’OCS pour le crédit à l’exportation et les investissements"
    assert short_object(long, 60) == "la proposition de créer un mécanisme de l’OCS […]"
    assert short_object(long, 10) == ""  # too little would be left to answer on
    assert not short_object("les attentats perpétrés contre le train et à la gare de la ville voisine", 50).endswith(
        "et […]")


def test_helpers_word_the_actor_and_the_verb() -> None:
    assert of("les États membres") == "des États membres" and of("le Conseil") == "du Conseil"
    assert of("la Chine") == "de la Chine"
    ctx = Context(meaning_corpus())
    worry = next(c for c in candidates(ctx, "x", whole_corpus=True) if c.act.clause == "I.1")
    assert verb_quoted(worry) == "ont pris note de"


def test_the_real_bank_pays_nothing_to_a_blind_answer(built_site: Path) -> None:
    corpus = Corpus.load(built_site / "corpus.json")
    found = pool(corpus, kinds=("decided", "truefalse"))
    keys = Counter(plain(q.options[q.answers[0]]) for q in found["decided"])
    _, n = keys.most_common(1)[0]
    assert n <= sum(keys.values()) - n + 1, keys  # « prise d’acte » is not the answer to most of them
    truth = Counter(q.options[q.answers[0]] for q in found["truefalse"])
    assert abs(truth["Vrai"] - truth["Faux"]) <= 1, truth
    # Each wording is about as often true as false.
    by_wording: Counter[tuple[str, str]] = Counter()
    for q in found["truefalse"]:
        text = plain(q.prompt)
        wording = next(w for w in ("ne font que prendre note", "ne font que s’inquiéter", "adoptent", "signent",
                                   "approuvent", "condamnent", "s’opposent", "appellent", "saluent",
                                   "soutiennent", "sont favorables", "se prononcent", "se félicitent")
                       if f" {w} " in text)
        group = "decided" if wording in ("adoptent", "signent", "approuvent") else wording
        group = "support" if wording in ("saluent", "soutiennent", "sont favorables", "se prononcent",
                                         "se félicitent") else group
        by_wording[(group, q.options[q.answers[0]])] += 1
    for group in {g for g, _ in by_wording}:
        assert abs(by_wording[(group, "Vrai")] - by_wording[(group, "Faux")]) <= 2, by_wording


def test_teachers_feedback_quotes_the_clause_whole_past_a_stray_full_stop(built_site: Path) -> None:
    # III.1 has a stray full stop before « Une ceinture, une route » (a defect of the source): the quote in
    # the feedback reads on to the main verb instead of stopping there.
    corpus = Corpus.load(built_site / "corpus.json")
    obor = next(q for q in pool(corpus, kinds=("authored",))["authored"] if "III.1" in q.clauses)
    quote = plain(obor.feedback).split("dit : « ", 1)[1]
    assert "Une ceinture, une route" in quote and "ont pris note" in quote


# --- the stance families on clauses written for one guard or one wording each ------------------------------

def _stance_act(clause: Clause, actor: str, act: str, verb: str, obj: str) -> dict[str, Any]:
    v, o = clause.text.index(verb), clause.text.index(obj)
    return {"actor": actor, "act": act, "verb": {"text": verb, "start": v, "end": v + len(verb)},
            "object": {"text": obj, "start": o, "end": o + len(obj)},
            "sentence": {"start": 0, "end": len(clause.text)}}


def stance_corpus(*rows: tuple[str, str, str, str, str, str]) -> Corpus:
    """One clause per row (id, text, actor, act, verb, object), each sentence one act of the scale, with
    both actors the families ask about labelled: the member states and their leaders."""
    clauses, acts = [], {}
    for clause_id, text, actor, act, verb, obj in rows:
        clause = build_clause(clause_id, [text])
        clauses.append(clause)
        acts.setdefault(clause_id, []).append(_stance_act(clause, actor, act, verb, obj))
    extra: dict[str, Any] = {"acts": ACTS, "entities": {"state": {}, "org": {}}, "clause_acts": acts,
                             "actors": {"members": {"label": "les États membres"},
                                        "leaders": {"label": "les dirigeants"}}}
    sections = sorted({c.section for c in clauses})
    return Corpus("Essai", clauses, [Section(s, s) for s in sections], {"securite": "Sécurité"},
                  {"state": {}, "org": {}}, extra=extra)


LEADERS = ("I.1", "Les dirigeants ont adopté la stratégie de développement de l’OCS jusqu’en 2035.", "leaders",
           "adopter", "ont adopté", "la stratégie de développement de l’OCS jusqu’en 2035")


def test_the_leaders_acts_are_asked_in_their_name_not_the_member_states() -> None:
    bank = pool(stance_corpus(LEADERS), kinds=("decided", "truefalse"))
    (decided,) = bank["decided"]
    assert plain(decided.prompt) == ("D’après la déclaration (§ I.1), quelle est l’attitude des dirigeants envers "
                                     "« la stratégie de développement de l’OCS jusqu’en 2035 » ?")
    assert plain(decided.options[decided.answers[0]]) == plain(typeset(OPTION["decided"]))
    (statement,) = bank["truefalse"]
    assert plain(statement.prompt).startswith("Vrai ou faux ? D’après la déclaration (§ I.1), les dirigeants ")


def test_a_short_form_that_fits_kahoot_keeps_the_whole_object() -> None:
    frame = "Position des États membres sur « {} » ?"
    start = "la militarisation de l’espace extra-atmosphérique"
    noun = start + " et des" + " régions" * 20
    noun = noun[:SHORT_LIMIT - len(frame) + 2].rstrip()
    text = f"Les États membres s’opposent à {noun}."
    row = ("II.3", text, "members", "s_opposer", "s’opposent", f"à {noun}")
    (q,) = pool(stance_corpus(row), kinds=("position",))["position"]
    assert len(frame.format(noun)) in (SHORT_LIMIT - 1, SHORT_LIMIT)  # the object just fits
    assert plain(q.short_prompt) == frame.format(noun)


def test_a_worry_is_asked_on_what_states_do_and_refused_on_a_scourge() -> None:
    escalation = ("II.5", "Les États membres expriment leur préoccupation face à l’escalade des tensions "
                  "militaires dans la région.", "members", "preoccupation", "expriment leur préoccupation",
                  "face à l’escalade des tensions militaires dans la région")
    scourge = ("II.6", "Les États membres expriment leur préoccupation face à la hausse du trafic de "
               "stupéfiants dans la région.", "members", "preoccupation", "expriment leur préoccupation",
               "face à la hausse du trafic de stupéfiants dans la région")
    refused: Counter[str] = Counter()
    bank = pool(stance_corpus(escalation, scourge), kinds=("position",), refused=refused)
    (q,) = bank["position"]
    assert q.clauses == ("II.5",) and plain(q.options[q.answers[0]]) == OPTION["concern"]
    assert refused["position:concern-about-a-scourge"] == 1


def test_a_cut_object_never_ends_on_an_article() -> None:
    for noun in ("la proposition de mettre en place dans la région un des centres de formation pour la lutte "
                 "contre le terrorisme",
                 "l’initiative visant à peser dans la région le pour et le contre de la création d’une banque de "
                 "développement"):
        for budget in range(20, len(noun)):
            short = short_object(noun, budget)
            assert len(short) <= budget
            assert not re.search(r"\b(?:le|la|les|un|une|et|de) \[…\]$", short), (budget, short)


def test_a_cut_falls_where_the_text_pauses_before_notamment() -> None:
    noun = "les échanges culturels entre les peuples des États membres, notamment les jeunes et les artistes"
    assert short_object(noun, 70) == "les échanges culturels entre les peuples des États membres […]"


def test_a_date_after_a_line_break_is_marked_on_the_same_line() -> None:
    # A source extracted from a PDF may break the line before the parenthesis: the mark « […] » keeps one space.
    assert short_object("la réunion des ministres\n(Astana, 3 octobre 2025)", 100) == "la réunion des ministres […]"


def test_a_decision_claimed_on_an_agreement_is_signed_on_a_programme_adopted() -> None:
    rows = (("I.3", "Les États membres ont pris note de l’accord sur la coopération dans le domaine de la "
             "sécurité de l’information.", "members", "prendre_note", "ont pris note",
             "de l’accord sur la coopération dans le domaine de la sécurité de l’information"),
            ("I.4", "Les États membres ont pris note du programme de coopération dans le domaine du tourisme.",
             "members", "prendre_note", "ont pris note", "du programme de coopération dans le domaine du tourisme"))
    ctx = Context(stance_corpus(*rows))
    agreement, programme = candidates(ctx, "truefalse")
    assert wording(ctx, "decided", agreement, False) == ("signent", "direct")
    assert wording(ctx, "decided", programme, False) == ("adoptent", "direct")


def test_which_proposals_only_noted_are_dropped_does_not_depend_on_the_order_of_the_clauses() -> None:
    topics = ("l’énergie", "l’agriculture", "la santé publique", "l’éducation", "les transports")
    rows = [(f"I.{n + 1}", f"Les États membres ont pris note de la proposition de coopérer dans le domaine de "
             f"{topic}.", "members", "prendre_note", "ont pris note",
             f"de la proposition de coopérer dans le domaine de {topic}") for n, topic in enumerate(topics)]
    rows.append(("II.1", "Les États membres ont adopté le programme de coopération dans le domaine du tourisme.",
                 "members", "adopter", "ont adopté", "le programme de coopération dans le domaine du tourisme"))
    forward = pool(stance_corpus(*rows), kinds=("decided",))["decided"]
    backward = pool(stance_corpus(*reversed(rows)), kinds=("decided",))["decided"]
    keys = Counter(plain(q.options[q.answers[0]]) for q in forward)
    # « Prise d’acte » is the key of no more questions than the other stances together, plus one ...
    assert keys == {OPTION["noted"]: 2, plain(typeset(OPTION["decided"])): 1}, keys
    # ... and which two proposals stay is drawn from their ids, not from where the clauses stand.
    assert sorted(q.clauses for q in forward) == sorted(q.clauses for q in backward)


def test_an_actors_name_after_de_is_written_as_french_writes_it() -> None:
    from quizgen.generate.force import of

    assert [of(n) for n in ("les États membres", "le Conseil", "la Chine", "l’Inde", "Inde", "Chine")] == [
        "des États membres", "du Conseil", "de la Chine", "de l’Inde", "d’Inde", "de Chine"]
    assert of("Hongrie") == "de Hongrie"  # an initial h: realise declines to guess; « de » as written


def test_a_worry_beside_a_condemnation_in_the_same_clause_is_not_asked() -> None:
    """« Concern, without condemnation » would be unfair where the same clause condemns what comes of it."""
    worry = "Les États membres expriment leur préoccupation face à l’escalade des tensions dans la région."
    blame = " Ils condamnent fermement les frappes contre les civils de la région."
    clause = build_clause("II.5", [worry + blame])
    acts = [_stance_act(clause, "members", "preoccupation", "expriment leur préoccupation",
                        "face à l’escalade des tensions dans la région"),
            _stance_act(clause, "members", "condamner", "condamnent fermement", "les frappes contre les civils")]
    other = stance_corpus(("II.6", "Les États membres saluent la tenue du sommet de la région.", "members",
                           "saluer", "saluent", "la tenue du sommet de la région"))
    extra = {**other.extra, "clause_acts": {**other.extra["clause_acts"], "II.5": acts}}
    corpus = Corpus("Essai", [clause, *other.clauses], other.sections, other.themes, other.labels, extra=extra)
    refused: Counter[str] = Counter()
    pool(corpus, kinds=("position",), refused=refused)
    assert refused["position:concern-beside-a-condemnation"] == 1


def test_a_corpus_that_names_no_actor_asks_about_the_member_states() -> None:
    corpus = stance_corpus(LEADERS)
    corpus.extra["actors"] = {}
    corpus.extra["clause_acts"]["I.1"][0]["actor"] = "members"
    (q,) = pool(corpus, kinds=("decided",))["decided"]
    assert "l’attitude des États membres envers" in plain(q.prompt), q.prompt


def test_a_false_statement_over_or_under_states_the_force_and_never_claims_the_true_stance() -> None:
    """What a « Faux » statement may claim, per true stance: the force plainly over- or under-stated — a
    support said to be only noted (or decided, where a decision could be taken), a condemnation said to be
    only a worry, a worry about an escalation said to be a condemnation; never a decision on a proposal."""
    from quizgen.generate.force import Candidate
    from quizgen.generate.statements import false_claims

    def claims(stance: str, noun: str) -> tuple[str, ...]:
        return false_claims(Candidate(None, None, stance, noun, "les États membres"))  # type: ignore[arg-type]

    strategy, proposal = "la stratégie de développement de l’OCS", "la proposition de créer une banque"
    assert claims("support", strategy) == ("noted", "decided")
    assert claims("support", proposal) == ("noted",)
    assert claims("noted", strategy) == ("support", "decided")
    assert claims("noted", proposal) == ("support",)
    assert claims("opposed", "les frappes contre les civils") == ("concern",)
    assert claims("concern", "l’escalade des tensions") == ("opposed",)
    assert claims("concern", "la situation humanitaire") == ()
    assert claims("decided", strategy) == ("noted",)
    for own in ("support", "noted", "opposed", "concern", "decided"):
        assert own not in claims(own, strategy)
