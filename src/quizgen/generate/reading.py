"""Readings: which point of the source's synthesis sums up a clause.

The synthesis points come from the corpus's ``extra["synthesis_points"]`` (``{"id", "number", "kind":
"bullet" | "summary", "text", "clauses"}``), written by the site from the synthesis page. The key is a bullet
that cites the clause; the distractors are bullets of *other* summaries (another part of the synthesis) that
do not cite it — a sibling bullet of the same summary might fairly sum it up too, so none is offered. The
passage shown is one whole sentence of the clause that stands on its own (no "Ils", no "À cet égard").
Expert readings stay in :mod:`quizgen.generate.attribution`.
"""

from __future__ import annotations

import re
from typing import Any

from quizgen.french import sentences
from quizgen.generate.context import Context, Points
from quizgen.question import Question, make_question
from quizgen.text_checks import anaphoric, dangling

SENTENCE_LIMIT = 300
#: A clause this short is shown whole: the synthesis point sums up the clause, not one of its sentences.
CLAUSE_LIMIT = 420


def _content(text: str) -> set[str]:
    return {w for w in re.findall(r"\w{5,}", text.casefold())}


def _grams(text: str, n: int = 4) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.casefold())
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


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
    index = Points(ctx, bullets, _group)
    questions = []
    for clause in ctx.scope:
        citing = index.citing(clause.id)
        if not citing:
            continue
        # The clause's first sentence that stands on its own: it usually names the topic.
        candidates = [(s, e) for s, e in sentences(clause.text)
                      if 40 <= e - s <= SENTENCE_LIMIT and not dangling(clause.text[s:e])
                      and not anaphoric(clause.text[s:e])]
        if not candidates:
            continue
        rng = ctx.rng("reading-synthesis", clause.id)
        key = rng.choice(citing)
        # The sentence that shares the most words with the point (the first among equals): the one the
        # point sums up, not a neighbour on another subject.
        point_words = _content(key["text"])
        s, e = max(candidates, key=lambda b: (len(point_words & _content(clause.text[b[0]:b[1]])), -b[0]))
        whole = clause.text.strip()
        if len(whole) <= CLAUSE_LIMIT and not dangling(whole) and not anaphoric(whole):
            s, e = 0, len(clause.text)
        sentence = clause.text[s:e].strip()
        groups = {_group(p) for p in citing}
        # Plausible first: points about clauses that share a theme with this one, then the nearest in length
        # (a point that cites this clause is in one of its groups, so it is never among them).
        others = index.nearest(clause.themes, len(key["text"]), groups, 6)
        if len(others) < 3:
            continue
        wrong = rng.sample(others, 3)
        # Given away by words: the key repeats four words of the passage in a row, or shares three of its
        # content words when no distractor shares more than one.
        if _grams(key["text"]) & _grams(sentence):
            continue
        seen = _content(sentence)
        if len(_content(key["text"]) & seen) >= 3 and all(len(_content(p["text"]) & seen) <= 1 for p in wrong):
            continue
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
