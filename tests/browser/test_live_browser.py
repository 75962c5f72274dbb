"""The live class in Debian's Chromium: one teacher page, a projector and three phones (390 px wide, touch)
go through a whole quiz; one phone reloads mid-question and resumes without a new pseudonym."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from harness import Watch, open_context, watch_page

from live_helpers import running
from quizgen.live.questions import LiveQuestion
from tools import require_axe

PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
SHOTS = os.environ.get("QG_LIVE_SHOTS")  # a folder: save screenshots there (to look at them)


def shot(page: Any, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def serious_violations(page: Any) -> list[str]:
    """axe-core's serious and critical findings on the page as it is now."""
    require_axe()
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page).response["violations"]
    return [f"{v['impact']} {v['id']}: {v['help']} — {[n.get('html', '')[:120] for n in v['nodes']]}"
            for v in found if v.get("impact") in ("serious", "critical")]


def answer(page: Any, q: LiveQuestion, right: bool, keyboard: bool = False) -> None:
    """Answer on the phone's page, by touch (tap) or with the keyboard only."""
    n = len(q.options)
    if q.form in ("matching", "ordering"):
        key = list(q.answers) if right else [(a + 1) % n for a in q.answers]
        if q.form == "ordering" and not right:
            key = list(reversed(q.answers))
        for i, k in enumerate(key):
            page.locator(f"#qgl-sel-{i}").select_option(str(k))
    else:
        picks = list(q.answers) if right else [next(i for i in range(n) if i not in q.answers)]
        for k in picks:
            if keyboard:
                page.locator(f"#qgl-opt-{k}").focus()
                page.keyboard.press("Space")
            else:
                page.locator(f"label[for=qgl-opt-{k}]").tap()
    button = page.locator(".qgl-answer button[type=submit]")
    if keyboard:
        button.focus()
        page.keyboard.press("Enter")
    else:
        button.tap()
    page.get_by_text("Réponse enregistrée").wait_for()


def test_a_whole_live_quiz_with_three_phones(browser: Any, tmp_path: Path) -> None:
    watch = Watch()
    with running(tmp_path) as run:
        questions = run.live.questions
        desk = open_context(browser, watch, viewport={"width": 1280, "height": 900})
        teacher = desk.new_page()
        watch_page(teacher, watch)
        teacher.goto(f"{run.url}/prof/{run.room}#cle={run.token}")
        projector = desk.new_page()
        watch_page(projector, watch)
        projector.goto(f"{run.url}/projecteur/{run.room}#cle={run.token}")
        projector.get_by_text("0 participants").wait_for()
        phones = []
        names = ["Ana", "<b>Bilal</b>", "Chloé"]
        for name in names:
            context = open_context(browser, watch, **PHONE)
            phone = context.new_page()
            watch_page(phone, watch)
            phone.goto(f"{run.url}/s/{run.room}")
            phone.get_by_label("Pseudonyme").fill(name)
            phone.get_by_role("button", name="Rejoindre").tap()
            phone.get_by_text(f"Vous participez sous le nom « {name} »").wait_for()
            phones.append(phone)
        teacher.get_by_text("3 participants").wait_for()
        projector.get_by_text("3 participants").wait_for()
        # an HTML pseudonym is shown as text, never as markup
        assert teacher.locator(".qgl-people b").count() == 0
        assert "<b>Bilal</b>" in teacher.locator(".qgl-people").inner_text()
        shot(projector, "projector-lobby")
        shot(phones[0], "phone-lobby")

        scores = [0, 0, 0]
        for index, q in enumerate(questions):
            teacher.get_by_role("button", name="Commencer le quiz" if index == 0 else "Question suivante").click()
            for p, phone in enumerate(phones):
                phone.get_by_text(f"Question {index + 1} sur {len(questions)}").wait_for()
                if p == 0 and q.form in ("choice", "matching"):
                    assert serious_violations(phone) == [], q.form
                right = (p + index) % 3 != 0
                answer(phone, q, right, keyboard=p == 2)
                scores[p] += right
                if p == 0 and index == 1:
                    # the phone reloads mid-question: same pseudonym, same question, its answer kept
                    phone.reload()
                    phone.get_by_text(f"Question {index + 1} sur {len(questions)}").wait_for()
                    phone.get_by_text("Vous participez sous le nom « Ana »").wait_for()
                    assert phone.get_by_label("Pseudonyme").count() == 0
                    assert phone.locator(".qgl-answer button[type=submit]").inner_text() == "Modifier ma réponse"
                    shot(phone, "phone-reloaded")
            teacher.get_by_text("3/3 réponses").wait_for()
            projector.get_by_text("3/3 réponses").wait_for()
            if index == 0:
                shot(phones[1], "phone-answered")
                shot(projector, "projector-question")
                assert projector.locator(".qgl-keybox").count() == 0  # no key on the projector before the reveal
            teacher.get_by_role("button", name="Révéler la réponse").click()
            projector.locator(".qgl-bars").wait_for()
            assert projector.locator(".qgl-bar").count() >= 2
            for p, phone in enumerate(phones):
                verdict = "Bonne réponse" if (p + index) % 3 != 0 else "Réponse inexacte"
                phone.get_by_text(verdict).wait_for()
            if index == 0:
                assert serious_violations(teacher) == [] and serious_violations(projector) == []
                assert serious_violations(phones[0]) == []
                shot(projector, "projector-revealed")
                shot(phones[0], "phone-revealed")
                shot(teacher, "teacher-revealed")
        teacher.get_by_role("button", name="Question suivante").click()
        projector.get_by_text("Les trois questions les plus manquées").wait_for()
        assert projector.locator(".qgl-missed li").count() == 3
        assert projector.locator(".qgl-results tbody tr").count() == len(questions)
        for p, phone in enumerate(phones):
            phone.get_by_text(f"{scores[p]} / {len(questions)}").wait_for()
        assert serious_violations(projector) == []
        shot(projector, "projector-end")
        shot(phones[2], "phone-end")
        teacher.get_by_text("Résultats enregistrés sur cet ordinateur").wait_for()
        assert (tmp_path / f"resultats-{run.room}.xlsx").is_file()
        assert run.live.store.count_answers(run.room) == 3 * len(questions)
        desk.close()
        for phone in phones:
            phone.context.close()
    assert watch.problems() == []


