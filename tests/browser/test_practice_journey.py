"""A trainee answers a branching scenario in Chromium and reads the five-part feedback."""

import re

from conftest import ARTIFACTS, settle
from playwright.sync_api import expect


def choose_option(page, label_start: str) -> None:
    page.get_by_role("radio", name=re.compile("^" + re.escape(label_start))).check(force=True)


def test_branching_scenario_with_five_part_feedback(page, server):
    page.goto(f"{server}/practice")
    settle(page)
    expect(page.get_by_role("heading", name="Practice")).to_be_visible()

    page.get_by_label(re.compile("^Search titles")).fill("macadamia")
    page.keyboard.press("Enter")
    expect(page.get_by_text("1 scenario", exact=True)).to_be_visible()
    settle(page)
    page.get_by_role("button", name="Start scenario").click()
    expect(page.get_by_role("heading", name="A souvenir from the islands")).to_be_visible()
    settle(page)
    expect(page.get_by_text("Step 1 of 2")).to_be_visible()

    choose_option(page, "Laugh and say")
    page.get_by_role("button", name="Submit answer").click()
    expect(page.get_by_test_id(re.compile("^stAlertContent")).get_by_text("Weak response: no credit")).to_be_visible()
    settle(page)
    strip = page.get_by_test_id("stMarkdownContainer").filter(has_text=re.compile("✖ undermined: .*not at stake: ")).last  # one line
    for part in ("Professional", "Personal", "Relationship", "Necessary help", "For the client"):
        expect(strip).to_contain_text(part)
    expect(strip).to_contain_text("✖ undermined")
    expect(strip).to_contain_text("✔ upheld")
    expect(page.get_by_text("The strongest response:")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "practice-feedback.png"), full_page=True)

    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("everyone loves macadamia nuts")).to_be_visible()
    settle(page)
    choose_option(page, "Smile again")
    page.get_by_role("button", name="Submit answer").click()
    expect(page.get_by_test_id(re.compile("^stAlertContent")).get_by_text("Strongest response: full credit")).to_be_visible()
    settle(page)
    page.get_by_role("button", name="See summary").click()
    expect(page.get_by_role("heading", name="Summary")).to_be_visible()
    expect(page.get_by_test_id("stMetricValue")).to_have_text("1 of 2")
    expect(page.locator("[data-testid='stVegaLiteChart'], .vega-embed").first).to_be_visible()
    settle(page)
    page.screenshot(path=str(ARTIFACTS / "practice-summary.png"), full_page=True)
