"""Teacher-authored questions in MyST: ``{question}``, written into the corpus for the quiz engine.

A multiple-choice question: the prompt, then the options as a list, the right ones ticked ``[x]``::

    :::{question} tianjin-hote
    :clauses: I.1
    :feedback: Le sommet s’est tenu à Tianjin, le 1er septembre 2025.
    :difficulty: 1

    Dans quelle ville les chefs d’État ont-ils adopté la déclaration ?

    - [x] Tianjin
    - [ ] Pékin
    - [ ] Shanghai
    :::

A true/false question: no list, ``:answer: vrai`` (or ``faux``). Options: ``:clauses:`` (required, one or
more clause ids), ``:feedback:``, ``:difficulty:`` (1 to 3), ``:answer:`` (true/false, or the text of the
right option), ``:hidden:`` (the question goes to the quizzes but is not shown on the page: for questions a
teacher keeps for an exam). Shown, a question is a one-question self-graded quiz.

Each question is stored with its source file and line; ``corpus.json`` carries them in
``extra["questions"]`` in the format :mod:`quizgen.generate.authored` reads. Problems are reported with
file, line and fix; unknown clauses once everything is read.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from quizgen.corpus import Corpus
from quizgen.names import ID_FIX, id_problem
from quizgen.question import Question
from quizgen.sphinxext.edition.domain import CLAUSE_ID
from quizgen.sphinxext.quizzes.webquiz import remember, webquiz
from quizgen.sphinxext.site.i18n import _
from quizgen.sphinxext.site.problems import report

OPTION = re.compile(r"^[-*+]\s+(?:\[(?P<mark>[ xX])\]\s*)?(?P<text>.*)$")
TRUTH = {"vrai": True, "faux": False, "true": True, "false": False}
KIND_WORDS = {"choice": "choice", "qcm": "choice", "truefalse": "truefalse", "vrai-faux": "truefalse"}


def _table(env: BuildEnvironment) -> dict[str, list[dict[str, Any]]]:
    table: dict[str, list[dict[str, Any]]] = env.__dict__.setdefault("quizgen_questions", {})
    return table


def corpus_questions(env: BuildEnvironment) -> list[dict[str, Any]]:
    """Every authored question of the project, in the corpus's ``extra["questions"]`` format."""
    found = [q for docname in sorted(_table(env)) for q in _table(env)[docname]]
    return [{k: v for k, v in q.items() if not k.startswith("_")} for q in found]


