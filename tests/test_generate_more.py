"""What reading, blanks, choice, attribution and the pool give a student and a teacher, on small hand-made
corpora: survivors of the mutation samples of issue 17 (round 4), each killed by what a reader would notice —
the passage shown, the options offered, the key, a refusal, a count a teacher reads."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any

from meaning_corpus import SYNTHESIS, meaning_corpus
from quiz_helpers import ORG_LABELS, STATE_LABELS, THEMES, build_clause, two_clause_corpus
from quizgen.corpus import Clause, Corpus, Section
from quizgen.generate import GENERATORS, pool, refusal, typeset
from quizgen.generate.context import Context
from quizgen.guards import TextIndex, question_problems
from quizgen.question import Citation, Question

NNBSP, NBSP = "\u202f", "\u00a0"


def _plain(text: str) -> str:
    return text.replace(NNBSP, " ").replace(NBSP, " ")


def _with_clause(corpus: Corpus, clause_id: str, text: str) -> Corpus:
    """The corpus with one clause's text replaced (its spans and acts must still fall inside it)."""
    clauses = [replace(c, text=text) if c.id == clause_id else c for c in corpus.clauses]
    return Corpus(corpus.title, clauses, corpus.sections, corpus.themes, corpus.labels, extra=dict(corpus.extra))


def _with_points(corpus: Corpus, points: list[dict[str, Any]]) -> Corpus:
    return Corpus(corpus.title, corpus.clauses, corpus.sections, corpus.themes, corpus.labels,
                  extra={**corpus.extra, "synthesis_points": points})


def _reading(corpus: Corpus, clause_id: str) -> Question:
    return next(q for q in pool(corpus, kinds=("reading",))["reading"] if q.clauses == (clause_id,))


# --- reading ------------------------------------------------------------------------------------------------

# Three more sentences for I.1 (« a proposal to create a centre for strategic studies »), none pointing back:
# the clause is then longer than a passage shown whole.
_MORE = (" Le centre proposé réunirait des chercheurs venus de plusieurs pays de la région afin de confronter "
         "leurs analyses sur les menaces communes. Une première réunion préparatoire pourrait avoir lieu au "
         "cours de l’année prochaine, selon un calendrier que les ministres compétents fixeront ultérieurement. "
         "Le financement du projet reste à déterminer par les instances concernées lors des prochains sommets.")


def test_a_long_clause_is_shown_by_the_one_sentence_its_point_sums_up() -> None:
    corpus = meaning_corpus()
    first = corpus.clause("I.1").text
    long = _with_clause(corpus, "I.1", first + _MORE)
    assert len(long.clause("I.1").text) > 420
    q = _reading(long, "I.1")
    # Only the first sentence is quoted, not the whole clause: the point sums up the proposal it records.
    assert _plain(q.prompt).endswith(f"« {first} »"), q.prompt
    assert "chercheurs" not in q.prompt and "financement" not in q.prompt
    assert [_plain(c.quote) for c in q.citations] == [first]
    # The short clause is shown whole (both sentences of II.1).
    whole = _reading(corpus, "II.1")
    assert _plain(whole.prompt).endswith(f"« {corpus.clause('II.1').text} »")


def test_a_reading_question_keeps_why_each_distractor_is_wrong() -> None:
    """Re-checked against a synthesis where one distractor's point now cites the clause too, the question
    is refused: each wrong option carries the point it stands for."""
    corpus = meaning_corpus()
    q = _reading(corpus, "I.1")
    by_text = {p["text"]: p for p in SYNTHESIS}
    assert question_problems(q, TextIndex(corpus)) == []
    for i, option in enumerate(q.options):
        if i in q.answers:
            continue
        point = by_text[_plain(option)]
        moved = [{**p, "clauses": [*p["clauses"], "I.1"]} if p is point else p for p in SYNTHESIS]
        problems = question_problems(q, TextIndex(_with_points(corpus, moved)))
        assert problems and all("wrong option is also right" in p for p in problems), (point, problems)
        assert point["id"] in problems[0]


# --- the pool -----------------------------------------------------------------------------------------------

