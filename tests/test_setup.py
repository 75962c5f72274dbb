"""Set-up as people meet it: kit.py (the README's two commands) on every system, the commands the README and
the guide show, and a wheel that carries the package's data files."""

from __future__ import annotations

import ast
import fnmatch
import importlib.util
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = [ROOT / "README.md", ROOT / "docs" / "guide" / "index.md"]


def load_kit() -> ModuleType:
    spec = importlib.util.spec_from_file_location("kit_bootstrap", ROOT / "kit.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def sessions() -> set[str]:
    """The nox sessions noxfile.py defines (read, not imported: the tests do not need nox)."""
    tree = ast.parse((ROOT / "noxfile.py").read_text(encoding="utf-8"))
    return {node.name for node in tree.body if isinstance(node, ast.FunctionDef)
            and any("session" in ast.unparse(d) for d in node.decorator_list)}


def test_programs_are_where_each_system_puts_them() -> None:
    kit = load_kit()
    venv = Path("proj") / ".venv"
    assert kit.venv_python(venv, windows=True) == venv / "Scripts" / "python.exe"
    assert kit.venv_python(venv, windows=False) == venv / "bin" / "python"


def test_commands_run_the_nox_sessions(monkeypatch: pytest.MonkeyPatch) -> None:
    kit = load_kit()
    monkeypatch.setattr(kit, "ensure_venv", lambda: Path("/v/bin/python"))
    assert kit.command(["build"]) == ["/v/bin/python", "-m", "nox", "-s", "kit"]
    assert kit.command(["test", "-k", "pdf"]) == ["/v/bin/python", "-m", "nox", "-s", "tests", "--", "-k", "pdf"]
    assert kit.command(["dist"]) == ["/v/bin/python", "-m", "nox", "-s", "dist"]
    assert kit.command(["nox", "-s", "lint"]) == ["/v/bin/python", "-m", "nox", "-s", "lint"]
    assert set(kit.SESSIONS.values()) <= sessions()
    with pytest.raises(SystemExit) as stop:
        kit.command(["bulid"])
    assert stop.value.code == 2


def test_a_python_without_ensurepip_gets_the_apt_line_and_no_half_made_venv(tmp_path: Path) -> None:
    """Debian's python3 without python3-venv: kit.py stops before making anything, and says what to install."""
    shutil.copy(ROOT / "kit.py", tmp_path / "kit.py")
    hide = tmp_path / "hide"
    hide.mkdir()
    # A Python whose ensurepip cannot be found, as on Debian without python3-venv.
    (hide / "sitecustomize.py").write_text("import sys\nsys.modules['ensurepip'] = None\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-S", "-c",
                           f"import sys; sys.path.insert(0, {str(hide)!r}); import sitecustomize, runpy; "
                           f"sys.argv = ['kit.py', 'build']; runpy.run_path({str(tmp_path / 'kit.py')!r}, "
                           "run_name='__main__')"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, done.stderr
    assert "sudo apt install python3-venv" in done.stderr
    assert "ensurepip" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / ".venv").exists()


def commands(text: str) -> list[str]:
    """The command lines a document shows: fenced shell blocks and inline code that starts with a program."""
    found = []
    for block in re.findall(r"```(?:bash|sh|console)\n(.*?)```", text, re.S):
        found += [line.split("  #")[0].strip() for line in block.splitlines() if line.strip()]
    found += re.findall(r"`((?:python3|py|quizgen|nox|\.nox)[ /\\][^`]*)`", text)
    return found


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_every_command_shown_exists_and_has_its_windows_spelling(document: Path) -> None:
    text = document.read_text(encoding="utf-8")
    shown = commands(text)
    known = load_kit().SESSIONS
    assert shown, f"{document.name} shows no command"
    for line in shown:
        if m := re.match(r"(?:python3|py) kit\.py (\S+)", line):
            assert m.group(1) in (*known, "nox", "quizgen"), line
        for session in re.findall(r"nox -s (\w+)", line):
            assert session in sessions(), line
        assert "pip install nox" not in line and "python3 -m nox" not in line, f"{line}: use kit.py"
    # A program under .nox/…/bin/ or a venv's bin/ is named the Windows way too (Scripts\), in the same document.
    for env in set(re.findall(r"(\.nox/\w+|[\w.-]*env)/bin/\w+", text)):
        windows = env.replace("/", "\\") + "\\Scripts\\"
        assert windows in text, f"{document.name}: {env}/bin/ shown, but not its Windows spelling {windows}"
    if "python3 kit.py" in text:
        assert "py kit.py" in text, f"{document.name}: say that Windows writes `py kit.py …`"


def test_the_wheel_declares_every_data_file_of_the_package() -> None:
    """Templates, static files and translations reach the wheel (pyproject's package-data), not only .py."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["quizgen"]
    package = ROOT / "src" / "quizgen"
    data = [p.relative_to(package).as_posix() for p in package.rglob("*")
            if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts]
    assert data, "the package has no data files: the test checks nothing"
    def matches(name: str, pattern: str) -> bool:  # setuptools' globs: "*" stays inside one folder
        parts, globs = name.split("/"), pattern.split("/")
        return len(parts) == len(globs) and all(fnmatch.fnmatch(a, b) for a, b in zip(parts, globs, strict=True))

    lost = [name for name in data if not any(matches(name, pattern) for pattern in patterns)]
    assert lost == [], "add these to [tool.setuptools.package-data] in pyproject.toml"
    assert config["project"]["scripts"]["quizgen"] == "quizgen.cli:main"
