"""More of the *who* family's behaviour (generate/who.py), on the hand-made corpus of
``test_families_who_purpose``: what a student reads in a role question (its options, their articles, the
short form Kahoot gets), which distractors are never offered, and which candidates are refused and why.
Every corpus is built inside its test (no module-level cache)."""

from __future__ import annotations

from typing import Any

from quiz_helpers import build_clause
from quizgen.corpus import Clause, Corpus
from quizgen.generate import pool, who
from quizgen.generate.context import Context
from quizgen.guards import TextIndex, question_problems
from quizgen.question import Question
from test_families_who_purpose import _act, _five_members, _state, role_corpus

NNBSP = "\u202f"

#: Two more UN bodies whose names are feminine and open on a consonant (« la Commission », « la Conférence »).
UN_FEMININE: dict[str, dict[str, Any]] = {
    "CESAP": {"label": "Commission économique et sociale pour l’Asie et le Pacifique", "acronym": "CESAP",
              "subtype": "un-organ", "part_of": ["ONU"], "definition": "Commission régionale de l’ONU."},
    "CNUCED": {"label": "Conférence des Nations unies sur le commerce et le développement", "acronym": "CNUCED",
               "subtype": "un-organ", "part_of": ["ONU"], "definition": "Organe de l’ONU pour le commerce."},
}


def _plain(text: str) -> str:
    return text.replace(NNBSP, " ").replace("\xa0", " ")


def _one(corpus: Corpus, clause_id: str) -> Question:
    (q,) = [q for q in pool(corpus, kinds=("who",))["who"] if q.clauses == (clause_id,)]
    assert not question_problems(q, TextIndex(corpus)), q.prompt
    return q


def _with(clause: Clause, act: dict[str, Any], orgs: dict[str, dict[str, Any]] | None = None) -> Corpus:
    return role_corpus(orgs, (clause,), {clause.id: [act]})


def test_a_blank_followed_by_qui_is_offered_only_names_of_its_gender_each_with_its_own_article() -> None:
    # « la résolution _____, qui a proclamé … » : the relative clause agrees with « l’Assemblée » (feminine), so
    # « l’Office … » (masculine, though it too takes « l’ ») and « le Conseil … » would not read; « la Commission »
    # and « la Conférence » do, and are written « de la … », never « du … ».
    clause = build_clause("IV.28", [
        "Les États membres saluent la résolution de l’", ("Assemblée générale des Nations unies", "org", "AGNU"),
        ", qui a proclamé 2026 Année internationale des volontaires."], ("culture",))
    act = _act(clause, "members", "saluer", "saluent", clause.text[clause.text.index("la résolution"):-1])
    q = _one(_with(clause, act, UN_FEMININE), "IV.28")
    assert q.answer_texts == ("de l’Assemblée générale des Nations unies",)
    assert set(q.options) == {
        "de l’Assemblée générale des Nations unies", "de l’Organisation mondiale de la santé",
        "de la Commission économique et sociale pour l’Asie et le Pacifique",
        "de la Conférence des Nations unies sur le commerce et le développement"}
    assert "Quel organisme des Nations unies complète cette phrase" in q.prompt
    assert "la résolution _____, qui a proclamé 2026" in _plain(q.prompt)


def test_without_a_relative_clause_the_closest_names_in_length_are_offered_whatever_their_gender() -> None:
    # The same sentence without « , qui »: nothing agrees with the blank, so « l’Office » and « le Conseil »
    # may stand; the three closest in length to the key are offered (length never points at the key).
    clause = build_clause("IV.29", [
        "Les États membres saluent la résolution de l’", ("Assemblée générale des Nations unies", "org", "AGNU"),
        " proclamant 2026 Année internationale des volontaires."], ("culture",))
    act = _act(clause, "members", "saluer", "saluent", clause.text[clause.text.index("la résolution"):-1])
    q = _one(_with(clause, act, UN_FEMININE), "IV.29")
    key = "de l’Assemblée générale des Nations unies"
    assert q.answer_texts == (key,)
    assert set(q.options) == {key, "de l’Organisation mondiale de la santé",
                              "du Conseil de sécurité des Nations unies",
                              "du Centre régional des Nations unies pour l’Asie centrale"}


