"""Exports are UTF-8 whatever the machine: a teacher on a computer whose locale is not UTF-8 (an old Windows
code page, a bare C locale) gets the same files, byte for byte, as on this one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import quizgen
from export_support import FORMATS, quiz_of, sample_questions
from quizgen.export import export

CHILD = """
import sys
from pathlib import Path
from export_support import FORMATS, quiz_of, sample_questions
from quizgen.export import export
export([quiz_of(sample_questions())], [*FORMATS, "json", "amc"], Path(sys.argv[1]), stamp=1)
"""


def test_every_format_is_written_in_utf8_under_an_ascii_locale(tmp_path: Path) -> None:
    here = export([quiz_of(sample_questions())], [*FORMATS, "json", "amc"], tmp_path / "utf8", stamp=1)
    # The engine this test imports (mutation testing swaps in another copy), and these tests' helpers.
    path = os.pathsep.join([str(Path(quizgen.__file__).resolve().parent.parent), str(Path(__file__).parent)])
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0",
           "PYTHONIOENCODING": "ascii:backslashreplace", "PYTHONPATH": path}
    proc = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path / "ascii")], env=env, capture_output=True,
                          text=True, encoding="utf-8", check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    there = sorted((tmp_path / "ascii").iterdir())
    assert [p.name for p in there] == sorted(p.name for p in here)
    for ours in here:
        theirs = tmp_path / "ascii" / ours.name
        assert theirs.read_bytes() == ours.read_bytes(), ours.name
    assert "é" in (tmp_path / "ascii" / "essai.gift.txt").read_text(encoding="utf-8")
