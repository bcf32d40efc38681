"""A supervisor runs an assessment end to end in Chromium, and reads the downloaded results."""

import csv
import io
import re

from conftest import ARTIFACTS, Server, settle
from db_fixtures import fresh_engine
from journeys import click_until, create_cohort, done_with_links, download_made_on_click, sign_in
from playwright.sync_api import expect

from records.assignments import assignments_of_cohort
from records.supervisors import add_supervisor

SCENARIOS = ["knowledge-who-leaves-early", "knowledge-twin-hallmarks", "knowledge-what-predicts-outcome"]
TITLES = {  # the picker shows titles and holds ids
    "knowledge-who-leaves-early": "Who tends to leave therapy early?",
    "knowledge-twin-hallmarks": "What do confidentiality and privacy protect?",
    "knowledge-what-predicts-outcome": "What predicts how therapy turns out?",
}


def go(page, link_name: str) -> None:
    page.get_by_test_id("stSidebar").get_by_role("link", name=link_name, exact=True).click()
    settle(page)


def test_supervisor_assigns_an_assessment_and_sees_the_result(context, browser, tmp_path):
    engine = fresh_engine("sqlite", tmp_path)
    add_supervisor(engine, "Dr. Rivera", "rivera@example.edu", "correct horse battery")
    roster = tmp_path / "roster.csv"
    roster.write_text("name,email,id\nAna Lima,ana@uni.edu,S1\n,missing@uni.edu,\nBo Chen,bo@uni.edu,S2\n", encoding="utf-8")
    server = Server(engine.url.render_as_string(hide_password=False), name="supervisor").start()
    try:
        page = context.new_page()
        sign_in(page, server.url, "rivera@example.edu", "correct horse battery")

        go(page, "Cohorts and links")
        create_cohort(page, "Practicum II")
        page.get_by_role("tab", name="Upload a roster").click()
        page.locator("input[type='file']").set_input_files(str(roster))
        expect(page.get_by_text("2 accepted, 1 rejected.")).to_be_visible()
        settle(page)
        click_until(page, "Add the 2 accepted trainees", "2 trainees added")
        settle(page)
        with page.expect_download() as links_download:  # links are made with the page, not on click
            page.get_by_role("button", name="Download these links (CSV)").click()
        links = {row["name"]: row["link"] for row in csv.DictReader(io.StringIO(open(links_download.value.path(), encoding="utf-8").read()))}
        assert set(links) == {"Ana Lima", "Bo Chen"}
        settle(page)
        # Downloading does not close the window of links, and the page behind stays on the roster tab.
        expect(page.get_by_role("button", name="Download these links (CSV)")).to_be_visible()
        done_with_links(page)
        expect(page.get_by_role("tab", name="Upload a roster")).to_have_attribute("aria-selected", "true")

        go(page, "Assignments")
        chooser = page.get_by_role("combobox", name=re.compile("^Scenarios, in the order"))
        # Reported: typing a word and pressing Enter chose every fuzzy match (18 for "salon"). It chooses one at most.
        chooser.click()
        chooser.fill("the")
        page.keyboard.press("Enter")
        settle(page)
        picker = page.get_by_test_id("stMultiSelect").filter(has=chooser)
        assert picker.locator("[data-tag]").count() <= 1, f"Enter chose {picker.locator('[data-tag]').count()} scenarios"
        if picker.locator("[data-tag]").count():
            chooser.fill("")
            page.keyboard.press("Backspace")  # removes the last chosen scenario
            settle(page)
        expect(picker.locator("[data-tag]")).to_have_count(0)
        for scenario_id in SCENARIOS:
            chooser.click()
            chooser.fill(TITLES[scenario_id][:20])
            page.get_by_role("option", name=re.compile("^" + re.escape(TITLES[scenario_id]))).click()
            settle(page)
        page.keyboard.press("Escape")
        page.get_by_label("Title", exact=True).fill("Week 1 check")
        page.get_by_text("assessment", exact=True).click()
        page.get_by_role("button", name="Create assignment").click()
        expect(page.get_by_text("“Week 1 check” is assigned")).to_be_visible()
        assert assignments_of_cohort(engine, 1, 1)[0].scenario_ids == tuple(SCENARIOS)
        settle(page)

        trainee = browser.new_context(viewport={"width": 1280, "height": 900})
        ana = trainee.new_page()
        ana.goto(links["Ana Lima"].replace("http://localhost:8501", server.url))
        settle(ana)
        go(ana, "My assignments")
        ana.get_by_role("button", name="Open assignment").click()
        settle(ana)
        ana.get_by_role("button", name="Start").click()
        settle(ana)
        for number in range(1, len(SCENARIOS) + 1):
            expect(ana.get_by_text(f"Scenario {number} of {len(SCENARIOS)}")).to_be_visible()
            ana.get_by_role("radiogroup").first.get_by_role("radio").first.check(force=True)
            ana.get_by_role("button", name="Submit answer").click()
            settle(ana)
            expect(ana.get_by_text(re.compile("Strongest response|Weak response|Acceptable"))).to_have_count(0)
            ana.get_by_role("button", name=re.compile("Next scenario|Finish the last scenario")).click()
            settle(ana)
        ana.get_by_role("button", name="Submit assignment").click()
        expect(ana.get_by_text(re.compile(r"Attempt 1\*?\*?, submitted"))).to_be_visible()
        trainee.close()

        go(page, "Dashboard")
        expect(page.get_by_text("Trainee × part")).to_be_visible()
        expect(page.locator("[data-testid='stVegaLiteChart']").first).to_be_visible()
        settle(page)
        page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)
        rows = list(csv.DictReader(open(download_made_on_click(page, "All answers of this assignment (CSV)", "Dashboard"), encoding="utf-8")))
        assert len(rows) == len(SCENARIOS) and {r["trainee"] for r in rows} == {"Ana Lima"}
        assert {r["scenario"] for r in rows} == set(TITLES.values()) and all(r["rating"] for r in rows), "titles, not ids"
    finally:
        server.stop()
