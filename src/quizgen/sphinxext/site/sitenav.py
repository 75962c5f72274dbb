"""The site navigation of the sidebar, drawn once per build instead of once per page (issue 16).

The theme (pydata-sphinx-theme, under sphinx-book-theme) draws the whole site's navigation on every page: it
asks Sphinx for the site's table of contents, renders it to HTML, parses that HTML again with BeautifulSoup
and adds its toggles — some 15 % of a clean build of the kit. Yet the list is the same on every page but for
three things: the links are relative to the page, the page's own entry and its ancestors are marked current
(``current active``, its own link ``href="#"``, their sub-lists ``class="current"`` and ``<details
open="open">``), and nothing else. :func:`sidebar_nav` asks the theme once per build for the navigation of a
page that is in no table of contents (``genindex``: nothing marked, links relative to the site's root) and
derives every page's from it by those three edits, so each page gets the very bytes the theme would have
written (a test compares them page by page). Calls it does not know how to derive (``startdepth`` other than
0, a collapsed navigation) go to the theme's own function.

The neutral navigation is kept in the doctree folder by a digest of what it is drawn from (tables of
contents, titles, the theme's settings), so a build that changed none of them does not draw it at all.

The project's ``_templates/sbt-sidebar-nav.html`` calls ``qg_sidebar_nav(...)`` with the theme's arguments.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

#: A page in no table of contents, at the site's root: its navigation has no mark and root-relative links.
NEUTRAL_PAGE = "genindex"
#: The last builds' neutral navigations, by a digest of what they are drawn from (in the doctree folder).
NAV_FILE = "quizgen-sitenav.json"
_TAG = re.compile(r'<(/?)(ul|li|details|a)\b([^>]*)>')
_HREF = re.compile(r'href="([^"]*)"')


@dataclass
class _Open:
    kind: str
    start: int  # where the opening tag starts in the neutral HTML
    end: int


@dataclass
class NeutralNav:
    """The navigation with no page marked, links relative to the site's root, and where each internal link
    sits: its tag and the opening tags of the ``li``, ``ul`` and ``details`` that hold it."""

    html: str
    #: root-relative target → list of (the ``<a>`` tag's span, the enclosing opening tags' spans)
    links: dict[str, list[tuple[_Open, list[_Open]]]] = field(default_factory=dict)
    #: spans of every internal link's ``href="…"`` value, with the root-relative target
    hrefs: list[tuple[int, int, str]] = field(default_factory=list)

    @classmethod
    def parse(cls, html: str) -> NeutralNav:
        nav = cls(html)
        stack: list[_Open] = []
        for m in _TAG.finditer(html):
            closing, kind, attrs = m.group(1), m.group(2), m.group(3)
            if closing:
                if kind == "a":
                    continue
                while stack and stack[-1].kind != kind:
                    stack.pop()
                if stack:
                    stack.pop()
                continue
            tag = _Open(kind, m.start(), m.end())
            if kind != "a":
                stack.append(tag)
                continue
            href = _HREF.search(attrs)
            if href is None or 'class="reference internal"' not in attrs:
                continue
            target = href.group(1)
            start = m.start(3) + href.start(1)
            nav.hrefs.append((start, start + len(target), target))
            enclosing = list(stack)
            # The page's own sub-list opens too: the ``<details>`` right after its link, in the same ``li``.
            after = _TAG.search(html, html.find("</a>", m.end()) + 4)
            if after is not None and not after.group(1) and after.group(2) == "details":
                enclosing.append(_Open("details", after.start(), after.end()))
            nav.links.setdefault(target, []).append((tag, enclosing))
        return nav

    def for_page(self, page_uri: str) -> str:
        """The navigation as the theme draws it on the page whose root-relative address is ``page_uri``."""
        edits: dict[int, tuple[int, str]] = {}  # start → (end, replacement)
        for start, end, target in self.hrefs:
            edits[start] = (end, relative_uri(page_uri, target))
        for a_tag, enclosing in self.links.get(page_uri, []):
            text = self.html[a_tag.start:a_tag.end]
            marked = text.replace('class="reference internal"', 'class="current reference internal"', 1)
            marked = _HREF.sub('href="#"', marked, count=1)
            for start in [s for s in edits if a_tag.start <= s < a_tag.end]:
                del edits[start]
            edits[a_tag.start] = (a_tag.end, marked)
            for tag in enclosing:
                if tag.start in edits:
                    continue
                edits[tag.start] = (tag.end, _mark(self.html[tag.start:tag.end], tag.kind))
        out, at = [], 0
        for start in sorted(edits):
            end, text = edits[start]
            out.append(self.html[at:start])
            out.append(text)
            at = end
        out.append(self.html[at:])
        return "".join(out)


def _mark(tag: str, kind: str) -> str:
    """An opening tag of the current page's branch, marked as the theme marks it."""
    if kind == "li":
        return re.sub(r'class="(toctree-l\d+)', r'class="\1 current active', tag, count=1)
    if kind == "ul":
        if 'class="' in tag:
            return tag.replace('class="', 'class="current ', 1)
        return tag.replace("<ul", '<ul class="current"', 1)
    if "open=" in tag:  # details already open (the theme's show_nav_level)
        return tag
    return tag.replace("<details", '<details open="open"', 1)


