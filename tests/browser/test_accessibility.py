"""axe-core on every page for a guest, a trainee and a supervisor, every control reached with Tab,
and the two core journeys done with the keyboard alone."""

import re

import pytest
from audit import BLOCKING, axe_source, axe_violations, unreachable_by_tab
from conftest import Server, settle
from db_fixtures import fresh_engine
from journeys import nav, open_scenario, open_sign_in_form, sign_in
from playwright.sync_api import expect
from world import PASSWORD, build_world

TRAINER = ["Home", "Learn the definition", "Practice", "My progress"]
SUPERVISOR = ["Scenario files", "Cohorts and links", "Assignments", "Dashboard", "Author scenarios", "Export scenarios", "Sign out"]  # Scenario files: listed for supervisors only
SCENARIO = "gift-from-a-work-trip"


@pytest.fixture(scope="module")
def app(browser, tmp_path_factory):
    folder = tmp_path_factory.mktemp("a11y")
    world = build_world(fresh_engine("sqlite", folder), folder)
    server = Server(world.database_url, name="a11y", env=world.server_env).start()
    yield server, world
    server.stop()


class Audit:
    def __init__(self, source: str):
        self.source, self.screens, self.controls = source, [], 0
        self.blocking: list[str] = []
        self.minor: dict[str, int] = {}
        self.unreachable: list[str] = []

    def screen(self, page, name: str, streamlit: bool = True) -> None:
        if streamlit:  # the sign-in form is the server's own page, with no script to wait for
            settle(page)
        self.screens.append(name)
        for violation in axe_violations(page, self.source):
            if violation["impact"] in BLOCKING:
                self.blocking.append(f"{name}: {violation['impact']} {violation['id']} ({violation['help']}): {violation['nodes']}")
            else:
                self.minor[violation["id"]] = self.minor.get(violation["id"], 0) + 1
        count, missed = unreachable_by_tab(page)
        self.controls += count
        self.unreachable += [f"{name}: {group}" for group in missed]


def visit(page, audit: Audit, role: str, links: list[str]) -> None:
    for link in links:
        nav(page, link)
        audit.screen(page, f"{role} · {link}")


def answer_first_step(page, audit: Audit, role: str) -> None:
    nav(page, "Practice")
    open_scenario(page, SCENARIO, "A souvenir from the islands")
    audit.screen(page, f"{role} · a scenario step")
    page.get_by_role("radio").first.check(force=True)
    page.get_by_role("button", name="Submit answer").click()
    expect(page.get_by_role("button", name="Continue")).to_be_visible()
    audit.screen(page, f"{role} · five-part feedback")


def test_every_page_in_every_role_passes_axe_and_tab(browser, app):
    server, world = app
    audit = Audit(axe_source())

    guest = browser.new_context(viewport={"width": 1280, "height": 900})
    page = guest.new_page()
    page.goto(server.url)
    audit.screen(page, "guest · Home")
    visit(page, audit, "guest", TRAINER[1:])
    page.get_by_test_id("stSidebar").get_by_role("link", name="Supervisor sign-in").click()
    expect(page.get_by_role("heading", name="Supervisor sign-in")).to_be_visible()
    audit.screen(page, "guest · sign-in form", streamlit=False)
    page.get_by_label("Email").fill(world.sup_a)
    page.get_by_label("Password", exact=True).fill("wrong password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("do not match an account")).to_be_visible()
    audit.screen(page, "guest · sign-in refused", streamlit=False)
    page.get_by_role("link", name="Back to the app").click()
    settle(page)
    answer_first_step(page, audit, "guest")
    guest.close()

    trainee = browser.new_context(viewport={"width": 1280, "height": 900})
    page = trainee.new_page()
    page.goto(f"{server.url}/?t={world.hostile_token}")
    audit.screen(page, "trainee · Home")
    visit(page, audit, "trainee", TRAINER[1:] + ["My assignments"])
    page.get_by_role("button", name="Open assignment").click()
    audit.screen(page, "trainee · an open assignment")
    answer_first_step(page, audit, "trainee")
    trainee.close()

    supervisor = browser.new_context(viewport={"width": 1280, "height": 900})
    page = supervisor.new_page()
    sign_in(page, server.url, world.sup_a, PASSWORD)
    audit.screen(page, "supervisor · Home")
    visit(page, audit, "supervisor", TRAINER[1:] + SUPERVISOR[:-1])
    nav(page, "Cohorts and links")
    for tab in ("Upload a roster", "Manage links", "Export or delete data"):
        page.get_by_role("tab", name=tab).click()
        audit.screen(page, f"supervisor · Cohorts and links · {tab}")
    visit(page, audit, "supervisor", SUPERVISOR[-1:])
    supervisor.close()

    minor = ", ".join(f"{rule} ×{count}" for rule, count in sorted(audit.minor.items())) or "none"
    print(f"\naccessibility: {len(audit.screens)} screens (guest, trainee, supervisor): {len(audit.blocking)} serious or critical axe violations; "
          f"moderate or minor: {minor}; keyboard: {audit.controls} control groups, {len(audit.unreachable)} not reachable with Tab")
    assert not audit.blocking, "\n".join(audit.blocking)
    assert not audit.unreachable, "\n".join(audit.unreachable)


def tab_until(page, describe: str, check: str, limit: int = 120) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(check):
            return
    pytest.fail(f"Tab never reached {describe}")


def focused_is(role: str, name: str) -> str:
    return f"() => {{ const el = document.activeElement; return !!el && (el.getAttribute('role') === '{role}' || el.tagName.toLowerCase() === '{role}') && (el.innerText || el.value || el.getAttribute('aria-label') || '').includes({name!r}); }}"


def test_a_trainee_and_a_supervisor_need_only_the_keyboard(browser, app):
    server, world = app
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{server.url}/practice?t={world.long_token}")
    settle(page)
    tab_until(page, "the search box", "() => (document.activeElement?.getAttribute('aria-label') || '').startsWith('Search titles')")
    page.keyboard.type(SCENARIO)
    page.keyboard.press("Enter")
    expect(page.get_by_text(re.compile(r"^1 scenario$"))).to_be_visible()
    settle(page)
    tab_until(page, "Start scenario", focused_is("button", "Start scenario"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="A souvenir from the islands")).to_be_visible()
    settle(page)
    tab_until(page, "the first response", "() => document.activeElement?.type === 'radio'")
    page.keyboard.press("Space")
    tab_until(page, "Submit answer", focused_is("button", "Submit answer"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Continue")).to_be_visible()
    settle(page)
    tab_until(page, "Continue", focused_is("button", "Continue"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Continue")).to_have_count(0)
    settle(page)
    assert page.get_by_role("button", name="Submit answer").is_visible(), "the second step is reached by keyboard"

    open_sign_in_form(page, server.url)
    tab_until(page, "the email box", "() => document.activeElement?.id === 'email'")
    page.keyboard.type(world.sup_b)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_text("Signed in as supervisor")).to_be_visible()
    settle(page)
    tab_until(page, "the Dashboard link", focused_is("a", "Dashboard"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    print("\nkeyboard alone: a trainee found, started and answered a scenario and went on; a supervisor signed in and opened the dashboard")
    context.close()
