"""The live class's web application (Starlette): three pages and one WebSocket.

Pages: ``/`` and ``/s/ROOM`` (student), ``/prof/ROOM`` (teacher control), ``/projecteur/ROOM``
(projector); the teacher's pages take the token in the URL's fragment (``#cle=…``), which the browser never
sends to a server or a log: the page's script sends it over the WebSocket, where it is compared in
constant time. ``/static/…`` are the package's own files; ``/site/…`` the built site when it is served
alongside (clause links then open it).

Every client message is parsed and checked (:mod:`.security`); a student's answer is committed to SQLite
before the phone gets its acknowledgement and the teacher's count moves. Each connection has its own
outgoing queue, so a slow phone never holds up the others.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import json
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette.websockets import WebSocket, WebSocketState

from quizgen.live import security
from quizgen.live.questions import LiveQuestion
from quizgen.live.results import most_missed, question_results, write_results
from quizgen.live.security import BadMessage, BadPseudonym, RateLimit
from quizgen.live.session import Refused, State, apply, tick
from quizgen.live.store import NameTaken, Store, Student
from quizgen.live.strings import _, language, ui

STATIC = Path(__file__).parent / "static"
#: Messages waiting for one slow connection before it is dropped (it reconnects and gets the state).
QUEUE = 256
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
T = TypeVar("T")


@dataclass(eq=False)
class Conn:
    """One WebSocket, its role once it said hello, and its outgoing queue."""

    ws: WebSocket
    role: str = ""
    client: str = ""
    limit: RateLimit = field(default_factory=RateLimit)
    queue: asyncio.Queue[str | None] = field(default_factory=lambda: asyncio.Queue(QUEUE))

    def send(self, data: dict[str, Any]) -> None:
        try:
            self.queue.put_nowait(json.dumps(data, ensure_ascii=False))
        except asyncio.QueueFull:  # too slow: drop it, it will reconnect and resume
            self.close()

    def close(self) -> None:
        with contextlib.suppress(asyncio.QueueFull):
            self.queue.put_nowait(None)

    async def pump(self) -> None:
        while True:
            text = await self.queue.get()
            if text is None:
                with contextlib.suppress(Exception):
                    await self.ws.close(1000)
                return
            try:
                await self.ws.send_text(text)
            except Exception:
                return


class Live:
    """One live session held in memory, mirrored in the store."""

    def __init__(self, store: Store, room: str, *, results_dir: Path, max_students: int = 300,
                 site: bool = False, join_url: str = "") -> None:
        row = store.session(room)
        if row is None:
            raise KeyError(room)
        self.store = store
        self.room = room
        self.token = row.token
        self.title = row.title
        self.questions: tuple[LiveQuestion, ...] = row.questions
        self.state: State = row.state
        self.results_dir = results_dir
        self.max_students = max_students
        self.max_connections = 2 * max_students + 20
        self.site = site
        self.join_url = join_url
        self.students: dict[str, Student] = {s.client: s for s in store.students(room)}
        self.answers: dict[int, dict[str, list[int]]] = store.answers(room)
        self.conns: set[Conn] = set()
        self.executor = ThreadPoolExecutor(1, thread_name_prefix="quizgen-live-db")
        self.pending: list[tuple[str, int, list[int], asyncio.Future[None]]] = []
        self.flusher: asyncio.Task[None] | None = None
        self.timer: asyncio.Task[None] | None = None
        self.lock = asyncio.Lock()
        self.exported: list[str] = []
        self.notice = ""

    # -- helpers ------------------------------------------------------------------------------------

    async def db(self, fn: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(self.executor, fn, *args)

    def present(self) -> dict[str, Student]:
        return {c: s for c, s in self.students.items() if not s.removed}

    def current(self) -> LiveQuestion | None:
        if 0 <= self.state.index < len(self.questions) and self.state.phase != "ended":
            return self.questions[self.state.index]
        return None

    def answered(self, index: int) -> int:
        present = self.present()
        return sum(1 for c in self.answers.get(index, {}) if c in present)

    def clause_links(self, q: LiveQuestion) -> list[dict[str, str]]:
        return [{"id": c, "url": f"/site/{u}" if self.site and u else ""} for c, u in zip(q.clauses, q.urls,
                                                                                         strict=True)]

    def revealed(self, q: LiveQuestion) -> dict[str, Any]:
        data = q.revealed()
        data["clauses"] = self.clause_links(q)
        return data

    def stats(self, index: int) -> dict[str, Any]:
        q = self.questions[index]
        present = self.present()
        given = [a for c, a in self.answers.get(index, {}).items() if c in present]
        right = sum(q.right(a) for a in given)
        if q.form in ("choice", "truefalse"):
            labels = list(q.options)
            counts = [sum(i in a for a in given) for i in range(len(q.options))]
            good = list(q.answers)
        else:
            labels = [_("Entièrement juste"), _("Inexact")]
            counts = [right, len(given) - right]
            good = [0]
        return {"labels": labels, "counts": counts, "good": good, "answered": len(given), "right": right,
                "letters": q.form in ("choice", "truefalse")}

    # -- what each client sees ------------------------------------------------------------------------

    def base(self, now: float) -> dict[str, Any]:
        q = self.current()
        return {"t": "state", "phase": self.state.phase, "index": self.state.index, "total": len(self.questions),
                "title": self.title, "left": round(self.state.left(now), 1),
                "question": q.public() if q else None}

    def for_student(self, client: str, now: float) -> dict[str, Any]:
        data = self.base(now)
        q = self.current()
        if q is not None:
            mine = self.answers.get(self.state.index, {}).get(client)
            data["mine"] = mine
            if self.state.phase == "revealed":
                data["reveal"] = {**self.revealed(q), "right": q.right(mine), "answered": mine is not None}
        if self.state.phase == "ended":
            data["score"] = {"right": sum(q.right(self.answers.get(i, {}).get(client))
                                          for i, q in enumerate(self.questions)), "total": len(self.questions)}
        return data

    def for_staff(self, teacher: bool, now: float) -> dict[str, Any]:
        data = self.base(now)
        present = self.present()
        data["joined"] = len(present)
        data["join_url"] = self.join_url
        data["room"] = self.room
        q = self.current()
        if q is not None:
            data["answered"] = self.answered(self.state.index)
            if teacher or self.state.phase == "revealed":
                data["key"] = self.revealed(q)
            if self.state.phase == "revealed":
                data["stats"] = self.stats(self.state.index)
        if teacher:
            done = set(self.answers.get(self.state.index, {}))
            data["students"] = [{"id": c, "name": s.pseudonym, "answered": c in done} for c, s in present.items()]
            data["exported"] = self.exported
            data["notice"] = self.notice
        if self.state.phase == "ended":
            data["summary"] = self.summary()
        return data

    def summary(self) -> dict[str, Any]:
        present = self.present()
        results = question_results(self.questions, self.answers, set(present))
        scores = sorted(((sum(q.right(self.answers.get(i, {}).get(c)) for i, q in enumerate(self.questions)),
                          s.pseudonym) for c, s in present.items()), key=lambda x: (-x[0], x[1].casefold()))
        return {
            "results": [{"number": r.number, "prompt": r.prompt, "answered": r.answered, "right": r.right,
                         "share": r.share} for r in results],
            "missed": [{"number": r.number, "prompt": r.prompt, "share": r.share,
                        "clauses": self.clause_links(self.questions[r.number - 1])} for r in most_missed(results)],
            "podium": [{"name": name, "score": score} for score, name in scores[:3] if score > 0],
        }

    def broadcast(self) -> None:
        now = time.time()
        staff = {True: self.for_staff(True, now), False: self.for_staff(False, now)}
        for conn in list(self.conns):
            if conn.role == "student":
                conn.send(self.for_student(conn.client, now))
            elif conn.role in ("teacher", "projector"):
                conn.send(staff[conn.role == "teacher"])

    def send_counts(self, new: list[str] | None = None) -> None:
        """The count of answers to the open question; the teacher's copy also names who just answered."""
        message = {"t": "count", "index": self.state.index, "answered": self.answered(self.state.index),
                   "joined": len(self.present())}
        teacher = {**message, "new": sorted(set(new or []))}
        for conn in list(self.conns):
            if conn.role == "teacher":
                conn.send(teacher)
            elif conn.role == "projector":
                conn.send(message)

    # -- the clock --------------------------------------------------------------------------------------

    def arm(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        if self.state.phase == "question":
            self.timer = asyncio.get_running_loop().create_task(self._time_up(self.state.deadline))

    async def _time_up(self, deadline: float) -> None:
        await asyncio.sleep(max(0.0, deadline - time.time()))
        async with self.lock:
            if self.state.phase == "question" and self.state.deadline == deadline:
                self.state = tick(self.state, max(time.time(), deadline))
                await self.drain()
                await self.db(self.store.save_state, self.room, self.state)
                self.broadcast()

    # -- answers ----------------------------------------------------------------------------------------

    async def drain(self) -> None:
        while self.flusher is not None and not self.flusher.done():
            await asyncio.shield(self.flusher)

    async def commit(self, client: str, index: int, answer: list[int]) -> None:
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.pending.append((client, index, answer, future))
        if self.flusher is None or self.flusher.done():
            self.flusher = asyncio.get_running_loop().create_task(self._flush())
        await future

    async def _flush(self) -> None:
        """Group commit: every answer that arrived while the previous batch was written goes in one
        transaction; memory, counts and acknowledgements follow the commit, never precede it."""
        while self.pending:
            batch, self.pending = self.pending, []
            try:
                await self.db(self.store.save_answers, self.room, [(c, i, a) for c, i, a, _f in batch])
            except Exception as err:
                for *_rest, f in batch:
                    if not f.done():
                        f.set_exception(err)
                continue
            for c, i, a, f in batch:
                self.answers.setdefault(i, {})[c] = a
                if not f.done():
                    f.set_result(None)
            self.send_counts([c for c, i, _a, _f in batch if i == self.state.index])

    # -- handling messages ----------------------------------------------------------------------------------

    async def handle(self, conn: Conn, msg: dict[str, Any]) -> None:
        kind = msg["t"]
        if kind == "ping":
            conn.send({"t": "pong"})
        elif kind == "hello":
            await self.hello(conn, msg)
        elif kind == "join":
            await self.join(conn, msg)
        elif kind == "answer":
            await self.answer(conn, msg)
        elif kind == "cmd":
            await self.command(conn, msg)

    def error(self, conn: Conn, text: str, code: str = "error") -> None:
        conn.send({"t": "error", "code": code, "message": text})

    async def hello(self, conn: Conn, msg: dict[str, Any]) -> None:
        if conn.role:
            return self.error(conn, _("Déjà connecté."))
        if msg.get("room") != self.room:
            return self.error(conn, _("Code de salle inconnu : vérifiez le code affiché au tableau."), "room")
        role = msg.get("role")
        if role in ("teacher", "projector"):
            if not security.same_secret(msg.get("token"), self.token):
                self.error(conn, ui()["bad_token"], "token")
                conn.close()
                return
            conn.role = role
            conn.send(self.for_staff(role == "teacher", time.time()))
            return
        client = msg.get("client")
        student = self.students.get(client) if isinstance(client, str) else None
        if student is None or student.removed:
            conn.send({"t": "need_name", "removed": bool(student and student.removed)})
            return
        conn.role, conn.client = "student", student.client
        conn.send({"t": "welcome", "client": student.client, "name": student.pseudonym})
        conn.send(self.for_student(student.client, time.time()))

    async def join(self, conn: Conn, msg: dict[str, Any]) -> None:
        if conn.role:
            return self.error(conn, _("Déjà connecté."))
        if msg.get("room") != self.room:
            return self.error(conn, _("Code de salle inconnu : vérifiez le code affiché au tableau."), "room")
        try:
            name, folded = security.clean_pseudonym(msg.get("name"))
        except BadPseudonym as err:
            return self.error(conn, _(str(err)).format(n=security.MAX_PSEUDONYM), "name")
        if self.state.phase == "ended":
            return self.error(conn, _("Le quiz est terminé."), "ended")
        if len(self.present()) >= self.max_students:
            full = _("La salle est pleine : {n} participants au plus.").format(n=self.max_students)
            return self.error(conn, full, "full")
        client = security.new_client_id()
        try:
            student = await self.db(self.store.add_student, self.room, client, name, folded)
        except NameTaken:
            return self.error(conn, _("Ce pseudonyme est déjà pris : choisissez-en un autre."), "name")
        self.students[client] = student
        conn.role, conn.client = "student", client
        conn.send({"t": "welcome", "client": client, "name": name})
        conn.send(self.for_student(client, time.time()))
        self.send_counts()
        self.broadcast_staff()

    def broadcast_staff(self) -> None:
        now = time.time()
        for conn in list(self.conns):
            if conn.role in ("teacher", "projector"):
                conn.send(self.for_staff(conn.role == "teacher", now))

    async def answer(self, conn: Conn, msg: dict[str, Any]) -> None:
        if conn.role != "student" or self.students[conn.client].removed:
            return self.error(conn, _("Rejoignez d’abord la salle."), "who")
        index, given = msg.get("q"), msg.get("a")
        if type(index) is not int or index != self.state.index or self.current() is None:
            return self.error(conn, _("Cette question n’est pas ouverte."), "closed")
        if not self.state.accepting(time.time()):
            return self.error(conn, _("Les réponses sont closes pour cette question."), "closed")
        q = self.questions[index]
        if not q.valid(given):
            return self.error(conn, _("Réponse invalide."), "invalid")
        assert isinstance(given, list)
        answer = q.normal(given)
        try:
            await self.commit(conn.client, index, answer)
        except Exception:
            return self.error(conn, _("Réponse non enregistrée : réessayez."), "storage")
        for other in list(self.conns):
            if other.role == "student" and other.client == conn.client:
                other.send({"t": "ack", "q": index, "a": answer})

    async def command(self, conn: Conn, msg: dict[str, Any]) -> None:
        if conn.role != "teacher":
            return self.error(conn, _("Seul l’enseignant pilote le quiz."), "forbidden")
        what = msg.get("do")
        async with self.lock:
            if what == "remove":
                await self.remove(msg.get("client"))
                return
            if what == "export":
                await self.export()
                self.broadcast_staff()
                return
            if not isinstance(what, str):
                return self.error(conn, _("Commande inconnue."))
            try:
                state = apply(self.state, what, time.time(), len(self.questions), [q.time for q in self.questions])
            except Refused as err:
                return self.error(conn, _(str(err)))
            self.state = state  # from here on, answers are refused if the question closed
            await self.drain()
            await self.db(self.store.save_state, self.room, self.state)
            self.notice = ""
            self.arm()
            if self.state.phase == "ended":
                await self.export()
            self.broadcast()

    async def remove(self, client: object) -> None:
        student = self.students.get(client) if isinstance(client, str) else None
        if student is None:
            return
        await self.drain()
        await self.db(self.store.remove_student, self.room, student.client)
        self.students[student.client] = Student(student.client, student.pseudonym, student.joined, True)
        for answers in self.answers.values():
            answers.pop(student.client, None)
        for conn in list(self.conns):
            if conn.role == "student" and conn.client == student.client:
                conn.send({"t": "removed"})
                conn.role = ""
                conn.client = ""
        self.broadcast_staff()

    async def export(self) -> None:
        students = list(self.students.values())
        answers = {i: dict(a) for i, a in self.answers.items()}
        paths = await self.db(write_results, self.results_dir, self.room, self.questions, students, answers)
        self.exported = [str(p) for p in paths]

    # -- the socket -----------------------------------------------------------------------------------------

    async def socket(self, ws: WebSocket) -> None:
        await ws.accept()
        conn = Conn(ws)
        if len(self.conns) >= self.max_connections:
            await ws.send_text(json.dumps({"t": "error", "code": "full", "message": _(
                "La salle est pleine : {n} participants au plus.").format(n=self.max_students)}, ensure_ascii=False))
            await ws.close(1013)
            return
        self.conns.add(conn)
        pump = asyncio.get_running_loop().create_task(conn.pump())
        try:
            while ws.application_state == WebSocketState.CONNECTED:
                message = await ws.receive()
                if message["type"] == "websocket.disconnect":
                    break
                if not conn.limit.allow(time.monotonic()):
                    if conn.limit.strikes == 1 or conn.limit.strikes % 10 == 0:
                        self.error(conn, _("Trop de messages : ralentissez."), "rate")
                    if conn.limit.strikes > security.MAX_STRIKES:
                        break
                    continue
                try:
                    msg = security.parse_message(message.get("text"))
                except BadMessage as err:
                    self.error(conn, _(str(err)), "bad")
                    continue
                await self.handle(conn, msg)
        except Exception:  # a broken socket ends this connection only
            pass
        finally:
            self.conns.discard(conn)
            conn.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(pump, 2)

    async def startup(self) -> None:
        self.arm()

    async def shutdown(self) -> None:
        await self.drain()
        if self.timer:
            self.timer.cancel()
        self.executor.shutdown(wait=True)


def page(view: str, live: Live, room: str, extra: str = "") -> HTMLResponse:
    strings = ui()
    config = {"view": view, "room": room, "strings": strings, "lang": language()}
    data = json.dumps(config, ensure_ascii=False).replace("<", "\\u003c")
    title = html.escape(strings["title"] + " — " + live.title)
    body = (f'<!DOCTYPE html>\n<html lang="{html.escape(language())}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{title}</title>\n"
            '<link rel="stylesheet" href="/static/live.css">\n</head>\n'
            f'<body class="qgl qgl-{view}">\n'
            f'<main id="app" class="qgl-page">{extra}</main>\n'
            f'<script type="application/json" id="qgl-config">{data}</script>\n'
            '<script src="/static/live.js"></script>\n</body>\n</html>\n')
    return HTMLResponse(body, headers={"Content-Security-Policy": CSP, "Referrer-Policy": "no-referrer",
                                       "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"})


def qr_svg(url: str) -> str:
    import segno

    return str(segno.make(url, error="m").svg_inline(border=2, omitsize=True, title=_("Code QR de l’adresse")))


def create_app(live: Live, site_dir: Path | None = None) -> Starlette:
    async def student(request: Request) -> Response:
        room = request.path_params.get("room", "")
        if room and room != live.room:
            return HTMLResponse(html.escape(_("Code de salle inconnu.")), status_code=404)
        return page("student", live, room)

    async def teacher(request: Request) -> Response:
        if request.path_params["room"] != live.room:
            return HTMLResponse(html.escape(_("Code de salle inconnu.")), status_code=404)
        return page("teacher", live, live.room)

    async def projector(request: Request) -> Response:
        if request.path_params["room"] != live.room:
            return HTMLResponse(html.escape(_("Code de salle inconnu.")), status_code=404)
        url = live.join_url
        extra = (f'<div class="qgl-join" id="qgl-join"><div class="qgl-qr">{qr_svg(url)}</div>'
                 f'<p class="qgl-address">{html.escape(ui()["join_at"])} '
                 f'<strong>{html.escape(url.split("/s/")[0] + "/")}</strong> — '
                 f'{html.escape(ui()["room"])} <strong>{html.escape(live.room)}</strong></p></div>') if url else ""
        return page("projector", live, live.room, extra)

    routes: list[Route | WebSocketRoute | Mount] = [
        Route("/", student), Route("/s/{room}", student), Route("/prof/{room}", teacher),
        Route("/projecteur/{room}", projector), WebSocketRoute("/ws", live.socket),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    if site_dir is not None:
        routes.append(Mount("/site", StaticFiles(directory=site_dir, html=True), name="site"))

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> Any:
        await live.startup()
        yield
        await live.shutdown()

    return Starlette(routes=routes, lifespan=lifespan)
