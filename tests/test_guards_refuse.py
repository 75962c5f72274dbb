"""Each guard fed the very case it exists to refuse, next to the nearest case it must accept.

The property tests (test_quiz_guards.py) prove that generated questions pass the guards; these prove that
the guards can fail: a guard that accepts everything passes a property test, never these.
"""

from __future__ import annotations

from dataclasses import replace

from export_support import choice, matching, ordering, truefalse
from quiz_helpers import build_clause, two_clause_corpus
from quizgen.corpus import Corpus, Section
from quizgen.generate import GENERATORS
from quizgen.generate.blanks import blank_for
from quizgen.generate.context import Context
from quizgen.guards import (
    TextIndex,
    compatible,
    fact_problem,
    longest_share,
    normalise,
    question_problems,
    quiz_problems,
    shape_problems,
)
from quizgen.question import OrderFact, TagFact, TextFact

CORPUS = two_clause_corpus()
INDEX = TextIndex(CORPUS)


def four(answers: tuple[int, ...] = (0,)) -> object:
    return choice("Lequel ?", ("Inde", "Chine", "Iran", "Russie"), answers)


# -- shapes: answers in range, options unique ------------------------------------------------------------


def test_an_answer_one_past_the_last_option_is_refused() -> None:
    q = four()
    assert not shape_problems(replace(q, answers=(3,)))  # the last option is a valid answer
    assert shape_problems(replace(q, answers=(4,)))  # one past it is not
    assert shape_problems(replace(q, answers=(-1,)))
    assert shape_problems(replace(q, answers=()))
    assert shape_problems(replace(q, answers=(0, 4)))


def test_options_that_read_the_same_are_refused() -> None:
    q = four()
    assert shape_problems(replace(q, options=("Inde", "inde", "Iran", "Russie")))
    assert shape_problems(replace(q, options=("la Chine", "la\u00a0 Chine", "Iran", "Russie")))
    assert shape_problems(replace(q, options=("Inde", " ", "Iran", "Russie")))
    assert shape_problems(replace(q, options=("Inde",), answers=(0,)))
    assert not shape_problems(replace(q, options=("Inde", "Chine"), answers=(1,)))


def test_matching_ordering_and_truefalse_shapes() -> None:
    m = matching(("SRAT", "OCS", "UIB"), ("un", "deux", "trois"), (1, 2, 0))
    assert not shape_problems(m)
    assert shape_problems(replace(m, answers=(1, 1, 0)))  # two stems, one item
    assert shape_problems(replace(m, stems=("SRAT", "OCS")))  # one answer per stem
    o = ordering(("a", "b", "c"), (2, 0, 1))
    assert not shape_problems(o)
    assert shape_problems(replace(o, answers=(2, 0)))
    t = truefalse("La SRAT siège à Tachkent.", True)
    assert not shape_problems(t)
    assert shape_problems(replace(t, answers=(0, 1)))
    many = four((0, 2))
    assert not shape_problems(many)  # several right options are allowed for a choice


def test_normalise_folds_every_space() -> None:
    assert normalise(" la\u00a0Chine \u202f et\n\tl’Inde ") == "la Chine et l’Inde"


# -- facts: the answer in its clause, no distractor also right ---------------------------------------------


def test_text_facts() -> None:
    assert fact_problem(TextFact("se sont réunis à Tianjin", "I.1", True), INDEX) is None
    assert fact_problem(TextFact("se sont réunis à Tianjin", "II.1", True), INDEX)  # wrong clause
    assert fact_problem(TextFact("se sont réunis à Tianjin", None, True), INDEX)
    assert fact_problem(TextFact("se sont réunis à Moscou", None, False), INDEX) is None
    assert fact_problem(TextFact("se sont  réunis à\u00a0Tianjin", None, False), INDEX)  # also right
    assert fact_problem(TextFact("rôle", "I.1", True), INDEX) is None
    assert fact_problem(TextFact("rôle", "I.1", True, unique=True), INDEX)  # also in II.1
    assert fact_problem(TextFact("Tianjin", "I.1", True, unique=True), INDEX) is None
    # no match runs across two clauses
    assert fact_problem(TextFact(CORPUS.clauses[0].text[-5:] + CORPUS.clauses[1].text[:5], None, False),
                        INDEX) is None
    assert INDEX.clauses_with("rôle") == ["I.1", "II.1"] and INDEX.occurs("Douchanbé")


