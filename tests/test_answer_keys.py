"""What a teacher imports: every export's answer key, read back from the file as the platform reads it,
equals the question's answers (Anki's back, QTI's conditions, Moodle's fractions, Kahoot's cells).

Each reader here is independent of the exporter's code: SQLite for the deck, lxml for the XML, openpyxl for
the sheet; the expected answers come from the Question objects.
"""

from __future__ import annotations

import html
import io
import re
import sqlite3
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from export_support import choice, matching, ordering, quiz_of, sample_questions, squash, truefalse, write
from quizgen.export import anki, qti
from quizgen.export.common import bank, ordinal
from quizgen.question import TRUE, Question
from quizgen.quiz import LETTERS, Quiz
from student_support import real_quizzes

NS = {"q": qti.NS}


def plain(fragment: str) -> str:
    """HTML as a reader sees it: tags gone, entities read, spaces folded."""
    return squash(html.unescape(re.sub(r"<[^>]+>", " ", fragment)))


def expected_pairs(q: Question) -> list[tuple[str, str]]:
    """(left, right) as the teacher's key must give them: stem → option, or passage → its rank."""
    if q.form == "ordering":
        return [(q.options[a], ordinal(rank)) for rank, a in enumerate(q.answers, 1)]
    return [(stem, q.options[a]) for stem, a in zip(q.stems, q.answers, strict=True)]


def mixed_quiz() -> Quiz:
    """Every form, with right answers at every position (not only the first)."""
    return quiz_of([
        *sample_questions(),
        choice("Lequel ?", ("Inde", "Chine", "Iran", "Russie"), (2,)),
        choice("Lequel encore ?", ("Inde", "Chine", "Iran", "Russie"), (3,)),
        choice("Lesquels ?", ("Inde", "Chine", "Iran", "Russie"), (1, 3)),
        truefalse("La SRAT siège à Tachkent.", False),
        matching(("A", "B", "C"), ("un", "deux", "trois"), (2, 0, 1)),
        ordering(("2019 : x", "2024 : y", "2021 : z", "2025 : w"), (3, 0, 2, 1)),
    ])


def quizzes(request: pytest.FixtureRequest) -> list[Quiz]:
    return [mixed_quiz(), *real_quizzes(request)]


# -- Anki -------------------------------------------------------------------------------------------------


def anki_notes(path: Path, tmp: Path) -> dict[str, list[str]]:
    """The deck's notes as Anki stores them (fields joined by 0x1f), by the question id they carry."""
    with zipfile.ZipFile(path) as zf:
        (tmp / "collection.anki2").write_bytes(zf.read("collection.anki2"))
    conn = sqlite3.connect(tmp / "collection.anki2")
    try:
        rows = [r[0].split("\x1f") for r in conn.execute("select flds from notes")]
    finally:
        conn.close()
    ident = anki.FIELDS.index("Identifiant")
    return {fields[ident]: fields for fields in rows}


def check_anki_back(q: Question, back: str) -> None:
    shown = plain(back)
    if q.form == "truefalse":
        assert ("Vrai" in shown) == (q.answer_texts == (TRUE,)) and ("Faux" in shown) != ("Vrai" in shown), shown
    elif q.form in ("matching", "ordering"):
        for left, right in expected_pairs(q):
            assert f"{squash(left)} → {squash(right)}" in shown, (left, right, shown)
    else:
        for a in q.answers:
            assert re.search(rf"(?<!\w){LETTERS[a]}\W+{re.escape(squash(q.options[a]))}", shown), (a, shown)
        for i, o in enumerate(q.options):
            if i not in q.answers and not any(squash(o) in squash(r) for r in q.answer_texts):
                assert squash(o) not in shown, (o, shown)


