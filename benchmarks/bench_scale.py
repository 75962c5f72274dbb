"""Scale: generation time on corpora of about 1, 4 and 50 MB (issue 15 item 13).

    PYTHONPATH=src python benchmarks/bench_scale.py [--corpus docs/_build/html/corpus.json] [--limit 120]

The corpus is the kit's, repeated with new clause numbers (and one word changed per copy so texts differ)
until it reaches each size. Prints the time to load, to index and to build the whole pool of questions; a
size whose pool takes longer than --limit seconds is reported as not finished (run in a subprocess).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import re
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


def run(path: str, megabytes: float, out: Any) -> None:
    from quizgen.corpus import Corpus
    from quizgen.generate import pool
    from quizgen.guards import TextIndex

    data = grown(json.loads(Path(path).read_text(encoding="utf-8")), megabytes)
    t0 = time.perf_counter()
    corpus = Corpus.from_dict(data)
    t1 = time.perf_counter()
    index = TextIndex(corpus)
    index.meaning  # noqa: B018 — read the tags once
    t2 = time.perf_counter()
    found = pool(corpus, index=index, kinds=("position", "decided", "truefalse", "reading", "who"))
    t3 = time.perf_counter()
    out.put((len(corpus), t1 - t0, t2 - t1, t3 - t2, sum(len(v) for v in found.values())))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", default=str(ROOT / "docs/_build/html/corpus.json"))
    parser.add_argument("--limit", type=float, default=120)
    args = parser.parse_args()
    for mb in (1, 4, 50):
        queue: Any = multiprocessing.Queue()
        proc = multiprocessing.Process(target=run, args=(args.corpus, mb, queue))
        start = time.perf_counter()
        proc.start()
        proc.join(args.limit)
        if proc.is_alive():
            proc.terminate()
            proc.join()
            print(f"{mb:>3} MB: not finished in {args.limit:.0f} s")
            continue
        clauses, load, index, build, count = queue.get()
        print(f"{mb:>3} MB: {clauses} clauses — load {load:.2f} s, index {index:.2f} s, pool of the comprehension "
              f"families {build:.2f} s ({count} questions; wall {time.perf_counter() - start:.1f} s)")


if __name__ == "__main__":
    main()
