"""Web quizzes: ``{quiz}`` embeds a recipe's quiz in a page, self-graded in the browser.

    ```{quiz} partie-2
    :mode: practice
    :variants: 4
    ```

The argument is a recipe: a path relative to the page (or to the source folder with a leading ``/``),
or the name of a recipe of ``quizgen_exercises_dir`` (``partie-2`` or ``partie-2.toml``). Options:
``:mode:`` ``practice`` (answers, feedback and clause links are embedded, for self-grading) or
``exam`` (nothing that answers a question is embedded: no answer, no feedback, no clause); ``:variants:``
how many of the recipe's versions to embed; ``:seed:`` other versions than the recipe's seed gives (an exam
page that is not the practice page); ``:title:`` to replace the recipe's title.

At read time the directive checks the recipe and leaves a :class:`webquiz` node; the recipe becomes a
dependency of the page. Once every clause is known (``doctree-resolved``), the quiz is built by the engine
from the corpus the site publishes and the node gets its HTML: a shell, and the quiz as JSON in a
``<script type="application/json">`` that ``qg-quiz.js`` renders (works from ``file://``, no network). The
French interface strings travel in the same way, from the ``quizgen`` message catalog.

Non-HTML builders: the node type is :class:`webquiz`. Text, LaTeX, man and Texinfo skip it; a builder
whose translator has no ``visit_webquiz`` gets a plain paragraph naming the quiz instead.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Mapping, Sequence
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from quizgen.corpus import Corpus
from quizgen.guards import TextIndex
from quizgen.problems import Problem, QuizgenError
from quizgen.question import Question
from quizgen.quiz import Quiz, build_pool, build_quiz
from quizgen.recipe import Recipe, curation_file, load_recipe
from quizgen.sphinxext.site.i18n import _
from quizgen.sphinxext.site.node_types import add_html_only_node, pass_node
from quizgen.sphinxext.site.problems import problem_count, report
from quizgen.sphinxext.site.unchanged import code_digest, keep, read_any, read_kept
from quizgen.typography import french_typography

if TYPE_CHECKING:
    from quizgen.generate import Bank

MODES = ("practice", "exam")
JS_FILE = "qg-quiz.js"
CSS_FILE = "qg-quiz.css"
STRINGS_ID = "qg-quiz-i18n"
#: Keys of a question that may appear in an exam page: what a student needs to answer, nothing more.
EXAM_KEYS = ("n", "kind", "form", "prompt", "options", "stems", "multi", "time")


class webquiz(nodes.General, nodes.Element):
    """A quiz to embed: ``recipe`` (absolute path), ``mode``, ``variants`` (0: the recipe's), ``title``;
    ``html`` is filled for HTML builders once the corpus is known. ``questions`` (ids), when set, makes it a
    one-variant quiz of those authored questions instead (the ``{question}`` directive)."""


# -- Where recipes are ----------------------------------------------------------------------------------


def exercises_dir(app: Sphinx) -> Path:
    configured = getattr(app.config, "quizgen_exercises_dir", "../exercises")
    return (Path(app.confdir) / str(configured)).resolve()


def _note_exercises_dir(app: Sphinx) -> None:
    # Directives see the environment, not the application: the folder travels with it.
    app.env.__dict__["quizgen_exercises_dir"] = str(exercises_dir(app))


def env_exercises_dir(env: BuildEnvironment) -> Path:
    return Path(env.__dict__.get("quizgen_exercises_dir") or Path(env.srcdir) / "../exercises")


def find_recipe(env: BuildEnvironment, argument: str, docname: str) -> Path | None:
    """The recipe file an argument names, or None."""
    _rel, absolute = env.relfn2path(argument, docname)
    candidates = [Path(absolute)]
    folder = env_exercises_dir(env)
    name = Path(argument).name
    candidates += [folder / name, folder / f"{name}.toml"]
    return next((p.resolve() for p in candidates if p.is_file()), None)


def report_problems(problems: Sequence[Problem], fallback: Any, subtype: str = "quiz") -> None:
    """Report the engine's problems with their own file and line (the recipe), else at ``fallback``."""
    for p in problems:
        location = f"{p.file}:{p.line}" if p.line else p.file or fallback
        report(p.message, p.fix or "see the recipe format in exercises/", location or fallback, subtype=subtype)


class QuizDirective(SphinxDirective):
    required_arguments = 1
    final_argument_whitespace = False
    option_spec = {
        "mode": lambda arg: directives.choice(arg, MODES),
        "variants": directives.positive_int,
        "seed": directives.nonnegative_int,
        "title": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        location = self.get_location()
        path = find_recipe(self.env, self.arguments[0], self.env.docname)
        if path is None:
            known = sorted(p.stem for p in env_exercises_dir(self.env).glob("*.toml"))
            report(f"quiz recipe {self.arguments[0]!r} not found",
                   f"name a recipe of the exercises folder ({', '.join(known) or 'none yet'}) or give its path",
                   location, subtype="quiz")
            return []
        self.env.note_dependency(str(path))
        try:
            recipe = load_recipe(path)
        except QuizgenError as err:
            report_problems(err.problems, location)
            return []
        variants = self.options.get("variants", 0)
        if variants > recipe.variants:
            report(f"the quiz asks for {variants} versions but recipe {path.name} has {recipe.variants}",
                   f"lower :variants: to {recipe.variants} or raise variants in the recipe", location,
                   subtype="quiz")
            variants = recipe.variants
        node = webquiz("", recipe=str(path), mode=self.options.get("mode", "practice"), variants=variants,
                       title=self.options.get("title", "").strip(), questions=[],
                       seed=self.options.get("seed", -1))
        self.set_source_info(node)
        remember(self.env, self.env.docname, whole=False)
        specs: dict[str, list[tuple[str, int, int]]] = self.env.__dict__.setdefault("quizgen_quiz_specs", {})
        specs.setdefault(self.env.docname, []).append((str(path), variants, node["seed"]))
        return [node]


# -- Pages with quizzes: rebuilt when any source changes (their questions come from every clause) -------


def remember(env: BuildEnvironment, docname: str, *, whole: bool = True) -> None:
    """A page that shows questions; ``whole``: what it shows may depend on the whole corpus (authored
    questions, the exports' table), not only on its ``{quiz}`` blocks' quizzes."""
    docs: set[str] = env.__dict__.setdefault("quizgen_quiz_docs", set())
    docs.add(docname)
    if whole:
        wide: set[str] = env.__dict__.setdefault("quizgen_quiz_whole", set())
        wide.add(docname)


def whole_docs(env: BuildEnvironment) -> set[str]:
    found: set[str] = env.__dict__.setdefault("quizgen_quiz_whole", set())
    return found


def quiz_docs(env: BuildEnvironment) -> set[str]:
    found: set[str] = env.__dict__.get("quizgen_quiz_docs", set())
    return found


def quiz_specs(env: BuildEnvironment) -> dict[str, list[tuple[str, int, int]]]:
    """The ``{quiz}`` blocks of each page: (recipe, versions, seed)."""
    specs: dict[str, list[tuple[str, int, int]]] = env.__dict__.setdefault("quizgen_quiz_specs", {})
    return specs


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    quiz_docs(env).discard(docname)
    whole_docs(env).discard(docname)
    quiz_specs(env).pop(docname, None)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    for docname in quiz_docs(other) & docnames:
        remember(env, docname, whole=docname in whole_docs(other))
    theirs = quiz_specs(other)
    for docname in docnames:
        if docname in theirs:
            quiz_specs(env)[docname] = theirs[docname]


#: The digests of what each quiz page showed at the last build without problems (in the doctree folder).
PAGES_FILE = "quizgen-quiz-pages.json"


def _updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    # Quizzes are built when pages are written, from every clause: when anything was read again, a quiz
    # page is written again (not re-read: its source did not change) if what it shows may have changed: a
    # digest of its quizzes (or, for the other pages that show questions, of the whole corpus) differs
    # from the last build's. Sources with problems: every quiz page is written again (it then says that
    # its quiz is not published).
    if not read_any(app):
        return []
    docs = sorted(quiz_docs(env) & set(env.all_docs))
    app._quizgen_page_digests = None  # type: ignore[attr-defined]
    if problem_count(app) or app.builder.format != "html":
        return docs
    digests = {doc: page_digest(app, env, doc) for doc in docs}
    app._quizgen_page_digests = digests  # type: ignore[attr-defined]
    previous = _load_page_digests(app)
    return [doc for doc in docs if previous.get(doc) != digests[doc]]


def page_digest(app: Sphinx, env: BuildEnvironment, docname: str) -> str:
    parts = [code_digest(engine_only=True), file_digest(Path(__file__))]
    specs = quiz_specs(env).get(docname)
    if not specs or docname in whole_docs(env):
        parts.append(shown_digest(app))  # {question} and {quiz-downloads} pages
    cache = build_cache(app)
    for recipe, variants, seed in specs or ():
        parts.append(cache.key(Path(recipe), variants, seed) or "failed")  # the quiz is a function of its key
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def shown_digest(app: Sphinx) -> str:
    """What the ``{question}`` and ``{quiz-downloads}`` blocks show, once per build: every authored question
    as the engine reads it (prompt, options, answers, cited passages) and every row of the exports' table
    (title, counts, files). A clause edit that changes neither leaves those pages as they are."""
    found: str | None = getattr(app, "_quizgen_shown_digest", None)
    if found is None:
        from dataclasses import asdict

        from quizgen.sphinxext.quizzes.downloads import export_all
        from quizgen.sphinxext.quizzes.questions import authored_questions

        cache = build_cache(app)
        questions = {qid: q.to_dict() for qid, q in authored_questions(app, cache.corpus).items()}
        exports = export_all(app)
        shown = {"questions": questions, "exports": [asdict(row) for row in exports.rows],
                 "formats": exports.formats}
        found = hashlib.sha256(json.dumps(shown, ensure_ascii=False, sort_keys=True).encode()).hexdigest()
        app._quizgen_shown_digest = found  # type: ignore[attr-defined]
    return found


def _load_page_digests(app: Sphinx) -> dict[str, str]:
    try:
        data = json.loads((Path(app.doctreedir) / PAGES_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("outdir") != str(app.outdir):
        return {}
    pages = data.get("pages")
    return pages if isinstance(pages, dict) else {}


def _save_page_digests(app: Sphinx, exception: Exception | None) -> None:
    if app.builder.format != "html":
        return
    path = Path(app.doctreedir) / PAGES_FILE
    digests: dict[str, str] | None = getattr(app, "_quizgen_page_digests", None)
    if exception is not None or problem_count(app):
        path.unlink(missing_ok=True)  # the next build writes every quiz page again
        return
    if digests is None:  # nothing was read: the last digests still describe the pages
        return
    path.write_text(json.dumps({"outdir": str(app.outdir), "pages": digests}, indent=1, sort_keys=True),
                    encoding="utf-8")


# -- The corpus and the quizzes, once per build; the quizzes kept from build to build -------------------

#: The quizzes of the previous builds, in the doctree folder: a quiz is built again only when its inputs
#: changed (the corpus the site publishes, the recipe and its curation file, versions, seed, the engine).
CACHE_FILE = "quizgen-quizzes.pickle"
#: How many quizzes the cache file keeps (those of the last builds; the HTML and handouts builders share it).
CACHE_SIZE = 64


def plain(value: Any) -> Any:
    """A value as JSON writes it the same in every process: dataclasses field by field, sets sorted."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [type(value).__name__, {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}]
    if isinstance(value, (set, frozenset)):
        return sorted((plain(v) for v in value), key=repr)
    if isinstance(value, (tuple, list)):
        return [plain(v) for v in value]
    return value


def file_digest(path: Path | None) -> str:
    if path is None or not path.is_file():
        return ""
    return hashlib.sha256(path.read_bytes()).hexdigest()


class BuildCache:
    def __init__(self, corpus: Corpus, cache_path: Path | None = None) -> None:
        self.corpus = corpus
        self.corpus_text = corpus.dumps()  # corpus.json's bytes too: serialised once per build
        self._index: TextIndex | None = None
        self._bank: Bank | None = None
        self.quizzes: dict[tuple[str, int, int], Quiz | None] = {}
        self.pools: dict[str, dict[str, list[Question]]] = {}
        self.cache_path = cache_path
        self.stored: dict[str, Quiz] = read_kept(cache_path)
        self.used: dict[str, Quiz] = {}
        self.built = 0
        self.keys: dict[tuple[str, int, int], str | None] = {}
        self.digests: dict[int, tuple[Question, str]] = {}  # the question is kept: its id stays its own

    @property
    def index(self) -> TextIndex:
        if self._index is None:
            self._index = TextIndex(self.corpus)
        return self._index

    @property
    def bank(self) -> Bank:
        """The build's questions, generated once for every recipe, the composer and the exports."""
        if self._bank is None:
            from quizgen.generate import Bank  # the generators: imported when a bank is built

            self._bank = Bank(self.corpus, self.index)
        return self._bank

    def pool_for(self, path: str | Path, recipe: Recipe) -> dict[str, list[Question]]:
        """The recipe's questions (from the build's bank), once per build."""
        found = self.pools.get(str(path))
        if found is None:
            found = self.pools[str(path)] = build_pool(self.corpus, recipe, bank=self.bank)
        return found

    def key(self, path: Path, variants: int, seed: int) -> str | None:
        """What the quiz is made of: the engine, the recipe and its teachers' marks, versions and seed, the
        corpus's title and credit, and every question of its pool, in order. A clause edit that changes none
        of the recipe's questions leaves its quiz, its page and its exports as they were. None when the recipe
        or its pool cannot be read: the quiz is then built, to report why."""
        wanted = (str(path), variants, seed)
        if wanted not in self.keys:
            try:
                pool = self.pool_for(path, load_recipe(path))
            except QuizgenError:
                self.keys[wanted] = None
                return None
            parts = [code_digest(engine_only=True), str(path), file_digest(path), file_digest(curation_file(path)),
                     str(variants), str(seed), self.corpus.title, self.corpus.credit, self.index.meaning.work.title]
            for kind in sorted(pool):
                parts += [kind, *(self.question_digest(q) for q in pool[kind])]
            self.keys[wanted] = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
        return self.keys[wanted]

    def question_digest(self, question: Question) -> str:
        """A digest of every field of a question (its facts and keys too), once per question and build."""
        found = self.digests.get(id(question))
        if found is None or found[0] is not question:
            text = json.dumps(plain(question), ensure_ascii=False, sort_keys=True)
            found = self.digests[id(question)] = (question, hashlib.sha256(text.encode()).hexdigest())
        return found[1]

    def save(self) -> None:
        """Keep this build's quizzes (and the most recent others) for the next build; written whole or not."""
        if self.cache_path is None or not self.built:
            return
        kept = {k: q for k, q in self.stored.items() if k not in self.used}
        kept.update(self.used)
        kept = dict(list(kept.items())[-CACHE_SIZE:])
        keep(self.cache_path, kept)
        self.built = 0


def build_cache(app: Sphinx) -> BuildCache:
    """The corpus as the site publishes it, built once per build (every clause is known by now)."""
    cache: BuildCache | None = getattr(app, "_quizgen_web_cache", None)
    if cache is None:
        from quizgen.sphinxext.edition.corpus_writer import build_corpus

        cache = BuildCache(build_corpus(app), Path(app.doctreedir) / CACHE_FILE)
        app._quizgen_web_cache = cache  # type: ignore[attr-defined]
    return cache


def _reset_cache(app: Sphinx, env: BuildEnvironment) -> None:
    app._quizgen_web_cache = None  # type: ignore[attr-defined]
    app._quizgen_shown_digest = None  # type: ignore[attr-defined]


def _save_cache(app: Sphinx, exception: Exception | None) -> None:
    cache: BuildCache | None = getattr(app, "_quizgen_web_cache", None)
    if cache is not None and exception is None:
        cache.save()


def quiz_for(app: Sphinx, path: str | Path, variants: int = 0, location: Any = None, seed: int = -1) -> Quiz | None:
    """The recipe's quiz (``variants`` versions, 0: as many as the recipe says; ``seed`` -1: the recipe's);
    None after a reported problem. Built once per recipe, versions and seed, and kept for the next build
    while its inputs do not change; the recipe's question bank is built once per build."""
    cache = build_cache(app)
    key = (str(path), variants, seed)
    if key not in cache.quizzes:
        digest = cache.key(Path(path), variants, seed)
        quiz = cache.stored.get(digest) if digest else None
        if quiz is None:
            try:
                recipe = load_recipe(path)
                pool = cache.pool_for(path, recipe)
                quiz = build_quiz(cache.corpus, recipe, variants=variants or None,
                                  seed=None if seed < 0 else seed, pool=pool, index=cache.index)
            except QuizgenError as err:
                report_problems(err.problems, location)
            if quiz is not None:
                cache.built += 1
        if quiz is not None and digest:
            cache.used[digest] = quiz
        cache.quizzes[key] = quiz
    return cache.quizzes[key]


# -- The data the page carries ---------------------------------------------------------------------------


def link(page_uri: str, url: str) -> str:
    """A site-root URL (``declaration/ii.html#clause-II-3``) as seen from the page, anchor kept."""
    if not url:
        return ""
    path, hash_, anchor = url.partition("#")
    return relative_uri(page_uri, path) + hash_ + anchor


def question_data(q: Question, number: int, time: int, mode: str, page_uri: str) -> dict[str, Any]:
    """What the browser gets for one question; in exam mode only :data:`EXAM_KEYS`."""
    data: dict[str, Any] = {
        "n": number, "kind": q.kind, "form": q.form, "prompt": q.prompt, "options": list(q.options),
        "multi": q.form == "choice" and len(q.answers) > 1, "time": time,
    }
    if q.stems:
        data["stems"] = list(q.stems)
    if mode == "exam":
        return {k: v for k, v in data.items() if k in EXAM_KEYS}
    data["answers"] = list(q.answers)
    data["feedback"] = q.feedback
    data["cites"] = [{"id": c.clause, "url": link(page_uri, c.url), "quote": c.quote} for c in q.citations]
    return data


def quiz_data(quiz_id: str, title: str, mode: str, time: int, variants: Sequence[Sequence[Question]],
              page_uri: str) -> dict[str, Any]:
    return {
        "id": quiz_id, "title": french_typography(title), "mode": mode, "time": time,
        "variants": [[question_data(q, n, time, mode, page_uri) for n, q in enumerate(qs, 1)] for qs in variants],
    }


def script_json(data: Any) -> str:
    """JSON safe inside ``<script type="application/json">``: no ``</script>``, no ``<!--``."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def interface_strings() -> dict[str, str]:
    """Every string the script shows, from the message catalog ({n}, {total}… are filled by the script)."""
    strings = {
        "check": _("Check"),
        "checkAll": _("Check all and show my score"),
        "restart": _("Start again"),
        "another": _("Another version"),
        "version": _("Version {n} of {total}"),
        "newVersion": _("Version {n} of {total}: new questions, answers cleared."),
        "classroom": _("Classroom mode"),
        "question": _("Question {n} of {total}"),
        "score": _("Score: {score} of {total} ({checked} checked)"),
        "finalScore": _("Final score: {score} of {total}."),
        "right": _("Right answer."),
        "wrong": _("Wrong answer."),
        "none": _("No answer given."),
        "expected": _("Expected answer:"),
        "multi": _("Several answers are right: tick every one."),
        "single": _("One answer."),
        "choose": _("Choose…"),
        "rank": _("Position {n}"),
        "oldest": _("oldest"),
        "newest": _("most recent"),
        "matchHint": _("Match each item on the left with one on the right."),
        "orderHint": _("Give the letter of the passage at each position, from the oldest to the most recent."),
        "source": _("In the declaration:"),
        "clause": _("clause {id}"),
        "blank": _("blank"),
        "examNote": _("Exam version: no answer is shown. Answer, then list your answers to hand them in."),
        "recap": _("List my answers"),
        "name": _("Your name"),
        "nameMissing": _("Write your name first: it goes on the answer sheet."),
        "restartAsk": _("Start again? Your answers will be erased."),
        "printSheet": _("Print or save the answer sheet"),
        "sheetName": _("Name: {name}"),
        "sheetDate": _("Date: {date}"),
        "saved": _("Your answers are kept in this browser, even if the page is reloaded."),
        "recapTitle": _("My answers (version {n})"),
        "noAnswer": _("no answer"),
        "reveal": _("Reveal the answer"),
        "hide": _("Hide the answer"),
        "previous": _("Previous"),
        "next": _("Next"),
        "close": _("Close"),
        "timer": _("Countdown"),
        "timerOn": _("Countdown on"),
        "timeUp": _("Time is up"),
        "secondsLeft": _("{n} s left"),
        "summary": _("Summary"),
        "summaryText": _("{total} questions; answers revealed: {revealed}."),
        "answer": _("Answer:"),
        "projectorHelp": _("Keys: → or space next, ← previous, R reveal, T countdown, Esc leave."),
        "quizTools": _("Quiz tools"),
        "kind-cloze": _("Fill in the blank"),
        "kind-choice": _("Multiple choice"),
        "kind-truefalse": _("True or false"),
        "kind-matching": _("Matching"),
        "kind-chronology": _("Chronology"),
        "kind-attribution": _("Who says it, where"),
        "kind-authored": _("Teacher's question"),
        "kind-position": _("Position taken"),
        "kind-decided": _("Decided or only noted"),
        "kind-who": _("Who does what"),
        "kind-purpose": _("What a body is for"),
        "kind-reading": _("Reading of the synthesis"),
    }
    return {key: str(value) for key, value in strings.items()}


def shell_html(element_id: str, data: Mapping[str, Any], *, strings: bool, count: int) -> str:
    """The quiz's container: title, a note for readers without JavaScript, and its data."""
    title_id = f"{element_id}-title"
    questions = len(data["variants"][0]) if data["variants"] else 0
    meta = [_("%d questions") % questions if questions != 1 else _("1 question")]
    if count > 1:
        meta.append(_("%d versions") % count)
    meta.append(_("%d s per question") % data["time"])
    exam = data["mode"] == "exam"
    parts = [
        f'<section class="qg-quiz qg-quiz-{escape(data["mode"])}" id="{element_id}" '
        f'aria-labelledby="{title_id}" data-qg-quiz="{element_id}-data">',
        f'<p class="qg-quiz-title" id="{title_id}">{escape(data["title"])}</p>',
        f'<p class="qg-quiz-meta">{escape(" · ".join(str(m) for m in meta))}</p>',
    ]
    if exam:
        parts.append(f'<p class="qg-quiz-note">{escape(str(_("Exam version: no answer is shown.")))}</p>')
    parts.append('<noscript><p class="qg-quiz-noscript">'
                 + escape(str(_("This quiz runs in the browser: turn JavaScript on to answer it.")))
                 + "</p></noscript>")
    parts.append(f'<script type="application/json" id="{element_id}-data">{script_json(data)}</script>')
    if strings:
        parts.append(f'<script type="application/json" id="{STRINGS_ID}">{script_json(interface_strings())}'
                     "</script>")
    parts.append("</section>\n")
    return "\n".join(parts)


# -- Resolution -----------------------------------------------------------------------------------------


def _fallback(node: webquiz, title: str) -> nodes.paragraph:
    para = nodes.paragraph("", "", classes=["qg-quiz-offline"])
    para += nodes.Text(str(_("Interactive quiz on the kit's website:")) + " ")
    para += nodes.emphasis(title, title)
    return para


def _translator_handles(app: Sphinx) -> bool:
    if "webquiz" in app.registry.translation_handlers.get(app.builder.name, {}):
        return True
    translator = getattr(app.builder, "default_translator_class", None)
    return translator is not None and hasattr(translator, "visit_webquiz")


def resolve_quizzes(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    found = list(doctree.findall(webquiz))
    if not found:
        return
    if app.builder.format != "html":
        if not _translator_handles(app):
            for node in found:
                title = node["title"] or (Path(node["recipe"]).stem if node["recipe"] else "")
                node.replace_self(_fallback(node, title))
        return
    if problem_count(app):  # no question from faulty sources reaches a page
        for node in found:
            node.replace_self(nodes.paragraph("", str(_("This quiz is not published: the build found problems "
                                                        "in the sources (see the build log)."))))
        return
    page_uri = app.builder.get_target_uri(docname)
    used: set[str] = set()
    first = True
    for node in found:
        html = render_node(app, node, page_uri, used, with_strings=first)
        if html is None:
            node.replace_self(nodes.paragraph("", str(_("This quiz could not be built: see the build log."))))
            continue
        node["html"] = html
        first = False


def render_node(app: Sphinx, node: webquiz, page_uri: str, used: set[str], *, with_strings: bool) -> str | None:
    cache = build_cache(app)
    if node["questions"]:
        from quizgen.sphinxext.quizzes.questions import authored_questions

        by_id = authored_questions(app, cache.corpus)
        picked = [by_id[q] for q in node["questions"] if q in by_id]
        if not picked:
            return None
        base = f"qg-question-{picked[0].id}"
        data = quiz_data(base, node["title"], node["mode"], 30, [picked], page_uri)
        count = 1
    else:
        quiz = quiz_for(app, node["recipe"], node["variants"], node, node.get("seed", -1))
        if quiz is None:
            return None
        base = f"qg-quiz-{quiz.id}"
        data = quiz_data(base, node["title"] or quiz.title, node["mode"], quiz.time,
                         [v.questions for v in quiz.variants], page_uri)
        count = len(quiz.variants)
    element_id, n = base, 1
    while element_id in used:
        n += 1
        element_id = f"{base}-{n}"
    used.add(element_id)
    data["id"] = element_id
    # Each quiz is a region named by its title: two regions of a page may not share a name.
    title, n = data["title"], 1
    while f"title:{title}" in used:
        n += 1
        title = f"{data['title']} ({n})"
    used.add(f"title:{title}")
    data["title"] = title
    return shell_html(element_id, data, strings=with_strings, count=count)


# -- Builders -------------------------------------------------------------------------------------------


def visit_webquiz_html(self: Any, node: webquiz) -> None:
    self.body.append(node.get("html", ""))
    raise nodes.SkipNode




def add_assets(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
               doctree: nodes.document | None) -> None:
    """The quiz's script and style, only on pages that have a quiz."""
    if doctree is None or not any(True for _node in doctree.findall(webquiz)):
        return
    app.add_css_file(CSS_FILE)
    app.add_js_file(JS_FILE, loading_method="defer")


def setup_webquiz(app: Sphinx) -> None:
    add_html_only_node(app, webquiz, (visit_webquiz_html, pass_node))
    app.add_directive("quiz", QuizDirective)
    app.connect("builder-inited", _note_exercises_dir)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-get-updated", _updated)
    app.connect("env-updated", _reset_cache)
    app.connect("build-finished", _save_cache)
    app.connect("build-finished", _save_page_digests)
    app.connect("doctree-resolved", resolve_quizzes)
    app.connect("html-page-context", add_assets)
