"""Margin notes beside the clauses, in a real browser: beside their clause without overlapping at desktop
width, folded and unfolded by keyboard at phone width, kept by the print stylesheet.

A margin note is a commentary element with sphinx-book-theme's ``margin`` class placed inside its clause
(``.qg-clause > .qg-margin``, floated by the kit's own CSS), with a ``<summary>`` to fold it. The tests find the pages that have notes in
the built site; while none has, they skip and say what is missing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from harness import Watch, open_context, watch_page

from tools import site_pages

pytestmark = pytest.mark.browser

NOTE = ".qg-clause > .qg-margin"
TOGGLE = "summary"
DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}

_BOXES = """(sel) => Array.from(document.querySelectorAll(sel)).map((note) => {
    const clause = note.closest('.qg-clause');
    const text = clause.querySelector('.qg-clause-text') || clause;
    const box = (el) => { const r = el.getBoundingClientRect();
        return {left: r.left + scrollX, right: r.right + scrollX, top: r.top + scrollY, bottom: r.bottom + scrollY,
                width: r.width, height: r.height}; };
    return {id: note.id || clause.id, note: box(note), clause: box(clause), text: box(text),
            shown: getComputedStyle(note).display !== 'none' && getComputedStyle(note).visibility !== 'hidden'};
})"""


def _note_pages(site: Path) -> list[str]:
    return [p for p in site_pages(site) if 'class="qg-clause' in (text := (site / p).read_text("utf-8"))
            and "qg-margin" in text and "<aside" in text]


@pytest.fixture(scope="module")
def note_page(site: Path) -> str:
    pages = _note_pages(site)
    # The kit has margin notes (docs/declaration/): none in the build is a regression, never a reason to skip.
    assert pages, (f"no margin notes in the built site: no page has a `{NOTE}` element (commentary notes "
                   "beside clauses)")
    # The page with the most notes tests stacking hardest.
    return max(pages, key=lambda p: ((site / p).read_text("utf-8").count("<aside"), p))


def _open(browser: Any, base_url: str, page_name: str, viewport: dict[str, int], watch: Watch,
          **options: Any) -> tuple[Any, Any]:
    context = open_context(browser, watch, viewport=viewport, **options)
    tab = context.new_page()
    watch_page(tab, watch)
    tab.goto(base_url + page_name, wait_until="load")
    tab.wait_for_load_state("networkidle")
    return context, tab


def _overlaps(a: dict[str, float], b: dict[str, float], slack: float = 0.5) -> bool:
    return (a["left"] < b["right"] - slack and b["left"] < a["right"] - slack
            and a["top"] < b["bottom"] - slack and b["top"] < a["bottom"] - slack)


def _assert_no_overlap(boxes: list[dict[str, Any]]) -> None:
    for i, first in enumerate(boxes):
        for second in boxes[i + 1:]:
            assert not _overlaps(first["note"], second["note"]), (
                f"margin notes {first['id']} and {second['id']} overlap: {first['note']} / {second['note']}")


def test_margin_notes_sit_beside_their_clauses(browser: Any, base_url: str, note_page: str) -> None:
    watch = Watch()
    context, tab = _open(browser, base_url, note_page, DESKTOP, watch)
    try:
        boxes = tab.evaluate(_BOXES, NOTE)
        assert boxes, f"{note_page}: no {NOTE}"
        previous: dict[str, Any] | None = None
        for box in boxes:
            note, text, clause = box["note"], box["text"], box["clause"]
            assert box["shown"] and note["height"] > 0, f"note {box['id']} is not shown at desktop width"
            assert note["left"] >= text["right"] - 1, f"note {box['id']} is not in the margin: {note} vs text {text}"
            assert not _overlaps(note, text), f"note {box['id']} covers its clause's text"
            same_clause = previous is not None and previous["clause"] == clause
            if same_clause:
                # A clause's second note stacks right under its first, which starts beside the clause.
                assert previous is not None
                gap = note["top"] - previous["note"]["bottom"]
                assert -0.5 <= gap <= 40, f"note {box['id']} does not follow the note above it (gap {gap:.0f}px)"
            else:
                # A note starts level with its clause, unless the notes above still fill the margin there:
                # then it is pushed down to start right under them (never over them).
                pushed = previous is not None and previous["note"]["bottom"] > clause["top"] - 4
                if pushed:
                    assert previous is not None
                    gap = note["top"] - previous["note"]["bottom"]
                    assert -0.5 <= gap <= 40, f"note {box['id']} was pushed down too far (gap {gap:.0f}px)"
                else:
                    assert clause["top"] - 4 <= note["top"] <= clause["bottom"], (
                        f"note {box['id']} does not start beside its clause: it starts at y={note['top']:.0f}, "
                        f"the clause spans y={clause['top']:.0f}–{clause['bottom']:.0f}")
            previous = box
        _assert_no_overlap(boxes)
        assert not watch.problems(), "\n".join(watch.problems())
    finally:
        context.close()


def _body_visible(tab: Any, index: int) -> bool:
    return bool(tab.evaluate(
        """([sel, i]) => { const note = document.querySelectorAll(sel)[i];
            const body = note.querySelector('details > :not(summary)') || note;
            // A closed <details> hides its content with content-visibility, which a box alone does not show.
            return body.checkVisibility({checkVisibilityCSS: true, checkOpacity: true})
                && body.getBoundingClientRect().height > 0; }""", [NOTE, index]))


def test_margin_notes_fold_and_unfold_by_keyboard_on_a_phone(browser: Any, base_url: str, note_page: str) -> None:
    watch = Watch()
    context, tab = _open(browser, base_url, note_page, PHONE, watch, is_mobile=True, has_touch=True)
    try:
        toggles = tab.locator(f"{NOTE} {TOGGLE}")
        assert toggles.count(), f"{note_page}: the notes have no <{TOGGLE}> to fold them"
        assert not _body_visible(tab, 0), "at phone width the first note is not folded"
        target = f"{NOTE} {TOGGLE}"
        for _ in range(800):
            tab.keyboard.press("Tab")
            if tab.evaluate("(sel) => document.activeElement?.matches(sel) ?? false", target):
                break
        else:
            pytest.fail("no note toggle is reachable with Tab at phone width")
        index = tab.evaluate(f"Array.from(document.querySelectorAll('{NOTE}')).findIndex("
                             f"(n) => n.contains(document.activeElement))")
        assert tab.evaluate("document.activeElement.matches(':focus-visible')")
        tab.keyboard.press("Enter")
        assert _body_visible(tab, index), "Enter on a folded note's toggle does not unfold it"
        tab.keyboard.press("Enter")
        assert not _body_visible(tab, index), "Enter again does not fold the note"
        tab.keyboard.press(" ")
        assert _body_visible(tab, index), "Space on the toggle does not unfold the note"
        assert not watch.problems(), "\n".join(watch.problems())
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_print_stylesheet_keeps_the_margin_notes(browser: Any, base_url: str, note_page: str,
                                                 viewport: dict[str, int]) -> None:
    watch = Watch()
    context, tab = _open(browser, base_url, note_page, viewport, watch)
    try:
        tab.emulate_media(media="print")
        # Playwright's print emulation fires no beforeprint; a real print does, and the page may use it.
        tab.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        boxes = tab.evaluate(_BOXES, NOTE)
        assert boxes
        for i, box in enumerate(boxes):
            assert box["shown"] and box["note"]["height"] > 0, f"print drops note {box['id']}"
            assert _body_visible(tab, i), f"note {box['id']} prints folded (its text is not printed)"
        _assert_no_overlap(boxes)
    finally:
        context.close()
