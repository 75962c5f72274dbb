"""Author-date citations whose "no date" is translated: « (Grain de sel – Focus Europe, s. d.) » in French.

sphinxcontrib-bibtex's ``author_year`` style writes a missing year as the English "n.d." and offers no
setting for it. This module registers ``author_year_i18n``: the same style (same roles, brackets and
separators, built from the library's own classes), whose year falls back on the translated string
``n.d.`` of the extension's catalog ("s. d.", *sans date*, in French). Select it in ``conf.py``::

    bibtex_reference_style = "author_year_i18n"
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pybtex.style.template import Node, field, first_of, node, optional  # type: ignore[import-untyped]
from sphinx.application import Sphinx
from sphinxcontrib.bibtex.plugin import register_plugin
from sphinxcontrib.bibtex.style.referencing import GroupReferenceStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle
from sphinxcontrib.bibtex.style.referencing.basic_author_year import (
    BasicAuthorYearParentheticalReferenceStyle,
    BasicAuthorYearTextualReferenceStyle,
)
from sphinxcontrib.bibtex.style.referencing.extra_author import ExtraAuthorReferenceStyle
from sphinxcontrib.bibtex.style.referencing.extra_empty import ExtraEmptyReferenceStyle
from sphinxcontrib.bibtex.style.referencing.extra_label import ExtraLabelReferenceStyle
from sphinxcontrib.bibtex.style.referencing.extra_year import ExtraYearReferenceStyle
from sphinxcontrib.bibtex.style.template import join, join2, post_text, pre_text, reference

from quizgen.sphinxext.site.i18n import _

STYLE_NAME = "author_year_i18n"
PLUGIN_GROUP = "sphinxcontrib.bibtex.style.referencing"


@node  # type: ignore[untyped-decorator]
def year(children: list[Any], data: dict[str, Any]) -> Any:
    """The entry's year, or the translated "n.d." when it has none (read when the citation is written)."""
    assert not children
    return first_of[optional[field("year")], str(_("n.d."))].format_data(data)


@dataclass
class ParentheticalStyle(BasicAuthorYearParentheticalReferenceStyle):
    """``{cite:p}``: the library's template, with :func:`year`."""

    def inner(self, role_name: str) -> Node:
        return join2(sep1=self.pre_text_sep, sep2=self.post_text_sep)[
            pre_text,
            reference[join(sep=self.author_year_sep)[
                self.person.author_or_editor_or_title(full="s" in role_name), year]],
            post_text,
        ]


@dataclass
class TextualStyle(BasicAuthorYearTextualReferenceStyle):
    """``{cite:t}``: the library's template, with :func:`year`."""

    def inner(self, role_name: str) -> Node:
        return join(sep=self.text_reference_sep)[
            self.person.author_or_editor_or_title(full="s" in role_name),
            join[self.bracket.left,
                 join2(sep1=self.pre_text_sep, sep2=self.post_text_sep)[pre_text, reference[year], post_text],
                 self.bracket.right],
        ]


@dataclass
class YearStyle(ExtraYearReferenceStyle):
    """``{cite:year}``: the year, or the translated "n.d."."""

    def inner(self, role_name: str) -> Node:
        return reference[year]


@dataclass
class AuthorYearI18nReferenceStyle(AuthorYearReferenceStyle):
    """:class:`AuthorYearReferenceStyle` with the three templates that print a year replaced."""

    def __post_init__(self) -> None:
        self.styles.extend([
            ParentheticalStyle(bracket=self.bracket_parenthetical, person=self.person,
                               author_year_sep=self.author_year_sep, pre_text_sep=self.pre_text_sep,
                               post_text_sep=self.post_text_sep),
            TextualStyle(bracket=self.bracket_textual, person=self.person,
                         text_reference_sep=self.text_reference_sep, pre_text_sep=self.pre_text_sep,
                         post_text_sep=self.post_text_sep),
            ExtraAuthorReferenceStyle(bracket=self.bracket_author, person=self.person),
            ExtraLabelReferenceStyle(bracket=self.bracket_label),
            YearStyle(bracket=self.bracket_year),
            ExtraEmptyReferenceStyle(),
        ])
        GroupReferenceStyle.__post_init__(self)  # type: ignore[no-untyped-call]


def setup_bibstyle(app: Sphinx) -> None:
    # Registered at set-up time, before sphinxcontrib-bibtex looks the style up (builder-inited); a
    # second Sphinx application in the same process finds it registered already.
    register_plugin(PLUGIN_GROUP, STYLE_NAME, AuthorYearI18nReferenceStyle)
