"""Steps a trainee takes in the browser, shared by the journeys."""

import re

from conftest import settle
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect


def open_scenario(page, scenario_id: str, title: str) -> None:
    page.get_by_label(re.compile("^Search titles")).fill(scenario_id)
    page.keyboard.press("Enter")
    expect(page.get_by_text(re.compile(r"^1 scenario$"))).to_be_visible()
    settle(page)
    page.get_by_role("button", name="Start scenario").click()
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    settle(page)


def choose(page, option_text: str) -> None:
    page.get_by_role("radio", name=re.compile("^" + re.escape(option_text[:40]))).check(force=True)


def submit_and_continue(page, option_text: str, then: str = "Continue") -> None:
    choose(page, option_text)
    page.get_by_role("button", name="Submit answer").click()
    expect(page.get_by_role("button", name=then)).to_be_visible()
    settle(page)
    page.get_by_role("button", name=then).click()
    expect(page.get_by_role("button", name=then)).to_have_count(0)
    settle(page)


def open_sign_in_form(page, server_url: str) -> None:
    """The sign-in form is a plain page of the app's own server (it sets the session cookie), not a Streamlit page."""
    page.goto(f"{server_url}/auth/sign-in")
    expect(page.get_by_role("heading", name="Supervisor sign-in")).to_be_visible()


def try_sign_in(page, server_url: str, email: str, password: str) -> None:
    """Fill in and send the sign-in form, whatever the answer."""
    open_sign_in_form(page, server_url)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()


def sign_in(page, server_url: str, email: str, password: str) -> None:
    try_sign_in(page, server_url, email, password)
    expect(page.get_by_text("Signed in as supervisor")).to_be_visible()
    settle(page)


def create_cohort(page, title: str) -> None:
    """On Cohorts and links: make a cohort, which becomes the one shown."""
    box = page.get_by_label("Title")
    # A supervisor with no cohort yet finds the form already open. Ask the expander, not the box: the box
    # can be drawn a moment after the page settles, and a click then would close the open form.
    details = page.get_by_test_id("stExpander").filter(has_text="Create a cohort").locator("details")
    if details.get_attribute("open") is None:
        page.get_by_text("Create a cohort").click()
    box.fill(title)
    page.get_by_role("button", name="Create cohort").click()
    expect(page.get_by_text("Cohort created.")).to_be_visible()
    settle(page)


def nav(page, link: str) -> None:
    """Follow a link of the sidebar menu."""
    page.get_by_test_id("stSidebar").get_by_role("link", name=link, exact=True).click()
    settle(page)


def download_made_on_click(page, button: str, menu_link: str) -> str:
    """Click a download button on the page the menu link opens; return the path of the file it gave.

    A button whose file is made on click (a callable passed to st.download_button) asks the server
    for it over the websocket. About one click in twenty, in CI and locally, got no answer: no
    request error, nothing in the server log at debug level, the button left disabled. A user would
    open the page again from the menu and click once more, so the test does that, up to twice (in CI
    both tries once failed in one run); a button that never delivers still fails.
    """
    for attempt in (1, 2, 3):
        settle(page)
        try:
            with page.expect_download(timeout=15_000) as started:
                page.get_by_role("button", name=button).click(timeout=15_000)
            return started.value.path()
        except PlaywrightTimeoutError:
            if attempt == 3:
                raise
            print(f"\n{button}: no file 15 s after the click; opening {menu_link} again and clicking once more")
            nav(page, menu_link)


def click_until(page, button: str, shown: str, tries: int = 3) -> None:
    """Click a button until the text it should bring appears. A click that lands while an upload's rerun is
    still drawing the page can be lost (seen once in CI after a roster upload); a user would click again.
    A button that never brings its text still fails."""
    for attempt in range(1, tries + 1):
        settle(page)
        if attempt > 1 and page.get_by_text(shown).first.is_visible():  # the earlier click was only slow
            return
        page.get_by_role("button", name=button).first.click()
        try:
            expect(page.get_by_text(shown).first).to_be_visible(timeout=10_000)
            return
        except AssertionError:
            if attempt == tries:
                raise
            print(f"\n{button}: '{shown}' not shown 10 s after the click; clicking once more")


def done_with_links(page) -> None:
    """Close the "Copy these now" window that new links open in (it does not close by itself)."""
    page.get_by_role("button", name=re.compile(r"^Done, I have the links?$")).click()
    expect(page.get_by_role("dialog")).to_have_count(0)
    settle(page)
