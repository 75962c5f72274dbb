"""The older families (corpora without acts) as a student reads them, on small hand-written declarations:
what each question asks, its options, its key and its feedback. Mutation testing found these unread."""

from __future__ import annotations

import random
import re
from collections import Counter
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
