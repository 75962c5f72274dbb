"""The older families (corpora without acts) as a student reads them, on small hand-written declarations:
what each question asks, its options, its key and its feedback. Mutation testing found these unread."""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import replace
from typing import Any

from quiz_helpers import ORG_LABELS, STATE_LABELS, THEMES, build_clause, synthetic_corpus
from quizgen.corpus import Clause, Corpus, Section
from quizgen.generate import pool
from quizgen.question import Question
from quizgen.typography import french_typography


def _corpus(clauses: list[Clause], sections: int = 2, **extra: Any) -> Corpus:
    romans = ["I", "II", "III", "IV", "V"][:sections]
    return Corpus("Déclaration d’essai", clauses, [Section(r, f"{r}. Partie {r}") for r in romans], dict(THEMES),
                  {"state": dict(STATE_LABELS), "org": dict(ORG_LABELS)}, extra=dict(extra))


def _key(q: Question) -> list[tuple[str, str]]:
    return [(s, q.options[a]) for s, a in zip(q.stems, q.answers, strict=True)]


def test_a_number_is_asked_among_other_whole_numbers_in_the_same_words() -> None:
    corpus = _corpus([
        build_clause("I.1", ["Les dirigeants de ", ("15 États", "number", "15"), " se sont réunis à ",
                             ("Tianjin", "place", "Tianjin"), "."]),
        build_clause("II.1", [("Quarante délégations", "number", "40"), " ont signé."]),
        build_clause("II.2", ["La ", ("Russie", "state", "RUS"), " soutient la ",
                              ("multipolarité", "concept", "multipolarité"), "."])])
    [q] = [q for q in pool(corpus)["cloze"] if q.clauses == ("I.1",)]
    assert q.answer_texts == ("de 15 États",)
    _other_numbers(q, "de {} États")


def test_a_sentence_opening_on_a_number_keeps_its_capital() -> None:
    corpus = _corpus([
        build_clause("I.1", [("Les 15 États", "number", "15"), " se sont réunis à ", ("Tianjin", "place", "Tianjin"),
                             "."]),
        build_clause("II.2", ["La ", ("Russie", "state", "RUS"), " soutient la ",
                              ("multipolarité", "concept", "multipolarité"), "."])])
    [q] = [q for q in pool(corpus)["cloze"] if q.clauses == ("I.1",)]
    assert q.answer_texts == ("Les 15 États",)
    _other_numbers(q, "Les {} États")


def _other_numbers(q: Question, words: str) -> None:
    """Three made-up numbers in the same words: 15 ± 5, 15 ± 10 or twice 15, whole, each once."""
    wrong = [o for o in q.options if o != words.format(15)]
    assert len(wrong) == 3 == len(set(wrong))
    assert set(wrong) <= {words.format(n) for n in (5, 10, 20, 25, 30)}, wrong


def test_the_part_of_a_passage_is_asked_among_three_other_parts() -> None:
    corpus = synthetic_corpus(4, clauses=25, sections=5)
    asked = [q for q in pool(corpus)["attribution"] if q.prompt.startswith("Dans quelle partie")]
    assert len(asked) >= 10
    for q in asked:
        clause = corpus.clause(q.clauses[0])
        assert len(q.options) == 4 and len(set(q.options)) == 4
        assert q.answer_texts == (f"{clause.section}. Partie {clause.section}",)
        assert all(o.split(".")[0] in ("I", "II", "III", "IV", "V") for o in q.options)
        assert q.citations[0].quote.strip("…") in french_typography(clause.text)


def _roles_corpus(**extra: Any) -> Corpus:
    clauses = [build_clause(f"V.{i + 1}", ["La ", (name, "state", code), " exerce un rôle."])
               for i, (code, name) in enumerate([("KAZ", "Kazakhstan"), ("IND", "Inde"), ("CHN", "Chine"),
                                                 ("RUS", "Russie")])]
    return _corpus(clauses, sections=5, **extra)


ROLES = [{"state": "KAZ", "role": "présidence 2024-2025", "clauses": ["V.1"]},
         {"state": "IND", "role": "hôte du sommet de 2023", "clauses": ["V.2"]},
         {"state": "CHN", "role": "présidence 2025-2026", "clauses": ["V.3"]},
         {"state": "RUS", "role": "hôte du sommet de 2020", "clauses": ["V.4"]}]


def test_states_are_matched_with_the_roles_the_corpus_gives_them() -> None:
    corpus = _roles_corpus(roles=[*ROLES, {"state": "PAK", "role": "sans clause"},
                                  {"state": "IRN", "role": "hors texte", "clauses": ["IX.9"]}])
    [q] = [q for q in pool(corpus)["matching"] if q.prompt.startswith("Associez chaque État")]
    assert q.prompt == "Associez chaque État au rôle que lui donne la déclaration."
    assert _key(q) == [("Kazakhstan", "présidence 2024-2025"), ("Inde", "hôte du sommet de 2023"),
                       ("Chine", "présidence 2025-2026"), ("Russie", "hôte du sommet de 2020")]
    assert [c.clause for c in q.citations] == ["V.1", "V.2", "V.3", "V.4"]
    assert q.feedback.startswith("Les bonnes associations\u00a0: Kazakhstan → présidence 2024-2025 (V.1)\u202f; ")
    assert q.actors == ()
    assert q.asks == frozenset({"role:KAZ", "role:IND", "role:CHN", "role:RUS"})


