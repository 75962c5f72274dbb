"""SQLite storage of live sessions (standard library ``sqlite3``, WAL mode).

Every write is one transaction, committed (``synchronous=FULL``) before the caller goes on: an answer
is acknowledged to the phone only once it is on disk. A session row holds the questions as they were
asked and the state machine's state, so a restarted server resumes where it stopped. Deleted data is
overwritten (``secure_delete``), so a purged session cannot be read back from the file.

A :class:`Store` is used from one thread at a time (the app runs every call in one worker thread).
"""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quizgen.live.questions import LiveQuestion
from quizgen.live.session import State

SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    room TEXT PRIMARY KEY,
    token TEXT NOT NULL,
    quiz_key TEXT NOT NULL,
    title TEXT NOT NULL,
    questions TEXT NOT NULL,
    phase TEXT NOT NULL,
    idx INTEGER NOT NULL,
    deadline REAL NOT NULL,
    remaining REAL NOT NULL,
    created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS students (
    room TEXT NOT NULL REFERENCES sessions(room) ON DELETE CASCADE,
    client TEXT NOT NULL,
    pseudonym TEXT NOT NULL,
    folded TEXT NOT NULL,
    joined REAL NOT NULL,
    removed INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (room, client)
);
CREATE UNIQUE INDEX IF NOT EXISTS students_name ON students(room, folded) WHERE removed = 0;
CREATE TABLE IF NOT EXISTS answers (
    room TEXT NOT NULL,
    client TEXT NOT NULL,
    question INTEGER NOT NULL,
    answer TEXT NOT NULL,
    at REAL NOT NULL,
    PRIMARY KEY (room, client, question),
    FOREIGN KEY (room, client) REFERENCES students(room, client) ON DELETE CASCADE
);
"""


class NameTaken(Exception):
    """Another student of the session already has this pseudonym."""


@dataclass(frozen=True)
class SessionRow:
    room: str
    token: str
    quiz_key: str
    title: str
    questions: tuple[LiveQuestion, ...]
    state: State
    created: float


@dataclass(frozen=True)
class Student:
    client: str
    pseudonym: str
    joined: float
    removed: bool = False


class Store:
    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.execute("PRAGMA secure_delete=ON")
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        self.db.close()

    def _write(self, sql: str, args: tuple[Any, ...] = ()) -> int:
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            return self.db.execute(sql, args).rowcount

    # -- sessions -----------------------------------------------------------------------------------

    def create(self, room: str, token: str, quiz_key: str, title: str, questions: list[LiveQuestion]) -> None:
        data = json.dumps([q.to_dict() for q in questions], ensure_ascii=False)
        s = State()
        self._write("INSERT INTO sessions VALUES (?,?,?,?,?,?,?,?,?,?)",
                    (room, token, quiz_key, title, data, s.phase, s.index, s.deadline, s.remaining, time.time()))

    def rooms(self) -> set[str]:
        return {r for (r,) in self.db.execute("SELECT room FROM sessions")}

    def session(self, room: str) -> SessionRow | None:
        row = self.db.execute("SELECT room, token, quiz_key, title, questions, phase, idx, deadline, remaining, "
                              "created FROM sessions WHERE room = ?", (room,)).fetchone()
        if row is None:
            return None
        questions = tuple(LiveQuestion.from_dict(q) for q in json.loads(row[4]))
        return SessionRow(row[0], row[1], row[2], row[3], questions, State(row[5], row[6], row[7], row[8]), row[9])

    def open_session(self, quiz_key: str) -> SessionRow | None:
        """The latest session of this quiz that has not ended, if any (to resume it)."""
        row = self.db.execute("SELECT room FROM sessions WHERE quiz_key = ? AND phase != 'ended' "
                              "ORDER BY created DESC LIMIT 1", (quiz_key,)).fetchone()
        return self.session(row[0]) if row else None

    def sessions(self) -> list[tuple[str, str, str, float, int]]:
        """``(room, title, phase, created, students)`` of every stored session."""
        return [tuple(r) for r in self.db.execute(
            "SELECT s.room, s.title, s.phase, s.created, (SELECT count(*) FROM students t WHERE t.room = s.room) "
            "FROM sessions s ORDER BY s.created")]

    def save_state(self, room: str, state: State) -> None:
        self._write("UPDATE sessions SET phase = ?, idx = ?, deadline = ?, remaining = ? WHERE room = ?",
                    (state.phase, state.index, state.deadline, state.remaining, room))

    def purge(self, room: str) -> bool:
        """Delete a session, its students and their answers; returns whether it existed."""
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.execute("DELETE FROM answers WHERE room = ?", (room,))
            self.db.execute("DELETE FROM students WHERE room = ?", (room,))
            found = self.db.execute("DELETE FROM sessions WHERE room = ?", (room,)).rowcount
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.db.execute("VACUUM")
        return found > 0

    # -- students -----------------------------------------------------------------------------------

    def add_student(self, room: str, client: str, pseudonym: str, folded: str) -> Student:
        now = time.time()
        try:
            self._write("INSERT INTO students (room, client, pseudonym, folded, joined) VALUES (?,?,?,?,?)",
                        (room, client, pseudonym, folded, now))
        except sqlite3.IntegrityError:
            raise NameTaken(pseudonym) from None
        return Student(client, pseudonym, now)

    def remove_student(self, room: str, client: str) -> None:
        """Mark a student removed and delete their answers."""
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.execute("DELETE FROM answers WHERE room = ? AND client = ?", (room, client))
            self.db.execute("UPDATE students SET removed = 1 WHERE room = ? AND client = ?", (room, client))

    def students(self, room: str) -> list[Student]:
        return [Student(c, p, j, bool(r)) for c, p, j, r in self.db.execute(
            "SELECT client, pseudonym, joined, removed FROM students WHERE room = ? ORDER BY joined", (room,))]

    # -- answers ------------------------------------------------------------------------------------

    def save_answers(self, room: str, batch: list[tuple[str, int, list[int]]]) -> None:
        """Store ``(client, question index, answer)`` items in one transaction (a later answer of the
        same student to the same question replaces the earlier one)."""
        now = time.time()
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.executemany(
                "INSERT INTO answers VALUES (?,?,?,?,?) ON CONFLICT (room, client, question) "
                "DO UPDATE SET answer = excluded.answer, at = excluded.at",
                [(room, c, q, json.dumps(a), now) for c, q, a in batch])

    def answers(self, room: str) -> dict[int, dict[str, list[int]]]:
        """Every stored answer: ``{question index: {client: answer}}``."""
        found: dict[int, dict[str, list[int]]] = {}
        for client, question, answer in self.db.execute(
                "SELECT client, question, answer FROM answers WHERE room = ?", (room,)):
            found.setdefault(question, {})[client] = json.loads(answer)
        return found

    def count_answers(self, room: str) -> int:
        return int(self.db.execute("SELECT count(*) FROM answers WHERE room = ?", (room,)).fetchone()[0])
