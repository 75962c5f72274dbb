"""Web quizzes in the site: ``{quiz}`` (practice and exam), ``{question}`` (teacher-authored, into the corpus),
``{quiz-downloads}`` (every registered export), and the proof that an exam page carries no answer."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from kit_project import Project
from quizgen import Corpus
from quizgen.export import formats
from quizgen.quiz import build_quiz
from quizgen.recipe import load_recipe
from quizgen.sphinxext.quizzes.webquiz import EXAM_KEYS
from quizgen.typography import french_typography
from tools import ROOT, built_html

pytestmark = pytest.mark.sphinx

EXERCISES = ROOT / "exercises"

CLAUSES = """# I. Essai

:::{clause} I.1
:themes: securite

Les États membres condamnent les frappes contre la {state}`République islamique d’Iran` à {place}`Douchanbé`.
:::

:::{clause} I.2
:themes: economie

Deuxième clause, sur la {state}`Chine <CHN>`.
:::
"""

QUESTIONS = """# Questions

:::{question} iran-frappes
:clauses: I.1
:feedback: La clause I.1 condamne les frappes contre l’Iran.
:difficulty: 1

Contre quel État les frappes condamnées ont-elles eu lieu ?

- [x] L’Iran
- [ ] La Chine
- [ ] L’Inde
:::

:::{question} ocs-chine
:clauses: I.2
:answer: vrai

La clause I.2 parle de la Chine.
:::
"""

RECIPE = """title = "Essai <& « quiz »"
seed = 7
variants = 2
time = 20

[counts]
authored = 2
"""


class _Scripts(HTMLParser):
    """The JSON of every ``<script type="application/json">`` of a page, by id."""

    def __init__(self) -> None:
        super().__init__()
        self.found: dict[str, Any] = {}
        self._id: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and values.get("type") == "application/json":
            self._id = values.get("id") or ""

    def handle_data(self, data: str) -> None:
        if self._id is not None:
            self.found[self._id] = json.loads(data)
            self._id = None


def scripts(page: Path) -> dict[str, Any]:
    parser = _Scripts()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.found


def quizzes(page: Path) -> dict[str, Any]:
    return {k: v for k, v in scripts(page).items() if k.endswith("-data")}


def walk(value: Any) -> Iterator[tuple[str, Any]]:
    """Every (key, value) pair of a JSON document, at any depth."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield key, item
            yield from walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from walk(item)


def tiny(project: Callable[..., Project], pages: dict[str, str], recipe: str = RECIPE) -> Project:
    base = {"index.md": "# Accueil\n\n```{toctree}\n:glob:\n*\n```\n", "essai.md": CLAUSES, **pages}
    proj = project(base, conf_extra='\nquizgen_exercises_dir = "recettes"\n')
    (proj.srcdir / "recettes").mkdir()
    (proj.srcdir / "recettes" / "essai.toml").write_text(recipe, encoding="utf-8")
    return proj


# -- The kit's own site ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site() -> Path:
    return built_html().require()