def test_a_state_the_clause_names_is_never_a_distractor_of_another_state() -> None:
    # Russia, named after the key, may be right elsewhere in the clause: never offered, though it is the
    # member whose name is closest in length to the key's.
    clause = build_clause("V.6", ["La présidence de l’", ("OCS", "org", "OCS"), " passe à la ", _state("KGZ"),
                                  ", après la ", _state("RUS"), "."], ("institutions",))
    act = _act(clause, "leaders", "constater", "passe", clause.text[clause.text.index("à la"):-1])
    q = _one(_with(clause, act), "V.6")
    assert q.answer_texts == ("à la République kirghize",)
    assert not any("Russie" in o for o in q.options)
    assert set(q.options) == {"à la République kirghize", "à la République du Kazakhstan",
                              "à la République de Biélorussie", "à la République du Tadjikistan"}
    assert "« La présidence de l’OCS passe _____, après la Fédération de Russie. »" in _plain(q.prompt)


def test_a_key_unlike_its_distractors_in_form_is_refused_and_the_refusal_names_clause_and_key() -> None:
    # The three sco-bodies closest in length all end « … de l’OCS »; the Centre's name does not: a student
    # would pick the odd one out. No question, and the report says where and why.
    clause = build_clause("V.7", ["Les dirigeants ont salué le rôle joué par le ",
                                  ("Centre universel de lutte contre les défis et les menaces", "org", "CUDM"),
                                  " dans la coordination."], ("institutions",))
    act = _act(clause, "leaders", "saluer", "ont salué", clause.text[clause.text.index("le rôle"):-1])
    ctx = Context(_with(clause, act))
    assert not [q for q in who.generate(ctx) if q.clauses == ("V.7",)]
    assert ("key-the-only-one-of-its-form", "V.7:CUDM") in ctx.cache["who-refused"]
    assert ctx.cache["skipped"]["who:key-the-only-one-of-its-form"] == 1


#: Bank-funds (sub-type ``bank-fund``): the key and four others, one masculine, one opening on a vowel.
BANKS: dict[str, dict[str, Any]] = {
    "BEAD": {"label": "Banque eurasiatique de développement", "subtype": "bank-fund",
             "definition": "Banque régionale."},
    "BAII": {"label": "Banque asiatique d’investissement pour les infrastructures", "acronym": "BAII",
             "subtype": "bank-fund", "definition": "Banque multilatérale."},
    "FRS": {"label": "Fonds de la Route de la soie", "subtype": "bank-fund", "definition": "Fonds d’investissement."},
    "UIB": {"label": "Union interbancaire de l’OCS", "acronym": "UIB", "subtype": "bank-fund",
            "definition": "Association de banques."},
    "BDOCS": {"label": "Banque de développement de l’OCS", "subtype": "bank-fund",
              "definition": "Banque proposée."},
}


def test_the_short_form_keeps_three_words_before_the_blank_when_the_end_of_the_sentence_takes_the_rest() -> None:
    # The whole end of the sentence (four words) fits beside three words before the blank, not beside four:
    # Kahoot still gets the question, with « … rôle joué par _____ … ».
    clause = build_clause("IV.31", [
        "Les dirigeants des États membres ont hautement apprécié le rôle joué par la ",
        ("Banque eurasiatique de développement", "org", "BEAD"), " dans l’harmonisation des télécommunications."],
        ("economie",))
    act = _act(clause, "leaders", "saluer", "ont hautement apprécié", clause.text[clause.text.index("le rôle"):-1])
    q = _one(_with(clause, act, BANKS), "IV.31")
    assert q.answer_texts == ("la Banque eurasiatique de développement",)
    assert len(q.prompt) > 120
    assert _plain(q.short_prompt) == ("Quelle institution financière manque (§ IV.31) ? « … rôle joué par _____ "
                                      "dans l’harmonisation des télécommunications. »")
    assert len(q.short_prompt) <= 120


