"""Moodle XML checked with lxml: structure, grades on Moodle's list, one category per section, unique
idnumbers, tags, and any text read back intact."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from export_support import (
    choice,
    cloze,
    matching,
    ordering,
    quiz_of,
    real_quizzes,
    sample_questions,
    squash,
    texts,
    truefalse,
)
from quizgen.export import moodle
from quizgen.export.common import bank, by_section, pairs, tags
from quizgen.export.fractions import ALLOWED
from quizgen.problems import Problem, QuizgenError
from quizgen.question import Question
from quizgen.quiz import Quiz

TYPES = {"choice": "multichoice", "truefalse": "truefalse", "matching": "matching", "ordering": "matching"}
COMMON = ("name", "questiontext", "generalfeedback", "defaultgrade", "penalty", "hidden", "idnumber")


def text_of(element: etree._Element | None) -> str:
    """An HTML field as a reader sees it (tags dropped, entities decoded)."""
    if element is None:
        return ""
    raw = element.findtext("text") or ""
    return squash(html.unescape(re.sub(r"<[^>]+>", " ", raw.replace("<br>", "\n"))))


def check(quiz: Quiz) -> etree._Element:
    root = etree.fromstring(moodle.dumps(quiz).encode("utf-8"), etree.XMLParser(resolve_entities=False))
    assert root.tag == "quiz"
    categories = [c.findtext("category/text") for c in root.iterfind("question[@type='category']")]
    groups = by_section(quiz)
    assert len(categories) == len(set(categories)) == len(groups), "one category per section"
    assert all(c and c.startswith("$course$/top/") for c in categories)
    questions = [q for q in root.iterfind("question") if q.get("type") != "category"]
    ordered = [q for _, qs in groups for q in qs]
    assert len(questions) == len(ordered) == len(bank(quiz))
    idnumbers = [q.findtext("idnumber") for q in questions]
    assert len(set(idnumbers)) == len(idnumbers), "idnumbers are unique"
    for q, element in zip(ordered, questions, strict=True):
        check_question(q, element)
    return root


def check_question(q: Question, element: etree._Element) -> None:
    assert element.get("type") == TYPES[q.form]
    for name in COMMON:
        assert element.find(name) is not None, (q.id, name)
    assert element.findtext("idnumber") == q.id
    assert [t.findtext("text") for t in element.iterfind("tags/tag")] == tags(q)
    assert squash(q.feedback) in text_of(element.find("generalfeedback"))
    fractions = [float(a.get("fraction", "nan")) for a in element.iterfind("answer")]
    assert all(f in ALLOWED for f in fractions), fractions
    if q.form == "truefalse":
        right = [a.findtext("text") for a in element.iterfind("answer") if a.get("fraction") == "100"]
        assert right == ["true" if q.options[q.answers[0]] == "Vrai" else "false"]
        assert text_of(element.find("questiontext")) == squash(q.prompt)
    elif q.form in ("matching", "ordering"):
        found = [(text_of(s), squash(s.findtext("answer/text") or "")) for s in element.iterfind("subquestion")]
        assert found == [(squash(left), squash(right)) for left, right in pairs(q)]
    else:
        answers = element.findall("answer")
        assert [text_of(a) for a in answers] == [squash(o) for o in q.options]
        assert [i for i, f in enumerate(fractions) if f > 0] == sorted(q.answers)
        assert sum(f for f in fractions if f > 0) == pytest.approx(100, abs=1e-3)
        assert element.findtext("single") == ("true" if len(q.answers) == 1 else "false")
        assert text_of(element.find("questiontext")) == squash(q.prompt)


def test_every_form() -> None:
    root = check(quiz_of(sample_questions()))
    assert root.find("question[@type='matching']/subquestion") is not None


def test_real_quizzes(request: pytest.FixtureRequest) -> None:
    for quiz in real_quizzes(request):
        check(quiz)


def test_cdata_end_is_split() -> None:
    assert moodle.cdata("a]]>b") == "<![CDATA[a]]]]><![CDATA[>b]]>"
    element = etree.fromstring(f"<t>{moodle.cdata('a]]>b]]>')}</t>")
    assert element.text == "a]]>b]]>"


def test_grades_of_several_right_answers_come_from_moodles_list() -> None:
    for n in range(1, 11):
        root = check(quiz_of([choice("Lesquels ?", tuple(f"o{i}" for i in range(n + 1)), tuple(range(n)))]))
        assert len(root.findall(".//answer")) == n + 1
    with pytest.raises(Exception, match="not one of Moodle's grades"):
        moodle.dumps(quiz_of([choice("Lesquels ?", tuple("abcdefghijklm"), tuple(range(11)))]))


@settings(max_examples=30, deadline=None)
@given(prompt=texts, options=st.lists(texts, min_size=2, max_size=4, unique_by=squash), feedback=texts,
       statement=texts)
def test_any_text_survives(prompt: str, options: list[str], feedback: str, statement: str) -> None:
    check(quiz_of([choice(prompt, tuple(options), (0,), feedback=feedback),
                   cloze(prompt + " ", options[0], " " + statement, tuple(options[1:])),
                   truefalse(statement, True),
                   matching(tuple(f"s{i} {o}" for i, o in enumerate(options)), tuple(options),
                            tuple(range(len(options)))),
                   ordering(tuple(options), tuple(range(len(options))))], title=prompt))


def test_several_right_answers_get_moodles_partial_feedback() -> None:
    """Moodle shows the combined feedback of the element it knows by name (names are case-sensitive in XML):
    right, partly right, wrong; and the number of right answers ticked."""
    root = etree.fromstring(moodle.question(choice("Lesquels ?", ("Inde", "Chine", "Iran"), (0, 2))).encode())
    shown = {name: text_of(root.find(name)) for name in ("correctfeedback", "partiallycorrectfeedback",
                                                          "incorrectfeedback")}
    assert shown == {"correctfeedback": moodle.RIGHT, "partiallycorrectfeedback": moodle.PARTIAL,
                     "incorrectfeedback": moodle.WRONG}
    assert root.find("shownumcorrect") is not None


def test_options_that_must_stay_in_order_are_not_shuffled_by_moodle() -> None:
    """``Question.shuffle`` false (options in an order that means something): Moodle keeps them in that order, as
    the quiz's own variants do; the other choice questions are shuffled."""
    dates = choice("En quelle année ?", ("2001", "2017", "2024", "2025"), (3,), shuffle=False)
    names = choice("Qui ?", ("Inde", "Chine", "Iran", "Russie"), (1,))
    for q, shuffled in ((dates, "false"), (names, "true")):
        assert etree.fromstring(moodle.question(q).encode()).findtext("shuffleanswers") == shuffled