def test_no_role_matching_without_three_usable_roles() -> None:
    for roles in ([], ROLES[:2], [*ROLES[:2], {"state": "CHN", "role": 3, "clauses": ["V.3"]}],
                  [*ROLES[:2], {"state": "CHN", "role": "x", "clauses": []}]):
        assert not [q for q in pool(_roles_corpus(roles=roles))["matching"] if "rôle" in q.prompt], roles


def test_three_events_make_a_matching_of_three() -> None:
    """A short text with three dated events: one matching of three, each passage with its own date."""
    texts = [("Astana", "2024-07-04", "4 juillet 2024"), ("Tianjin", "2025-09-01", "1er septembre 2025"),
             ("Bichkek", "2026-06-15", "15 juin 2026")]
    clauses = [build_clause(f"I.{i + 1}", ["Le sommet s’est tenu à ", (place, "place", place), " le ",
                                           (words, "date", iso), "."]) for i, (place, iso, words) in enumerate(texts)]
    found = [q for q in pool(_corpus(clauses, sections=1))["matching"] if "à la date" in q.prompt]
    assert len(found) == 1
    [q] = found
    assert sorted(q.stems) == sorted(f"Le sommet s’est tenu à {place} […]." for place, _, _ in texts)
    assert sorted(q.options) == sorted(french_typography(words) for _, _, words in texts)
    for stem, option in _key(q):
        place = next(p for p, _, words in texts if french_typography(words) == option)
        assert place in stem and option not in stem


def _authored(*questions: dict[str, Any]) -> tuple[list[Question], list[tuple[str, int, str, str]]]:
    from quiz_helpers import two_clause_corpus
    from quizgen.generate import authored

    corpus = two_clause_corpus()
    corpus.extra["questions"] = list(questions)
    found, problems = authored.read(corpus)
    return found, [(p.file, p.line, p.message, p.fix) for p in problems]


def test_an_authored_question_keeps_the_teachers_key_however_it_is_written() -> None:
    base = {"prompt": "Le sommet a-t-il eu lieu à Tianjin ?", "clauses": ["I.1", "II.1"]}
    found, problems = _authored({**base, "kind": "truefalse", "answers": ["faux"], "id": "liste"},
                                {**base, "kind": "truefalse", "answers": "Faux", "id": "seul"},
                                {**base, "kind": "truefalse", "answers": [True], "id": "vrai"},
                                {**base, "kind": "choice", "options": ["Tianjin", "Pékin"], "answers": "Tianjin",
                                 "id": "ville"},
                                {**base, "kind": "choice", "options": ["Tianjin", "Pékin", "Xi’an"], "answers": [2, 0],
                                 "id": "deux"})
    assert problems == []
    keys = {q.id: q.answer_texts for q in found}
    assert keys == {"liste": ("Faux",), "seul": ("Faux",), "vrai": ("Vrai",), "ville": ("Tianjin",),
                    "deux": ("Tianjin", "Xi’an")}
    # The feedback cites the clauses and quotes the first one once, as the generated questions' does.
    assert all("(§ I.1, § II.1). La déclaration (§ I.1) dit : « " in q.feedback for q in found)


def test_a_bad_authored_question_is_reported_with_its_fix_and_where_it_is() -> None:
    _, problems = _authored({"kind": "choice", "prompt": "Où ?", "options": ["Tianjin", " tianjin"], "answers": [0],
                             "clauses": ["I.1"]})
    assert problems == [("corpus.json (question 1)", 0, "two options are the same", "make every option different")]


def test_the_theme_of_a_passage_is_asked_among_themes_it_does_not_have() -> None:
    corpus = synthetic_corpus(3, clauses=20)
    asked = [q for q in pool(corpus)["choice"] if q.prompt.startswith("À quel thème")]
    assert len(asked) >= 10
    for q in asked:
        clause = corpus.clause(q.clauses[0])
        mine = {THEMES[t] for t in clause.themes}
        assert q.form == "choice" and len(q.options) == 4 and len(q.answers) == 1
        assert q.answer_texts[0] in mine and not mine & (set(q.options) - set(q.answer_texts))
        assert f"({clause.id})" in q.prompt and q.feedback.startswith(f"Thème\u00a0: {q.answer_texts[0]}.")



def test_an_authored_id_used_twice_is_reported_where_the_second_is() -> None:
    question = {"kind": "truefalse", "prompt": "Vrai ?", "answers": [True], "clauses": ["I.1"], "id": "hote"}
    found, problems = _authored({**question, "source": {"file": "docs/quiz.md", "line": 12}},
                                {**question, "prompt": "Autre ?", "source": {"file": "docs/quiz.md", "line": 30}})
    assert [q.id for q in found] == ["hote"]
    assert problems == [("docs/quiz.md", 30, "question id 'hote' is used twice (also docs/quiz.md:12)",
                         "give each question its own id")]


def test_a_place_named_twice_in_one_sentence_does_not_hide_the_next_events() -> None:
    """« à Tianjin … à Tianjin » cannot be masked once; the clause's later dated events are still asked."""
    texts = [("Astana", "2024-07-04", "4 juillet 2024"), ("Bichkek", "2026-06-15", "15 juin 2026"),
             ("Douchanbé", "2021-09-17", "17 septembre 2021")]
    first = build_clause("I.1", ["Le sommet s’est tenu à ", ("Tianjin", "place", "Tianjin"), " le ",
                                 ("1er septembre 2025", "date", "2025-09-01"), ", puis à ", ("Tianjin", "place", "Tianjin"),
                                 ". La réunion a eu lieu à ", ("Astana", "place", "Astana"), " le ",
                                 ("4 juillet 2024", "date", "2024-07-04"), "."])
    others = [build_clause(f"I.{i + 2}", ["Le sommet s’est tenu à ", (place, "place", place), " le ",
                                          (words, "date", iso), "."]) for i, (place, iso, words) in enumerate(texts[1:])]
    asked = [q for q in pool(_corpus([first, *others], sections=1))["matching"] if "au lieu" in q.prompt]
    assert asked and all(sorted(q.options) == ["Astana", "Bichkek", "Douchanbé"] for q in asked)


