"""What every page of the site needs: translations, problem reports, node types, the bibliography's
style (and its entries, kept between builds), French typography, site files, the navigation, the search
index, what a no-op build keeps.
"""

from __future__ import annotations

from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    """Wire the site components, in the order their events need."""
    # Imported here, not at the top: the groups' modules import one another (the corpus carries the
    # commentary's claims), and a package that imported its modules on import would close a cycle.
    from quizgen.sphinxext.site.bibcache import setup_bibcache
    from quizgen.sphinxext.site.bibstyle import setup_bibstyle
    from quizgen.sphinxext.site.i18n import setup_i18n
    from quizgen.sphinxext.site.node_types import setup_nodes
    from quizgen.sphinxext.site.problems import setup_problems
    from quizgen.sphinxext.site.search import setup_search
    from quizgen.sphinxext.site.sitefiles import setup_sitefiles
    from quizgen.sphinxext.site.sitenav import setup_sitenav
    from quizgen.sphinxext.site.typography import setup_typography
    from quizgen.sphinxext.site.unchanged import setup_unchanged

    setup_i18n(app)
    setup_problems(app)
    setup_nodes(app)
    setup_bibstyle(app)
    setup_bibcache(app)
    setup_typography(app)
    setup_sitefiles(app)
    setup_sitenav(app)
    setup_search(app)
    setup_unchanged(app)
