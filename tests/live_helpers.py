"""A live-class server for the tests: questions built by the engine, uvicorn in a thread on 127.0.0.1."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quiz_helpers import synthetic_corpus
from quizgen.live.app import Live, create_app
from quizgen.live.questions import LiveQuestion, live_questions
from quizgen.live.server import bind, open_session, server_config
from quizgen.live.store import Store
from quizgen.quiz import build_quiz
from quizgen.recipe import parse_recipe

RECIPE = """title = "Essai en direct"
seed = 3
time = {time}
[counts]
cloze = 2
choice = 2
truefalse = 1
matching = 1
chronology = 1
"""


def corpus() -> Any:
    return synthetic_corpus(7, clauses=40, sections=2)


def questions(time_limit: int = 60) -> list[LiveQuestion]:
    """Seven questions of every form, built by the engine (the same path as ``quizgen live``)."""
    recipe = parse_recipe(RECIPE.format(time=time_limit), "essai.toml", "essai")
    return live_questions(build_quiz(corpus(), recipe))


def write_inputs(folder: Path, time_limit: int = 60, counts: str = "") -> tuple[Path, Path]:
    """A corpus.json and a recipe on disk, for ``quizgen live`` run as a program."""
    corpus().write(folder / "corpus.json")
    recipe = folder / "essai.toml"
    text = RECIPE.format(time=time_limit)
    if counts:
        text = text.split("[counts]")[0] + "[counts]\n" + counts
    recipe.write_text(text, encoding="utf-8")
    return folder / "corpus.json", recipe


@dataclass
class Running:
    url: str
    ws: str
    room: str
    token: str
    live: Live
    db: Path


@contextmanager
def running(folder: Path, *, max_students: int = 300, time_limit: int = 60) -> Iterator[Running]:
    import uvicorn

    db = folder / "live.sqlite3"
    store = Store(db)
    opened = open_session(store, "essai", "Essai en direct", questions(time_limit), new=True)
    sock = bind("127.0.0.1", 0)
    port = sock.getsockname()[1]
    live = Live(store, opened.room, results_dir=folder, max_students=max_students,
                join_url=f"http://127.0.0.1:{port}/s/{opened.room}")
    server = uvicorn.Server(server_config(create_app(live)))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    try:
        yield Running(f"http://127.0.0.1:{port}", f"ws://127.0.0.1:{port}/ws", opened.room, opened.token, live, db)
    finally:
        server.should_exit = True
        thread.join(15)
        store.close()


class Client:
    """A WebSocket client that keeps every message it received (to check what went over the wire)."""

    def __init__(self, url: str) -> None:
        from websockets.sync.client import connect

        self.conn = connect(url, open_timeout=5, max_size=2**20).__enter__()
        self.seen: list[dict[str, Any]] = []
        self.raw: list[str] = []

    def send(self, **data: Any) -> None:
        self.conn.send(json.dumps(data))

    def send_text(self, text: str) -> None:
        self.conn.send(text)

    def recv(self, timeout: float = 5) -> dict[str, Any]:
        text = self.conn.recv(timeout=timeout)
        assert isinstance(text, str)
        self.raw.append(text)
        data: dict[str, Any] = json.loads(text)
        self.seen.append(data)
        return data

    def until(self, kind: str, timeout: float = 5, **match: Any) -> dict[str, Any]:
        """The next message of type ``kind`` (and matching fields), keeping the ones before it."""
        end = time.monotonic() + timeout
        while True:
            left = end - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no {kind} message {match}; seen: {[m.get('t') for m in self.seen[-10:]]}")
            m = self.recv(left)
            if m.get("t") == kind and all(m.get(k) == v for k, v in match.items()):
                return m

    def close(self) -> None:
        self.conn.close()


def teacher(run: Running, role: str = "teacher") -> Client:
    c = Client(run.ws)
    c.send(t="hello", role=role, room=run.room, token=run.token)
    c.until("state")
    return c


def student(run: Running, name: str) -> tuple[Client, str]:
    c = Client(run.ws)
    c.send(t="hello", role="student", room=run.room, client=None)
    c.until("need_name")
    c.send(t="join", room=run.room, name=name)
    welcome = c.until("welcome")
    c.until("state")
    return c, welcome["client"]
