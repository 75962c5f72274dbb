"""``quizgen live`` run as a real program on 127.0.0.1, for the fault test and the benchmark."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveProcess:
    """Start ``quizgen live RECIPE`` and read the room code and the teacher's token from what it prints."""

    def __init__(self, recipe: Path, corpus: Path, db: Path, port: int, *extra: str) -> None:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "quizgen.cli", "live", str(recipe), "--corpus", str(corpus), "--db", str(db),
             "--host", "127.0.0.1", "--port", str(port), *extra],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=recipe.parent)
        self.port = port
        self.lines: list[str] = []
        assert self.proc.stdout is not None
        end = time.monotonic() + 60
        while time.monotonic() < end:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError("quizgen live stopped:\n" + "".join(self.lines))
            self.lines.append(line)
            found = re.search(r"/prof/(\d+)#cle=(\S+)", line)
            if found:
                self.room, self.token = found.group(1), found.group(2)
                break
        else:
            raise RuntimeError("quizgen live printed no teacher address:\n" + "".join(self.lines))
        self.wait_up()

    @property
    def ws(self) -> str:
        return f"ws://127.0.0.1:{self.port}/ws"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def wait_up(self) -> None:
        end = time.monotonic() + 30
        while time.monotonic() < end:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        raise RuntimeError("quizgen live does not listen")

    def kill(self) -> None:
        """``kill -9``: no clean-up, no flush, nothing."""
        self.proc.kill()
        self.proc.wait(10)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