def test_the_short_form_shows_the_whole_sentence_without_marks_of_a_cut_when_it_fits() -> None:
    # The long question (« … complète cette phrase de la déclaration … ») is over Kahoot's limit; the short one
    # holds the whole sentence: nothing is cut, so no « … » on either side.
    clause = build_clause("V.8", ["La présidence de l’", ("OCS", "org", "OCS"), " passe à la ", _state("KGZ"),
                                  " pour la période 2025-2026 et jusqu’au prochain sommet."], ("institutions",))
    act = _act(clause, "leaders", "constater", "passe", clause.text[clause.text.index("à la"):-1])
    q = _one(_with(clause, act), "V.8")
    assert len(q.prompt) > 120
    assert _plain(q.short_prompt) == ("Quel État manque (§ V.8) ? « La présidence de l’OCS passe _____ pour la "
                                      "période 2025-2026 et jusqu’au prochain sommet. »")
    # The feedback names the key as the text writes it, with its article and without the preposition; the
    # question is tagged with the state it asks (exports carry it as a tag).
    assert _plain(q.feedback).startswith("Réponse : la République kirghize. La déclaration (§ V.8) dit : « La ")
    assert q.actors == ("KGZ",)


def test_a_state_is_offered_under_the_longest_name_the_text_gives_it_with_an_article() -> None:
    # Kazakhstan is « la République du Kazakhstan » in III.1 and « le Kazakhstan » in a later clause: the
    # distractor reads « à la République du Kazakhstan », like the key's « à la République kirghize ».
    clause = build_clause("III.11", ["Les États membres ont salué le rôle du ", ("Kazakhstan", "state", "KAZ"), "."],
                          ("economie",))
    act = _act(clause, "members", "saluer", "ont salué", "le rôle du Kazakhstan")
    q = _one(_with(clause, act), "V.4")
    assert set(q.options) == {"à la République kirghize", "à la Fédération de Russie",
                              "à la République du Kazakhstan", "à la République de Biélorussie"}
    assert not any(o.startswith("au ") for o in q.options)


def test_a_body_of_a_kind_no_question_can_name_is_not_asked_and_nothing_breaks() -> None:
    # The UN itself (sub-type « un ») has no « Quel … » word: a resolution of the UN is not asked.
    clause = build_clause("I.9", ["Les États membres appliquent les résolutions pertinentes de l’",
                                  ("Organisation des Nations unies", "org", "ONU"), "."], ("securite",))
    act = _act(clause, "members", "appeler", "appliquent", clause.text[clause.text.index("les résolutions"):-1])
    ctx = Context(_with(clause, act))
    questions = who.generate(ctx)
    assert questions and not [q for q in questions if q.clauses == ("I.9",)]


def test_the_alias_of_a_body_that_acts_is_never_one_of_its_distractors() -> None:
    # The Secretariat under another name is the right answer too; the two councils the clause names may be.
    orgs = {"SGOCS": {"label": "Secrétariat général de l’OCS", "subtype": "sco-body", "part_of": ["OCS"],
                      "same_as": ["SECR"], "definition": "Le Secrétariat de l’OCS sous un autre nom."}}
    clause = build_clause("V.9", ["Le ", ("Secrétariat de l’OCS", "org", "SECR"), " organisera le forum avec le ",
                                  ("Conseil d’affaires de l’OCS", "org", "CAOCS"), " et le ",
                                  ("Conseil de la jeunesse de l’OCS", "org", "CJOCS"), "."], ("institutions",))
    act = _act(clause, "SECR", "assurer", "organisera", clause.text[clause.text.index("le forum"):-1])
    q = _one(_with(clause, act, orgs), "V.9")
    assert q.answer_texts == ("Secrétariat de l’OCS",)
    assert set(q.options) == {"Secrétariat de l’OCS", "Structure régionale antiterroriste de l’OCS",
                              "Université de l’OCS", "Centre universel de lutte contre les défis et les menaces"}


def _actor_bank(text: list[Any], verb: str, obj: str) -> list[Question]:
    clause = build_clause("III.9", text, ("institutions",))
    act = _act(clause, "KGZ", "assurer", verb, obj)
    return pool(_five_members(clause, acts={"III.9": [act]}), kinds=("who",))["who"]


