"""The kit's vocabulary file, loaded once per process and checked into the build's configuration.

A digest of the data files is a configuration value with ``rebuild="env"``: editing the vocabulary
re-reads every page, because any tag anywhere may have changed meaning.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

from quizgen.sphinxext.site.problems import WARNING_TYPE, logger
from quizgen.vocabulary import Vocabulary

_cache: dict[Path, tuple[str, Vocabulary]] = {}
_seen: dict[Path, tuple[tuple[int, int], Vocabulary]] = {}


def data_dir(confdir: Path | str, config: Config) -> Path:
    return Path(confdir) / str(config.quizgen_data_dir)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else ""


def vocabulary_path(env: BuildEnvironment) -> Path:
    return data_dir(env.srcdir, env.config) / str(env.config.quizgen_vocabulary)


def _stat(path: Path) -> tuple[int, int]:
    try:
        st = path.stat()
    except OSError:
        return (-1, -1)
    return (st.st_mtime_ns, st.st_size)


def vocabulary(env: BuildEnvironment) -> Vocabulary:
    """The vocabulary of the build's data folder; the file is read and hashed again only when its size or
    modification time changed (it is asked for hundreds of times per build)."""
    path = vocabulary_path(env)
    stat = _stat(path)
    seen = _seen.get(path)
    if seen is not None and seen[0] == stat:
        return seen[1]
    digest = _digest(path)
    cached = _cache.get(path)
    if cached is None or cached[0] != digest:
        cached = (digest, Vocabulary.load(path, strict=False) if path.exists() else Vocabulary(path=str(path)))
        _cache[path] = cached
    _seen[path] = (stat, cached[1])
    return cached[1]


def glossary_term(vocab: Vocabulary, org_key: str) -> str:
    """The glossary headword of an organisation: its acronym, or its full name when it has none."""
    org = vocab.orgs[org_key]
    return org.acronym or org.label


def _record_digest(app: Sphinx, config: Config) -> None:
    folder = data_dir(app.confdir, config)
    files = sorted(folder.glob("*")) if folder.is_dir() else []
    config.quizgen_data_digest = hashlib.sha256(
        b"".join(_digest(f).encode() for f in files if f.is_file())).hexdigest()


def _report_problems(app: Sphinx) -> None:
    """A wrong vocabulary file stops the build with file, line and fix, like any other bad tag."""
    for problem in vocabulary(app.env).problems:
        logger.warning("%s — fix: %s", problem.message, problem.fix, location=f"{problem.file}:{problem.line}",
                       type=WARNING_TYPE, subtype="vocabulary")


def setup_vocab(app: Sphinx) -> None:
    app.add_config_value("quizgen_data_dir", "_data", "env", types=[str])
    app.add_config_value("quizgen_vocabulary", "vocabulary.toml", "env", types=[str])
    app.add_config_value("quizgen_data_digest", "", "env", types=[str])
    app.connect("config-inited", _record_digest)
    app.connect("builder-inited", _report_problems)
