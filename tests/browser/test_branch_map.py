"""A supervisor opens a scenario's branch map in the Assignments preview, clicks a step and reads it, at desktop
size and on a phone. Screenshots go to test-artifacts/branch-map/."""

import re

from audit import BLOCKING, axe_source, axe_violations
from conftest import ARTIFACTS, Server, settle
from db_fixtures import fresh_engine
from journeys import nav, sign_in
from playwright.sync_api import expect
from test_phone import NO_SIDEWAYS_SCROLL, PHONE, PHONE_AGENT

from records.cohorts import create_cohort
from records.supervisors import add_supervisor

TITLE = "The interpreter knows his wife's aunt"  # tests/fixtures/library/interpreter-knows-the-family.yaml


def shot(page, name: str) -> None:
    """The map at the top of the screen (and what fits under it), no tooltip over it."""
    folder = ARTIFACTS / "branch-map"
    folder.mkdir(parents=True, exist_ok=True)
    page.mouse.move(0, 0)
    page.get_by_test_id("stVegaLiteChart").first.evaluate("chart => chart.scrollIntoView({block: 'center'})")
    page.screenshot(path=str(folder / f"{name}.png"))


def click_step(page, number: int) -> None:
    """Click a step's node; each carries its description (for screen readers), which starts "Step N,"."""
    page.get_by_test_id("stVegaLiteChart").locator(f"svg path[aria-label^='Step {number},']").click()
    settle(page)


def open_preview(page) -> None:
    if page.viewport_size["width"] < 500:  # on a phone the menu starts closed
        page.get_by_test_id("stExpandSidebarButton").click()
    nav(page, "Assignments")
    chooser = page.get_by_role("combobox", name=re.compile("^Scenarios, in the order"))
    chooser.click()
    chooser.fill("interpreter knows")
    page.get_by_role("option", name=re.compile("^" + re.escape(TITLE))).click()
    settle(page)
    page.keyboard.press("Escape")
    settle(page)
    preview = page.get_by_test_id("stExpander").filter(has_text="Preview the chosen scenarios").locator("details")
    for _ in range(3):  # on a phone the first tap may only close the list of scenarios still open above
        preview.locator("summary").click()
        settle(page)
        if preview.get_attribute("open") is not None:
            break
    expect(preview).to_have_attribute("open", "")
    expect(page.get_by_test_id("stVegaLiteChart").locator("svg path[aria-label^='Step 1,']")).to_be_visible()
    settle(page)


def test_a_supervisor_clicks_a_step_in_the_map_and_reads_it(browser, tmp_path):
    engine = fresh_engine("sqlite", tmp_path)
    supervisor = add_supervisor(engine, "Dr. Map", "map@example.edu", "correct horse battery")
    create_cohort(engine, supervisor.id, "Practicum I")
    server = Server(engine.url.render_as_string(hide_password=False), name="branch-map").start()
    axe = axe_source()
    try:
        for name, device, step, prompt in (
            ("desktop-1366", {"viewport": {"width": 1366, "height": 900}}, 2, "The following week Yusuf arrives stiff and silent."),
            (
                "phone-390",
                {"viewport": PHONE, "is_mobile": True, "has_touch": True, "user_agent": PHONE_AGENT},
                3,
                "At the start of the next session",
            ),
        ):
            context = browser.new_context(**device)
            page = context.new_page()
            page.goto(server.url)  # the first run of a new server loads the library: not within sign_in's 5 s on a busy machine
            settle(page)
            sign_in(page, server.url, "map@example.edu", "correct horse battery")
            open_preview(page)
            shot(page, f"{name}-map")
            click_step(page, step)
            heading = page.get_by_text(re.compile(rf"^Step {step} — after choice"))
            opened = page.get_by_test_id("stVerticalBlock").filter(has=heading).last  # the innermost: the opened step's box
            expect(opened.get_by_text(prompt)).to_be_visible()
            expect(opened.get_by_text(re.compile(r"^best$")).first).to_be_visible()
            expect(page.get_by_role("combobox", name="Open a step")).to_have_value(re.compile(rf"^Step {step}: "))
            assert page.evaluate(NO_SIDEWAYS_SCROLL), f"{name}: the page scrolls sideways"
            serious = [v for v in axe_violations(page, axe) if v["impact"] in BLOCKING]
            assert serious == [], f"{name}: {serious}"
            shot(page, f"{name}-step-{step}")
            context.close()
    finally:
        server.stop()