def test_order_facts_refuse_ties_overlaps_and_wrong_order() -> None:
    assert fact_problem(OrderFact(("2024-06", "2025-01-01", "2025-09")), INDEX) is None
    assert fact_problem(OrderFact(("2025-09", "2024-06")), INDEX)
    assert fact_problem(OrderFact(("2025-06-01", "2025-06-01")), INDEX)  # same day: no order
    assert fact_problem(OrderFact(("2025", "2025-06")), INDEX)  # the year holds the month
    assert fact_problem(OrderFact(("2025-06", "2025-06-19")), INDEX)
    assert fact_problem(OrderFact(("2024-11-04/2024-11-05", "2024-11-05")), INDEX)
    assert fact_problem(OrderFact(("2024-11-04/2024-11-05", "2024-11-06")), INDEX) is None


def test_tag_facts() -> None:
    assert fact_problem(TagFact("theme", "economie", "II.1", True), INDEX) is None
    assert fact_problem(TagFact("theme", "economie", "I.1", True), INDEX)
    assert fact_problem(TagFact("theme", "economie", "II.1", False), INDEX)  # a wrong theme that is right
    assert fact_problem(TagFact("theme", "culture", "II.1", False), INDEX) is None
    assert fact_problem(TagFact("section", "II", "II.1", True), INDEX) is None
    assert fact_problem(TagFact("section", "I", "II.1", True), INDEX)
    assert fact_problem(TagFact("state", "IND", "I.1", True), INDEX) is None
    assert fact_problem(TagFact("state", "IND", "II.1", True), INDEX)
    assert fact_problem(TagFact("state", "PAK", "II.1", False), INDEX)
    # within a stretch of the clause only: the Russia is in II.1, not in its first sentence
    first = CORPUS.clause("II.1").text.split(". ")[0]
    assert fact_problem(TagFact("state", "RUS", "II.1", False, within=first), INDEX) is None
    assert fact_problem(TagFact("state", "IRN", "II.1", True, within=first), INDEX) is None
    assert fact_problem(TagFact("state", "RUS", "II.1", True, within=first), INDEX)
    assert fact_problem(TagFact("state", "RUS", "II.1", True, within="absent"), INDEX)
    assert fact_problem(TagFact("state", "IND", "X.9", True), INDEX)  # unknown clause
    assert fact_problem(TagFact("state", "IND", None, True), INDEX)
    assert fact_problem(TagFact("label:state", "IND=Inde", None, True), INDEX) is None
    assert fact_problem(TagFact("label:state", "IND=Iran", None, True), INDEX)
    assert fact_problem(TagFact("label:state", "IND=Iran", None, False), INDEX) is None


def test_role_and_expert_facts() -> None:
    c = two_clause_corpus()
    corpus = Corpus(c.title, c.clauses, c.sections, c.themes, c.labels, extra={
        "roles": [{"state": "KGZ", "role": "présidence"}],
        "claims": [{"expert": "Dupont", "text": "La paix."}]})
    index = TextIndex(corpus)
    assert fact_problem(TagFact("role", "KGZ", None, True, within="présidence"), index) is None
    assert fact_problem(TagFact("role", "KAZ", None, True, within="présidence"), index)
    assert fact_problem(TagFact("role", "KGZ", None, False, within="présidence"), index)
    assert fact_problem(TagFact("expert", "Dupont", None, True, within="La paix."), index) is None
    assert fact_problem(TagFact("expert", "Durand", None, True, within="La paix."), index)
    assert fact_problem(TagFact("expert", "Dupont", None, True, within="La guerre."), index)


def test_question_problems_needs_a_clause_and_a_fact_that_ties_the_answer() -> None:
    q = replace(four(), clauses=("I.1",), facts=(TextFact("Tianjin", "I.1", True),))
    assert not question_problems(q, INDEX)
    assert question_problems(replace(q, clauses=()), INDEX)
    assert question_problems(replace(q, clauses=("IX.1",)), INDEX)
    assert question_problems(replace(q, facts=()), INDEX)
    assert question_problems(replace(q, facts=(TextFact("Moscou", None, False),)), INDEX)
    assert question_problems(replace(q, facts=(TextFact("Tianjin", "I.1", True), TextFact("Tianjin", None, False))),
                             INDEX)


# -- a quiz: nothing asked twice, nothing given away --------------------------------------------------------


def test_compatible_refuses_each_give_away() -> None:
    q = replace(four(), asks=frozenset({"state:IND"}), shows=frozenset({"place:Tianjin"}))
    assert compatible(q, set(), set())
    assert compatible(q, {"state:PAK"}, {"state:RUS"})
    assert not compatible(q, {"state:IND"}, set())  # asked twice
    assert not compatible(q, set(), {"state:IND"})  # another question shows what q asks
    assert not compatible(q, {"place:Tianjin"}, set())  # q shows what another asks
    assert compatible(q, set(), {"place:Tianjin"})  # both showing the same thing is fine