def test_the_refusal_counts_add_up_to_the_candidates_left_out() -> None:
    corpus = meaning_corpus()
    refused: Counter[str] = Counter()
    found = pool(corpus, refused=refused)
    assert refused and all(n > 0 for n in refused.values()), refused
    ctx = Context(corpus)
    candidates = {kind: generate(ctx) for kind, generate in GENERATORS.items()}
    # What the generators passed over before any guard (``ctx.cache["skipped"]``) is counted too.
    skipped: Counter[str] = ctx.cache.get("skipped", Counter())
    for kind, made in candidates.items():
        left_out = sum(1 for q in made if refusal(q, ctx.index))
        counted = sum(n for key, n in refused.items() if key.startswith(f"{kind}:"))
        assert counted == left_out + sum(n for key, n in skipped.items() if key.startswith(f"{kind}:")), kind
        assert len(found[kind]) == len({q.id for q in made if not refusal(q, ctx.index)})
    assert sum(refused.values()) > sum(skipped.values())  # some candidates were refused by a guard


# --- attribution ----------------------------------------------------------------------------------------------

def test_one_expert_s_claims_are_each_given_their_own_distractors() -> None:
    """A student who meets several claims of one expert does not meet the same three other names each time."""
    corpus = two_clause_corpus()
    texts = ["La déclaration consacre la multipolarité.", "Le texte reste prudent.", "Un sommet de façade.",
             "Une lecture économique.", "Une lecture sécuritaire.", "Un texte de compromis."]
    others = [("dupont", "Anne Dupont"), ("martin", "Paul Martin"), ("roux", "Lucie Roux"),
              ("petit", "Marc Petit"), ("blanc", "Julie Blanc")]
    corpus.extra["claims"] = [
        *({"expert": "salvaudon", "expert_label": "Charles Salvaudon", "clauses": ["II.1"], "text": t}
          for t in texts),
        *({"expert": key, "expert_label": label, "clauses": ["I.1"], "text": f"Lecture de {label}."}
          for key, label in others)]
    asked = [q for q in pool(corpus)["attribution"]
             if q.prompt.startswith("Quel expert") and q.answer_texts == ("Charles Salvaudon",)]
    assert len(asked) == len(texts)
    assert len({frozenset(q.options) for q in asked}) > 1


def test_reading_questions_are_of_the_medium_level() -> None:
    """A « moyen » recipe draws them: placing a passage in the synthesis is neither recall nor a stance."""
    asked = pool(meaning_corpus(), kinds=("reading",))["reading"]
    assert asked and {q.difficulty for q in asked} == {2}


def test_every_text_a_student_reads_is_typeset_and_names_the_work() -> None:
    work = {"title": "Charte de l’essai", "short": "la charte", "gender": "f", "of": "de la charte",
            "in": "dans la charte"}
    ctx = Context(meaning_corpus(work))
    raw = Question(
        id="q", kind="matching", form="matching", prompt="Que dit la déclaration : « OCS » ?",
        options=("l'Organisation", "« Une ceinture, une route »"), answers=(0, 1), clauses=("I.2", "II.1"),
        citations=(Citation("I.2", "u", "l'OCS ? oui"),), feedback="Voir la déclaration ; c'est dit !",
        difficulty=2, themes=(), stems=("Qui ?", "l'ONU : quoi"), short_prompt="D’après la déclaration ?",
        short_options=("l'un", "l'autre"), cloze=("Ils disent : c'est", " est là ?"))
    q = typeset(raw, ctx)
    assert q.prompt == f"Que dit la charte{NBSP}: «{NNBSP}OCS{NNBSP}»{NNBSP}?"
    assert q.options == ("l’Organisation", f"«{NNBSP}Une ceinture, une route{NNBSP}»")
    assert q.stems == (f"Qui{NNBSP}?", f"l’ONU{NBSP}: quoi")
    assert q.feedback == f"Voir la charte{NNBSP}; c’est dit{NNBSP}!"
    assert q.short_prompt == f"D’après la charte{NNBSP}?"
    assert q.short_options == ("l’un", "l’autre")
    assert q.cloze == (f"Ils disent{NBSP}: c’est", f" est là{NNBSP}?")
    assert q.citations == (Citation("I.2", "u", f"l’OCS{NNBSP}? oui"),)
    # The parts of the work the question's clauses are in, in the clauses' order.
    assert q.sections == ("I", "II")
    assert (q.answers, q.clauses, q.id) == (raw.answers, raw.clauses, raw.id)
    # No short form stays none; no cloze stays none.
    bare = typeset(replace(raw, short_prompt="", cloze=None), ctx)
    assert bare.short_prompt == "" and bare.cloze is None


# --- choice: which theme, which state ----------------------------------------------------------------------

