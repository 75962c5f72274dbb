"""Recipes: what a quiz is made of, in TOML. Every problem names the file and the line of the key at fault.

A recipe (``exercises/partie-2.toml``)::

    title = "Partie II — Paix et sécurité"
    seed = 2025            # same recipe + same seed = same bytes
    variants = 4           # versions with other questions and another order, each with its key
    time = 30              # seconds per question
    difficulty = "mixte"   # "facile", "moyen", "difficile", "mixte", 1 to 3, or a list of them

    [scope]                # all optional: sections, themes, clauses (a clause must match all given)
    sections = ["II"]

    [counts]               # questions per kind
    cloze = 4
    choice = 2
    truefalse = 3
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quizgen.corpus import Clause, Corpus
from quizgen.names import ID_FIX, TITLE_FIX, id_problem, title_problem
from quizgen.problems import Problem, QuizgenError
from quizgen.question import DIFFICULTIES, KINDS

TOP_KEYS = ("title", "seed", "variants", "time", "difficulty", "scope", "counts", "shuffle_options")
SCOPE_KEYS = ("sections", "themes", "clauses")
DIFFICULTY_WORDS = {"facile": (1,), "moyen": (2,), "difficile": (3,), "mixte": (1, 2, 3)}
MAX_VARIANTS = 500


def curation_file(recipe_path: Path) -> Path:
    """Where the teachers' marks for a recipe live: ``curation/marks.toml`` beside it."""
    return recipe_path.parent / "curation" / "marks.toml"


@dataclass(frozen=True)
class Scope:
    sections: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    clauses: tuple[str, ...] = ()

    def select(self, corpus: Corpus) -> list[Clause]:
        """The clauses of ``corpus`` this scope covers, in text order."""
        return [c for c in corpus.clauses
                if (not self.sections or c.section in self.sections)
                and (not self.themes or set(self.themes) & set(c.themes))
                and (not self.clauses or c.id in self.clauses)]


@dataclass(frozen=True)
class Recipe:
    id: str
    title: str
    counts: tuple[tuple[str, int], ...]
    scope: Scope = Scope()
    seed: int = 0
    variants: int = 1
    time: int = 30
    difficulty: tuple[int, ...] = (1, 2, 3)
    shuffle_options: bool = True
    path: str = "<recipe>"
    text: str = field(default="", repr=False, compare=False)

    def curation_path(self) -> Path | None:
        """The teachers' marks for this recipe's questions: ``curation/marks.toml`` beside the recipe (in a
        folder of its own, so that nothing takes it for a recipe: every ``exercises/*.toml`` is one)."""
        if self.path.startswith("<"):
            return None
        return curation_file(Path(self.path))

    def count(self, kind: str) -> int:
        return dict(self.counts).get(kind, 0)

    @property
    def total(self) -> int:
        return sum(n for _, n in self.counts)

    def line(self, table: str, key: str = "", value: str = "") -> int:
        """The line of ``[table] key`` (or of ``value`` in it) in the recipe's text, for error messages."""
        return line_of(self.text, table, key, value)

    def problem(self, message: str, fix: str, table: str = "", key: str = "", value: str = "") -> Problem:
        return Problem(self.path, self.line(table, key, value), message, fix)


def line_of(text: str, table: str, key: str = "", value: str = "") -> int:
    """1-based line of ``key`` in ``[table]`` ("" for the top level), or of ``value`` after it; else 1."""
    current = ""
    found = 0
    key_re = re.compile(rf"^\s*(?:{re.escape(table)}\.)?[\"']?{re.escape(key)}[\"']?\s*=") if key else None
    for n, line in enumerate(text.splitlines(), 1):
        header = re.match(r"^\s*\[\s*([^\]]+?)\s*\]", line)
        if header:
            current = header.group(1).strip("\"' ")
            if found:
                break
            if not key and current == table:
                return n
            continue
        if found and value:
            if value in line:
                return n
            continue
        if key_re and (current == table or (current == "" and line.lstrip().startswith(f"{table}."))) \
                and key_re.match(line):
            if not value or value in line:
                return n
            found = n
    return found or 1


