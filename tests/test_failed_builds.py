"""A build that reports problems publishes nothing, and leaves nothing stale behind; every bad page is named with
its file, line and fix (issue 15, items 1, 2 and 4)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from kit_project import Project
from quizgen.cli import main

PAGE = """# I. Essai

:::{clause} I.1
:themes: securite

Les États membres de l’{org}`OCS` ont salué la {state}`Chine` à {place}`Douchanbé` le {date}`1er septembre 2025`.
:::

:::{clause} I.2
:themes: economie

La {state}`Chine` et l’{state}`Iran` parlent d’un monde {concept}`multipolaire` le {date}`2 septembre 2025`.
:::
"""
QUIZ = "# Quiz\n\n```{quiz} essai\n```\n\n```{quiz-downloads}\n```\n"
RECIPE = 'title = "Essai"\nseed = 1\nvariants = 2\n[counts]\ncloze = 1\n'
INDEX = "# Accueil\n\n```{toctree}\n:glob:\n*\n```\n"
CONF = '\nquizgen_exercises_dir = "ex"\n'


def kit(project: Callable[..., Project], page: str = PAGE) -> Project:
    return project({"index.md": INDEX, "essai.md": page, "quiz.md": QUIZ, "ex/essai.toml": RECIPE},
                   conf_extra=CONF)


def test_failed_rebuild_publishes_nothing_and_removes_the_stale_corpus(project: Callable[..., Project],
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    good = kit(project)
    app = good.build()
    out = Path(app.outdir)  # type: ignore[attr-defined]
    assert app.statuscode == 0, good.warnings  # type: ignore[attr-defined]
    assert (out / "corpus.json").is_file() and sorted((out / "exports").iterdir())
    assert "qg-quiz-essai-data" in (out / "quiz.html").read_text(encoding="utf-8")

    (out / "pdf").mkdir(exist_ok=True)
    (out / "pdf" / "essai-eleve.pdf").write_bytes(b"%PDF from the good build")
    bad = good
    (bad.srcdir / "essai.md").write_text(PAGE.replace(":themes: securite", ":themes: inconnu"), encoding="utf-8")
    app = bad.build()
    assert Path(app.outdir) == out  # type: ignore[attr-defined]
    assert app.statuscode == 1  # type: ignore[attr-defined]
    assert "published nothing new" in bad.warnings and "unknown theme 'inconnu'" in bad.warnings
    assert not (out / "corpus.json").exists(), "the previous build's corpus must not outlive a failed build"
    assert not (out / "exports").exists() and not list(out.glob(".exports*"))
    assert not (out / "pdf").exists()  # the site serves no PDF of a failed build, not even the previous one
    quiz_page = (out / "quiz.html").read_text(encoding="utf-8")
    assert "qg-quiz-essai-data" not in quiz_page and "n’est pas publié" in quiz_page
    assert main(["check", str(bad.srcdir / "ex" / "essai.toml"), "--corpus", str(out / "corpus.json")]) == 1
    assert "corpus file not found" in capsys.readouterr().err


def test_handouts_of_faulty_sources_are_not_written(project: Callable[..., Project]) -> None:
    bad = kit(project, PAGE.replace(":themes: securite", ":themes: inconnu"))
    out = bad.srcdir / "_build" / "handouts"
    out.mkdir(parents=True)
    (out / "essai-eleve.pdf").write_bytes(b"%PDF stale")
    app = bad.build("handouts")
    assert app.statuscode == 1  # type: ignore[attr-defined]
    assert not list(Path(app.outdir).glob("*.pdf"))  # type: ignore[attr-defined]


@pytest.mark.parametrize(("change", "message", "line"), [
    (lambda p: p.replace("salué la {state}`Chine` à {place}`Douchanbé` le {date}`1er septembre 2025`.\n:::\n",
                         "salué la {state}`Chine` à {place}`Douchanbé` le {date}`1er septembre 2025`.\n", 1),
     "clause I.2 is inside clause I.1: a ::: fence is not closed", 3),
    (lambda p: p.replace(":themes: economie\n\n", ":themes: economie\n\n## Un titre\n\n"), "clause I.2 holds a heading",
     12),
    (lambda p: p.replace(":themes: economie\n\n", ":themes: economie\n\n- une liste\n\n"),
     "clause I.2 holds a block of type bullet_list", 12),
    (lambda p: p.replace("ont salué", "ont <script>alert(1)</script> salué"), "raw HTML in clause I.1", 6),
    (lambda p: p.replace(":themes: economie\n\n", ":themes: economie\n\n<div>x</div>\n\n"), "raw HTML in clause I.2",
     12),
])
def test_bad_clause_blocks_are_named_with_file_line_and_fix(project: Callable[..., Project], change: Callable[[str], str],
                                                            message: str, line: int) -> None:
    proj = kit(project, change(PAGE))
    app = proj.build()
    assert app.statuscode == 1  # type: ignore[attr-defined]
    found = [w for w in proj.warnings.splitlines() if message in w]
    assert found, proj.warnings
    assert f"essai.md:{line}:" in found[0] and "fix:" in found[0]
    assert "<script>alert(1)</script>" not in (Path(app.outdir) / "essai.html").read_text(  # type: ignore[attr-defined]
        encoding="utf-8")


def test_raw_html_in_a_commentary_is_refused(project: Callable[..., Project]) -> None:
    page = PAGE.replace(":::{clause} I.1\n:themes: securite\n\n", "::::{clause} I.1\n:themes: securite\n\n"
                        ":::{commentary}\n:kind: editeur\n\nUne note <img src=x onerror=alert(1)> piégée.\n:::\n\n")
    page = page.replace("1er septembre 2025`.\n:::\n", "1er septembre 2025`.\n::::\n", 1)
    proj = kit(project, page)
    app = proj.build()
    assert app.statuscode == 1  # type: ignore[attr-defined]
    assert "raw HTML in a commentary" in proj.warnings
    assert "onerror" not in (Path(app.outdir) / "essai.html").read_text(encoding="utf-8")  # type: ignore[attr-defined]


def test_a_page_that_is_not_utf8_is_named_not_a_crash(project: Callable[..., Project]) -> None:
    proj = kit(project)
    (proj.srcdir / "essai.md").write_bytes(PAGE.encode("utf-8").replace("États".encode(), "États".encode("latin-1")))
    app = proj.build()
    assert app.statuscode == 1  # type: ignore[attr-defined]
    (warning,) = [w for w in proj.warnings.splitlines() if "not UTF-8" in w]
    assert "essai.md:6:" in warning and "save the file as UTF-8" in warning


def test_site_url_reaches_the_corpus(project: Callable[..., Project]) -> None:
    proj = project({"index.md": INDEX, "essai.md": PAGE}, conf_extra='\nquizgen_site_url = "https://kit.example.org/"\n')
    app = proj.build()
    corpus = json.loads((Path(app.outdir) / "corpus.json").read_text(encoding="utf-8"))  # type: ignore[attr-defined]
    assert corpus["site_url"] == "https://kit.example.org/"
