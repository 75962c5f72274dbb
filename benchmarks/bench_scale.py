"""Scale: generation time on corpora of about 1, 4 and 50 MB (issue 15 item 13).

    PYTHONPATH=src python benchmarks/bench_scale.py [--corpus docs/_build/html/corpus.json] [--limit 300]
        [--sizes 1,4,50]

The corpus is the kit's, repeated with new clause numbers (and one word changed per copy so texts differ)
until it reaches each size (see :func:`grown`). Prints, per size, the time to load the corpus from its file,
to read its tags, to build the pool of the comprehension families and the pool of every kind, wall and CPU
(the machine is shared: CPU time is the steadier figure); a size that takes longer than --limit seconds is
reported as not finished (each size runs in a subprocess).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import re
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


_WORD = re.compile(r"(?<!\w)[a-zàâçéèêëîïôûù]{6,}(?!\w)")
_CODE = "bcdfghjklmnpqrstvwxz"


def _code(k: int) -> str:
    """Two letters naming copy ``k`` (400 codes, then they cycle with another word changed)."""
    return _CODE[k // 20 % 20] + _CODE[k % 20]


def varied(text: str, k: int, taken: list[tuple[int, int]]) -> str:
    """``text`` with one word outside ``taken`` (the spans) ending in copy ``k``'s code: same length, so every
    offset of the tags still holds, and no two copies read the same."""
    words = [m for m in _WORD.finditer(text) if not any(s < m.end() and m.start() < e for s, e in taken)]
    if not words or k == 0:
        return text
    m = words[(k // 400 + k) % len(words)]
    return text[:m.end() - 2] + _code(k) + text[m.end():]


def _retext(stretch: Any, text: str) -> Any:
    if isinstance(stretch, dict) and "text" in stretch:
        return dict(stretch, text=text[stretch["start"]:stretch["end"]])
    return stretch


def grown(data: dict[str, Any], megabytes: float) -> dict[str, Any]:
    """The corpus repeated until its JSON reaches ``megabytes``: copy k renumbers every clause (k·1000 + n),
    changes one word per clause (outside the spans, same length), and carries its own synthesis points
    (each text changed the same way, citing the copy's clauses), so every family, the comprehension ones
    included, finds new material in every copy."""
    base = data["clauses"]
    size = len(json.dumps(data, ensure_ascii=False).encode())
    copies = max(1, round(megabytes * 1_000_000 / size))
    clauses = []
    points = []
    extra = data.get("extra", {})
    for k in range(copies):
        ids = {}
        for c in base:
            number = k * 1000 + c["number"]
            ids[c["id"]] = f"{c['section']}.{number}"
            text = varied(c["text"], k, [(s["start"], s["end"]) for s in c.get("spans", [])])
            acts = [{**a, **{n: _retext(a[n], text) for n in ("verb", "object", "sentence") if n in a}}
                    for a in c.get("acts", [])]
            clauses.append(dict(c, id=ids[c["id"]], number=number, text=text, acts=acts,
                                url=f"{c.get('url', '')}-{k}"))
        for p in extra.get("synthesis_points", []):
            points.append(dict(p, id=f"{p['id']}-copie-{k}", text=varied(p["text"], k, []),
                               clauses=[ids.get(x, x) for x in p.get("clauses", [])]))
    return dict(data, clauses=clauses, extra=dict(extra, synthesis_points=points))


COMPREHENSION = ("position", "decided", "truefalse", "who", "purpose", "reading")


def run(path: str, megabytes: float, out: Any) -> None:
    from quizgen.corpus import Corpus
    from quizgen.generate import pool
    from quizgen.guards import TextIndex

    data = grown(json.loads(Path(path).read_text(encoding="utf-8")), megabytes)
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        file = Path(tmp) / "corpus.json"
        file.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        size = file.stat().st_size
        marks = [(time.perf_counter(), time.process_time())]
        corpus = Corpus.load(file)  # read, shape-checked and validated, as quizgen reads a corpus
    marks.append((time.perf_counter(), time.process_time()))
    index = TextIndex(corpus)
    acts = len(index.meaning.all_acts())  # the tags, read once
    marks.append((time.perf_counter(), time.process_time()))
    comprehension = pool(corpus, index=index, kinds=COMPREHENSION)
    marks.append((time.perf_counter(), time.process_time()))
    every = pool(corpus, index=index)
    marks.append((time.perf_counter(), time.process_time()))
    steps = {name: (b[0] - a[0], b[1] - a[1]) for name, a, b in
             zip(("load", "index", "comprehension", "every"), marks[:-1], marks[1:], strict=True)}
    out.put({"size": size, "clauses": len(corpus.clauses), "acts": acts, **steps,
             "comprehension_n": {k: len(v) for k, v in comprehension.items()},
             "every_n": sum(len(v) for v in every.values())})


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", default=str(ROOT / "docs/_build/html/corpus.json"))
    parser.add_argument("--limit", type=float, default=300)
    parser.add_argument("--sizes", default="1,4,50", help="corpus sizes in MB, comma-separated")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}, "
          f"{os.cpu_count()} cores")
    print("Times: wall (CPU of the process). Comprehension: the pool of " + ", ".join(COMPREHENSION)
          + "; every kind: the pool of every kind, on the same index.")
    print("| corpus | clauses | acts | load | index | comprehension pool | questions | every kind | questions |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for mb in (float(x) for x in args.sizes.split(",")):
        queue: Any = multiprocessing.Queue()
        proc = multiprocessing.Process(target=run, args=(args.corpus, mb, queue))
        start = time.perf_counter()
        proc.start()
        proc.join(args.limit)
        if proc.is_alive():
            proc.terminate()
            proc.join()
            print(f"| {mb:g} MB | not finished in {args.limit:.0f} s |")
            continue
        if proc.exitcode != 0:
            print(f"| {mb:g} MB | failed (exit code {proc.exitcode}, see above) |")
            continue
        r = queue.get()
        per_kind = ", ".join(f"{k} {n}" for k, n in r["comprehension_n"].items())

        def t(step: str, r: dict[str, Any] = r) -> str:
            return f"{r[step][0]:.2f} s ({r[step][1]:.2f})"

        print(f"| {r['size'] / 1e6:.1f} MB | {r['clauses']} | {r['acts']} | {t('load')} | {t('index')} "
              f"| {t('comprehension')} | {sum(r['comprehension_n'].values())} ({per_kind}) "
              f"| {t('every')} | {r['every_n']} |  (wall {time.perf_counter() - start:.1f} s)")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
