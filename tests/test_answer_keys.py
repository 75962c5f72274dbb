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
