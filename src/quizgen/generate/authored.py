"""Authored questions: written by teachers in the MyST sources, read from the corpus's
``extra["questions"]``, checked here, and mixed with generated questions in one quiz.

One authored question, as the Sphinx side writes it::

    {"id": "tianjin-hote",            # optional; else a hash of the content
     "kind": "choice",                 # "choice" or "truefalse"
     "prompt": "Quelle ville accueille le sommet ?",
     "options": ["Tianjin", "Pékin", "Shanghai"],   # choice only
     "answers": ["Tianjin"],           # option texts (or 0-based indices); truefalse: [true] or [false]
     "feedback": "Le sommet s’est tenu à Tianjin.",
     "clauses": ["I.1"],               # at least one existing clause
     "difficulty": 1,                  # optional, 1 to 3
     "source": {"file": "docs/quiz.md", "line": 12}}
"""

from __future__ import annotations

import re
from typing import Any

from quizgen.corpus import Clause, Corpus
from quizgen.french import excerpt, sentences, window
from quizgen.generate.context import Context
from quizgen.meaning import Work, read_meaning
from quizgen.names import ID_FIX, id_problem
from quizgen.problems import Problem
from quizgen.question import FALSE, TRUE, Citation, Question, make_question

FIELDS = {"id", "kind", "prompt", "options", "answers", "feedback", "clauses", "difficulty", "source",
          "themes"}
_TRUTH = {True: 0, False: 1, "vrai": 0, "faux": 1, "true": 0, "false": 1}


def generate(ctx: Context) -> list[Question]:
    in_scope = {c.id for c in ctx.scope}
    questions = authored_in(ctx)
    return [q for q in questions if in_scope.intersection(q.clauses)]


def authored_in(ctx: Context) -> list[Question]:
    """The corpus's valid authored questions, read once per context (two families ask for them)."""
    if "authored" not in ctx.cache:
        ctx.cache["authored"] = read(ctx.corpus, ctx.work)[0]
    found: list[Question] = ctx.cache["authored"]
    return found


def read(corpus: Corpus, work: Work | None = None) -> tuple[list[Question], list[Problem]]:
    """The valid authored questions, and a problem (file, line, fix) for each invalid one.

    ``work``: the corpus's title forms, when the caller has them (reading them again costs a tag scan)."""
    work = work or read_meaning(corpus).work
    questions: list[Question] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    raw = corpus.extra.get("questions", []) or []
    if not isinstance(raw, list):
        return [], [Problem("corpus.json", 0, "extra.questions is not a list", "rebuild the corpus")]
    for n, data in enumerate(raw, 1):
        if not isinstance(data, dict):
            problems.append(Problem("corpus.json", 0, f"authored question {n} is not an object",
                                    "rebuild the corpus"))
            continue
        where = _where(data, n)
        found = _problems(corpus, data)
        if found:
            problems += [Problem(where[0], where[1], message, fix) for message, fix in found]
            continue
        q = _question(corpus, data, work)
        if q.id in seen:
            problems.append(Problem(where[0], where[1],
                                    f"question id {q.id!r} is used twice (also {seen[q.id]})",
                                    "give each question its own id"))
            continue
        seen[q.id] = f"{where[0]}:{where[1]}"
        questions.append(q)
    return questions, problems


def _where(data: dict[str, Any], n: int) -> tuple[str, int]:
    source: dict[str, Any] = data["source"] if isinstance(data.get("source"), dict) else {}
    line = source.get("line", 0)
    return str(source.get("file") or f"corpus.json (question {n})"), line if isinstance(line, int) else 0


