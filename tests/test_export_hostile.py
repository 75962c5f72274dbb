"""Hostile text through every exporter and the web quiz, each output read back by an independent reader.

Formula starters (``= + - @``) at the start of a text, GIFT's reserved characters, ``]]>``, ``</script>``,
``<!--``, line breaks of every kind, bidirectional marks and a 10 000-character text: gift-pegjs (node) for
GIFT, lxml for Moodle XML and QTI (whose layout is compared with text2qti's in test_export_qti), openpyxl for
the Kahoot sheet, the SQLite collection for Anki, AMC's own grammar for AMC-TXT, an HTML parser then JSON for
the web quiz's data. Each format's own checks (``check`` of its test module) say what must survive.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

import test_export_amc
import test_export_anki
import test_export_gift
import test_export_kahoot
import test_export_moodle
import test_export_qti
from export_support import choice, cloze, matching, ordering, quiz_of, squash, truefalse
from quizgen.question import Question
from quizgen.quiz import Quiz
from quizgen.sphinxext.quizzes.webquiz import quiz_data, shell_html

STARTS = ["=", "+", "-", "@", "=HYPERLINK(\"x\")", "=cmd|' /C calc'!A0", ""]
PIECES = ["~", "=", "#", "{", "}", ":", "]]>", "</script>", "<!--", "\n", "\r\n", "\u2028", "\u200f", "\u202e",
          "\u200e", "->", "&amp;", "« x »", "a", "é", " ", "[[x]]", "!img!", "%50%", "\\", "//"]
LONG = ("Les États membres ont salué l’OCS ; " * 300)[:10_000]
hostile = st.builds(lambda start, body: (start + "".join(body)).strip() or "x",
                    st.sampled_from(STARTS), st.lists(st.sampled_from(PIECES), min_size=1, max_size=10)).filter(
    lambda s: not s.startswith("/") and bool(squash(s)))


def questions(texts: list[str]) -> list[Question]:
    a, b, c, d = texts
    options = tuple(dict.fromkeys(squash(t) for t in (a, b, c, d + " 4")))  # distinct as a reader sees them
    options = tuple(o for o in (a, b, c, d + " 4") if squash(o) in options)[:4]
    if len({squash(o) for o in options}) < len(options) or len(options) < 2:
        options = (a + " 1", b + " 2")
    return [choice(a, options, (0,), feedback=b),
            cloze(a + " ", options[0], " " + c, options[1:]),
            truefalse(c, True),
            matching(tuple(f"s{i} {o}" for i, o in enumerate(options)), options, tuple(range(len(options)))),
            ordering(options, tuple(range(len(options))))]


def web_quiz_round_trip(quiz: Quiz) -> None:
    """The web quiz's data as a browser gets it: the page parsed as HTML, the script's text parsed as JSON."""
    data = quiz_data("qg-quiz-essai", quiz.title, "practice", 30, [v.questions for v in quiz.variants],
                     "quiz/index.html")
    page = lxml_html.fromstring(f"<html><body>{shell_html('qg-quiz-essai', data, strings=False, count=1)}"
                                "<p id='after'>après</p></body></html>")
    (script,) = page.xpath("//script[@type='application/json']")
    assert json.loads(script.text) == json.loads(json.dumps(data))  # the script is not cut short by its text
    assert page.xpath("//p[@id='after']"), "the text closed the script or the section early"


def every_reader(quiz: Quiz) -> None:
    test_export_gift.check_quiz(quiz)
    test_export_moodle.check(quiz)
    test_export_qti.check(quiz)
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        test_export_kahoot.check(quiz, base / "kahoot")
        test_export_anki.check(quiz, base / "anki")
        test_export_amc.check(quiz, base / "amc")
    web_quiz_round_trip(quiz)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(hostile, min_size=4, max_size=4), title=hostile)
def test_hostile_text_survives_every_format(texts: list[str], title: str) -> None:
    every_reader(quiz_of(questions(texts), title=title.replace("\n", " ")))


def test_ten_thousand_characters() -> None:
    every_reader(quiz_of(questions([LONG, "=" + LONG[:200], "@" + LONG[:500], "+" + LONG]), title="Long"))
