"""The Kahoot sheet read back with openpyxl: limits respected, every left-out question reported with its
reason, nothing cut."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from export_support import choice, quiz_of, real_quizzes, sample_questions, squash, texts, truefalse, write
from quizgen.cli import main
from quizgen.export import kahoot
from quizgen.export.common import bank
from quizgen.quiz import Quiz
from tools import has_module, require


def read(path: Path) -> list[list[object]]:
    require(has_module("openpyxl"), "openpyxl is not installed")
    from openpyxl import load_workbook

    sheet = load_workbook(path).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    header = next(i for i, r in enumerate(rows) if r[1] == kahoot.HEADER[1])
    assert [c or "" for c in rows[header]] == list(kahoot.HEADER)
    return [r for r in rows[header + 1:] if any(c is not None for c in r)]


def check(quiz: Quiz, tmp_path: Path) -> tuple[list[list[object]], str]:
    sheet, notes = write("kahoot", quiz, tmp_path)
    rows = read(sheet)
    report = notes.read_text(encoding="utf-8")
    kept, left = kahoot.split(quiz)
    assert len(rows) == len(kept) and len(kept) + len(left) == len(bank(quiz))
    for n, (row, q) in enumerate(zip(rows, kept, strict=True), 1):
        number, question, *answers, time, correct = row[:8]
        assert number == n
        assert question == q.prompt and len(str(question)) <= kahoot.QUESTION_MAX  # whole, never cut
        answers = [a for a in answers if a is not None]
        assert answers == list(q.options) and len(answers) <= 4
        assert all(len(str(a)) <= kahoot.ANSWER_MAX for a in answers)
        assert time in kahoot.TIMES
        assert [int(c) - 1 for c in str(correct).split(",")] == sorted(q.answers)
    for item in left:
        assert f"- {item.question.id} " in report and item.reason in report
    assert_text_cells_are_strings(sheet)
    return rows, report


def assert_text_cells_are_strings(sheet: Path) -> None:
    """Every text cell is stored as a string (openpyxl's cell type, not the value read back): never a formula."""
    from openpyxl import load_workbook

    for row in load_workbook(sheet).active.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                assert cell.data_type == "s", (cell.coordinate, cell.value, cell.data_type)


def test_limits_and_report(tmp_path: Path) -> None:
    fits = choice("Où s’est tenu le sommet ?", ("Tianjin", "Astana", "Minsk", "Ufa"))
    long_prompt = choice("Quel thème ? " + "x" * 120, ("a", "b"))
    long_answer = choice("Lequel ?", ("a" * 76, "b"))
    five = choice("Lequel ?", ("a", "b", "c", "d", "e"))
    rows, report = check(quiz_of([fits, long_prompt, long_answer, five, *sample_questions()]), tmp_path)
    assert rows[0][1] == fits.prompt
    assert "question de 133 caractères (max 120)" in report
    assert "réponse(s) 1 de plus de 75 caractères" in report
    assert "5 réponses (max 4)" in report
    assert "type matching" in report and "type ordering" in report


@pytest.mark.parametrize(("asked", "snapped"), [(1, 5), (7, 5), (8, 10), (15, 20), (25, 30), (45, 60),
                                                (100, 90), (105, 120), (180, 240), (1000, 240)])
def test_time_limit_snaps_to_kahoots_values(asked: int, snapped: int) -> None:
    assert kahoot.snap(asked) == snapped


def test_real_quizzes_and_the_cli_message(request: pytest.FixtureRequest, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    for quiz in real_quizzes(request):
        check(quiz, tmp_path / quiz.id)
    corpus = Path(request.config.rootpath) / "docs" / "_build" / "html" / "corpus.json"
    if not corpus.exists():
        corpus = request.getfixturevalue("built_site") / "corpus.json"
    recipe = Path(request.config.rootpath) / "exercises" / "partie-2.toml"
    assert main(["build", str(recipe), "--corpus", str(corpus), "--out", str(tmp_path / "cli"),
                 "--format", "kahoot"]) == 0
    err = capsys.readouterr().err
    # The message tells what the files hold: the sheet's rows (read back) and the report's left-out list.
    kept = len(read(tmp_path / "cli" / "partie-2.kahoot.xlsx"))
    report = (tmp_path / "cli" / "partie-2.kahoot.txt").read_text(encoding="utf-8")
    left = sum(line.startswith("- ") for line in report.splitlines())
    assert kept > 0
    lines = [line for line in err.splitlines() if line.startswith("partie-2: ")]
    assert len(lines) == 1, err
    if left:
        # "partie-2: 4 of 16 choice and true/false questions (25%) reach the Kahoot sheet; 12 question(s) left out…"
        assert lines[0].startswith(f"partie-2: {kept} of "), err
        assert lines[0].endswith(f"; {left} question(s) left out of the Kahoot sheet, never cut "
                                 "(reasons in partie-2.kahoot.txt)"), err
    else:
        assert lines[0] == f"partie-2: all {kept} question(s) fit the Kahoot sheet", err


@settings(max_examples=25, deadline=None)
@given(prompt=texts, options=st.lists(texts, min_size=2, max_size=4, unique_by=squash), statement=texts)
def test_any_text_survives(tmp_path_factory: pytest.TempPathFactory, prompt: str, options: list[str],
                           statement: str) -> None:
    check(quiz_of([choice(prompt, tuple(options), (0,)), truefalse(statement, False)]), tmp_path_factory.mktemp("k"))


FORMULAS = ["=HYPERLINK(\"http://exemple.invalid\",\"clic\")", "=cmd|' /C calc'!A0", "+SUM(1,2)", "-2+3", "@SUM(A1)",
            "=1+1"]


def test_every_text_cell_is_a_string_never_a_formula(tmp_path: Path) -> None:
    require(has_module("openpyxl"), "openpyxl is not installed")
    import zipfile

    from openpyxl import load_workbook

    questions = [choice(f, (f, "=2", "+3", "@4")) for f in FORMULAS] + [choice("Lesquels ?", ("a", "b", "c"), (0, 2))]
    sheet, _notes = write("kahoot", quiz_of(questions), tmp_path)
    with zipfile.ZipFile(sheet) as zf:
        assert b"<f>" not in zf.read("xl/worksheets/sheet1.xml")  # no formula anywhere
    ws = load_workbook(sheet).active
    header = next(r for r in range(1, 20) if ws.cell(r, 2).value == kahoot.HEADER[1])
    for r in range(header + 1, header + 1 + len(questions)):
        for c in range(2, 7):  # the question and its answers: strings, whatever they start with
            cell = ws.cell(r, c)
            if cell.value is not None:
                assert cell.data_type == "s", (cell.coordinate, cell.value, cell.data_type)
        assert ws.cell(r, 1).data_type == "n" and ws.cell(r, 7).data_type == "n"  # number, time limit
    assert ws.cell(header + 1, 2).value == FORMULAS[0]  # written as text, kept whole
    assert ws.cell(header + 1, 8).data_type == "n" and ws.cell(header + 1, 8).value == 1  # one answer: a number
    last = ws.cell(header + len(questions), 8)
    assert last.data_type == "s" and last.value == "1,3"  # several: "1,3", as in the template


def test_share_of_choice_questions_is_reported(tmp_path: Path) -> None:
    fits = choice("Où ?", ("Tianjin", "Astana"))
    long_prompt = choice("Quel thème ? " + "x" * 120, ("a", "b"))
    quiz = quiz_of([fits, long_prompt, *sample_questions()[5:]])
    assert kahoot.share(quiz) == (1, 2)
    assert "1 of 2 choice and true/false questions (50%) reach the Kahoot sheet" in kahoot.message(quiz)


def test_true_false_questions_count_in_kahoots_reach() -> None:
    questions = [choice("Où ?", ("Tianjin", "Astana")), truefalse("La SRAT siège à Tachkent.", True),
                 sample_questions()[5]]
    quiz = quiz_of(questions)
    assert kahoot.share(quiz) == (2, 2)  # the choice and the true/false reach the sheet; a matching never counts
    assert kahoot.message(quiz).startswith("essai: 2 of 2 choice and true/false questions (100%) reach the Kahoot "
                                           "sheet; 1 question(s) left out")


def test_the_report_ends_with_the_last_question_left_out(tmp_path: Path) -> None:
    matching_q = sample_questions()[5]
    _sheet, notes = write("kahoot", quiz_of([choice("Où ?", ("Tianjin", "Astana")), matching_q]), tmp_path)
    text = notes.read_text(encoding="utf-8")
    last = (f"- {matching_q.id} (matching, III.1, III.2) : type matching : Kahoot n’importe que des questions "
            "à choix")
    assert text.endswith("\n\n" + last + "\n")
    assert "Questions à choix et vrai/faux dans la feuille : 1 sur 1." in text.splitlines()


def test_a_long_question_is_asked_in_its_short_form_options_included_or_left_out(tmp_path: Path) -> None:
    """A body's definition too long for Kahoot is asked by its short form (short options too), same answer; a short
    form that is still too long is no way in: the question is left out, never cut."""
    long_options = tuple(f"{name} : " + "une définition longue " * 4 for name in ("SRAT", "UIB", "OCS"))
    narrowed = choice("Quelle définition ? " + "x" * 120, long_options, (1,), short_prompt="Quelle définition ?",
                      short_options=("SRAT", "UIB", "OCS"))
    hopeless = choice("Lequel ? " + "y" * 120, ("a", "b"), short_prompt="Lequel ? " + "z" * 120)
    rows, report = check(quiz_of([narrowed, hopeless]), tmp_path)
    assert [row[1:6] for row in rows] == [["Quelle définition ?", "SRAT", "UIB", "OCS", None]]
    assert rows[0][7] == 2  # the same right answer
    assert f"- {hopeless.id} " in report and "question de 129 caractères (max 120)" in report


def test_a_quiz_with_no_choice_question_gets_a_message_not_a_crash() -> None:
    quiz = quiz_of(sample_questions()[5:])  # a matching and an ordering
    assert kahoot.message(quiz) == ("essai: no question reach the Kahoot sheet; 2 question(s) left out of the Kahoot "
                                    "sheet, never cut (reasons in essai.kahoot.txt)")


def test_the_workbook_is_titled_and_laid_out_as_kahoots_template(tmp_path: Path) -> None:
    """Its properties name the quiz (what a spreadsheet shows in the file's properties) and quizgen; the intro
    lines stand in rows 2–6 of column B, the header on row 8, the first question on row 9."""
    from openpyxl import load_workbook

    sheet, _notes = write("kahoot", quiz_of(sample_questions()[:2], title="Section II"), tmp_path)
    book = load_workbook(sheet)
    assert (book.properties.title, book.properties.creator) == ("Section II", "quizgen")
    ws = book.active
    assert ws.title == "Kahoot"
    assert [ws.cell(r, 2).value for r in range(1, 10)] == [None, *kahoot.INTRO, None, kahoot.HEADER[1],
                                                           sample_questions()[0].prompt]


def test_kahoots_limits_are_inclusive_and_every_reason_is_given(tmp_path: Path) -> None:
    """« max 120 characters » takes 120 and « max 75 » takes 75; a question over several limits is left out with
    every reason, as the teacher reads it in the report."""
    at_limits = choice("Q" * 119 + "?", ("a" * 75, "b"))
    over = choice("Q" * 130, ("a" * 76, "b" * 80, "c"))
    rows, report = check(quiz_of([at_limits, over], title="Limites"), tmp_path)
    assert [row[1] for row in rows] == [at_limits.prompt]
    assert (f"- {over.id} (choice, II.3) : question de 130 caractères (max 120) ; réponse(s) 1, 2 de plus de 75 "
            "caractères") in report.splitlines()
    assert report.startswith("Feuille Kahoot de « Limites » (recette essai, graine 0)\n")
