"""The stance families (position, decided-or-noted, true/false on the force of an act) as a student and a
teacher read them: the exact stem, short (Kahoot) form, feedback and evidence on a hand-made corpus; the
refusals each guard counts; the balance of the bank on the real corpus (no stance, no wording that pays when
answered blind)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from meaning_corpus import meaning_corpus
from quizgen.corpus import Corpus
from quizgen.generate import pool
from quizgen.generate.context import Context
from quizgen.generate.force import OPTION, candidates, of, short_object, stance, verb_quoted
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
