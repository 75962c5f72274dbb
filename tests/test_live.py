"""The live class (quizgen live): store, state machine, security, results, and what goes over the wire."""

from __future__ import annotations

import contextlib
import csv
import json
import re
import sqlite3
import time
from pathlib import Path

import pytest

from live_helpers import Client, questions, running, student, teacher
from quizgen.live import security
from quizgen.live.questions import LiveQuestion
from quizgen.live.results import write_results
from quizgen.live.security import BadMessage, BadPseudonym, RateLimit, clean_pseudonym, parse_message
from quizgen.live.server import WS_MAX_SIZE, open_session
from quizgen.live.session import RESUME_MIN, Refused, State, apply, resumed, tick
from quizgen.live.store import NameTaken, Store, Student

QS = questions()


def answer_for(q: dict[str, object] | LiveQuestion, right: bool = True) -> list[int]:
    """A well-formed answer to a question (its key, or a wrong one)."""
    if isinstance(q, LiveQuestion):
        key = list(q.answers)
        form, n = q.form, len(q.options)
    else:
        raise TypeError(q)
    if right:
        return key
    if form == "ordering":
        return list(reversed(key)) if key != list(reversed(key)) else key[1:] + key[:1]
    if form == "matching":
        return [(a + 1) % n for a in key]
    return [next(i for i in range(n) if i not in key)]


# -- questions ---------------------------------------------------------------------------------------


def test_questions_come_from_the_engine_and_cover_every_form() -> None:
    assert {q.form for q in QS} == {"choice", "truefalse", "matching", "ordering"}
    assert all(q.id.startswith("q-") for q in QS)


def test_public_view_of_a_question_has_no_key() -> None:
    for q in QS:
        public = json.dumps(q.public(), ensure_ascii=False)
        assert set(q.public()) == {"number", "form", "prompt", "options", "stems", "multi", "time"}
        assert "answers" not in public and "feedback" not in public


@pytest.mark.parametrize("q", QS, ids=lambda q: q.form)
def test_answers_are_checked(q: LiveQuestion) -> None:
    assert q.valid(answer_for(q)) and q.right(answer_for(q))
    assert q.valid(answer_for(q, right=False)) and not q.right(answer_for(q, right=False))
    for bad in (None, "0", [len(q.options)], [-1], [0.0], [True], {"a": 1}, list(range(40))):
        assert not q.valid(bad), bad
    assert not q.right(None)


# -- state machine ----------------------------------------------------------------------------------------


def test_state_machine_runs_a_whole_quiz() -> None:
    times = [30, 30]
    s = State()
    with pytest.raises(Refused):
        apply(s, "next", 0, 2, times)
    s = apply(s, "start", 100, 2, times)
    assert (s.phase, s.index, s.deadline) == ("question", 0, 130)
    assert s.accepting(129) and not s.accepting(130)
    s = apply(s, "pause", 110, 2, times)
    assert (s.phase, s.remaining) == ("paused", 20) and not s.accepting(111)
    s = apply(s, "resume", 200, 2, times)
    assert s.deadline == 220
    assert tick(s, 219) == s
    s = tick(s, 221)
    assert s.phase == "closed" and not s.accepting(221)
    s = apply(s, "reveal", 222, 2, times)
    with pytest.raises(Refused):
        apply(s, "reveal", 223, 2, times)
    s = apply(s, "next", 224, 2, times)
    assert (s.phase, s.index) == ("question", 1)
    s = apply(s, "next", 225, 2, times)
    assert s.phase == "ended"
    with pytest.raises(Refused):
        apply(s, "end", 226, 2, times)
    with pytest.raises(Refused):
        apply(State(), "jump", 0, 2, times)


def test_a_question_open_at_restart_waits_paused_with_its_time() -> None:
    open_q = State("question", 3, deadline=1000.0)
    assert resumed(open_q, 990.0, 30) == State("paused", 3, 0.0, 10.0)
    assert resumed(open_q, 2000.0, 30).remaining == RESUME_MIN
    assert resumed(open_q, 900.0, 30).remaining == 30
    assert resumed(State("revealed", 2), 5.0, 30) == State("revealed", 2)


# -- store ----------------------------------------------------------------------------------------------


