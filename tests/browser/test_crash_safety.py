"""SIGKILL the app server in the middle of a burst of answers, again and again: the SQLite file stays
sound and every answer whose feedback the trainee saw is in it.

An answer counts as acknowledged once its rating is on screen: the app saves before it shows
feedback, so a shown rating that is missing from the database would be a lost answer."""

import json
import os
import random
import signal
import sqlite3
import threading
import time
from collections import Counter
from functools import partial

import pytest
from conftest import ARTIFACTS, READY, Server, free_port
from db_fixtures import fresh_engine
from playwright.sync_api import Error as PlaywrightError

from records.trainees import add_trainee

KILLS = int(os.environ.get("PRACTICUM_CRASH_KILLS", "50"))
# Earlier steps keep their ratings in closed expanders, so only a visible rating is new feedback.
FEEDBACK = "text=/Strongest response: full credit|Acceptable: half credit|Weak response: no credit|Harmful: no credit/ >> visible=true"
# Buttons that lead on to the next answer, in the order worth trying.
ONWARD = ("Continue", "See summary", "Next scenario", "Try again", "Start scenario")
ANY_ACTION = "role=button[name=/^(Submit answer|" + "|".join(ONWARD) + ")$/]"
ROUND_LIMIT = 90.0  # seconds a round may take before the test calls the page stuck


class Killed(Exception):
    """The server was killed: the page can answer no more this round."""


def start_killer(pid: int, delay: float, killed: threading.Event) -> None:
    """SIGKILL the process `delay` seconds from now, from another thread, while the page keeps going."""

    def kill() -> None:
        os.kill(pid, signal.SIGKILL)
        killed.set()

    threading.Timer(delay, kill).start()


def wait_for(page, selector: str, killed: threading.Event, deadline: float, state: str = "visible") -> None:
    """Wait for a selector in short slices, giving up at once when the server has been killed."""
    while time.monotonic() < deadline:
        if killed.is_set():
            raise Killed
        try:
            page.wait_for_selector(selector, timeout=200, state=state)
            return
        except PlaywrightError:
            continue
    page.screenshot(path=str(ARTIFACTS / "crash-stuck.png"), full_page=True)
    raise AssertionError(f"{selector} did not appear within the round's {ROUND_LIMIT:.0f} s while the server was up; see {ARTIFACTS}/crash-stuck.png")


def words(text: str) -> str:
    """Text with runs of whitespace made single spaces: a line break in a YAML option shows as a space."""
    return " ".join(text.replace("\u2060", "").split())


def visible_text(locator) -> str:
    return words(locator.inner_text())


def answer_until_killed(page, acknowledged: Counter, kill_on_submit: int, kill, killed: threading.Event) -> int:
    """Answer as fast as the page allows, counting each answer once its rating is on screen.
    On submit number `kill_on_submit` the killer is started, so the kill falls somewhere in the burst."""
    deadline, submits = time.monotonic() + ROUND_LIMIT, 0
    while True:
        wait_for(page, ANY_ACTION, killed, deadline)
        wait_for(page, READY, killed, deadline)
        submit = page.get_by_role("button", name="Submit answer")
        if submit.count():
            title = visible_text(page.locator("h1").first)
            radios = page.get_by_role("radiogroup").first.get_by_role("radio")  # the second group asks how sure
            if not radios.count():
                continue  # the form is still being drawn
            choice = radios.nth(random.randrange(radios.count()))
            option = visible_text(choice.locator("xpath=ancestor::label[1]"))
            choice.check(force=True)
            submit.click()
            submits += 1
            if submits == kill_on_submit:
                kill()
            wait_for(page, FEEDBACK, killed, deadline)
            acknowledged[(title, option)] += 1
            continue
        for name in ONWARD:
            button = page.get_by_role("button", name=name, exact=True)
            if button.count() and button.first.is_enabled():
                button.first.click()
                # The old page stays up until the rerun replaces it: wait for that, or the button is clicked twice.
                wait_for(page, f'role=button[name="{name}"i]', killed, deadline, state="detached")
                break


def stored_answers(path) -> tuple[str, Counter]:
    with sqlite3.connect(path) as db:
        integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
        rows = db.execute("SELECT attempts.scenario_title, answers.judged FROM answers JOIN attempts ON attempts.id = answers.attempt_id").fetchall()
    return integrity, Counter((words(title), words(json.loads(judged)["option_text"])) for title, judged in rows)


@pytest.mark.timeout(max(300, KILLS * 60))
def test_sigkill_mid_burst_never_loses_an_acknowledged_answer(browser, tmp_path):
    engine = fresh_engine("sqlite", tmp_path)
    database = engine.url.database
    _, token = add_trainee(engine, "Kim Crashtest")
    engine.dispose()
    port, acknowledged, integrity_ok, rng = free_port(), Counter(), 0, random.Random(8)
    random.seed(8)
    started = time.monotonic()
    for kill in range(1, KILLS + 1):
        server = Server(f"sqlite:///{database}", port=port, name="crash").start()
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        killed = threading.Event()
        try:
            page = context.new_page()
            page.set_default_timeout(10_000)
            page.goto(f"{server.url}/practice?t={token}")
            delay = rng.uniform(0.0, 0.4)
            answer_until_killed(page, acknowledged, rng.randint(1, 6), partial(start_killer, server.process.pid, delay, killed), killed)
        except (Killed, PlaywrightError):
            if not killed.is_set():
                raise
            # the server is gone, so the page can no longer answer
        finally:
            if not killed.is_set():
                server.stop()
            server.process.wait()
            server.log.close()
            context.close()
        integrity, stored = stored_answers(database)
        lost = acknowledged - stored
        assert integrity == "ok", f"after kill {kill}: integrity_check says {integrity}"
        assert not lost, f"after kill {kill}: acknowledged but not stored: {dict(lost)}"
        integrity_ok += 1
    total_stored = sum(stored.values())
    print(
        f"\ncrash safety: {KILLS} SIGKILLs mid-burst in {time.monotonic() - started:.0f} s; integrity_check ok after {integrity_ok} of {KILLS}; "
        f"{sum(acknowledged.values())} answers acknowledged, 0 lost; {total_stored} stored"
    )
    assert sum(acknowledged.values()) >= KILLS, "the bursts were too short to test anything"