def test_quiz_problems_names_each_give_away() -> None:
    a = replace(four(), id="a", asks=frozenset({"state:IND"}))
    b = replace(four(), id="b", shows=frozenset({"state:IND"}))
    c = replace(four(), id="c", asks=frozenset({"state:PAK"}), shows=frozenset({"place:Tianjin"}))
    assert quiz_problems([a, c]) == []
    assert quiz_problems([a, a])
    assert quiz_problems([a, b]) and quiz_problems([b, a])  # either order
    assert quiz_problems([a, replace(a, id="d")])
    assert any("d" in p for p in quiz_problems([c, replace(a, id="d", asks=frozenset({"place:Tianjin"}))]))


def test_longest_share() -> None:
    long_right = choice("Lequel ?", ("la République de l’Inde", "Chine", "Iran", "Russie"), (0,))
    short_right = choice("Lequel ?", ("la République de l’Inde", "Chine", "Iran", "Russie"), (1,))
    tie = choice("Lequel ?", ("Inde", "Iran", "OCS"), (0,))
    assert longest_share([long_right]) == (1.0, 0.25, 1)
    assert longest_share([short_right]) == (0.0, 0.25, 1)
    assert longest_share([tie]) == (0.5, 1 / 3, 1)  # a tie for longest counts as a fraction
    assert longest_share([truefalse("x.", True), four((0, 1))]) == (0.0, 0.0, 0)
    share, chance, n = longest_share([long_right, short_right])
    assert (share, round(chance, 3), n) == (0.5, 0.25, 2)


# -- generators: wrong options proven wrong before any guard sees them ---------------------------------------


def test_a_theme_distractor_is_never_a_theme_of_the_clause() -> None:
    """Read from the raw generator (before the guard filters): a theme question whose wrong option is also a
    theme of its clause must not be made at all."""
    clauses = [build_clause(f"I.{n}", [f"Texte {n} sur ", ("Tianjin", "place", "Tianjin"), "."],
                            themes) for n, themes in enumerate(
        [("securite", "economie"), ("securite", "culture", "sante"), ("economie",)], 1)]
    c = two_clause_corpus()
    corpus = Corpus(c.title, clauses, [Section("I", "I. Préambule")], c.themes, c.labels)
    labels = corpus.themes
    made = [q for q in GENERATORS["choice"](Context(corpus)) if q.prompt.startswith("À quel thème")]
    assert made  # the case exists: clauses with several themes
    for q in made:
        clause = corpus.clause(q.clauses[0])
        right = {labels[t] for t in clause.themes}
        assert set(q.answer_texts) <= right, q.prompt
        assert not any(o in right for i, o in enumerate(q.options) if i not in q.answers), (q.options, right)


def test_a_blank_never_offers_a_replacement_the_corpus_says() -> None:
    """Two clauses that say the same sentence of two states: in the one about the Pakistan, "de l’Inde" would
    make the other clause's sentence. The blank itself (not the guard after it) must leave it out."""
    c1 = build_clause("I.1", ["Ils saluent le rôle ", ("du Pakistan", "state", "PAK"), " à ",
                              ("Douchanbé", "place", "Douchanbé"), "."])
    c2 = build_clause("I.2", ["Ils saluent le rôle ", ("de l’Inde", "state", "IND"), " à ",
                              ("Douchanbé", "place", "Douchanbé"), "."])
    c3 = build_clause("I.3", ["La coopération ", ("de la Russie", "state", "RUS"), " et ",
                              ("de la Chine", "state", "CHN"), " se renforce."])
    base = two_clause_corpus()
    corpus = Corpus(base.title, [c1, c2, c3], [Section("I", "I. Préambule")], base.themes, base.labels)
    ctx = Context(corpus)
    blank = blank_for(ctx, c1, c1.spans[0])
    assert blank is not None
    texts = [r.text for r in blank.replacements]
    assert "de l’Inde" not in texts  # "Ils saluent le rôle de l’Inde à Douchanbé." is in I.2
    assert {"de la Russie", "de la Chine"} <= set(texts)  # the others stand, written after "rôle"
    assert not any(ctx.index.occurs(r.filled) for r in blank.replacements)
    assert all(r.filled == blank.before + r.text + blank.after for r in blank.replacements)


def test_quiz_problems_remembers_every_earlier_question_and_names_the_keys() -> None:
    a = replace(four(), id="a", asks=frozenset({"state:IND"}))
    b = replace(four(), id="b", asks=frozenset({"state:PAK"}))
    c = replace(four(), id="c", asks=frozenset({"state:IND"}))
    found = quiz_problems([a, b, c])  # c repeats what a asked, with b between them
    assert len(found) == 1 and found[0].startswith("c ") and "state:IND" in found[0] and "PAK" not in found[0]
    shows = replace(four(), id="s", shows=frozenset({"state:PAK", "place:Tianjin"}))
    found = quiz_problems([shows, a, b])  # shown two questions before b: still b's answer given away
    assert len(found) == 1 and "['state:PAK']" in found[0], found
    found = quiz_problems([b, shows])
    assert len(found) == 1 and "['state:PAK']" in found[0], found
    twice = quiz_problems([a, a])
    assert all(isinstance(p, str) and p for p in twice) and any("twice" in p for p in twice)