class QuestionDirective(SphinxDirective):
    required_arguments = 1
    has_content = True
    option_spec = {
        "clauses": directives.unchanged,
        "feedback": directives.unchanged,
        "difficulty": directives.unchanged,
        "answer": directives.unchanged,
        "kind": directives.unchanged,
        "hidden": directives.flag,
    }

    def problem(self, message: str, fix: str, line: int | None = None) -> None:
        location = (self.env.docname, line) if line else self.get_location()
        report(f"question {self.arguments[0]!r}: {message}", fix, location, subtype="question")

    def run(self) -> list[nodes.Node]:
        qid = self.arguments[0].strip()
        if id_problem(qid):  # the rule the engine applies to corpus questions (quizgen.names)
            self.problem("malformed id", ID_FIX)
            return []
        data = self.parse()
        if data is None:
            return []
        _table(self.env).setdefault(self.env.docname, []).append(data)
        remember(self.env, self.env.docname)
        if "hidden" in self.options:
            return []
        node = webquiz("", recipe="", mode="practice", variants=1, title=str(_("Teacher's question")),
                       questions=[qid])
        self.set_source_info(node)
        return [node]

    def parse(self) -> dict[str, Any] | None:
        ok = True
        clauses = self.options.get("clauses", "").replace(",", " ").split()
        if not clauses:
            self.problem("it cites no clause", "add `:clauses:` with the clause(s) it is about, e.g. `:clauses: II.3`")
            ok = False
        bad = [c for c in clauses if not CLAUSE_ID.match(c)]
        if bad:
            self.problem(f"malformed clause id(s) {', '.join(bad)}",
                         "write clause ids as section numeral, dot, number: II.12")
            ok = False
        difficulty = self.options.get("difficulty", "2").strip()
        if difficulty not in ("1", "2", "3"):
            self.problem(f"difficulty {difficulty!r} is not 1, 2 or 3", "write `:difficulty: 1` (easy) to 3 (hard)")
            ok = False
        prompt: list[str] = []
        options: list[tuple[str, bool, int]] = []
        for i, raw in enumerate(self.content):
            line = self.content_offset + i + 1
            text = raw.strip()
            match = OPTION.match(text)
            if match:
                options.append((match["text"].strip(), (match["mark"] or " ") in "xX", line))
            elif not text:
                continue
            elif options and raw[:1].isspace():
                last, marked, at = options[-1]
                options[-1] = (f"{last} {text}", marked, at)
            elif options:
                self.problem("text after the options", "put the question before the list of options, "
                             "and the explanation in `:feedback:`", line)
                ok = False
            else:
                prompt.append(text)
        if not prompt:
            self.problem("it has no text", "write the question under the directive's options")
            ok = False
        answer = self.options.get("answer", "").strip()
        kind = KIND_WORDS.get(self.options.get("kind", "").strip().casefold(), "")
        if self.options.get("kind") and not kind:
            self.problem(f"unknown kind {self.options['kind']!r}", "use `:kind: choice` or `:kind: truefalse`")
            ok = False
        kind = kind or ("choice" if options else "truefalse")
        data: dict[str, Any] = {
            "id": self.arguments[0].strip(), "kind": kind, "prompt": " ".join(prompt),
            "feedback": " ".join(self.options.get("feedback", "").split()), "clauses": clauses,
            "difficulty": int(difficulty) if difficulty in ("1", "2", "3") else 2,
            "source": {"file": self.source_file(), "line": self.lineno},
        }
        if kind == "truefalse":
            if options:
                self.problem("a true/false question has a list of options",
                             "remove the list, or write `:kind: choice`")
                ok = False
            if answer.casefold() not in TRUTH:
                self.problem("a true/false question needs `:answer: vrai` or `:answer: faux`",
                             "add `:answer: vrai` (or faux)")
                ok = False
            else:
                data["answers"] = [TRUTH[answer.casefold()]]
        else:
            texts = [text for text, _right, _line in options]
            right = [text for text, is_right, _line in options if is_right]
            if answer and answer not in texts:
                self.problem(f"`:answer:` {answer!r} is not one of the options", "copy the answer from the list")
                ok = False
            elif answer and answer not in right:
                right.append(answer)
            if len(texts) < 2 or not all(texts):
                self.problem("a choice question needs at least two options",
                             "list the options under the question: `- [x] right`, `- [ ] wrong`")
                ok = False
            elif len({t.casefold() for t in texts}) != len(texts):
                self.problem("two options are the same", "make every option different")
                ok = False
            elif not right:
                self.problem("no option is marked right", "tick the right option(s) with `- [x] …`")
                ok = False
            data["options"] = texts
            data["answers"] = right
        return data if ok else None

    def source_file(self) -> str:
        path = Path(self.env.doc2path(self.env.docname))
        return f"{Path(self.env.srcdir).name}/{path.relative_to(self.env.srcdir).as_posix()}"


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _table(env).pop(docname, None)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    theirs = _table(other)
    for docname in docnames:
        if docname in theirs:
            _table(env)[docname] = theirs[docname]


def check_questions(app: Sphinx, env: BuildEnvironment) -> None:
    """After reading everything: cited clauses exist and ids are unique across the project."""
    clauses = env.get_domain("decl").data.get("clauses", {})
    seen: dict[str, str] = {}
    for docname in sorted(_table(env)):
        for q in _table(env)[docname]:
            location = (docname, q["source"]["line"])
            for clause_id in q["clauses"]:
                if clause_id not in clauses:
                    report(f"question {q['id']!r} cites unknown clause {clause_id!r}",
                           "cite an existing clause id such as II.12 (see the declaration pages)", location,
                           subtype="unknown-clause")
            if q["id"] in seen:
                report(f"question id {q['id']!r} is used twice (also in {seen[q['id']]})",
                       "give each question its own id", location, subtype="question")
            else:
                seen[q["id"]] = f"{q['source']['file']}:{q['source']['line']}"


def authored_questions(app: Sphinx, corpus: Corpus) -> dict[str, Question]:
    """The authored questions as the engine reads them from the corpus (its problems reported once)."""
    cached: dict[str, Question] | None = getattr(app, "_quizgen_authored", None)
    if cached is None or getattr(app, "_quizgen_authored_corpus", None) is not corpus:
        from quizgen.generate import authored  # the generators: imported when the questions are read

        questions, problems = authored.read(corpus)
        for p in problems:
            if p.message.startswith(("unknown clause", "question id")):
                continue  # reported already, once everything was read (check_questions)
            report(p.message, p.fix, f"{p.file}:{p.line}" if p.line else p.file, subtype="question")
        cached = {q.id: q for q in questions}
        app._quizgen_authored = cached  # type: ignore[attr-defined]
        app._quizgen_authored_corpus = corpus  # type: ignore[attr-defined]
    return cached


def setup_questions(app: Sphinx) -> None:
    app.add_directive("question", QuestionDirective)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-check-consistency", check_questions)