def _v1(clauses: list[Clause], labels: dict[str, dict[str, str]] | None = None) -> Corpus:
    """A corpus without the kit's v2 tags (no acts): the word-recall families of choice are made."""
    romans = sorted({c.section for c in clauses})
    return Corpus("Déclaration d’essai", clauses, [Section(r, f"{r}. Partie {r}") for r in romans], dict(THEMES),
                  {"state": dict(STATE_LABELS), "org": dict(ORG_LABELS)} if labels is None else labels)


_RUSSIA = build_clause("II.1", ["La ", ("Russie", "state", "RUS"), " soutient la ",
                                ("multipolarité", "concept", "multipolarité"), "."], ("economie",))
# 401 characters; the last word boundary before the 400th follows a comma.
_LONG = ("Les États membres soulignent l’importance de la coopération régionale dans les domaines de l’énergie, "
         "des transports, de l’agriculture et du commerce. ") * 2 + (
    "Ils rappellent le rôle de la coopération humanitaire dans les domaines de la santé publique, enfin.")


def test_a_theme_passage_over_400_characters_is_cut_at_a_word_without_its_comma() -> None:
    assert len(_LONG) == 401
    corpus = _v1([build_clause("I.1", [_LONG], ("economie",)), _RUSSIA])
    [q] = [q for q in pool(corpus)["choice"] if q.prompt.startswith("À quel thème") and q.clauses == ("I.1",)]
    quote = _plain(q.citations[0].quote)
    assert quote.endswith("de la santé publique…"), quote[-40:]
    assert _plain(q.prompt).endswith(f"« {quote} »")


def test_theme_distractors_are_drawn_per_passage() -> None:
    """Clauses of one theme do not all offer the same three wrong themes."""
    clauses = [build_clause(f"I.{i}", [f"Les États membres ont adopté le programme numéro {i} sur le commerce "
                                       "régional et les échanges."], ("economie",)) for i in range(1, 9)]
    asked = [q for q in pool(_v1([*clauses, _RUSSIA]))["choice"] if q.prompt.startswith("À quel thème")]
    mine = [q for q in asked if q.clauses[0].startswith("I.")]
    assert len(mine) == 8 and all(q.answer_texts == ("Économie",) for q in mine)
    assert len({frozenset(q.options) for q in mine}) > 1


def test_a_which_state_question_offers_labelled_states_the_text_never_names() -> None:
    """II.1 of the library example names Iran, Pakistan and Russia, I.1 names India: the distractors come
    from every state the corpus labels, not only from those its clauses name."""
    corpus = two_clause_corpus()
    named = {s.value for c in corpus.clauses for s in c.spans_of("state")}
    asked = [q for q in pool(corpus)["choice"] if q.prompt.startswith("Quel État") and q.clauses == ("II.1",)]
    assert asked
    labels = corpus.labels["state"]
    for q in asked:
        wrong = [o for i, o in enumerate(q.options) if i not in q.answers]
        assert len(wrong) == 3
        assert any(o in {labels[v] for v in set(labels) - named} for o in wrong), q.options


def test_a_corpus_that_labels_no_state_asks_no_which_state_question() -> None:
    """Without labels a state would be offered under its code: no such question, and no failure."""
    corpus = _v1([build_clause("I.1", ["Ils coopèrent avec la ", ("Chine", "state", "CHN"), " et la ",
                                       ("Russie", "state", "RUS"), " dans le domaine de l’énergie."]), _RUSSIA],
                 labels={"org": dict(ORG_LABELS)})
    assert not [q for q in pool(corpus)["choice"] if q.prompt.startswith("Quel État")]


# --- blanks: the phrases that may stand in the answer's place ------------------------------------------------

def _summits(dates: list[tuple[str, str]]) -> Corpus:
    places = ["Astana", "Bichkek", "Douchanbé", "Tachkent", "Samarcande", "Minsk"]
    return _v1([build_clause(f"I.{i + 1}", ["Le sommet s’est tenu à ", (places[i], "place", places[i]), " le ",
                                           (words, "date", iso), "."])
                for i, (words, iso) in enumerate(dates)] + [_RUSSIA])