def test_text_leaks_sees_an_answer_printed_by_another_question() -> None:
    from quizgen.guards import leaked_by, text_leaks

    asked = choice("Quelle organisation ?", ("Organisation de coopération de Shanghai", "Union interbancaire",
                                             "Structure régionale antiterroriste"), (0,))
    telling = choice("L’Organisation de Coopération de Shanghai, fondée en 2001, est-elle…", ("Oui", "Non"))
    quiet = choice("Quand ?", ("2001", "2002"))
    assert leaked_by(asked, telling) == "Organisation de coopération de Shanghai"
    assert leaked_by(asked, quiet) == ""
    assert leaked_by(telling, asked) == ""  # "Oui" is too short to be read as given away
    found = text_leaks([asked, telling, quiet])
    assert len(found) == 1 and telling.id in found[0] and asked.id in found[0]
    assert text_leaks([asked, quiet]) == []
    proof = replace(quiet, evidence=("ont pris note de la proposition",))
    assert leaked_by(proof, choice("Ils ont pris note de la proposition ?", ("Oui", "Non")))
    assert not leaked_by(proof, choice("Ils ont pris note ?", ("Oui", "Non")))
    stems = matching(("ont pris note de la proposition", "b", "c"), ("un", "deux", "trois"), (0, 1, 2))
    assert leaked_by(proof, stems)  # a matching's stems are read too
    assert not leaked_by(replace(asked, form="matching"), telling)  # only choice answers are needles


def test_form_problem_refuses_the_only_acronym_when_it_is_the_answer() -> None:
    from quizgen.guards import form_problem

    names = ("OCS", "Union interbancaire", "Structure antiterroriste", "Banque de développement")
    assert form_problem(choice("Qui ?", names, (0,))) == "form-acronym"
    assert form_problem(choice("Qui ?", names, (1,))) == ""
    acronyms = ("OCS", "UIB", "SRAT", "Banque de développement")
    assert form_problem(choice("Qui ?", acronyms, (3,))) == "form-acronym"
    assert form_problem(choice("Qui ?", acronyms, (0,))) == ""
    assert form_problem(choice("Qui ?", ("OCS", "UIB", "SRAT", "BRICS"), (0,))) == ""
    assert form_problem(choice("Qui ?", ("OCS", "UIB", "Union", "Banque"), (0,))) == ""  # two of each
    assert form_problem(choice("Qui ?", names, (0, 1))) == ""
    assert form_problem(truefalse("x.", True)) == ""


def test_in_answer_order() -> None:
    from quizgen.guards import in_answer_order

    assert in_answer_order(ordering(("a", "b", "c"), (0, 1, 2)))
    assert not in_answer_order(ordering(("a", "b", "c"), (0, 2, 1)))
    assert not in_answer_order(matching(("x", "y", "z"), ("a", "b", "c"), (0, 1, 2)))


def test_available_counts_what_each_kind_can_make() -> None:
    from quizgen.generate import pool as make_pool
    from quizgen.question import KINDS
    from quizgen.quiz import available

    corpus = two_clause_corpus()
    counts = available(corpus)
    assert set(counts) == set(KINDS)
    made = make_pool(corpus)
    assert counts == {k: len(made.get(k, [])) for k in KINDS} and sum(counts.values()) > 0
    first = available(corpus, [corpus.clauses[0]], index=TextIndex(corpus))
    assert all(first[k] <= counts[k] for k in KINDS) and first != counts


def test_text_leaks_sees_a_name_whatever_its_preposition() -> None:
    from export_support import cloze
    from quizgen.guards import leaked_by

    asked = cloze("La présidence passe ", "en République kirghize", ".", ("en République d’Ouzbékistan",
                                                                          "en République du Tadjikistan"))
    telling = choice("Après le sommet, la présidence passe à la République kirghize. Pourquoi ?", ("a", "b"))
    assert leaked_by(asked, telling)