def load_recipe(path: Path | str) -> Recipe:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise QuizgenError([Problem(str(path), 0, f"cannot read the recipe: {err.strerror}",
                                    "give the path of a .toml recipe")]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise QuizgenError([Problem(str(path), raw.count(b"\n", 0, err.start) + 1,
                                    f"not UTF-8 text (byte {raw[err.start]:#04x})",
                                    "save the recipe as UTF-8 (every editor has the option)")]) from None
    return parse_recipe(text, str(path), path.stem)


def parse_recipe(text: str, path: str = "<recipe>", recipe_id: str = "quiz") -> Recipe:
    """Read and check a recipe's TOML; raise :class:`QuizgenError` listing every problem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        at = re.search(r"line (\d+)", str(err))
        raise QuizgenError([Problem(path, int(at.group(1)) if at else 1, f"invalid TOML: {err}",
                                    "fix the syntax (key = value, strings in quotes)")]) from None
    problems: list[Problem] = []

    def bad(message: str, fix: str, table: str = "", key: str = "", value: str = "") -> None:
        problems.append(Problem(path, line_of(text, table, key, value), message, fix))

    _unknown(data, TOP_KEYS, "", bad)
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        bad("the recipe has no title", 'add title = "…" (shown to students)', "", "title")
        title = recipe_id
    elif why := title_problem(title):
        bad(why, TITLE_FIX, "", "title")
        title = recipe_id
    if why := id_problem(recipe_id):
        bad(f"{why}: a recipe's id is its file name", f"rename the file: {ID_FIX}")
    seed = _integer(data, "seed", 0, 0, 2**63 - 1, bad)
    variants = _integer(data, "variants", 1, 1, MAX_VARIANTS, bad)
    time = _integer(data, "time", 30, 5, 3600, bad)
    shuffle = data.get("shuffle_options", True)
    if not isinstance(shuffle, bool):
        bad("shuffle_options must be true or false", "write shuffle_options = true", "", "shuffle_options")
        shuffle = True
    difficulty = _difficulty(data.get("difficulty", "mixte"), bad)
    scope = _scope(data.get("scope", {}), bad)
    counts = _counts(data.get("counts"), bad)
    if problems:
        raise QuizgenError(problems)
    return Recipe(id=recipe_id, title=title.strip(), counts=counts, scope=scope, seed=seed, variants=variants,
                  time=time, difficulty=difficulty, shuffle_options=shuffle, path=path, text=text)


def _unknown(data: dict[str, Any], allowed: tuple[str, ...], table: str, bad: Any) -> None:
    for key in data:
        if key not in allowed:
            near = difflib.get_close_matches(key, allowed, 1)
            fix = f"did you mean {near[0]!r}?" if near else f"use one of: {', '.join(allowed)}"
            bad(f"unknown key {key!r}" + (f" in [{table}]" if table else ""), fix, table, key)


def _integer(data: dict[str, Any], key: str, default: int, low: int, high: int, bad: Any) -> int:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        word = "seed" if key == "seed" else key
        bad(f"bad {word} {value!r}: a whole number from {low} to {high} is needed",
            f"write {key} = {default}", "", key)
        return default
    return value


def _difficulty(value: Any, bad: Any) -> tuple[int, ...]:
    items = value if isinstance(value, list) else [value]
    levels: set[int] = set()
    for item in items:
        if isinstance(item, str) and item.strip().lower() in DIFFICULTY_WORDS:
            levels.update(DIFFICULTY_WORDS[item.strip().lower()])
        elif isinstance(item, int) and not isinstance(item, bool) and item in DIFFICULTIES:
            levels.add(item)
        else:
            bad(f"unknown difficulty {item!r}", f"use {', '.join(DIFFICULTY_WORDS)} or 1 to 3", "",
                "difficulty")
    return tuple(sorted(levels)) or (1, 2, 3)


def _scope(value: Any, bad: Any) -> Scope:
    if not isinstance(value, dict):
        bad("scope must be a table", 'write [scope] then sections = ["II"]', "", "scope")
        return Scope()
    _unknown(value, SCOPE_KEYS, "scope", bad)
    found: dict[str, tuple[str, ...]] = {}
    for key in SCOPE_KEYS:
        items = value.get(key, [])
        if isinstance(items, str):
            items = [items]
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            bad(f"scope.{key} must be a list of names", f'write {key} = ["…"]', "scope", key)
            items = []
        found[key] = tuple(items)
    return Scope(**found)


def _counts(value: Any, bad: Any) -> tuple[tuple[str, int], ...]:
    if not isinstance(value, dict) or not value:
        bad("the recipe asks for no question", "add a [counts] table, e.g. truefalse = 5", "counts")
        return ()
    _unknown(value, KINDS, "counts", bad)
    counts = []
    for kind in KINDS:
        n = value.get(kind, 0)
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            bad(f"counts.{kind} must be a whole number ≥ 0, not {n!r}", f"write {kind} = 3", "counts", kind)
        elif n:
            counts.append((kind, n))
    if not counts and all(k in KINDS for k in value):
        bad("the recipe asks for no question", "give at least one kind a count above 0", "counts")
    return tuple(counts)


def scope_problems(recipe: Recipe, corpus: Corpus) -> list[Problem]:
    """Sections, themes and clauses the recipe names that the corpus does not have."""
    problems = []
    sections = {c.section for c in corpus.clauses} | {s.id for s in corpus.sections}
    known = {"sections": sections, "themes": set(corpus.themes) | {t for c in corpus for t in c.themes},
             "clauses": {c.id for c in corpus.clauses}}
    for key, names in (("sections", recipe.scope.sections), ("themes", recipe.scope.themes),
                       ("clauses", recipe.scope.clauses)):
        for name in names:
            if name not in known[key]:
                near = difflib.get_close_matches(name, sorted(known[key]), 1)
                listed = ", ".join(sorted(known[key])[:12])
                fix = f"did you mean {near[0]!r}?" if near else f"use one of: {listed}"
                problems.append(recipe.problem(f"unknown {key[:-1]} {name!r} in scope", fix, "scope", key,
                                               f'"{name}"'))
    if not problems and not recipe.scope.select(corpus):
        problems.append(recipe.problem("the scope selects no clause", "widen [scope]", "scope"))
    return problems
