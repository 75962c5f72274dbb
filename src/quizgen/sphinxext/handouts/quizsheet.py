"""Quiz sheets (student edition) and answer keys (teacher edition) for the handouts, from the quiz engine.

A section's quiz is the recipe of the exercises folder whose scope is exactly that section. Its first
``quizgen_pdf_variants`` variants are printed, one sheet each (A, B, …: neighbours get different sheets),
and the teacher edition has the key of each. A student sheet opens with a line for the name, the class
and the date, has boxes and room to answer and no answer anywhere; a key opens with a compact grid
(1-C, 2-D, …) and then gives each answer with its clause and explanation. Questions are read through the
engine's :class:`~quizgen.question.Question` and :class:`~quizgen.quiz.KeyEntry`, never from their text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sphinx.application import Sphinx

from quizgen.question import BLANK, Question
from quizgen.quiz import LETTERS, KeyEntry, Quiz, answer_key, build_pool, build_quiz
from quizgen.recipe import Recipe, load_recipe
from quizgen.sphinxext.handouts.markup import escape
from quizgen.sphinxext.site.i18n import _
from quizgen.typography import NNBSP


@dataclass(frozen=True)
class VariantSheet:
    """One variant: its letter ("" when it is the only one), the student sheet and the teacher's key."""

    letter: str
    questions: str
    key: str
    #: what the key says, for the build's manifest: number, answer, texts, feedback, clauses
    answers: tuple[dict[str, object], ...] = ()


@dataclass(frozen=True)
class Sheet:
    """Typst markup of a section's quiz, one :class:`VariantSheet` per printed variant."""

    title: str
    variants: tuple[VariantSheet, ...]

    @property
    def answers(self) -> tuple[dict[str, object], ...]:
        return self.variants[0].answers if self.variants else ()


def section_recipes(app: Sphinx) -> dict[str, Recipe]:
    """Recipes of the exercises folder that cover exactly one section, by section numeral."""
    folder = Path(app.confdir) / app.config.quizgen_exercises_dir
    found: dict[str, Recipe] = {}
    for path in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
        recipe = load_recipe(path)
        if len(recipe.scope.sections) == 1 and not recipe.scope.themes and not recipe.scope.clauses:
            found.setdefault(recipe.scope.sections[0], recipe)
    return found


def variant_count(app: Sphinx) -> int:
    return max(1, min(int(app.config.quizgen_pdf_variants), len(LETTERS)))


def build_sheets(app: Sphinx, sections: set[str]) -> dict[str, Sheet]:
    recipes = {s: r for s, r in section_recipes(app).items() if s in sections}
    if not recipes:
        return {}
    from quizgen.sphinxext.quizzes.webquiz import build_cache  # the corpus as the site publishes it

    cache = build_cache(app)
    count = variant_count(app)
    return {section: render_quiz(build_quiz(cache.corpus, recipe, variants=count, index=cache.index,
                                            pool=build_pool(cache.corpus, recipe, bank=cache.bank)))
            for section, recipe in recipes.items()}


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


def _join(texts: Sequence[str]) -> str:
    """Answer texts one after the other, with a French semicolon (a text may end with a full stop)."""
    return f"{NNBSP}; ".join(texts)


def _short_answer(entry: KeyEntry) -> str:
    """What the grid shows for a question: its letters, or its answer text when it has no letters."""
    return entry.answer or _join(entry.texts)


def render_variant(letter: str, questions: Sequence[Question], key: Sequence[KeyEntry]) -> VariantSheet:
    sheet = "\n".join(_question(n, q) for n, q in enumerate(questions, 1))
    grid = ", ".join(f"({entry.number}, [{escape(_short_answer(entry))}])" for entry in key)
    entries = [f"#answer-grid(({grid},))"] if len(key) > 1 else []  # a grid of one says nothing
    for entry, q in zip(key, questions, strict=True):
        texts = _join(entry.texts)
        answer = escape(f"{entry.answer} — {texts}" if texts and texts != entry.answer else entry.answer)
        source = escape("§ " + ", ".join(entry.clauses)) if entry.clauses else ""
        feedback = f", feedback: [{escape(q.feedback)}]" if q.feedback else ""
        entries.append(f"#key-item({entry.number}, [{answer}], source: [{source}]{feedback})")
    answers = tuple({"number": e.number, "answer": e.answer, "texts": list(e.texts), "feedback": q.feedback,
                     "clauses": list(e.clauses)} for e, q in zip(key, questions, strict=True))
    return VariantSheet(letter=letter, questions=sheet, key="\n".join(entries), answers=answers)


def render_quiz(quiz: Quiz, count: int | None = None) -> Sheet:
    """The sheets of a quiz's first ``count`` variants (all of them by default)."""
    variants = quiz.variants[:count] if count else quiz.variants
    single = len(variants) == 1
    return Sheet(title=quiz.title, variants=tuple(
        render_variant("" if single else LETTERS[i], v.questions, v.key) for i, v in enumerate(variants)))


def render_questions(title: str, questions: Sequence[Question]) -> Sheet:
    """A sheet of hand-picked questions (the teacher's own), numbered in order."""
    key = [answer_key(n, q) for n, q in enumerate(questions, 1)]
    return Sheet(title=title, variants=(render_variant("", questions, key),))


def sheet_title(base: str, letter: str) -> str:
    return f"{base} — {_('Version %s') % letter}" if letter else base


def name_line() -> str:
    """The line a student fills in at the top of a sheet."""
    labels = ", ".join(f"[{escape(str(label))}]"
                       for label in (_("Last name"), _("First name"), _("Class"), _("Date")))
    return f"#name-line(({labels}))"


def student_parts(sheet: Sheet, intro: str) -> list[str]:
    """Typst calls for the student sheets of a quiz, one part (page) per variant."""
    return [f"part([{escape(_('Quiz'))} — {escape(sheet_title(sheet.title, v.letter))}], intro: [{intro}])"
            f"[{name_line()}\n{v.questions}]" for v in sheet.variants]


def teacher_parts(sheet: Sheet, intro: str) -> list[str]:
    """Typst calls for the keys of a quiz, one part per variant."""
    return [f"part([{escape(_('Answer key'))} — {escape(sheet_title(sheet.title, v.letter))}], intro: [{intro}])"
            f"[{v.key}]" for v in sheet.variants]
