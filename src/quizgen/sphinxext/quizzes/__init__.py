"""The quizzes on the site: web quiz pages, the teachers' questions, exports and their downloads, the
quiz composer.
"""

from __future__ import annotations

from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    """Wire the quizzes components, in the order their events need."""
    # Imported here, not at the top: the groups' modules import one another (the corpus carries the
    # commentary's claims), and a package that imported its modules on import would close a cycle.
    from quizgen.sphinxext.quizzes.downloads import setup_downloads
    from quizgen.sphinxext.quizzes.questions import setup_questions
    from quizgen.sphinxext.quizzes.quizbuilder import setup_quizbuilder
    from quizgen.sphinxext.quizzes.webquiz import setup_webquiz

    setup_webquiz(app)
    setup_questions(app)
    setup_downloads(app)
    setup_quizbuilder(app)