def test_made_up_numbers_under_ten_stay_whole() -> None:
    corpus = _corpus([
        build_clause("I.1", ["Les dirigeants de ", ("8 États", "number", "8"), " se sont réunis à ",
                             ("Tianjin", "place", "Tianjin"), "."]),
        build_clause("II.2", ["La ", ("Russie", "state", "RUS"), " soutient la ",
                              ("multipolarité", "concept", "multipolarité"), "."])])
    [q] = [q for q in pool(corpus)["cloze"] if q.clauses == ("I.1",)]
    wrong = [o for o in q.options if o != "de 8 États"]
    assert len(wrong) == 3 and set(wrong) <= {f"de {n} États" for n in (3, 13, 16, 18)}, wrong


def test_a_cloze_is_tagged_with_the_states_and_bodies_its_passage_names() -> None:
    """The exports' tags (Moodle, Anki): the asked state and those the passage shows."""
    from quiz_helpers import two_clause_corpus

    actors = {q.answer_texts[0]: q.actors for q in pool(two_clause_corpus())["cloze"]}
    assert actors["du Pakistan"] == ("IRN", "PAK") and actors["de l’Inde"] == ("IND",)
    assert actors["à Tianjin"] == ("OCS",)


def test_authored_questions_that_cannot_be_read_say_how_to_mend_them() -> None:
    _, problems = _authored("pas un objet", {"kind": "truefalse", "prompt": "Vrai ?", "answers": [True],
                                             "clauses": ["Z.9"], "source": {"file": "docs/q.md", "line": "12"}})
    assert problems == [("corpus.json", 0, "authored question 1 is not an object", "rebuild the corpus"),
                        ("docs/q.md", 0, "unknown clause 'Z.9'", "cite an existing clause id, e.g. II.3")]


def test_a_place_without_a_date_does_not_hide_the_clauses_later_events() -> None:
    """« … à Moscou. Le sommet s’est tenu à Astana le 4 juillet 2024. »: Moscou is no event (no date in its
    sentence), Astana, later in the same clause, is one."""
    first = build_clause("I.1", ["Une réunion a eu lieu à ", ("Moscou", "place", "Moscou"),
                                 ". Le sommet s’est tenu à ", ("Astana", "place", "Astana"), " le ",
                                 ("4 juillet 2024", "date", "2024-07-04"), "."])
    others = [build_clause(f"I.{i + 2}", ["Le sommet s’est tenu à ", (place, "place", place), " le ",
                                          (words, "date", iso), "."])
              for i, (place, iso, words) in enumerate([("Bichkek", "2026-06-15", "15 juin 2026"),
                                                       ("Douchanbé", "2021-09-17", "17 septembre 2021")])]
    asked = [q for q in pool(_corpus([first, *others], sections=1))["matching"] if "au lieu" in q.prompt]
    assert asked and all(sorted(q.options) == ["Astana", "Bichkek", "Douchanbé"] for q in asked)


def test_true_false_without_acts_cites_the_true_sentence_and_rates_a_swapped_name_easier() -> None:
    corpus = synthetic_corpus(4, clauses=25, sections=5)
    statements = pool(corpus, kinds=("truefalse",))["truefalse"]
    def flat(text: str) -> str:
        return text.replace("\u202f", " ").replace("\u00a0", " ")

    plain = {q.id: flat(q.prompt) for q in statements}
    printed = {c.id: flat(french_typography(c.text)) for c in corpus.clauses}
    true = [q for q in statements if q.answer_texts == ("Vrai",)]
    false = [q for q in statements if q.answer_texts == ("Faux",)]
    assert true and false
    for q in statements:
        # Exported as true/false, « Vrai » before « Faux » in every copy, even where a quiz shuffles options.
        assert (q.kind, q.form, q.options) == ("truefalse", "truefalse", ("Vrai", "Faux"))
        assert all(q.shuffled(random.Random(seed)).options == ("Vrai", "Faux") for seed in range(8))
    for q in true:
        # The citation quotes the very sentence stated, as the clause has it.
        (cite,) = q.citations
        assert plain[q.id].endswith(f"« {flat(cite.quote)} »") and flat(cite.quote) in printed[cite.clause]
        assert flat(q.feedback) == f"Vrai. La déclaration (§ {cite.clause}) dit : « {flat(cite.quote)} »"
        assert q.difficulty == 1  # the sentence as it stands: the easiest
        assert any(k.startswith("sentence:") for k in q.asks)  # one statement per sentence in a quiz
        clause = corpus.clause(cite.clause)
        at = clause.text.index(cite.quote) if cite.quote in clause.text else -1
        if at >= 0:
            named = {s.value for s in clause.spans if s.type in ("state", "org")
                     and at <= s.start and s.end <= at + len(cite.quote)}
            assert set(q.actors) == named, q.prompt
    swapped: Counter[str] = Counter()
    for q in false:
        (cite,) = q.citations
        assert flat(cite.quote) in printed[cite.clause] and flat(cite.quote) not in plain[q.id]
        (asked,) = [k for k in q.asks if not k.startswith("sentence:")]
        kind, value = asked.split(":", 1)
        # « Faux : il ne s’agit pas de « Almaty » mais de « Tachkent ». » and the clause quoted as it stands.
        swap, answer = re.fullmatch(r"Faux : il ne s’agit pas de « (.+) » mais de « (.+) »\. La déclaration "
                                    r"\(§ [IVX]+\.\d+\) dit : « (?:.+) »", flat(q.feedback)).groups()
        assert flat(q.feedback).endswith(f"« {flat(cite.quote)} »")
        # The statement is the cited sentence with the answer swapped for the wrong value.
        assert plain[q.id] == f"Vrai ou faux ? D’après la déclaration : « {flat(cite.quote).replace(answer, swap, 1)} »"
        # One statement per sentence in a quiz: a true and a false one on it ask the same thing.
        assert any(k.startswith("sentence:") for k in q.asks)
        swapped[kind] += 1
        # A swapped state, body or place is caught by a reader who knows the map: easier than a swapped
        # concept or date. The state or body replaced is tagged for the exports, as the true one is.
        assert q.difficulty == (2 if kind in ("state", "org", "place") else 3), (kind, q.prompt)
        if kind in ("state", "org"):
            assert value in q.actors, q.prompt
    assert {"state", "org", "place"} <= set(swapped) and {"concept", "date"} & set(swapped)


