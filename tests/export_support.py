"""What the export tests share: quizzes from the real corpus, quizzes made of given questions, the writers,
gift-pegjs through node, and the texts that must survive every format."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import strategies as st

from quizgen.corpus import Corpus
from quizgen.export import writer
from quizgen.question import BLANK, FALSE, TRUE, Citation, Question, make_question
from quizgen.quiz import Quiz, Variant, answer_key, build_quiz
from quizgen.recipe import Recipe, load_recipe
from tools import require

ROOT = Path(__file__).resolve().parent.parent
JS = ROOT / "tests" / "js"
RECIPES = sorted((ROOT / "exercises").glob("*.toml"))
FORMATS = ("gift", "moodle", "qti", "kahoot", "anki")


def real_quizzes(request: pytest.FixtureRequest) -> list[Quiz]:
    """Every recipe of exercises/ built on the kit's corpus (the built site's, or one built for the tests)."""
    # Always the corpus of this checkout, built by the session fixture: a stale local build proves nothing.
    path = request.getfixturevalue("built_site") / "corpus.json"
    corpus = Corpus.load(path)
    return [build_quiz(corpus, load_recipe(recipe)) for recipe in RECIPES]


def quiz_of(questions: list[Question], *, quiz_id: str = "essai", title: str = "Essai", time: int = 30) -> Quiz:
    """A one-variant quiz made of exactly these questions."""
    recipe = Recipe(id=quiz_id, title=title, counts=(("choice", len(questions)),), time=time)
    variant = Variant(1, tuple(questions), tuple(answer_key(n, q) for n, q in enumerate(questions, 1)))
    return Quiz(id=quiz_id, title=title, seed=0, time=time, variants=(variant,), recipe=recipe)


def write(fmt: str, quiz: Quiz, directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    return writer(fmt)(quiz, directory)


def citation(clause: str = "II.3", quote: str = "Une citation.") -> Citation:
    return Citation(clause, f"declaration/{clause.split('.')[0].lower()}.html#clause-{clause.replace('.', '-')}", quote)


def choice(prompt: str, options: tuple[str, ...], answers: tuple[int, ...] = (0,), *, feedback: str = "Parce que.",
           clause: str = "II.3", kind: str = "choice", **more: Any) -> Question:
    return make_question(kind=kind, form="choice", prompt=prompt, options=options, answers=answers,
                         citations=(citation(clause),), feedback=feedback, difficulty=1, themes=("securite",),
                         actors=("CHN",), **more)


def cloze(before: str, answer: str, after: str, wrong: tuple[str, ...], clause: str = "II.4") -> Question:
    prompt = f"Complétez ce passage de la déclaration ({clause}) : « {before}{BLANK}{after} »"
    return choice(prompt, (*wrong, answer), (len(wrong),), clause=clause, kind="cloze", cloze=(before, after),
                  feedback=f"Réponse : « {answer} ». La déclaration dit : « {before}{answer}{after} »")


def truefalse(statement: str, true: bool, clause: str = "I.2") -> Question:
    return make_question(kind="truefalse", form="truefalse", prompt=f"Vrai ou faux ? {statement}",
                         options=(TRUE, FALSE), answers=(0 if true else 1,), citations=(citation(clause),),
                         feedback=("Vrai." if true else "Faux.") + " Voir la clause.", difficulty=1,
                         themes=("securite",), shuffle=False)


def matching(stems: tuple[str, ...], options: tuple[str, ...], answers: tuple[int, ...]) -> Question:
    return make_question(kind="matching", form="matching", prompt="Associez chaque sigle à son nom.",
                         options=options, answers=answers, citations=(citation("III.1"), citation("III.2")),
                         feedback="Les bonnes associations.", difficulty=2, themes=("economie",), stems=stems)


def ordering(options: tuple[str, ...], answers: tuple[int, ...]) -> Question:
    return make_question(kind="chronology", form="ordering",
                         prompt="Remettez ces passages dans l’ordre chronologique, du plus ancien au plus récent.",
                         options=options, answers=answers, citations=(citation("IV.1"), citation("IV.2")),
                         feedback="L’ordre.", difficulty=3, themes=("economie",))


def sample_questions() -> list[Question]:
    """One question of every form, with every character an exporter must escape."""
    return [
        cloze("Les États membres {ont} salué ", "l’OCS & l’ONU", " ~ « = » # : -> fin.", ("l’UIB", "<b>l’ASEAN</b>")),
        choice("Quel thème ? « a -> b » {x} ~ = # : \\ <i>&amp;</i>", ("Un { }", "Deux ~", "Trois =", "Quatre #")),
        choice("Lesquels sont nommés ?", ("Inde", "Chine", "Brésil", "Iran"), (0, 1, 3)),
        truefalse("La SRAT siège à « Tachkent » : oui -> non ?", True),
        truefalse("L’OCS a 30 membres.", False),
        matching(("SRAT", "OCS -> x", "UIB"), ("Union {interbancaire}", "Structure ~ antiterroriste", "Org. = de Shanghai",
                                               "Autre"), (1, 2, 0)),
        ordering(("2024 : « a »", "2026 : b -> c", "2025 : d # e"), (0, 2, 1)),
    ]


def with_other_answer(q: Question) -> Question:
    """The same question as a student sees it, with another right answer: what students see must not change."""
    if q.form == "truefalse":
        return replace(q, answers=(1 - q.answers[0],))
    if q.form in ("matching", "ordering"):
        return replace(q, answers=tuple(reversed(q.answers)))
    return replace(q, answers=tuple((a + 1) % len(q.options) for a in q.answers))


# -- gift-pegjs -------------------------------------------------------------------------------------


def require_gift_pegjs() -> str:
    node = shutil.which("node")
    require(node is not None, "node is not installed (apt-get install nodejs npm)")
    require((JS / "node_modules" / "gift-pegjs" / "package.json").exists(),
            "gift-pegjs is not installed (cd tests/js && npm install)")
    assert node is not None
    return node


def parse_gift(text: str) -> list[dict[str, Any]]:
    """Questions as gift-pegjs parses them; fails the test with its message when it rejects the text."""
    node = require_gift_pegjs()
    proc = subprocess.run([node, str(JS / "parse_gift.js")], input=text, capture_output=True, text=True,
                          encoding="utf-8", check=False, cwd=JS)
    if proc.returncode:
        pytest.fail(proc.stderr, pytrace=False)
    parsed: list[dict[str, Any]] = json.loads(proc.stdout)
    return parsed


# -- Texts that must survive ------------------------------------------------------------------------

#: French text with every character that means something in one of the formats.
SPECIAL = "«»\"'’<>&{}~=#:\\-[]/;%]]>"
PIECES = [*SPECIAL, "a", "é", "Z", " ", "1", "->", "]]>", "&amp;", "\n", "« x »"]
texts = st.lists(st.sampled_from(PIECES), min_size=1, max_size=12).map(lambda p: "".join(p).strip()).filter(
    lambda s: bool(s) and not s.startswith("/"))


def squash(text: str) -> str:
    """Whitespace as GIFT and HTML readers fold it."""
    return " ".join(text.split())
