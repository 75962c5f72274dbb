"""Issue 15's probes: bad input and failed builds, each run as a user would, with its message and exit code.

    PYTHONPATH=src python benchmarks/robustness_probes.py CORPUS.json

prints one row per probe: the probe, the exit code, and the first line of what it printed on stderr (a
traceback shows as ``TRACEBACK: <last line>``). Not a test: a table for the closing note of issue 15.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
ENV = {**os.environ, "PYTHONPATH": os.environ.get("QG_SRC", str(ROOT / "src"))}  # QG_SRC: another checkout

CONF = '''
extensions = ["myst_parser", "quizgen.sphinxext"]
language = "fr"
smartquotes = False
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build", "_data"]
quizgen_credit = "Texte d'essai"
quizgen_exercises_dir = "ex"
'''
_KIT = (ROOT / "tests" / "kit_project.py").read_text(encoding="utf-8")
VOCAB = _KIT.split("MINIMAL_VOCABULARY = '''")[1].split("'''")[0]
GOOD_PAGE = """# Section I

:::{clause} I.1
:themes: securite

Les États membres de l’{org}`OCS` ont salué la {state}`Chine` à {place}`Douchanbé` le {date}`1er septembre 2025`.
:::

:::{clause} I.2
:themes: economie

La {state}`Chine` et l’{state}`Iran` ont parlé d’un monde {concept}`multipolaire` le {date}`2 septembre 2025`.
:::
"""
INDEX = "# Essai\n\n```{toctree}\ni\nquiz\n```\n"
QUIZ_PAGE = "# Quiz\n\n```{quiz-downloads}\n```\n"
RECIPE = 'title = "Essai"\nseed = 1\nvariants = 2\n[counts]\ncloze = 1\n'


def run(cmd: list[str], cwd: Path | None = None) -> tuple[int, str]:
    proc = subprocess.run(cmd, capture_output=True, text=True, env=ENV, cwd=cwd, check=False)
    err = proc.stderr.strip()
    if "Traceback (most recent call last)" in err:
        return proc.returncode, "TRACEBACK: " + err.splitlines()[-1][:150]
    lines = [line for line in err.splitlines() if line.strip()]
    ours = [line for line in lines if "quizgen" in line or "fix:" in line or "UnicodeDecodeError" in line]
    interesting = [line for line in lines if "WARNING" in line or "ERROR" in line or ": " in line]
    last = proc.stdout.strip().splitlines()[-1:] or [""]
    return proc.returncode, (ours or interesting or lines or last)[0][:200]


def cli(*args: str) -> tuple[int, str]:
    return run([PY, "-m", "quizgen.cli", *args])


def project(base: Path, page: str = GOOD_PAGE, page_bytes: bytes | None = None) -> Path:
    src = base / "src"
    (src / "_data").mkdir(parents=True)
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "_data" / "vocabulary.toml").write_text(VOCAB, encoding="utf-8")
    (src / "index.md").write_text(INDEX, encoding="utf-8")
    (src / "quiz.md").write_text(QUIZ_PAGE, encoding="utf-8")
    if page_bytes is not None:
        (src / "i.md").write_bytes(page_bytes)
    else:
        (src / "i.md").write_text(page, encoding="utf-8")
    (src / "ex").mkdir()
    (src / "ex" / "essai.toml").write_text(RECIPE, encoding="utf-8")
    return src


def sphinx(src: Path, out: Path, *extra: str) -> tuple[int, str]:
    return run([PY, "-m", "sphinx", "-q", "--keep-going", *extra, "-b", "html", str(src), str(out)])


def build_probe(base: Path, page: str) -> tuple[int, str]:
    src = project(base, page)
    return sphinx(src, base / "html")


def probes(corpus: Path) -> list[tuple[str, int, str]]:
    rows: list[tuple[str, int, str]] = []
    tmp = Path(tempfile.mkdtemp(prefix="qg-probes-"))
    recipe = ROOT / "exercises" / "partie-1.toml"
    data = json.loads(corpus.read_text(encoding="utf-8"))

    def add(name: str, result: tuple[int, str]) -> None:
        rows.append((name, *result))

    # -- corpora ------------------------------------------------------------------------------------
    def bad_corpus(name: str, value: object) -> None:
        path = tmp / f"{name}.json"
        path.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
        add(f"corpus: {name}", cli("build", str(recipe), "--corpus", str(path), "--out", str(tmp / "o")))

    latin1 = tmp / "latin1.json"
    latin1.write_bytes(corpus.read_text(encoding="utf-8").encode("latin-1", "replace"))
    add("corpus: not UTF-8", cli("list", "--corpus", str(latin1)))
    bad_corpus("top-level list", [data])
    bad_corpus("no clauses", {k: v for k, v in data.items() if k != "clauses"})
    no_text = json.loads(json.dumps(data))
    del no_text["clauses"][0]["text"]
    bad_corpus("clause without text", no_text)
    wrong = json.loads(json.dumps(data))
    wrong["clauses"][0]["number"] = "un"
    wrong["clauses"][1]["themes"] = "securite"
    bad_corpus("wrong types", wrong)
    negative = json.loads(json.dumps(data))
    span = next(c for c in negative["clauses"] if c["spans"])["spans"][0]
    span["start"], span["end"] = span["start"] - len(negative["clauses"][0]["text"]) * 10, span["end"] - len(
        negative["clauses"][0]["text"]) * 10
    bad_corpus("negative span offsets", negative)
    unknown = json.loads(json.dumps(data))
    for c in unknown["clauses"]:
        for s in c["spans"]:
            s["comment"] = "ignored"
    bad_corpus("unknown span key (must be accepted)", unknown)
    stale = json.loads(json.dumps(data))
    stale["stale"] = {"reason": "x"}

    # -- recipes ------------------------------------------------------------------------------------
    bad_recipe = tmp / "latin1.toml"
    bad_recipe.write_bytes(recipe.read_text(encoding="utf-8").encode("latin-1", "replace"))
    add("recipe: not UTF-8", cli("build", str(bad_recipe), "--corpus", str(corpus), "--out", str(tmp / "o")))
    add("--variants 10000", cli("build", str(recipe), "--corpus", str(corpus), "--variants", "10000",
                                 "--out", str(tmp / "v")))

    # -- output folders and formats -----------------------------------------------------------------
    afile = tmp / "afile"
    afile.write_text("x")
    add("--out is a file", cli("build", str(recipe), "--corpus", str(corpus), "--out", str(afile)))
    add("--out under a file", cli("build", str(recipe), "--corpus", str(corpus), "--out", str(afile / "sub")))
    readonly = tmp / "ro"
    readonly.mkdir()
    readonly.chmod(stat.S_IRUSR | stat.S_IXUSR)
    add("--out read-only", cli("build", str(recipe), "--corpus", str(corpus), "--out", str(readonly)))
    readonly.chmod(0o755)
    # As root, a mode of 0o500 does not stop a write: /proc is a file system no one may create a folder in.
    add("--out on a read-only file system (/proc)", cli("build", str(recipe), "--corpus", str(corpus), "--out",
                                                        "/proc/qg-probe-out"))
    blocked = tmp / "blocked"
    (blocked / "partie-1.json").mkdir(parents=True)
    add("--out holds a directory where a file goes",
        cli("build", str(recipe), "--corpus", str(corpus), "--out", str(blocked)))
    add("--format json,json", cli("build", str(recipe), "--corpus", str(corpus), "--format", "json,json",
                                  "--out", str(tmp / "jj")))
    add('--format ""', cli("build", str(recipe), "--corpus", str(corpus), "--format", "", "--out",
                           str(tmp / "empty")))

    # -- Sphinx sources -----------------------------------------------------------------------------
    base = tmp / "nonutf8"
    src = project(base, page_bytes=GOOD_PAGE.encode("utf-8").replace("États".encode(), "États".encode("latin-1")))
    add("page: not UTF-8", sphinx(src, base / "html"))
    nested = GOOD_PAGE.replace("le {date}`1er septembre 2025`.\n:::\n", "le {date}`1er septembre 2025`.\n", 1)
    add("page: unclosed ::: nests a clause", build_probe(tmp / "nested", nested))
    heading = GOOD_PAGE.replace(":themes: economie\n\n", ":themes: economie\n\n## Un titre\n\n", 1)
    add("page: heading inside a clause", build_probe(tmp / "heading", heading))
    listing = GOOD_PAGE.replace(":themes: economie\n\n", ":themes: economie\n\n- une liste\n\n", 1)
    add("page: list inside a clause", build_probe(tmp / "list", listing))
    raw = GOOD_PAGE.replace("ont salué", "ont <script>alert(1)</script> salué", 1)
    add("page: raw HTML in a clause", build_probe(tmp / "raw", raw))
    rawblock = GOOD_PAGE.replace(":themes: economie\n\n", ":themes: economie\n\n<div>x</div>\n\n", 1)
    add("page: raw HTML block in a clause", build_probe(tmp / "rawblock", rawblock))

    # -- a failed rebuild after a good one ----------------------------------------------------------
    base = tmp / "stale"
    src = project(base)
    out = base / "html"
    code, _ = sphinx(src, out)
    good_corpus = (out / "corpus.json").exists()
    (src / "i.md").write_text(GOOD_PAGE.replace(":themes: securite", ":themes: inconnu", 1), encoding="utf-8")
    proc = subprocess.run([PY, "-m", "sphinx", "-q", "--keep-going", "-b", "html", str(src), str(out)],
                          capture_output=True, text=True, env=ENV, check=False)
    code, message = proc.returncode, (proc.stderr.strip().splitlines() or [""])[-1][:200]
    after = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if "exports" in p.parts and p.is_file())
    add(f"failed rebuild -q, last line (good build wrote corpus: {good_corpus})",
        (code, message or "(nothing printed)"))
    stale_c = out / "corpus.json"
    rows.append(("  … corpus.json after failed rebuild", 0,
                 "present" + (" (marked stale)" if stale_c.exists() and "stale" in stale_c.read_text() else "")
                 if stale_c.exists() else "absent"))
    rows.append(("  … exports after failed rebuild", 0, f"{len(after)} file(s)"))
    add("  … quizgen check on it", cli("check", str(src / "ex" / "essai.toml"), "--corpus", str(stale_c)))
    add("  … quizgen build on it", cli("build", str(src / "ex" / "essai.toml"), "--corpus", str(stale_c),
                                        "--out", str(tmp / "stale-out")))
    shutil.rmtree(tmp, ignore_errors=True)
    return rows


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "_build" / "html" / "corpus.json"
    rows = probes(corpus)
    width = max(len(r[0]) for r in rows)
    for name, code, message in rows:
        print(f"{name.ljust(width)} | {code} | {message}")


if __name__ == "__main__":
    main()
