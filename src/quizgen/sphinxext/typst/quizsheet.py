"""Quiz sheets (student edition) and answer keys (teacher edition) for the handouts, from the quiz engine.

A section's quiz is the recipe of the exercises folder whose scope is exactly that section; its first
variant is printed. The student sheet has boxes and room to answer and no answer anywhere; the
answer key is wrapped in ``teacher-only`` and only exists in the teacher edition's PDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sphinx.application import Sphinx

from quizgen.question import BLANK, Question
from quizgen.quiz import LETTERS, Quiz, build_quiz
from quizgen.recipe import Recipe, load_recipe
from quizgen.sphinxext.i18n import _
from quizgen.sphinxext.typst.markup import escape


@dataclass(frozen=True)
class Sheet:
    """Typst markup of a section's quiz: the student sheet and the teacher's answer key."""

    title: str
    questions: str
    key: str
    #: what the key says, for the build's manifest: number, answer, feedback, clauses
    answers: tuple[dict[str, object], ...] = ()


def section_recipes(app: Sphinx) -> dict[str, Recipe]:
    """Recipes of the exercises folder that cover exactly one section, by section numeral."""
    folder = Path(app.confdir) / app.config.quizgen_exercises_dir
    found: dict[str, Recipe] = {}
    for path in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
        recipe = load_recipe(path)
        if len(recipe.scope.sections) == 1 and not recipe.scope.themes and not recipe.scope.clauses:
            found.setdefault(recipe.scope.sections[0], recipe)
    return found


def build_sheets(app: Sphinx, sections: set[str]) -> dict[str, Sheet]:
    recipes = {s: r for s, r in section_recipes(app).items() if s in sections}
    if not recipes:
        return {}
    from quizgen.sphinxext.corpus_writer import build_corpus  # the corpus as the site publishes it

    corpus = build_corpus(app)
    return {section: render_sheet(build_quiz(corpus, recipe, variants=1)) for section, recipe in recipes.items()}


def _blank(text: str) -> str:
    return escape(text).replace(escape(BLANK), "#box(width: 6em, line(length: 100%, stroke: 0.5pt))")


def _question(number: int, q: Question) -> str:
    prompt = _blank(q.prompt)
    lettered = [f"[*{LETTERS[i]}.* {_blank(o)}]" for i, o in enumerate(q.options)]
    if q.form == "choice":
        hint = escape(_("several answers") if len(q.answers) > 1 else _("one answer"))
        return f"#question({number}, [{prompt}], kind: [{hint}], options: ({', '.join(lettered)},))"
    if q.form == "truefalse":
        options = ", ".join(f"[{escape(o)}]" for o in q.options)
        return f"#question({number}, [{prompt}], options: ({options},))"
    if q.form == "matching":
        stems = "".join(f"[{i}. {escape(s)}], [#box(width: 2.5em, stroke: 0.5pt, height: 1.2em)], "
                        for i, s in enumerate(q.stems, 1))
        table = (f"#grid(columns: (1fr, auto, 1fr), gutter: 0.6em, grid(columns: (1fr, auto), gutter: 0.5em, "
                 f"{stems}), h(1em), stack(spacing: 0.6em, {', '.join(lettered)}))")
        hint = escape(_("write the letter in each box"))
        return f"#question({number}, [{prompt}], kind: [{hint}], body: [{table}])"
    if q.form == "ordering":
        rows = ", ".join(f"[#box(width: 1.6em, height: 1.2em, stroke: 0.5pt) *{LETTERS[i]}.* {_blank(o)}]"
                         for i, o in enumerate(q.options))
        hint = escape(_("number them in order"))
        return f"#question({number}, [{prompt}], kind: [{hint}], body: stack(spacing: 0.5em, {rows}))"
    return f"#question({number}, [{prompt}], lines: 3)"


def render_sheet(quiz: Quiz) -> Sheet:
    variant = quiz.variants[0]
    questions = "\n".join(_question(n, q) for n, q in enumerate(variant.questions, 1))
    entries = []
    for entry, q in zip(variant.key, variant.questions, strict=True):
        texts = " ; ".join(entry.texts)
        answer = escape(f"{entry.answer} — {texts}" if texts and texts != entry.answer else entry.answer)
        source = escape("§ " + ", ".join(entry.clauses)) if entry.clauses else ""
        feedback = f", feedback: [{escape(q.feedback)}]" if q.feedback else ""
        entries.append(f"#key-item({entry.number}, [{answer}], source: [{source}]{feedback})")
    answers = tuple({"number": e.number, "answer": e.answer, "texts": list(e.texts), "feedback": q.feedback,
                     "clauses": list(e.clauses)} for e, q in zip(variant.key, variant.questions, strict=True))
    return Sheet(title=quiz.title, questions=questions, key="\n".join(entries), answers=answers)
