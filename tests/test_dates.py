from __future__ import annotations

import pytest

from quizgen.dates import DateError, check_iso, parse_french_date, sort_key


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("19 juin 2025", "2025-06-19"),
        ("1er septembre 2025", "2025-09-01"),
        ("juin 2025", "2025-06"),
        ("2026", "2026"),
        ("4-5 novembre 2024", "2024-11-04/2024-11-05"),
        ("du 30 octobre au 13 novembre 2025", "2025-10-30/2025-11-13"),
        ("du 31 juillet au 2 août 2025", "2025-07-31/2025-08-02"),
        ("2025-2027", "2025/2027"),
        ("le 20 septembre 2025", "2025-09-20"),
    ],
)
def test_french_dates_are_normalised(text: str, iso: str) -> None:
    assert parse_french_date(text) == iso


@pytest.mark.parametrize("text", ["11 mars", "31 février 2025", "bientôt", "juin", "2025 juin"])
def test_unreadable_dates_say_how_to_fix(text: str) -> None:
    with pytest.raises(DateError) as err:
        parse_french_date(text)
    assert "2025" in str(err.value)  # every message shows a correct form


def test_explicit_iso_values() -> None:
    assert check_iso("2025-03-11") == "2025-03-11"
    assert check_iso("2024/2025") == "2024/2025"
    for bad in ("2025-13", "11/03/2025", "2025-02-30", "25"):
        with pytest.raises(DateError):
            check_iso(bad)


def test_dates_sort_by_their_start() -> None:
    values = ["2025-06-19", "2024-11-04/2024-11-05", "2025", "2025-06"]
    assert sorted(values, key=sort_key) == ["2024-11-04/2024-11-05", "2025", "2025-06", "2025-06-19"]
