"""Blind review (issue 11 item 9): draw questions at random from the built bank and write a review sheet.

    PYTHONPATH=src python tools/review_sample.py --corpus docs/_build/html/corpus.json [--seed N] [--n 40]

The bank is every distinct question of every shipped recipe's variants (exercises/*.toml), as the exports
carry them (typography and teachers' marks applied). The seed is drawn at run time unless given, and
printed in the sheet, so a review can be redrawn. Each question gets the six checks of
/work/shared/notes/questions.md — key, distractors, clear out of context, French, worth asking, usable as
is — left blank for the reviewer ("oui" / "non" + a note), and a summary table the reviewer fills.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from quizgen.corpus import Corpus  # noqa: E402
from quizgen.guards import TextIndex  # noqa: E402
from quizgen.question import Question  # noqa: E402
from quizgen.quiz import LETTERS, build_quiz  # noqa: E402
from quizgen.recipe import load_recipe  # noqa: E402

CHECKS = ("clé juste", "distracteurs faux et plausibles", "clair hors contexte", "français",
          "teste le sens", "utilisable tel quel")


def bank(corpus: Corpus) -> list[Question]:
    index = TextIndex(corpus)
    found: dict[str, Question] = {}
    for path in sorted((ROOT / "exercises").glob("*.toml")):
        quiz = build_quiz(corpus, load_recipe(path), index=index)
        for variant in quiz.variants:
            for q in variant.questions:
                found.setdefault(q.id, q)
    return [found[k] for k in sorted(found)]


def sheet(questions: list[Question], seed: int, total: int) -> str:
    lines = [f"# Revue à l’aveugle — {len(questions)} questions tirées de la banque construite",
             "", f"Graine du tirage : {seed} (choisie à l’exécution). Banque : {total} questions distinctes "
             "(toutes les variantes des recettes livrées).", "",
             "Pour chaque question, les six vérifications de `questions.md` : oui / non, avec une note.", ""]
    for n, q in enumerate(questions, 1):
        lines += [f"## {n}. `{q.id}` — {q.kind} — § {', '.join(q.clauses)}", "", f"**Énoncé.** {q.prompt}", ""]
        if q.form == "matching":
            lines += [f"- {stem} → {q.options[a]}" for stem, a in zip(q.stems, q.answers, strict=True)]
        else:
            lines += [f"- {'**' if i in q.answers else ''}{LETTERS[i]}. {o}{'** (clé)' if i in q.answers else ''}"
                      for i, o in enumerate(q.options)]
        lines += ["", f"**Explication.** {q.feedback}", "", "| vérification | verdict | note |", "| --- | --- | --- |"]
        lines += [f"| {c} | | |" for c in CHECKS]
        lines.append("")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=ROOT / "docs/_build/html/corpus.json")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--n", type=int, default=40)
    parser.add_argument("--out", type=Path, default=ROOT / "exercises/review/revue-aveugle.md")
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else int.from_bytes(os.urandom(4), "big")
    corpus = Corpus.load(args.corpus)
    found = bank(corpus)
    drawn = random.Random(seed).sample(found, min(args.n, len(found)))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(sheet(drawn, seed, len(found)), encoding="utf-8")
    print(f"seed {seed}: {len(drawn)} of {len(found)} questions → {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