def test_an_actor_is_asked_on_an_active_verb_before_its_object_only() -> None:
    # Active, the object after the verb: asked.
    (q,) = _actor_bank(["La ", _state("KGZ"), " préparera le prochain sommet."], "préparera", "le prochain sommet")
    assert _plain(q.prompt) == "D’après la déclaration (§ III.9), quel État préparera le prochain sommet ?"
    # Passive (« a été chargée »): the state is not the agent, and « quel État a été chargée » would not agree.
    assert not _actor_bank(["La ", _state("KGZ"), " a été chargée de préparer le prochain sommet."],
                           "a été chargée", "de préparer le prochain sommet")
    # The object before the verb (« le prochain sommet, la République kirghize le préparera »): not asked.
    assert not _actor_bank(["Le prochain sommet, la ", _state("KGZ"), " le préparera."], "le préparera",
                           "Le prochain sommet")


def test_a_blank_followed_by_qui_with_too_few_names_of_its_gender_is_refused_and_reported() -> None:
    # Without the two feminine UN bodies, only « l’Organisation mondiale de la santé » agrees with « qui » :
    # no question, and the report names the clause and the key.
    clause = build_clause("IV.28", [
        "Les États membres saluent la résolution de l’", ("Assemblée générale des Nations unies", "org", "AGNU"),
        ", qui a proclamé 2026 Année internationale des volontaires."], ("culture",))
    act = _act(clause, "members", "saluer", "saluent", clause.text[clause.text.index("la résolution"):-1])
    ctx = Context(_with(clause, act))
    assert not [q for q in who.generate(ctx) if q.clauses == ("IV.28",)]
    assert ("fewer-than-3-distractors-of-the-subtype", "IV.28:AGNU") in ctx.cache["who-refused"]


def test_another_name_of_the_key_is_never_offered_beside_it_in_a_role_question() -> None:
    # « le Secrétariat général de l’OCS » is the Secretariat under another name (and the closest in length):
    # offering it would make two right answers.
    orgs = {"SGOCS": {"label": "Secrétariat général de l’OCS", "subtype": "sco-body", "part_of": ["OCS"],
                      "same_as": ["SECR"], "definition": "Le Secrétariat de l’OCS sous un autre nom."}}
    clause = build_clause("IV.30", ["Les dirigeants ont salué le rôle joué par le ",
                                    ("Secrétariat de l’OCS", "org", "SECR"), " dans la coordination."], ("economie",))
    act = _act(clause, "leaders", "saluer", "ont salué", clause.text[clause.text.index("le rôle"):-1])
    q = _one(_with(clause, act, orgs), "IV.30")
    assert q.answer_texts == ("le Secrétariat de l’OCS",)
    assert not any("général" in o for o in q.options)
    assert set(q.options) == {"le Secrétariat de l’OCS", "l’Université de l’OCS", "le Conseil d’affaires de l’OCS",
                              "le Conseil de la jeunesse de l’OCS"}
    # What a recipe picks it by: a who question, a choice, of middle difficulty.
    assert (q.kind, q.form, q.difficulty) == ("who", "choice", 2)
    assert q.asks == {"who:org:SECR:role"}


def test_word_clue_takes_a_plural_in_the_text_for_a_short_singular_in_the_key() -> None:
    # « routes » and « Route » are one word (five letters: no seven-letter stem to compare).
    assert who.word_clue("le Fonds de la Route de la soie", ["la Banque asiatique"], "les routes commerciales")
    assert not who.word_clue("le Fonds de la Route de la soie", ["la Banque asiatique"], "les rouages")


# --- the proof each question carries: checked against the text, it fails when the text says otherwise --------

def _retag(corpus: Corpus, clause_id: str, start: int, value: str | None) -> Corpus:
    """The corpus with the span of ``clause_id`` at ``start`` given another value (or removed)."""
    from dataclasses import replace

    clauses = []
    for c in corpus.clauses:
        if c.id == clause_id:
            spans = tuple(s if s.start != start else replace(s, value=value) for s in c.spans
                          if s.start != start or value is not None)
            c = replace(c, spans=spans)
        clauses.append(c)
    return replace(corpus, clauses=clauses)


LABELS_OF = {"BLR": "Biélorussie", "IRN": "Iran", "KAZ": "Kazakhstan", "KGZ": "Kirghizistan", "RUS": "Russie"}


