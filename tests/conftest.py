"""Shared fixtures: Sphinx's own testing fixtures, a built copy of the kit, tiny throw-away projects."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from kit_project import MINIMAL_CONF, MINIMAL_VOCABULARY, Project
from tools import built_html

pytest_plugins = ("sphinx.testing.fixtures",)

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


@pytest.fixture(scope="session")
def built_site() -> Path:
    """The kit's HTML site, built once per run, strictly (-W -n), from docs/: the same build the browser and
    validator tests use (tests/tools.py), so a test run builds the site once, not twice."""
    return built_html().require()


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
    """A writable copy of the kit's docs/ folder, with exercises/ beside it as pages include from there."""
    target = tmp_path / "docs"
    shutil.copytree(DOCS, target, ignore=shutil.ignore_patterns("_build"))
    shutil.copytree(ROOT / "exercises", tmp_path / "exercises")
    return target
