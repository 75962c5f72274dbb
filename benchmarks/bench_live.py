"""Live class under load: N simulated students (200 by default) answer Q questions (20) over real WebSockets
on 127.0.0.1, against ``quizgen live`` run as its own process, and the script prints:

- answers sent, acknowledged and stored in SQLite (all three must be equal);
- latency from a student sending an answer to the teacher's page receiving the count update that includes
  it (the teacher's count message names who has just answered, so each answer is matched exactly): p50, p95, max;
- the server's CPU time (user + system, from /proc) during the quiz, and its memory: resident at rest (started,
  nobody connected), with every student connected, and the peak (VmHWM).

    python benchmarks/bench_live.py [--students 200] [--questions 20] [--spread 1.5]

Each student answers each question after a random delay of 0 to ``--spread`` seconds (a class answering);
the teacher reveals as soon as all have answered, then moves on. The students run in this process, the
server in another: on a 2-core machine they share the CPU. Everything is bounded in time and stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from websockets.asyncio.client import connect  # noqa: E402

from live_helpers import write_inputs  # noqa: E402
from live_process import LiveProcess, free_port  # noqa: E402

DEADLINE = 600  # seconds: the whole run stops by then whatever happens
TICK = 100  # clock ticks per second (/proc/PID/stat)


def proc_cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime + stime


def proc_mem(pid: int) -> dict[str, int]:
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            found[key] = int(value.split()[0]) // 1024  # MiB
    return found


def counts_for(questions: int) -> str:
    kinds = {"matching": 1, "chronology": 1, "truefalse": max(1, questions // 5)}
    kinds["choice"] = max(1, (questions - sum(kinds.values())) // 2)
    kinds["cloze"] = questions - sum(kinds.values())
    if kinds["cloze"] < 0:
        raise SystemExit("--questions: give 4 or more")
    return "".join(f"{k} = {v}\n" for k, v in kinds.items() if v > 0)


def an_answer(q: dict, rng: random.Random) -> list[int]:
    n = len(q["options"])
    if q["form"] == "matching":
        return [rng.randrange(n) for _ in q["stems"]]
    if q["form"] == "ordering":
        order = list(range(n))
        rng.shuffle(order)
        return order
    return [rng.randrange(n)]


class Bench:
    def __init__(self, server: LiveProcess, students: int, questions: int, spread: float) -> None:
        self.server = server
        self.n = students
        self.questions = questions
        self.spread = spread
        self.sent: dict[tuple[int, str], float] = {}
        self.counted: dict[tuple[int, str], float] = {}
        self.acks = 0
        self.errors: list[str] = []
        self.joined = asyncio.Event()
        self.clients: list[str] = []

    async def student(self, number: int, ready: asyncio.Event) -> None:
        rng = random.Random(number)
        async with connect(self.server.ws, max_size=2**22, open_timeout=30) as ws:
            await ws.send(json.dumps({"t": "join", "room": self.server.room, "name": f"Élève {number:03d}"}))
            client = ""
            tasks: set[asyncio.Task[None]] = set()
            async for text in ws:
                m = json.loads(text)
                if m["t"] == "welcome":
                    client = m["client"]
                    self.clients.append(client)
                    if len(self.clients) == self.n:
                        self.joined.set()
                elif m["t"] == "state" and m["phase"] == "question" and m.get("mine") is None:
                    index, q = m["index"], m["question"]

                    async def answer(index: int = index, q: dict = q, client: str = client) -> None:
                        await asyncio.sleep(rng.uniform(0, self.spread))
                        self.sent[(index, client)] = time.perf_counter()
                        await ws.send(json.dumps({"t": "answer", "q": index, "a": an_answer(q, rng)}))

                    task = asyncio.get_running_loop().create_task(answer())
                    tasks.add(task)
                    task.add_done_callback(tasks.discard)
                elif m["t"] == "ack":
                    self.acks += 1
                elif m["t"] == "error":
                    self.errors.append(m["message"])
                elif m["t"] == "state" and m["phase"] == "ended":
                    return

    async def teacher(self) -> None:
        async with connect(self.server.ws, max_size=2**22, open_timeout=30) as ws:
            await ws.send(json.dumps({"t": "hello", "role": "teacher", "room": self.server.room,
                                      "token": self.server.token}))
            await self.joined.wait()
            self.with_students = proc_mem(self.server.proc.pid)
            self.cpu_start = proc_cpu(self.server.proc.pid)
            self.start = time.perf_counter()
            await ws.send(json.dumps({"t": "cmd", "do": "start"}))
            index = 0
            async for text in ws:
                now = time.perf_counter()
                m = json.loads(text)
                if m["t"] == "count" and m["index"] >= 0:
                    for client in m["new"]:
                        self.counted.setdefault((m["index"], client), now)
                    if m["index"] == index and m["answered"] == self.n:
                        await ws.send(json.dumps({"t": "cmd", "do": "reveal"}))
                elif m["t"] == "state" and m["phase"] == "revealed" and m["index"] == index:
                    index += 1
                    await ws.send(json.dumps({"t": "cmd", "do": "next"}))
                elif m["t"] == "state" and m["phase"] == "ended":
                    self.elapsed = time.perf_counter() - self.start
                    self.cpu = proc_cpu(self.server.proc.pid) - self.cpu_start
                    return

    async def run(self) -> None:
        ready = asyncio.Event()
        students = [asyncio.create_task(self.student(i, ready)) for i in range(self.n)]
        await asyncio.wait_for(asyncio.gather(self.teacher(), *students), DEADLINE)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=200)
    parser.add_argument("--questions", type=int, default=20)
    parser.add_argument("--spread", type=float, default=1.5, help="seconds over which a class answers")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-live-") as tmp:
        folder = Path(tmp)
        corpus, recipe = write_inputs(folder, time_limit=120, counts=counts_for(args.questions))
        db = folder / "live.sqlite3"
        load_before = os.getloadavg()[0]
        server = LiveProcess(recipe, corpus, db, free_port(), "--max-students", str(args.students + 10))
        try:
            time.sleep(1.0)
            at_rest = proc_mem(server.proc.pid)
            bench = Bench(server, args.students, args.questions, args.spread)
            asyncio.run(bench.run())
            peak = proc_mem(server.proc.pid)
        finally:
            server.stop()
        stored = sqlite3.connect(db).execute("SELECT count(*) FROM answers").fetchone()[0]
    latencies = sorted((bench.counted[k] - t) * 1000 for k, t in bench.sent.items() if k in bench.counted)
    missing = len(bench.sent) - len(latencies)
    p50 = statistics.median(latencies)
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    rows = [
        ("students × questions", f"{args.students} × {len({i for i, _c in bench.sent})}"),
        ("answers sent", str(len(bench.sent))),
        ("answers acknowledged", str(bench.acks)),
        ("answers stored (SQLite)", str(stored)),
        ("answers never counted", str(missing)),
        ("errors received", str(len(bench.errors))),
        ("latency answer → teacher count, p50", f"{p50:.1f} ms"),
        ("latency answer → teacher count, p95", f"{p95:.1f} ms"),
        ("latency answer → teacher count, max", f"{latencies[-1]:.1f} ms"),
        ("quiz duration (wall)", f"{bench.elapsed:.1f} s"),
        ("server CPU time during the quiz", f"{bench.cpu:.2f} s ({bench.cpu / bench.elapsed:.0%} of one core)"),
        ("server memory at rest (RSS)", f"{at_rest['VmRSS']} MiB"),
        (f"server memory, {args.students} students connected (RSS)", f"{bench.with_students['VmRSS']} MiB"),
        ("server memory, peak (VmHWM)", f"{peak['VmHWM']} MiB"),
        ("machine load average (1 min), before → after", f"{load_before:.1f} → {os.getloadavg()[0]:.1f} "
                                                         f"on {os.cpu_count()} cores"),
    ]
    width = max(len(k) for k, _ in rows)
    print(f"{'measure'.ljust(width)} | value")
    print(f"{'-' * width}-|------")
    for key, value in rows:
        print(f"{key.ljust(width)} | {value}")
    if bench.errors:
        print("first errors:", bench.errors[:5])
    ok = len(bench.sent) == bench.acks == stored and not missing and not bench.errors
    print("sent = acknowledged = stored:", "yes" if ok else "NO")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
