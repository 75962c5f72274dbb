"""Guards fed the cases mutation testing found unfed: a wrong act the actor does elsewhere to the same thing,
tag facts (a missing excerpt, a distractor that is right), a name of exactly eight letters, a malformed true/false."""

from __future__ import annotations

from meaning_corpus import meaning_corpus
from quizgen.guards import TextIndex, fact_problem
from quizgen.question import ActFact


def test_a_wrong_act_on_a_thing_the_actor_does_it_to_elsewhere_is_refused() -> None:
    index = TextIndex(meaning_corpus())
    # The member states "saluent" a festival of the OCS (I.2): "saluer" cannot be the wrong option about the
    # OCS's presidency (III.2), though the words differ. The OCS ends the object: it still counts.
    problem = fact_problem(ActFact("III.2", 0, "saluer", False, "members", "la présidence de l’OCS"), index)
    assert problem and "may be right" in problem and "org:OCS" in problem
    # About the terrorism they condemn, "saluer" names nothing they salute: accepted.
    assert not fact_problem(ActFact("II.1", 0, "saluer", False, "members", "le terrorisme sous toutes ses formes"),
                            index)
    # Another actor: the OCS is nothing the listed states salute.
    assert not fact_problem(ActFact("III.2", 0, "saluer", False, "listed", "la présidence de l’OCS"), index)


def test_tag_facts_refuse_a_missing_excerpt_and_name_a_distractor_that_is_right() -> None:
    from quiz_helpers import two_clause_corpus
    from quizgen.question import TagFact

    index = TextIndex(two_clause_corpus())
    # II.1 names Pakistan: as a wrong option, it is right; the excerpt must be the clause's own words.
    assert fact_problem(TagFact("state", "PAK", "II.1", False), index) == (
        "a wrong option is also right: state 'PAK' in II.1")
    assert fact_problem(TagFact("state", "PAK", "II.1", True, within="salué le rôle du Pakistan"), index) is None
    assert fact_problem(TagFact("state", "PAK", "II.1", True, within="le rôle de l’Inde"), index) == (
        "excerpt not in clause II.1: 'le rôle de l’Inde'")
    assert fact_problem(TagFact("state", "PAK", "II.1", True, within="à Douchanbé"), index) == (
        "state 'PAK' is not in II.1 where the answer needs it")


def test_a_name_of_exactly_eight_letters_is_seen_in_another_prompt() -> None:
    from export_support import choice, cloze
    from quizgen.guards import leaked_by

    asked = cloze("La SRAT siège ", "à Tachkent", ".", ("à Moscou", "à Pékin", "à Astana"))
    assert leaked_by(asked, choice("Que fait-on à Tachkent ?", ("a", "b", "c")))
    assert not leaked_by(cloze("Ils vont ", "à Astana", ".", ("à Moscou", "à Pékin", "à Tachkent")),
                         choice("Que fait-on à Astana ?", ("a", "b", "c")))  # 6 letters: too common to say


def test_a_true_false_question_with_two_answers_is_refused_as_malformed() -> None:
    from dataclasses import replace

    from export_support import truefalse
    from quiz_helpers import two_clause_corpus
    from quizgen.generate import refusal

    index = TextIndex(two_clause_corpus())
    assert refusal(replace(truefalse("La Russie soutient la multipolarité.", True, clause="II.1"), answers=(0, 1)),
                   index) == "shape"
