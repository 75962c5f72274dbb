"""Write ``corpus.json`` beside the HTML site: the clauses, their spans and tags, for re-use.

The quiz engine reads this file; its format is :mod:`quizgen.corpus` (documented in the README).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from quizgen.corpus import Act, Bounds, Clause, Corpus, Section, SourceLocation, Span, Stretch
from quizgen.sphinxext.commentary.claims import corpus_claims, corpus_points
from quizgen.sphinxext.edition.domain import DeclarationDomain, clause_anchor, roman_value
from quizgen.sphinxext.edition.vocab import vocabulary
from quizgen.sphinxext.quizzes.questions import corpus_questions
from quizgen.sphinxext.site.problems import problem_count, report
from quizgen.sphinxext.site.unchanged import mark_published, still_holds

CORPUS_FILENAME = "corpus.json"


def build_corpus(app: Sphinx) -> Corpus:
    env = app.env
    builder = app.builder
    domain = env.get_domain("decl")
    assert isinstance(domain, DeclarationDomain)
    vocab = vocabulary(env)
    prefix = Path(app.srcdir).name
    clauses: list[Clause] = []
    section_docs: dict[str, str] = {}
    for record in domain.sorted_clauses():
        section_docs.setdefault(record["section"], record["docname"])
        spans = tuple(Span(s["type"], s["text"], s["value"], s["start"], s["end"]) for s in record["spans"])
        clauses.append(Clause(
            id=record["id"], section=record["section"], number=record["number"], text=record["text"],
            themes=tuple(record["themes"]), spans=spans,
            source=SourceLocation(f"{prefix}/{record['file']}", record["line"]),
            url=f"{builder.get_target_uri(record['docname'])}#{clause_anchor(record['id'])}",
            acts=tuple(Act(a["actor"], a["act"], Stretch(**a["verb"]), Stretch(**a["object"]),
                           Bounds(**a["sentence"])) for a in record.get("acts", ())),
        ))
    sections = [
        Section(section, env.titles[docname].astext() if docname in env.titles else section,
                builder.get_target_uri(docname))
        for section, docname in sorted(section_docs.items(), key=lambda kv: roman_value(kv[0]))
    ]
    extra: dict[str, Any] = {}
    extra["claims"] = corpus_claims(env)
    extra["synthesis_points"] = corpus_points(env)
    if questions := corpus_questions(env):
        extra["questions"] = questions  # teachers' {question} blocks, read by quizgen.generate.authored
    return Corpus(title=app.config.project, clauses=clauses, sections=sections, themes=dict(vocab.themes),
                  labels=vocab.labels(), credit=app.config.quizgen_credit, extra=extra,
                  work=dict(vocab.work), acts=vocab.acts_table(),
                  actors={k: {"label": label} for k, label in sorted(vocab.actors.items())},
                  entities=vocab.entities(),
                  site_url=app.config.quizgen_site_url.strip())


def check_numbering(app: Sphinx, env: Any) -> None:
    """Within a section, clauses are numbered 1, 2, 3… with no gap: a gap means a lost paragraph."""
    domain = env.get_domain("decl")
    by_section: dict[str, list[dict[str, Any]]] = {}
    for record in domain.sorted_clauses():
        by_section.setdefault(record["section"], []).append(record)
    for section, records in by_section.items():
        for expected, record in enumerate(records, start=1):
            if record["number"] != expected:
                report(f"clause {record['id']} follows {section}.{expected - 1}: clause {section}.{expected} "
                       "is missing", "number the clauses of each section 1, 2, 3… without gaps",
                       (record["docname"], record["line"]), subtype="numbering")
                break


def write_corpus(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    if problem_count(app):
        # A corpus from sources with errors would feed wrong questions to the quiz engine; the previous
        # build's corpus would describe other sources: neither is left for a reader (problems.py says so).
        (Path(app.outdir) / CORPUS_FILENAME).unlink(missing_ok=True)
        return
    target = Path(app.outdir) / CORPUS_FILENAME
    if still_holds(app, CORPUS_FILENAME, (), [target]):
        return  # no document read: the last build's corpus is this one
    # The quizzes' corpus of this build (webquiz.build_cache), when they needed one: the same, built once.
    cache = getattr(app, "_quizgen_web_cache", None)
    if cache is not None:
        target.write_text(cache.corpus_text, encoding="utf-8")
    else:
        build_corpus(app).write(target)
    mark_published(app, CORPUS_FILENAME, ())


def setup_corpus_writer(app: Sphinx) -> None:
    app.add_config_value("quizgen_credit", "", "env", types=[str])
    app.connect("env-check-consistency", check_numbering)
    app.connect("build-finished", write_corpus)
