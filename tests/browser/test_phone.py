"""A trainee on a phone (390 px wide): nothing wider than the screen, the menu closes after choosing a page,
options with space between them, and a five-part strip that stays compact. Screenshots go to test-artifacts/phone/."""

import itertools
import pathlib

from conftest import ARTIFACTS, Server, settle
from db_fixtures import fresh_engine
from journeys import choose, open_scenario
from playwright.sync_api import expect

from records.assignments import create_assignment
from records.cohorts import add_members, create_cohort
from records.roster import check_row
from records.supervisors import add_supervisor

PHONE = {"width": 390, "height": 844}
# A phone's own browser says so in its user agent; Streamlit closes its menu after a choice only then.
PHONE_AGENT = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36"
NO_SIDEWAYS_SCROLL = "() => { const m = document.querySelector('[data-testid=stMain]'); return m.scrollWidth <= m.clientWidth + 1; }"


def shot(page, name: str) -> None:
    folder = ARTIFACTS / "phone"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"))


def test_a_trainee_works_on_a_phone(browser, tmp_path: pathlib.Path):
    engine = fresh_engine("sqlite", tmp_path)
    supervisor = add_supervisor(engine, "Dr. Phone", "phone@example.edu", "correct horse battery")
    cohort = create_cohort(engine, supervisor.id, "Practicum II")
    ((_, token),) = add_members(engine, supervisor.id, cohort.id, [check_row(1, "Ana Lima", "ana@uni.edu", "S1", set())])
    create_assignment(engine, supervisor.id, cohort.id, title="Week 3: boundaries", scenario_ids=["gift-from-a-work-trip"])
    server = Server(engine.url.render_as_string(hide_password=False), name="phone").start()
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, user_agent=PHONE_AGENT)
    try:
        page = context.new_page()
        page.goto(f"{server.url}/?t={token}")
        settle(page)
        expect(page.get_by_text("Week 3: boundaries")).to_be_visible()
        expect(page.get_by_role("button", name="Open")).to_be_in_viewport()
        assert page.evaluate(NO_SIDEWAYS_SCROLL), "the landing page is no wider than the phone"
        shot(page, "01-landing")

        page.get_by_test_id("stExpandSidebarButton").click()
        sidebar = page.get_by_test_id("stSidebar")
        expect(sidebar.get_by_role("link", name="Practice", exact=True)).to_be_in_viewport()
        sidebar.get_by_role("link", name="Practice", exact=True).click()
        settle(page)
        expect(page.get_by_role("heading", name="Practice")).to_be_visible()
        expect(sidebar.get_by_role("link", name="Practice", exact=True)).not_to_be_in_viewport()  # the menu closed itself
        shot(page, "02-practice")

        open_scenario(page, "gift-from-a-work-trip", "A souvenir from the islands")
        expect(page.get_by_role("radio").first).to_be_attached()
        boxes = [r.bounding_box() for r in page.get_by_role("radiogroup").first.locator("label").all()]
        boxes = sorted((b for b in boxes if b), key=lambda b: b["y"])
        gaps = [lower["y"] - (upper["y"] + upper["height"]) for upper, lower in itertools.pairwise(boxes)]
        assert len(boxes) >= 4 and min(gaps) >= 8, f"options need space between them on a phone: gaps {gaps}"
        assert page.evaluate(NO_SIDEWAYS_SCROLL)
        shot(page, "03-step")

        choose(page, "Laugh and say")
        page.get_by_role("button", name="Submit answer").click()
        settle(page)
        strip = page.get_by_text("not at stake:").first
        expect(strip).to_be_visible()
        assert strip.bounding_box()["height"] < 100, "the five-part strip stays a few lines, not ten"
        assert page.evaluate(NO_SIDEWAYS_SCROLL)
        shot(page, "04-feedback")
    finally:
        context.close()
        server.stop()