# --- what mutation testing found unread (issue 17) ----------------------------------------------------------

def test_refusals_are_named_by_the_guard_that_refused() -> None:
    """The names the refusal report prints (``kind:guard``): a distractor that is right, a key the clause does
    not prove, a matching or ordering item cut mid-sentence."""
    from export_support import ordering
    from quiz_helpers import two_clause_corpus
    from quizgen.generate import refusal
    from quizgen.generate.context import Context
    from quizgen.guards import TextIndex
    from quizgen.question import OrderFact, TagFact, TextFact, make_question

    corpus = two_clause_corpus()
    index, ctx = TextIndex(corpus), Context(corpus)
    clause = corpus.clause("II.1")

    def which_state(*facts: Any) -> Question:
        return make_question(kind="choice", form="choice", prompt="Quel État la déclaration nomme-t-elle ?",
                             options=("Pakistan", "Chine", "Kazakhstan", "Ouzbékistan"), answers=(0,),
                             citations=(ctx.cite(clause, "Pakistan"),), feedback="", difficulty=1, themes=(),
                             facts=facts)

    right = TagFact("state", "PAK", "II.1", True)
    wrong = [TagFact("state", v, "II.1", False) for v in ("CHN", "KAZ", "UZB")]
    assert refusal(which_state(right, *wrong), index) == ""
    # Russia is named in II.1: as a wrong option it is right.
    assert refusal(which_state(right, TagFact("state", "RUS", "II.1", False), *wrong[1:]), index) == (
        "distractor-also-right")
    # Tianjin is not in II.1: the key is not proven (the guard says "answer not in clause II.1").
    assert refusal(which_state(TextFact("Tianjin", "II.1", True), *wrong), index) == "key-not-proven"

    whole = replace(ordering(("Les frappes de juin 2025", "Le sommet de Tianjin", "La réunion de 2026"), (0, 1, 2)),
                    clauses=("I.1", "II.1"), facts=(OrderFact(("2025-06", "2025-09-01", "2026")),))
    assert refusal(whole, index) == ""
    cut = replace(whole, options=("… les frappes de juin 2025", *whole.options[1:]))
    assert refusal(cut, index) == "fragment-cut"
    # The bar applies to the kit's corpora only (strict): the v1 guards let it pass.
    assert refusal(cut, index, strict=False) == ""


def test_an_expert_reading_is_asked_among_the_other_experts_at_the_medium_level() -> None:
    from quiz_helpers import two_clause_corpus

    corpus = two_clause_corpus()
    corpus.extra["claims"] = [
        {"expert": "salvaudon", "expert_label": "Charles Salvaudon", "clauses": ["II.1"],
         "text": "« La déclaration consacre la multipolarité. »"},
        {"expert": "dupont", "expert_label": "Anne Dupont", "text": "Le texte reste prudent.",
         "clauses": ["I.1", "II.1"]},
        {"expert": "martin", "text": "Un sommet de façade.", "clauses": ["I.1"]},
        {"expert": "x", "text": "Hors du texte.", "clauses": ["IX.9"]},  # an unknown clause: never asked
    ]
    asked = {q.prompt: q for q in pool(corpus)["attribution"] if q.prompt.startswith("Quel expert")}
    assert len(asked) == 3
    q = asked["Quel expert défend cette lecture de la déclaration\u202f? «\u202fLa déclaration consacre la "
              "multipolarité.\u202f»"]  # quoted once, not twice
    assert q.answer_texts == ("Charles Salvaudon",)
    assert sorted(q.options) == ["Anne Dupont", "Charles Salvaudon", "martin"]  # the label, else the key
    assert q.feedback == "C’est l’analyse de Charles Salvaudon, à propos de II.1."
    assert [c.clause for c in q.citations] == ["II.1"]
    # A "moyen" recipe draws it, like the question on the part of the declaration.
    assert {p.difficulty for p in pool(corpus)["attribution"]} == {2}
    two = next(p for p in asked.values() if "prudent" in p.prompt)
    assert [c.clause for c in two.citations] == ["I.1", "II.1"] and two.themes == ("economie", "securite")
    # « d’Anne Dupont », never « de Anne Dupont ».
    assert two.feedback == "C’est l’analyse d’Anne Dupont, à propos de I.1, II.1."