def test_a_date_is_replaced_only_by_dates_written_the_same_way() -> None:
    """« le 1er mai 2023 » beside « le 4 juillet 2024 »: the odd one would be seen to be wrong."""
    from quizgen.french import written_shape
    from quizgen.generate.blanks import blank_for

    corpus = _summits([("4 juillet 2024", "2024-07-04"), ("15 juin 2026", "2026-06-15"),
                       ("1er mai 2023", "2023-05-01"), ("3 mars 2021", "2021-03-03")])
    clause = corpus.clause("I.1")
    [span] = clause.spans_of("date")
    blank = blank_for(Context(corpus), clause, span)
    assert blank is not None
    assert sorted(r.value for r in blank.replacements) == ["2021-03-03", "2026-06-15"]
    assert all(written_shape(r.text) == written_shape(blank.answer) for r in blank.replacements)


def test_a_number_with_three_others_in_the_text_is_not_given_made_up_ones() -> None:
    corpus = _v1([build_clause(f"I.{i + 1}", ["Les dirigeants de ", (f"{n} États", "number", str(n)),
                                             " se sont réunis à ", (place, "place", place), "."])
                  for i, (n, place) in enumerate([(10, "Astana"), (20, "Bichkek"), (30, "Minsk"), (40, "Ufa")])]
                 + [_RUSSIA])
    from quizgen.generate.blanks import blank_for

    clause = corpus.clause("I.1")
    [span] = clause.spans_of("number")
    blank = blank_for(Context(corpus), clause, span)
    assert blank is not None
    assert sorted(r.text for r in blank.replacements) == ["de 20 États", "de 30 États", "de 40 États"]


def test_a_state_named_in_the_same_sentence_never_stands_in_the_answer_s_place() -> None:
    """« avec la Chine et la Russie »: « avec la Russie et la Russie » would not be proven wrong."""
    from quizgen.generate.blanks import blank_for

    corpus = _v1([
        build_clause("I.1", ["Ils coopèrent avec la ", ("Chine", "state", "CHN"), " et la ",
                             ("Russie", "state", "RUS"), " dans le domaine de l’énergie."]),
        build_clause("I.2", ["Ils dialoguent avec la ", ("Biélorussie", "state", "BLR"), " sur les transports."]),
        build_clause("I.3", ["La coopération avec la ", ("Mongolie", "state", "MNG"), " renforce les échanges."]),
        build_clause("I.4", ["Un accord lie la ", ("Turquie", "state", "TUR"), " aux États membres."]),
        _RUSSIA])
    clause = corpus.clause("I.1")
    chine = next(s for s in clause.spans if s.value == "CHN")
    blank = blank_for(Context(corpus), clause, chine)
    assert blank is not None
    values = {r.value for r in blank.replacements}
    assert "RUS" not in values and {"BLR", "MNG", "TUR"} <= values


def test_a_cloze_keeps_why_each_wrong_date_is_wrong() -> None:
    """Re-checked against a corpus where a wrong option's date is also tagged in the answer's sentence, the
    cloze is refused."""
    from quizgen.corpus import Span
    from quizgen.generate.blanks import blank_for

    corpus = _summits([("4 juillet 2024", "2024-07-04"), ("15 juin 2026", "2026-06-15"),
                       ("3 mars 2021", "2021-03-03"), ("9 avril 2022", "2022-04-09")])
    [q] = [q for q in pool(corpus)["cloze"] if q.clauses == ("I.1",) and "2024" in q.answer_texts[0]]
    assert question_problems(q, TextIndex(corpus)) == []
    clause = corpus.clause("I.1")
    blank = blank_for(Context(corpus), clause, clause.spans_of("date")[0])
    assert blank is not None
    value = {_plain(r.text): r.value for r in blank.replacements}
    wrong = [value[_plain(o)] for i, o in enumerate(q.options) if i not in q.answers]
    assert len(wrong) == 3
    at = clause.text.index("sommet")
    tagged = replace(clause, spans=(*clause.spans, Span("date", "sommet", wrong[0], at, at + len("sommet"))))
    moved = Corpus(corpus.title, [tagged if c.id == "I.1" else c for c in corpus.clauses], corpus.sections,
                   corpus.themes, corpus.labels)
    problems = question_problems(q, TextIndex(moved))
    assert any("wrong option is also right" in p and wrong[0] in p for p in problems), problems


# --- matching and cloze -------------------------------------------------------------------------------------

