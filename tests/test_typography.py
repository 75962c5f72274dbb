"""The one French typography function that every output uses."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizgen.typography import NBSP, NNBSP, french_typography


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("thème: paix", f"thème{NBSP}: paix"),
        ("thème : paix", f"thème{NBSP}: paix"),
        ("Pourquoi ?", f"Pourquoi{NNBSP}?"),
        ("Pourquoi?", f"Pourquoi{NNBSP}?"),
        ("oui ; non !", f"oui{NNBSP}; non{NNBSP}!"),
        ("« OCS »", f"«{NNBSP}OCS{NNBSP}»"),
        ("«OCS»", f"«{NNBSP}OCS{NNBSP}»"),
        ("l'OCS", "l’OCS"),
        ("le 1er septembre", "le 1ᵉʳ septembre"),
        ("la 1re fois", "la 1ʳᵉ fois"),
        ("le 80e anniversaire", "le 80ᵉ anniversaire"),
        ("le XXIe siècle", "le XXIᵉ siècle"),
    ],
)
def test_french_marks(raw: str, expected: str) -> None:
    assert french_typography(raw) == expected


@pytest.mark.parametrize(
    "untouched",
    ["https://example.org/a?b=1", "10:30", "Le Ce De", "2er", "l’Inde", "II.12", "x=1;y=2"],
)
def test_leaves_addresses_times_and_words_alone(untouched: str) -> None:
    assert french_typography(untouched) == untouched


def test_ordinals_can_be_kept_plain() -> None:
    assert french_typography("le 1er mai", ordinals=False) == "le 1er mai"


@given(st.text(alphabet=st.sampled_from(list("ab :;!?«»'1er XVI\u00a0\u202f")), max_size=40))
def test_idempotent(text: str) -> None:
    once = french_typography(text)
    assert french_typography(once) == once


@pytest.mark.parametrize("text", ["1:»", "oui ?»", "« a : b »", "x;»"])
def test_idempotent_before_closing_quote(text: str) -> None:
    once = french_typography(text)
    assert french_typography(once) == once
