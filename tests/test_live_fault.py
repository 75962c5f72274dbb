"""Fault test: ``quizgen live`` killed with SIGKILL mid-question and started again on the same database.

Every acknowledged answer must be there, the session at the same question, and phones resume with
their client id (no new pseudonym)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from live_helpers import Client, questions, write_inputs
from live_process import LiveProcess, free_port
from test_live import answer_for

QS = questions()


def connect_teacher(server: LiveProcess) -> Client:
    t = Client(server.ws)
    t.send(t="hello", role="teacher", room=server.room, token=server.token)
    return t


def test_kill_9_mid_question_loses_nothing(tmp_path: Path) -> None:
    corpus, recipe = write_inputs(tmp_path)
    db = tmp_path / "out" / "live.sqlite3"
    port = free_port()
    first = LiveProcess(recipe, corpus, db, port)
    clients: dict[str, str] = {}
    try:
        t = connect_teacher(first)
        t.until("state")
        phones = {}
        for name in ("Ana", "Bilal", "Chloé"):
            c = Client(first.ws)
            c.send(t="join", room=first.room, name=name)
            clients[name] = c.until("welcome")["client"]
            phones[name] = c
        t.send(t="cmd", do="start")
        for name, c in phones.items():
            c.until("state", phase="question", index=0)
            c.send(t="answer", q=0, a=answer_for(QS[0], right=name != "Chloé"))
            c.until("ack", q=0)
        t.send(t="cmd", do="next")
        for name in ("Ana", "Bilal"):  # Chloé has not answered question 2 yet when the server dies
            phones[name].until("state", phase="question", index=1)
            phones[name].send(t="answer", q=1, a=answer_for(QS[1], right=name == "Ana"))
            phones[name].until("ack", q=1)
        room, token = first.room, first.token
    finally:
        first.kill()
    assert first.proc.returncode == -9

    stored = sqlite3.connect(db).execute("SELECT count(*) FROM answers").fetchone()[0]
    assert stored == 5  # every acknowledged answer is on disk after SIGKILL

    second = LiveProcess(recipe, corpus, db, port)
    try:
        assert (second.room, second.token) == (room, token)  # same session, same teacher link
        assert any("Session reprise" in line for line in second.lines)
        t = connect_teacher(second)
        state = t.until("state")
        assert (state["phase"], state["index"], state["answered"], state["joined"]) == ("paused", 1, 2, 3)
        assert "redémarrage" in state["notice"]
        phones = {}
        for name, cid in clients.items():
            c = Client(second.ws)
            c.send(t="hello", role="student", room=room, client=cid)
            assert c.until("welcome")["name"] == name
            mine = c.until("state")
            assert (mine["phase"], mine["index"]) == ("paused", 1)
            expected = None if name == "Chloé" else answer_for(QS[1], right=name == "Ana")
            assert mine["mine"] == expected
            phones[name] = c
        t.send(t="cmd", do="resume")
        phones["Chloé"].until("state", phase="question", index=1)
        phones["Chloé"].send(t="answer", q=1, a=answer_for(QS[1]))
        phones["Chloé"].until("ack", q=1)
        t.until("count", answered=3)
        t.send(t="cmd", do="reveal")
        shown = t.until("state", phase="revealed")
        assert shown["stats"]["answered"] == 3 and shown["stats"]["right"] == 2
        t.send(t="cmd", do="end")
        summary = t.until("state", phase="ended")["summary"]
        assert [r["answered"] for r in summary["results"][:2]] == [3, 3]
        assert [r["right"] for r in summary["results"][:2]] == [2, 2]
    finally:
        second.stop()
    assert (db.parent / f"resultats-{room}.xlsx").is_file()
