"""QTI 1.2 for Canvas: ``<quiz>.qti.zip`` in text2qti's layout, the quiz's question bank as one assessment.

The zip holds ``imsmanifest.xml``, an empty ``non_cc_assessments/``, ``<id>/<id>.xml`` (the
``questestinterop`` assessment) and ``<id>/assessment_meta.xml`` (Canvas's quiz settings). Every identifier is
a hash of content (the quiz's id and its questions' ids, a question's id and an option's text), so a rebuild
gives the same identifiers and the same bytes (zip entries carry a fixed date).

Item types: ``multiple_choice_question`` (one right answer, cloze included), ``multiple_answers_question``,
``true_false_question`` and, as Canvas itself exports them (text2qti writes none), ``matching_question`` for
matching and for ordering (passage → rank). Scoring is ``SCORE`` 0–100; the general feedback quotes the clause
and links to it.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from quizgen.export.common import (
    FIXED_DATE,
    bank,
    digest,
    feedback_html,
    html_text,
    is_true,
    matching_prompt,
    pairs,
    question_name,
    right_items,
    write_zip,
    xml_text,
)
from quizgen.question import Question
from quizgen.quiz import Quiz

FORMAT = "qti"
NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"


def text(value: str) -> str:
    return escape(xml_text(value))


def attr(value: str) -> str:
    return quoteattr(xml_text(value))


def mattext(html: str, indent: str) -> list[str]:
    return [f"{indent}<material>",
            f'{indent}  <mattext texttype="text/html">{text(html)}</mattext>',
            f"{indent}</material>"]


def choice_id(q: Question, option: str, side: str = "choice") -> str:
    return f"quizgen_{side}_{digest(q.id, side, option)}"


def qtype(q: Question) -> str:
    if q.form == "truefalse":
        return "true_false_question"
    if q.form in ("matching", "ordering"):
        return "matching_question"
    return "multiple_choice_question" if len(q.answers) == 1 else "multiple_answers_question"


def metadata(q: Question, answer_ids: list[str]) -> list[str]:
    fields = [("question_type", qtype(q)), ("points_possible", "1"), ("original_answer_ids", ",".join(answer_ids)),
              ("assessment_question_identifierref", f"quizgen_question_ref_{q.id}")]
    lines = ["        <itemmetadata>", "          <qtimetadata>"]
    for label, entry in fields:
        lines += ["            <qtimetadatafield>", f"              <fieldlabel>{label}</fieldlabel>",
                  f"              <fieldentry>{text(entry)}</fieldentry>", "            </qtimetadatafield>"]
    return [*lines, "          </qtimetadata>", "        </itemmetadata>"]


def labels(ids: list[str], texts: list[str], indent: str) -> list[str]:
    lines = [f"{indent}<render_choice>"]
    for ident, label in zip(ids, texts, strict=True):
        lines += [f"{indent}  <response_label ident={attr(ident)}>",
                  *mattext(f"<p>{html_text(label)}</p>", indent + "    "),
                  f"{indent}  </response_label>"]
    return [*lines, f"{indent}</render_choice>"]


def condition(respident: str, ident: str, indent: str) -> list[str]:
    return [f"{indent}<conditionvar>",
            f"{indent}  <varequal respident={attr(respident)}>{text(ident)}</varequal>",
            f"{indent}</conditionvar>"]


def item(q: Question) -> str:
    ind = "          "
    if q.form in ("matching", "ordering"):
        found = pairs(q)
        rights = right_items(q)
        right_ids = [choice_id(q, r, "match") for r in rights]
        stems = [(left, right) for left, right in found if left]
        stem_ids = [choice_id(q, left, "stem") for left, _ in stems]
        body = [*mattext(f"<p>{html_text(matching_prompt(q))}</p>", ind)]
        for ident, (left, _) in zip(stem_ids, stems, strict=True):
            body += [f"{ind}<response_lid ident={attr('response_' + ident)}>",
                     *mattext(f"<p>{html_text(left)}</p>", ind + "  "),
                     *labels(right_ids, rights, ind + "  "),
                     f"{ind}</response_lid>"]
        share = f"{100 / len(stems):.2f}"
        scoring = []
        for ident, (_, right) in zip(stem_ids, stems, strict=True):
            scoring += ["          <respcondition>",
                        *condition("response_" + ident, right_ids[rights.index(right)], "            "),
                        f'            <setvar varname="SCORE" action="Add">{share}</setvar>',
                        "          </respcondition>"]
        answer_ids = stem_ids
    else:
        options = ["Vrai", "Faux"] if q.form == "truefalse" else list(q.options)
        answer_ids = [choice_id(q, o) for o in options]
        if q.form == "truefalse":
            right_ids = [answer_ids[0 if is_true(q) else 1]]
        else:
            right_ids = [answer_ids[a] for a in q.answers]
        single = len(right_ids) == 1
        body = [*mattext(f"<p>{html_text(q.prompt)}</p>", ind),
                f'{ind}<response_lid ident="response1" rcardinality="{"Single" if single else "Multiple"}">',
                *labels(answer_ids, options, ind + "  "),
                f"{ind}</response_lid>"]
        if single:
            scoring = ['          <respcondition continue="No">', *condition("response1", right_ids[0], "            "),
                       '            <setvar action="Set" varname="SCORE">100</setvar>', "          </respcondition>"]
        else:
            checks = [f"                <varequal respident=\"response1\">{text(i)}</varequal>" if i in right_ids
                      else f'                <not>\n                  <varequal respident="response1">{text(i)}'
                      "</varequal>\n                </not>" for i in answer_ids]
            scoring = ['          <respcondition continue="No">', "            <conditionvar>", "              <and>",
                       *checks, "              </and>", "            </conditionvar>",
                       '            <setvar action="Set" varname="SCORE">100</setvar>', "          </respcondition>"]
    general = feedback_html(q)
    lines = [f"      <item ident={attr('quizgen_question_' + q.id)} title={attr(question_name(q))}>",
             *metadata(q, answer_ids),
             "        <presentation>", *body, "        </presentation>",
             "        <resprocessing>",
             "          <outcomes>",
             '            <decvar maxvalue="100" minvalue="0" varname="SCORE" vartype="Decimal"/>',
             "          </outcomes>"]
    if general:
        lines += ['          <respcondition continue="Yes">', "            <conditionvar>", "              <other/>",
                  "            </conditionvar>",
                  '            <displayfeedback feedbacktype="Response" linkrefid="general_fb"/>',
                  "          </respcondition>"]
    lines += [*scoring, "        </resprocessing>"]
    if general:
        lines += ['        <itemfeedback ident="general_fb">', "          <flow_mat>",
                  *mattext(general, "            "), "          </flow_mat>", "        </itemfeedback>"]
    return "\n".join([*lines, "      </item>"])


def identifier(quiz: Quiz, questions: list[Question]) -> str:
    return digest(quiz.id, *(q.id for q in questions), size=32)


def assessment(quiz: Quiz, ident: str, questions: list[Question]) -> str:
    return "\n".join([
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<questestinterop xmlns="{NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'xsi:schemaLocation="{NS} http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd">',
        f"  <assessment ident={attr('quizgen_assessment_' + ident)} title={attr(quiz.title or quiz.id)}>",
        "    <qtimetadata>", "      <qtimetadatafield>", "        <fieldlabel>cc_maxattempts</fieldlabel>",
        "        <fieldentry>1</fieldentry>", "      </qtimetadatafield>", "    </qtimetadata>",
        '    <section ident="root_section">',
        *(item(q) for q in questions),
        "    </section>", "  </assessment>", "</questestinterop>", ""])


def manifest(ident: str, title: str) -> str:
    """The package manifest. Its metadata are IMS Metadata 1.2 (``imsmd_v1p2``, the schema it declares), with
    that schema's element names (``langstring``, ``lifecycle``, ``datetime``, a ``role`` in each ``contribute``),
    not LOM's (``string``, ``lifeCycle``, ``dateTime``)."""
    a, d = f"quizgen_assessment_{ident}", f"quizgen_dependency_{ident}"
    date = "{:04d}-{:02d}-{:02d}".format(*FIXED_DATE[:3])
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="quizgen_manifest_{ident}" xmlns="http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1" \
xmlns:imsmd="http://www.imsglobal.org/xsd/imsmd_v1p2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
xsi:schemaLocation="http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1 http://www.imsglobal.org/xsd/imscp_v1p1.xsd \
http://www.imsglobal.org/xsd/imsmd_v1p2 http://www.imsglobal.org/xsd/imsmd_v1p2p2.xsd">
  <metadata>
    <schema>IMS Content</schema>
    <schemaversion>1.1.3</schemaversion>
    <imsmd:lom>
      <imsmd:general>
        <imsmd:title>
          <imsmd:langstring xml:lang="fr">{text(title)}</imsmd:langstring>
        </imsmd:title>
      </imsmd:general>
      <imsmd:lifecycle>
        <imsmd:contribute>
          <imsmd:role>
            <imsmd:source><imsmd:langstring xml:lang="x-none">LOMv1.0</imsmd:langstring></imsmd:source>
            <imsmd:value><imsmd:langstring xml:lang="x-none">Author</imsmd:langstring></imsmd:value>
          </imsmd:role>
          <imsmd:date>
            <imsmd:datetime>{date}</imsmd:datetime>
          </imsmd:date>
        </imsmd:contribute>
      </imsmd:lifecycle>
    </imsmd:lom>
  </metadata>
  <organizations/>
  <resources>
    <resource identifier="{a}" type="imsqti_xmlv1p2">
      <file href="{a}/{a}.xml"/>
      <dependency identifierref="{d}"/>
    </resource>
    <resource identifier="{d}" type="associatedcontent/imscc_xmlv1p1/learning-application-resource" \
