"""The site as a teacher meets it, in a real browser (Debian's Chromium), at 390, 1024, 1280 and 1440 px and
in print: margin notes never off screen nor overlapping, the ☰ and page-contents buttons work, no stuck
tooltip, one search box, clause tips not clipped and no native tooltip over them, and a printed section that
keeps its notes' text, shows nothing web-only and costs no more paper than its PDF handout.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from harness import Watch, open_context, watch_page

pytestmark = pytest.mark.browser

WIDTHS = [320, 390, 1024, 1280, 1440]
NOTE_PAGES = ["declaration/ii.html", "declaration/iii.html"]
#: pages of Section II's PDF handout (student edition) measured when these tests were written; the site's
#: own copy in pdf/ is used when the build has one.
HANDOUT_PAGES = 10

GEOMETRY = """() => {
  const box = e => { const r = e.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top + scrollY, bottom: r.bottom + scrollY, height: r.height}; };
  return {scroll: document.documentElement.scrollWidth, viewport: document.documentElement.clientWidth,
    notes: [...document.querySelectorAll('aside.qg-commentary')].map(a => ({id: a.id, note: box(a),
      text: box(a.closest('.qg-clause').querySelector('.qg-clause-text'))}))};
}"""


@pytest.fixture
def opened(browser: Any, base_url: str, request: pytest.FixtureRequest) -> Iterator[Any]:
    width = request.param
    watch = Watch()
    phone = width < 600
    context = open_context(browser, watch, viewport={"width": width, "height": 860},
                           is_mobile=phone, has_touch=phone)
    tab = context.new_page()
    watch_page(tab, watch)
    tab.base = base_url  # type: ignore[attr-defined]
    yield tab
    context.close()
    assert not watch.problems(), watch.problems()


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return a["left"] < b["right"] - 1 and b["left"] < a["right"] - 1 and a["top"] < b["bottom"] - 1 \
        and b["top"] < a["bottom"] - 1


@pytest.mark.parametrize("opened", WIDTHS, indirect=True)
@pytest.mark.parametrize("name", NOTE_PAGES)
def test_notes_stay_on_screen_without_overlap_at_every_width(opened: Any, name: str) -> None:
    opened.goto(opened.base + name, wait_until="load")
    geo = opened.evaluate(GEOMETRY)
    assert geo["notes"], name
    assert geo["scroll"] <= geo["viewport"], f"{name} scrolls sideways at {geo['viewport']} px"
    width = geo["viewport"]
    for i, note in enumerate(geo["notes"]):
        box = note["note"]
        assert box["left"] >= 0 and box["right"] <= width + 1, f"{note['id']} is off screen at {width} px"
        if width >= 992:  # beside the clause, not over its text
            assert box["left"] >= note["text"]["right"] - 40 or box["left"] >= note["text"]["left"] + 200, note
        else:  # folded under its clause
            assert box["top"] >= note["text"]["bottom"] - 2, f"{note['id']} is not under its clause at {width}"
        for other in geo["notes"][i + 1:]:
            assert not _overlap(box, other["note"]), f"{note['id']} overlaps {other['id']} at {width} px"


@pytest.mark.parametrize("opened", [390], indirect=True)
def test_phone_menu_and_contents_buttons_open_their_panels(opened: Any) -> None:
    opened.goto(opened.base + "index.html", wait_until="load")
    opened.locator(".bd-header-article .primary-toggle").tap()
    assert opened.evaluate("document.getElementById('pst-primary-sidebar-modal').open"), "☰ opens nothing"
    assert opened.locator("#pst-primary-sidebar-modal a[href*='lundi']").first.is_visible()
    assert opened.locator(".tooltip").count() == 0, "a tap leaves a tooltip on screen"
    opened.keyboard.press("Escape")
    opened.locator(".bd-header-article .secondary-toggle").tap()
    assert opened.evaluate("document.getElementById('pst-secondary-sidebar-modal').open"), \
        "the page-contents button opens nothing"
    opened.wait_for_timeout(700)  # longer than Bootstrap's tooltip delay
    assert opened.locator(".tooltip").count() == 0, "a tap leaves a tooltip on screen"


@pytest.mark.parametrize("opened", [1024, 1280, 1440], indirect=True)
def test_desktop_menu_button_folds_the_sidebar_and_one_search_box(opened: Any) -> None:
    opened.goto(opened.base + "index.html", wait_until="load")
    sidebar = opened.locator("#pst-primary-sidebar")
    assert sidebar.is_visible()
    search = [b for b in opened.locator(".search-button-field, .bd-search").all() if b.is_visible()]
    assert len(search) == 1, f"{len(search)} search boxes on the home page"
    article = opened.locator("article.bd-article").bounding_box()
    opened.locator(".bd-header-article .primary-toggle").click()
    assert not sidebar.is_visible(), "☰ does not fold the sidebar"
    assert opened.locator("article.bd-article").bounding_box()["width"] >= article["width"]
    opened.locator(".bd-header-article .primary-toggle").click()
    assert sidebar.is_visible(), "☰ does not bring the sidebar back"


@pytest.mark.parametrize("opened", [390, 1024, 1440], indirect=True)
@pytest.mark.parametrize(("name", "where"), [("experts/comparaison.html", ".sd-card"),
                                             ("chronologie.html", "table")])
def test_clause_tips_are_not_clipped_and_have_no_native_tooltip(opened: Any, name: str, where: str) -> None:
    opened.goto(opened.base + name, wait_until="load")
    link = opened.locator(f"{where} a.qg-cite").first
    assert link.get_attribute("title") is None, "a native tooltip would cover the clause's tip"
    link.scroll_into_view_if_needed()
    link.hover()
    opened.wait_for_timeout(100)
    seen = link.evaluate("""l => { const tip = l.querySelector('.qg-cite-tip'); const r = tip.getBoundingClientRect();
        const points = [[r.left + 6, r.top + 6], [r.right - 6, r.top + 6], [r.left + 6, r.bottom - 6],
                        [r.right - 6, r.bottom - 6]];
        return {inside: r.left >= 0 && r.right <= innerWidth && r.top >= 0 && r.bottom <= innerHeight,
                visible: points.every(([x, y]) => tip.contains(document.elementFromPoint(x, y))),
                height: r.height}; }""")
    assert seen["height"] > 20, "the tip does not show on hover"
    assert seen["inside"], f"the tip goes off screen on {name}"
    assert seen["visible"], f"the tip is clipped or covered inside {where} on {name}"


def _printed(tab: Any, base: str, name: str) -> bytes:
    tab.goto(base + name, wait_until="load")
    tab.emulate_media(media="print")
    return bytes(tab.pdf(format="A4"))


@pytest.mark.parametrize("opened", [1280], indirect=True)
def test_printed_section_keeps_notes_drops_web_only_parts_and_saves_paper(opened: Any, site: Path) -> None:
    import pypdf

    data = _printed(opened, opened.base, "declaration/ii.html")
    shown = opened.evaluate("""() => ({
        bodies: [...document.querySelectorAll('.qg-commentary-body')].map(b => b.checkVisibility()
                 && b.getBoundingClientRect().height > 0),
        webOnly: [...document.querySelectorAll('.qg-handouts, .qg-backlinks-nav, .qg-clause-themes, '
                 + '.bd-sidebar-primary, .prev-next-area, a.headerlink')].filter(e => e.checkVisibility()).length})""")
    assert shown["bodies"] and all(shown["bodies"]), "a note's text does not print"
    assert shown["webOnly"] == 0, f"{shown['webOnly']} web-only elements print"
    text = "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(data)).pages)
    assert "Pahalgam, au Cachemire" in text, "the II.5 editor's note is not on paper"
    assert "Cité par" not in text and "Imprimer" not in text
    printed = len(pypdf.PdfReader(io.BytesIO(data)).pages)
    handout = site / "pdf" / "declaration-ii-eleve.pdf"
    budget = len(pypdf.PdfReader(handout).pages) if handout.is_file() else HANDOUT_PAGES
    print(f"Section II: {printed} printed pages from the browser, PDF handout {budget}")
    assert printed <= budget, f"printing Section II costs {printed} pages, its PDF handout {budget}"