def _neutral(app: Sphinx, kwargs: dict[str, Any]) -> NeutralNav | None:
    builder = app.builder
    local = getattr(builder, "_get_local_toctree", None)
    if local is None:
        return None
    # The navigation is the same as the last build's while the tables of contents, the titles and the
    # theme's settings are: kept in the doctree folder, it is not drawn again (a no-op or a clause edit).
    key = _nav_key(app, kwargs)
    stored = _stored_navs(app)
    html = stored.get(key)
    if html is None:
        from pydata_sphinx_theme.toctree import add_toctree_functions

        context: dict[str, Any] = {"toctree": lambda **kw: local(NEUTRAL_PAGE, **kw)}
        add_toctree_functions(app, NEUTRAL_PAGE, "page.html", context, None)
        html = str(context["generate_toctree_html"](**kwargs))
        kept = dict(list(stored.items())[-3:])  # a few calls' navigations, not every past build's
        kept[key] = html
        stored.clear()
        stored.update(kept)
        path = Path(app.doctreedir) / NAV_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(stored, ensure_ascii=False), encoding="utf-8")
    return NeutralNav.parse(html)


def _nav_key(app: Sphinx, kwargs: dict[str, Any]) -> str:
    """Everything the theme's navigation is drawn from: the root document's ``toctree`` nodes, every
    document's table of contents and title, the call's arguments, the theme's settings and versions."""
    import pydata_sphinx_theme
    import sphinx

    env = app.env
    parts = [repr(_key(kwargs)), sphinx.__version__, pydata_sphinx_theme.__version__, str(app.config.language),
             repr(sorted(app.config.html_theme_options.items())), repr(sorted(app.config.html_context.items())),
             *(t.pformat() for t in env.master_doctree.findall(addnodes.toctree))]
    for doc in sorted(env.tocs):
        parts += [doc, env.titles[doc].pformat() if doc in env.titles else "", env.tocs[doc].pformat()]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _stored_navs(app: Sphinx) -> dict[str, str]:
    found: dict[str, str] | None = app.__dict__.get("_quizgen_stored_navs")
    if found is None:
        try:
            data = json.loads((Path(app.doctreedir) / NAV_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        found = {k: v for k, v in data.items() if isinstance(v, str)} if isinstance(data, dict) else {}
        app.__dict__["_quizgen_stored_navs"] = found
    return found


def _key(kwargs: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((k, repr(v)) for k, v in kwargs.items()))


def add_sidebar_nav(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                    doctree: Any) -> None:
    """``qg_sidebar_nav(**args)`` in the page's template context: the theme's ``generate_toctree_html`` for
    the whole-site sidebar, derived from the build's one neutral navigation."""
    cache: dict[tuple[tuple[str, str], ...], NeutralNav | None] = app.__dict__.setdefault("_quizgen_nav", {})
    page_uri = app.builder.get_target_uri(pagename)

    def sidebar_nav(**kwargs: Any) -> Any:
        theme: Callable[..., Any] = context["generate_toctree_html"]
        if kwargs.get("kind") != "sidebar" or kwargs.get("startdepth") != 0 or kwargs.get("collapse"):
            return theme(**kwargs)
        key = _key(kwargs)
        if key not in cache:
            cache[key] = _neutral(app, kwargs)
        neutral = cache[key]
        return theme(**kwargs) if neutral is None else neutral.for_page(page_uri)

    context["qg_sidebar_nav"] = sidebar_nav


def _reset(app: Sphinx, *_args: Any) -> None:
    app.__dict__["_quizgen_nav"] = {}
    app.__dict__["_quizgen_stored_navs"] = None


def setup_sitenav(app: Sphinx) -> None:
    app.connect("builder-inited", _reset)
    app.connect("env-updated", _reset)
    app.connect("html-page-context", add_sidebar_nav)
