"""Whether a computed output of the last build still holds (issue 16: a no-op rebuild does no work).

``corpus.json`` and the quiz exports are computed from every clause, from files outside the documents (the
recipes, the teachers' marks) and from the kit's own code. When no document was read since the output
folder's last build without problems (by this build or by another builder sharing the doctree folder), and
the folder still holds what that build published from the same other inputs and the same code, it holds:
it is left as it is instead of being computed again to the same bytes. Anything else — a document read
again, a recipe touched, the package changed, an output missing — computes it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import pickle
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from quizgen import __version__
from quizgen.sphinxext.site.problems import problem_count

STATE_FILE = "quizgen-outputs.json"


@functools.cache
def code_digest(engine_only: bool = False) -> str:
    """A digest of the ``quizgen`` package's code: another engine or extension computes anew. With
    ``engine_only``, the engine's alone (the package outside ``sphinxext/``): the quizzes kept between builds
    survive an edit of the extension."""
    package = Path(__file__).resolve().parents[2]
    digest = hashlib.sha256(f"{__version__}\x1f{sys.version}".encode())
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(package).as_posix()
        if not (engine_only and relative.startswith("sphinxext/")):
            digest.update(relative.encode() + b"\x1f" + path.read_bytes())
    return digest.hexdigest()


def _inputs_key(app: Sphinx, inputs: Iterable[Path]) -> str:
    stats = []
    for path in sorted(inputs):
        try:
            found = path.stat()
            stats.append(f"{path}\x1f{found.st_mtime_ns}\x1f{found.st_size}")
        except OSError:
            stats.append(f"{path}\x1fmissing")
    parts = [code_digest(), str(app.outdir), os.environ.get("SOURCE_DATE_EPOCH", ""), *stats]
    return hashlib.sha256("\x1e".join(parts).encode()).hexdigest()


def _state_path(app: Sphinx) -> Path:
    return Path(app.doctreedir) / STATE_FILE


def _state(app: Sphinx) -> dict[str, str]:
    try:
        data = json.loads(_state_path(app).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in data.items() if isinstance(v, str)} if isinstance(data, dict) else {}


def _save_state(app: Sphinx, state: dict[str, str]) -> None:
    _state_path(app).parent.mkdir(parents=True, exist_ok=True)
    _state_path(app).write_text(json.dumps(state, indent=1, sort_keys=True), encoding="utf-8")


def still_holds(app: Sphinx, name: str, inputs: Iterable[Path], outputs: Iterable[Path]) -> bool:
    """True when no document was read since this output folder's last build without problems (see
    :func:`read_any`), every path of ``outputs`` exists, and that build recorded ``name`` from the same
    ``inputs`` (modification times and sizes) and code."""
    if read_any(app):
        return False
    if not all(path.exists() for path in outputs):
        return False
    return _state(app).get(name) == _inputs_key(app, inputs)


def mark_published(app: Sphinx, name: str, inputs: Iterable[Path]) -> None:
    """``name`` was published by this build from ``inputs``: the next build may keep it."""
    state = _state(app)
    state[name] = _inputs_key(app, inputs)
    _save_state(app, state)


def read_any(app: Sphinx) -> bool:
    """Whether any document was read since this output folder's last build without problems: by this
    build, or by another builder that shares the doctree folder (``-b handouts`` before ``-b html``)."""
    if app.__dict__.get("_quizgen_read_any", True):
        return True
    return _state(app).get(_env_key(app)) != _env_stamp(app)


def _env_key(app: Sphinx) -> str:
    return f"documents read, for {app.outdir}"


def _env_stamp(app: Sphinx) -> str:
    """The documents the environment holds and when each was read: it changes whenever one is read."""
    return hashlib.sha256(json.dumps(sorted(app.env.all_docs.items())).encode()).hexdigest()


def _note_reading(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    app.__dict__["_quizgen_read_any"] = bool(docnames)


def _note_built(app: Sphinx, exception: Exception | None) -> None:
    state = _state(app)
    if exception is None and not problem_count(app):
        state[_env_key(app)] = _env_stamp(app)
    else:
        state.pop(_env_key(app), None)
    _save_state(app, state)


def setup_unchanged(app: Sphinx) -> None:
    # Last, after any extension that adds documents to read, and after every output is published.
    app.connect("env-before-read-docs", _note_reading, priority=900)
    app.connect("build-finished", _note_built, priority=900)


def read_kept(path: Path | None) -> dict[Any, Any]:
    """A dict a previous build kept with :func:`keep` (quizzes, bibliography entries), or {}: an unreadable
    file (another engine, a torn write) is only a cache."""
    if path is None or not path.is_file():
        return {}
    try:
        found = pickle.loads(path.read_bytes())
    except Exception:
        return {}
    return found if isinstance(found, dict) else {}


def keep(path: Path, data: dict[Any, Any]) -> None:
    """Keep ``data`` for the next build, written whole or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.write_bytes(pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
    partial.replace(path)
