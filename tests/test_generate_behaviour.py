"""The families of the kit's corpora (v2 tags) as a student and a teacher meet them, on the small hand-made
corpora of the family tests: what purpose, reading and cloze offer, and what they refuse. Mutation testing
(issue 17) found these unread."""

from __future__ import annotations

from collections import Counter
from typing import Any

from meaning_corpus import SYNTHESIS, meaning_corpus
from quiz_helpers import build_clause
from quizgen.corpus import Corpus
from quizgen.curation import Curation, Mark, curate
from quizgen.generate import pool, purpose
from quizgen.guards import text_leaks
from quizgen.meaning import read_meaning
from quizgen.question import Question, make_question
from test_families_who_purpose import role_corpus

NNBSP, NBSP = "\u202f", "\u00a0"


def _plain(text: str) -> str:
    return text.replace(NNBSP, " ").replace(NBSP, " ")


# --- purpose ------------------------------------------------------------------------------------------------

def _agnu(questions: list[Question]) -> Question:
    return next(q for q in questions if "Assemblée générale" in q.prompt)


def test_a_definition_that_only_says_when_and_where_a_body_was_founded_is_not_asked() -> None:
    meaning = read_meaning(role_corpus())
    # « Organisation fondée en 2001 à Shanghai. »: nothing the body is for.
    assert purpose.definition(meaning.entities["org"]["OCS"]) == ""
    assert purpose.definition(meaning.entities["org"]["ONU"]) == ""


def test_the_short_form_asks_the_definition_and_offers_the_bodies_names_in_option_order() -> None:
    q = _agnu(pool(role_corpus(), kinds=("purpose",))["purpose"])
    assert _plain(q.short_prompt) == "Organe plénier de l’ONU où chaque État membre dispose d’une voix : lequel ?"
    labels = {_plain(purpose.definition(e)): e.label for e in read_meaning(role_corpus()).entities["org"].values()}
    # Option i is the definition of the body short option i names: the key stays the key.
    assert q.short_options == tuple(labels[_plain(o)] for o in q.options)
    assert q.short_options[q.answers[0]] == "Assemblée générale des Nations unies"


def test_no_short_form_longer_than_kahoot_takes() -> None:
    entities = read_meaning(role_corpus()).entities["org"]
    key, wrong = entities["AGNU"], [entities[k] for k in ("CSNU", "OMS", "ONUDC")]
    defined = ("Organe plénier de l’ONU où chaque État membre dispose d’une voix et où se votent chaque année "
               "le budget et les admissions")
    assert len(defined) > purpose.SHORT_LIMIT - len(" : lequel ?")
    assert purpose.short_form(key, defined, wrong) == ("", ())
    short = "Organe plénier de l’ONU où chaque État membre dispose d’une voix"
    assert purpose.short_form(key, short, wrong) == (f"{short} : lequel ?", (
        "Assemblée générale des Nations unies", "Conseil de sécurité des Nations unies",
        "Organisation mondiale de la santé", "Office des Nations unies contre la drogue et le crime"))


def test_an_alias_of_the_body_is_left_out_and_the_question_still_asked() -> None:
    # The glossary's « Assemblée des Nations unies » is the General Assembly under another name, with a
    # definition as long as the key's: it is not offered, the three other UN organs are.
    alias = {"AG": {"label": "Assemblée des Nations unies", "subtype": "un-organ", "same_as": ["AGNU"],
                    "definition": "Organe plénier de l’ONU où chaque membre dispose d’une voix égale."}}
    q = _agnu(pool(role_corpus(alias), kinds=("purpose",))["purpose"])
    assert q.answer_texts == ("Organe plénier de l’ONU où chaque État membre dispose d’une voix",)
    assert not any("voix égale" in o for o in q.options)
    assert len(q.options) == 4


def test_a_reworded_purpose_question_still_guards_the_glossary_s_words() -> None:
    """Teachers may reword the options; another question of the quiz that prints the glossary's definition
    still gives the answer away, and is caught."""
    q = _agnu(pool(role_corpus(), kinds=("purpose",))["purpose"])
    mark = Mark(q.id, "reworded", 3, options=("Organe où chaque État a une voix", "Organe du veto",
                                              "Institution de la santé", "Office contre la drogue"))
    reworded = curate(q, Curation("docs/quiz/curation.toml", {q.id: mark}))
    assert reworded is not None and reworded.answer_texts == ("Organe où chaque État a une voix",)
    other = make_question(kind="choice", form="choice",
                          prompt="Quel organe est « plénier de l’ONU où chaque État membre dispose d’une voix » ? "
                                 "Organe plénier de l’ONU où chaque État membre dispose d’une voix.",
                          options=("a", "b", "c", "d"), answers=(0,), citations=q.citations, feedback="",
                          difficulty=1, themes=())
    assert [f for f in text_leaks([reworded, other]) if f.startswith(f"{other.id} prints the answer of {q.id}")]