def test_anki_back_of_every_card_is_the_answer(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    back = anki.FIELDS.index("Réponse")
    for n, quiz in enumerate(quizzes(request)):
        out = tmp_path / str(n)
        (path,) = [p for p in write("anki", quiz, out) if p.suffix == ".apkg"]
        notes = anki_notes(path, out)
        assert sorted(notes) == sorted(q.id for q in bank(quiz))
        for q in bank(quiz):
            check_anki_back(q, notes[q.id][back])


# -- QTI ---------------------------------------------------------------------------------------------------


def qti_items(quiz: Quiz) -> dict[str, etree._Element]:
    stream = io.BytesIO()
    qti.write_zip(stream, qti.zip_entries(quiz))
    with zipfile.ZipFile(stream) as zf:
        name = next(n for n in zf.namelist() if re.fullmatch(r"([^/]+)/\1\.xml", n))
        root = etree.fromstring(zf.read(name))
    return {i.get("ident").removeprefix("quizgen_question_"): i for i in root.iterfind(".//q:item", NS)}


def qti_key(item: etree._Element) -> dict[str, set[str]]:
    """Per response (``response_lid``): the texts of the labels a condition that adds to the score requires."""
    label_text = {lab.get("ident"): plain(lab.findtext(".//q:mattext", namespaces=NS) or "")
                  for lab in item.iterfind(".//q:response_label", NS)}
    key: dict[str, set[str]] = {}
    for cond in item.iterfind(".//q:respcondition", NS):
        score = cond.find("q:setvar", NS)
        if score is None or float(score.text or 0) <= 0:
            continue
        for v in cond.iterfind(".//q:varequal", NS):
            if etree.QName(v.getparent()).localname == "not":
                continue
            key.setdefault(v.get("respident"), set()).add(label_text[v.text])
    return key


def test_qti_conditions_are_the_answers(request: pytest.FixtureRequest) -> None:
    for quiz in quizzes(request):
        items = qti_items(quiz)
        for q in bank(quiz):
            item = items[q.id]
            key = qti_key(item)
            if q.form in ("matching", "ordering"):
                stems = {lid.get("ident"): plain(lid.findtext("q:material/q:mattext", namespaces=NS) or "")
                         for lid in item.iterfind(".//q:response_lid", NS)}
                assert {stems[r]: texts for r, texts in key.items()} == {
                    squash(left): {squash(right)} for left, right in expected_pairs(q)}, q.id
            elif q.form == "truefalse":
                assert key == {"response1": {"Vrai" if q.answer_texts == (TRUE,) else "Faux"}}, q.id
            else:
                assert key == {"response1": {squash(o) for o in q.answer_texts}}, q.id


# -- Moodle ------------------------------------------------------------------------------------------------


def test_moodle_fractions_are_the_answers(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    for n, quiz in enumerate(quizzes(request)):
        (path,) = [p for p in write("moodle", quiz, tmp_path / str(n)) if p.suffix == ".xml"]
        root = etree.parse(str(path)).getroot()
        found = {question.findtext("idnumber"): question for question in root.iterfind("question")
                 if question.get("type") != "category"}
        assert sorted(found) == sorted(q.id for q in bank(quiz))  # <idnumber> is the question's id
        for q in bank(quiz):
            question = found[q.id]
            kind = question.get("type")
            if q.form == "truefalse":
                grades = {a.findtext("text"): float(a.get("fraction")) for a in question.iterfind("answer")}
                assert grades == ({"true": 100.0, "false": 0.0} if q.answer_texts == (TRUE,)
                                  else {"true": 0.0, "false": 100.0}), q.id
            elif q.form in ("matching", "ordering"):
                assert kind == "matching"
                subs = [(plain(s.findtext("text") or ""), squash(s.findtext("answer/text") or ""))
                        for s in question.iterfind("subquestion")]
                assert sorted(s for s in subs if s[0]) == sorted((squash(a), squash(b)) for a, b in expected_pairs(q))
            else:
                grades = [(plain(a.findtext("text") or ""), float(a.get("fraction")))
                          for a in question.iterfind("answer")]
                assert [t for t, _ in grades] == [plain(html.escape(o)) for o in q.options], q.id
                right = [t for t, g in grades if g > 0]
                assert right == [plain(html.escape(o)) for o in q.answer_texts], q.id
                assert abs(sum(g for _, g in grades if g > 0) - 100) < 0.01
                assert all(g <= 0 for i, (_, g) in enumerate(grades) if i not in q.answers)
                if len(q.answers) == 1:
                    assert all(g == 0 for i, (_, g) in enumerate(grades) if i not in q.answers)


# -- Kahoot ------------------------------------------------------------------------------------------------

FORMULAS = [
    choice("=SUM(A1:A3)", ("=1+1", "+Inde", "-Chine", "@Iran"), (1,)),
    choice("Lequel ? =HYPERLINK(\"x\")", ("Inde", "=Chine", "Iran", "Russie"), (3,)),
]


def kahoot_rows(path: Path) -> list[tuple[object, ...]]:
    from openpyxl import load_workbook

    sheet = load_workbook(path).active
    cells = list(sheet.iter_rows(min_row=9))
    for row in cells:
        for cell in row:
            assert cell.data_type != "f", (cell.coordinate, cell.value)  # never a formula
            if isinstance(cell.value, str):
                assert cell.data_type in ("s", "inlineStr"), (cell.coordinate, cell.data_type)
    return [tuple(c.value for c in row) for row in cells if row[1].value is not None]


def test_kahoot_correct_cells_are_the_answers_and_no_cell_is_a_formula(request: pytest.FixtureRequest,
                                                                      tmp_path: Path) -> None:
    from quizgen.export import kahoot

    for n, quiz in enumerate([quiz_of([*mixed_quiz().variants[0].questions, *FORMULAS]), *real_quizzes(request)]):
        (path,) = [p for p in write("kahoot", quiz, tmp_path / str(n)) if p.suffix == ".xlsx"]
        kept, _ = kahoot.split(quiz)
        rows = kahoot_rows(path)
        assert [r[1] for r in rows] == [q.prompt for q in kept]
        for q, row in zip(kept, rows, strict=True):
            options = [o for o in row[2:6] if o is not None]
            assert options == list(q.options), q.id
            correct = sorted(int(x) for x in str(row[7]).split(","))
            assert [options[c - 1] for c in correct] == list(q.answer_texts), (q.id, row[7])


# -- QTI as Canvas scores it ---------------------------------------------------------------------------------

#: QTI 1.2's ``setvar`` actions (the DTD's enumeration: the names are case-sensitive).
SETVAR = {"Set": lambda old, v: v, "Add": lambda old, v: old + v, "Subtract": lambda old, v: old - v}


def holds(condition: etree._Element, response: dict[str, set[str]]) -> bool:
    tag = etree.QName(condition).localname
    if tag == "varequal":
        return (condition.text or "") in response.get(condition.get("respident", ""), set())
    if tag == "not":
        return not all(holds(c, response) for c in condition)
    if tag == "or":
        return any(holds(c, response) for c in condition)
    if tag in ("and", "conditionvar"):
        return all(holds(c, response) for c in condition)
    assert tag == "other", tag
    return True


def qti_score(item: etree._Element, response: dict[str, set[str]]) -> float:
    """The score of one answer (response_lid ident → the label idents ticked), by QTI 1.2's rules: the outcome
    variables declared, each condition's ``setvar`` applied in order while it holds, ``continue="No"`` stops."""
    declared = {d.get("varname"): float(d.get("defaultval", "0")) for d in item.iterfind(".//q:decvar", NS)}
    assert declared.keys() == {"SCORE"}
    for cond in item.iterfind(".//q:respcondition", NS):
        if not holds(cond.find("q:conditionvar", NS), response):
            continue
        for setvar in cond.iterfind("q:setvar", NS):
            name, action = setvar.get("varname"), setvar.get("action", "Set")
            assert name in declared and action in SETVAR, (name, action)  # an undeclared name scores nothing
            declared[name] = SETVAR[action](declared[name], float(setvar.text or 0))
        if cond.get("continue", "Yes") == "No":
            break
    return declared["SCORE"]


def test_qti_scores_100_for_the_right_answer_and_0_for_a_wrong_one(request: pytest.FixtureRequest) -> None:
    for quiz in quizzes(request)[:2]:
        items = qti_items(quiz)
        for q in bank(quiz):
            item = items[q.id]
            lids = {lid.get("ident"): lid for lid in item.iterfind(".//q:response_lid", NS)}
            label = {lid: {plain(lab.findtext(".//q:mattext", namespaces=NS) or ""): lab.get("ident")
                           for lab in element.iterfind(".//q:response_label", NS)} for lid, element in lids.items()}
            if q.form in ("matching", "ordering"):
                stems = {plain(e.findtext("q:material/q:mattext", namespaces=NS) or ""): lid for lid, e in lids.items()}
                right = {stems[squash(left)]: {label[stems[squash(left)]][squash(r)]}
                         for left, r in expected_pairs(q)}
                assert qti_score(item, right) == pytest.approx(100, abs=0.05), q.id
                first, *_ = right
                others = set(label[first].values()) - right[first]
                one_wrong = {**right, first: {sorted(others)[0]}} if others else right
                assert qti_score(item, one_wrong) < 100 or not others, q.id
                continue
            (lid,) = lids
            shown = ["Vrai", "Faux"] if q.form == "truefalse" else [squash(o) for o in q.options]
            right_texts = ["Vrai" if q.answer_texts == (TRUE,) else "Faux"] if q.form == "truefalse" else [
                squash(o) for o in q.answer_texts]
            assert qti_score(item, {lid: {label[lid][t] for t in right_texts}}) == 100, q.id
            for wrong in (t for t in shown if t not in right_texts):
                assert qti_score(item, {lid: {label[lid][wrong]}}) == 0, (q.id, wrong)
            if len(right_texts) > 1:  # check boxes: ticking every option is not the answer
                assert qti_score(item, {lid: set(label[lid].values())}) == 0, q.id


# -- GIFT, read without gift-pegjs -----------------------------------------------------------------------------


def gift_tokens(text: str) -> list[str]:
    """GIFT text as tokens: an escaped character (``\\x``) is one token of two characters, any other one alone."""
    return re.findall(r"\\.|.", text, re.S)


def gift_unescape(tokens: list[str]) -> str:
    return squash(html.unescape("".join("\n" if t == "\\n" else t[-1] for t in tokens)))


def gift_answers(line: str) -> object:
    """The answer set of one GIFT question line, read by its grammar: after the title, the first unescaped brace
    opens it, the next closes it, an unescaped ``####`` starts the general feedback. TRUE/FALSE, or (option
    text, grade) for each option (``=`` right, ``~`` wrong, ``~%50%`` a weight)."""
    tokens = gift_tokens(line)
    titled = [n for n, t in enumerate(tokens) if t == ":" and tokens[n + 1:n + 2] == [":"]]
    rest = tokens[titled[1] + 2:]  # the title is ::…::
    body = rest[rest.index("{") + 1:]
    body = body[:body.index("}")]
    feedback = next(n for n in range(len(body)) if body[n:n + 4] == ["#"] * 4)
    body = body[:feedback]
    if "".join(body).split("#")[0] in ("TRUE", "FALSE"):
        return "".join(body).split("#")[0]
    marks = [n for n, t in enumerate(body) if t in ("=", "~") and (n == 0 or body[n - 1] == " ")]
    found: list[tuple[str, float]] = []
    for n, end in zip(marks, [*marks[1:], len(body)], strict=True):
        text = body[n + 1:end]
        weight = re.match(r"%(-?[\d.]+)%", "".join(text[:12]))
        grade = float(weight[1]) if weight else (100.0 if body[n] == "=" else 0.0)
        found.append((gift_unescape(text[len(weight[0]):] if weight else text), grade))
    return found


def test_gift_answers_are_the_questions_answers(request: pytest.FixtureRequest) -> None:
    from quizgen.export import gift

    for quiz in quizzes(request):
        lines = gift.dumps(quiz).split("\n")
        by_id = {re.match(r"// \[id:([^\]]+)\]", line)[1]: lines[n + 1]  # type: ignore[index]
                 for n, line in enumerate(lines) if line.startswith("// [id:")}
        assert sorted(by_id) == sorted(q.id for q in bank(quiz))
        for q in bank(quiz):
            if q.form in ("matching", "ordering"):
                continue
            found = gift_answers(by_id[q.id])
            if q.form == "truefalse":
                assert found == ("TRUE" if q.answer_texts == (TRUE,) else "FALSE"), q.id
                continue
            assert [text for text, _ in found] == [squash(o) for o in q.options], q.id  # type: ignore[attr-defined]
            assert [squash(o) for o, grade in found if grade > 0] == [squash(o) for o in q.answer_texts], q.id  # type: ignore[attr-defined]
