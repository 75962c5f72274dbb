"""Quiz exports for download: every recipe of the exercises folder, in every registered format.

The HTML build writes them into ``<html>/exports/`` with :func:`quizgen.export.export` (once per build,
at the latest at ``build-finished``), and ``{quiz-downloads}`` lists them in a table: one row per
recipe, one column per format (:func:`quizgen.export.formats`, whatever is registered). These files
carry the answers: they are teacher material.

Non-HTML builders: the node type is :class:`quiz_downloads`; a builder that does not handle it gets a
one-line paragraph pointing to the website instead.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from dataclasses import asdict, dataclass, field, replace
from html import escape
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from quizgen.export import export, formats, is_dated
from quizgen.export.common import input_stamp
from quizgen.problems import QuizgenError
from quizgen.recipe import load_recipe
from quizgen.sphinxext.quizzes.webquiz import (
    build_cache,
    env_exercises_dir,
    exercises_dir,
    quiz_for,
    remember,
    report_problems,
)
from quizgen.sphinxext.site.i18n import _
from quizgen.sphinxext.site.node_types import add_html_only_node, pass_node
from quizgen.sphinxext.site.problems import problem_count, report
from quizgen.sphinxext.site.unchanged import mark_published, still_holds
from quizgen.typography import french_typography

logger = logging.getLogger(__name__)

EXPORT_DIR = "exports"
#: How a format is named to teachers; an unknown format is shown by its name.
FORMAT_LABELS = {
    "json": "JSON", "gift": "GIFT", "moodle": "Moodle XML", "qti": "QTI 1.2 (Canvas)", "kahoot": "Kahoot",
    "anki": "Anki", "amc": "AMC",
}
FORMAT_ORDER = ("moodle", "gift", "qti", "kahoot", "anki", "amc", "json")


class quiz_downloads(nodes.General, nodes.Element):
    """The table of quiz exports; its ``html`` is filled for HTML builders once the exports exist."""


@dataclass
class Exported:
    recipe: str
    title: str
    questions: int
    variants: int
    files: dict[str, list[str]] = field(default_factory=dict)  # format → paths relative to the site root


@dataclass
class Exports:
    rows: list[Exported]
    formats: list[str]
    seconds: float


def ordered_formats() -> list[str]:
    names = formats()
    return sorted(names, key=lambda n: (FORMAT_ORDER.index(n) if n in FORMAT_ORDER else len(FORMAT_ORDER), n))


def export_all(app: Sphinx) -> Exports:
    """Write every recipe in every format into ``<outdir>/exports`` once per build; what was written."""
    done: Exports | None = getattr(app, "_quizgen_exports", None)
    if done is not None:
        return done
    start = time.perf_counter()
    out = staging_dir(app)  # swapped in for exports/ at the end of a build without problems
    if out.exists():
        shutil.rmtree(out)
    names = ordered_formats()
    rows: list[Exported] = []
    if problem_count(app):  # nothing is exported from sources with problems
        done = Exports(rows, names, 0.0)
        app._quizgen_exports = done  # type: ignore[attr-defined]
        return done
    recipes = sorted(exercises_dir(app).glob("*.toml"))
    stamp = input_stamp([*(Path(app.env.doc2path(d)) for d in sorted(app.env.found_docs)), *recipes])
    previous = load_manifest(app)
    manifest: dict[str, dict[str, Any]] = {}
    cache = build_cache(app)
    site_url = app.config.quizgen_site_url.strip()
    reused = copied_formats = 0
    for path in recipes:
        try:
            recipe = load_recipe(path)
        except QuizgenError as err:
            report_problems(err.problems, str(path))
            continue
        content = cache.key(path, 0, -1)  # what the recipe's quiz is made of
        if content is None:
            quiz_for(app, path, 0, str(path))  # reports why the quiz cannot be built
            continue
        key = hashlib.sha256("\x1f".join([content, *names, site_url, str(stamp)]).encode()).hexdigest()
        entry = previous.get(str(path))
        kept = reuse(app, entry, key, out)
        if kept is not None:
            rows.append(kept)
            manifest[str(path)] = {**(entry or {}), "key": key, "row": asdict(kept)}
            reused += 1
            continue
        # Inputs changed (a clause, anywhere, or the date): the quiz may be the same. A format whose bytes depend
        # on the quiz and the site's address only is copied from the last build when the quiz is; a dated one
        # (Anki) when the date is the same too. The quiz is built (or taken from the cache) only for a format
        # that must be written. A clean build writes the same bytes.
        keys = {name: hashlib.sha256("\x1f".join([content, name, site_url, str(stamp) if is_dated(name) else ""])
                                     .encode()).hexdigest() for name in names}
        quiz = None
        row = same_quiz_row(entry, content)
        if row is None:
            quiz = quiz_for(app, path, 0, str(path))
            if quiz is None:
                continue
            row = Exported(recipe.id, quiz.title, len(quiz.variants[0].questions), len(quiz.variants))
        for name in names:
            if reuse_format(app, entry, name, keys[name], row, out):
                copied_formats += 1
                continue
            quiz = quiz or quiz_for(app, path, 0, str(path))
            if quiz is None:  # reported; the recipe gets no row
                break
            try:
                written = export([quiz], [name], out, site_url=app.config.quizgen_site_url.strip(), stamp=stamp)
            except QuizgenError as err:
                report_problems(err.problems, str(path), subtype="export")
                continue
            except ImportError as err:
                report(f"the {name} export of {path.name} needs a package that is missing: {err}",
                       "install the package named (pip install …) and build again",
                       str(path), subtype="export")
                continue
            row.files[name] = sorted(f"{EXPORT_DIR}/{p.relative_to(out).as_posix()}" for p in written)
        else:
            rows.append(row)
            if set(row.files) == set(names):  # a recipe with a failed format is exported again next time
                manifest[str(path)] = {"key": key, "content": content, "formats": keys, "row": asdict(row)}
    done = Exports(rows, names, time.perf_counter() - start)
    app._quizgen_exports = done  # type: ignore[attr-defined]
    app._quizgen_export_manifest = manifest  # type: ignore[attr-defined]
    count = sum(len(files) for row in rows for files in row.files.values())
    logger.info("quiz exports: %d file(s), %d recipe(s) × %d format(s) in %.2f s (%d recipe(s) unchanged, "
                "copied from the previous build); %d export(s) of quizzes that did not change copied too", count,
                len(rows), len(names), done.seconds, reused, copied_formats)
    return done


#: What the last published exports were made from (in the doctree folder): a recipe whose inputs did not
#: change is copied from the published exports instead of being exported again.
MANIFEST_FILE = "quizgen-exports.json"


def manifest_path(app: Sphinx) -> Path:
    return Path(app.doctreedir) / MANIFEST_FILE


def load_manifest(app: Sphinx) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads(manifest_path(app).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) and data.get("outdir") == str(app.outdir) else {}


def reuse(app: Sphinx, entry: dict[str, Any] | None, key: str, out: Path) -> Exported | None:
    """The recipe's published exports, copied into the staging folder, if they were made from the same
    inputs (quiz, formats, site address, date stamp) and are all there; else None."""
    if not isinstance(entry, dict) or entry.get("key") != key:
        return None
    try:
        row = Exported(**entry["row"])
    except (KeyError, TypeError):
        return None
    published = Path(app.outdir)
    paths = [p for files in row.files.values() for p in files]
    if not all((published / p).is_file() for p in paths):
        return None
    for p in paths:
        target = out / Path(p).relative_to(EXPORT_DIR)
        target.parent.mkdir(parents=True, exist_ok=True)
        _keep(published / p, target)
    return row


def same_quiz_row(entry: dict[str, Any] | None, content: str) -> Exported | None:
    """The row of the last build's exports, without its files, if they were made from the same quiz."""
    if not isinstance(entry, dict) or entry.get("content") != content:
        return None
    try:
        return replace(Exported(**entry["row"]), files={})
    except (KeyError, TypeError):
        return None