href="{a}/assessment_meta.xml">
      <file href="{a}/assessment_meta.xml"/>
    </resource>
  </resources>
</manifest>
"""


def assessment_meta(quiz: Quiz, ident: str, count: int) -> str:
    a = f"quizgen_assessment_{ident}"
    title = text(quiz.title or quiz.id)
    description = text(f"<p>{html_text(quiz.source or '')}</p>") if quiz.source else ""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<quiz identifier="{a}" xmlns="http://canvas.instructure.com/xsd/cccv1p0" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
xsi:schemaLocation="http://canvas.instructure.com/xsd/cccv1p0 https://canvas.instructure.com/xsd/cccv1p0.xsd">
  <title>{title}</title>
  <description>{description}</description>
  <shuffle_answers>true</shuffle_answers>
  <scoring_policy>keep_highest</scoring_policy>
  <hide_results></hide_results>
  <quiz_type>assignment</quiz_type>
  <points_possible>{count:.1f}</points_possible>
  <show_correct_answers>true</show_correct_answers>
  <anonymous_submissions>false</anonymous_submissions>
  <could_be_locked>false</could_be_locked>
  <allowed_attempts>1</allowed_attempts>
  <one_question_at_a_time>false</one_question_at_a_time>
  <cant_go_back>false</cant_go_back>
  <available>false</available>
  <one_time_results>false</one_time_results>
  <show_correct_answers_last_attempt>false</show_correct_answers_last_attempt>
  <only_visible_to_overrides>false</only_visible_to_overrides>
  <module_locked>false</module_locked>
  <assignment identifier="quizgen_assignment_{ident}">
    <title>{title}</title>
    <workflow_state>unpublished</workflow_state>
    <quiz_identifierref>{a}</quiz_identifierref>
    <points_possible>{count:.1f}</points_possible>
    <grading_type>points</grading_type>
    <submission_types>online_quiz</submission_types>
  </assignment>
  <assignment_group_identifierref>quizgen_assignment-group_{ident}</assignment_group_identifierref>
</quiz>
"""


def zip_entries(quiz: Quiz) -> list[tuple[str, bytes | None]]:
    questions = bank(quiz)
    ident = identifier(quiz, questions)
    a = f"quizgen_assessment_{ident}"
    return [("imsmanifest.xml", manifest(ident, quiz.title or quiz.id).encode()),
            ("non_cc_assessments/", None),
            (f"{a}/assessment_meta.xml", assessment_meta(quiz, ident, len(questions)).encode()),
            (f"{a}/{a}.xml", assessment(quiz, ident, questions).encode())]


def write(quiz: Quiz, directory: Path) -> list[Path]:
    path = directory / f"{quiz.id}.qti.zip"
    write_zip(path, zip_entries(quiz))
    return [path]
