"""Fixtures of the browser tests: the site built once, served on 127.0.0.1, and Debian's Chromium.

Playwright never downloads a browser here: it launches /usr/bin/chromium. Every request a page makes
goes through a route that lets only the machine itself through (127.0.0.1, localhost, file:, data:,
blob:) and aborts and records anything else, so a test can assert that nothing left the machine.
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parent.parent)]

from harness import Watch, open_context, watch_page  # noqa: E402

from tools import CHROMIUM, CHROMIUM_ARGS, built_html, page_types, require_playwright  # noqa: E402

BUILD_FAILED = "<site build failed>"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """``page_type``: one page for each kind of page, discovered from the built site."""
    if "page_type" in metafunc.fixturenames:
        build = built_html()
        pages = page_types(build.html) if build.html else [BUILD_FAILED]
        metafunc.parametrize("page_type", pages)


@pytest.fixture(scope="session")
def site() -> Path:
    return built_html().require()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """The built site served by http.server on 127.0.0.1 (a free port), for the whole session."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    require_playwright()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def watch() -> Watch:
    return Watch()


@pytest.fixture
def context(browser: Any, watch: Watch) -> Iterator[Any]:
    ctx = open_context(browser, watch, viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: Any, watch: Watch) -> Any:
    tab = context.new_page()
    watch_page(tab, watch)
    return tab
