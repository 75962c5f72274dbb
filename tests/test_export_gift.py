"""GIFT, proved by an independent reader: npm's gift-pegjs parses every file we write, and finds in it the
questions, answers, categories and texts we meant."""

from __future__ import annotations

import html

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from export_support import (
    choice,
    cloze,
    matching,
    ordering,
    parse_gift,
    quiz_of,
    real_quizzes,
    require_gift_pegjs,
    sample_questions,
    squash,
    texts,
    truefalse,
)
from quizgen.export import gift
from quizgen.export.common import bank, by_section, pairs
from quizgen.question import Question
from quizgen.quiz import Quiz

TYPES = {"choice": "MC", "truefalse": "TF", "matching": "Matching", "ordering": "Matching"}


def shown(field: dict[str, str] | None) -> str:
    """A text as a reader shows it: GIFT-unescaped by the parser, then HTML-decoded (our texts are [html])."""
    if field is None:
        return ""
    return squash(html.unescape(field["text"].replace("<br>", "\n")))


#: gift-pegjs 1.0.2 leaves its escape placeholders in the right-hand side of a matching pair (its PlainText rule
#: skips the decoding its other rules do); Moodle decodes them there too, so the test finishes the job.
PLACEHOLDERS = {"&&092;": "\\", "&&058;": ":", "&&035;": "#", "&&061;": "=", "&&123;": "{", "&&125;": "}",
                "&&126;": "~", "&&010": "\n"}


def subanswer(text: str) -> str:
    for code, char in PLACEHOLDERS.items():
        text = text.replace(code, char)
    return squash(text)


def check_question(q: Question, parsed: dict[str, object]) -> None:
    assert parsed["type"] == TYPES[q.form], (q.id, parsed)
    assert parsed["id"] == q.id
    assert parsed["title"] == gift.question_name(q)
    stem = shown(parsed["stem"])  # type: ignore[arg-type]
    if q.form == "truefalse":
        assert parsed["isTrue"] == (q.options[q.answers[0]] == "Vrai")
        assert stem == squash(q.prompt)
    elif q.form in ("matching", "ordering"):
        found = [(shown(p["subquestion"]), subanswer(p["subanswer"])) for p in parsed["matchPairs"]]  # type: ignore[attr-defined]
        assert found == [(squash(left), squash(right)) for left, right in pairs(q)]
    else:
        choices = parsed["choices"]
        assert [shown(c["text"]) for c in choices] == [squash(o) for o in q.options]  # type: ignore[attr-defined]
        right = [i for i, c in enumerate(choices) if (c["weight"] or 0) > 0 or c["isCorrect"]]  # type: ignore[attr-defined]
        assert right == sorted(q.answers)
        if q.cloze is not None:
            assert parsed["hasEmbeddedAnswers"], "a cloze is a missing-word question, its answers inside the text"
            assert stem == squash(q.prompt.replace("_____", " _____ "))
        else:
            assert stem == squash(q.prompt)
    assert squash(q.feedback) in shown(parsed["globalFeedback"])  # type: ignore[arg-type]


def check_quiz(quiz: Quiz) -> None:
    parsed = parse_gift(gift.dumps(quiz))
    categories = [p["title"] for p in parsed if p["type"] == "Category"]
    questions = [p for p in parsed if p["type"] != "Category"]
    groups = by_section(quiz)
    assert categories == [gift.category(quiz, section) for section, _ in groups]
    assert len(categories) == len(set(categories)), "one category per section"
    ordered = [q for _, qs in groups for q in qs]
    assert len(questions) == len(ordered) == len(bank(quiz))
    for q, p in zip(ordered, questions, strict=True):
        check_question(q, p)


def test_escape_follows_moodles_exporter() -> None:
    assert gift.escape("a\\b~c=d#e{f}g:h\ni") == "a\\\\b\\~c\\=d\\#e\\{f\\}g\\:h\\ni"
    assert gift.rich("x -> <y> & z") == "x -&gt; &lt;y&gt; &amp; z"  # '->' cannot be read as a matching arrow
    assert gift.rich("%50% de") == "&\\#37;50% de"  # not a weight


