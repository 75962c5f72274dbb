"""``quizgen review RECIPE``: walk the recipe's bank one question at a time in the terminal and write the
teacher's marks (accept / reject / edit) to ``curation.toml`` beside the recipe.

Answers read from ``stdin``, one line each: ``a`` accept, ``r`` reject (a note may follow: ``r distracteur
faible``), ``e`` edit (then a new prompt, and a new feedback; an empty line keeps the text), ``s`` skip,
``q`` quit (what was marked so far is written). The file is written after each mark, atomically.
"""

from __future__ import annotations

from typing import TextIO

from quizgen.corpus import Corpus
from quizgen.curation import Mark, load_curation, write_curation
from quizgen.generate import pool
from quizgen.problems import Problem, QuizgenError
from quizgen.question import KINDS, Question
from quizgen.quiz import LETTERS
from quizgen.recipe import Recipe

HELP = "[a] garder  [r] rejeter  [e] reformuler  [s] passer  [q] quitter"


def show(q: Question, n: int, total: int, out: TextIO) -> None:
    out.write(f"\n— {n}/{total} · {q.id} · {q.kind} · § {', '.join(q.clauses)}\n{q.prompt}\n")
    if q.form == "matching":
        for i, stem in enumerate(q.stems):
            out.write(f"  {i + 1}. {stem} → {q.options[q.answers[i]]}\n")
    else:
        for i, option in enumerate(q.options):
            out.write(f"  {'*' if i in q.answers else ' '} {LETTERS[i]}. {option}\n")
    out.write(f"  Explication : {q.feedback}\n")


def _read(stream: TextIO) -> str | None:
    line = stream.readline()
    return None if line == "" else line.rstrip("\n")


def review(corpus: Corpus, recipe: Recipe, stdin: TextIO, out: TextIO, *, show_marked: bool = False) -> int:
    where = recipe.curation_path()
    if where is None:
        raise QuizgenError([Problem(recipe.path, 1, "this recipe has no file", "review a recipe file")])
    curation = load_curation(where)
    marks = dict(curation.marks)
    kinds = [k for k in KINDS if recipe.count(k)]
    found = pool(corpus, recipe.scope.select(corpus), kinds=kinds)
    bank = [q for k in kinds for q in found.get(k, []) if show_marked or q.id not in marks]
    out.write(f"{len(bank)} question(s) à revoir ({where}).\n{HELP}\n")
    done = 0
    for n, q in enumerate(bank, 1):
        show(q, n, len(bank), out)
        while True:
            out.write("> ")
            out.flush()
            answer = _read(stdin)
            if answer is None or answer.strip() == "q":
                out.write(f"\n{done} marque(s) écrite(s) dans {where}.\n")
                return 0
            word, _, note = answer.strip().partition(" ")
            if word in ("a", "r"):
                marks[q.id] = Mark(q.id, "accepted" if word == "a" else "rejected", 0, note.strip())
            elif word == "e":
                out.write("Nouvel énoncé (vide : garder) : ")
                prompt = _read(stdin) or ""
                out.write("Nouvelle explication (vide : garder) : ")
                feedback = _read(stdin) or ""
                if not prompt.strip() and not feedback.strip():
                    out.write("Rien de changé.\n")
                    continue
                marks[q.id] = Mark(q.id, "reworded", 0, note.strip(), prompt.strip(), (), feedback.strip())
            elif word == "s":
                break
            else:
                out.write(HELP + "\n")
                continue
            write_curation(where, marks.values())
            done += 1
            break
    out.write(f"\n{done} marque(s) écrite(s) dans {where}.\n")
    return 0
