"""The edition of the text: the vocabulary, the clause domain and its citation tips, typed spans,
clauses and their acts, the glossary, the edition apparatus, the source checks, and the corpus written
for the quiz engine.
"""

from __future__ import annotations

from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    """Wire the edition components, in the order their events need."""
    # Imported here, not at the top: the groups' modules import one another (the corpus carries the
    # commentary's claims), and a package that imported its modules on import would close a cycle.
    from quizgen.sphinxext.edition.acts import setup_acts
    from quizgen.sphinxext.edition.cite_tips import setup_cite_tips
    from quizgen.sphinxext.edition.clause import setup_clause
    from quizgen.sphinxext.edition.corpus_writer import setup_corpus_writer
    from quizgen.sphinxext.edition.domain import setup_domain
    from quizgen.sphinxext.edition.edition import setup_edition
    from quizgen.sphinxext.edition.glossary import setup_glossary
    from quizgen.sphinxext.edition.source_checks import setup_source_checks
    from quizgen.sphinxext.edition.spans import setup_spans
    from quizgen.sphinxext.edition.vocab import setup_vocab

    setup_vocab(app)
    setup_domain(app)
    setup_cite_tips(app)
    setup_spans(app)
    setup_clause(app)
    setup_acts(app)
    setup_glossary(app)
    setup_edition(app)
    setup_corpus_writer(app)
    setup_source_checks(app)