def test_an_authored_choice_needs_two_options_and_a_right_answer() -> None:
    base = {"kind": "choice", "prompt": "Où ?", "clauses": ["I.1"]}
    _, problems = _authored({**base, "options": ["Tianjin"], "answers": [0]})
    assert problems == [("corpus.json (question 1)", 0, "a choice question needs at least two options",
                         "list two or more options")]
    _, problems = _authored({**base, "options": ["Tianjin", "Pékin"], "answers": []})
    assert problems == [("corpus.json (question 1)", 0, "the question has no right answer",
                         "mark at least one option as right")]


def test_a_number_under_five_still_gets_three_whole_made_up_numbers() -> None:
    corpus = _corpus([
        build_clause("I.1", ["Les dirigeants de ", ("3 États", "number", "3"), " se sont réunis à ",
                             ("Tianjin", "place", "Tianjin"), "."]),
        build_clause("II.2", ["La ", ("Russie", "state", "RUS"), " soutient la ",
                              ("multipolarité", "concept", "multipolarité"), "."])])
    [q] = [q for q in pool(corpus)["cloze"] if q.clauses == ("I.1",)]
    # 3 − 5 and 3 − 10 are not numbers of States: 3 + 10, twice 3 and 3 + 5 are left.
    assert sorted(q.options) == ["de 13 États", "de 3 États", "de 6 États", "de 8 États"]


def test_a_long_clause_is_quoted_for_its_theme_up_to_a_whole_word() -> None:
    words = ("Les États membres soulignent l’importance de la coopération régionale dans les domaines de "
             "l’énergie, des transports, de l’agriculture et du commerce. ") * 5
    corpus = _corpus([build_clause("I.1", [words.strip()], ("economie",)),
                      build_clause("II.1", ["La ", ("Russie", "state", "RUS"), " soutient la ",
                                            ("multipolarité", "concept", "multipolarité"), "."])])
    [q] = [q for q in pool(corpus)["choice"] if q.prompt.startswith("À quel thème") and q.clauses == ("I.1",)]
    quote = q.citations[0].quote
    assert quote.endswith("…") and len(quote) <= 401
    shown = quote.removesuffix("…")
    # Cut after a whole word: what follows in the clause is a space.
    text = french_typography(corpus.clause("I.1").text)
    assert text.startswith(shown) and text[len(shown)] == " ", shown[-20:]


def test_the_state_question_s_feedback_names_the_state() -> None:
    from quiz_helpers import two_clause_corpus

    found = [q for q in pool(two_clause_corpus())["choice"] if q.prompt.startswith("Quel État")]
    assert found
    for q in found:
        assert q.feedback.startswith(f"Réponse\u00a0: {q.answer_texts[0]}. La déclaration (§ "), q.feedback
        assert q.answer_texts[0] in STATE_LABELS.values()


def test_acronyms_the_text_writes_are_matched_with_their_institutions() -> None:
    corpus = synthetic_corpus(3, clauses=20)
    asked = [q for q in pool(corpus)["matching"] if q.prompt.startswith("Associez chaque sigle")]
    assert len(asked) >= 2
    for q in asked:
        assert q.kind == "matching" and len(q.stems) == 4 == len(set(q.stems))
        assert _key(q) == [(s, ORG_LABELS[s]) for s in q.stems]
    # Every matching says it is one (the exports' "type::matching" tag).
    assert {q.kind for q in pool(corpus)["matching"]} == {"matching"}


def test_an_event_in_a_long_sentence_is_shown_around_its_date_only() -> None:
    """A sentence of 300 characters is cut to about 150 around the masked date, at words."""
    padding = "et des autres partenaires qui ont participé aux travaux préparatoires " * 3
    texts = [("Astana", "2024-07-04", "4 juillet 2024"), ("Tianjin", "2025-09-01", "1er septembre 2025"),
             ("Bichkek", "2026-06-15", "15 juin 2026")]
    clauses = [build_clause(f"I.{i + 1}", [f"Le sommet des chefs d’État {padding}s’est tenu à ", (place, "place", place),
                                           " le ", (words, "date", iso), f" {padding.strip()}."])
               for i, (place, iso, words) in enumerate(texts)]
    asked = [q for q in pool(_corpus(clauses, sections=1))["matching"] if "à la date" in q.prompt]
    assert asked
    for q in asked:
        for stem in q.stems:
            assert stem.startswith("…") and stem.endswith("…") and "[…]" in stem
            assert 100 <= len(stem) <= 160, (len(stem), stem)


def test_a_concept_the_answer_is_made_of_is_no_distractor_at_the_start_of_a_sentence() -> None:
    """« La sécurité » against « La coopération en matière de sécurité »: one contains the other, even
    with the capital of a sentence's first word."""
    corpus = _corpus([
        build_clause("I.1", [("La coopération en matière de sécurité", "concept", "cooperation-securite"),
                             " est renforcée."]),
        build_clause("II.1", [("La sécurité", "concept", "sécurité"), " est assurée."]),
        build_clause("II.2", [("La connectivité", "concept", "connectivité"), " est assurée."]),
        build_clause("II.3", [("La multipolarité", "concept", "multipolarité"), " est soutenue."])])
    [q] = [q for q in pool(corpus)["cloze"] if q.clauses == ("I.1",)]
    assert q.answer_texts == ("La coopération en matière de sécurité",)
    assert sorted(q.options) == ["La connectivité", "La coopération en matière de sécurité", "La multipolarité"]


AUTHORED = {"kind": "choice", "prompt": "Où ?", "options": ["Tianjin", "Pékin"], "answers": ["Tianjin"],
            "clauses": ["I.1"]}
CLAUSE_FIX = "cite an existing clause id, e.g. II.3"
TRUE_FALSE = ("a true/false question needs one answer: true or false", "write :answer: vrai (or faux)")


