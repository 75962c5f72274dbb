"""The built site in a real browser (Debian's Chromium through Playwright): every kind of page loads
cleanly and offline, links to a clause land on it, citations show their tooltip, keyboard focus is
visible, and axe-core finds no serious or critical accessibility violation.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from harness import Watch, open_context, watch_page

from tools import require_axe, site_pages

pytestmark = pytest.mark.browser

CLAUSE = "clause-II-12"
CLAUSE_PAGE = "declaration/ii.html"


def _load(page: Any, url: str) -> None:
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")


def _assert_clean(watch: Watch, what: str) -> None:
    problems = watch.problems()
    assert not problems, f"{what}:\n" + "\n".join(problems)


# -- Every kind of page ------------------------------------------------------------------------------


def test_page_loads_clean_and_offline(page: Any, watch: Watch, base_url: str, page_type: str) -> None:
    _load(page, base_url + page_type)
    assert page.locator("main").count() == 1, f"{page_type} has no <main>"
    _assert_clean(watch, page_type)


def test_page_is_in_french(page: Any, base_url: str, page_type: str) -> None:
    _load(page, base_url + page_type)
    assert page.evaluate("document.documentElement.lang") == "fr"


@pytest.mark.parametrize("name", ["index.html", CLAUSE_PAGE])
def test_pages_work_from_file_urls(page: Any, watch: Watch, site: Path, name: str) -> None:
    """Opened straight from the disk (file://), a page still loads its assets and asks nothing of the net."""
    _load(page, (site / name).as_uri())
    assert page.evaluate("getComputedStyle(document.querySelector('.bd-header') || document.body).display")
    styled = page.evaluate("Array.from(document.styleSheets).some(s => /quizgen[.]css/.test(s.href || ''))")
    assert styled, "quizgen.css is not loaded from file://"
    _assert_clean(watch, name)


# -- Clauses and citations ---------------------------------------------------------------------------


def _in_viewport(page: Any, selector: str) -> dict[str, float]:
    """The element's box, and whether the top of it is visible and not hidden under the sticky header."""
    return page.evaluate(
        """(sel) => {
            const el = document.querySelector(sel);
            const box = el.getBoundingClientRect();
            const x = box.left + Math.min(40, box.width / 2), y = box.top + Math.min(10, box.height / 2);
            const hit = document.elementFromPoint(x, y);
            return {top: box.top, bottom: box.bottom, height: innerHeight,
                    visible: box.top >= 0 && box.top < innerHeight && !!hit && el.contains(hit),
                    target: el.matches(':target')};
        }""",
        selector,
    )


def test_clause_anchor_lands_on_the_clause(page: Any, watch: Watch, base_url: str) -> None:
    _load(page, f"{base_url}{CLAUSE_PAGE}#{CLAUSE}")
    page.wait_for_timeout(300)  # the theme scrolls its sidebar after load
    box = _in_viewport(page, f"#{CLAUSE}")
    assert box["visible"], f"#{CLAUSE} is not visible after loading its anchor: {box}"
    assert box["target"], f"#{CLAUSE} is not the :target"
    _assert_clean(watch, CLAUSE_PAGE)


def test_link_to_a_clause_lands_on_it(page: Any, base_url: str, site: Path) -> None:
    """Follow a real link to the clause: from another page if one links to it, else its own permalink."""
    sources = [p for p in site_pages(site)
               if p != CLAUSE_PAGE and f"#{CLAUSE}\"" in (site / p).read_text("utf-8")]
    if sources:
        _load(page, base_url + sources[0])
        page.locator(f"a[href$='#{CLAUSE}']").first.click()
    else:
        _load(page, base_url + CLAUSE_PAGE)
        page.locator(f"#{CLAUSE} a.qg-clause-number").click()
    page.wait_for_url(f"**/{CLAUSE_PAGE}#{CLAUSE}")
    page.wait_for_timeout(300)
    box = _in_viewport(page, f"#{CLAUSE}")
    assert box["visible"], f"following a link to #{CLAUSE} does not show it: {box}"


def _cite_page(site: Path) -> str:
    for name in site_pages(site):
        if 'class="qg-cite' in (site / name).read_text("utf-8"):
            return name
    pytest.fail("no page of the site has a citation of a clause (a.qg-cite)")


def _tip_shown(page: Any, cite: Any) -> bool:
    tip = cite.locator(".qg-cite-tip")
    return bool(tip.is_visible()) and bool(tip.evaluate("t => t.getBoundingClientRect().width > 100"))


def test_citation_tooltip_shows_on_hover(page: Any, watch: Watch, base_url: str, site: Path) -> None:
    name = _cite_page(site)
    _load(page, base_url + name)
    cite = page.locator("a.qg-cite").first
    assert not cite.locator(".qg-cite-tip").is_visible(), "the tooltip shows before any hover"
    cite.scroll_into_view_if_needed()
    cite.hover()
    assert _tip_shown(page, cite), "hovering a citation does not show the clause text"
    text = cite.locator(".qg-cite-tip").inner_text()
    assert len(text) > 20
    page.mouse.move(0, 0)
    assert not cite.locator(".qg-cite-tip").is_visible(), "the tooltip stays after the pointer leaves"
    _assert_clean(watch, name)


def _tab_to(page: Any, selector: str, limit: int = 400) -> None:
    """Press Tab until the focused element matches ``selector`` (really by keyboard, so :focus-visible)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(sel) => document.activeElement?.matches(sel) ?? false", selector):
            return
    pytest.fail(f"{selector} is not reachable with Tab within {limit} presses")


def test_citation_tooltip_shows_on_keyboard_focus(page: Any, base_url: str, site: Path) -> None:
    _load(page, base_url + _cite_page(site))
    _tab_to(page, "a.qg-cite")
    index = page.evaluate("Array.from(document.querySelectorAll('a.qg-cite')).indexOf(document.activeElement)")
    cite = page.locator("a.qg-cite").nth(index)
    assert _tip_shown(page, cite), "focusing a citation with the keyboard does not show the clause text"
    page.keyboard.press("Tab")
    assert not cite.locator(".qg-cite-tip").is_visible(), "the tooltip stays once focus has moved on"


# -- Keyboard focus ----------------------------------------------------------------------------------

_FOCUS_INDICATOR = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const shows = (node, pseudo = null) => {
        const s = getComputedStyle(node, pseudo);
        return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)
            || (!!s.boxShadow && s.boxShadow !== 'none');
    };
    // The theme draws the ring of a side-navigation <summary> on the chevron inside it, sphinx-design
    // that of a card's stretched link on its ::after, which covers the card.
    const visible = shows(el) || shows(el, '::after') || shows(el, '::before')
        || Array.from(el.children).some((child) => shows(child));
    return {tag: el.tagName, cls: String(el.className), text: (el.textContent || '').trim().slice(0, 40),
            visible, focusVisible: el.matches(':focus-visible')};
}"""


@pytest.mark.parametrize("name", ["index.html", CLAUSE_PAGE])
def test_keyboard_focus_is_visible(page: Any, base_url: str, name: str) -> None:
    """The first Tab stops, the clause permalinks and the citations all show where focus is."""
    _load(page, base_url + name)
    seen = []
    for _ in range(25):
        page.keyboard.press("Tab")
        state = page.evaluate(_FOCUS_INDICATOR)
        if state is None:
            continue
        seen.append(state)
        assert state["focusVisible"], f"focus by keyboard is not :focus-visible on {state}"
        assert state["visible"], f"no visible focus indicator (outline or shadow) on {state}"
    assert len(seen) >= 5, f"only {len(seen)} element(s) reachable by Tab on {name}"
    if page.locator("a.qg-clause-number").count():
        page.locator("a.qg-clause-number").first.focus()
        page.keyboard.press("Tab")
        page.keyboard.press("Shift+Tab")
        state = page.evaluate(_FOCUS_INDICATOR)
        assert state and state["visible"], f"a clause permalink shows no focus: {state}"


# -- Accessibility (axe-core) ------------------------------------------------------------------------

#: Violations that come from the theme or from docutils, not from the kit: (rule, CSS selector the offending
#: element must match, where it comes from). The same rule on any other element still fails.
_THEME_VIOLATIONS: list[tuple[str, str, str]] = [
    # pydata-sphinx-theme (toctree.py, add_collapse_checkboxes) makes each collapsible entry of the side
    # navigation a <details> whose <summary> holds only a presentational chevron: the link beside it names
    # the entry, the summary itself has no name. Theme markup, made after our extension has run.
    ("summary-name",
     '.bd-sidenav li.has-children > details > summary:has(> span.toctree-toggle[role="presentation"]:only-child)',
     "pydata-sphinx-theme's collapsible side-navigation toggle"),
    # docutils' HTML5 writer wraps citations in <div role="list" class="citation-list"> whose children carry
    # role="doc-biblioentry", a role ARIA 1.3 deprecates, so axe no longer counts them as list items.
    # Written by docutils for sphinxcontrib-bibtex's citations (bibliographie.html).
    ("aria-required-children",
     'div.citation-list[role="list"]:has(> div.citation[role="doc-biblioentry"])',
     "docutils' citation list (doc-biblioentry children)"),
]

_MATCHES = """([target, selector]) => {
    const found = document.querySelectorAll(target);
    return found.length === 1 && found[0].matches(selector);
}"""


def _serious(violations: list[dict[str, Any]], page: Any = None) -> list[str]:
    """Serious and critical violations, less the theme's own, each recognised on the page by its selector."""
    found = []
    for violation in violations:
        if violation.get("impact") not in ("serious", "critical"):
            continue
        allowed = [selector for rule, selector, _ in _THEME_VIOLATIONS if rule == violation["id"]]
        for node in violation["nodes"]:
            target = node.get("target", [])
            plain = len(target) == 1 and isinstance(target[0], str)  # not inside a frame or shadow root
            if page is not None and plain and any(page.evaluate(_MATCHES, [target[0], s]) for s in allowed):
                continue
            found.append(f"{violation['impact']} {violation['id']}: {violation['help']}\n"
                         f"    {' '.join(map(str, target))}: {node.get('html', '')[:160]}")
    return found


def _axe(page: Any) -> list[dict[str, Any]]:
    require_axe()
    from axe_playwright_python.sync_playwright import Axe

    return list(Axe().run(page).response["violations"])


def test_no_serious_accessibility_violation(page: Any, base_url: str, page_type: str) -> None:
    _load(page, base_url + page_type)
    problems = _serious(_axe(page), page)
    assert not problems, f"axe-core on {page_type}:\n" + "\n".join(problems)


def test_no_serious_accessibility_violation_on_a_phone(browser: Any, base_url: str) -> None:
    """The narrow layout (collapsed sidebars, folded notes) of a declaration page, checked too."""
    watch = Watch()
    context = open_context(browser, watch, viewport={"width": 390, "height": 844}, is_mobile=True,
                           has_touch=True)
    try:
        tab = context.new_page()
        watch_page(tab, watch)
        _load(tab, base_url + CLAUSE_PAGE)
        _assert_clean(watch, CLAUSE_PAGE)  # before axe, which fetches @import-ed sheets on its own
        problems = _serious(_axe(tab), tab)
        assert not problems, "axe-core at phone width:\n" + "\n".join(problems)
    finally:
        context.close()


def test_axe_filters_stay_narrow(page: Any) -> None:
    """The theme's exceptions match only the theme's markup: the same rule on other markup still counts."""
    page.set_content(
        '<nav><ul class="bd-sidenav"><li class="has-children"><details><summary id="theme">'
        '<span class="toctree-toggle" role="presentation"><i></i></span></summary></details></li></ul></nav>'
        '<details><summary id="ours"></summary></details>')
    theme = {"id": "summary-name", "impact": "serious", "help": "h", "nodes": [{"target": ["#theme"]}]}
    ours = {"id": "summary-name", "impact": "serious", "help": "h", "nodes": [{"target": ["#ours"]}]}
    other = {"id": "color-contrast", "impact": "serious", "help": "h", "nodes": [{"target": ["#theme"]}]}
    assert _serious([theme], page) == []
    assert len(_serious([ours], page)) == 1
    assert len(_serious([other], page)) == 1