def test_exam_page_carries_no_answer_anywhere(site: Path) -> None:
    """The exam page's data holds only what a student needs; no answer, feedback, clause or key reaches it."""
    page = site / "quiz" / "examen.html"
    html = page.read_text(encoding="utf-8")
    data = quizzes(page)
    assert data, "the exam page embeds no quiz"
    for quiz in data.values():
        assert quiz["mode"] == "exam"
        for variant in quiz["variants"]:
            for question in variant:
                assert set(question) <= set(EXAM_KEYS), sorted(set(question) - set(EXAM_KEYS))
        keys = {key for key, _ in walk(quiz)}
        assert not keys & {"answers", "answer", "feedback", "cites", "citations", "clauses", "key", "texts"}
    # The same quiz built by the engine: none of what would answer it is in the page, in any form.
    corpus = Corpus.load(site / "corpus.json")
    quiz = build_quiz(corpus, load_recipe(EXERCISES / "declaration.toml"), seed=1905)
    shown = [q["prompt"] for v in next(iter(data.values()))["variants"] for q in v]
    assert shown == [q.prompt for v in quiz.variants for q in v.questions], "the page is not the quiz checked here"
    text = re.sub(r"\s+", " ", html)
    for variant, page_variant in zip(quiz.variants, next(iter(data.values()))["variants"], strict=True):
        # What a student sees of this version (another version shows other passages of the public text, as
        # the declaration's own pages do: the page is open-book, never answer-giving).
        seen = json.dumps(page_variant, ensure_ascii=False)
        for q in variant.questions:
            assert q.feedback not in text
            for cite in q.citations:
                # A quote that is itself what the question shows (a matching stem) answers nothing.
                if not any(cite.quote in shown for shown in (q.prompt, *q.stems, *q.options)):
                    assert cite.quote not in seen, (q.id, cite.quote)
        for entry in variant.key:
            if entry.kind == "truefalse" or page_variant[entry.number - 1]["options"] == ["Vrai", "Faux"]:
                # Both words are shown; what must not tell the answer is their order: always Vrai, Faux.
                assert entry.answer in ("Vrai", "Faux")
                assert page_variant[entry.number - 1]["options"] == ["Vrai", "Faux"], entry
            else:
                assert f'"{entry.answer}"' not in html, entry
    article = html[html.index('<article class="bd-article"'):html.index("</article>")]
    assert "#clause-" not in article, "the exam page links a clause, which would point to the answer"
    assert "qg-is-right" not in article


def test_practice_page_embeds_answers_and_links_to_existing_clauses(site: Path) -> None:
    page = site / "quiz" / "partie-2.html"
    data = next(iter(quizzes(page).values()))
    assert data["mode"] == "practice" and len(data["variants"]) == 4
    ids = {a.group(1) for p in (site / "declaration").glob("*.html")
           for a in re.finditer(r'id="(clause-[^"]+)"', p.read_text(encoding="utf-8"))}
    from quizgen.recipe import load_recipe

    total = load_recipe(EXERCISES / "partie-2.toml").total  # the recipe says how many (issue 11 changed it)
    for variant in data["variants"]:
        assert len(variant) == total
        for q in variant:
            assert q["answers"] and q["cites"]
            for cite in q["cites"]:
                target, _, anchor = cite["url"].partition("#")
                assert (page.parent / target).resolve().is_file(), cite["url"]
                assert anchor in ids, cite["url"]
    strings = scripts(page)["qg-quiz-i18n"]
    assert strings["check"] == "Vérifier" and strings["classroom"] == "Mode classe"
    assert all(value.strip() for value in strings.values())
    html = page.read_text(encoding="utf-8")
    assert "_static/qg-quiz.js" in html and "_static/qg-quiz.css" in html
    assert "qg-quiz.js" not in (site / "glossaire.html").read_text(encoding="utf-8"), "assets only where quizzes are"


def test_every_section_and_the_whole_declaration_have_a_quiz_page(site: Path) -> None:
    for recipe in sorted(EXERCISES.glob("*.toml")):
        page = site / "quiz" / f"{recipe.stem}.html"
        assert page.is_file(), page
        assert [d["title"] for d in quizzes(page).values()] == [french_typography(load_recipe(recipe).title)]


def test_downloads_link_every_registered_format_of_every_recipe(site: Path) -> None:
    html = (site / "quiz" / "telechargements.html").read_text(encoding="utf-8")
    found = re.findall(r'<a href="([^"]+)" download data-format="([^"]+)">', html)
    links = {link for link, _ in found}
    for recipe in sorted(EXERCISES.glob("*.toml")):
        for name in formats():
            files = [link for link, fmt in found if fmt == name and Path(link).name.startswith(f"{recipe.stem}.")]
            assert files, f"no {name} download for {recipe.stem}"
            for link in files:
                assert (site / "quiz" / link).resolve().is_file(), link
    written = {p.name for p in (site / "exports").iterdir()}
    assert {f"{r.stem}.json" for r in EXERCISES.glob("*.toml")} <= written
    assert len(links) == len(written), "a file is exported but not linked, or linked but not exported"