def test_the_file_names_its_quiz_in_its_opening_comment() -> None:
    text = moodle.dumps(quiz_of(sample_questions(), quiz_id="section-2", title="Section II -- sécurité"))
    comment = etree.fromstring(text.encode()).getprevious()
    assert isinstance(comment, etree._Comment)
    assert comment.text.strip().startswith("Section II - - sécurité — quizgen, recette section-2, graine 0.")
    untitled = moodle.dumps(quiz_of(sample_questions(), quiz_id="section-2", title=""))
    assert "<!-- section-2 — quizgen, recette section-2" in untitled


def test_moodle_xml_has_no_stray_text_between_its_elements() -> None:
    """Text only in the elements that hold it: Moodle's importer reads a question element by element."""
    root = etree.fromstring(moodle.dumps(quiz_of(sample_questions())).encode())
    leaves = {"text", "defaultgrade", "penalty", "hidden", "idnumber", "single", "shuffleanswers",
              "answernumbering", "showstandardinstruction"}
    for element in root.iter(etree.Element):
        if element.tag not in leaves:
            assert not (element.text or "").strip(), (element.tag, element.text)
        assert not (element.tail or "").strip(), (element.tag, element.tail)


def test_the_general_feedback_cites_every_clause() -> None:
    q = sample_questions()[5]  # a matching on clauses III.1 and III.2
    root = etree.fromstring(moodle.question(q).encode())
    assert text_of(root.find("generalfeedback")).endswith("Source : clause III.1, clause III.2")


def test_a_share_not_on_moodles_list_names_the_question_and_the_fix() -> None:
    q = choice("Lesquels ?", tuple("abcdefghijklm"), tuple(range(11)))
    with pytest.raises(QuizgenError) as err:
        moodle.dumps(quiz_of([q]))
    assert err.value.problems == [Problem(q.id, 0, "11 right answers: 100/11 is not one of Moodle's grades",
                                          "keep the right answers of a question to 1–10, or 20")]


def test_a_title_or_id_full_of_hyphens_keeps_the_file_well_formed() -> None:
    """An XML comment may hold no ``--``: a title ``Quiz --->`` (or an id ``a--b``) once ended the opening
    comment early and Moodle refused the whole file."""
    for title, quiz_id in (("--->", "essai"), ("Quiz -- partie 2", "a--b"), ("---", "c---"), ("fin -", "d")):
        text = moodle.dumps(quiz_of([truefalse("La déclaration est signée à Tianjin.", True)], title=title,
                                    quiz_id=quiz_id))
        root = etree.fromstring(text.encode())  # raises on a malformed comment
        assert root.tag == "quiz"
        (comment,) = [c for c in root.itersiblings(preceding=True) if isinstance(c, etree._Comment)]
        assert "--" not in comment.text
        words = re.sub(r"\W", "", comment.text)
        assert re.sub(r"\W", "", title) in words and re.sub(r"\W", "", quiz_id) in words
