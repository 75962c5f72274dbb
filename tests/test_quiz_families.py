"""The comprehension families of issue 11 on a hand-made corpus carrying the v2 tags: every key proven by
the tags, at least three distractors of the key's sub-type, never an alias, part or whole of the key; each
guard fed the case it must refuse; curation (reject, reword, stale mark); the review CLI; typography; leaks."""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from meaning_corpus import meaning_corpus
from quizgen.curation import Curation, Mark, apply_curation, load_curation, stale_marks
from quizgen.generate import pool, refusal
from quizgen.generate.context import Context
from quizgen.generate.force import AGAINST, OPTION
from quizgen.generate.purpose import definition as purpose_definition
from quizgen.guards import TextIndex, fact_problem, leaked_by, question_problems, text_leaks
from quizgen.meaning import read_meaning
from quizgen.problems import QuizgenError
from quizgen.question import ActFact, EntityFact, make_question
from quizgen.quiz import build_quiz
from quizgen.recipe import parse_recipe
from quizgen.review import review
from quizgen.typography import french_typography as typeset

FAMILIES = ("position", "decided", "who", "purpose", "reading", "truefalse")
PLAIN_SPACE = re.compile(r" [;:!?»]|« ")


@pytest.fixture(scope="module")
def bank() -> dict[str, list]:
    return pool(meaning_corpus())


def test_every_family_yields_questions_whose_facts_hold(bank: dict[str, list]) -> None:
    index = TextIndex(meaning_corpus())
    for kind in FAMILIES:
        assert bank[kind], kind
        for q in bank[kind]:
            assert not question_problems(q, index), (kind, q.prompt)
            if q.form == "choice":
                assert len(q.options) >= 4, q.prompt  # the key and at least 3 distractors


def test_position_and_decided_ask_the_stance_never_the_printed_verb(bank: dict[str, list]) -> None:
    # II.3 opposes unilateral coercive measures: the key is the opposition, the distractors three other
    # stances, and no option is a verb of the text (recalling "condamnent" or "s’opposent à" is not reading).
    # II.1 condemns terrorism, which any text of this kind condemns: no stance question is asked on it.
    assert not [q for q in bank["position"] if "II.1" in q.clauses]
    condemned = next(q for q in bank["position"] if "II.3" in q.clauses)
    assert condemned.options[condemned.answers[0]] == typeset(OPTION["opposed"])
    assert {o for i, o in enumerate(condemned.options) if i != condemned.answers[0]} == {
        typeset(OPTION[s]) for s in AGAINST["opposed"]}
    assert "« l’imposition de mesures coercitives unilatérales »" in condemned.prompt.replace("\u202f", " ")
    # I.1 only takes note of a proposal; II.2 signs a protocol: decided or only noted.
    noted = next(q for q in bank["decided"] if "I.1" in q.clauses)
    assert noted.options[noted.answers[0]] == typeset(OPTION["noted"])
    assert typeset(OPTION["decided"]) in noted.options
    signed = next(q for q in bank["decided"] if "protocole" in q.prompt)
    assert signed.options[signed.answers[0]] == typeset(OPTION["decided"])
    verbs = ("prennent note", "saluent", "soutiennent", "condamnent", "appellent", "signent")
    for q in bank["position"] + bank["decided"]:
        assert not any(v in o for o in q.options for v in verbs), q.options
    # "The festival's holding" is not worth a stance question: no question on I.2 in these families.
    assert not [q for q in bank["position"] + bank["decided"] + bank["truefalse"] if "I.2" in q.clauses]


def test_false_statements_change_the_force_and_say_it_in_the_same_words_as_true_ones(
        bank: dict[str, list]) -> None:
    statements = bank["truefalse"]
    assert statements
    for q in statements:
        text = q.prompt.replace("\u202f", " ").replace("\xa0", " ")
        phrase = next(v for v in ("ne font que prendre note", "accueillent favorablement", "adoptent",
                                  "signent", "condamnent", "appellent", "ne font que s’inquiéter",
                                  "s’opposent", "approuvent", "soutiennent", "saluent", "sont favorables")
                      if v in text)
        assert "seulement" not in text  # no give-away word that only false statements carry
        assert phrase
    index = TextIndex(meaning_corpus())
    for q in statements:
        assert not question_problems(q, index)