def test_pages_reconnect_by_themselves_after_the_server_is_killed(browser: Any, tmp_path: Path) -> None:
    """``quizgen live`` killed with SIGKILL mid-question and started again: the open pages reconnect alone,
    the phone shows its answer, the teacher the count, and the quiz goes on."""
    from live_helpers import questions, write_inputs
    from live_process import LiveProcess, free_port

    q = questions()[0]  # the same recipe, seed and corpus as write_inputs: the same first question
    corpus, recipe = write_inputs(tmp_path)
    db = tmp_path / "out" / "live.sqlite3"
    port = free_port()
    watch = Watch()
    server = LiveProcess(recipe, corpus, db, port)
    try:
        desk = open_context(browser, watch, viewport={"width": 1280, "height": 900})
        teacher = desk.new_page()
        watch_page(teacher, watch)
        teacher.goto(f"{server.url}/prof/{server.room}#cle={server.token}")
        phone = open_context(browser, watch, **PHONE).new_page()
        watch_page(phone, watch)
        phone.goto(f"{server.url}/s/{server.room}")
        phone.get_by_label("Pseudonyme").fill("Ana")
        phone.get_by_role("button", name="Rejoindre").tap()
        teacher.get_by_text("1 participants").wait_for()
        teacher.get_by_role("button", name="Commencer le quiz").click()
        phone.get_by_text("Question 1 sur 7").wait_for()
        answer(phone, q, right=True)
        teacher.get_by_text("1/1 réponses").wait_for()
        server.kill()
        phone.get_by_text("Connexion perdue").wait_for()
        teacher.get_by_text("Connexion perdue").wait_for()
        server = LiveProcess(recipe, corpus, db, port)
        phone.locator(".qgl-online").wait_for(timeout=20_000)
        teacher.locator(".qgl-online").wait_for(timeout=20_000)
        phone.get_by_text("Question 1 sur 7").wait_for()
        phone.get_by_text("Pause").first.wait_for()
        assert phone.locator(".qgl-answer button[type=submit]").inner_text() == "Modifier ma réponse"
        teacher.get_by_text("1/1 réponses").wait_for()
        teacher.get_by_text("redémarrage").wait_for()
        teacher.get_by_role("button", name="Reprendre").click()
        phone.locator(".qgl-answer button[type=submit]:enabled").wait_for()
        teacher.get_by_role("button", name="Révéler la réponse").click()
        phone.get_by_text("Bonne réponse").wait_for()
        desk.close()
        phone.context.close()
    finally:
        server.stop()
    # while the server was down, Chromium logs the refused WebSocket connections: expected, nothing else
    assert [p for p in watch.problems() if "WebSocket" not in p] == []