def test_two_acronyms_of_one_institution_are_never_matched_in_one_question() -> None:
    """« OTSC » and « CSTO » both name the Collective Security Treaty Organisation: in one matching, either
    stem would fit both options."""
    orgs = {**ORG_LABELS, "OTSC": "Organisation du traité de sécurité collective",
            "CSTO": "Organisation du traité de sécurité collective"}
    written = [("l’", "OCS"), ("l’", "ONU"), ("l’", "OTSC"), ("l’", "ASEAN"), ("la ", "CSTO"), ("la ", "CEI")]
    corpus = _v1([build_clause(f"I.{i + 1}", [f"Les États membres ont salué le rôle de {det}", (key, "org", key),
                                             f" dans la région numéro {i + 1}."])
                  for i, (det, key) in enumerate(written)] + [_RUSSIA],
                 labels={"state": dict(STATE_LABELS), "org": orgs})
    asked = [q for q in pool(corpus)["matching"] if q.prompt.startswith("Associez chaque sigle")]
    # A group is made from every other acronym in text order (OCS, OTSC, CSTO): the one from OTSC leaves
    # CSTO out and takes the next acronym, rather than being lost.
    assert len(asked) == 3
    assert any(q.stems[0] == "OTSC" and "CEI" in q.stems for q in asked), [q.stems for q in asked]
    for q in asked:
        assert len(set(q.options)) == len(q.options) == len(q.stems), q.stems
        assert not {"OTSC", "CSTO"} <= set(q.stems), q.stems


def test_a_cloze_cut_inside_its_sentence_marks_the_cut_with_an_ellipsis() -> None:
    long = ("Les États membres ont réaffirmé leur attachement au renforcement de la coopération régionale dans les "
            "domaines de l’énergie, des transports, de l’agriculture, du commerce, de la santé publique, de "
            "l’éducation et de la culture, ainsi que leur soutien à ")
    corpus = _v1([build_clause("I.1", [long, ("Astana", "place", "Astana"),
                                       " comme lieu de la prochaine réunion ministérielle des États membres, qui "
                                       "se tiendra au cours du premier semestre de l’année prochaine, selon le "
                                       "calendrier arrêté par les ministres des affaires étrangères."]),
                  *(build_clause(f"I.{i + 2}", ["Une réunion a eu lieu à ", (p, "place", p), "."])
                    for i, p in enumerate(["Bichkek", "Minsk", "Tachkent", "Douchanbé"])), _RUSSIA])
    [q] = [q for q in pool(corpus)["cloze"] if q.clauses == ("I.1",)]
    assert q.cloze is not None
    before, after = (_plain(x) for x in q.cloze)
    assert before.startswith("…") and after.endswith("…")
    assert _plain(q.prompt).endswith(f"{after} »") and _plain(q.citations[0].quote).endswith("…")
    assert "XX" not in q.prompt


def test_a_state_the_glossary_does_not_know_is_not_offered_in_a_cloze() -> None:
    """On the kit's corpora a distractor is a state of the key's kind (a member for a member): a state the
    glossary does not list has no known kind, and is left out."""
    corpus = meaning_corpus()
    korea = build_clause("III.3", ["La ", ("République de Corée", "state", "KOR"),
                                   " a suivi les travaux du sommet en qualité d’invitée."], ("institutions",))
    more = Corpus(corpus.title, [*corpus.clauses, korea], corpus.sections, corpus.themes, corpus.labels,
                  extra=dict(corpus.extra))
    asked = [q for q in pool(more, kinds=("cloze",))["cloze"] if q.clauses == ("III.2",)]
    assert asked
    for q in asked:
        assert not any("Corée" in o for o in q.options), q.options
        assert len(q.options) == 4


def test_the_refusal_report_counts_each_body_left_out_once() -> None:
    """The SCO's glossary entry only says when and where it was founded: one body not asked, counted once
    (the Security Council is asked; a treaty is not a body and is not counted)."""
    refused: Counter[str] = Counter()
    asked = pool(meaning_corpus(), kinds=("purpose",), refused=refused)["purpose"]
    assert refused == Counter({"purpose:no-definition-of-what-it-is-for": 1})
    assert [q.actors for q in asked] == [("CSNU",)]


def test_a_which_sentence_question_carries_its_clause_s_themes() -> None:
    """A recipe on a theme draws the « which sentence » questions of that theme's clauses."""
    from quiz_helpers import synthetic_corpus

    corpus = synthetic_corpus(3, clauses=20)
    asked = [q for q in pool(corpus)["choice"] if q.prompt.startswith("Laquelle de ces phrases")]
    assert asked
    for q in asked:
        assert q.themes == tuple(sorted(corpus.clause(q.clauses[0]).themes)), q.clauses