def test_the_quiz_json_and_key_carry_every_field_by_name() -> None:
    """What the JSON export and the teacher's key hold, field by field (mutation found them unread)."""
    from export_support import cloze, quiz_of
    from quizgen.quiz import answer_key

    gap = replace(cloze("Ils saluent ", "l’Inde", ".", ("la Chine", "l’Iran")), short_prompt="… ___ .")
    m = matching(("SRAT", "OCS", "UIB"), ("un", "deux", "trois"), (1, 2, 0))
    data = gap.to_dict()
    assert data["kind"] == "cloze" and data["cloze"] == ["Ils saluent ", "."] and data["short_prompt"] == "… ___ ."
    assert data["citations"] == [{"clause": "II.4", "url": gap.citations[0].url, "quote": "Une citation."}]
    assert data["difficulty"] == 1 and "stems" not in data
    assert m.to_dict()["stems"] == ["SRAT", "OCS", "UIB"] and "cloze" not in m.to_dict()
    key = answer_key(2, m)
    assert key.answer == "1→B, 2→C, 3→A" and key.texts == ("SRAT → deux", "OCS → trois", "UIB → un")
    assert answer_key(1, four((0, 2))).answer == "A, C"
    quiz = quiz_of([gap, m]).to_dict()
    assert [v["number"] for v in quiz["variants"]] == [1]
    assert [k["answer"] for k in quiz["variants"][0]["key"]] == ["C", "1→B, 2→C, 3→A"]


def test_same_question_sees_one_answer_asked_twice_on_one_clause() -> None:
    from quizgen.guards import same_question
    from quizgen.question import Citation, make_question

    def asking(answer: str, clause: str) -> object:
        return make_question(kind="who", form="choice", prompt="Qui ?", options=(answer, "Le Kazakhstan", "La Russie",
                             "L’Inde"), answers=(0,), citations=(Citation(clause, "", ""),), feedback="",
                             difficulty=1, themes=())

    assert same_question(asking("à la République kirghize", "V.4"), asking("La République kirghize", "V.4"))
    assert not same_question(asking("à la République kirghize", "V.4"), asking("La République kirghize", "V.3"))
    assert not same_question(asking("La Chine", "V.4"), asking("La République kirghize", "V.4"))


# -- the indexed guards (issue 15 item 13): the cases the scans refused, refused by the indexes -------------


def test_a_distractor_act_found_on_the_object_anywhere_is_refused_with_its_first_clause() -> None:
    from meaning_corpus import meaning_corpus
    from quizgen.question import ActFact

    index = TextIndex(meaning_corpus())
    treaty = "le Traité sur la non-prolifération des armes nucléaires"
    # "soutenir" is II.2's act on the treaty: asked as a distractor on that object, it is right, so refused —
    # on the whole object, on a part of it and on more than it (one contains the other), in any case.
    for obj in (treaty, "la non-prolifération des armes", treaty.upper() + " et le désarmement"):
        problem = fact_problem(ActFact("II.2", 1, "soutenir", False, "members", obj), index)
        assert problem == f"a wrong option is also right: soutenir bears on {obj!r} in II.2"
    # The same act on an object no act of that kind bears on, or by another actor, is a fair distractor.
    assert fact_problem(ActFact("II.2", 1, "soutenir", False, "members", "le protocole sur la zone"), index) is None
    assert fact_problem(ActFact("II.2", 0, "soutenir", False, "KGZ", treaty), index) is None
    # An object naming a thing that an act of that kind bears on elsewhere may be right: refused too.
    named = fact_problem(ActFact("III.2", 0, "saluer", False, "members", "la présidence de l’OCS"), index)
    assert named == "a wrong option may be right: saluer bears on ['org:OCS'] in I.2"
    assert index.acts_on("soutenir", "members", "armes nucléaires") == index.acts_of("soutenir", "members")
    assert index.acts_on("soutenir", "members", "armes chimiques") == []


def test_a_text_is_found_in_one_clause_only_never_across_two() -> None:
    texts = list(INDEX.texts.values())
    across = texts[0][-12:] + " " + texts[1][:12]
    assert not INDEX.occurs(across) and INDEX.clauses_with(across) == []
    assert INDEX.occurs(texts[1][:40]) and INDEX.clauses_with(texts[1][:40]) == [CORPUS.clauses[1].id]
    assert not INDEX.occurs(texts[1][:40] + "x")


def test_a_synthesis_point_that_does_not_cite_the_clause_is_refused() -> None:
    from meaning_corpus import SYNTHESIS, meaning_corpus

    index = TextIndex(meaning_corpus())
    point = next(p for p in SYNTHESIS if p.get("clauses"))
    cited, other = point["clauses"][0], next(c.id for c in index.corpus.clauses if c.id not in point["clauses"])
    assert fact_problem(TagFact("synthesis", point["id"], cited, True), index) is None
    assert fact_problem(TagFact("synthesis", point["id"], other, True), index)
    assert fact_problem(TagFact("synthesis", point["id"], cited, False), index)
    assert fact_problem(TagFact("synthesis", point["id"] + "-x", cited, True), index)


# -- issue 17: the survivors of mutation testing, each fed the case that tells the guard from its mutant ----------