# --- reading ------------------------------------------------------------------------------------------------

def test_reading_distractors_sum_up_other_parts_of_the_synthesis() -> None:
    """A sibling bullet of the key's summary might fairly sum up the clause too: never offered."""
    by_text = {p["text"]: p for p in SYNTHESIS}
    asked = pool(meaning_corpus(), kinds=("reading",))["reading"]
    # Every clause a bullet cites is asked (II.3 has none; III.1's one sentence says « ce projet »).
    assert sorted(q.clauses[0] for q in asked) == ["I.1", "I.2", "II.1", "II.2", "III.2"]
    for q in asked:
        key = by_text[_plain(q.answer_texts[0])]
        assert q.clauses[0] in key["clauses"]
        part = key["number"].split(".")[0]
        wrong = [by_text[_plain(o)] for i, o in enumerate(q.options) if i not in q.answers]
        assert len(wrong) == 3 and all(p["number"].split(".")[0] != part for p in wrong), (key, wrong)


# --- cloze on the kit's corpora -------------------------------------------------------------------------------

def _with_guests() -> Corpus:
    """The hand-made corpus with four guests of the summit (non-members) and a member named in the same words."""
    corpus = meaning_corpus()
    guests = {"TUR": "Turquie", "MNG": "Mongolie", "MYS": "Malaisie", "THA": "Thaïlande"}
    more = [build_clause(f"IV.{i + 1}", ["Les États membres ont reçu la délégation de la ", (name, "state", key),
                                         f" au sommet numéro {i + 1}."], ("institutions",))
            for i, (key, name) in enumerate(guests.items())]
    # A member named in the same words: never a guest's distractor.
    more.append(build_clause("IV.5", ["Les États membres ont reçu la délégation de la ", ("Chine", "state", "CHN"),
                                      " au sommet numéro 5."], ("institutions",)))
    extra: dict[str, Any] = dict(corpus.extra)
    extra["entities"] = {"state": {**corpus.extra["entities"]["state"],
                                   **{k: {"label": v, "member": False} for k, v in guests.items()}},
                         "org": corpus.extra["entities"]["org"]}
    labels = {"state": {**corpus.labels["state"], **guests}, "org": corpus.labels["org"]}
    return Corpus(corpus.title, [*corpus.clauses, *more], corpus.sections, corpus.themes, labels, extra=extra)


def test_a_guest_state_is_asked_among_guests_and_a_member_among_members() -> None:
    asked = pool(_with_guests(), kinds=("cloze",))["cloze"]
    guests = {"de la Turquie", "de la Mongolie", "de la Malaisie", "de la Thaïlande"}
    assert {q.answer_texts[0] for q in asked} >= guests
    for q in asked:
        if q.answer_texts[0] in guests:
            assert set(q.options) == guests, q.options
        else:
            assert not guests & set(q.options), q.options


def test_a_definition_is_read_up_to_the_statement_that_says_what_the_body_is_for() -> None:
    more = {"FORUM": {"label": "Forum de l’OCS", "subtype": "sco-body",
                      "definition": "Organe établi en 2006 à Pékin ; chargé de la coordination des experts ; il "
                                    "publie un rapport annuel (voir § II.3)."}}
    entity = read_meaning(role_corpus(more)).entities["org"]["FORUM"]
    assert purpose.definition(entity) == "Organe établi en 2006 à Pékin ; chargé de la coordination des experts"


def test_the_purpose_feedback_gives_the_glossary_s_whole_definition_with_the_right_gender() -> None:
    asked = {q.actors[0]: _plain(q.feedback) for q in pool(role_corpus(), kinds=("purpose",))["purpose"]}
    assert asked["AGNU"] == ("Assemblée générale des Nations unies : « Organe plénier de l’ONU où chaque État membre "
                             "dispose d’une voix ; ses résolutions sont des recommandations » (glossaire). La "
                             "déclaration la nomme au § IV.26.")
    assert asked["CSNU"] == ("Conseil de sécurité des Nations unies : « Organe de l’ONU responsable du maintien de la "
                             "paix : cinq membres permanents » (glossaire). La déclaration le nomme au § II.15.")


