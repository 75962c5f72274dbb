"""The commentary beside the text: the teacher's notes, margin notes and back-links, the experts'
claims, the chronology, the member states' roles and cards, the world map.
"""

from __future__ import annotations

from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    """Wire the commentary components, in the order their events need."""
    # Imported here, not at the top: the groups' modules import one another (the corpus carries the
    # commentary's claims), and a package that imported its modules on import would close a cycle.
    from quizgen.sphinxext.commentary.chronology import setup_chronology
    from quizgen.sphinxext.commentary.claims import setup_claims
    from quizgen.sphinxext.commentary.commentary import setup_commentary
    from quizgen.sphinxext.commentary.countries import setup_countries
    from quizgen.sphinxext.commentary.teacher import setup_teacher
    from quizgen.sphinxext.commentary.worldmap import setup_worldmap

    setup_teacher(app)
    setup_commentary(app)
    setup_claims(app)
    setup_chronology(app)
    setup_countries(app)
    setup_worldmap(app)