# -- Throw-away projects ----------------------------------------------------------------------------------


def test_authored_questions_go_into_the_corpus_with_file_and_line(project: Callable[..., Project]) -> None:
    proj = tiny(project, {"questions.md": QUESTIONS})
    proj.build()
    out = Path(proj.app.outdir)  # type: ignore[attr-defined]
    assert proj.app.statuscode == 0, proj.warnings  # type: ignore[attr-defined]
    corpus = json.loads((out / "corpus.json").read_text(encoding="utf-8"))
    questions = corpus["extra"]["questions"]
    assert [q["id"] for q in questions] == ["iran-frappes", "ocs-chine"]
    first, second = questions
    assert first["source"] == {"file": "src/questions.md", "line": 3}
    assert first["options"] == ["L’Iran", "La Chine", "L’Inde"] and first["answers"] == ["L’Iran"]
    assert first["kind"] == "choice" and first["clauses"] == ["I.1"] and first["difficulty"] == 1
    assert second["kind"] == "truefalse" and second["answers"] == [True]
    # Shown on its page as a one-question self-graded quiz, and used by a recipe with authored questions.
    page = quizzes(out / "questions.html")
    assert [v["variants"][0][0]["prompt"] for v in page.values()] == [
        "Contre quel État les frappes condamnées ont-elles eu lieu ?", "La clause I.2 parle de la Chine."]


def test_quiz_directive_embeds_the_recipe_with_escaped_data(project: Callable[..., Project]) -> None:
    proj = tiny(project, {"questions.md": QUESTIONS, "quiz.md": "# Quiz\n\n```{quiz} essai\n```\n\n"
                          "```{quiz} essai\n:mode: exam\n:variants: 1\n```\n"})
    proj.build()
    out = Path(proj.app.outdir)  # type: ignore[attr-defined]
    assert proj.app.statuscode == 0, proj.warnings  # type: ignore[attr-defined]
    html = (out / "quiz.html").read_text(encoding="utf-8")
    assert "Essai <&" not in html.split("<script", 1)[1], "raw < and & inside a script"
    data = quizzes(out / "quiz.html")
    assert list(data) == ["qg-quiz-essai-data", "qg-quiz-essai-2-data"]
    practice, exam = data.values()
    assert practice["title"] == french_typography("Essai <& « quiz »") and len(practice["variants"]) == 2
    assert {q["kind"] for q in practice["variants"][0]} == {"authored"}
    assert exam["mode"] == "exam" and len(exam["variants"]) == 1
    assert all("answers" not in q for q in exam["variants"][0])
    assert html.count('id="qg-quiz-i18n"') == 1
    assert (out / "exports" / "essai.json").is_file()


def test_editing_the_recipe_rebuilds_the_page(project: Callable[..., Project]) -> None:
    proj = tiny(project, {"questions.md": QUESTIONS, "quiz.md": "# Quiz\n\n```{quiz} essai\n```\n"})
    proj.build()
    out = Path(proj.app.outdir)  # type: ignore[attr-defined]
    assert len(next(iter(quizzes(out / "quiz.html").values()))["variants"]) == 2
    (proj.srcdir / "recettes" / "essai.toml").write_text(RECIPE.replace("variants = 2", "variants = 3"),
                                                         encoding="utf-8")
    app = proj._make_app("html", srcdir=proj.srcdir, freshenv=False)
    app.build()
    assert len(next(iter(quizzes(out / "quiz.html").values()))["variants"]) == 3


