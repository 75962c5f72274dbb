"""The act guard on a distractor: a wrong act is refused when the same actor does that act, elsewhere, on
something the distractor's object names, even in other words (mutation testing found this case unfed)."""

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
