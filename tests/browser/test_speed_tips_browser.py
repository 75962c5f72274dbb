"""Issue 16, item 2: citation tips come from the site's one file of clause texts (_static/qg-clauses.js), loaded
with a plain script so that they show from file:// too; without JavaScript an empty tip never shows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from harness import Watch

pytestmark = pytest.mark.browser

PAGE = "experts/salvaudon.html"  # cites many clauses, none of its own page


def test_a_tip_shows_its_clause_text_from_file_urls(page: Any, watch: Watch, site: Path) -> None:
    page.goto((site / PAGE).as_uri(), wait_until="load")
    cite = page.locator("a.qg-cite").first
    clause = cite.locator(".qg-cite-tip").get_attribute("data-qg-clause")
    expected = page.evaluate("(id) => window.qgClauseTexts[id]", clause)
    assert expected and len(expected) > 20
    cite.scroll_into_view_if_needed()
    cite.hover()
    tip = cite.locator(".qg-cite-tip")
    assert tip.is_visible()
    assert tip.inner_text().strip() == expected.strip()
    assert not watch.problems(), watch.problems()


def test_without_javascript_an_empty_tip_is_not_shown(browser: Any, site: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto((site / PAGE).as_uri(), wait_until="load")
        cite = page.locator("a.qg-cite").first
        cite.scroll_into_view_if_needed()
        cite.hover()
        assert cite.locator(".qg-cite-tip").inner_text() == ""
        assert not cite.locator(".qg-cite-tip").is_visible()
    finally:
        context.close()