def test_each_mistake_in_an_authored_question_gets_its_own_message_and_fix() -> None:
    """What a teacher reads for each mistake (file, line, message, fix); the question is left out."""
    cases: list[tuple[dict[str, Any], list[tuple[str, str]]]] = [
        ({"couleur": "rouge", "zz": 1}, [("unknown field(s) couleur, zz", "use only: answers, clauses, difficulty, "
                                          "feedback, id, kind, options, prompt, source, themes")]),
        ({"kind": "ouverte"}, [("unknown question kind 'ouverte'", "use kind: choice or kind: truefalse")]),
        ({"prompt": "  "}, [("the question has no prompt", "write the question's text")]),
        ({"prompt": 3}, [("the question has no prompt", "write the question's text")]),
        ({"id": "Mauvais id!"}, [("malformed id 'Mauvais id!'",
                                  "remove it or use lower-case letters, digits and hyphens, e.g. tianjin-hote")]),
        ({"clauses": []}, [("the question cites no clause", "add :clauses: with at least one clause id, e.g. II.3")]),
        ({"clauses": "I.1"}, [("the question cites no clause",
                               "add :clauses: with at least one clause id, e.g. II.3")]),
        ({"clauses": ["I.1", 3, "Z.1"]}, [("unknown clause 3", CLAUSE_FIX), ("unknown clause 'Z.1'", CLAUSE_FIX)]),
        ({"difficulty": 4}, [("difficulty 4 is not 1, 2 or 3", "use 1 (facile), 2 or 3 (difficile)")]),
        ({"difficulty": True}, [("difficulty True is not 1, 2 or 3", "use 1 (facile), 2 or 3 (difficile)")]),
        ({"feedback": 3}, [("the feedback must be text", "write the feedback as a sentence")]),
        ({"kind": "truefalse", "answers": ["peut-être"]}, [TRUE_FALSE]),
        ({"kind": "truefalse", "answers": [True, False]}, [TRUE_FALSE]),
        ({"kind": "truefalse", "answers": []}, [TRUE_FALSE]),
        ({"kind": "truefalse", "answers": 3}, [TRUE_FALSE]),
        ({"answers": ["Shanghai", 5, 1, -1]}, [("answer 'Shanghai' is not one of the options",
                                                "copy the answer from the options"),
                                               ("answer 5 is not one of the options", "copy the answer from the options"),
                                               ("answer -1 is not one of the options",
                                                "copy the answer from the options")]),
        ({"answers": True}, [("answer True is not one of the options", "copy the answer from the options")]),
        ({"options": ["Tianjin", 3]}, [("a choice question needs at least two options", "list two or more options")]),
        ({"options": ["Tianjin", " "]}, [("a choice question needs at least two options",
                                          "list two or more options")]),
        ({"options": "Tianjin, Pékin"}, [("a choice question needs at least two options",
                                          "list two or more options")]),
        ({"answers": {"a": 1}}, [("the question has no right answer", "mark at least one option as right")]),
    ]
    for change, expected in cases:
        found, problems = _authored({**AUTHORED, **change, "source": {"file": "docs/quiz.md", "line": 7}})
        assert found == [], change
        assert problems == [("docs/quiz.md", 7, message, fix) for message, fix in expected], change
    # Written right, each form of answer is read: an index, the option's words, one answer alone.
    for answers in (0, "Tianjin", [0], [" Tianjin "]):
        found, problems = _authored({**AUTHORED, "answers": answers})
        assert problems == [] and found[0].answer_texts == ("Tianjin",), answers


def test_an_authored_question_on_a_long_clause_quotes_the_sentence_its_feedback_is_about() -> None:
    from quiz_helpers import two_clause_corpus
    from quizgen.generate import authored

    base = two_clause_corpus()
    long = build_clause("III.1", [
        "Les États membres saluent la coopération énergétique régionale et les projets communs. " * 4
        + "Ils soutiennent l’initiative chinoise. « Une ceinture, une route » reste un cadre de coopération. "
        + "Les ministres des transports se réuniront à Almaty en 2026 pour examiner les corridors. " * 3], ("economie",))
    assert len(long.text) > authored.QUOTE_WHOLE
    corpus = Corpus(base.title, [*base.clauses, long], base.sections, base.themes, base.labels, extra={"questions": [
        {"kind": "choice", "prompt": " Où se réuniront les ministres ? ", "options": [" Almaty ", "Pékin", "Astana"],
         "answers": ["Almaty"], "feedback": "Les ministres des transports se réuniront à Almaty.",
         "clauses": ["III.1", "I.1"], "themes": ["transport"]},
        {"kind": "truefalse", "prompt": "L’initiative « Une ceinture, une route » est-elle soutenue ?", "answers": "vrai",
         "feedback": "Ils soutiennent l’initiative chinoise.", "clauses": ["III.1"], "difficulty": 3, "id": "ceinture"},
    ]})
    found, problems = authored.read(corpus)
    assert problems == []
    where, belt = found
    assert where.prompt == "Où se réuniront les ministres ?" and where.options == ("Almaty", "Pékin", "Astana")
    assert where.feedback == ("Les ministres des transports se réuniront à Almaty (§ III.1, § I.1). La déclaration "
                              "(§ III.1) dit : « Les ministres des transports se réuniront à Almaty en 2026 pour "
                              "examiner les corridors. »")
    assert where.themes == ("transport",) and where.difficulty == 2 and where.shuffle
    assert [c.clause for c in where.citations] == ["III.1", "I.1"]
    # A stray full stop before « » does not cut the quoted sentence short.
    assert belt.feedback == ("Ils soutiennent l’initiative chinoise (§ III.1). La déclaration (§ III.1) dit : « Ils "
                             "soutiennent l’initiative chinoise. « Une ceinture, une route » reste un cadre de "
                             "coopération. »")
    assert (belt.id, belt.form, belt.answer_texts, belt.difficulty, belt.themes) == (
        "ceinture", "truefalse", ("Vrai",), 3, ("economie",))
    assert not belt.shuffle  # Vrai stays before Faux