def _problems(corpus: Corpus, data: dict[str, Any]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    unknown = sorted(set(data) - FIELDS)
    if unknown:
        out.append((f"unknown field(s) {', '.join(unknown)}", f"use only: {', '.join(sorted(FIELDS))}"))
    kind = data.get("kind")
    if kind not in ("choice", "truefalse"):
        out.append((f"unknown question kind {kind!r}", "use kind: choice or kind: truefalse"))
    if not isinstance(data.get("prompt"), str) or not data["prompt"].strip():
        out.append(("the question has no prompt", "write the question's text"))
    if "id" in data and (why := id_problem(data["id"])):  # the same rule as the {question} directive's
        out.append((why, f"remove it or {ID_FIX}"))
    clauses = data.get("clauses")
    if not isinstance(clauses, list) or not clauses:
        out.append(("the question cites no clause", "add :clauses: with at least one clause id, e.g. II.3"))
    else:
        out += [(f"unknown clause {c!r}", "cite an existing clause id, e.g. II.3")
                for c in clauses if not (isinstance(c, str) and corpus.has_clause(c))]
    if "difficulty" in data and (isinstance(data["difficulty"], bool) or data["difficulty"] not in (1, 2, 3)):
        out.append((f"difficulty {data['difficulty']!r} is not 1, 2 or 3",
                    "use 1 (facile), 2 or 3 (difficile)"))
    if "feedback" in data and not isinstance(data["feedback"], str):
        out.append(("the feedback must be text", "write the feedback as a sentence"))
    answers = data.get("answers")
    if isinstance(answers, (bool, str, int)):
        answers = [answers]
    if kind == "truefalse":
        if not isinstance(answers, list) or len(answers) != 1 or _truth(answers[0]) is None:
            out.append(("a true/false question needs one answer: true or false",
                        "write :answer: vrai (or faux)"))
    elif kind == "choice":
        options = data.get("options")
        if (not isinstance(options, list) or len(options) < 2
                or not all(isinstance(o, str) and o.strip() for o in options)):
            out.append(("a choice question needs at least two options", "list two or more options"))
        elif len({o.strip().casefold() for o in options}) != len(options):
            out.append(("two options are the same", "make every option different"))
        elif not isinstance(answers, list) or not answers:
            out.append(("the question has no right answer", "mark at least one option as right"))
        else:
            out += [(f"answer {a!r} is not one of the options", "copy the answer from the options")
                    for a in answers if _index(options, a) is None]
    return out


def _truth(answer: Any) -> int | None:
    key = answer.strip().casefold() if isinstance(answer, str) else answer
    return _TRUTH.get(key) if isinstance(key, (bool, str)) else None


def _index(options: list[str], answer: Any) -> int | None:
    if isinstance(answer, int) and not isinstance(answer, bool):
        return answer if 0 <= answer < len(options) else None
    if isinstance(answer, str):
        for i, option in enumerate(options):
            if option.strip() == answer.strip():
                return i
    return None


#: A clause up to this length is quoted whole (a stray full stop in the source would cut a sentence short).
QUOTE_WHOLE = 600


def _quoted(clause: Clause, about: str) -> str:
    """The clause's sentence that shares the most words with the teacher's feedback and key: the feedback
    quotes the clause once, as the generated questions' does."""
    if len(clause.text) <= QUOTE_WHOLE:
        return clause.text.strip()
    words = set(re.findall(r"\w{5,}", about.casefold()))
    # A "sentence" that the next one continues inside « » (a stray full stop of the source: « chinoise.
    # « Une ceinture, une route » ») is read with it.
    spans: list[tuple[int, int]] = []
    for start, end in sentences(clause.text):
        if spans and clause.text[start:end].lstrip().startswith("«"):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    best = max(spans, key=lambda b: (len(words & set(re.findall(r"\w{5,}", clause.text[b[0]:b[1]].casefold()))),
                                     -b[0]), default=None)
    return clause.text[best[0]:best[1]].strip().rstrip(".") + "." if best else ""


def _question(corpus: Corpus, data: dict[str, Any], work: Work) -> Question:
    answers = data["answers"] if isinstance(data["answers"], list) else [data["answers"]]
    right: tuple[int, ...]
    if data["kind"] == "truefalse":
        truth = _truth(answers[0])
        form, options, right = "truefalse", (TRUE, FALSE), (0 if truth is None else truth,)
    else:
        form, options = "choice", tuple(o.strip() for o in data["options"])
        right = tuple(sorted({i for i in (_index(data["options"], a) for a in answers) if i is not None}))
    clauses = [corpus.clause(c) for c in data["clauses"]]
    citations = tuple(Citation(c.id, c.url, excerpt(c.text, *window(c.text, 0, 1, 200))) for c in clauses)
    themes = data.get("themes") or [t for c in clauses for t in c.themes]
    feedback = (data.get("feedback") or "").strip()
    right_texts = " ".join(options[i] for i in right) if form == "choice" else ""
    quoted = _quoted(clauses[0], f"{feedback} {right_texts}") if clauses else ""
    see = "(" + ", ".join(f"§ {c.id}" for c in clauses) + ")"
    if quoted:
        see += f". {work.short_capital} (§ {clauses[0].id}) dit : « {quoted} »"
    return make_question(
        id=(data.get("id") or "").strip(), kind="authored", form=form, prompt=data["prompt"].strip(),
        options=options, answers=right, citations=citations,
        feedback=f"{feedback.rstrip('.')} {see}".strip() + ("" if quoted else "."),
        difficulty=data.get("difficulty", 2), themes=tuple(themes),
        asks=frozenset({f"authored:{data.get('id') or data['prompt']}"}), shuffle=form == "choice",
    )