def test_store_keeps_everything_across_a_reopen(tmp_path: Path) -> None:
    db = tmp_path / "live.sqlite3"
    store = Store(db)
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    opened = open_session(store, "k", "Titre", QS, new=False)
    store.add_student(opened.room, "c1", "Alice", "alice")
    with pytest.raises(NameTaken):
        store.add_student(opened.room, "c2", "ALICE", "alice")
    store.save_answers(opened.room, [("c1", 0, [1])])
    store.save_answers(opened.room, [("c1", 0, [2]), ("c1", 1, [0])])
    store.save_state(opened.room, State("question", 1, deadline=time.time() + 20))
    store.close()
    again = Store(db)
    assert again.answers(opened.room) == {0: {"c1": [2]}, 1: {"c1": [0]}}
    assert [s.pseudonym for s in again.students(opened.room)] == ["Alice"]
    # the same quiz resumes its session (same room, same token), paused at the same question
    resumed_session = open_session(again, "k", "Titre", QS, new=False)
    assert (resumed_session.room, resumed_session.token, resumed_session.resumed) == (opened.room, opened.token, True)
    row = again.session(opened.room)
    assert row is not None and row.state.phase == "paused" and row.state.index == 1
    assert row.questions == tuple(QS)
    assert open_session(again, "k", "Titre", QS, new=True).room != opened.room


def test_removed_student_frees_the_name_and_loses_answers(tmp_path: Path) -> None:
    store = Store(tmp_path / "live.sqlite3")
    room = open_session(store, "k", "T", QS, new=True).room
    store.add_student(room, "c1", "Bob", "bob")
    store.save_answers(room, [("c1", 0, [1])])
    store.remove_student(room, "c1")
    assert store.answers(room) == {}
    store.add_student(room, "c2", "Bob", "bob")  # the name is free again
    assert [(s.client, s.removed) for s in store.students(room)] == [("c1", True), ("c2", False)]


def test_purge_deletes_a_session_down_to_the_bytes(tmp_path: Path) -> None:
    db = tmp_path / "live.sqlite3"
    store = Store(db)
    room = open_session(store, "k", "T", QS, new=True).room
    other = open_session(store, "k2", "T2", QS, new=True).room
    store.add_student(room, "c1", "Zorglub-le-pseudo", "zorglub-le-pseudo")
    store.save_answers(room, [("c1", 0, [1])])
    store.add_student(other, "c9", "Gardé", "gardé")
    assert store.purge(room)
    assert not store.purge(room)
    assert store.session(room) is None and store.answers(room) == {}
    assert [s.pseudonym for s in store.students(other)] == ["Gardé"]
    store.close()
    for path in tmp_path.iterdir():
        assert b"Zorglub-le-pseudo" not in path.read_bytes(), path.name


def test_purge_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from quizgen.cli import main

    db = tmp_path / "live.sqlite3"
    store = Store(db)
    room = open_session(store, "k", "T", QS, new=True).room
    store.add_student(room, "c1", "Alice", "alice")
    write_results(tmp_path, room, QS, store.students(room), {})
    store.close()
    assert len(list(tmp_path.glob(f"resultats-{room}*"))) == 3
    assert main(["live", "--sessions", "--db", str(db)]) == 0
    assert room in capsys.readouterr().out
    assert main(["live", "--purge", room, "--db", str(db)]) == 0
    assert "supprimée" in capsys.readouterr().out
    assert not list(tmp_path.glob(f"resultats-{room}*"))
    assert main(["live", "--purge", room, "--db", str(db)]) == 1
    assert f"no session {room!r}" in capsys.readouterr().err


# -- security ------------------------------------------------------------------------------------------


def test_teacher_token_is_long_random_and_compared_safely() -> None:
    token = security.new_token()
    assert len(token) >= 40 and token != security.new_token()
    assert security.same_secret(token, token)
    assert not security.same_secret(token[:-1] + ("A" if token[-1] != "A" else "B"), token)
    assert not security.same_secret(None, token) and not security.same_secret(["x"], token)
    assert not security.same_secret("", token)


