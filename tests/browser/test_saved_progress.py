"""Answers survive a server restart, and two app servers on one PostgreSQL share them."""

import re

import pytest
from conftest import ARTIFACTS, Server, settle
from db_fixtures import fresh_engine
from journeys import open_scenario, submit_and_continue
from playwright.sync_api import expect

from records.trainees import add_trainee
from scenarios.load import load_library
from scenarios.model import remaining_steps


def longest_path_scenario(min_steps: int = 3):
    """A library scenario and the option texts along a path of at least `min_steps` steps."""
    for scenario in sorted(load_library().scenarios, key=lambda s: s.id):
        if remaining_steps(scenario, scenario.first_step.id) < min_steps:
            continue
        path, step = [], scenario.first_step
        while step is not None:
            option = max(step.options, key=lambda o: remaining_steps(scenario, o.next) if o.next else 0)
            path.append(option.text)
            step = scenario.step(option.next) if option.next else None
        return scenario, path
    pytest.skip(f"no library scenario has a path of {min_steps} steps")


def test_a_restarted_server_resumes_the_trainee_at_step_three(context, tmp_path):
    engine = fresh_engine("sqlite", tmp_path)
    url = engine.url.render_as_string(hide_password=False)
    _, token = add_trainee(engine, "Dana Restart")
    scenario, path = longest_path_scenario()
    server = Server(url, name="restart").start()
    try:
        page = context.new_page()
        page.goto(f"{server.url}/practice?t={token}")
        settle(page)
        expect(page.get_by_text("Signed in by personal link as")).to_be_visible()
        open_scenario(page, scenario.id, scenario.title)
        submit_and_continue(page, path[0])
        submit_and_continue(page, path[1])
        expect(page.get_by_text(re.compile(r"^Step 3 of \d+$"))).to_be_visible()

        server.stop()
        server.start()
        page.reload()
        settle(page)
        expect(page.get_by_role("heading", name=scenario.title)).to_be_visible()
        expect(page.get_by_text(re.compile(r"^Step 3 of \d+$"))).to_be_visible()
        expect(page.get_by_text("Step 1: you chose")).to_be_visible()
        expect(page.get_by_text("Step 2: you chose")).to_be_visible()
        page.screenshot(path=str(ARTIFACTS / "resumed-after-restart.png"), full_page=True)

        page.goto(f"{server.url}/progress?t={token}")
        settle(page)
        expect(page.get_by_test_id("stMetric").filter(has_text="Answers given")).to_contain_text("2")
    finally:
        server.stop()


def test_two_servers_on_one_postgresql_share_answers(context, tmp_path):
    engine = fresh_engine("postgresql", tmp_path)  # skips, with the reason, when no server is configured
    url = engine.url.render_as_string(hide_password=False)
    _, token = add_trainee(engine, "Eli Shared")
    scenario, path = longest_path_scenario(2)
    first, second = Server(url, name="pg-a").start(), Server(url, name="pg-b").start()
    try:
        on_first = context.new_page()
        on_first.goto(f"{first.url}/practice?t={token}")
        settle(on_first)
        open_scenario(on_first, scenario.id, scenario.title)
        submit_and_continue(on_first, path[0])

        on_second = context.new_page()
        on_second.goto(f"{second.url}/progress?t={token}")
        settle(on_second)
        expect(on_second.get_by_test_id("stMetric").filter(has_text="Answers given")).to_contain_text("1")
        expect(on_second.get_by_text("Eli Shared")).to_be_visible()
        on_second.get_by_text("Every answer, with how it was judged").click()
        expect(on_second.get_by_text(path[0][:30], exact=False).first).to_be_visible()
    finally:
        first.stop()
        second.stop()