def _refusing_corpus() -> Corpus:
    """The role corpus with, in a first clause, three bodies purpose cannot ask about."""
    more = {"BAII": {"label": "Banque asiatique d’investissement", "subtype": "bank-fund",  # alone of its kind
                     "definition": "Banque multilatérale pour financer les infrastructures en Asie."},
            "OIAC": {"label": "Organisation pour l’interdiction des armes chimiques", "acronym": "OIAC",
                     "subtype": "organisation", "same_as": ["CIAC"],  # its definition names its alias
                     "definition": "Organisation qui veille à l’application de la CIAC."},
            "CIAC": {"label": "Convention sur l’interdiction des armes chimiques", "acronym": "CIAC",
                     "subtype": "treaty", "same_as": ["OIAC"], "definition": "Traité de 1993."},
            "FORUM": {"label": "Forum de l’OCS", "subtype": "sco-body",  # says nothing it is for
                      "definition": "Forum créé en 2006."}}
    base = role_corpus(more)
    first = build_clause("I.9", ["Les États membres saluent la ", ("Banque asiatique d’investissement", "org", "BAII"),
                                 ", l’", ("OIAC", "org", "OIAC"), " et le ", ("Forum de l’OCS", "org", "FORUM"), "."],
                         ("economie",))
    return Corpus(base.title, [first, *base.clauses], base.sections, base.themes, base.labels, extra=base.extra)


def test_purpose_counts_each_body_it_cannot_ask_about_and_goes_on_with_the_others() -> None:
    refused: Counter[str] = Counter()
    asked = pool(_refusing_corpus(), kinds=("purpose",), refused=refused)["purpose"]
    assert refused == Counter({"purpose:fewer-than-3-definitions-of-the-subtype": 1,
                               "purpose:definition-names-the-key": 1, "purpose:no-definition-of-what-it-is-for": 1})
    assert sorted(q.actors[0] for q in asked) == ["AGNU", "CSNU", "SRAT"]


# --- the points of a synthesis --------------------------------------------------------------------------------

def test_the_nearest_points_are_those_the_documented_sort_gives() -> None:
    """``Points.nearest`` reads files outward from a length instead of sorting every point: on random points
    with many equal lengths, it gives exactly the first ``k`` of the sort its docstring states."""
    import random

    from quiz_helpers import synthetic_corpus
    from quizgen.generate.context import Context, Points

    corpus = synthetic_corpus(5, clauses=20, sections=3)
    ctx = Context(corpus)
    ids = [c.id for c in corpus.clauses]
    for seed in range(20):
        rng = random.Random(seed)
        points = [{"id": f"p{n:02d}", "number": f"{rng.randint(1, 4)}.{n}", "text": "x" * rng.choice([10, 12, 14, 20]),
                   "clauses": rng.sample(ids, rng.randint(1, 3))} for n in range(30)]
        index = Points(ctx, points, lambda p: p["number"].split(".")[0])
        themes = rng.sample(sorted(corpus.themes), 2)
        length, skip, k = rng.choice([9, 12, 13, 16, 25]), {str(rng.randint(1, 4))}, rng.randint(1, 12)

        shared = {p["id"]: len(set(themes) & {t for c in p["clauses"] for t in corpus.clause(c).themes})
                  for p in points}
        expected = sorted((p for p in points if p["number"].split(".")[0] not in skip),
                          key=lambda p: (-shared[p["id"]], abs(len(p["text"]) - length), p["id"]))[:k]
        assert [p["id"] for p in index.nearest(themes, length, skip, k)] == [p["id"] for p in expected], seed


# --- the work's own name, a value too common to blank, the short cloze ------------------------------------------

def test_prompts_name_the_corpus_s_own_work() -> None:
    from quizgen.generate.context import Context

    work = {"title": "Charte de l’essai", "short": "la charte", "gender": "f", "of": "de la charte",
            "in": "dans la charte"}
    ctx = Context(meaning_corpus(work))
    assert ctx.in_work("Que dit-on dans la déclaration ? D’après la déclaration, le texte de la déclaration "
                       "et la déclaration.") == ("Que dit-on dans la charte ? D’après la charte, le texte de la "
                                                  "charte et la charte.")
    # The kit's own declaration keeps the words the generators write.
    assert Context(meaning_corpus()).in_work("D’après la déclaration") == "D’après la déclaration"
