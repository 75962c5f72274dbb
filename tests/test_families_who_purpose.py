"""The *who* (a state or body by its role in a clause) and *purpose* (a body's glossary definition) families:
on a small hand-made corpus carrying the v2 tags, each guard fed the case it must refuse; on the real
corpus, the questions they ask and that every key and distractor is proven by the tags."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from meaning_corpus import ACTS
from quiz_helpers import build_clause
from quizgen.corpus import Clause, Corpus, Section
from quizgen.generate import pool, purpose, who
from quizgen.generate.context import Context
from quizgen.guards import TextIndex, question_problems
from quizgen.meaning import Entity, read_meaning
from quizgen.question import BLANK, Question
from quizgen.text_checks import passage_problem

NNBSP = "\u202f"

STATES = {"BLR": ("République de Biélorussie", True), "IRN": ("République islamique d’Iran", True),
          "KAZ": ("République du Kazakhstan", True), "KGZ": ("République kirghize", True),
          "RUS": ("Fédération de Russie", True), "TJK": ("République du Tadjikistan", True),
          "CHN": ("République populaire de Chine", True), "ISR": ("État d’Israël", False),
          "USA": ("États-Unis d’Amérique", False)}
LABELS = {"BLR": "Biélorussie", "IRN": "Iran", "KAZ": "Kazakhstan", "KGZ": "Kirghizistan", "RUS": "Russie",
          "TJK": "Tadjikistan", "CHN": "Chine", "ISR": "Israël", "USA": "États-Unis"}

ORGS: dict[str, dict[str, Any]] = {
    "ONU": {"label": "Organisation des Nations unies", "acronym": "ONU", "subtype": "un",
            "definition": "Organisation internationale fondée en 1945."},
    "AGNU": {"label": "Assemblée générale des Nations unies", "subtype": "un-organ", "part_of": ["ONU"],
             "definition": "Organe plénier de l’ONU où chaque État membre dispose d’une voix ; ses résolutions "
                           "sont des recommandations."},
    "CSNU": {"label": "Conseil de sécurité des Nations unies", "subtype": "un-organ", "part_of": ["ONU"],
             "definition": "Organe de l’ONU responsable du maintien de la paix : cinq membres permanents."},
    "OMS": {"label": "Organisation mondiale de la santé", "acronym": "OMS", "subtype": "un-organ",
            "part_of": ["ONU"], "definition": "Institution spécialisée de l’ONU pour la santé publique (1948)."},
    "ONUDC": {"label": "Office des Nations unies contre la drogue et le crime", "acronym": "ONUDC",
              "subtype": "un-organ", "part_of": ["ONU"],
              "definition": "Office de l’ONU établi à Vienne, chargé de la lutte contre les drogues illicites."},
    "CRNU": {"label": "Centre régional des Nations unies pour l’Asie centrale", "subtype": "un-organ",
             "part_of": ["ONU"], "definition": "Centre de l’ONU dont la déclaration prend note des activités (§ II.18)."},
    "OCS": {"label": "Organisation de coopération de Shanghai", "acronym": "OCS", "subtype": "sco",
            "definition": "Organisation fondée en 2001 à Shanghai."},
    "SRAT": {"label": "Structure régionale antiterroriste de l’OCS", "acronym": "SRAT", "subtype": "sco-body",
             "part_of": ["OCS"], "definition": "Organe permanent de l’OCS chargé de la coordination contre le "
                                               "terrorisme ; son comité exécutif siège à Tachkent."},
    "SECR": {"label": "Secrétariat de l’OCS", "subtype": "sco-body", "part_of": ["OCS"],
             "definition": "Organe administratif permanent de l’OCS, établi à Pékin."},
    "CAOCS": {"label": "Conseil d’affaires de l’OCS", "subtype": "sco-body", "part_of": ["OCS"],
              "definition": "Instance qui réunit des représentants des milieux d’affaires des États membres."},
    "CJOCS": {"label": "Conseil de la jeunesse de l’OCS", "subtype": "sco-body", "part_of": ["OCS"],
              "definition": "Instance de coopération des organisations de jeunesse des États membres."},
    "UNIOCS": {"label": "Université de l’OCS", "subtype": "sco-body", "part_of": ["OCS"],
               "definition": "Réseau d’universités des États membres, qui proposent des formations communes."},
    "CUDM": {"label": "Centre universel de lutte contre les défis et les menaces", "subtype": "sco-body",
             "part_of": ["OCS"], "definition": "Centre de l’OCS dont l’accord a été signé au sommet de Tianjin."},
}

MEMBERS_ACTOR = {"members": {"label": "les États membres"}, "leaders": {"label": "les dirigeants"}}
ACTS_V2 = {**ACTS, "constater": {"label": "constater", "force": 0, "polarity": "neutral", "decided": False,
                                 "present_3pl": "", "construction": "direct", "group": "Constater"}}


def _state(key: str) -> tuple[str, str, str]:
    return (STATES[key][0], "state", key)


def _act(clause: Clause, actor: str, act: str, verb: str, obj: str, sentence: str = "") -> dict[str, Any]:
    text = clause.text
    s = text.index(sentence) if sentence else 0
    e = s + len(sentence) if sentence else len(text)
    v, o = text.index(verb, s), text.index(obj, s)
    return {"actor": actor, "act": act, "verb": {"text": verb, "start": v, "end": v + len(verb)},
            "object": {"text": obj, "start": o, "end": o + len(obj)}, "sentence": {"start": s, "end": e}}


def role_corpus(more_orgs: dict[str, dict[str, Any]] | None = None, more: tuple[Clause, ...] = (),
                more_acts: dict[str, list[dict[str, Any]]] | None = None) -> Corpus:
    """Clauses where a state or a body has a role, and the cases the family must refuse (``more`` clauses
    with their ``more_acts``, by clause id)."""
    presidency = build_clause("V.4", ["La présidence de l’", ("OCS", "org", "OCS"), " passe à la ",
                                      _state("KGZ"), "."], ("institutions",))
    strikes = build_clause("II.14", ["Les États membres ont fermement condamné les frappes militaires menées par l’",
                                     _state("ISR"), " et les ", _state("USA"), " contre la ", _state("IRN"),
                                     " en juin 2025."], ("securite",))
    resolution = build_clause("IV.26", ["Les États membres saluent l’adoption de la résolution de l’",
                                        ("Assemblée générale des Nations unies", "org", "AGNU"),
                                        " proclamant 2026 Année internationale des volontaires."], ("culture",))
    # Refused: the key is named again in its sentence (the answer shows).
    again = build_clause("II.15", ["Les États membres ont réaffirmé l’importance de la résolution 2231 (2015) du ",
                                   ("Conseil de sécurité des Nations unies", "org", "CSNU"),
                                   " et toute atteinte à l’autorité du ",
                                   ("Conseil de sécurité des Nations unies", "org", "CSNU"), "."])
    # Refused: the key shares a word with the sentence that no distractor has (« antiterroristes »).
    word = build_clause("II.11", ["Les États membres ont hautement apprécié le rôle joué par la ",
                                  ("Structure régionale antiterroriste de l’OCS", "org", "SRAT"),
                                  " dans l’organisation d’exercices antiterroristes conjoints."])
    # Refused: a state named as a venue (in parentheses after a city) has no role.
    venue = build_clause("IV.9", ["Les États membres ont salué la contribution de la ville de Qingdao, en ",
                                  _state("CHN"), ", au tourisme."], ("culture",))
    # The member states' « Ils » gets its subject back, in brackets.
    pronoun = build_clause("III.19", ["Les États membres soulignent le rôle de l’UIB. Ils se prononcent en faveur "
                                      "d’associer la banque mandatée de la ", _state("IRN"),
                                      " aux travaux de l’UIB."], ("economie",))
    # Refused: a sentence too long to be read in a question.
    long_text = ("Les États membres appellent à lutter contre le terrorisme " + "et ses formes nouvelles " * 12
                 + "en appliquant les résolutions pertinentes du ")
    too_long = build_clause("II.4", [long_text, ("Conseil de sécurité des Nations unies", "org", "CSNU"),
                                     " sous l’égide des Nations unies."])
    # Named only to give each state its official form, with its article.
    forms = build_clause("III.1", ["La ", _state("BLR"), ", la ", _state("KAZ"), ", la ", _state("RUS"),
                                   ", la ", _state("TJK"), " et la ", _state("CHN"),
                                   " ont pris note des travaux en cours."], ("economie",))
    second = pronoun.text.index("Ils")
    clauses = [presidency, strikes, resolution, again, word, venue, pronoun, too_long, forms, *more]
    acts = {
        "V.4": [_act(presidency, "leaders", "constater", "passe", "à la République kirghize")],
        "II.14": [_act(strikes, "members", "condamner", "ont fermement condamné",
                       "les frappes militaires menées par l’État d’Israël et les États-Unis d’Amérique contre la "
                       "République islamique d’Iran en juin 2025")],
        "IV.26": [_act(resolution, "members", "saluer", "saluent",
                       "l’adoption de la résolution de l’Assemblée générale des Nations unies proclamant 2026 "
                       "Année internationale des volontaires")],
        "II.15": [_act(again, "members", "reaffirmer", "ont réaffirmé",
                       "l’importance de la résolution 2231 (2015) du Conseil de sécurité des Nations unies")],
        "II.11": [_act(word, "members", "saluer", "ont hautement apprécié",
                       "le rôle joué par la Structure régionale antiterroriste de l’OCS dans l’organisation "
                       "d’exercices antiterroristes conjoints")],
        "IV.9": [_act(venue, "members", "saluer", "ont salué",
                      "la contribution de la ville de Qingdao, en République populaire de Chine, au tourisme")],
        "III.19": [_act(pronoun, "members", "soutenir", "Ils se prononcent en faveur",
                        "d’associer la banque mandatée de la République islamique d’Iran aux travaux de l’UIB",
                        pronoun.text[second:])],
        "II.4": [_act(too_long, "members", "appeler", "appellent", "à lutter contre le terrorisme")],
        "III.1": [_act(forms, "members", "prendre_note", "ont pris note", "des travaux en cours")],
    }
    # appeler's object stops before the org: the long sentence is asked through a second act on it.
    acts["II.4"].append(_act(too_long, "members", "appeler", "appellent",
                             too_long.text[too_long.text.index("à lutter"):-1]))
    acts.update(more_acts or {})
    orgs = {**ORGS, **(more_orgs or {})}
    entities = {"state": {k: {"label": LABELS[k], "member": m} for k, (_, m) in STATES.items()}, "org": orgs}
    extra: dict[str, Any] = {"acts": ACTS_V2, "actors": MEMBERS_ACTOR, "entities": entities, "clause_acts": acts}
    sections = [Section(s, s) for s in ("I", "II", "III", "IV", "V")]
    return Corpus("Essai", clauses, sections, {"securite": "Sécurité", "culture": "Culture", "economie": "Économie",
                                               "institutions": "Institutions"},
                  {"state": LABELS, "org": {k: v["label"] for k, v in orgs.items()}}, extra=extra)


@pytest.fixture
def roles() -> tuple[dict[str, list[Question]], Counter[str]]:
    # Built for each test, not once per module: mutmut maps a function only to the tests that run it, so a
    # bank built before the first test would leave every later test unmapped (its mutants never checked).
    refused: Counter[str] = Counter()
    return pool(role_corpus(), kinds=("who", "purpose"), refused=refused), refused


def _by_clause(questions: list[Question], clause: str) -> Question:
    return next(q for q in questions if clause in q.clauses)


def test_presidency_target_and_resolution_are_asked_with_the_text_s_own_names(roles: Any) -> None:
    bank, _ = roles
    who_qs = bank["who"]
    presidency = _by_clause(who_qs, "V.4")
    assert presidency.answer_texts == ("à la République kirghize",)
    assert f"La présidence de l’OCS passe {BLANK}." in presidency.prompt.replace(NNBSP, " ")
    # Distractors are other member states, written as the text writes them, never the key.
    assert set(presidency.options) - {"à la République kirghize"} <= {
        f"à la {STATES[k][0]}" for k in ("BLR", "IRN", "KAZ", "RUS", "TJK", "CHN")}
    strikes = _by_clause(who_qs, "II.14")
    assert strikes.answer_texts == ("la République islamique d’Iran",)
    # The strikers, named in the sentence, are never offered; non-members are not offered for a member.
    assert not any("Israël" in o or "États-Unis" in o for o in strikes.options)
    resolution = _by_clause(who_qs, "IV.26")
    assert resolution.answer_texts == ("de l’Assemblée générale des Nations unies",)
    # UN organs against UN organs; never the UN itself (the key's whole).
    assert all(o.startswith(("de l’", "du ")) and "Organisation des Nations unies" not in o
               for o in resolution.options)
    assert len(resolution.options) == 4


def test_a_pronoun_subject_gets_its_subject_back_in_brackets(roles: Any) -> None:
    bank, _ = roles
    q = _by_clause(bank["who"], "III.19")
    assert "« [Les États membres] se prononcent" in q.prompt.replace(NNBSP, " ")
    assert not passage_problem(q.prompt)


def test_guards_refuse_what_would_give_the_key_away_or_has_no_role(roles: Any) -> None:
    bank, refused = roles
    asked = {c for q in bank["who"] for c in q.clauses}
    assert not asked & {"II.15", "II.11", "IV.9", "II.4", "III.1"}
    ctx = Context(role_corpus())
    who.generate(ctx)
    why = dict((where, reason) for reason, where in ctx.cache["who-refused"])
    assert why["II.15:CSNU"] == "key-named-again-in-its-sentence"
    assert why["II.11:SRAT"] == "key-found-by-a-shared-word"
    assert why["II.4:CSNU"] == "sentence-too-long"
    assert "IV.9:CHN" not in why  # not even a candidate: a venue is no role
    assert refused["who:key-named-again-in-its-sentence"] == 1


def test_every_who_and_purpose_question_is_proven_by_its_facts(roles: Any) -> None:
    bank, _ = roles
    index = TextIndex(role_corpus())
    for q in bank["who"] + bank["purpose"]:
        assert not question_problems(q, index), q.prompt
        assert len(q.options) == 4 and len(set(q.options)) == 4
        assert all(len(o) <= 75 for o in q.options) or q.kind == "purpose"
        assert len(q.prompt) <= 120 or 0 < len(q.short_prompt) <= 120, q.prompt
        assert " ?" not in q.prompt and " :" not in q.prompt  # French spacing: no plain space before ? or :


def test_word_clue_matches_word_families_not_chance_prefixes() -> None:
    assert who.word_clue("la Structure régionale antiterroriste", ["le Secrétariat"], "exercices antiterroristes")
    assert who.word_clue("la Structure régionale antiterroriste", ["le Secrétariat"], "contre le terrorisme")
    assert who.word_clue("l’Organisation mondiale de la santé", ["l’UNESCO"], "la santé publique")
    assert not who.word_clue("de l’Assemblée générale", ["du Conseil de sécurité"], "des générations futures")
    # A word every option has gives nothing away.
    assert not who.word_clue("de l’Office des Nations unies", ["du Conseil des Nations unies"], "des Nations unies")


def _entity(key: str) -> Entity:
    return read_meaning(role_corpus()).entities["org"][key]


def test_definitions_are_the_glossary_s_cut_at_what_the_body_is_for() -> None:
    # The first statement says what the body is for: the rest is left to the feedback.
    assert purpose.definition(_entity("AGNU")) == "Organe plénier de l’ONU où chaque État membre dispose d’une voix"
    # An aside in parentheses goes; the words stay the glossary's.
    assert purpose.definition(_entity("OMS")) == "Institution spécialisée de l’ONU pour la santé publique"
    # About the text, or the summit (which may fit a sibling: both centres' agreements were signed there): none.
    assert purpose.definition(_entity("CRNU")) == ""
    assert purpose.definition(_entity("CUDM")) == ""


def test_purpose_names_a_body_by_its_acronym_when_its_name_gives_the_definition_away(roles: Any) -> None:
    bank, _ = roles
    prompts = {q.prompt.replace(NNBSP, " ").replace("\xa0", " "): q for q in bank["purpose"]}
    agnu = next(q for p, q in prompts.items() if "Assemblée générale" in p)
    assert agnu.answer_texts == ("Organe plénier de l’ONU où chaque État membre dispose d’une voix",)
    # Distractors: definitions of other UN organs, never of the UN itself, never about the text.
    assert all("ONU" in o for o in agnu.options) and not any("déclaration" in o for o in agnu.options)
    # « Structure régionale antiterroriste » would give « contre le terrorisme » away: asked as « la SRAT ».
    assert any("convient à la SRAT" in p for p in prompts)
    assert not any("Structure régionale" in p for p in prompts)


def test_purpose_refuses_a_definition_naming_the_key_or_an_alias() -> None:
    orgs = {"CIAC": {"label": "Convention sur l’interdiction des armes chimiques", "acronym": "CIAC",
                     "subtype": "treaty", "same_as": ["OIAC"], "definition": "Traité de 1993."},
            "OIAC": {"label": "Organisation pour l’interdiction des armes chimiques", "acronym": "OIAC",
                     "subtype": "organisation", "same_as": ["CIAC"],
                     "definition": "Organisation qui veille à l’application de la CIAC."}}
    meaning = read_meaning(role_corpus(orgs))
    oiac = meaning.entities["org"]["OIAC"]
    assert purpose._named(meaning, oiac, purpose.definition(oiac))  # names its alias: never asked


# --- the real corpus -------------------------------------------------------------------------------------

#: What the families ask on the kit's declaration (reviewed one by one, exercises/review/who-purpose.md).
REAL_WHO = {("V.4", "à la République kirghize"), ("V.3", "de la République populaire de Chine"),
            ("II.14", "la République islamique d’Iran"), ("III.19", "de la République islamique d’Iran"),
            ("I.8", "de l’Assemblée générale des Nations unies"),
            ("IV.26", "de l’Assemblée générale des Nations unies")}


def test_on_the_real_corpus_every_key_is_proven_by_the_tags(built_site: Path) -> None:
    corpus = Corpus.load(built_site / "corpus.json")
    bank = pool(corpus, kinds=("who", "purpose"))
    index = TextIndex(corpus)
    meaning = read_meaning(corpus)
    asked = {(q.clauses[0], q.answer_texts[0].replace(NNBSP, " ").replace("\xa0", " ")) for q in bank["who"]}
    assert asked >= REAL_WHO
    assert len(bank["purpose"]) >= 5  # AGNU, SRAT, ONUDC, Secrétariat, OMS
    for q in bank["who"] + bank["purpose"]:
        assert not question_problems(q, index), q.prompt
        assert len(q.options) == 4
        assert len(q.prompt) <= 120 or 0 < len(q.short_prompt) <= 120 or "I.8" in q.clauses, q.prompt
    for q in bank["who"]:
        # The key is the text's own words in its sentence, tagged as the entity asked.
        clause = corpus.clause(q.clauses[0])
        key = q.answer_texts[0].replace(NNBSP, " ").replace("\xa0", " ")
        assert key in clause.text
        at = clause.text.index(key)
        assert any(s.type in ("state", "org") and at <= s.start and s.end <= at + len(key) for s in clause.spans)
    for q in bank["purpose"]:
        # The key is a glossary definition (or its first statements), word for word.
        key = q.answer_texts[0].replace(NNBSP, " ").replace("\xa0", " ")
        assert any(purpose.definition(e) == key for e in meaning.entities["org"].values()), key


def test_purpose_refuses_unlike_distractors_for_a_catch_all_subtype() -> None:
    # An ASEAN against an institute, a centre and a watchdog: only « Organisation … » definitions may stand
    # against « Organisation … »; with fewer than three of them, no question.
    orgs: dict[str, dict[str, Any]] = {}
    orgs.update({
        "ASEAN": {"label": "Association des nations de l’Asie du Sud-Est", "acronym": "ASEAN",
                  "subtype": "organisation", "definition": "Organisation régionale qui réunit dix États."},
        "OIAC": {"label": "Organisation pour l’interdiction des armes chimiques", "acronym": "OIAC",
                 "subtype": "organisation", "definition": "Organisation établie à La Haye qui veille au traité."},
        "CIAI": {"label": "Conseil indien des affaires internationales", "subtype": "organisation",
                 "definition": "Institut indien de recherche sur les relations internationales."},
        "ALEMAI": {"label": "Centre Alem.AI", "subtype": "organisation",
                   "definition": "Centre consacré à l’intelligence artificielle."},
    })
    clause = build_clause("III.2", ["Les États membres saluent l’", ("ASEAN", "org", "ASEAN"), "."])
    corpus = role_corpus(orgs, (clause,))
    asked = {q.prompt for q in pool(corpus, kinds=("purpose",))["purpose"]}
    assert not any("ASEAN" in p or "Sud-Est" in p for p in asked)
    # With a third « Organisation … » definition, it is asked, against those three only.
    orgs["OMC"] = {"label": "Organisation mondiale du commerce", "acronym": "OMC", "subtype": "organisation",
                   "definition": "Organisation qui fixe les règles du commerce international."}
    orgs["UEE"] = {"label": "Union économique eurasiatique", "subtype": "organisation",
                   "definition": "Organisation de coopération économique entre cinq États d’Eurasie."}
    asean = next(q for q in pool(role_corpus(orgs, (clause,)), kinds=("purpose",))["purpose"]
                 if "Sud-Est" in q.prompt)
    assert all(o.startswith("Organisation") for o in asean.options)


# --- chronology's bar: only real dated events ---------------------------------------------------------------

@pytest.mark.parametrize(("text", "value", "event"), [
    ("les attentats perpétrés à Pahalgam le 22 avril 2025.", "2025-04-22", True),
    ("la réunion du Forum de l’OCS (New Delhi, 21-22 mai 2025)", "2025-05-21/2025-05-22", True),
    ("les frappes militaires en juin 2025.", "2025-06", True),
    ("la Stratégie de développement de l’OCS jusqu’en 2035, qui", "2035", False),  # a horizon
    ("pour la période allant jusqu’à 2030 et du Plan", "2030", False),  # a horizon, a bare year
    ("le Programme pour la période 2025-2027 (Astana", "2025/2027", False),  # a period
    ("L’année 2025 est marquée", "2025", False),  # a bare year
    ("de l’« Année internationale de la préservation des glaciers – 2025 » (Douchanbé", "2025", False),  # a name
    ("l’opération « Solidarité 2024-06 »", "2024-06", False),  # inside a name, even with a month
])
def test_chronology_dates_only_events(text: str, value: str, event: bool) -> None:
    from quizgen.generate.chronology import dated_event

    shown = {"2025-04-22": "22 avril 2025", "2025-05-21/2025-05-22": "21-22 mai 2025", "2025-06": "juin 2025",
             "2035": "2035", "2030": "2030", "2025/2027": "2025-2027", "2025": "2025", "2024-06": "2024-06"}[value]
    assert dated_event(text, text.rindex(shown), value) is event


def test_on_the_real_corpus_no_chronology_orders_a_horizon_or_a_name(built_site: Path) -> None:
    from quizgen.generate.chronology import dated_event
    from quizgen.question import OrderFact

    corpus = Corpus.load(built_site / "corpus.json")
    refused: Counter[str] = Counter()
    bank = pool(corpus, kinds=("chronology",), refused=refused)
    dates = {d for q in bank["chronology"] for f in q.facts if isinstance(f, OrderFact) for d in f.dates}
    assert not dates & {"2035", "2030", "2025/2027", "2026/2030", "2025", "2026"}
    # The horizons and periods of the text are not events.
    horizons = [(c, s) for c in corpus.clauses for s in c.spans
                if s.type == "date" and "jusqu" in c.text[max(0, s.start - 12):s.start]]
    assert len(horizons) >= 3  # I.10 « jusqu’en 2035 », III.6, III.25
    assert not any(dated_event(c.text, s.start, s.value) for c, s in horizons)


def test_the_guards_refuse_a_who_question_whose_distractor_the_sentence_makes_right(roles: Any) -> None:
    from dataclasses import replace

    from quizgen.question import EntityFact, TagFact

    bank, _ = roles
    strikes = _by_clause(bank["who"], "II.14")
    sentence = strikes.citations[0].quote.replace(NNBSP, " ").replace("\xa0", " ")
    index = TextIndex(role_corpus())
    # Offering Israel (named in the sentence as a striker) or the UN (the whole of a UN organ) is refused.
    striker = replace(strikes, facts=(*strikes.facts, TagFact("state", "ISR", "II.14", False, within=sentence)))
    assert any("also right" in p for p in question_problems(striker, index))
    resolution = _by_clause(bank["who"], "IV.26")
    whole = replace(resolution, facts=(*resolution.facts, EntityFact("org", "ONU", "key", "AGNU", False, "AGNU")))
    assert any("alias, part or whole" in p for p in question_problems(whole, index))


# --- who acts, and who is left out of a list: on the hand-made declaration of the stance families -------------

def test_the_actor_of_a_clause_is_asked_among_other_member_states() -> None:
    from meaning_corpus import meaning_corpus

    corpus = meaning_corpus()
    (q,) = [q for q in pool(corpus, kinds=("who",))["who"] if q.clauses == ("III.2",)]
    assert q.prompt.replace(NNBSP, " ").replace("\xa0", " ") == (
        "D’après la déclaration (§ III.2), quel État assurera la présidence de l’OCS pour la période 2025-2026 ?")
    assert q.answer_texts == ("Kirghizistan",)
    assert len(set(q.options)) == 4 and not {"États-Unis", "Afghanistan", "Israël", "Japon"} & set(q.options)
    assert not question_problems(q, TextIndex(corpus))


def test_the_member_state_missing_from_a_list_is_the_key_and_the_guards_accept_it() -> None:
    from meaning_corpus import meaning_corpus

    corpus = meaning_corpus()
    (q,) = [q for q in pool(corpus, kinds=("who",))["who"] if q.clauses == ("III.1",)]
    assert q.prompt.replace(NNBSP, " ").replace("\xa0", " ") == (
        "D’après la déclaration (§ III.1), quel État membre ne figure pas parmi ceux qui réaffirment leur "
        "soutien à l’initiative chinoise « Une ceinture, une route » ?")
    # China is not listed, but « chinoise » names it: India is the one left out.
    assert q.answer_texts == ("Inde",)
    listed = {"Biélorussie", "Iran", "Kazakhstan", "Kirghizistan", "Pakistan", "Russie", "Tadjikistan",
              "Ouzbékistan"}
    assert set(q.options) - {"Inde"} <= listed and len(set(q.options)) == 4
    assert not question_problems(q, TextIndex(corpus))


def test_a_list_opening_its_sentence_on_a_member_counts_that_member() -> None:
    # A tagger may keep the article in the span: the first state then starts the sentence itself.
    members = {k: v for k, v in STATES.items() if v[1]}
    text_pieces: list[Any] = [("La République de Biélorussie", "state", "BLR"), ", la ", _state("IRN"), ", la ",
                              _state("KAZ"), " et la ", _state("RUS"),
                              " réaffirment leur soutien au corridor de transport international."]
    clause = build_clause("III.4", text_pieces, ("economie",))
    act = _act(clause, "listed", "reaffirmer", "réaffirment", "leur soutien au corridor de transport international")
    corpus = role_corpus(more=(clause,), more_acts={"III.4": [act]})
    (q,) = [q for q in pool(corpus, kinds=("who",))["who"] if q.clauses == ("III.4",)]
    assert q.answer_texts[0] in {LABELS[k] for k in members} - {"Biélorussie", "Iran", "Kazakhstan", "Russie"}
    feedback = q.feedback.replace(NNBSP, " ").replace("\xa0", " ")
    assert "ne nomme que ces États membres : Biélorussie, Iran, Kazakhstan, Russie." in feedback


def test_a_body_that_acts_is_asked_among_bodies_of_its_kind() -> None:
    clause = build_clause("V.9", ["Le ", ("Secrétariat de l’OCS", "org", "SECR"),
                                  " organisera le forum des médias des États membres en 2026."], ("institutions",))
    act = _act(clause, "SECR", "assurer", "organisera", "le forum des médias des États membres en 2026")
    corpus = role_corpus(more=(clause,), more_acts={"V.9": [act]})
    (q,) = [q for q in pool(corpus, kinds=("who",))["who"] if q.clauses == ("V.9",)]
    assert q.prompt.replace(NNBSP, " ").replace("\xa0", " ") == (
        "D’après la déclaration (§ V.9), quel organisme organisera le forum des médias des États membres en 2026 ?")
    assert q.answer_texts == ("Secrétariat de l’OCS",)
    sco_bodies = {ORGS[k]["label"] for k in ("SRAT", "CAOCS", "CJOCS", "UNIOCS", "CUDM")}
    assert set(q.options) - {"Secrétariat de l’OCS"} <= sco_bodies
    assert not question_problems(q, TextIndex(corpus))


def test_a_state_that_starts_its_act_s_object_is_asked() -> None:
    # The tags may leave the preposition and article out of the object: « passe [à la] République du Kazakhstan ».
    clause = build_clause("V.5", ["Pour 2026-2027, la présidence de l’", ("OCS", "org", "OCS"), " passe à la ",
                                  _state("KAZ"), "."], ("institutions",))
    act = _act(clause, "leaders", "constater", "passe", "République du Kazakhstan")
    corpus = role_corpus(more=(clause,), more_acts={"V.5": [act]})
    (q,) = [q for q in pool(corpus, kinds=("who",))["who"] if q.clauses == ("V.5",)]
    assert q.answer_texts == ("à la République du Kazakhstan",)


def test_word_clue_takes_a_feminine_for_its_masculine() -> None:
    # « sociale » and « social », « locale » and « local »: one word, whatever the gender.
    assert who.word_clue("le Conseil social de l’OCS", ["le Secrétariat"], "la protection sociale")
    assert who.word_clue("l’Autorité locale de l’OCS", ["le Secrétariat"], "le développement local")


@pytest.mark.parametrize(("often", "asked"), [("chaque jour", True), ("chaque année", False)])
def test_a_sentence_of_the_longest_length_read_in_a_question_is_asked_one_letter_more_is_not(
        often: str, asked: bool) -> None:
    from quizgen.french import sentences

    clause = build_clause("IV.27", [
        "Les États membres saluent l’adoption de la résolution de l’",
        ("Assemblée générale des Nations unies", "org", "AGNU"),
        " proclamant 2026 Année internationale des volontaires, qui rendra hommage aux milliers de volontaires "
        f"engagés {often} auprès des populations les plus vulnérables, et appellent à soutenir leur action dans "
        "l’espace de l’Organisation."], ("culture",))
    ((s, e),) = sentences(clause.text)
    assert len(clause.text[s:e].strip()) == who.SENTENCE_LIMIT + (0 if asked else 1)
    act = _act(clause, "members", "saluer", "saluent", clause.text[clause.text.index("l’adoption"):-1])
    ctx = Context(role_corpus(more=(clause,), more_acts={"IV.27": [act]}))
    found = [q for q in who.generate(ctx) if q.clauses == ("IV.27",)]
    assert bool(found) == asked
    assert (("sentence-too-long", "IV.27:AGNU") in ctx.cache.get("who-refused", [])) == (not asked)


def test_the_short_form_keeps_the_most_words_around_the_blank_that_fit_kahoot() -> None:
    clause = build_clause("IV.30", ["Les dirigeants ont salué le rôle joué par le ", ("Secrétariat de l’OCS", "org", "SECR"),
                                    " dans le développement des infrastructures transfrontalières."], ("economie",))
    act = _act(clause, "leaders", "saluer", "ont salué", clause.text[clause.text.index("le rôle"):-1])
    corpus = role_corpus(more=(clause,), more_acts={"IV.30": [act]})
    (q,) = [q for q in pool(corpus, kinds=("who",))["who"] if q.clauses == ("IV.30",)]
    assert len(q.prompt) > 120 and len(q.short_prompt) <= 120
    # Six words before the blank and five after (each after it counting double) rather than four before and
    # the six after: the most of the sentence that fits.
    assert q.short_prompt.replace(NNBSP, " ") == (
        "Quel organe manque (§ IV.30) ? « … ont salué le rôle joué par _____ dans le développement des "
        "infrastructures … »")


def _five_members(*clauses: Clause, acts: dict[str, list[dict[str, Any]]]) -> Corpus:
    """Five member states only (one more than a list must name) and two others."""
    keys = ("BLR", "IRN", "KAZ", "KGZ", "RUS", "ISR", "USA")
    entities = {"state": {k: {"label": LABELS[k], "member": STATES[k][1]} for k in keys}, "org": ORGS}
    extra: dict[str, Any] = {"acts": ACTS_V2, "actors": MEMBERS_ACTOR, "entities": entities, "clause_acts": acts}
    return Corpus("Essai", list(clauses), [Section("III", "III")], {"economie": "Économie"},
                  {"state": {k: LABELS[k] for k in keys}, "org": {k: v["label"] for k, v in ORGS.items()}},
                  extra=extra)


def test_the_member_left_out_of_a_list_may_be_named_elsewhere_in_its_clause() -> None:
    listed = ("La République de Biélorussie, la République islamique d’Iran et la République du Kazakhstan "
              "réaffirment leur soutien à la présidence de la Fédération de Russie.")
    clause = build_clause("III.5", [
        "Le sommet s’est tenu à Tianjin. La ", _state("BLR"), ", la ", _state("IRN"), " et la ", _state("KAZ"),
        " réaffirment leur soutien à la présidence de la ", _state("RUS"), ". La ", _state("KGZ"),
        " accueillera le prochain sommet."], ("economie",))
    act = _act(clause, "listed", "reaffirmer", "réaffirment", "leur soutien à la présidence de la Fédération de Russie",
               listed)
    corpus = _five_members(clause, acts={"III.5": [act]})
    (q,) = pool(corpus, kinds=("who",))["who"]
    assert (q.kind, q.form, q.difficulty) == ("who", "choice", 3)
    assert q.answer_texts == ("Kirghizistan",)
    assert set(q.options) - {"Kirghizistan"} <= {"Biélorussie", "Iran", "Kazakhstan", "Russie"}
    # Russia ends the sentence; Kyrgyzstan, named in the next one, is not in the list.
    assert q.feedback.replace(NNBSP, " ").replace("\xa0", " ") == (
        "Réponse : Kirghizistan. La clause ne nomme que ces États membres : Biélorussie, Iran, Kazakhstan, "
        f"Russie. La déclaration (§ III.5) dit : « {listed} »")
    assert q.actors == ("BLR", "IRN", "KAZ", "KGZ", "RUS")
    # What a quiz's give-away check looks for elsewhere (the list itself), and the one thing it asks.
    assert q.evidence and listed.startswith(q.evidence[0])
    assert q.asks == {f"absent:III.5:{clause.text.index(listed)}"}
    assert not question_problems(q, TextIndex(corpus))


def test_no_list_question_without_a_fifth_member_to_leave_out() -> None:
    clause = build_clause("III.6", ["La ", _state("BLR"), ", la ", _state("IRN"), ", la ", _state("KAZ"), " et la ",
                                    _state("RUS"), " réaffirment leur soutien au corridor de transport."], ("economie",))
    act = _act(clause, "listed", "reaffirmer", "réaffirment", "leur soutien au corridor de transport")
    corpus = _five_members(clause, acts={"III.6": [act]})
    (q,) = pool(corpus, kinds=("who",))["who"]
    assert q.answer_texts == ("Kirghizistan",)
    fewer = Corpus(corpus.title, corpus.clauses, corpus.sections, corpus.themes, corpus.labels,
                   extra={**corpus.extra, "entities": {**corpus.extra["entities"], "state": {
                       k: v for k, v in corpus.extra["entities"]["state"].items() if k != "KGZ"}}})
    assert not pool(fewer, kinds=("who",))["who"]  # four members, all listed: no one is left out


def test_the_actor_question_draws_among_the_members_the_clause_does_not_name() -> None:
    clause = build_clause("III.7", ["La ", _state("KGZ"), " assurera la présidence de l’", ("OCS", "org", "OCS"),
                                    " après la ", _state("KAZ"), "."], ("institutions",))
    act = _act(clause, "KGZ", "assurer", "assurera", "la présidence de l’OCS après la République du Kazakhstan")
    corpus = _five_members(clause, acts={"III.7": [act]})
    (q,) = pool(corpus, kinds=("who",))["who"]
    # Exactly three members are neither the key nor named (Kazakhstan may be the right answer elsewhere).
    assert q.answer_texts == ("Kirghizistan",) and set(q.options) == {"Kirghizistan", "Biélorussie", "Iran", "Russie"}
    assert (q.kind, q.form, q.difficulty, q.actors) == ("who", "choice", 2, ("KGZ",))
    assert q.feedback.replace(NNBSP, " ").replace("\xa0", " ").startswith("Réponse : Kirghizistan. La déclaration")
    # What a quiz's give-away check looks for in the other questions: the act as the prompt words it.
    assert q.evidence == ("assurera la présidence de l’OCS après la République du Kazakhstan",)
    assert {"state:KGZ", "act:III.7:0"} <= q.asks
    # One member fewer: only two distractors left to offer, so no question.
    fewer = Corpus(corpus.title, corpus.clauses, corpus.sections, corpus.themes, corpus.labels,
                   extra={**corpus.extra, "entities": {**corpus.extra["entities"], "state": {
                       k: v for k, v in corpus.extra["entities"]["state"].items() if k != "BLR"}}})
    assert not pool(fewer, kinds=("who",))["who"]


def test_no_actor_question_on_a_pronoun_subject() -> None:
    # « quel État Elle assurera … » would not read: a verb tagged with its pronoun is not asked.
    clause = build_clause("III.8", ["La ", _state("KGZ"), " a été élue. Elle assurera la présidence de l’",
                                    ("OCS", "org", "OCS"), " pour la période 2025-2026."], ("institutions",))
    act = _act(clause, "KGZ", "assurer", "Elle assurera", "la présidence de l’OCS pour la période 2025-2026")
    assert not pool(_five_members(clause, acts={"III.8": [act]}), kinds=("who",))["who"]