def test_each_malformed_shape_is_refused_for_its_own_reason_and_counted_as_a_shape() -> None:
    """The reason named is the one that applies, and nothing else (a teacher reading the refusals, the
    pool counting them by :func:`quizgen.generate.refusal`)."""
    from quizgen.generate import refusal

    q = replace(four(), clauses=("I.1",), facts=(TextFact("Tianjin", "I.1", True),))
    m = matching(("SRAT", "OCS", "UIB"), ("un", "deux", "trois"), (1, 2, 0))
    t = truefalse("La SRAT siège à Tachkent.", True)
    cases = {
        "options are not unique": replace(q, options=("Inde", "INDE", "Iran", "Russie")),
        "fewer than two options, or an empty one": replace(q, options=("Inde", "Chine", "", "Russie")),
        "answers do not point at options": replace(q, answers=(4,)),
        "answers are not one option each": replace(m, answers=(1, 1, 0)),
        "one answer per stem is needed": replace(m, stems=("SRAT", "OCS")),
        "a true/false question has one answer": replace(t, answers=(0, 1)),
    }
    for reason, bad in cases.items():
        assert shape_problems(bad) == [reason], reason
    for reason in ("options are not unique", "fewer than two options, or an empty one",
                   "answers do not point at options"):
        assert refusal(cases[reason], INDEX) == "shape", reason


def test_question_problems_names_a_missing_clause_and_an_unproven_key() -> None:
    from quizgen.generate import refusal

    q = replace(four(), clauses=("I.1",), facts=(TextFact("Tianjin", "I.1", True),))
    assert question_problems(replace(q, clauses=("IX.1",)), INDEX) == ["unknown or missing clauses: ['IX.1']"]
    assert question_problems(replace(q, clauses=()), INDEX) == ["unknown or missing clauses: []"]
    assert question_problems(replace(q, facts=()), INDEX) == ["no fact ties the answer to its clause"]
    assert question_problems(replace(q, facts=(TextFact("Moscou", None, False),)), INDEX) == [
        "no fact ties the answer to its clause"]  # a distractor proven wrong does not prove the key
    assert refusal(replace(q, clauses=("IX.1",)), INDEX) == "key-not-proven"
    assert refusal(replace(q, facts=()), INDEX) == "key-not-proven"
    assert question_problems(replace(q, kind="authored", facts=()), INDEX) == []  # a teacher's question


def test_a_chronology_proven_by_its_dates_alone_is_accepted() -> None:
    """An order fact has no ``holds``: it proves the key by itself (and a wrong order is refused)."""
    o = replace(ordering(("juin 2025 : les frappes", "1er septembre 2025 : Tianjin"), (0, 1)), clauses=("II.1", "I.1"),
                facts=(OrderFact(("2025-06", "2025-09-01")),))
    assert question_problems(o, INDEX) == []
    assert question_problems(replace(o, facts=(OrderFact(("2025-09-01", "2025-06")),)), INDEX) == [
        "dates not in strict order: ('2025-09-01', '2025-06')"]


def test_a_key_said_to_be_in_a_clause_the_corpus_does_not_have_is_refused() -> None:
    assert fact_problem(TextFact("Tianjin", "IX.9", True), INDEX) == "answer not in clause IX.9: 'Tianjin'"
    assert fact_problem(TextFact("Tianjin", "IX.9", True, unique=True), INDEX) == (
        "answer not in clause IX.9: 'Tianjin'")


def test_a_text_with_a_character_no_clause_has_does_not_occur() -> None:
    """A NUL in a wrong option: the option is in no clause, even when it joins the end of one clause to the
    start of the next with the separator the guard once joined them with (it then said "occurs")."""
    assert not INDEX.occurs("Tianjin\x00Moscou") and not INDEX.occurs("\x00")
    texts = list(INDEX.texts.values())
    joined = texts[0][-12:] + "\x00" + texts[1][:12]
    assert not INDEX.occurs(joined) and INDEX.clauses_with(joined) == []
    assert fact_problem(TextFact(joined, None, False), INDEX) is None
    assert fact_problem(TextFact("se sont réunis\x00à Tianjin", None, False), INDEX) is None


def test_tag_facts_without_a_clause_on_a_corpus_without_roles_or_claims() -> None:
    """No roles, no experts' claims in the corpus: a key that needs one is not proven, a distractor is fair,
    and the message names no clause it does not have."""
    assert fact_problem(TagFact("role", "KGZ", None, True, within="présidence"), INDEX) == (
        "role 'KGZ' is not where the answer needs it")
    assert fact_problem(TagFact("role", "KGZ", None, False, within="présidence"), INDEX) is None
    assert fact_problem(TagFact("expert", "Dupont", None, True, within="La paix."), INDEX) == (
        "expert 'Dupont' is not where the answer needs it")
    assert fact_problem(TagFact("expert", "Dupont", None, False, within="La paix."), INDEX) is None
    assert fact_problem(TagFact("label:state", "IND=Iran", None, True), INDEX) == (
        "label:state 'IND=Iran' is not where the answer needs it")
    assert fact_problem(TagFact("label:state", "IND=Inde", None, False), INDEX) == (
        "a wrong option is also right: label:state 'IND=Inde'")