def test_every_form_parses_back() -> None:
    check_quiz(quiz_of(sample_questions()))


def test_cloze_is_a_missing_word_with_the_answers_in_the_sentence() -> None:
    q = cloze("Le sommet s’est tenu à ", "Tianjin", " en 2025.", ("Astana", "Minsk"))
    line = gift.question(q)
    assert "« Le sommet s’est tenu à {~Astana ~Minsk =Tianjin####" in line
    assert line.endswith("} en 2025. »")


def test_several_right_answers_get_weights_from_moodles_list() -> None:
    line = gift.question(choice("Lesquels ?", ("a", "b", "c"), (0, 2)))
    assert "~%50%a ~%-50%b ~%50%c" in line
    with pytest.raises(Exception, match="not one of Moodle's grades"):
        gift.question(choice("Lesquels ?", tuple("abcdefghijklm"), tuple(range(11))))


def test_truefalse_carries_feedback_both_ways_and_the_clause_link() -> None:
    parsed = parse_gift(gift.question(truefalse("La SRAT siège à Tachkent.", True)) + "\n")[0]
    assert parsed["isTrue"] is True
    assert parsed["trueFeedback"]["text"] == gift.WRONG and parsed["falseFeedback"]["text"] == gift.RIGHT
    assert "Source : clause I.2" in parsed["globalFeedback"]["text"]  # no site address: cited, not linked
    assert "href" not in parsed["globalFeedback"]["text"]


def test_the_question_text_never_holds_the_answer() -> None:
    """Students see the stem and the options; which one is right lives only in the answer markers."""
    q = cloze("Le sommet s’est tenu à ", "Tianjin", " en 2025.", ("Astana", "Minsk"))
    parsed = parse_gift(gift.question(q) + "\n")[0]
    assert "Tianjin" not in parsed["stem"]["text"]


def test_real_quizzes_parse_back(request: pytest.FixtureRequest) -> None:
    require_gift_pegjs()
    for quiz in real_quizzes(request):
        check_quiz(quiz)


def test_an_unbalanced_brace_would_be_caught() -> None:
    """The reader is strict: the check above means something."""
    require_gift_pegjs()
    with pytest.raises(pytest.fail.Exception):
        parse_gift("::t:: Question {=a ~b\n")


@settings(max_examples=20, deadline=None)
@given(prompt=texts, options=st.lists(texts, min_size=2, max_size=4, unique_by=squash), feedback=texts,
       left=st.lists(texts, min_size=2, max_size=3, unique_by=squash), statement=texts)
def test_any_text_survives(prompt: str, options: list[str], feedback: str, left: list[str], statement: str) -> None:
    rights = [f"r{i} {o}" for i, o in enumerate(options[: len(left)])]
    questions = [choice(prompt, tuple(options), (0,), feedback=feedback),
                 cloze(prompt + " ", options[0], " " + statement, tuple(options[1:])),
                 truefalse(statement, False),
                 matching(tuple(left[: len(rights)]), tuple(rights), tuple(range(len(rights)))),
                 ordering(tuple(options), tuple(reversed(range(len(options)))))]
    if len(left) > len(rights):
        questions.pop(3)
    check_quiz(quiz_of(questions))


def test_a_line_break_in_a_title_or_an_id_writes_no_new_question() -> None:
    """GIFT is line-based: a title or id with a line break must not start a question Moodle would import."""
    from dataclasses import replace

    payload = "x\n\n::INJECTED::Injectée ? {=oui ~non}\n\n// "
    q = replace(choice("Où ?", ("Tianjin", "Astana")), id="q-1" + payload)
    quiz = quiz_of([q, truefalse("La SRAT siège à Tachkent.", True)], title="Essai" + payload, quiz_id="essai")
    text = gift.dumps(quiz)
    parsed = [p for p in parse_gift(text) if p["type"] != "Category"]
    assert [p["type"] for p in parsed] == ["TF", "MC"]  # the payload stays inside a title, escaped
    assert not any(line.startswith("::INJECTED") for line in text.splitlines())