def reuse_format(app: Sphinx, entry: dict[str, Any] | None, name: str, key: str, row: Exported, out: Path) -> bool:
    """Copy one format's published files into the staging folder (and into ``row``) if they were made from the
    same quiz (and date, for a dated format) and are all there."""
    if not isinstance(entry, dict) or not isinstance(entry.get("formats"), dict) or entry["formats"].get(name) != key:
        return False
    try:
        paths = list(Exported(**entry["row"]).files[name])
    except (KeyError, TypeError):
        return False
    published = Path(app.outdir)
    if not paths or not all((published / p).is_file() for p in paths):
        return False
    for p in paths:
        target = out / Path(p).relative_to(EXPORT_DIR)
        target.parent.mkdir(parents=True, exist_ok=True)
        _keep(published / p, target)
    row.files[name] = paths
    return True


def _keep(published: Path, target: Path) -> None:
    """A published export into the staging folder: a second link to the same file (same bytes and date, nothing
    copied; the published name goes when the staging folder takes its place), else a copy."""
    try:
        os.link(published, target)
    except OSError:
        shutil.copy2(published, target)


def staging_dir(app: Sphinx) -> Path:
    return Path(app.outdir) / f".{EXPORT_DIR}.staging"


def _export_at_end(app: Sphinx, exception: Exception | None) -> None:
    """Publish the exports all at once, and only from a build without problems: a failed build removes the
    previous build's exports too (they would not match the pages it wrote)."""
    if app.builder.format != "html":
        return
    final, staging = Path(app.outdir) / EXPORT_DIR, staging_dir(app)
    inputs = [p for p in exercises_dir(app).rglob("*") if p.is_file()]  # the recipes and teachers' marks
    if exception is None and not problem_count(app):
        if still_holds(app, EXPORT_DIR, inputs, [final, manifest_path(app)]):
            return  # no document read, no recipe touched: the last build's exports are this one's
        export_all(app)
        if staging.exists() and not problem_count(app):
            shutil.rmtree(final, ignore_errors=True)
            staging.rename(final)
            manifest = getattr(app, "_quizgen_export_manifest", {})
            manifest_path(app).parent.mkdir(parents=True, exist_ok=True)
            manifest_path(app).write_text(json.dumps({"outdir": str(app.outdir), **manifest}, indent=1,
                                                     sort_keys=True), encoding="utf-8")
            mark_published(app, EXPORT_DIR, inputs)
        return
    shutil.rmtree(staging, ignore_errors=True)
    shutil.rmtree(final, ignore_errors=True)
    manifest_path(app).unlink(missing_ok=True)