def test_an_act_said_to_be_one_past_the_last_act_of_its_clause_is_refused() -> None:
    from meaning_corpus import meaning_corpus
    from quizgen.question import ActFact

    index = TextIndex(meaning_corpus())
    assert fact_problem(ActFact("II.1", 1, "appeler", True), index) is None  # the last act of II.1
    assert fact_problem(ActFact("II.1", 2, "appeler", True), index) == "act 'appeler' is not act 2 of clause II.1"
    assert fact_problem(ActFact("II.1", -1, "appeler", True), index) == "act 'appeler' is not act -1 of clause II.1"


def test_a_wrong_act_on_an_object_that_opens_with_a_name_the_act_bears_on_elsewhere_is_refused() -> None:
    """The members salute a festival of the OCS (I.2): about the OCS's presidency (III.2), "saluer" may be right,
    also when the object starts with the name itself."""
    from meaning_corpus import meaning_corpus
    from quizgen.question import ActFact

    index = TextIndex(meaning_corpus())
    for obj in ("OCS pour la période 2025-2026", "présidence de l’OCS"):
        assert fact_problem(ActFact("III.2", 0, "saluer", False, "members", obj), index) == (
            "a wrong option may be right: saluer bears on ['org:OCS'] in I.2"), obj
    assert fact_problem(ActFact("III.2", 0, "saluer", False, "members", "la période 2025-2026"), index) is None


def test_an_entity_fact_on_a_field_the_entity_does_not_have_does_not_prove_the_key() -> None:
    from meaning_corpus import meaning_corpus
    from quizgen.question import EntityFact

    index = TextIndex(meaning_corpus())
    assert fact_problem(EntityFact("org", "OCS", "label", "Organisation de coopération de Shanghai", True),
                        index) is None
    assert fact_problem(EntityFact("org", "OCS", "capitale", "Pékin", True), index) == (
        "org OCS: capitale is not 'Pékin'")


def test_an_answer_that_opens_another_prompt_is_seen() -> None:
    from quizgen.guards import leaked_by

    asked = choice("Quelle organisation ?", ("Organisation de coopération de Shanghai", "Union interbancaire",
                                             "Structure régionale antiterroriste"), (0,))
    assert leaked_by(asked, choice("Organisation de coopération de Shanghai : fondée quand ?", ("2001", "2002"))) == (
        "Organisation de coopération de Shanghai")
    assert leaked_by(asked, choice("Union interbancaire : fondée quand ?", ("2001", "2002"))) == ""


def test_longest_share_counts_the_choice_questions_after_a_true_false_one() -> None:
    long_right = choice("Lequel ?", ("la République de l’Inde", "Chine", "Iran", "Russie"), (0,))
    assert longest_share([truefalse("x.", True), long_right]) == (1.0, 0.25, 1)
    assert longest_share([four((0, 1)), long_right, truefalse("y.", False)]) == (1.0, 0.25, 1)


def test_same_question_leaves_true_false_out_whichever_comes_first() -> None:
    from quizgen.guards import same_question

    vrai = choice("Cette phrase est-elle dans la déclaration ?", ("Vrai", "Faux", "On ne sait pas"), (0,),
                  clause="I.2")
    statement = truefalse("La SRAT siège à Tachkent.", True, clause="I.2")
    assert not same_question(vrai, statement) and not same_question(statement, vrai)
    assert same_question(vrai, replace(vrai, prompt="Autrement dit ?"))  # the case the rule exists for


def test_answers_without_a_word_are_not_the_same_answer() -> None:
    from quizgen.guards import same_question

    dash = choice("Quel signe ?", ("—", "+", "="), (0,), clause="I.2")
    dots = choice("Quel signe ?", ("…", "+", "="), (0,), clause="I.2")
    assert not same_question(dash, dots)


def test_an_actor_with_no_act_of_a_kind_has_none_to_offer() -> None:
    from meaning_corpus import meaning_corpus

    index = TextIndex(meaning_corpus())
    assert index.acts_of("saluer", "KGZ") == [] and index.acts_on("saluer", "KGZ", "la présidence") == []
    assert [a.clause for a in index.acts_of("saluer", "members")] == ["I.2"]


def test_a_distractor_act_without_a_clause_is_judged_on_its_object_alone() -> None:
    from meaning_corpus import meaning_corpus
    from quizgen.question import ActFact

    index = TextIndex(meaning_corpus())
    treaty = "le Traité sur la non-prolifération des armes nucléaires"
    assert fact_problem(ActFact("", 0, "soutenir", False, "members", treaty), index) == (
        f"a wrong option is also right: soutenir bears on {treaty!r} in II.2")
    assert fact_problem(ActFact("", 0, "soutenir", False, "members", "la présidence de l’OCS"), index) is None


