"""corpus.json written by hand-built dicts (issue 16: dataclasses.asdict deep-copied every string): the same
dicts as asdict gives, for every clause of the real corpus, and a file that reads back to the same corpus."""

from __future__ import annotations

from dataclasses import asdict, fields
from pathlib import Path

import pytest

from quizgen.corpus import Act, Clause, Corpus, _clause_to_dict
from student_support import real_corpus


def test_every_clause_is_written_as_asdict_would_write_it(request: pytest.FixtureRequest) -> None:
    corpus = real_corpus(request)
    assert any(c.acts for c in corpus.clauses) and any(c.spans for c in corpus.clauses)
    for clause in corpus.clauses:
        expected = asdict(clause)
        expected["themes"] = list(clause.themes)
        expected["spans"] = [asdict(s) for s in clause.spans]
        expected["acts"] = [asdict(a) for a in clause.acts]
        assert _clause_to_dict(clause) == expected, clause.id


def test_a_field_added_to_a_clause_or_act_must_be_written() -> None:
    # The written-out dicts name every field: one added to the dataclasses without them would be lost.
    assert [f.name for f in fields(Clause)] == ["id", "section", "number", "text", "themes", "spans", "source",
                                                "url", "acts"]
    assert [f.name for f in fields(Act)] == ["actor", "act", "verb", "object", "sentence"]


def test_the_file_reads_back_to_the_same_corpus(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    corpus = real_corpus(request)
    corpus.write(tmp_path / "corpus.json")
    again = Corpus.load(tmp_path / "corpus.json")
    assert again.clauses == corpus.clauses
    assert again.dumps() == corpus.dumps()
