"""The exam version is exam-proof, in a real browser: the student cannot switch versions (the teacher gives
the version in the address), types a name, keeps the answers across a reload, is asked before
"Recommencer" erases them, and ends with a printable answer sheet that carries the name and the answers.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from harness import Watch, open_context, watch_page

pytestmark = pytest.mark.browser

PAGE = "quiz/examen.html"


@pytest.fixture(params=[390, 1024, 1280, 1440], ids=lambda w: f"{w}px")
def exam(browser: Any, base_url: str, request: pytest.FixtureRequest) -> Iterator[Any]:
    watch = Watch()
    width = request.param
    context = open_context(browser, watch, viewport={"width": width, "height": 860},
                           is_mobile=width < 600, has_touch=width < 600)
    tab = context.new_page()
    watch_page(tab, watch)
    tab.base = base_url  # type: ignore[attr-defined]
    yield tab
    context.close()
    assert not watch.problems(), watch.problems()


def _first_choice(tab: Any) -> Any:
    return tab.locator(".qg-q input[type=radio], .qg-q input[type=checkbox]").first


def test_exam_keeps_its_version_name_and_answers_and_asks_before_restarting(exam: Any) -> None:
    exam.goto(exam.base + PAGE + "?version=2", wait_until="load")
    quiz = exam.locator(".qg-quiz").first
    assert quiz.locator("button", has_text="Autre version").count() == 0, "students can switch versions"
    assert "2" in quiz.locator(".qg-version").inner_text()
    name = quiz.locator("input.qg-exam-name")
    assert name.is_visible()
    # no answer in the page's data
    assert '"answers"' not in exam.content().split('id="qg-quiz-i18n"')[0]
    name.fill("Camille Martin")
    choice = _first_choice(exam)
    choice.check()
    exam.reload(wait_until="load")
    assert exam.locator("input.qg-exam-name").input_value() == "Camille Martin", "the name is lost on reload"
    assert _first_choice(exam).is_checked(), "the answers are lost on reload"
    # another version has its own answers
    exam.goto(exam.base + PAGE + "?version=1", wait_until="load")
    assert not _first_choice(exam).is_checked()
    exam.goto(exam.base + PAGE + "?version=2", wait_until="load")
    # "Recommencer" asks first: refused, nothing is erased; accepted, everything is
    exam.once("dialog", lambda dialog: dialog.dismiss())
    exam.locator(".qg-end button", has_text="Recommencer").first.click()
    assert _first_choice(exam).is_checked(), "Recommencer erased the answers without asking"
    exam.once("dialog", lambda dialog: dialog.accept())
    exam.locator(".qg-end button", has_text="Recommencer").first.click()
    assert not _first_choice(exam).is_checked()
    assert exam.locator("input.qg-exam-name").input_value() == ""


def test_exam_ends_with_a_printable_sheet_with_name_and_answers(exam: Any) -> None:
    exam.goto(exam.base + PAGE + "?version=3", wait_until="load")
    recap = exam.locator(".qg-end button", has_text="Récapituler").first
    recap.click()
    assert exam.locator(".qg-result li").count() == 0, "the sheet is made without a name"
    assert exam.locator(":focus").get_attribute("class") == "qg-exam-name"
    exam.locator("input.qg-exam-name").fill("Léa Dupont")
    _first_choice(exam).check()
    recap.click()
    sheet = exam.locator(".qg-result").first
    text = sheet.inner_text()
    assert "Léa Dupont" in text and "version 3" in text
    assert sheet.locator("li").count() == exam.locator(".qg-q").count()
    assert "pas de réponse" in text and sheet.locator("li").first.inner_text() != "pas de réponse"
    # printing the sheet prints it alone
    exam.evaluate("window.print = () => {}")
    sheet.locator("button.qg-sheet-print").click()
    exam.emulate_media(media="print")
    assert sheet.evaluate("e => getComputedStyle(e).visibility") == "visible"
    assert exam.locator(".qg-q").first.evaluate("e => getComputedStyle(e).visibility") == "hidden"
    assert exam.pdf(format="A4")[:4] == b"%PDF"
