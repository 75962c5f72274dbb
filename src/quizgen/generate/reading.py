"""Readings: which point of the source's synthesis sums up a clause.

The synthesis points come from the corpus's ``extra["synthesis_points"]`` (``{"id", "number", "kind":
"bullet" | "summary", "text", "clauses"}``), written by the site from the synthesis page. The key is a bullet
that cites the clause; the distractors are bullets of *other* summaries (another part of the synthesis) that
do not cite it — a sibling bullet of the same summary might fairly sum it up too, so none is offered. The
passage shown is one whole sentence of the clause that stands on its own (no "Ils", no "À cet égard").
Expert readings stay in :mod:`quizgen.generate.attribution`.
"""

from __future__ import annotations

from typing import Any

from quizgen.french import sentences
from quizgen.generate.context import Context
from quizgen.question import Question, make_question
from quizgen.text_checks import dangling

SENTENCE_LIMIT = 300


def points(ctx: Context) -> list[dict[str, Any]]:
    found = []
    for p in ctx.corpus.extra.get("synthesis_points", []) or []:
        if (isinstance(p, dict) and p.get("kind") == "bullet" and isinstance(p.get("text"), str)
                and isinstance(p.get("clauses"), list) and isinstance(p.get("number"), str)):
            found.append(p)
    return found


def _group(point: dict[str, Any]) -> str:
    return str(point["number"]).split(".")[0]


def generate(ctx: Context) -> list[Question]:
    bullets = points(ctx)
    questions = []
    for clause in ctx.scope:
        citing = [p for p in bullets if clause.id in p["clauses"]]
        if not citing:
            continue
        candidates = [(s, e) for s, e in sentences(clause.text)
                      if 40 <= e - s <= SENTENCE_LIMIT and not dangling(clause.text[s:e])]
        if not candidates:
            continue
        s, e = max(candidates, key=lambda b: (b[1] - b[0], -b[0]))
        sentence = clause.text[s:e].strip()
        rng = ctx.rng("reading-synthesis", clause.id)
        key = rng.choice(citing)
        groups = {_group(p) for p in citing}
        others = [p for p in bullets if _group(p) not in groups and clause.id not in p["clauses"]]
        others.sort(key=lambda p: (abs(len(p["text"]) - len(key["text"])), p["id"]))
        if len(others) < 3:
            continue
        wrong = rng.sample(others[:6], 3)
        prompt = (f"Quel point de la synthèse résume ce passage {ctx.work.of} (§ {clause.id}) ? "
                  f"« {sentence} »")
        questions.append(make_question(
            kind="reading", form="choice", prompt=prompt,
            options=tuple(p["text"].strip() for p in (key, *wrong)), answers=(0,),
            citations=(ctx.cite(clause, sentence),),
            feedback=ctx.feedback(f"Le point {key['number']} de la synthèse porte sur ce paragraphe ; les "
                                  "autres résument d’autres parties.", clause, sentence),
            difficulty=2, themes=clause.themes, actors=ctx.actors(Context.spans_within(clause, s, e)),
            asks=frozenset({f"synthesis:{clause.id}"}), shows=Context.keys(Context.spans_within(clause, s, e)),
            evidence=(key["text"].strip(),),
            facts=(ctx_fact(clause.id, key["id"], True), *(ctx_fact(clause.id, p["id"], False) for p in wrong)),
        ))
    return questions


def ctx_fact(clause: str, point: str, holds: bool) -> Any:
    from quizgen.question import TagFact

    return TagFact("synthesis", point, clause, holds)
