"""``quizgen live``: build the quiz through the engine, open or resume its session, print the addresses, serve.

A session is resumed when the database already holds an unfinished one for the same recipe, seed, variant
and questions (so a crash or a closed laptop lid costs nothing); ``--new`` starts a fresh one.
"""

from __future__ import annotations

import hashlib
import socket
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quizgen.corpus import Corpus
from quizgen.live import security
from quizgen.live.questions import LiveQuestion, live_questions
from quizgen.live.session import resumed
from quizgen.live.store import Store
from quizgen.live.strings import _
from quizgen.problems import Problem, QuizgenError
from quizgen.quiz import build_quiz
from quizgen.recipe import load_recipe

DEFAULT_DB = Path("out/live/live.sqlite3")
#: Largest WebSocket frame uvicorn accepts (larger ones close the connection before any parsing).
WS_MAX_SIZE = 16 * 1024


@dataclass(frozen=True)
class Opened:
    room: str
    token: str
    resumed: bool


def quiz_key(recipe: str, seed: int, variant: int, questions: list[LiveQuestion]) -> str:
    ids = hashlib.sha256("\x1f".join(q.id for q in questions).encode()).hexdigest()[:16]
    return f"{Path(recipe).resolve()}|{seed}|{variant}|{ids}"


def open_session(store: Store, key: str, title: str, questions: list[LiveQuestion], new: bool) -> Opened:
    row = None if new else store.open_session(key)
    if row is not None:
        state = resumed(row.state, time.time(), row.questions[max(0, row.state.index)].time)
        if state != row.state:
            store.save_state(row.room, state)
        return Opened(row.room, row.token, True)
    room = security.new_room(store.rooms())
    token = security.new_token()
    store.create(room, token, key, title, questions)
    return Opened(room, token, False)


def lan_addresses() -> list[str]:
    """IPv4 addresses of this machine on the local network (no packet is sent)."""
    found: list[str] = []
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.255.255.255", 1))
        found.append(probe.getsockname()[0])
    except OSError:
        pass
    finally:
        probe.close()
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            address = str(info[4][0])
            if address not in found:
                found.append(address)
    except OSError:
        pass
    return [a for a in found if not a.startswith("127.")]


def bind(host: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as err:
        sock.close()
        raise QuizgenError([Problem("quizgen live", 0, f"cannot listen on {host}:{port}: {err.strerror}",
                                    f"choose another port (--port {port + 1}) or stop the program using it")]
                           ) from None
    sock.listen(512)
    sock.set_inheritable(True)
    return sock


def server_config(app: Any) -> Any:
    """uvicorn's settings for the live app: oversized frames refused, no access log (no addresses kept)."""
    import uvicorn

    return uvicorn.Config(app, ws_max_size=WS_MAX_SIZE, log_level="warning", access_log=False,
                          ws="websockets-sansio", lifespan="on", timeout_graceful_shutdown=3)


def run(recipe_path: Path, corpus_path: Path, *, seed: int | None = None, variant: int = 1, host: str = "0.0.0.0",
        port: int = 8000, db: Path = DEFAULT_DB, new: bool = False, max_students: int = 300,
        site: Path | None = None) -> int:
    import uvicorn

    from quizgen.live.app import Live, create_app

    corpus = Corpus.load(corpus_path)
    recipe = load_recipe(recipe_path)
    quiz = build_quiz(corpus, recipe, seed=seed, variants=max(variant, recipe.variants, 1))
    if not 1 <= variant <= len(quiz.variants):
        raise QuizgenError([recipe.problem(f"no variant {variant}", f"give --variant 1 to {len(quiz.variants)}")])
    questions = live_questions(quiz, variant)
    sock = bind(host, port)  # before anything is written: a busy port leaves no session behind
    port = sock.getsockname()[1]
    store = Store(db)
    opened = open_session(store, quiz_key(str(recipe_path), quiz.seed, variant, questions), quiz.title,
                          questions, new)
    if site is None and (corpus_path.parent / "index.html").is_file():
        site = corpus_path.parent
    lan = lan_addresses() if host in ("0.0.0.0", "") else ([] if host.startswith("127.") else [host])
    public = lan[0] if lan else "127.0.0.1"
    join_url = f"http://{public}:{port}/s/{opened.room}"
    live = Live(store, opened.room, results_dir=db.parent, max_students=max_students, site=site is not None,
                join_url=join_url)
    if opened.resumed:
        live.notice = _("Session reprise après un redémarrage : cliquez sur « Reprendre » pour relancer le chrono.")
    app = create_app(live, site)
    local = f"http://127.0.0.1:{port}"
    say = _
    lines = [
        say("Quiz en direct : {title} — {n} questions").format(title=quiz.title, n=len(questions)),
        (say("Session reprise (code {room}) : les réponses déjà données sont gardées.") if opened.resumed
         else say("Nouvelle session, code de la salle : {room}")).format(room=opened.room),
        say("Adresse pour les élèves : http://{ip}:{port}/ (code {room})").format(ip=public, port=port,
                                                                                 room=opened.room),
        say("Sur cet ordinateur : {url}/").format(url=local),
        say("Pilotage (gardez ce lien pour vous) : {url}/prof/{room}#cle={token}").format(
            url=local, room=opened.room, token=opened.token),
        say("Projecteur : {url}/projecteur/{room}#cle={token}").format(url=local, room=opened.room,
                                                                       token=opened.token),
        say("Base de données : {db} — résultats enregistrés dans le même dossier.").format(db=db),
        say("Arrêter : Ctrl+C (la session reprendra au prochain lancement)."),
    ]
    if host.startswith("127."):
        lines.insert(3, say("Attention : à l’écoute de {host} seulement ; les téléphones ne peuvent pas se connecter "
                            "(lancez sans --host).").format(host=host))
    elif not lan:
        lines.insert(3, say("Attention : aucune adresse réseau trouvée ; seuls les navigateurs de cet ordinateur "
                            "peuvent se connecter. Activez le Wi-Fi ou le partage de connexion d’un téléphone."))
    for line in lines:
        print(line, flush=True)
    server = uvicorn.Server(server_config(app))
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        store.close()
    return 0


def purge(db: Path, room: str) -> int:
    """Delete a session's data and its results files; 0 if it existed, 1 if not."""
    if not db.is_file():
        print(f"{db}: no such database", file=sys.stderr)
        return 1
    store = Store(db)
    try:
        found = store.purge(room)
        if not found:
            rooms = ", ".join(r for r, *_rest in store.sessions()) or "(none)"
            print(f"{db}: no session {room!r} — stored sessions: {rooms}", file=sys.stderr)
            return 1
    finally:
        store.close()
    removed = [p for p in db.parent.glob(f"resultats-{room}*") if p.is_file()]
    for path in removed:
        path.unlink()
    print(_("Session {room} supprimée ({n} fichier(s) de résultats effacé(s)).").format(room=room, n=len(removed)))
    return 0


def list_sessions(db: Path) -> int:
    if not db.is_file():
        print(f"{db}: no such database", file=sys.stderr)
        return 1
    store = Store(db)
    try:
        for room, title, phase, created, students in store.sessions():
            when = time.strftime("%Y-%m-%d %H:%M", time.localtime(created))
            print(f"{room}  {when}  {phase:9} {students:4} élève(s)  {title}")
    finally:
        store.close()
    return 0
