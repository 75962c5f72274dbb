"""The QTI 1.2 zip for Canvas compared in structure with what text2qti writes for the same questions, read
back with lxml, with identifiers that stay the same from one build to the next."""

from __future__ import annotations

import html
import io
import re
import zipfile
from datetime import date
from pathlib import Path

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
    with_other_answer,
)
from quizgen.export import qti
from quizgen.export.common import bank, ordinal, pairs
from quizgen.question import Question
from quizgen.quiz import Quiz
from tools import has_module, require

NS = {"q": qti.NS}


def entries(quiz: Quiz) -> dict[str, bytes]:
    stream = io.BytesIO()
    qti.write_zip(stream, qti.zip_entries(quiz))
    with zipfile.ZipFile(stream) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def layout(names: list[str]) -> list[str]:
    """A zip's layout with its assessment id replaced by ``<id>``."""
    ident = next(n.split("/")[0] for n in names if n.endswith("/assessment_meta.xml"))
    return sorted(n.replace(ident, "<id>") for n in names)


def assessment(files: dict[str, bytes]) -> etree._Element:
    name = next(n for n in files if re.fullmatch(r"([^/]+)/\1\.xml", n))
    return etree.fromstring(files[name])


def shape(element: etree._Element) -> tuple[object, ...]:
    """An element's structure: tags, attribute names and children, with no text or identifier."""
    tag = etree.QName(element).localname
    return (tag, tuple(sorted(element.attrib)), tuple(shape(child) for child in element))


def items(root: etree._Element) -> list[etree._Element]:
    return root.findall(".//q:item", NS)


def qtype(item: etree._Element) -> str:
    for field in item.iterfind(".//q:qtimetadatafield", NS):
        if field.findtext("q:fieldlabel", namespaces=NS) == "question_type":
            return field.findtext("q:fieldentry", namespaces=NS) or ""
    return ""


def shown(element: etree._Element) -> str:
    return squash(html.unescape(re.sub(r"<[^>]+>", " ", element.text or "")))


def check(quiz: Quiz) -> etree._Element:
    files = entries(quiz)
    assert layout(list(files)) == ["<id>/<id>.xml", "<id>/assessment_meta.xml", "imsmanifest.xml",
                                   "non_cc_assessments/"]
    for name, data in files.items():
        if name.endswith(".xml"):
            etree.fromstring(data)
    root = assessment(files)
    found = items(root)
    questions = bank(quiz)
    assert [i.get("ident") for i in found] == [f"quizgen_question_{q.id}" for q in questions]
    for q, item in zip(questions, found, strict=True):
        check_item(q, item)
    return root


def check_item(q: Question, item: etree._Element) -> None:
    texts_shown = [shown(m) for m in item.find("q:presentation", NS).iterfind(".//q:mattext", NS)]
    if q.form in ("matching", "ordering"):
        assert qtype(item) == "matching_question"
        lids = item.findall(".//q:response_lid", NS)
        lefts = [left for left, _ in pairs(q) if left]
        assert [shown(lid.find("q:material/q:mattext", NS)) for lid in lids] == [squash(x) for x in lefts]
        # The scoring: each stem's condition names the label of its right item, and nothing else scores.
        label_text = {lab.get("ident"): shown(lab.find(".//q:mattext", NS))
                      for lab in item.iterfind(".//q:response_label", NS)}
        stem_text = {lid.get("ident"): shown(lid.find("q:material/q:mattext", NS)) for lid in lids}
        scored = sorted((stem_text[v.get("respident")], label_text[v.text])
                        for cond in item.iterfind(".//q:respcondition", NS)
                        if cond.find("q:setvar", NS) is not None and float(cond.findtext("q:setvar", namespaces=NS)) > 0
                        for v in cond.iterfind(".//q:varequal", NS))
        if q.form == "ordering":
            want = [(q.options[a], ordinal(rank)) for rank, a in enumerate(q.answers, 1)]
        else:
            want = list(zip(q.stems, (q.options[a] for a in q.answers), strict=True))
        assert scored == sorted((squash(a), squash(b)) for a, b in want)
        return
    options = ["Vrai", "Faux"] if q.form == "truefalse" else list(q.options)
    assert texts_shown == [squash(q.prompt), *(squash(o) for o in options)]
    labels = [label.get("ident") for label in item.iterfind(".//q:response_label", NS)]
    right = {v.text for v in item.iterfind(".//q:respcondition/q:conditionvar//q:varequal", NS)
             if v.getparent() is not None and etree.QName(v.getparent()).localname != "not"}
    if q.form == "truefalse":
        expected = {labels[0 if q.options[q.answers[0]] == "Vrai" else 1]}
    else:
        expected = {labels[a] for a in q.answers}
    assert right == expected
    feedback = item.find("q:itemfeedback[@ident='general_fb']//q:mattext", NS)
    assert feedback is not None and squash(q.feedback) in shown(feedback)