def test_a_list_of_some_states_is_not_taken_for_the_member_states(bank: dict[str, list]) -> None:
    # III.1: eight states, not "les États membres", reaffirm their support: no position question says
    # "Les États membres réaffirment leur soutien à « Une ceinture, une route »".
    assert not [q for q in bank["position"] + bank["decided"] + bank["truefalse"] if "III.1" in q.clauses]


def test_who_absent_is_india_and_distractors_are_listed_members(bank: dict[str, list]) -> None:
    absent = next(q for q in bank["who"] if "III.1" in q.clauses)
    assert absent.answer_texts == ("Inde",)
    assert "Chine" not in absent.options  # the initiative's author is not offered as "absent"
    assert all(o in ("Inde", "Biélorussie", "Iran", "Kazakhstan", "Kirghizistan", "Pakistan", "Russie",
                     "Tadjikistan", "Ouzbékistan") for o in absent.options)
    actor = next(q for q in bank["who"] if "III.2" in q.clauses)
    assert actor.answer_texts == ("Kirghizistan",) and "assurera la présidence" in actor.prompt


def test_purpose_distractors_share_the_subtype_and_are_never_aliases(bank: dict[str, list]) -> None:
    meaning = read_meaning(meaning_corpus())
    by_definition = {purpose_definition(e): e for e in meaning.entities["org"].values()}
    for q in bank["purpose"]:
        key = by_definition[q.options[q.answers[0]].replace("\u202f", " ").replace("\xa0", " ")]
        for i, option in enumerate(q.options):
            other = by_definition[option.replace("\u202f", " ").replace("\xa0", " ")]
            assert other.subtype == key.subtype
            if i != q.answers[0]:
                assert not meaning.related("org", other.key, key.key)


def test_alias_part_and_same_act_elsewhere_are_refused_as_distractors() -> None:
    index = TextIndex(meaning_corpus())
    # OIAC is the CIAC's alias, AGNU a part of the ONU: never offered against each other.
    assert fact_problem(EntityFact("org", "OIAC", "definition", "x", False, "CIAC"), index)
    assert fact_problem(EntityFact("org", "AGNU", "definition", "x", False, "ONU"), index)
    assert not fact_problem(EntityFact("org", "TNP", "definition", "x", False, "CIAC"), index)
    # "soutenir" cannot be a wrong answer about the TNP: the member states do support it (II.2).
    assert fact_problem(ActFact("II.2", 0, "soutenir", False, "members", "le Traité sur la non-prolifération "
                                "des armes nucléaires"), index)
    assert not fact_problem(ActFact("II.2", 0, "saluer", False, "members", "le Traité sur la non-prolifération "
                                    "des armes nucléaires"), index)
    # The key must be the clause's own act.
    assert fact_problem(ActFact("I.1", 0, "saluer", True, "members"), index)


def test_each_guard_refuses_its_case() -> None:
    corpus = meaning_corpus()
    index = TextIndex(corpus)
    ctx = Context(corpus)
    base = pool(corpus)["reading"][0]
    cut = replace(base, prompt="Quel point ? « … ont pris note de la proposition de créer un centre d’études stratégiques »")
    dangling = replace(base, prompt="Quel point ? « Ils appellent à une coordination étroite sous l’égide du Conseil »")
    unbalanced = replace(base, prompt="Quel point ? « Les États membres saluent la tenue du festival")
    few = replace(base, options=base.options[:3])
    acronym = make_question(kind="cloze", form="choice", prompt="Qui ?", options=("OCS", "Union interbancaire",
                            "Conseil d’affaires", "Organisation mondiale"), answers=(0,),
                            citations=(ctx.cite(corpus.clause("I.2"), "OCS"),), feedback="", difficulty=1,
                            themes=(), facts=base.facts)
    assert refusal(cut, index) == "passage-cut"
    assert refusal(dangling, index) == "passage-dangling"
    assert refusal(unbalanced, index) == "passage-unbalanced"
    assert refusal(few, index) == "fewer-than-3-distractors"
    assert refusal(acronym, index) == "form-acronym"
    assert refusal(base, index) == ""