def test_two_authored_questions_with_the_same_prompt_and_their_own_ids_may_share_a_quiz() -> None:
    from quizgen.guards import compatible

    question = {"kind": "truefalse", "prompt": "Le sommet a-t-il eu lieu à Tianjin ?", "clauses": ["I.1"]}
    found, problems = _authored({**question, "answers": [True], "id": "sommet-vrai"},
                                {**question, "answers": [True], "id": "sommet-bis", "clauses": ["II.1"]})
    assert problems == [] and [q.id for q in found] == ["sommet-vrai", "sommet-bis"]
    one, two = found
    assert compatible(two, set(one.asks), set(one.shows))
    # Without ids, the same prompt asks the same thing: never twice in one quiz.
    found, _ = _authored({**question, "answers": [True]}, {**question, "answers": [True], "clauses": ["II.1"]})
    assert not compatible(found[1], set(found[0].asks), set(found[0].shows))


def test_which_sentence_the_declaration_makes_among_three_altered_ones() -> None:
    corpus = synthetic_corpus(3, clauses=20)
    asked = [q for q in pool(corpus)["choice"] if q.prompt == "Laquelle de ces phrases figure dans la déclaration\u202f?"]
    assert len(asked) >= 10
    texts = [french_typography(c.text) for c in corpus.clauses]
    for q in asked:
        assert q.kind == "choice" and len(q.options) == 4 and len(set(q.options)) == 4 and q.difficulty == 3
        [key] = q.answer_texts
        assert key in french_typography(corpus.clause(q.clauses[0]).text)
        # Each wrong sentence is the text's altered: it occurs nowhere.
        assert not any(o in t for o in q.options if o != key for t in texts)
        assert q.feedback.startswith("Les autres phrases ont été modifiées. La déclaration (§ ")


def test_with_three_themes_a_theme_question_offers_the_two_others() -> None:
    themes = {"securite": "Sécurité", "economie": "Économie", "culture": "Culture"}
    clauses = [build_clause("I.1", ["Les États membres saluent le rôle de la ", ("Russie", "state", "RUS"), "."],
                            ("securite",)),
               build_clause("II.1", ["Ils soutiennent la ", ("Chine", "state", "CHN"), "."], ("economie",))]
    corpus = Corpus("Déclaration d’essai", clauses, [Section("I", "I. Un"), Section("II", "II. Deux")], themes,
                    {"state": dict(STATE_LABELS)})
    asked = [q for q in pool(corpus)["choice"] if q.prompt.startswith("À quel thème")]
    assert {q.clauses[0]: sorted(q.options) for q in asked} == {
        "I.1": ["Culture", "Sécurité", "Économie"], "II.1": ["Culture", "Sécurité", "Économie"]}
    assert {q.clauses[0]: q.answer_texts for q in asked} == {"I.1": ("Sécurité",), "II.1": ("Économie",)}
    assert {q.kind for q in asked} == {"choice"}


def test_a_section_question_shows_the_names_its_passage_prints() -> None:
    """The passage of II.1 prints Iran and Pakistan: no question asking them may join its quiz."""
    from quiz_helpers import two_clause_corpus
    from quizgen.guards import compatible

    [q] = [q for q in pool(two_clause_corpus())["attribution"] if "II.1" in q.clauses]
    assert q.kind == "attribution"
    assert {"state:IRN", "state:PAK", "place:Douchanbé"} <= q.shows
    assert not compatible(q, {"state:IRN"}, set()) and compatible(q, {"state:CHN"}, set())


def test_an_expert_claim_out_of_scope_does_not_stop_the_others() -> None:
    from quiz_helpers import two_clause_corpus

    corpus = two_clause_corpus()
    corpus.extra["claims"] = [
        {"expert": "martin", "text": "Un sommet de façade.", "clauses": ["I.1"]},
        {"expert": "salvaudon", "expert_label": "Charles Salvaudon", "text": "Une lecture.", "clauses": ["II.1"]},
        {"expert": "dupont", "expert_label": "Anne Dupont", "text": "Une autre lecture.", "clauses": ["II.1"]}]
    asked = [q for q in pool(corpus, [corpus.clause("II.1")])["attribution"] if q.prompt.startswith("Quel expert")]
    assert sorted(q.answer_texts[0] for q in asked) == ["Anne Dupont", "Charles Salvaudon"]
    assert {q.kind for q in asked} == {"attribution"}


def test_a_role_matching_is_of_the_medium_level() -> None:
    corpus = _roles_corpus(roles=ROLES)
    [q] = [q for q in pool(corpus)["matching"] if "rôle" in q.prompt]
    assert q.difficulty == 2 and q.kind == "matching"


def test_an_acronym_matching_is_tagged_with_the_bodies_it_asks() -> None:
    for q in pool(synthetic_corpus(3, clauses=20))["matching"]:
        if q.prompt.startswith("Associez chaque sigle"):
            assert q.actors == tuple(sorted(q.stems)), q.actors


