"""From a blank template to a scenario assigned to a trainee, in Chromium."""

import re

from conftest import ARTIFACTS, Server, settle
from db_fixtures import fresh_engine
from journeys import sign_in
from playwright.sync_api import expect

from records.assignments import assignments_of_cohort
from records.cohorts import add_members, create_cohort
from records.roster import check_row
from records.supervisors import add_supervisor
from records.trainees import personal_link


def test_template_to_assignment(context, browser, tmp_path, monkeypatch):
    engine = fresh_engine("sqlite", tmp_path)
    supervisor = add_supervisor(engine, "Dr. Okafor", "okafor@example.edu", "correct horse battery")
    cohort = create_cohort(engine, supervisor.id, "Practicum I")
    ((_, token),) = add_members(engine, supervisor.id, cohort.id, [check_row(1, "Lena Park", "lena@uni.edu", "", set())])
    monkeypatch.setenv("PRACTICUM_AUTHOR_DIR", str(tmp_path / "authored"))
    server = Server(engine.url.render_as_string(hide_password=False), name="author").start()
    try:
        page = context.new_page()
        sign_in(page, server.url, "okafor@example.edu", "correct horse battery")
        page.get_by_test_id("stSidebar").get_by_role("link", name="Author scenarios", exact=True).click()
        settle(page)
        with page.expect_download() as download:
            page.get_by_role("button", name="Download the commented template").click()
        template = open(download.value.path(), encoding="utf-8").read()
        mine = template.replace("id: my-first-scenario", "id: lena-asks-for-a-hug").replace(
            "title: A short title trainees see", "title: A hug at the last session"
        )
        page.get_by_role("tab", name="Paste a scenario").click()
        page.get_by_label("Scenario YAML").fill(mine)
        page.get_by_role("button", name="Check").click()
        expect(page.get_by_text("Valid: “A hug at the last session”")).to_be_visible()
        settle(page)
        page.get_by_role("button", name="Save to the library").click()
        expect(page.get_by_text("Saved as lena-asks-for-a-hug.yaml")).to_be_visible()
        settle(page)
        page.screenshot(path=str(ARTIFACTS / "author.png"), full_page=True)

        page.get_by_test_id("stSidebar").get_by_role("link", name="Assignments", exact=True).click()
        settle(page)
        chooser = page.get_by_role("combobox", name=re.compile("^Scenarios, in the order"))
        chooser.click()
        chooser.fill("A hug at the last")
        page.get_by_role("option", name=re.compile(r"^A hug at the last session")).click()
        settle(page)
        page.keyboard.press("Escape")
        page.get_by_label("Title", exact=True).fill("Endings")
        page.get_by_role("button", name="Create assignment").click()
        expect(page.get_by_text("“Endings” is assigned")).to_be_visible()
        assert assignments_of_cohort(engine, supervisor.id, cohort.id)[0].scenario_ids == ("lena-asks-for-a-hug",)

        trainee = browser.new_context()
        lena = trainee.new_page()
        lena.goto(personal_link(token).replace("http://localhost:8501", server.url))
        settle(lena)
        lena.get_by_test_id("stSidebar").get_by_role("link", name="My assignments", exact=True).click()
        settle(lena)
        expect(lena.get_by_role("combobox", name="Assignment")).to_have_value(re.compile("^Endings"))
        lena.get_by_role("button", name="Open assignment").click()
        settle(lena)
        lena.get_by_role("button", name="Start").click()
        expect(lena.get_by_text("Scenario 1 of 1: A hug at the last session")).to_be_visible()
        trainee.close()
    finally:
        server.stop()
