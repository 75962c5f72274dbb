"""Build the kit, run its tests, or make what teachers download, with nothing but Python 3.11+.

    python3 kit.py build      # the site, the PDF handouts, the quiz exports  (nox -s kit)
    python3 kit.py test       # the test suite                                (nox -s tests)
    python3 kit.py dist       # dist/: the kit's zip and the quizgen wheel     (nox -s dist)
    python3 kit.py nox -s lint            # any nox command
    python3 kit.py quizgen check          # quizgen, from the environment `build` made

On Windows, write ``py kit.py build`` (the ``py`` launcher); everything else is the same.

The script uses the standard library only. It makes its own virtual environment, ``.venv/``, with
``venv`` (never the system's Python: Debian, Ubuntu and Homebrew refuse ``pip install`` there, PEP 668),
installs nox into it, and runs the nox session; each nox session then installs what it needs into its
own environment under ``.nox/``. Words after the command go to the session (``python3 kit.py test -k
pdf`` runs ``nox -s tests -- -k pdf``).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
NOX = "nox>=2024.4"
MIN_PYTHON = (3, 11)
SESSIONS = {"build": "kit", "test": "tests", "dist": "dist"}
WINDOWS = os.name == "nt"
#: The launcher a user types on this system, for messages.
LAUNCHER = "py" if WINDOWS else "python3"
USAGE = f"""usage: {LAUNCHER} kit.py build | test | dist [arguments for the session]
       {LAUNCHER} kit.py nox [nox arguments]
       {LAUNCHER} kit.py quizgen [quizgen arguments]"""


def bin_dir(venv: Path, windows: bool = WINDOWS) -> Path:
    """Where a virtual environment keeps its programs: ``Scripts\\`` on Windows, ``bin/`` elsewhere."""
    return venv / ("Scripts" if windows else "bin")


def venv_python(venv: Path, windows: bool = WINDOWS) -> Path:
    return bin_dir(venv, windows) / ("python.exe" if windows else "python")


def say(message: str) -> None:
    print(f"kit.py: {message}", file=sys.stderr, flush=True)


def no_venv_message() -> str:
    """What to do when this Python cannot make a virtual environment (Debian/Ubuntu without python3-venv)."""
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    return ("this Python cannot create a virtual environment: its 'ensurepip' module is missing.\n"
            "  On Debian or Ubuntu, install the venv package, then run the same command again:\n"
            "      sudo apt install python3-venv\n"
            f"  (if apt says the package is not enough, install python{version}-venv).\n"
            "  Elsewhere, install Python 3.11 or newer from python.org, Homebrew or pyenv.")


def has_ensurepip() -> bool:
    """Whether ``venv`` can put pip into a new environment (Debian ships ensurepip apart, in python3-venv)."""
    try:
        return importlib.util.find_spec("ensurepip") is not None
    except ImportError:
        return False


def runs(python: Path, *code: str) -> bool:
    try:
        return subprocess.run([str(python), *code], capture_output=True).returncode == 0
    except OSError:
        return False


def ensure_venv() -> Path:
    """``.venv``'s Python, with nox in it; made (once) with this Python's ``venv`` module."""
    python = venv_python(VENV)
    if runs(python, "-c", "import nox"):
        return python
    if VENV.exists() and not runs(python, "-c", "pass"):
        # Left by a Python that is gone (an upgrade, a copied folder): make it again.
        say(f"{VENV} does not run with this system any more: making it again")
        shutil.rmtree(VENV)
    if not python.exists():
        if not has_ensurepip():
            say(no_venv_message())
            raise SystemExit(1)
        say(f"making a virtual environment in {VENV} (once)")
        made = subprocess.run([sys.executable, "-m", "venv", "--upgrade-deps", str(VENV)])
        if made.returncode != 0:
            shutil.rmtree(VENV, ignore_errors=True)  # nothing half-made for the next run
            say(f"'{sys.executable} -m venv' failed (above).\n" + no_venv_message())
            raise SystemExit(1)
    say(f"installing {NOX} into {VENV}")
    installed = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", NOX])
    if installed.returncode != 0:
        say("pip could not install nox (above): is PyPI reachable?")
        raise SystemExit(1)
    return python


def quizgen_program() -> Path:
    """The ``quizgen`` that ``build`` installed (``.nox/kit/bin/quizgen``, ``.nox\\kit\\Scripts\\quizgen.exe``)."""
    program = bin_dir(ROOT / ".nox" / "kit") / ("quizgen.exe" if WINDOWS else "quizgen")
    if not program.exists():
        say(f"{program} does not exist yet: run '{LAUNCHER} kit.py build' first")
        raise SystemExit(1)
    return program


def command(args: list[str]) -> list[str]:
    """The command line that runs ``args`` (as given after ``kit.py``)."""
    if not args or args[0] in ("-h", "--help", "help"):
        print(USAGE)
        raise SystemExit(0 if args else 2)
    name, rest = args[0], args[1:]
    if name == "quizgen":
        return [str(quizgen_program()), *rest]
    if name == "nox":
        return [str(ensure_venv()), "-m", "nox", *rest]
    if name in SESSIONS:
        return [str(ensure_venv()), "-m", "nox", "-s", SESSIONS[name], *(["--", *rest] if rest else [])]
    print(f"kit.py: unknown command {name!r}\n{USAGE}", file=sys.stderr)
    raise SystemExit(2)


def main(argv: list[str] | None = None) -> int:
    if sys.version_info < MIN_PYTHON:
        say(f"Python {'.'.join(map(str, MIN_PYTHON))} or newer is needed; this is {sys.version.split()[0]} "
            f"({sys.executable})")
        return 1
    line = command(list(sys.argv[1:] if argv is None else argv))
    os.chdir(ROOT)
    try:
        return subprocess.run(line).returncode
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
