"""The command line: ``quizgen check | list | build | live``. Problems go to stderr; any error exits non-zero."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from quizgen.check import check
from quizgen.corpus import Corpus
from quizgen.export import check_out, export, formats
from quizgen.export.common import input_stamp
from quizgen.generate import pool
from quizgen.guards import TextIndex, longest_share
from quizgen.problems import Problem, QuizgenError
from quizgen.question import KINDS
from quizgen.quiz import Quiz, build_quiz
from quizgen.recipe import MAX_VARIANTS, load_recipe

DEFAULT_CORPUS = Path("docs/_build/html/corpus.json")
DEFAULT_RECIPES = Path("exercises")
DEFAULT_OUT = Path("out/quiz")


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        code: int = args.run(args)
        return code
    except QuizgenError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader stopped early (``quizgen list | head``): not an error of ours, and no traceback. Python's
        # documented way: point stdout at devnull so that the flush at exit does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="quizgen", description="Quizzes from the tagged clauses of a text.")
    sub = parser.add_subparsers(required=True, metavar="COMMAND")

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                       help=f"corpus.json written by the site build (default: {DEFAULT_CORPUS})")

    p = sub.add_parser("check", help="check the corpus's quiz data and the recipes")
    p.add_argument("recipes", nargs="*", type=Path, metavar="RECIPE",
                   help=f"recipes to check (default: {DEFAULT_RECIPES}/*.toml)")
    common(p)
    p.set_defaults(run=_check)

    p = sub.add_parser("list", help="how many questions each section allows, per kind")
    common(p)
    p.set_defaults(run=_list)

    p = sub.add_parser("review", help="walk a recipe's bank question by question: accept, reject, edit")
    p.add_argument("recipe", type=Path, metavar="RECIPE")
    p.add_argument("--all", action="store_true", help="also show questions already marked")
    common(p)
    p.set_defaults(run=_review)

    p = sub.add_parser("build", help="build the quizzes of one or more recipes")
    p.add_argument("recipes", nargs="+", type=Path, metavar="RECIPE")
    p.add_argument("--variants", type=_positive, help="number of variants (default: the recipe's)")
    p.add_argument("--seed", type=_seed, help="seed (default: the recipe's)")
    p.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default: {DEFAULT_OUT})")
    p.add_argument("--format", default="json",
                   help=f"comma-separated formats among: {', '.join(formats())} (default: json)")
    common(p)
    p.set_defaults(run=_build)

    p = sub.add_parser("live", help="a live class: students answer on their phones over the local network")
    p.add_argument("recipe", nargs="?", type=Path, metavar="RECIPE", help="the quiz's recipe (.toml)")
    p.add_argument("--seed", type=_seed, help="seed (default: the recipe's)")
    p.add_argument("--variant", type=_positive, default=1, help="which variant to ask (default: 1)")
    p.add_argument("--host", default="0.0.0.0", help="address to listen on (default: 0.0.0.0, the local network)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    p.add_argument("--db", type=Path, default=Path("out/live/live.sqlite3"),
                   help="SQLite database; results are written next to it (default: out/live/live.sqlite3)")
    p.add_argument("--new", action="store_true", help="start a new session instead of resuming an unfinished one")
    p.add_argument("--max-students", type=_positive, default=300, help="most students at once (default: 300)")
    p.add_argument("--site", type=Path, help="built site to serve alongside for clause links "
                   "(default: the corpus's folder when it holds the site)")
    p.add_argument("--purge", metavar="ROOM", help="delete the data of session ROOM (answers, pseudonyms, results)")
    p.add_argument("--sessions", action="store_true", help="list the sessions stored in the database")
    common(p)
    p.set_defaults(run=_live)
    return parser


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"bad seed {text!r}: give a whole number ≥ 0") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"bad seed {text!r}: give a whole number ≥ 0")
    return value


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: give a whole number ≥ 1")
    return value


def _check(args: argparse.Namespace) -> int:
    recipes = args.recipes or sorted(DEFAULT_RECIPES.glob("*.toml"))
    problems = check(args.corpus, recipes)
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"quizgen check: {len(recipes)} recipe(s), {len(problems)} problem(s)")
    return 1 if problems else 0


def _list(args: argparse.Namespace) -> int:
    corpus = Corpus.load(args.corpus)
    index = TextIndex(corpus)
    sections = [s.id for s in corpus.sections] or sorted({c.section for c in corpus})
    width = max(len(k) for k in KINDS)
    print("section".ljust(10) + "".join(k.rjust(width + 1) for k in KINDS) + "total".rjust(7))
    rows = [(sid, corpus.in_section(sid)) for sid in sections] + [("tout", list(corpus.clauses))]
    for name, clauses in rows:
        found = pool(corpus, clauses, index=index)
        counts = [len(found[k]) for k in KINDS]
        print(name.ljust(10) + "".join(str(n).rjust(width + 1) for n in counts) + str(sum(counts)).rjust(7))
    return 0


def _review(args: argparse.Namespace) -> int:
    from quizgen.review import review

    return review(Corpus.load(args.corpus), load_recipe(args.recipe), sys.stdin, sys.stdout,
                  show_marked=args.all)


def format_names(value: str) -> list[str]:
    """The formats of ``--format a,b``: each known, each once, at least one."""
    names = [n.strip() for n in value.split(",")]
    known = ", ".join(formats())
    if not any(names):
        raise QuizgenError([Problem("--format", 0, "no format given", f"name one or more among: {known}")])
    problems = []
    if "" in names:
        problems.append(Problem("--format", 0, f"empty name in {value!r}", "separate the names by single commas"))
    twice = sorted({n for n in names if n and names.count(n) > 1})
    if twice:
        problems.append(Problem("--format", 0, f"format(s) named twice: {', '.join(twice)}",
                                "name each format once"))
    problems += [Problem("--format", 0, f"unknown format {n!r}", f"use one of: {known}")
                 for n in dict.fromkeys(names) if n and n not in formats()]
    if problems:
        raise QuizgenError(problems)
    return names


def _build(args: argparse.Namespace) -> int:
    names = format_names(args.format)
    if args.variants is not None and args.variants > MAX_VARIANTS:
        raise QuizgenError([Problem("--variants", 0, f"{args.variants} variants asked: at most {MAX_VARIANTS}",
                                    f"ask for {MAX_VARIANTS} variants or fewer")])
    check_out(args.out)
    start = time.perf_counter()
    corpus = Corpus.load(args.corpus)
    index = TextIndex(corpus)
    quizzes: list[Quiz] = []
    problems = []
    for path in args.recipes:
        try:
            quizzes.append(build_quiz(corpus, load_recipe(path), seed=args.seed, variants=args.variants,
                                      index=index))
        except QuizgenError as err:
            problems += err.problems
    if problems:
        raise QuizgenError(problems)  # nothing is written when one recipe fails
    written = export(quizzes, names, args.out, site_url=corpus.site_url,
                     stamp=input_stamp([args.corpus, *args.recipes]))
    for quiz in quizzes:
        asked = [q for v in quiz.variants for q in v.questions]
        share, chance, n = longest_share(asked)
        print(f"{quiz.id}: {len(quiz.variants)} variant(s) × {len(quiz.variants[0].questions)} questions; "
              f"right answer is the longest option in {share:.0%} of {n} choice questions "
              f"(chance: {chance:.0%})")
    for path in written:
        print(f"wrote {path}")
    if "kahoot" in names:  # questions that break Kahoot's limits are left out of its sheet: say so
        from quizgen.export.kahoot import message

        for quiz in quizzes:
            print(message(quiz), file=sys.stderr)
    if "amc" in names:  # matching and ordering have no AMC-TXT form
        from quizgen.export import amc

        for quiz in quizzes:
            print(amc.message(quiz), file=sys.stderr)
    print(f"done in {time.perf_counter() - start:.2f} s")
    return 0


def _live(args: argparse.Namespace) -> int:
    from quizgen.live import server  # Starlette and uvicorn load only for this command

    if args.purge:
        return server.purge(args.db, args.purge)
    if args.sessions:
        return server.list_sessions(args.db)
    if args.recipe is None:
        print("quizgen live: give a recipe, e.g. quizgen live exercises/partie-2.toml", file=sys.stderr)
        return 2
    return server.run(args.recipe, args.corpus, seed=args.seed, variant=args.variant, host=args.host,
                      port=args.port, db=args.db, new=args.new, max_students=args.max_students, site=args.site)


if __name__ == "__main__":
    sys.exit(main())
