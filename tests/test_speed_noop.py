"""Issue 16: a rebuild that changed nothing does no work — corpus.json and the exports are left as the last
build published them, the sidebar navigation is not drawn again — and a rebuild that changed something still
computes what depends on it: a touched recipe, a missing output, a new page title."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from test_build_quality import pages, sphinx_build


def stamps(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in sorted(folder.rglob("*"))
            if p.is_file()}


def test_a_no_op_keeps_the_outputs_and_a_change_computes_them(docs_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "site" / "html"
    doctrees = out.parent / "doctrees"
    sphinx_build(docs_copy, out)
    corpus, exports = out / "corpus.json", out / "exports"
    first_pages, first_corpus = pages(out), corpus.read_bytes()
    first_exports, first_inode = stamps(exports), exports.stat().st_ino
    nav = doctrees / "quizgen-sitenav.json"
    nav_stamp = nav.stat().st_mtime_ns

    sphinx_build(docs_copy, out)  # nothing changed
    assert corpus.read_bytes() == first_corpus and stamps(exports) == first_exports
    assert exports.stat().st_ino == first_inode  # not swapped for a staging folder: not computed
    assert nav.stat().st_mtime_ns == nav_stamp  # the stored navigation served
    assert pages(out) == first_pages

    recipe = docs_copy.parent / "exercises" / "partie-2.toml"
    recipe.write_text(recipe.read_text(encoding="utf-8") + "\n# touched\n", encoding="utf-8")
    sphinx_build(docs_copy, out)  # a recipe changed: the exports are computed again (to the same files)
    assert exports.stat().st_ino != first_inode
    assert sorted(stamps(exports)) == sorted(first_exports)

    corpus.unlink()
    sphinx_build(docs_copy, out)  # an output gone: written again, the same
    assert corpus.read_bytes() == first_corpus

    glossary = docs_copy / "glossaire.md"
    text = glossary.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("# "))
    glossary.write_text(text.replace(title, title + " des sigles", 1), encoding="utf-8")
    before = stamps(out)
    sphinx_build(docs_copy, out)  # a title changed: the navigation is drawn again
    assert nav.stat().st_mtime_ns != nav_stamp
    # Sphinx writes again the page and the pages whose table of contents holds it (not every page: its own
    # rule); each of them shows the new title in its navigation, byte for byte as a clean build does.
    written = [name for name, stamp in stamps(out).items() if name.endswith(".html") and before.get(name) != stamp]
    assert "glossaire.html" in written and "index.html" in written
    clean = tmp_path / "clean" / "html"
    sphinx_build(docs_copy, clean)
    now, fresh = pages(out), pages(clean)
    for name in written:
        assert now[name] == fresh[name], name
        assert f"{title[2:]} des sigles</a>" in now[name], name


def test_documents_read_by_another_builder_are_not_missed(docs_copy: Path, tmp_path: Path) -> None:
    """The handouts builder shares the doctree folder (nox -s pdf, then nox -s docs): the documents it read
    again are read for the HTML build's outputs too — corpus.json and the exports follow the edit."""
    out = tmp_path / "site" / "html"
    doctrees = out.parent / "doctrees"
    sphinx_build(docs_copy, out)
    page = docs_copy / "declaration" / "ii.md"
    lines = page.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if re.match(r"^:{3,}\{clause\}\s+II\.12\b", line))
    longest = max(range(start + 1, start + 12), key=lambda i: len(lines[i]))
    lines[longest] += " (modifié)"
    page.write_text("\n".join(lines), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "sphinx", "-q", "-b", "handouts", "-d", str(doctrees), str(docs_copy),
                    str(tmp_path / "pdf")], check=True, capture_output=True, text=True)
    sphinx_build(docs_copy, out)  # reads nothing itself: the handouts build read declaration/ii
    clean = tmp_path / "clean" / "html"
    sphinx_build(docs_copy, clean)
    assert "(modifié)" in (out / "corpus.json").read_text(encoding="utf-8")
    assert (out / "corpus.json").read_bytes() == (clean / "corpus.json").read_bytes()
    assert stamps(out / "exports").keys() == stamps(clean / "exports").keys()


def test_a_clause_no_question_draws_on_builds_no_quiz_and_matches_a_clean_build(docs_copy: Path,
                                                                                 tmp_path: Path) -> None:
    """A quiz is made of its recipe and its pool's questions: editing a clause that no question of any recipe
    draws on builds no quiz, writes no quiz page and leaves every export of a date-free format as it was (only
    Anki's, dated, is written again); the site then equals a clean build of the edited sources."""
    from quizgen.corpus import Corpus
    from quizgen.quiz import build_pool
    from quizgen.recipe import load_recipe

    out = tmp_path / "site" / "html"
    sphinx_build(docs_copy, out)
    corpus = Corpus.load(out / "corpus.json")
    drawn_on = {c for recipe in sorted((docs_copy.parent / "exercises").glob("*.toml"))
                for questions in build_pool(corpus, load_recipe(recipe)).values()
                for q in questions for c in (*q.clauses, *(cite.clause for cite in q.citations))}
    page = docs_copy / "declaration" / "ii.md"
    lines = page.read_text(encoding="utf-8").split("\n")
    starts = {m.group(1): i for i, line in enumerate(lines) if (m := re.match(r"^:{3,}\{clause\}\s+(II\.\d+)\b", line))}
    unused = sorted(set(starts) - drawn_on)
    assert unused and set(starts) & drawn_on  # the page has both kinds of clause: the test means something
    start = starts[unused[0]]
    longest = max(range(start + 1, start + 12), key=lambda i: len(lines[i]))
    lines[longest] += " (modifié)"
    page.write_text("\n".join(lines), encoding="utf-8")

    cache = out.parent / "doctrees" / "quizgen-quizzes.pickle"
    before, cache_stamp = stamps(out), cache.stat().st_mtime_ns
    sphinx_build(docs_copy, out)
    after = stamps(out)
    assert cache.stat().st_mtime_ns == cache_stamp  # no quiz built: the cache was not written again
    assert [n for n in after if n.startswith("quiz/") and n.endswith(".html") and after[n] != before[n]] == []
    assert {n for n in after if n.startswith("exports/") and after[n] != before[n]} == {
        n for n in after if n.startswith("exports/") and n.endswith(".apkg")}
    assert "(modifié)" in (out / "corpus.json").read_text(encoding="utf-8")

    clean = tmp_path / "clean" / "html"
    sphinx_build(docs_copy, clean)
    assert pages(out) == pages(clean)
    for name in stamps(clean / "exports"):
        assert (out / "exports" / name).read_bytes() == (clean / "exports" / name).read_bytes(), name