def test_a_key_in_an_unknown_clause_is_refused_however_short() -> None:
    for text in ("Tianjin", "X", "XX", "à"):
        assert fact_problem(TextFact(text, "IX.9", True), INDEX) == f"answer not in clause IX.9: {text!r}"


def test_a_day_then_the_month_that_holds_it_is_not_an_order() -> None:
    assert fact_problem(OrderFact(("2025-06-19", "2025-06")), INDEX) == (
        "dates not in strict order: ('2025-06-19', '2025-06')")
    assert fact_problem(OrderFact(("2024-11-04/2024-11-06", "2024-11-05/2024-11-07")), INDEX)  # overlap
    assert fact_problem(OrderFact(("2025-05-31", "2025-06")), INDEX) is None


def test_what_a_text_names_counts_states_organisations_and_concepts_also_at_the_clause_start() -> None:
    """The things an act's object is about: states, organisations and concepts tagged inside it (not places
    or dates), wherever the object stands in its clause, its first character included."""
    from meaning_corpus import meaning_corpus

    fresh = TextIndex(two_clause_corpus())  # not the module's INDEX: named() caches what it found
    assert fresh.named("I.1", "le rôle de l’Inde dans la lutte contre le terrorisme") == frozenset(
        {"state:IND", "concept:terrorisme"})
    assert fresh.named("I.1", "se sont réunis à Tianjin le 1er septembre 2025") == frozenset()
    assert fresh.named("I.1", "Organisation de coopération de Shanghai se sont réunis") == frozenset({"org:OCS"})
    assert fresh.named("I.1", "un texte absent") == frozenset()
    index = TextIndex(meaning_corpus())
    assert index.named("III.2", "La République kirghize assurera") == frozenset({"state:KGZ"})
    assert index.named("III.1", "La République de Biélorussie, la") == frozenset({"state:BLR"})


def test_a_tag_at_the_very_start_of_its_clause_or_excerpt_is_found() -> None:
    c = two_clause_corpus()
    opening = build_clause("I.2", [("Tianjin", "place", "Tianjin"), " accueille le sommet de l’",
                                   ("OCS", "org", "OCS"), "."])
    corpus = Corpus(c.title, [*c.clauses, opening], c.sections, c.themes, c.labels)
    index = TextIndex(corpus)
    assert fact_problem(TagFact("place", "Tianjin", "I.2", True), index) is None
    assert fact_problem(TagFact("place", "Tianjin", "I.2", False), index) == (
        "a wrong option is also right: place 'Tianjin' in I.2")
    # an excerpt that opens with the name
    assert fact_problem(TagFact("state", "RUS", "II.1", True, within="Russie soutient la multipolarité"),
                        INDEX) is None
    assert fact_problem(TagFact("state", "RUS", "II.1", False, within="Russie soutient la multipolarité"),
                        INDEX) == "a wrong option is also right: state 'RUS' in II.1"


def test_one_option_alone_is_no_odd_form_out() -> None:
    from quizgen.guards import form_problem

    for lone in ("OCS", "Organisation de coopération de Shanghai"):
        assert form_problem(replace(four(), options=(lone,), answers=(0,))) == ""
    assert form_problem(choice("Qui ?", ("OCS", "UIB"), (0,))) == ""  # two acronyms: none stands out
    assert form_problem(choice("Qui ?", ("Union interbancaire", "Banque"), (0,))) == ""


def test_quiz_problems_says_a_repeated_question_appears_twice() -> None:
    a = replace(four(), id="a", asks=frozenset({"state:IND"}))
    assert quiz_problems([a, a]) == ["a question appears twice",
                                     "a asks or shows what another question asks: ['state:IND']"]


def test_a_question_does_not_give_its_own_answer_away() -> None:
    """A question whose prompt prints its own evidence, met twice under one id (shown in another order): no
    leak is reported between the two copies (a repeat is quiz_problems' to report)."""
    import random

    from quizgen.guards import text_leaks

    own = choice("« Ils ont pris note de la proposition » : quel verbe ?", ("prendre note", "saluer", "soutenir"),
                 evidence=("ont pris note de la proposition",))
    again = own.shuffled(random.Random(1))
    assert again.id == own.id and again is not own
    assert text_leaks([own, again]) == []
    other = choice("Ils ont pris note de la proposition : de quoi ?", ("d’un centre", "d’une route"))
    assert text_leaks([own, other]) == [f"{other.id} prints the answer of {own.id}: "
                                        "'ont pris note de la proposition'"]