def text2qti_zip(questions: list[Question]) -> dict[str, bytes]:
    """What text2qti writes for the same questions (choice, several answers, true/false)."""
    require(has_module("text2qti"), "text2qti is not installed (pip install text2qti)")
    from text2qti.config import Config
    from text2qti.qti import QTI
    from text2qti.quiz import Quiz as T2Quiz

    lines = ["Quiz title: Essai", ""]
    for n, q in enumerate(questions, 1):
        lines.append(f"{n}.  {q.prompt}")
        lines.append(f"... {q.feedback}")
        if q.form == "truefalse":
            right = q.options[q.answers[0]] == "Vrai"
            lines += [f"{'*' if right else ''}a) True", f"{'' if right else '*'}b) False"]
        elif len(q.answers) > 1:
            lines += [f"[{'*' if i in q.answers else ' '}] {o}" for i, o in enumerate(q.options)]
        else:
            lines += [f"{'*' if i in q.answers else ''}{'abcdefgh'[i]}) {o}" for i, o in enumerate(q.options)]
        lines.append("")
    config = Config()
    config.load()
    data = QTI(T2Quiz("\n".join(lines), config=config)).zip_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def test_same_structure_as_text2qti(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))  # text2qti reads and writes ~/.text2qti.bespon
    questions = [choice("Quelle ville ?", ("Astana", "Tianjin", "Minsk"), (1,)),
                 choice("Lesquels ?", ("Inde", "Chine", "Brésil"), (0, 1)),
                 truefalse("La SRAT siège à Tachkent.", True)]
    theirs = text2qti_zip(questions)
    ours = entries(quiz_of(questions))
    assert layout(list(ours)) == layout(list(theirs))
    their_items, our_items = items(assessment(theirs)), items(assessment(ours))
    assert [qtype(i) for i in our_items] == [qtype(i) for i in their_items]
    for mine, reference in zip(our_items, their_items, strict=True):
        assert shape(mine) == shape(reference)
    assert shape(assessment(ours).find("q:assessment/q:qtimetadata", NS)) == shape(
        assessment(theirs).find("q:assessment/q:qtimetadata", NS))
    manifest = etree.fromstring(ours["imsmanifest.xml"])
    assert [etree.QName(e).localname for e in manifest] == [
        etree.QName(e).localname for e in etree.fromstring(theirs["imsmanifest.xml"])]


def test_every_form_and_stable_ids() -> None:
    quiz = quiz_of(sample_questions())
    check(quiz)
    assert entries(quiz) == entries(quiz_of(sample_questions()))
    types = [qtype(i) for i in items(check(quiz))]
    assert types == ["multiple_choice_question", "multiple_choice_question", "multiple_answers_question",
                     "true_false_question", "true_false_question", "matching_question", "matching_question"]


def test_what_students_see_does_not_depend_on_the_answer() -> None:
    for q in sample_questions():
        ours = items(check(quiz_of([q])))[0].find("q:presentation", NS)
        other = items(assessment(entries(quiz_of([with_other_answer(q)]))))[0].find("q:presentation", NS)
        assert etree.tostring(ours) == etree.tostring(other)


def test_real_quizzes(request: pytest.FixtureRequest) -> None:
    for quiz in real_quizzes(request):
        check(quiz)


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


