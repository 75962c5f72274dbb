"""Issue 16, item 5: the sidebar navigation is drawn once per build (quizgen.sphinxext.site.sitenav) and every page
gets the very bytes the theme's own per-page navigation gives."""

from __future__ import annotations

from pathlib import Path

from quizgen.sphinxext.site.sitenav import NeutralNav
from test_build_quality import pages, sphinx_build

TEMPLATE = Path("_templates") / "sbt-sidebar-nav.html"

# The shape the theme writes (pydata-sphinx-theme 0.20): no page marked, links relative to the site's root.
NEUTRAL = """<p aria-level="2" class="caption" role="heading"><span class="caption-text">Part</span></p>
<ul class="nav bd-sidenav">
<li class="toctree-l1"><a class="reference internal" href="intro.html">Intro</a></li>
<li class="toctree-l1 has-children"><a class="reference internal" href="text/index.html">Text</a><details><summary><span class="toctree-toggle" role="presentation"><i class="fa-solid fa-chevron-down"></i></span></summary><ul>
<li class="toctree-l2"><a class="reference internal" href="text/one.html">One</a></li>
<li class="toctree-l2"><a class="reference internal" href="text/two.html">Two</a></li>
</ul>
</details></li>
<li class="toctree-l1"><a class="reference external" href="https://example.org/">Elsewhere</a></li>
</ul>
"""


def test_a_page_gets_its_branch_marked_and_links_relative_to_it() -> None:
    page = NeutralNav.parse(NEUTRAL).for_page("text/two.html")
    assert '<ul class="current nav bd-sidenav">' in page
    assert '<li class="toctree-l1"><a class="reference internal" href="../intro.html">Intro</a></li>' in page
    assert ('<li class="toctree-l1 current active has-children"><a class="reference internal" href="index.html">'
            'Text</a><details open="open">') in page
    assert '</summary><ul class="current">' in page
    assert '<li class="toctree-l2"><a class="reference internal" href="one.html">One</a></li>' in page
    assert '<li class="toctree-l2 current active"><a class="current reference internal" href="#">Two</a></li>' in page
    assert 'href="https://example.org/"' in page  # external links untouched
    assert page.count("current") == 5


def test_a_page_with_children_opens_its_own_list_and_an_unlisted_page_marks_nothing() -> None:
    nav = NeutralNav.parse(NEUTRAL)
    own = nav.for_page("text/index.html")
    assert ('<li class="toctree-l1 current active has-children"><a class="current reference internal" href="#">'
            'Text</a><details open="open">') in own
    assert "</summary><ul>" in own  # the sub-list holds the page, not an ancestor of it: not marked
    assert nav.for_page("genindex.html") == NEUTRAL
    assert "current" not in nav.for_page("search.html")


def test_every_page_of_the_site_has_the_themes_own_navigation(built_site: Path, docs_copy: Path,
                                                               tmp_path: Path) -> None:
    """The kit built with the theme's per-page navigation (generate_toctree_html in the template) gives the
    same bytes, page by page, as the kit's build with the navigation drawn once."""
    template = docs_copy / TEMPLATE
    text = template.read_text(encoding="utf-8")
    assert "qg_sidebar_nav(" in text
    template.write_text(text.replace("qg_sidebar_nav(", "generate_toctree_html("), encoding="utf-8")
    out = tmp_path / "theme" / "html"
    sphinx_build(docs_copy, out)
    ours, theirs = pages(built_site), pages(out)
    assert ours.keys() == theirs.keys()
    differing = [name for name in ours if ours[name] != theirs[name]]
    assert differing == []
    assert sum('class="current reference internal" href="#"' in page for page in ours.values()) >= 40