class QuizDownloadsDirective(SphinxDirective):
    """``{quiz-downloads}``: the table of every export of every recipe."""

    def run(self) -> list[nodes.Node]:
        for path in sorted(env_exercises_dir(self.env).glob("*.toml")):
            self.env.note_dependency(str(path))
        remember(self.env, self.env.docname)  # rebuilt when the clauses change, like a quiz
        node = quiz_downloads("")
        self.set_source_info(node)
        return [node]


def short_name(path: str, row: Exported) -> str:
    """``partie-2.kahoot.xlsx`` → ``kahoot.xlsx``: the row already names the quiz."""
    name = Path(path).name
    return name[len(row.recipe) + 1:] if name.startswith(f"{row.recipe}.") else name


def table_html(exports: Exports, page_uri: str) -> str:
    head = "".join(f'<th scope="col">{escape(FORMAT_LABELS.get(n, n))}</th>' for n in exports.formats)
    rows = []
    for row in exports.rows:
        cells = []
        for name in exports.formats:
            links = [f'<a href="{escape(relative_uri(page_uri, path))}" download data-format="{escape(name)}">'
                     f"{escape(short_name(path, row).replace('-', chr(0x2011)))}</a>"  # no break in a name
                     for path in row.files.get(name, [])]
            sep = "<br>" if len(links) <= 2 else " "  # one file per version (AMC): let them flow
            cells.append(f"<td>{sep.join(links) or '—'}</td>")
        what = str(_("%(questions)d questions, %(variants)d versions")) % {
            "questions": row.questions, "variants": row.variants}
        title = escape(french_typography(row.title))
        rows.append(f'<tr><th scope="row">{title}<br><span class="qg-dl-meta">{escape(what)}</span>'
                    f"</th>{''.join(cells)}</tr>")
    caption = escape(str(_("Quiz exports: one row per recipe, one column per format.")))
    return (f'<div class="qg-downloads"><table class="qg-dl-table"><caption>{caption}</caption>'
            f'<thead><tr><th scope="col">{escape(str(_("Quiz")))}</th>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>\n")


def resolve_downloads(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    found = list(doctree.findall(quiz_downloads))
    if not found:
        return
    if app.builder.format != "html":
        translator = getattr(app.builder, "default_translator_class", None)
        if "quiz_downloads" not in app.registry.translation_handlers.get(app.builder.name, {}) and not hasattr(
                translator, "visit_quiz_downloads"):
            for node in found:
                node.replace_self(nodes.paragraph("", str(_("The quiz exports are on the kit's website."))))
        return
    html = table_html(export_all(app), app.builder.get_target_uri(docname))
    for node in found:
        node["html"] = html


def add_style(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
              doctree: nodes.document | None) -> None:
    if doctree is not None and any(True for _node in doctree.findall(quiz_downloads)):
        app.add_css_file("qg-quiz.css")


def visit_downloads_html(self: Any, node: quiz_downloads) -> None:
    self.body.append(node.get("html", ""))
    raise nodes.SkipNode




def setup_downloads(app: Sphinx) -> None:
    add_html_only_node(app, quiz_downloads, (visit_downloads_html, pass_node))
    app.add_directive("quiz-downloads", QuizDownloadsDirective)
    app.connect("doctree-resolved", resolve_downloads)
    app.connect("html-page-context", add_style)
    app.connect("build-finished", _export_at_end, priority=400)
