"""Shared fixtures: Sphinx's own testing fixtures, a built copy of the kit, tiny throw-away projects."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from io import StringIO
from pathlib import Path

import pytest

pytest_plugins = ("sphinx.testing.fixtures",)

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The kit's HTML site built once, strictly, from a copy of docs/ (the work tree stays untouched)."""
    base = tmp_path_factory.mktemp("site")
    out = base / "html"
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-W", "-n", "--keep-going", "-b", "html",
         "-d", str(base / "doctrees"), str(DOCS), str(out)],
        check=True,
    )
    return out


MINIMAL_CONF = '''
extensions = ["myst_parser", "quizgen.sphinxext"]
language = "fr"
smartquotes = False
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build", "_data"]
quizgen_credit = "Texte d'essai"
'''

MINIMAL_VOCABULARY = '''
[themes]
securite = "Sécurité"
economie = "Économie"

[states.IRN]
label = "Iran"
forms = ["Iran", "République islamique d’Iran"]
member = true

[states.CHN]
label = "Chine"
forms = ["Chine"]
member = true

[places]
"Douchanbé" = ""

[orgs.OCS]
label = "Organisation de coopération de Shanghai"
acronym = "OCS"
forms = ["OCS"]
kind = "organisation"
description = "Organisation intergouvernementale."

[concepts]
multipolarite = ["multipolaire"]
'''


class Project:
    """A throw-away Sphinx project built with Sphinx's own test application."""

    def __init__(self, srcdir: Path, make_app: Callable[..., object]) -> None:
        self.srcdir = srcdir
        self._make_app = make_app
        self.warnings = ""
        self.app: object = None

    def build(self, buildername: str = "html", **kwargs: object) -> object:
        warning = StringIO()
        app = self._make_app(buildername, srcdir=self.srcdir, warning=warning, freshenv=True, **kwargs)
        self.app = app
        try:
            app.build()  # type: ignore[attr-defined]
        finally:
            self.warnings = warning.getvalue()
        return app


@pytest.fixture
def project(tmp_path: Path, make_app: Callable[..., object]) -> Callable[..., Project]:
    """``project({"index.md": "…"})`` writes a minimal kit project and returns it, ready to build."""

    def make(pages: dict[str, str], vocabulary: str = MINIMAL_VOCABULARY, conf_extra: str = "") -> Project:
        srcdir = tmp_path / "src"
        (srcdir / "_data").mkdir(parents=True)
        (srcdir / "conf.py").write_text(MINIMAL_CONF + conf_extra, encoding="utf-8")
        (srcdir / "_data" / "vocabulary.toml").write_text(vocabulary, encoding="utf-8")
        for name, text in pages.items():
            path = srcdir / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return Project(srcdir, make_app)

    return make


@pytest.fixture
def docs_copy(tmp_path: Path) -> Path:
    """A writable copy of the kit's docs/ folder."""
    target = tmp_path / "docs"
    shutil.copytree(DOCS, target, ignore=shutil.ignore_patterns("_build"))
    return target