def test_refusals_are_counted_per_guard() -> None:
    refused: Counter[str] = Counter()
    pool(meaning_corpus(), refused=refused)
    assert all(":" in key for key in refused)  # "kind:guard", as the report prints them


def test_every_text_is_typeset(bank: dict[str, list]) -> None:
    for questions in bank.values():
        for q in questions:
            for text in (q.prompt, q.feedback, *q.options, *q.stems):
                assert not PLAIN_SPACE.search(text), text
                assert "'" not in text, text


def test_feedback_says_why_quotes_once_and_cites(bank: dict[str, list]) -> None:
    for kind in ("position", "decided", "who", "reading", "truefalse"):
        for q in bank[kind]:
            assert f"(§\u00a0{q.clauses[0]})" in q.feedback or f"(§ {q.clauses[0]})" in q.feedback, q.feedback
            assert q.feedback.count("dit\u00a0: «") == 1
            assert q.citations[0].url


def test_leak_check_reads_the_text() -> None:
    corpus = meaning_corpus()
    found = pool(corpus)
    position = next(q for q in found["decided"] if "I.1" in q.clauses)
    reading = next(q for q in found["reading"] if "I.1" in q.clauses)
    # The reading question shows the I.1 sentence, which says "ont pris note de la proposition": it gives
    # the decided-or-noted question's answer away; the check finds it from the words alone.
    assert leaked_by(position, reading)
    assert text_leaks([position, reading])
    other = next(q for q in found["position"] if "II.3" in q.clauses)
    assert not leaked_by(position, other)


def test_a_built_quiz_has_no_leak_and_no_ordering_in_answer_order() -> None:
    corpus = meaning_corpus()
    recipe = parse_recipe('title = "t"\nvariants = 6\n[counts]\ndecided = 1\nreading = 2\nposition = 1\n')
    quiz = build_quiz(corpus, recipe)
    for variant in quiz.variants:
        assert not text_leaks(variant.questions)


def _recipe(tmp_path: Path, curation: str = "") -> Path:
    path = tmp_path / "essai.toml"
    path.write_text('title = "Essai"\nvariants = 2\n[counts]\ndecided = 1\nreading = 2\n', encoding="utf-8")
    if curation:
        (tmp_path / "curation").mkdir()
        (tmp_path / "curation" / "marks.toml").write_text(curation, encoding="utf-8")
    return path


def test_curation_rejects_rewords_and_survives_regeneration(tmp_path: Path) -> None:
    from quizgen.recipe import load_recipe

    corpus = meaning_corpus()
    bank = pool(corpus)
    rejected, reworded = bank["decided"][0].id, bank["reading"][0].id
    _recipe(tmp_path, f'[{rejected}]\nstatus = "rejected"\n\n[{reworded}]\nstatus = "reworded"\n'
                      'prompt = "Quel point de la synthèse résume ce passage ? Lisez bien."\n')
    recipe = load_recipe(tmp_path / "essai.toml")
    for _ in range(2):  # the marks apply on every build: they survive regeneration
        quiz = build_quiz(corpus, recipe)
        asked = {q.id: q for v in quiz.variants for q in v.questions}
        assert rejected not in asked
        if reworded in asked:
            assert asked[reworded].prompt.endswith("Lisez bien.")
    from quizgen.quiz import build_pool

    assert rejected not in {q.id for q in build_pool(corpus, recipe)["decided"]}
    assert any(q.id == reworded and q.prompt.endswith("Lisez bien.") for q in build_pool(corpus, recipe)["reading"])


def test_a_stale_mark_is_reported_with_file_and_line(tmp_path: Path) -> None:
    _recipe(tmp_path, '# marks\n\n[q-000000000000]\nstatus = "rejected"\n')
    curation = load_curation(tmp_path / "curation" / "marks.toml")
    ids = {q.id for qs in pool(meaning_corpus()).values() for q in qs}
    [problem] = stale_marks(curation, ids)
    assert problem.file.endswith("marks.toml") and problem.line == 3 and "no longer exists" in problem.message


def test_a_bad_mark_stops_with_file_and_line(tmp_path: Path) -> None:
    _recipe(tmp_path, '[q-1]\nstatus = "maybe"\n')
    with pytest.raises(QuizgenError) as err:
        load_curation(tmp_path / "curation" / "marks.toml")
    assert err.value.problems[0].line == 1 and "status" in err.value.problems[0].message


