"""What an LMS reads in the exports beyond the answer key: the order of the sections in the bank, the
distractor of a matching, the feedback a student gets after a true/false answer, check boxes or radio buttons
in Canvas, and a QTI package whose parts name each other. Mutation testing found these unread."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace

from lxml import etree

from export_support import choice, matching, quiz_of, sample_questions, truefalse
from quizgen.export import moodle, qti

QTI = {"q": qti.NS}
#: QTI elements that hold text (the others hold only elements and white space).
QTI_LEAVES = {"fieldlabel", "fieldentry", "mattext", "varequal", "setvar", "title", "description",
              "shuffle_answers", "scoring_policy", "hide_results", "quiz_type", "points_possible",
              "show_correct_answers", "anonymous_submissions", "could_be_locked", "allowed_attempts",
              "one_question_at_a_time", "cant_go_back", "available", "one_time_results",
              "show_correct_answers_last_attempt", "only_visible_to_overrides", "module_locked",
              "workflow_state", "quiz_identifierref", "grading_type", "submission_types",
              "assignment_group_identifierref", "schema", "schemaversion", "langstring", "datetime"}


def _zip(quiz: object) -> dict[str, bytes]:
    stream = io.BytesIO()
    qti.write_zip(stream, qti.zip_entries(quiz))  # type: ignore[arg-type]
    with zipfile.ZipFile(stream) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def test_moodle_categories_follow_the_text_order_of_the_sections() -> None:
    """Sections V, IX and X: in the order of the text (not the alphabet's IX, V, X), mixed questions last."""
    asked = [choice(f"Question {c} ?", ("a", "b", "c", "d"), clause=c) for c in ("X.1", "IX.2", "V.3")]
    mixed = replace(asked[0], id="q-mixed", clauses=("V.3", "X.1"))
    text = moodle.dumps(quiz_of([*asked, mixed]))
    categories = re.findall(r"<category><text>\$course\$/top/Essai/([^<]+)</text>", text)
    assert categories == ["Section V", "Section IX", "Section X", "Plusieurs sections"]


def test_a_matching_distractor_is_offered_once_with_no_stem() -> None:
    q = matching(("SRAT", "OCS", "UIB"), ("Union interbancaire", "Structure régionale", "Organisation", "Autre"),
                 (1, 2, 0))
    root = etree.fromstring(moodle.question(q).encode())
    pairs = [(etree.fromstring(f"<t>{s.findtext('text') or ''}</t>").xpath("string()"), s.findtext("answer/text"))
             for s in root.iterfind("subquestion")]
    assert pairs == [("SRAT", "Structure régionale"), ("OCS", "Organisation"), ("UIB", "Union interbancaire"),
                     ("", "Autre")]


def test_moodle_true_false_answers_carry_the_right_grade_and_feedback() -> None:
    for statement, true in (("La SRAT siège à Tachkent.", True), ("L’OCS a 30 membres.", False)):
        root = etree.fromstring(moodle.question(truefalse(statement, true)).encode())
        answers = {a.findtext("text"): (a.get("fraction"), a.findtext("feedback/text")) for a in root.iterfind("answer")}
        right, wrong = ("true", "false") if true else ("false", "true")
        assert answers == {right: ("100", moodle.RIGHT), wrong: ("0", moodle.WRONG)}


def test_canvas_shows_check_boxes_only_where_several_answers_are_right() -> None:
    quiz = quiz_of(sample_questions())
    files = _zip(quiz)
    root = etree.fromstring(next(data for name, data in files.items()
                                 if re.fullmatch(r"([^/]+)/\1\.xml", name)))
    for q, item in zip(sample_questions(), root.iterfind(".//q:item", QTI), strict=True):
        cardinality = [lid.get("rcardinality") for lid in item.iterfind(".//q:response_lid", QTI)]
        if q.form == "choice":
            assert cardinality == ["Single" if len(q.answers) == 1 else "Multiple"], q.prompt
        labels = {f.findtext("q:fieldlabel", namespaces=QTI) for f in item.iterfind(".//q:qtimetadatafield", QTI)}
        # Canvas's own names for the item's fields (as text2qti and Canvas's exports write them).
        assert labels == {"question_type", "points_possible", "original_answer_ids",
                          "assessment_question_identifierref"}


def test_qti_xml_has_no_stray_text_between_its_elements() -> None:
    for name, data in _zip(quiz_of(sample_questions())).items():
        if not name.endswith(".xml"):
            continue
        for element in etree.fromstring(data).iter():
            if not isinstance(element.tag, str):
                continue
            tag = etree.QName(element).localname
            if tag not in QTI_LEAVES:
                assert not (element.text or "").strip(), (name, tag, element.text)
            assert not (element.tail or "").strip(), (name, tag, element.tail)


def test_the_qti_manifest_names_the_files_of_the_package() -> None:
    files = _zip(quiz_of(sample_questions()))
    manifest = etree.fromstring(files["imsmanifest.xml"])
    ns = {"m": "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"}
    hrefs = [f.get("href") for f in manifest.iterfind(".//m:file", ns)]
    assert len(hrefs) == 2 and all(h in files for h in hrefs), (hrefs, sorted(files))
    resources = {r.get("identifier") for r in manifest.iterfind(".//m:resource", ns)}
    assert {d.get("identifierref") for d in manifest.iterfind(".//m:dependency", ns)} <= resources
    [assessment] = [n for n in files if re.fullmatch(r"([^/]+)/\1\.xml", n)]
    ident = etree.fromstring(files[assessment]).find("q:assessment", QTI).get("ident")
    assert ident in resources and assessment == f"{ident}/{ident}.xml"


def test_another_question_bank_is_another_canvas_assessment() -> None:
    """Same recipe, other questions (a new seed, a corrected clause): Canvas must not take one for the other."""
    questions = sample_questions()

    def ident(qs: list[object]) -> str:
        return next(n.split("/")[0] for n in _zip(quiz_of(qs)) if n.endswith("/assessment_meta.xml"))  # type: ignore[arg-type]

    assert ident(questions) == ident(list(questions))
    assert ident(questions) != ident(questions[:-1])


def test_the_front_of_an_anki_matching_card_lists_every_item_to_place() -> None:
    from quizgen.export import anki

    q = matching(("SRAT", "OCS", "UIB"), ("Union interbancaire", "Structure régionale", "Organisation", "Autre"),
                 (1, 2, 0))
    card = anki.front(q)
    stems = re.findall(r"<li>([^<]*)</li>", card)
    assert stems == ["SRAT", "OCS", "UIB"]
    assert card.endswith("<p>Union interbancaire · Structure régionale · Organisation · Autre</p>")


def test_anki_tags_have_no_space() -> None:
    """Anki splits tags on spaces: « Plusieurs sections » must stay one tag."""
    from quizgen.export import anki

    q = choice("Où ?", ("a", "b", "c"), clause="V.3")
    mixed = replace(q, clauses=("V.3", "X.1"))
    assert anki.note_tags(q)[:2] == ["section::V", "type::choice"]
    assert anki.note_tags(mixed)[0] == "section::Plusieurs_sections"
    assert all(" " not in tag for tag in anki.note_tags(mixed))


def test_zip_exports_unpack_with_ordinary_permissions() -> None:
    """Unzipped on Linux or macOS: files rw-r--r--, folders rwxr-xr-x, written as by a Unix system."""
    stream = io.BytesIO()
    qti.write_zip(stream, qti.zip_entries(quiz_of(sample_questions())))
    with zipfile.ZipFile(stream) as zf:
        infos = zf.infolist()
    assert {i.create_system for i in infos} == {3}
    for info in infos:
        if info.filename.endswith("/"):
            assert info.external_attr == (0o40755 << 16) | 0x10, info.filename
        else:
            assert info.external_attr >> 16 == 0o100644, info.filename


def test_sections_that_are_not_roman_numerals_come_after_the_numbered_ones() -> None:
    """Another corpus may name a section « Annexe »: after I and II (not sorted with section I), before the
    questions that span several sections."""
    from quizgen.export.common import by_section

    asked = [choice(f"Question {c} ?", ("a", "b", "c"), clause=c) for c in ("Annexe.1", "II.1", "I.2")]
    mixed = replace(asked[0], id="q-mixed", clauses=("I.2", "II.1"))
    assert [section for section, _ in by_section(quiz_of([*asked, mixed]))] == ["I", "II", "Annexe",
                                                                                "Plusieurs sections"]
