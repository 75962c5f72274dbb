"""Geometry of the margin notes in a real browser (Debian's Chromium through Playwright).

Wide screen: every note is in the right margin (left of it is the clause text, never under it), starts
level with its clause unless the note above pushes it down, and never overlaps the next note; it is open
and its label is no tab stop. Phone: the note folds under its clause, inside the text column, behind a
<summary> that the keyboard opens and closes. Print: the notes are open and stay in the margin, on the page.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from harness import Watch, open_context, watch_page

pytestmark = pytest.mark.browser

#: pages with notes on consecutive clauses and several notes on one clause (the hard cases)
PAGES = ["declaration/i.html", "declaration/ii.html", "declaration/iii.html", "declaration/v.html"]
TOLERANCE = 2.0

GEOMETRY = """() => {
  const box = e => { const r = e.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top + scrollY, bottom: r.bottom + scrollY,
            width: r.width, height: r.height}; };
  return [...document.querySelectorAll('aside.qg-commentary')].map(aside => {
    const clause = aside.closest('.qg-clause');
    const text = [...clause.children].find(c => c.tagName === 'P');
    const summary = aside.querySelector('summary');
    return {id: aside.id, clause: aside.dataset.clause, note: box(aside), text: box(text),
            clauseBox: box(clause), open: aside.querySelector('details').open,
            summaryTabIndex: summary.tabIndex, viewport: innerWidth};
  });
}"""


@pytest.fixture
def tab(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    width, height = request.param
    watch = Watch()
    context = open_context(browser, watch, viewport={"width": width, "height": height})
    page = context.new_page()
    watch_page(page, watch)
    yield page
    context.close()
    assert not watch.problems(), watch.problems()


def _notes(page: Any, url: str) -> list[dict[str, Any]]:
    page.goto(url, wait_until="load")
    notes: list[dict[str, Any]] = page.evaluate(GEOMETRY)
    assert notes, f"no margin note on {url}"
    return notes


@pytest.mark.parametrize("tab", [(1400, 900)], indirect=True)
@pytest.mark.parametrize("name", PAGES)
def test_wide_screen_notes_sit_in_the_margin_level_with_their_clause(tab: Any, base_url: str,
                                                                       name: str) -> None:
    notes = _notes(tab, base_url + name)
    previous_bottom = float("-inf")
    for note in notes:
        box, text = note["note"], note["text"]
        assert note["open"], note["id"]
        assert note["summaryTabIndex"] == -1, f"{note['id']}: the label is a useless tab stop on a wide screen"
        assert box["left"] >= text["right"] - TOLERANCE, f"{note['id']} overlaps its clause text"
        assert box["right"] <= note["viewport"] + TOLERANCE, f"{note['id']} is off screen"
        assert box["top"] >= previous_bottom - TOLERANCE, f"{note['id']} overlaps the note above it"
        if previous_bottom <= note["clauseBox"]["top"]:
            # nothing above pushes it down: it starts level with its clause
            assert abs(box["top"] - note["clauseBox"]["top"]) <= 6, f"{note['id']} is not level with its clause"
        else:
            # pushed down by the note above: it starts right under it, not further
            assert box["top"] - previous_bottom <= 40, f"{note['id']} drifts away"
        previous_bottom = box["bottom"]


@pytest.mark.parametrize("tab", [(1400, 900)], indirect=True)
def test_wide_screen_label_does_not_fold_the_note(tab: Any, base_url: str) -> None:
    _notes(tab, base_url + PAGES[0])
    summary = tab.locator("aside.qg-commentary summary").first
    summary.click()
    assert tab.locator("aside.qg-commentary details").first.evaluate("d => d.open")


@pytest.mark.parametrize("tab", [(390, 844)], indirect=True)
@pytest.mark.parametrize("name", PAGES)
def test_phone_notes_fold_under_their_clause(tab: Any, base_url: str, name: str) -> None:
    for note in _notes(tab, base_url + name):
        box, text, clause = note["note"], note["text"], note["clauseBox"]
        assert not note["open"], f"{note['id']} should be folded on a phone"
        assert note["summaryTabIndex"] == 0, f"{note['id']}: the toggle must be reachable with the keyboard"
        assert box["top"] >= text["bottom"] - TOLERANCE, f"{note['id']} is not under its clause text"
        assert clause["left"] - TOLERANCE <= box["left"] and box["right"] <= clause["right"] + TOLERANCE
        assert box["right"] <= note["viewport"]


@pytest.mark.parametrize("tab", [(390, 844)], indirect=True)
def test_phone_toggle_works_with_the_keyboard(tab: Any, base_url: str) -> None:
    _notes(tab, base_url + PAGES[1])
    summary = tab.locator("aside.qg-commentary summary").first
    details = tab.locator("aside.qg-commentary details").first
    body = tab.locator("aside.qg-commentary .qg-commentary-body").first
    assert not body.is_visible()
    summary.focus()
    assert tab.evaluate("document.activeElement.tagName") == "SUMMARY"
    tab.keyboard.press("Enter")
    assert details.evaluate("d => d.open") and body.is_visible()
    tab.keyboard.press("Space")
    assert not details.evaluate("d => d.open")


@pytest.mark.parametrize("tab", [(794, 1123)], indirect=True)
@pytest.mark.parametrize("name", PAGES[:2])
def test_print_keeps_the_notes_open_in_the_margin(tab: Any, base_url: str, name: str) -> None:
    tab.goto(base_url + name, wait_until="load")
    tab.emulate_media(media="print")
    tab.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    previous_bottom = float("-inf")
    for note in tab.evaluate(GEOMETRY):
        box, text = note["note"], note["text"]
        assert note["open"], note["id"]
        assert box["left"] >= text["right"] - TOLERANCE, f"{note['id']} overlaps its clause text in print"
        assert box["right"] <= note["viewport"] + TOLERANCE, f"{note['id']} falls off the printed page"
        assert box["top"] >= previous_bottom - TOLERANCE, f"{note['id']} overlaps the note above it in print"
        previous_bottom = box["bottom"]
    # and the PDF is produced (Chromium's own print path, which fires beforeprint itself)
    assert tab.pdf(format="A4")[:4] == b"%PDF"
