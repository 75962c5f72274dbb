"""French typography in everything a built quiz carries, not only its questions: title, source, credit."""

from __future__ import annotations

import json
import re

import pytest

from export_support import real_quizzes

# A plain space where French wants a no-break one: before ; : ! ? and », after «.
PLAIN = re.compile(r"\w [;:!?»]|« \w")


def test_no_plain_space_anywhere_in_the_quiz_json(request: pytest.FixtureRequest) -> None:
    for quiz in real_quizzes(request):
        data = json.loads(quiz.dumps())
        texts = [data["title"], data.get("source", ""), data.get("credit", "")]
        slips = [t for t in texts if PLAIN.search(t)]
        assert not slips, (quiz.id, slips)
        assert not PLAIN.search(quiz.dumps()), quiz.id