def test_review_cli_writes_the_marks_from_stdin(tmp_path: Path) -> None:
    from quizgen.recipe import load_recipe

    corpus = meaning_corpus()
    recipe = load_recipe(_recipe(tmp_path))
    answers = io.StringIO("a\nr distracteur faible\ne\nNouvel énoncé ?\n\nq\n")
    out = io.StringIO()
    assert review(corpus, recipe, answers, out) == 0
    marks = load_curation(tmp_path / "curation" / "marks.toml").marks
    assert sorted(m.status for m in marks.values()) == ["accepted", "rejected", "reworded"]
    assert any(m.note == "distracteur faible" for m in marks.values())
    assert any(m.prompt == "Nouvel énoncé ?" for m in marks.values())
    # The next review shows only what is not marked yet.
    out2 = io.StringIO()
    review(corpus, recipe, io.StringIO("q\n"), out2)
    bank = pool(corpus, kinds=("decided", "reading"))
    assert out2.getvalue().startswith(f"{len(bank['decided']) + len(bank['reading']) - 3} question(s)")


def test_apply_curation_drops_rejected_only() -> None:
    bank = pool(meaning_corpus())
    q = bank["reading"][0]
    kept = apply_curation({"reading": bank["reading"]}, Curation("c.toml", {q.id: Mark(q.id, "rejected", 1)}))
    assert q.id not in {x.id for x in kept["reading"]} and len(kept["reading"]) == len(bank["reading"]) - 1


def test_prompts_name_the_work_from_its_metadata() -> None:
    work = {"title": "Déclaration des droits", "short": "la Déclaration de 1789", "gender": "f",
            "of": "de la Déclaration de 1789", "in": "dans la Déclaration de 1789"}
    bank = pool(meaning_corpus(work))
    texts = [q.prompt + q.feedback for qs in bank.values() for q in qs]
    assert texts and not any("la déclaration" in t for t in texts)
    assert any("la Déclaration de 1789" in t for t in texts)


def test_no_plain_space_in_any_built_export_json(tmp_path: Path) -> None:
    from quizgen.export import export

    corpus = meaning_corpus()
    recipe = parse_recipe('title = "Essai : typographie !"\nvariants = 3\n[counts]\ndecided = 1\nreading = 1\n'
                          'truefalse = 1\nwho = 1\n')
    export([build_quiz(corpus, recipe)], ["json"], tmp_path)
    import json

    data = json.loads((tmp_path / "quiz.json").read_text(encoding="utf-8"))
    texts = [t for v in data["variants"] for q in v["questions"]
             for t in (q["prompt"], q["feedback"], *q["options"], *(c["quote"] for c in q["citations"]))]
    assert texts
    for text in texts:
        assert not PLAIN_SPACE.search(text), text


def test_stance_options_are_all_of_one_length() -> None:
    # The key must never be told by its length: every stance's option has the same number of characters.
    assert len({len(typeset(o)) for o in OPTION.values()}) == 1


def test_short_forms_fit_kahoot_and_mark_their_cuts(bank: dict[str, list]) -> None:
    # A short form is a whole question of at most 120 characters; a cut in a quoted object is marked « […] »
    # and never falls after "et" or "de"; short options, where given, are as many as the options.
    for questions in bank.values():
        for q in questions:
            if not q.short_prompt:
                continue
            assert len(q.short_prompt) <= 120, q.short_prompt
            assert not re.search(r"\b(?:et|de|du|des|à|la|le|les)\s\[…\]", q.short_prompt), q.short_prompt
            if q.short_options:
                assert len(q.short_options) == len(q.options)
                assert all(len(o) <= 75 for o in q.short_options)


def test_short_options_follow_their_options_when_shuffled() -> None:
    import random

    q = make_question(kind="purpose", form="choice", prompt="Quelle définition ?", options=("a", "b", "c", "d"),
                      answers=(0,), citations=(), feedback="", difficulty=1, themes=(),
                      short_prompt="Lequel ?", short_options=("A", "B", "C", "D"))
    for seed in range(20):
        s = q.shuffled(random.Random(seed))
        assert [o.upper() for o in s.options] == list(s.short_options)
        assert s.short_options[s.answers[0]] == "A"