#: The part of IMS Metadata 1.2.2 (imsmd_v1p2p2.xsd, the schema the manifest declares) that our metadata use,
#: copied from that schema's element and type definitions (its optional elements and extension points left out,
#: so what passes here passes the whole schema; ``xml:lang`` is taken as any attribute of the xml namespace).
IMSMD = """<?xml version="1.0"?>
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns="http://www.imsglobal.org/xsd/imsmd_v1p2"
  targetNamespace="http://www.imsglobal.org/xsd/imsmd_v1p2" elementFormDefault="qualified">
  <xsd:element name="lom"><xsd:complexType><xsd:sequence>
    <xsd:element ref="general" minOccurs="0"/><xsd:element ref="lifecycle" minOccurs="0"/>
  </xsd:sequence></xsd:complexType></xsd:element>
  <xsd:element name="general"><xsd:complexType><xsd:sequence>
    <xsd:element ref="title" minOccurs="0"/></xsd:sequence></xsd:complexType></xsd:element>
  <xsd:element name="title" type="langstrings"/>
  <xsd:element name="lifecycle"><xsd:complexType><xsd:sequence>
    <xsd:element ref="contribute" minOccurs="0" maxOccurs="unbounded"/></xsd:sequence></xsd:complexType></xsd:element>
  <xsd:element name="contribute"><xsd:complexType><xsd:sequence>
    <xsd:element ref="role"/><xsd:element ref="date" minOccurs="0"/></xsd:sequence></xsd:complexType></xsd:element>
  <xsd:element name="role"><xsd:complexType><xsd:sequence>
    <xsd:element ref="source"/><xsd:element ref="value"/></xsd:sequence></xsd:complexType></xsd:element>
  <xsd:element name="source"><xsd:complexType><xsd:sequence>
    <xsd:element ref="langstring"/></xsd:sequence></xsd:complexType></xsd:element>
  <xsd:element name="value"><xsd:complexType><xsd:sequence>
    <xsd:element ref="langstring"/></xsd:sequence></xsd:complexType></xsd:element>
  <xsd:element name="date"><xsd:complexType><xsd:sequence>
    <xsd:element ref="datetime" minOccurs="0"/></xsd:sequence></xsd:complexType></xsd:element>
  <xsd:element name="datetime" type="xsd:string"/>
  <xsd:element name="langstring"><xsd:complexType><xsd:simpleContent><xsd:extension base="xsd:string">
    <xsd:anyAttribute namespace="http://www.w3.org/XML/1998/namespace" processContents="skip"/></xsd:extension></xsd:simpleContent></xsd:complexType></xsd:element>
  <xsd:complexType name="langstrings"><xsd:sequence>
    <xsd:element ref="langstring" maxOccurs="unbounded"/></xsd:sequence></xsd:complexType>
</xsd:schema>
"""
IMSMD_NS = "http://www.imsglobal.org/xsd/imsmd_v1p2"


def test_manifest_metadata_valid_against_the_declared_schema() -> None:
    manifest = etree.fromstring(entries(quiz_of(sample_questions(), title="Essai & <titre>"))["imsmanifest.xml"])
    declared = manifest.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation", "").split()
    assert IMSMD_NS in declared[::2]  # the schema the metadata claim
    assert all(etree.QName(e).namespace in (IMSMD_NS, None) or not etree.QName(e).namespace.startswith(
        "http://ltsc.ieee.org") for e in manifest.iter(etree.Element))
    schema = etree.XMLSchema(etree.fromstring(IMSMD.encode()))
    lom = manifest.find(f".//{{{IMSMD_NS}}}lom")
    assert lom is not None
    schema.assertValid(etree.fromstring(etree.tostring(lom)))
    assert lom.findtext(f".//{{{IMSMD_NS}}}title/{{{IMSMD_NS}}}langstring") == "Essai & <titre>"
    # an ISO 8601 date, as the schema's datetime asks: the exports' fixed date (same input, same bytes)
    assert date.fromisoformat(lom.findtext(f".//{{{IMSMD_NS}}}datetime") or "") == date(2025, 9, 1)
    untitled = etree.fromstring(entries(quiz_of(sample_questions(), quiz_id="section-2", title=""))["imsmanifest.xml"])
    assert untitled.findtext(f".//{{{IMSMD_NS}}}title/{{{IMSMD_NS}}}langstring") == "section-2"  # the recipe's id
    # the names the previous manifest used (LOM's) fail the same schema: the test can fail
    wrong = etree.fromstring(etree.tostring(lom).replace(b"imsmd:lifecycle", b"imsmd:lifeCycle"))
    assert not schema.validate(wrong)