def test_a_list_question_s_proof_fails_if_the_list_named_the_key() -> None:
    clause = build_clause("III.6", ["La ", _state("BLR"), ", la ", _state("IRN"), ", la ", _state("KAZ"), " et la ",
                                    _state("RUS"), " réaffirment leur soutien au corridor de transport."], ("economie",))
    act = _act(clause, "listed", "reaffirmer", "réaffirment", "leur soutien au corridor de transport")
    corpus = _five_members(clause, acts={"III.6": [act]})
    q = _one(corpus, "III.6")
    assert q.answer_texts == ("Kirghizistan",)
    # The one listed member not offered, tagged Kyrgyzstan instead: the key is then in the list.
    (unoffered,) = [s for s in clause.spans if s.type == "state" and LABELS_OF[s.value] not in q.options]
    problems = question_problems(q, TextIndex(_retag(corpus, "III.6", unoffered.start, "KGZ")))
    assert any("KGZ" in p for p in problems), problems



def test_an_actor_question_s_proof_fails_if_the_act_bore_on_something_else() -> None:
    from dataclasses import replace

    clause = build_clause("III.7", ["La ", _state("KGZ"), " assurera la présidence de l’", ("OCS", "org", "OCS"),
                                    " après la ", _state("KAZ"), "."], ("institutions",))
    act = _act(clause, "KGZ", "assurer", "assurera", "la présidence de l’OCS après la République du Kazakhstan")
    corpus = _five_members(clause, acts={"III.7": [act]})
    q = _one(corpus, "III.7")
    # The tags said the act bore on « la présidence de l’OCS » alone.
    shorter = "la présidence de l’OCS"
    other = {**act, "object": {**act["object"], "text": shorter, "end": act["object"]["start"] + len(shorter)}}
    moved = replace(corpus, extra={**corpus.extra, "clause_acts": {"III.7": [other]}})
    assert any("does not bear on" in p for p in question_problems(q, TextIndex(moved)))


def test_a_role_question_s_proof_needs_the_key_tagged_in_its_own_sentence() -> None:
    # Kyrgyzstan is named again in the next sentence: untagged in the asked one, the proof fails all the same.
    clause = build_clause("V.10", ["La présidence de l’", ("OCS", "org", "OCS"), " passe à la ", _state("KGZ"),
                                   ". La ", _state("KGZ"), " accueillera le prochain sommet."], ("institutions",))
    act = _act(clause, "leaders", "constater", "passe", "à la République kirghize",
               clause.text[:clause.text.index(".") + 1])
    corpus = _with(clause, act)
    q = _one(corpus, "V.10")
    assert q.answer_texts == ("à la République kirghize",)
    first = next(s for s in clause.spans if s.value == "KGZ")
    problems = question_problems(q, TextIndex(_retag(corpus, "V.10", first.start, None)))
    assert any("KGZ" in p for p in problems), problems


def test_a_body_whose_name_fits_kahoot_with_its_article_is_offered_by_its_name_not_its_acronym() -> None:
    # Sixty-seven letters: « le Fonds de développement de l’Organisation … » is 70 characters, within the
    # 75 of an option; a student reads the name, not « le FDOCS ».
    orgs = {k: BANKS[k] for k in ("BEAD", "BAII", "FRS")}
    orgs["FDOCS"] = {"label": "Fonds de développement de l’Organisation de coopération de Shanghai",
                     "acronym": "FDOCS", "subtype": "bank-fund", "definition": "Fonds proposé."}
    clause = build_clause("IV.32", ["Les dirigeants ont salué le rôle joué par la ",
                                    ("Banque eurasiatique de développement", "org", "BEAD"), " en Asie centrale."],
                          ("economie",))
    act = _act(clause, "leaders", "saluer", "ont salué", clause.text[clause.text.index("le rôle"):-1])
    q = _one(_with(clause, act, orgs), "IV.32")
    assert set(q.options) == {"la Banque eurasiatique de développement",
                              "la Banque asiatique d’investissement pour les infrastructures",
                              "le Fonds de la Route de la soie",
                              "le Fonds de développement de l’Organisation de coopération de Shanghai"}