BAD = {
    "unknown recipe": ({"quiz.md": "# Q\n\n```{quiz} nulle-part\n```\n"},
                       "quiz recipe 'nulle-part' not found", "name a recipe of the exercises folder"),
    "bad recipe": ({"quiz.md": "# Q\n\n```{quiz} essai\n```\n"}, "unknown key 'bogus' in [counts]", "use one of"),
    "no right option": ({"q.md": "# Q\n\n:::{question} sans-reponse\n:clauses: I.1\n\nQuoi ?\n\n- [ ] a\n- [ ] b\n:::\n"},
                        "no option is marked right", "tick the right option"),
    "no clause": ({"q.md": "# Q\n\n:::{question} sans-clause\n\nQuoi ?\n\n- [x] a\n- [ ] b\n:::\n"},
                  "it cites no clause", "add `:clauses:`"),
    "unknown clause": ({"q.md": "# Q\n\n:::{question} loin\n:clauses: IV.9\n\nQuoi ?\n\n- [x] a\n- [ ] b\n:::\n"},
                       "cites unknown clause 'IV.9'", "cite an existing clause id"),
    "true/false without answer": ({"q.md": "# Q\n\n:::{question} vf\n:clauses: I.1\n\nVrai ?\n:::\n"},
                                  "needs `:answer: vrai`", "add `:answer: vrai`"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_is_reported_with_file_line_and_fix(project: Callable[..., Project], case: str) -> None:
    pages, message, fix = BAD[case]
    recipe = RECIPE.replace("authored = 2", "bogus = 1") if case == "bad recipe" else RECIPE
    proj = tiny(project, pages, recipe)
    app = proj.build()
    assert app.statuscode == 1  # type: ignore[attr-defined]
    lines = [line for line in proj.warnings.splitlines() if message in line]
    assert lines, proj.warnings
    assert all("fix:" in line and fix in line for line in lines), lines
    assert all(re.search(r"\.(md|toml):\d+", line) for line in lines), lines


def test_other_builders_get_no_quiz_markup(project: Callable[..., Project]) -> None:
    proj = tiny(project, {"questions.md": QUESTIONS, "quiz.md": "# Quiz\n\n```{quiz} essai\n```\n"})
    app = proj.build("text")
    assert app.statuscode == 0, proj.warnings  # type: ignore[attr-defined]
    text = (Path(app.outdir) / "quiz.txt").read_text(encoding="utf-8")  # type: ignore[attr-defined]
    assert "application/json" not in text and "answers" not in text


def test_the_quiz_cache_key_follows_the_teachers_marks(tmp_path: Path) -> None:
    """A mark added to curation/marks.toml must regenerate the recipe's quizzes, never serve cached ones."""
    from meaning_corpus import meaning_corpus
    from quizgen.recipe import load_recipe
    from quizgen.sphinxext.quizzes.webquiz import BuildCache

    recipe = tmp_path / "partie.toml"
    recipe.write_text('title = "Essai"\nseed = 1\n[counts]\nposition = 1\n', encoding="utf-8")
    assert load_recipe(recipe).curation_path() == tmp_path / "curation" / "marks.toml"
    cache = BuildCache(meaning_corpus())
    before = cache.key(recipe, 2, 1)
    (tmp_path / "curation").mkdir()
    (tmp_path / "curation" / "marks.toml").write_text('[[reject]]\nid = "x"\n', encoding="utf-8")
    assert before is not None
    assert BuildCache(meaning_corpus()).key(recipe, 2, 1) != before  # a cache lives for one build


def test_every_kind_of_question_has_a_french_label(built_site: Path) -> None:
    """The badge above a question names its kind in French: never the raw key ("kind-decided")."""
    from quizgen.question import KINDS
    from quizgen.sphinxext.quizzes.webquiz import STRINGS_ID

    html = (built_site / "quiz" / "partie-2.html").read_text(encoding="utf-8")
    found = re.search(rf'<script type="application/json" id="{STRINGS_ID}">(.*?)</script>', html, re.S)
    assert found, "no interface strings on the quiz page"
    strings = json.loads(found.group(1))
    for kind in KINDS:
        label = strings.get(f"kind-{kind}", "")
        assert label and label != f"kind-{kind}" and not re.search(r"\b(the|of|or|who|does)\b", label), (kind, label)
