"""Problems in the sources: reported with file, line and fix, and fatal at the end of the build.

Sphinx only fails on warnings under ``-W``; a kit whose tags are wrong must not build at all. Each
problem is logged as a warning of type ``quizgen`` (so all of them are shown, even with
``--keep-going``), counted by a filter on Sphinx's handlers (which also sees records forwarded from
parallel workers), and the build ends with a failure status once it has reported them all.
"""

from __future__ import annotations

import logging
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging as sphinx_logging

logger = sphinx_logging.getLogger("quizgen")

WARNING_TYPE = "quizgen"


def report(message: str, fix: str, location: Any, subtype: str = "source") -> None:
    """Log one problem; ``location`` is a node or a ``(docname, line)`` pair."""
    logger.warning("%s — fix: %s", message, fix, location=location, type=WARNING_TYPE, subtype=subtype)


class _ProblemCounter(logging.Filter):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "type", "") == WARNING_TYPE and record.levelno >= logging.WARNING:
            self.count += 1
        return True


def _install_counter(app: Sphinx) -> None:
    counter = _ProblemCounter()
    app._quizgen_problem_counter = counter  # type: ignore[attr-defined]
    for handler in logging.getLogger(sphinx_logging.NAMESPACE).handlers:
        if isinstance(handler, sphinx_logging.WarningStreamHandler):
            handler.addFilter(counter)


def problem_count(app: Sphinx) -> int:
    """How many problems this build has reported so far."""
    counter: _ProblemCounter | None = getattr(app, "_quizgen_problem_counter", None)
    return counter.count if counter else 0


def _stop_on_problems(app: Sphinx, exception: Exception | None) -> None:
    counter: _ProblemCounter | None = getattr(app, "_quizgen_problem_counter", None)
    if counter is None:
        return
    for handler in logging.getLogger(sphinx_logging.NAMESPACE).handlers:
        handler.removeFilter(counter)
    if exception is None and counter.count:
        # A non-zero status without a traceback: the messages above are what the author needs.
        app.statuscode = 1
        logger.error("%d problem(s) in the kit's sources, listed above with file, line and fix: the build "
                     "failed and published nothing new (no corpus.json, no quiz exports, no quiz questions, "
                     "no PDFs; the previous corpus.json and exports were removed).", counter.count)


def setup_problems(app: Sphinx) -> None:
    app.connect("builder-inited", _install_counter)
    # Run last, after the corpus and other outputs had their chance to report.
    app.connect("build-finished", _stop_on_problems, priority=900)
