"""Meaning in the tags (corpus format 2): acts, sub-types, relations, persons and events.

Three layers: the markup's bad inputs stop a throw-away build with file, line and fix; the corpus
format round-trips and refuses versions it does not read; the kit's own tags hold the properties the
question generators rely on (every clause has acts, verbatim and never cut inside « », no named process
or event tagged as a place, no glossary form left untagged).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

import quizgen.corpus as corpus_module
from kit_project import MINIMAL_VOCABULARY, Project
from quiz_helpers import two_clause_corpus
from quizgen.corpus import Act, Bounds, Corpus, Stretch
from quizgen.problems import QuizgenError
from quizgen.sphinxext.edition.acts import balanced, quote_depths
from quizgen.vocabulary import PLACE_SUBTYPES, Vocabulary

ROOT = Path(__file__).resolve().parent.parent
VOCABULARY = ROOT / "docs" / "_data" / "vocabulary.toml"

CLAUSE = """# I. Essai

:::{clause} I.1
:themes: securite

Les États membres condamnent les frappes contre la {state}`République islamique d’Iran` et prennent note du « plan de l’{org}`OCS` pour la paix ».

```{acts}
%s
```
:::
"""
INDEX = "# Accueil\n\n```{toctree}\n:glob:\n*\n```\n"


def _page(*rows: str) -> str:
    return CLAUSE % "\n".join(rows)


def _build(project: Callable[..., Project], pages: dict[str, str], vocabulary: str = MINIMAL_VOCABULARY,
           conf_extra: str = "") -> Project:
    glossary = "# Glossaire\n\n:::{vocabulary-glossary}\n:::\n"
    proj = project({"index.md": INDEX, "glossaire.md": glossary, **pages}, vocabulary=vocabulary,
                   conf_extra=conf_extra)
    proj.build()
    return proj


def _line_of(page: str, needle: str) -> int:
    return page.split("\n").index(next(line for line in page.split("\n") if needle in line)) + 1


GOOD_ROWS = ("members condamner | condamnent | les frappes contre la République islamique d’Iran",
             "members prendre-note | prennent note | du « plan de l’OCS pour la paix »")


def test_acts_reach_the_corpus_with_offsets_and_leave_the_text_alone(project: Callable[..., Project]) -> None:
    proj = _build(project, {"essai.md": _page(*GOOD_ROWS)})
    assert "WARNING" not in proj.warnings, proj.warnings
    out = Path(proj.app.outdir)  # type: ignore[attr-defined]
    data = json.loads((out / "corpus.json").read_text(encoding="utf-8"))
    clause = data["clauses"][0]
    text = clause["text"]
    assert text.startswith("Les États membres condamnent") and "members" not in text
    acts = clause["acts"]
    assert [a["act"] for a in acts] == ["condamner", "prendre-note"]
    for act in acts:
        for part in ("verb", "object"):
            assert text[act[part]["start"]:act[part]["end"]] == act[part]["text"]
        assert act["sentence"] == {"start": 0, "end": len(text)}
    assert acts[1]["object"]["text"] == "du « plan de l’OCS pour la paix »"
    assert data["acts"]["condamner"]["polarity"] == "negative" and data["actors"]["members"]
    assert data["entities"]["org"]["OCS"]["subtype"] == "sco"
    html = (out / "essai.html").read_text(encoding="utf-8")
    assert "prendre-note" not in html and "members condamner" not in html


def test_a_long_object_may_be_shortened_with_three_dots(project: Callable[..., Project]) -> None:
    proj = _build(project, {"essai.md": _page("members condamner | condamnent | les frappes ... d’Iran")})
    data = json.loads((Path(proj.app.outdir) / "corpus.json").read_text(encoding="utf-8"))  # type: ignore[attr-defined]
    assert data["clauses"][0]["acts"][0]["object"]["text"] == "les frappes contre la République islamique d’Iran"


BAD_ROWS = {
    "unknown act": ("members louer | condamnent | les frappes", "unknown act 'louer'",
                    "use one of: condamner, prendre-note"),
    "unknown actor": ("voisins condamner | condamnent | les frappes", "unknown actor 'voisins'",
                      "use one of members, an ISO code"),
    "verb not verbatim": ("members condamner | ont condamné | les frappes", "verb 'ont condamné' is not in",
                          "copy the verb exactly as the clause writes it"),
    "object not verbatim": ("members condamner | condamnent | les attaques", "object 'les attaques' is not in",
                            "copy the object exactly"),
    "object cut inside « »": ("members prendre-note | prennent note | du « plan de l’OCS", "is cut inside « »",
                              "extend the object to the closing »"),
    "malformed line": ("members condamner condamnent les frappes", "malformed act line",
                       "write `ACTOR ACT | verb as in the text | object as in the text`"),
}


@pytest.mark.parametrize("case", sorted(BAD_ROWS))
def test_a_wrong_act_stops_the_build_with_file_line_and_fix(project: Callable[..., Project], case: str) -> None:
    row, message, fix = BAD_ROWS[case]
    page = _page(row)
    proj = _build(project, {"essai.md": page})
    assert proj.app.statuscode == 1  # type: ignore[attr-defined]
    lines = [line for line in proj.warnings.splitlines() if message in line]
    assert lines, proj.warnings
    assert any(f"essai.md:{_line_of(page, row)}:" in line and "fix: " + fix in line for line in lines), lines
    assert not (Path(proj.app.outdir) / "corpus.json").exists()  # type: ignore[attr-defined]


def test_an_acts_block_outside_a_clause_is_an_error(project: Callable[..., Project]) -> None:
    page = "# I. Essai\n\nUn paragraphe.\n\n```{acts}\nmembers condamner | condamnent | les frappes\n```\n"
    proj = _build(project, {"essai.md": page})
    assert proj.app.statuscode == 1  # type: ignore[attr-defined]
    lines = [line for line in proj.warnings.splitlines() if "an {acts} block stands outside a clause" in line]
    assert lines and "essai.md:5:" in lines[0] and "fix: move it inside the {clause}" in lines[0], proj.warnings


def test_an_acts_block_inside_a_note_of_the_clause_is_an_error(project: Callable[..., Project]) -> None:
    page = ("# I. Essai\n\n::::{clause} I.1\n:themes: securite\n\n:::{note}\n```{acts}\n"
            "members condamner | condamnent | les frappes\n```\n:::\n\nLes États membres condamnent les frappes.\n"
            "::::\n")
    proj = _build(project, {"essai.md": page})
    assert proj.app.statuscode == 1  # type: ignore[attr-defined]
    assert "an {acts} block is nested inside another block" in proj.warnings, proj.warnings
    assert "fix: put it directly in the clause" in proj.warnings


def test_a_clause_without_acts_stops_the_build_when_acts_are_required(project: Callable[..., Project]) -> None:
    page = "# I. Essai\n\n:::{clause} I.1\n:themes: securite\n\nUn.\n:::\n"
    proj = _build(project, {"essai.md": page}, conf_extra="quizgen_require_acts = True\n")
    lines = [line for line in proj.warnings.splitlines() if "clause I.1 has no acts" in line]
    assert lines and "essai.md:3:" in lines[0] and "fix: add an {acts} block" in lines[0], proj.warnings


BAD_VOCABULARY = {
    "unknown org subtype": ('subtype = "sco"', 'subtype = "club"', "[orgs.OCS]",
                            "organisation 'OCS': unknown subtype 'club'", "write subtype = one of: sco, sco-body"),
    "part_of naming an unknown key": ('subtype = "sco"', 'subtype = "sco"\npart_of = ["ONU"]', "[orgs.OCS]",
                                      "part_of names unknown key 'ONU'", "use a key of the [orgs] table"),
    "same_as not symmetric": ('subtype = "sco"', 'subtype = "sco"\nsame_as = ["ASEAN"]', "[orgs.OCS]",
                              "same_as 'ASEAN' is not symmetric", "add 'OCS' to same_as of [orgs.ASEAN]"),
    "unknown place subtype": ('subtype = "city"', 'subtype = "lake"', '[places."Douchanbé"]',
                              "place 'Douchanbé': unknown subtype 'lake'", "use one of: city, region, country"),
    "place without subtype": ('[places."Douchanbé"]\nsubtype = "city"\ncountry = ""',
                              '[places]\n"Douchanbé" = ""', '"Douchanbé"', "place 'Douchanbé' has no subtype",
                              "write it as a table"),
    "act without its fields": ('force = 7\n', '', "[acts.condamner]", "act 'condamner' lacks force",
                               "give label, force (int)"),
}
ASEAN = '\n[orgs.ASEAN]\nlabel = "ASEAN"\nsubtype = "organisation"\n'


@pytest.mark.parametrize("case", sorted(BAD_VOCABULARY))
def test_a_wrong_vocabulary_stops_the_build_with_file_line_and_fix(project: Callable[..., Project],
                                                                   case: str) -> None:
    old, new, anchor, message, fix = BAD_VOCABULARY[case]
    assert old in MINIMAL_VOCABULARY
    vocabulary = MINIMAL_VOCABULARY.replace(old, new, 1) + ASEAN
    proj = _build(project, {"essai.md": _page(*GOOD_ROWS)}, vocabulary=vocabulary)
    assert proj.app.statuscode == 1  # type: ignore[attr-defined]
    line = _line_of(vocabulary, anchor)
    lines = [w for w in proj.warnings.splitlines() if message in w]
    assert lines, proj.warnings
    assert f"vocabulary.toml:{line}:" in lines[0] and "fix: " + fix in lines[0], lines


def _corpus_with_acts() -> Corpus:
    corpus = two_clause_corpus()
    first = corpus.clauses[0]
    verb = first.text.index("saluent")
    obj = first.text.index("le rôle")
    act = Act("members", "saluer", Stretch("saluent", verb, verb + 7),
              Stretch(first.text[obj:-1], obj, len(first.text) - 1), Bounds(first.text.index("Ils"), len(first.text)))
    clauses = [type(first)(**{**first.__dict__, "acts": (act,)}), *corpus.clauses[1:]]
    return Corpus(corpus.title, clauses, corpus.sections, corpus.themes, corpus.labels, corpus.credit,
                  work={"title": "Déclaration d’essai", "short": "la déclaration"},
                  acts={"saluer": {"label": "saluer", "force": 3, "polarity": "positive", "decided": False,
                                   "present_3pl": "saluent", "construction": "direct", "group": "Saluer"}},
                  actors={"members": {"label": "les États membres"}},
                  entities={"org": {"OCS": {"label": "Organisation de coopération de Shanghai", "subtype": "sco",
                                            "part_of": [], "same_as": [], "definition": "…"}},
                            "state": {c: {"label": label, "member": True}
                                      for c, label in corpus.labels["state"].items()}})


def test_corpus_version_2_round_trips(tmp_path: Path) -> None:
    corpus = _corpus_with_acts()
    path = tmp_path / "corpus.json"
    corpus.write(path)
    again = Corpus.load(path)
    assert again == corpus
    assert again.clauses[0].acts[0].verb.text == "saluent"
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == 2


def test_a_version_1_reader_refuses_version_2_clearly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "corpus.json"
    _corpus_with_acts().write(path)
    monkeypatch.setattr(corpus_module, "CORPUS_VERSION", 1)
    with pytest.raises(QuizgenError) as err:
        Corpus.load(path)
    message = str(err.value)
    assert "corpus format version 2 is not supported (this quizgen reads version 1)" in message
    assert "newer quizgen" in message


def test_this_reader_refuses_a_version_1_corpus_and_says_to_rebuild(tmp_path: Path) -> None:
    data = _corpus_with_acts().to_dict()
    data["version"] = 1
    with pytest.raises(QuizgenError, match=r"version 1 is not supported .* rebuild the corpus"):
        Corpus.from_dict(data, "old.json")


def test_an_act_that_does_not_match_its_text_is_refused() -> None:
    data = _corpus_with_acts().to_dict()
    data["clauses"][0]["acts"][0]["verb"]["start"] += 1
    with pytest.raises(QuizgenError, match="act verb 'saluent' does not match the text"):
        Corpus.from_dict(data, "bad.json")


# --- the kit's own tags ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def kit(built_site: Path) -> Corpus:
    return Corpus.load(built_site / "corpus.json")


@pytest.fixture(scope="module")
def vocab() -> Vocabulary:
    return Vocabulary.load(VOCABULARY)


def test_every_clause_has_acts_verbatim_and_never_cut_inside_quotes(kit: Corpus) -> None:
    assert len(kit) == 111
    for clause in kit:
        assert clause.acts, clause.id
        depths = quote_depths(clause.text)
        for act in clause.acts:
            assert act.act in kit.acts and act.actor in {*kit.actors, *kit.entities["state"], *kit.entities["org"]}
            for part in (act.verb, act.object):
                assert clause.text[part.start:part.end] == part.text, (clause.id, part)
            assert balanced(clause.text, act.object.start, act.object.end, depths), (clause.id, act.object.text)
            sentence = clause.text[act.sentence.start:act.sentence.end]
            assert act.verb.text in sentence and act.object.text in sentence, (clause.id, act)


PREPOSITIONS = {"de": ("de ", "d’", "du ", "des "), "à": ("à ", "au ", "aux ")}
#: The French the text itself uses besides the act's usual construction.
ALSO = {"continuer": PREPOSITIONS["de"], "appeler": ("la communauté internationale à ",)}


def test_each_object_attaches_to_its_act_as_the_construction_says(kit: Corpus) -> None:
    """An object starts with its preposition when the act takes one, and with none when the act is direct:
    « prennent note » + « de la proposition… », « condamnent » + « les attentats… »."""
    wrong = []
    for clause in kit:
        for act in clause.acts:
            construction, text = kit.acts[act.act]["construction"], act.object.text
            if construction in PREPOSITIONS:
                ok = text.startswith(PREPOSITIONS[construction] + ALSO.get(act.act, ()))
            else:
                ok = act.act == "constater" or not text.startswith(PREPOSITIONS["de"] + PREPOSITIONS["à"])
            if not ok:
                wrong.append((clause.id, act.act, act.verb.text, text[:40]))
    assert not wrong, wrong


def test_the_act_scale_is_ordered_and_decisions_sit_at_the_top(kit: Corpus) -> None:
    forces = {key: act["force"] for key, act in kit.acts.items()}
    assert forces["prendre-note"] < forces["saluer"] < forces["soutenir"] < forces["souligner"] \
        < forces["reaffirmer"] < forces["condamner"] < forces["continuer"] < forces["adopter"]
    decided = {key for key, act in kit.acts.items() if act["decided"]}
    assert decided == {"adopter", "signer", "decider", "approuver"}
    groups: dict[str, set[int]] = {}
    for act in kit.acts.values():
        groups.setdefault(act["group"], set()).add(act["force"])
    assert all(len(f) == 1 for f in groups.values()), groups  # one rung per group


def test_relations_of_the_issue_hold(vocab: Vocabulary) -> None:
    assert "ONU" in vocab.orgs["AGNU"].part_of and "ONU" in vocab.orgs["CSNU"].part_of
    assert vocab.orgs["OIAC"].same_as == ("CIAC",) and vocab.orgs["CIAC"].same_as == ("OIAC",)
    assert vocab.orgs["CIAC"].subtype == vocab.orgs["BTWC"].subtype == "treaty"


def test_related_organisations_are_aliases_wholes_and_parts_never_siblings(kit: Corpus) -> None:
    assert kit.related("AGNU") == {"AGNU", "ONU"}
    assert kit.related("CIAC") == {"CIAC", "OIAC"}
    assert "CSNU" not in kit.related("AGNU")
    assert {"AGNU", "CSNU", "UNESCO"} <= kit.related("ONU")
    assert {"SRAT", "CEOCS", "BDOCS"} <= kit.related("OCS")
    assert kit.subtype("org", "BTWC") == "treaty" and kit.entity("place", "Astana")["country"] == "KAZ"
    first = kit.clause("II.5")
    assert first.sentence_of(first.acts[0]) == first.text


def test_every_place_span_names_a_city_region_or_country(kit: Corpus, vocab: Vocabulary) -> None:
    for clause, span in kit.all_spans("place"):
        assert span.value in vocab.place_info, (clause.id, span)
        assert vocab.place_info[span.value].subtype in PLACE_SUBTYPES
        before = clause.text[:span.start]
        # A named process, event or body is not a place: « processus de Douchanbé », « Forum Issyk-Koul »…
        assert not re.search(r"(processus|cycle|Forum|exercices?|opération) (de |d’)?$", before), (clause.id, span)


def test_regions_are_not_organisations(kit: Corpus, vocab: Vocabulary) -> None:
    """Issue 12, item 11: ALC (Amérique latine et Caraïbes) is a region, tagged as such, with its glossary note."""
    assert "ALC" not in vocab.orgs
    assert vocab.place_info["ALC"].subtype == "region" and vocab.place_info["ALC"].description
    assert ("III.27", "ALC") in {(c.id, s.value) for c, s in kit.all_spans("place")}
    for _, span in kit.all_spans("org"):
        assert kit.subtype("org", span.value) != "region", span


def test_no_named_event_or_process_is_tagged_as_a_place_or_a_date(kit: Corpus) -> None:
    events = [(c, s) for c, s in kit.all_spans("event")]
    assert {s.value for _, s in events} >= {"processus-douchanbe", "solidarite-2024", "interaction-2024", "innoprom"}
    for clause, event in events:
        inside = [s for s in clause.spans if s is not event and s.start < event.end and event.start < s.end]
        assert not inside, (clause.id, event, inside)


def _covered(clause_spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in clause_spans)


#: Forms deliberately left untagged: the words do not carry the vocabulary's meaning there (issue 12, item 17).
NOT_THE_CONCEPT = {("I.5", "développement durable"), ("III.24", "développement durable")}


def test_no_form_of_the_vocabulary_is_left_untagged(kit: Corpus, vocab: Vocabulary) -> None:
    """Each form of a state, organisation, place, concept, person or event found in a clause's text (as whole
    words) lies inside a span: a glossary entry whose words are in the text but not tagged is a slip."""
    forms = [f for o in vocab.orgs.values() for f in o.forms] + \
        [f for p in vocab.persons.values() for f in p.forms] + \
        [f for e in vocab.events.values() for f in e.forms] + \
        [f for st in vocab.states.values() for f in st.forms] + \
        [f for fs in vocab.concepts.values() for f in fs] + list(vocab.places)
    missing = []
    for clause in kit:
        spans = [(s.start, s.end) for s in clause.spans]
        for form in forms:
            for match in re.finditer(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])", clause.text):
                if not _covered(spans, match.start(), match.end()) and (clause.id, form) not in NOT_THE_CONCEPT:
                    missing.append((clause.id, form))
    assert not missing, missing


def test_every_glossary_entry_has_text_forms_found_in_the_declaration(kit: Corpus, vocab: Vocabulary) -> None:
    tagged = {s.value for _, s in kit.all_spans("org")}
    assert not [k for k, o in vocab.orgs.items() if not o.forms], "an entry without forms can never be tagged"
    assert set(vocab.orgs) - tagged <= {"ALC"} or set(vocab.orgs) <= tagged, set(vocab.orgs) - tagged


def test_the_organisation_meaning_the_sco_is_tagged(kit: Corpus) -> None:
    for clause_id in ("I.1", "III.7", "V.3"):
        clause = kit.clause(clause_id)
        assert any(s.text == "Organisation" and s.value == "OCS" for s in clause.spans_of("org")), clause_id


def test_sustainable_development_of_something_else_is_not_the_concept(kit: Corpus) -> None:
    for clause, span in kit.all_spans("concept"):
        if span.value == "developpement-durable":
            after = clause.text[span.end:span.end + 30]
            assert not after.startswith((" des relations internationales", ", stable")), (clause.id, after)
    assert not kit.clause("I.5").spans_of("concept") or all(
        s.value != "developpement-durable" for s in kit.clause("I.5").spans_of("concept"))


def test_the_chronology_and_tajikistan_no_longer_treat_the_dushanbe_process_as_a_place(built_site: Path) -> None:
    chronology = (built_site / "chronologie.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr class=\"qg-chronology-event[^\"]*\">(.*?)</tr>", chronology, re.S)
    ii10 = [r for r in rows if "clause-II-10" in r]
    assert ii10 and all("Douchanbé</p>" not in r and "New York" in r for r in ii10), ii10
    assert not [r for r in rows if "Solidarité 2024" in r and "clause-II-12" in r and ">2024<" in r]
    countries = (built_site / "pays" / "index.html").read_text(encoding="utf-8")
    card = countries[countries.index('id="acteur-tjk"'):]
    card = card[:card.index("</section>") if "</section>" in card else 20000]
    places = re.search(r'class="qg-actor-places">(.*?)</p>', card, re.S)
    assert places and "clause-II-9\"" not in places[1] and "clause-II-10\"" not in places[1]


# An act's verb and object are found as whole words: « engagent » is not found inside « réengagent ».
WORDS = ["soutiennent", "engagent", "l’OCS", "_x", "2025", "«", "»", " ", ",", "réengagent", "é", "a"]


@pytest.mark.parametrize("seed", range(40))
def test_an_act_is_found_as_whole_words_as_the_pattern_finds_it(seed: int) -> None:
    import random

    from quizgen.sphinxext.edition.acts import _find

    rng = random.Random(seed)
    text = "".join(rng.choice(WORDS) for _ in range(rng.randint(0, 30)))
    for needle in ["engagent", "a", "l’OCS", "«", "é a", "2025", "_x"]:
        for after in (0, rng.randint(0, len(text) + 1), len(text)):
            pattern = re.compile(r"(?<!\w)" + re.escape(needle) + r"(?!\w)")
            match = pattern.search(text, after) or pattern.search(text)
            assert _find(text, needle, after) == (match.start() if match else -1), (text, needle, after)