def test_pseudonyms() -> None:
    assert clean_pseudonym("  Léa   M. ") == ("Léa M.", "léa m.")
    assert clean_pseudonym("<b>x</b>")[0] == "<b>x</b>"  # kept as text; pages use textContent
    for bad in ("", "   ", None, 12, "x" * 25, "x" * 10_000, "a\u0000b", "a\u202eb"):
        with pytest.raises(BadPseudonym):
            clean_pseudonym(bad)


def test_messages_are_parsed_strictly() -> None:
    assert parse_message('{"t": "ping"}') == {"t": "ping"}
    for bad in (None, b"{}", "", "[1]", '"x"', "{", '{"t": "drop"}', '{"x": 1}', "[" * 5000,
                '{"t": "ping", "p": "' + "x" * security.MAX_MESSAGE + '"}'):
        with pytest.raises(BadMessage):
            parse_message(bad)


def test_rate_limit_refuses_a_flood_and_recovers() -> None:
    limit = RateLimit(burst=5, rate=2)
    assert all(limit.allow(10.0) for _ in range(5))
    assert not limit.allow(10.0) and limit.strikes == 1
    assert limit.allow(10.6)  # one more after half a second at 2 per second


# -- results ------------------------------------------------------------------------------------------


def test_results_files_per_student_and_per_question(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    students = [Student("c1", "Alice", 1.0), Student("c2", "=HYPERLINK(\"x\")", 2.0), Student("c3", "Parti", 3.0, True)]
    answers = {0: {"c1": answer_for(QS[0]), "c2": answer_for(QS[0], right=False), "c3": answer_for(QS[0])},
               1: {"c1": answer_for(QS[1])}}
    paths = write_results(tmp_path, "12345", QS, students, answers)
    assert [p.name for p in paths] == ["resultats-12345-eleves.csv", "resultats-12345-questions.csv",
                                       "resultats-12345.xlsx"]
    with paths[0].open(encoding="utf-8-sig") as f:
        rows = list(csv.reader(f, delimiter=";"))
    assert rows[0][:3] == ["Pseudonyme", "Score", "Sur"]
    assert rows[1][:3] == ["Alice", "2", str(len(QS))]
    assert rows[2][0] == "'=HYPERLINK(\"x\")" and rows[2][1] == "0"  # never a formula
    assert len(rows) == 3  # the removed student is left out
    with paths[1].open(encoding="utf-8-sig") as f:
        qrows = list(csv.reader(f, delimiter=";"))
    assert qrows[1][2:5] == ["2", "1", "0.5"]
    book = load_workbook(paths[2])
    assert book.sheetnames == ["Par élève", "Par question"]
    assert book["Par élève"]["A2"].value == "Alice" and book["Par élève"]["B2"].value == 2


# -- on the wire ------------------------------------------------------------------------------------


def test_students_never_receive_a_key_before_the_reveal(tmp_path: Path) -> None:
    with running(tmp_path) as run:
        t = teacher(run)
        p = teacher(run, "projector")
        s, _ = student(run, "Alice")
        t.send(t="cmd", do="start")
        for index, q in enumerate(QS):
            start = len(s.raw), len(p.raw)
            if index:
                t.send(t="cmd", do="next")
            s.until("state", phase="question", index=index)
            p.until("state", phase="question", index=index)
            s.send(t="answer", q=index, a=answer_for(q, right=index % 2 == 0))
            s.until("ack", q=index)
            before = len(s.raw), len(p.raw)
            t.send(t="cmd", do="reveal")
            shown = s.until("state", phase="revealed")
            p.until("state", phase="revealed")
            for raw in s.raw[start[0]: before[0]] + p.raw[start[1]: before[1]]:
                data = json.loads(raw)
                assert "reveal" not in data and "key" not in data and "stats" not in data, raw
                assert q.feedback not in raw
            assert shown["reveal"]["answers"] == list(q.answers)
            assert shown["reveal"]["right"] is (index % 2 == 0)
        t.send(t="cmd", do="next")
        end = s.until("state", phase="ended")
        assert end["score"] == {"right": (len(QS) + 1) // 2, "total": len(QS)}
        summary = t.until("state", phase="ended")["summary"]
        assert len(summary["missed"]) == 3 and all(m["share"] == 0 for m in summary["missed"])
        assert summary["podium"] == [{"name": "Alice", "score": (len(QS) + 1) // 2}]
        # the end of the quiz wrote the results next to the database
        assert (tmp_path / f"resultats-{run.room}.xlsx").is_file()


def test_an_answer_is_on_disk_before_it_is_acknowledged(tmp_path: Path) -> None:
    with running(tmp_path) as run:
        t = teacher(run)
        s, cid = student(run, "Alice")
        t.send(t="cmd", do="start")
        s.until("state", phase="question")
        s.send(t="answer", q=0, a=answer_for(QS[0]))
        s.until("ack")
        other = sqlite3.connect(run.db)  # another connection sees only committed data
        stored = other.execute("SELECT answer FROM answers WHERE client = ?", (cid,)).fetchall()
        other.close()
        assert stored == [(json.dumps(answer_for(QS[0])),)]
        count = t.until("count", answered=1)
        assert count["new"] == [cid]


def test_teacher_token_is_required(tmp_path: Path) -> None:
    with running(tmp_path) as run:
        for token in (run.token[:-1], "", None, run.token + "x", 12):
            c = Client(run.ws)
            c.send(t="hello", role="teacher", room=run.room, token=token)
            assert c.until("error")["code"] == "token"
            c.close()
        s, _ = student(run, "Alice")
        s.send(t="cmd", do="start")
        assert s.until("error")["code"] == "forbidden"
        proj = teacher(run, "projector")
        proj.send(t="cmd", do="start")
        assert proj.until("error")["code"] == "forbidden"
        assert run.live.state.phase == "lobby"


def test_bad_messages_get_an_error_and_the_server_goes_on(tmp_path: Path) -> None:
    from websockets.exceptions import ConnectionClosed

    with running(tmp_path) as run:
        t = teacher(run)
        s, _ = student(run, "Alice")
        for text in ("{", "[]", '{"t": "nope"}', "x" * (security.MAX_MESSAGE + 1), '{"t": "answer", "q": 0}'):
            s.send_text(text)
            assert s.until("error")["code"] in ("bad", "closed")
        s.conn.send(b"\x00\x01")
        assert s.until("error")["code"] == "bad"
        t.send(t="cmd", do="start")
        s.until("state", phase="question")
        for q, a in ((99, [0]), ("0", [0]), (0, [99]), (0, "A"), (0, [0, 0, 0, 0, 0, 0]), (-1, [0])):
            s.send(t="answer", q=q, a=a)
            assert s.until("error")["code"] in ("invalid", "closed")
        s.send(t="ping")
        s.until("pong")
        # a frame above uvicorn's limit closes that connection only
        big = Client(run.ws)
        big.send_text(json.dumps({"t": "join", "room": run.room, "name": "x" * (WS_MAX_SIZE + 10)}))
        with pytest.raises(ConnectionClosed):
            big.recv(5)
        s.send(t="ping")
        s.until("pong")
        assert run.live.store.count_answers(run.room) == 0


def test_answers_after_the_reveal_or_the_time_are_refused(tmp_path: Path) -> None:
    with running(tmp_path, time_limit=5) as run:
        t = teacher(run)
        s, _ = student(run, "Alice")
        t.send(t="cmd", do="start")
        s.until("state", phase="question")
        t.send(t="cmd", do="reveal")
        s.until("state", phase="revealed")
        s.send(t="answer", q=0, a=answer_for(QS[0]))
        assert s.until("error")["code"] == "closed"
        t.send(t="cmd", do="next")
        s.until("state", phase="question", index=1)
        closed = s.until("state", phase="closed", timeout=10)  # the server's clock closes the question
        assert closed["index"] == 1
        s.send(t="answer", q=1, a=answer_for(QS[1]))
        assert s.until("error")["code"] == "closed"
        assert run.live.store.count_answers(run.room) == 0


def test_pseudonyms_on_the_wire(tmp_path: Path) -> None:
    with running(tmp_path) as run:
        t = teacher(run)
        html_name = "<img src=x onerror=alert(1)>"[:24]
        _s, cid = student(run, html_name)
        state = t.until("state")
        assert {"id": cid, "name": html_name, "answered": False} in state["students"]
        for name, expected in (("x" * 10_000, "Message trop long"), ("y" * 30, "24 caractères"),
                               ("<img SRC=x onerror=alert(1)>"[:24], "déjà pris"), ("", "pseudonyme")):
            c = Client(run.ws)
            c.send(t="join", room=run.room, name=name)
            error = c.until("error")
            assert expected in error["message"], error
            c.close()
        c = Client(run.ws)
        c.send(t="join", room="00000", name="Alice")
        assert c.until("error")["code"] == "room"


def test_a_flood_is_rate_limited_then_cut_off(tmp_path: Path) -> None:
    from websockets.exceptions import ConnectionClosed

    with running(tmp_path) as run:
        flood = Client(run.ws)
        codes = []
        with contextlib.suppress(ConnectionClosed):
            for _ in range(400):
                flood.send(t="ping")
        with pytest.raises(ConnectionClosed):
            while True:
                codes.append(flood.recv(5).get("code"))
        assert "rate" in codes
        assert codes.count(None) <= security.BURST + 10  # pongs: the burst and what the rate refilled
        s, _ = student(run, "Calme")  # others are served
        s.send(t="ping")
        s.until("pong")


def test_too_many_students_get_a_clear_message(tmp_path: Path) -> None:
    with running(tmp_path, max_students=2) as run:
        student(run, "Un")
        student(run, "Deux")
        c = Client(run.ws)
        c.send(t="join", room=run.room, name="Trois")
        error = c.until("error")
        assert error["code"] == "full" and "2 participants au plus" in error["message"]


def test_a_phone_resumes_with_its_client_id_and_a_removed_one_cannot(tmp_path: Path) -> None:
    with running(tmp_path) as run:
        t = teacher(run)
        s, cid = student(run, "Alice")
        t.send(t="cmd", do="start")
        s.until("state", phase="question")
        s.send(t="answer", q=0, a=answer_for(QS[0]))
        s.until("ack")
        s.close()
        again = Client(run.ws)
        again.send(t="hello", role="student", room=run.room, client=cid)
        assert again.until("welcome")["name"] == "Alice"
        assert again.until("state")["mine"] == answer_for(QS[0])
        t.send(t="cmd", do="remove", client=cid)
        again.until("removed")
        assert t.until("state", students=[])["joined"] == 0
        assert run.live.store.count_answers(run.room) == 0
        back = Client(run.ws)
        back.send(t="hello", role="student", room=run.room, client=cid)
        assert back.until("need_name")["removed"] is True


def test_pages_are_french_offline_and_locked_down(tmp_path: Path) -> None:
    import urllib.error
    import urllib.request

    with running(tmp_path) as run:
        for path in ("/", f"/s/{run.room}", f"/prof/{run.room}", f"/projecteur/{run.room}"):
            with urllib.request.urlopen(run.url + path, timeout=5) as response:
                page = response.read().decode()
                csp = response.headers["Content-Security-Policy"]
            assert '<html lang="fr">' in page and "default-src 'self'" in csp
            assert run.token not in page  # the token lives in the URL's fragment only
            assert all(link.startswith("/") for link in re.findall(r'(?:src|href)="([^"]*)"', page)), page
        with urllib.request.urlopen(f"{run.url}/projecteur/{run.room}", timeout=5) as response:
            page = response.read().decode()
        assert "<svg" in page and run.room in page  # the QR code is inline
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(f"{run.url}/prof/99999", timeout=5)


def test_the_live_package_imports_nothing_from_sphinx() -> None:
    import subprocess
    import sys

    code = ("import sys, quizgen.live.app, quizgen.live.server, quizgen.cli; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sphinx', 'docutils', 'myst_parser')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_command_line_errors_are_clear(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from quizgen.cli import main

    assert main(["live"]) == 2
    assert "give a recipe" in capsys.readouterr().err
    assert main(["live", str(tmp_path / "absent.toml"), "--corpus", str(tmp_path / "corpus.json")]) == 1
    assert "corpus file not found" in capsys.readouterr().err
    assert main(["live", "--purge", "12345", "--db", str(tmp_path / "none.sqlite3")]) == 1
    assert "no such database" in capsys.readouterr().err