def test_a_chronology_orders_four_dated_passages_and_is_tagged_with_what_they_show() -> None:
    corpus = synthetic_corpus(3, clauses=20)
    asked = pool(corpus)["chronology"]
    assert asked
    for q in asked:
        assert (q.kind, q.form, q.difficulty) == ("chronology", "ordering", 3)
        assert len(q.options) == 4 and q.answers == (0, 1, 2, 3)
        shown = {s.value for c in q.clauses for s in corpus.clause(c).spans if s.type in ("state", "org")}
        assert set(q.actors) <= shown
    assert any(q.actors for q in asked)
    # The SRAT's meeting (I.5) is among the passages of one of them: it is tagged.
    assert any("SRAT" in q.actors for q in asked if any("SRAT" in o for o in q.options))


def test_a_place_named_in_another_sentence_of_the_clause_may_be_another_events_answer() -> None:
    """I.1 names Bichkek in its second sentence; its event (Astana, first sentence) is matched against
    Bichkek, the answer of I.2: the passage shown holds one sentence, which names Astana only."""
    first = build_clause("I.1", ["Le sommet s’est tenu à ", ("Astana", "place", "Astana"), " le ",
                                 ("4 juillet 2024", "date", "2024-07-04"), ". Une réunion a eu lieu à ",
                                 ("Bichkek", "place", "Bichkek"), "."])
    others = [build_clause(f"I.{i + 2}", ["Le sommet s’est tenu à ", (place, "place", place), " le ",
                                          (words, "date", iso), "."])
              for i, (place, iso, words) in enumerate([("Bichkek", "2026-06-15", "15 juin 2026"),
                                                       ("Douchanbé", "2021-09-17", "17 septembre 2021")])]
    asked = [q for q in pool(_corpus([first, *others], sections=1))["matching"] if "au lieu" in q.prompt]
    assert [sorted(q.options) for q in asked] == [["Astana", "Bichkek", "Douchanbé"]]
    assert ("Le sommet s’est tenu […] le 4 juillet 2024.", "Astana") in _key(asked[0])


def test_a_place_named_in_most_clauses_is_not_blanked() -> None:
    """Tianjin, in five clauses of eight, is guessed, not read; Astana, in one, is asked."""
    places = ["Tianjin"] * 5 + ["Astana", "Moscou", "Vienne"]
    clauses = [build_clause(f"I.{i + 1}", ["Une réunion numéro ", (str(i + 1), "number", str(i + 1)), " a eu lieu à ",
                                           (place, "place", place), "."]) for i, place in enumerate(places)]
    asked = {q.answer_texts[0] for q in pool(_corpus(clauses, sections=1))["cloze"]}
    assert "à Astana" in asked and "à Tianjin" not in asked


def test_a_cloze_s_level_is_a_whole_number_even_with_fewer_than_three_distractors() -> None:
    """The exports write it (JSON, Moodle tags): 1, not 1.0."""
    from quiz_helpers import two_clause_corpus

    found = pool(two_clause_corpus())["cloze"] + pool(synthetic_corpus(3, clauses=20))["cloze"]
    assert any(len(q.options) < 4 for q in found) and any(len(q.options) == 4 and q.difficulty > 1 for q in found)
    assert all(type(q.difficulty) is int and q.difficulty in (1, 2, 3) for q in found)


def test_a_long_cloze_has_a_short_form_balanced_around_the_blank() -> None:
    """For Kahoot (120 characters): as many words around the blank as fit, the sides as even as the text allows."""
    tail = ("dans la lutte contre le terrorisme, le séparatisme et l’extrémisme sous toutes leurs formes et dans la "
            "coopération régionale en matière de sécurité")
    clauses = [build_clause("I.1", ["Ils saluent le rôle du ", ("Pakistan", "state", "PAK"), f" {tail}."]),
               *(build_clause(f"I.{i + 2}", ["La coopération avec les entreprises du ", (name, "state", code),
                                             " progresse."])
                 for i, (code, name) in enumerate([("KAZ", "Kazakhstan"), ("BLR", "Bélarus"), ("UZB", "Ouzbékistan")]))]
    q = next(q for q in pool(_corpus(clauses, sections=1))["cloze"] if q.clauses == ("I.1",))
    assert len(q.prompt) > 120
    # The four words before the blank are shown whole (no ellipsis), and as many after it as fit.
    assert _plain(q.short_prompt) == ("§ I.1 : « Ils saluent le rôle _____ dans la lutte contre le terrorisme, le "
                                      "séparatisme et l’extrémisme sous toutes … »"), q.short_prompt
    assert len(q.short_prompt) <= 120
    # With many words on both sides, as many on each: nine and nine.
    opening = build_clause("I.1", ["Les chefs d’État et de gouvernement réunis au sommet annuel de la ville saluent le "
                                   "rôle du ", ("Pakistan", "state", "PAK"), f" {tail}."])
    q = next(q for q in pool(_corpus([opening, *clauses[1:]], sections=1))["cloze"] if q.clauses == ("I.1",))
    assert _plain(q.short_prompt) == ("§ I.1 : « … au sommet annuel de la ville saluent le rôle _____ dans la lutte "
                                      "contre le terrorisme, le séparatisme et … »"), q.short_prompt


def _plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def test_authored_questions_that_are_not_a_list_say_to_rebuild_the_corpus() -> None:
    from quiz_helpers import two_clause_corpus
    from quizgen.generate import authored

    corpus = two_clause_corpus()
    corpus.extra["questions"] = {"kind": "truefalse"}
    found, problems = authored.read(corpus)
    assert found == [] and [(p.file, p.line, p.message, p.fix) for p in problems] == [
        ("corpus.json", 0, "extra.questions is not a list", "rebuild the corpus")]

