"""The bibliography's formatted entries kept between builds (issue 16): the same text as pybtex's own
``unsrt``, served from the doctree folder's store when the entry did not change, formatted again when it did."""

from __future__ import annotations

from pathlib import Path

import pytest
from pybtex.database import Entry, Person  # type: ignore[import-untyped]
from pybtex.style.formatting.unsrt import Style as Unsrt  # type: ignore[import-untyped]

from quizgen.sphinxext.site import bibcache


def entry(title: str = "Déclaration de Tianjin", author: str = "Le Grand Continent") -> Entry:
    found = Entry("misc", fields={"title": title, "year": "2025", "note": "Texte reproduit"})
    found.key = "lgc"
    found.persons["author"] = [Person(author)]
    return found


def text(formatted: object) -> str:
    return formatted.text.render_as("text")  # type: ignore[attr-defined]


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / bibcache.STORE_FILE
    monkeypatch.setattr(bibcache, "_store", bibcache.Store(path))
    return path


def test_a_kept_entry_reads_as_unsrt_writes_it(store: Path) -> None:
    assert text(bibcache.KeptUnsrt().format_entry("1", entry())) == text(Unsrt().format_entry("1", entry()))


def test_an_unchanged_entry_is_served_from_the_store_and_a_changed_one_formatted_again(
        store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = text(bibcache.KeptUnsrt().format_entry("1", entry()))
    bibcache._store.save()
    assert store.is_file()

    monkeypatch.setattr(bibcache, "_store", bibcache.Store(store))  # the next build
    calls: list[str] = []
    original = Unsrt.format_entry

    def counted(self: Unsrt, label: str, found: Entry, bib_data: object = None) -> object:
        calls.append(found.fields["title"])
        return original(self, label, found, bib_data=bib_data)

    monkeypatch.setattr(Unsrt, "format_entry", counted)
    assert text(bibcache.KeptUnsrt().format_entry("1", entry())) == first
    assert calls == []  # served
    changed = text(bibcache.KeptUnsrt().format_entry("1", entry(title="Déclaration commune")))
    assert "Déclaration commune" in changed and calls == ["Déclaration commune"]
    other_author = text(bibcache.KeptUnsrt().format_entry("1", entry(author="Grain de sel")))
    assert "Grain de sel" in other_author and len(calls) == 2
    bibcache.KeptUnsrt().format_entry("2", entry())  # another label: another key
    assert len(calls) == 3


def test_a_torn_store_is_only_a_cache(store: Path) -> None:
    store.write_bytes(b"not a pickle")
    assert bibcache.Store(store).stored == {}
    bibcache._store = bibcache.Store(store)
    assert "2025" in text(bibcache.KeptUnsrt().format_entry("1", entry()))


def test_the_store_is_written_only_when_its_entries_change(store: Path) -> None:
    bibcache.KeptUnsrt().format_entry("1", entry())
    bibcache._store.save()
    stamp = store.stat().st_mtime_ns
    again = bibcache.Store(store)
    bibcache._store = again
    bibcache.KeptUnsrt().format_entry("1", entry())
    again.save()
    assert store.stat().st_mtime_ns == stamp
