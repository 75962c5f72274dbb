"""What a teacher gets from build_quiz: variants that differ, options in a drawn order (or in the recipe's
order when it asks so), answer keys that name the right option, and plain messages when a recipe cannot be
met. Each test is on a pool of given questions, so that it says exactly what the teacher would see."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from export_support import choice, cloze, ordering, truefalse
from quiz_helpers import two_clause_corpus
from quizgen.problems import QuizgenError
from quizgen.question import Question, make_question
from quizgen.quiz import Quiz, build_quiz
from quizgen.recipe import Recipe

STATES = ("la Chine", "l’Inde", "l’Iran", "la Russie", "le Pakistan", "le Kazakhstan", "le Bélarus",
          "l’Ouzbékistan")


def _clozes(n: int) -> list[Question]:
    """n clozes on n different clauses, each asking another state, with three wrong states."""
    return [cloze(f"Phrase {i} : ils saluent ", STATES[i], ".",
                  tuple(s for s in STATES if s != STATES[i])[:3], clause=f"II.{i + 1}") for i in range(n)]


def _build(pool: dict[str, list[Question]], counts: tuple[tuple[str, int], ...], **recipe: object) -> Quiz:
    return build_quiz(two_clause_corpus(), Recipe(id="essai", title="Essai", counts=counts, **recipe),  # type: ignore[arg-type]
                      pool=pool)


def _problems(error: pytest.ExceptionInfo[QuizgenError]) -> str:
    return "\n".join(f"{p.message} — {p.fix}" for p in error.value.problems)


def test_variants_ask_other_questions_while_the_pool_allows() -> None:
    """Four clozes, two per variant: the second variant asks the two the first did not."""
    pool = {"cloze": _clozes(4)}
    quiz = _build(pool, (("cloze", 2),), variants=2, seed=5)
    first, second = ({q.id for q in v.questions} for v in quiz.variants)
    assert len(first) == len(second) == 2 and not first & second
    # A third and fourth variant go round again, still never one question twice in a variant.
    quiz = _build(pool, (("cloze", 2),), variants=6, seed=5)
    asked = Counter(q.id for v in quiz.variants for q in v.questions)
    assert sorted(asked.values()) == [3, 3, 3, 3]


def test_questions_and_options_come_in_a_drawn_order() -> None:
    """Over seeds, the right option is not always A, and the variant does not list its kinds in the order
    the engine picks them (matching first, cloze last)."""
    pool = {"cloze": _clozes(3), "truefalse": [truefalse("Ils saluent l’Inde.", True, clause="I.3")]}
    letters: Counter[str] = Counter()
    first_kinds: Counter[str] = Counter()
    for seed in range(40):
        variant = _build(pool, (("truefalse", 1), ("cloze", 3)), seed=seed).variants[0]
        first_kinds[variant.questions[0].kind] += 1
        for q, key in zip(variant.questions, variant.key, strict=True):
            if q.kind == "cloze":
                letters[key.answer] += 1
                assert key.texts == (q.options[q.answers[0]],) and key.texts[0] in STATES
    assert len(letters) == 4 and min(letters.values()) >= 10, letters
    assert set(first_kinds) == {"truefalse", "cloze"}, first_kinds


def test_a_recipe_may_keep_the_options_in_their_written_order() -> None:
    pool = {"cloze": _clozes(3)}
    quiz = _build(pool, (("cloze", 3),), shuffle_options=False, variants=2)
    by_id = {q.id: q for q in pool["cloze"]}
    for v in quiz.variants:
        for q, key in zip(v.questions, v.key, strict=True):
            assert q.options == by_id[q.id].options and key.answer == "D"


def test_an_ordering_is_never_shown_in_its_answer_order() -> None:
    """Even when the recipe keeps options in place, and even for items that would not be shuffled: the
    last resort moves each item one place, and the key still names the items in the right order."""
    items = ("Sommet d’Astana", "Sommet de Tianjin", "Sommet de Bichkek")
    fixed = make_question(kind="chronology", form="ordering", prompt="Dans l’ordre ?", options=items,
                          answers=(0, 1, 2), citations=ordering(items, (0, 1, 2)).citations, feedback="L’ordre.",
                          difficulty=3, themes=("economie",), shuffle=False)
    for q in (fixed, ordering(items, (0, 1, 2))):
        for seed in range(10):
            quiz = _build({"chronology": [q]}, (("chronology", 1),), seed=seed, shuffle_options=False)
            shown = quiz.variants[0].questions[0]
            assert shown.options != items, seed
            assert tuple(shown.options[a] for a in shown.answers) == items
            assert quiz.variants[0].key[0].texts == items
    shown = _build({"chronology": [fixed]}, (("chronology", 1),)).variants[0].questions[0]
    assert shown.options == (items[1], items[2], items[0]) and shown.answers == (2, 0, 1)


def test_the_key_of_a_true_false_question_is_the_word_to_tick() -> None:
    quiz = _build({"truefalse": [truefalse("Ils saluent l’Inde.", True), truefalse("Ils saluent Cuba.", False)]},
                  (("truefalse", 2),))
    answers = {q.prompt: k.answer for q, k in zip(quiz.variants[0].questions, quiz.variants[0].key, strict=True)}
    assert answers == {"Vrai ou faux ? Ils saluent l’Inde.": "Vrai", "Vrai ou faux ? Ils saluent Cuba.": "Faux"}


def test_two_questions_that_ask_the_same_thing_never_share_a_variant() -> None:
    a, b = (replace_asks(q, "state:IND") for q in _clozes(2))
    c = _clozes(3)[2]
    for seed in range(12):
        ids = {q.id for q in _build({"cloze": [a, b, c]}, (("cloze", 2),), seed=seed).variants[0].questions}
        assert c.id in ids and len(ids & {a.id, b.id}) == 1
    with pytest.raises(QuizgenError) as error:
        _build({"cloze": [a, b]}, (("cloze", 2),))
    assert "variant 1: cannot find 2 cloze question(s)" in _problems(error)
    assert "lower counts.cloze" in _problems(error)


def test_a_question_that_prints_another_answer_is_not_drawn_with_it() -> None:
    asked = cloze("La présidence passe ", "à la République kirghize", ".",
                  ("à la Chine", "à l’Inde", "à la Russie"))
    telling = choice("La présidence passe à la République kirghize : pourquoi ?", ("a", "b", "c"))
    other = choice("Quelle ville accueille le sommet ?", ("Tianjin", "Pékin", "Shanghai"), clause="I.1")
    for seed in range(8):
        kinds = [q.id for q in _build({"cloze": [asked], "choice": [telling, other]},
                                      (("cloze", 1), ("choice", 1)), seed=seed).variants[0].questions]
        assert telling.id not in kinds and other.id in kinds


def test_recipes_that_cannot_be_met_say_why() -> None:
    pool = {"cloze": _clozes(2)}
    with pytest.raises(QuizgenError) as error:
        _build(pool, (("cloze", 3),))
    assert ("the recipe asks for 3 cloze question(s) but its scope and difficulty allow only 2 — lower counts.cloze "
            "to 2 or widen [scope] / difficulty") in _problems(error)
    for seed in (-1, True, "3"):
        with pytest.raises(QuizgenError) as error:
            _build(pool, (("cloze", 1),), seed=seed)
        assert f"bad seed {seed!r} — use a whole number ≥ 0" in _problems(error)
    assert _build(pool, (("cloze", 1),), seed=0).seed == 0
    with pytest.raises(QuizgenError) as error:
        _build(pool, (("cloze", 1),), variants=0)
    assert "bad number of variants 0 — ask for 1 or more" in _problems(error)
    assert len(_build(pool, (("cloze", 1),), variants=1).variants) == 1


def test_a_quiz_carries_its_title_source_and_work_typeset() -> None:
    corpus = two_clause_corpus()
    quiz = build_quiz(corpus, Recipe(id="essai", title="Quiz : partie II", counts=(("cloze", 1),)),
                      pool={"cloze": _clozes(1)})
    assert quiz.title == "Quiz\u00a0: partie II" and quiz.id == "essai" and quiz.time == 30
    assert quiz.source == "Déclaration d’essai" and quiz.work_title
    assert [v.number for v in quiz.variants] == [1]
    assert [k.number for k in quiz.variants[0].key] == [1]


def replace_asks(q: Question, key: str) -> Question:
    from dataclasses import replace

    return replace(q, asks=frozenset({key}))


def test_the_json_export_is_the_documented_record_field_by_field(tmp_path: Path) -> None:
    """The JSON file another tool reads: every field by name, for a quiz of a cloze and a true/false."""
    from dataclasses import replace

    from quizgen.export import json as json_export
    from quizgen.recipe import Scope

    gap = cloze("Ils saluent ", "l’Inde", ".", ("la Chine", "l’Iran"))
    statement = truefalse("Ils saluent l’Inde.", True)
    recipe = Recipe(id="essai", title="Essai", counts=(("cloze", 1), ("truefalse", 1)), seed=3, time=45,
                    difficulty=(1, 2), scope=Scope(sections=("II",), themes=("securite",), clauses=("II.4",)))
    corpus = replace(two_clause_corpus(), credit="Texte : OCS ; traduction")
    quiz = build_quiz(corpus, recipe, pool={"cloze": [gap], "truefalse": [statement]})
    [path] = json_export.write(quiz, tmp_path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith('{\n "credit": ') and text.endswith("\n}\n")  # one field a line, for a diff
    data = json.loads(text)
    questions = {q.id: q for q in quiz.variants[0].questions}

    def record(n: int, q: Question) -> dict[str, object]:
        shown = questions[q.id]
        found: dict[str, object] = {
            "number": n, "time": 45, "id": q.id, "kind": q.kind, "form": q.form, "prompt": q.prompt,
            "options": list(shown.options), "answers": list(shown.answers), "clauses": list(q.clauses),
            "citations": [{"clause": c.clause, "url": c.url, "quote": c.quote} for c in q.citations],
            "feedback": q.feedback, "difficulty": 1, "themes": ["securite"], "actors": list(q.actors)}
        if q.cloze is not None:
            found["cloze"] = list(q.cloze)
        return found

    order = [q.id for q in quiz.variants[0].questions]
    by_id = {gap.id: gap, statement.id: statement}
    key = {k.question: k for k in quiz.variants[0].key}
    assert data == {
        "format": "quizgen-quiz", "version": 1, "id": "essai", "title": "Essai", "seed": 3, "time": 45,
        "source": "Déclaration d’essai", "credit": "Texte\u00a0: OCS\u202f; traduction", "difficulty": [1, 2],
        "scope": {"sections": ["II"], "themes": ["securite"], "clauses": ["II.4"]},
        "variants": [{
            "number": 1,
            "questions": [record(n, by_id[qid]) for n, qid in enumerate(order, 1)],
            "key": [{"number": n, "question": qid, "kind": by_id[qid].kind, "answer": key[qid].answer,
                     "texts": list(key[qid].texts), "clauses": list(by_id[qid].clauses)}
                    for n, qid in enumerate(order, 1)],
        }],
    }
    assert {k["kind"]: k["texts"] for k in data["variants"][0]["key"]} == {"cloze": ["l’Inde"],
                                                                        "truefalse": ["Vrai"]}
    short = replace_asks(gap, "state:IND")
    assert replace(short, short_prompt="… ___ .").to_dict()["short_prompt"] == "… ___ ."
    assert "short_prompt" not in gap.to_dict() and "stems" not in gap.to_dict()


def test_the_pool_keeps_only_the_recipes_difficulty_and_kinds() -> None:
    from quizgen.quiz import build_pool

    corpus = two_clause_corpus()
    easy = build_pool(corpus, Recipe(id="essai", title="Essai", counts=(("cloze", 1), ("choice", 1)), difficulty=(1,)))
    every = build_pool(corpus, Recipe(id="essai", title="Essai", counts=(("cloze", 1), ("choice", 1))))
    assert set(easy) == set(every) == {"cloze", "choice"}
    assert all(q.difficulty == 1 for qs in easy.values() for q in qs)
    assert {q.id for qs in easy.values() for q in qs} < {q.id for qs in every.values() for q in qs}
    assert {q.difficulty for qs in every.values() for q in qs} > {1}


def test_shuffled_matching_keeps_each_stem_with_its_item() -> None:
    from random import Random

    from export_support import matching

    q = matching(("SRAT", "OCS", "UIB", "CEI"), ("Structure régionale", "Organisation de Shanghai",
                                                 "Union interbancaire", "Communauté des États"), (0, 1, 2, 3))
    right = dict(zip(q.stems, q.options, strict=True))
    stem_orders, option_orders = set(), set()
    for seed in range(30):
        shown = q.shuffled(Random(seed))
        assert shown.id == q.id
        assert {s: shown.options[a] for s, a in zip(shown.stems, shown.answers, strict=True)} == right
        stem_orders.add(shown.stems)
        option_orders.add(shown.options)
    assert len(stem_orders) > 5 and len(option_orders) > 5


def test_shuffled_choice_keys_read_in_letter_order_and_orderings_keep_their_sequence() -> None:
    from random import Random

    from export_support import ordering
    from quizgen.quiz import answer_key

    several = choice("Lesquels ?", ("Inde", "Chine", "Brésil", "Iran"), (0, 1, 3))
    items = ("2019", "2021", "2023", "2025")
    chrono = ordering(items, (0, 1, 2, 3))
    for seed in range(20):
        shown = several.shuffled(Random(seed))
        key = answer_key(1, shown)
        assert key.answer == ", ".join(sorted(key.answer.split(", ")))
        assert sorted(key.texts) == ["Chine", "Inde", "Iran"]
        seq = chrono.shuffled(Random(seed))
        assert tuple(seq.options[a] for a in seq.answers) == items


def test_question_ids_follow_what_is_asked_not_the_order_shown() -> None:
    from export_support import matching, ordering

    several = choice("Lesquels ?", ("Inde", "Chine", "Brésil", "Iran"), (0, 1, 3))
    assert choice("Lesquels ?", ("Iran", "Brésil", "Chine", "Inde"), (2, 3, 0)).id == several.id
    assert choice("Lesquels ?", ("Iran", "Brésil", "Chine", "Inde"), (1, 2, 0)).id != several.id
    items = ("2019", "2021", "2023")
    assert ordering(items, (0, 1, 2)).id != ordering(items, (2, 1, 0)).id
    assert ordering(items, (0, 1, 2)).id == ordering(("2021", "2019", "2023"), (1, 0, 2)).id
    stems, options = ("SRAT", "OCS", "UIB"), ("un", "deux", "trois")
    assert matching(stems, options, (0, 1, 2)).id != matching(stems, options, (1, 0, 2)).id
    assert matching(stems, options, (0, 1, 2)).id == matching(stems, ("deux", "un", "trois"), (1, 0, 2)).id


def test_recipe_errors_point_at_the_line_to_change() -> None:
    from quizgen.recipe import parse_recipe

    text = 'title = "Essai"\nseed = 3\nvariants = 2\n\n[counts]\nchoice = 1\ncloze = 2\n'
    recipe = parse_recipe(text, "essai.toml", "essai")
    corpus = two_clause_corpus()
    pool = {"cloze": _clozes(2), "choice": [choice("Où ?", ("a", "b", "c", "d"), clause="I.1")]}
    clash = [replace_asks(q, "state:IND") for q in _clozes(2)]
    cases = [({"seed": -1}, pool, 2), ({"variants": 0}, pool, 3), ({}, {"cloze": _clozes(1), "choice": pool["choice"]}, 7),
             ({}, {"cloze": clash, "choice": pool["choice"]}, 7)]
    for options, found, line in cases:
        with pytest.raises(QuizgenError) as error:
            build_quiz(corpus, recipe, pool=found, **options)  # type: ignore[arg-type]
        assert [(p.file, p.line) for p in error.value.problems] == [("essai.toml", line)], options


# -- issue 17: what the surviving mutants of quiz.py changed, as a teacher would see it ---------------------------


def test_a_two_item_ordering_is_never_shown_in_its_answer_order_over_many_variants() -> None:
    """Two items come out in answer order half the time: over 3000 variants the drawn order runs out eight
    times in a row, and what is shown then must still not be the answer order."""
    items = ("Sommet d’Astana", "Sommet de Tianjin")
    quiz = _build({"chronology": [ordering(items, (0, 1))]}, (("chronology", 1),), variants=3000)
    shown = Counter(v.questions[0].options for v in quiz.variants)
    assert set(shown) == {(items[1], items[0])}, shown
    assert all(tuple(v.questions[0].options[a] for a in v.questions[0].answers) == items for v in quiz.variants)


def _state_choice(i: int, asks: str) -> Question:
    from dataclasses import replace

    return replace(choice(f"Question {i} : qui est nommé en II.{i} ?", (f"État {i}", f"Autre {i}", f"Tiers {i}"),
                          clause=f"II.{i}"), asks=frozenset({asks}))


def test_a_matching_question_that_covers_what_most_choices_ask_is_picked_first() -> None:
    """The matching asks twenty states, twenty choice questions ask one of them each, two ask something else:
    picked first, the matching leaves room for the two; picked after the choices, it would rarely find any."""
    from dataclasses import replace

    from export_support import matching

    states = [f"state:S{i}" for i in range(20)]
    big = replace(matching(("SRAT", "OCS", "UIB"), ("un", "deux", "trois"), (1, 2, 0)), asks=frozenset(states))
    crowded = [_state_choice(i, states[i]) for i in range(20)]
    fair = [_state_choice(20, "place:Astana"), _state_choice(21, "place:Bichkek")]
    for seed in range(5):
        quiz = _build({"matching": [big], "choice": crowded + fair}, (("choice", 2), ("matching", 1)), seed=seed)
        assert {q.id for q in quiz.variants[0].questions} == {big.id, *(q.id for q in fair)}, seed


def test_a_second_variant_repeats_the_only_questions_that_go_together() -> None:
    """P asks what Q and R ask; only Q and R go together. The second variant first tries the question the first
    did not use (P), in vain, then forgets what the first used: it asks Q and R again rather than fail."""
    from dataclasses import replace

    p = replace(_state_choice(1, "x"), asks=frozenset({"x", "y"}))
    q, r = _state_choice(2, "x"), _state_choice(3, "y")
    for seed in range(4):
        quiz = _build({"choice": [p, q, r]}, (("choice", 2),), variants=3, seed=seed)
        assert [{x.id for x in v.questions} for v in quiz.variants] == [{q.id, r.id}] * 3, seed


def test_one_answer_asked_twice_on_one_clause_is_never_in_one_variant() -> None:
    """Two routes to one answer of III.2 (a teacher's question and a generated one): no words leak from one to
    the other, yet a variant asks only one of them."""
    teacher = choice("Qui assurera la présidence de l’OCS ?", ("La République kirghize", "La Chine", "L’Inde",
                                                              "La Russie"), clause="III.2")
    generated = choice("À qui passe la présidence ?", ("à la République kirghize", "à la Chine", "à l’Inde",
                                                         "à la Russie"), clause="III.2")
    other = choice("Quelle ville accueille le sommet ?", ("Tianjin", "Pékin", "Shanghai"), clause="I.1")
    for seed in range(12):
        ids = {x.id for x in _build({"choice": [teacher, generated, other]}, (("choice", 2),),
                                    seed=seed).variants[0].questions}
        assert other.id in ids and len(ids & {teacher.id, generated.id}) == 1, seed


def test_a_question_picked_later_that_prints_an_earlier_answer_is_not_drawn_with_it() -> None:
    """The choice kind is picked before the cloze kind: a cloze whose prompt prints the chosen choice's answer
    must give way to another cloze."""
    asked = choice("Quelle organisation se réunit à Tianjin ?", ("Organisation de coopération de Shanghai",
                                                                   "Union interbancaire", "Structure régionale"),
                   clause="I.1")
    telling = cloze("L’Organisation de coopération de Shanghai ", "se réunit", " à Tianjin.",
                    ("se sépare", "se dissout", "se tait"), clause="I.1")
    quiet = cloze("La présidence passe ", "à la République kirghize", ".", ("à la Chine", "à l’Inde", "à la Russie"),
                  clause="III.2")
    for seed in range(12):
        ids = {x.id for x in _build({"choice": [asked], "cloze": [telling, quiet]}, (("choice", 1), ("cloze", 1)),
                                    seed=seed).variants[0].questions}
        assert ids == {asked.id, quiet.id}, seed


def test_a_variant_that_cannot_be_filled_says_so_in_full() -> None:
    a, b = (replace_asks(q, "state:IND") for q in _clozes(2))
    with pytest.raises(QuizgenError) as error:
        _build({"cloze": [a, b]}, (("cloze", 2),))
    assert _problems(error) == ("variant 1: cannot find 2 cloze question(s) that go with the others without asking "
                                "the same thing twice or giving an answer away — lower counts.cloze (or other "
                                "counts) or widen [scope]")


def test_the_key_of_a_matching_question_is_never_written_with_a_pair_missing() -> None:
    from dataclasses import replace

    from export_support import matching
    from quizgen.quiz import answer_key

    m = matching(("SRAT", "OCS", "UIB"), ("un", "deux", "trois"), (1, 2, 0))
    assert answer_key(1, m).texts == ("SRAT → deux", "OCS → trois", "UIB → un")
    with pytest.raises(ValueError):
        answer_key(1, replace(m, stems=("SRAT", "OCS")))


def test_the_pool_of_a_recipe_scoped_to_one_section_asks_only_that_section() -> None:
    from quizgen.quiz import build_pool
    from quizgen.recipe import Scope

    corpus = two_clause_corpus()
    counts = (("cloze", 1), ("choice", 1), ("truefalse", 1))
    section = {c.id: c.section for c in corpus.clauses}
    whole = build_pool(corpus, Recipe(id="essai", title="Essai", counts=counts))
    second = build_pool(corpus, Recipe(id="essai", title="Essai", counts=counts, scope=Scope(sections=("II",))))
    assert {section[c] for qs in whole.values() for q in qs for c in q.clauses} == {"I", "II"}  # not vacuous
    asked = [q for qs in second.values() for q in qs]
    assert asked and all(section[c] == "II" for q in asked for c in q.clauses)
