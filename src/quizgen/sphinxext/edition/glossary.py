"""``{vocabulary-glossary}``: the glossary of every organisation, body and treaty, made from the vocabulary.

Nothing is kept by hand: the headwords, full names and descriptions come from the vocabulary file,
and the ``{org}`` spans of the declaration link here.
"""

from __future__ import annotations

from docutils import nodes
from docutils.nodes import Node
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.domains.std import make_glossary_term
from sphinx.util.docutils import SphinxDirective

from quizgen.sphinxext.edition.vocab import glossary_term, vocabulary
from quizgen.sphinxext.site.i18n import _


class VocabularyGlossary(SphinxDirective):
    has_content = False

    def run(self) -> list[Node]:
        vocab = vocabulary(self.env)
        items = nodes.definition_list()
        source, line = self.get_source_info()
        for key in sorted(vocab.orgs, key=lambda k: glossary_term(vocab, k).casefold()):
            org = vocab.orgs[key]
            headword = glossary_term(vocab, key)
            term = make_glossary_term(self.env, [nodes.Text(headword)], None, source, line, None,
                                      self.state.document)
            definition = nodes.definition()
            if org.acronym:
                definition += nodes.paragraph("", "", nodes.strong("", org.label))
            kind = nodes.inline("", org.kind, classes=["qg-glossary-kind"])
            definition += nodes.paragraph("", "", kind, nodes.Text(" — " + org.description))
            items += nodes.definition_list_item("", term, definition)
        # Places the text names by an acronym (ALC): a region, not an organisation, but a reader needs the word.
        for name, place in sorted(vocab.place_info.items()):
            if not place.description:
                continue
            term = make_glossary_term(self.env, [nodes.Text(name)], None, source, line, None, self.state.document)
            kind = nodes.inline("", _("region") if place.subtype == "region" else _("place"),
                                classes=["qg-glossary-kind"])
            definition = nodes.definition("", nodes.paragraph("", "", kind, nodes.Text(" — " + place.description)))
            items += nodes.definition_list_item("", term, definition)
        glossary = addnodes.glossary()
        glossary["sorted"] = True
        glossary += items
        intro = nodes.paragraph("", _("%d entries, generated from the kit's vocabulary file.") % len(items.children),
                                classes=["qg-glossary-count"])
        return [intro, glossary]


def setup_glossary(app: Sphinx) -> None:
    app.add_directive("vocabulary-glossary", VocabularyGlossary)
