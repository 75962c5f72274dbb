"""The quiz builder, in a real browser and from file:// (no server, no network): a teacher picks sections,
kinds and levels, sets the number of questions and the time, composes, then projects the quiz, downloads
it for Moodle (GIFT) and Kahoot (CSV), and prints its sheet and key."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from harness import Watch, open_context, watch_page

from quizgen.question import KINDS
from quizgen.recipe import load_recipe

RECIPES = sorted((Path(__file__).resolve().parents[2] / "exercises").glob("*.toml"))

pytestmark = pytest.mark.browser


@pytest.fixture(params=[390, 1024, 1280, 1440], ids=lambda w: f"{w}px")
def composer(browser: Any, site: Path, request: pytest.FixtureRequest) -> Iterator[Any]:
    watch = Watch()
    context = open_context(browser, watch, viewport={"width": request.param, "height": 860}, accept_downloads=True)
    tab = context.new_page()
    watch_page(tab, watch)
    tab.goto((site / "quiz" / "composer.html").as_uri(), wait_until="load")
    yield tab
    context.close()
    assert not watch.problems(), watch.problems()


def _button(tab: Any, text: str) -> Any:
    return tab.locator(f".qg-builder button:has-text('{text}')").first


def test_builder_composes_projects_and_exports_offline(composer: Any) -> None:
    tab = composer
    assert tab.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    for section in ("II", "III", "IV", "V"):
        tab.uncheck(f"#qg-b-section-{section}")
    tab.uncheck("#qg-b-level-3")
    tab.fill("#qg-b-count", "4")
    tab.fill("#qg-b-seconds", "20")
    _button(tab, "Composer le quiz").click()
    questions = tab.locator(".qg-builder .qg-q")
    assert questions.count() == 4
    assert "4 tirées" in tab.locator(".qg-builder > .qg-status").inner_text()
    # The bank holds the kinds the kit's recipes ask (the ones reviewed fit for a class), and only those.
    asked = {kind for recipe in RECIPES for kind in KINDS if load_recipe(recipe).count(kind)}
    assert set(tab.evaluate("window.QG_BANK.map(q => q.kind)")) == asked
    assert tab.evaluate("window.QG_BANK.length") >= 20
    # only section I and levels 1–2 were drawn
    drawn = tab.evaluate("JSON.parse(document.getElementById('qg-built-quiz-data').textContent).variants[0]")
    assert {q["section"] for q in drawn} == {"I"} and {q["difficulty"] for q in drawn} <= {1, 2}
    assert {q["time"] for q in drawn} == {20}
    with tab.expect_download() as gift:
        _button(tab, "Moodle (GIFT)").click()
    text = Path(gift.value.path()).read_text(encoding="utf-8")
    assert len(re.findall(r"^::Q\d+::", text, re.M)) == 4 and "{" in text and ("=" in text or "%" in text)
    with tab.expect_download() as kahoot:
        _button(tab, "Kahoot (CSV)").click()
    rows = Path(kahoot.value.path()).read_text(encoding="utf-8-sig").strip().split("\r\n")
    assert rows[0].startswith('"Question - max 120 characters"') and len(rows) <= 5
    _button(tab, "Projeter").click()
    assert tab.evaluate("!!document.querySelector('dialog.qg-proj[open]')"), "the projector does not open"
    tab.keyboard.press("Escape")
    tab.evaluate("window.print = () => {}")
    _button(tab, "Imprimer la feuille").click()
    tab.emulate_media(media="print")
    sheet = tab.locator(".qg-built-sheet")
    assert sheet.evaluate("e => getComputedStyle(e).visibility === 'visible' && e.getBoundingClientRect().height > 0")
    assert sheet.locator(".qg-built-questions > li").count() == 4
    assert "Nom" in sheet.inner_text() and "Corrigé" in sheet.inner_text()
    assert tab.locator(".qg-builder-form").evaluate("e => getComputedStyle(e).visibility") == "hidden"
