"""A trainee inside an assignment finds the way back with the menu, and a reload keeps their place."""

from conftest import Server, settle
from db_fixtures import fresh_engine
from journeys import nav
from playwright.sync_api import expect

from records.assignments import create_assignment
from records.cohorts import add_members, create_cohort
from records.roster import check_row
from records.supervisors import add_supervisor


def test_the_menus_my_assignments_returns_to_the_list_and_a_reload_stays_in_the_assignment(context, tmp_path):
    engine = fresh_engine("sqlite", tmp_path)
    supervisor = add_supervisor(engine, "Dr. Osei", "osei@example.edu", "correct horse battery")
    cohort = create_cohort(engine, supervisor.id, "Tuesday group")
    ((_, token),) = add_members(engine, supervisor.id, cohort.id, [check_row(1, "Lena Fischer", "lena@example.edu", "", set())])
    create_assignment(engine, supervisor.id, cohort.id, title="Week 2: gifts", scenario_ids=["gift-from-a-work-trip"], mode="practice")
    server = Server(engine.url.render_as_string(hide_password=False), name="trainee-nav").start()
    try:
        page = context.new_page()
        page.goto(f"{server.url}/?t={token}")
        settle(page)
        nav(page, "My assignments")
        page.get_by_role("button", name="Open assignment").click()
        settle(page)
        expect(page.get_by_role("button", name="Start")).to_be_visible()
        assert "assignment=" in page.url

        page.reload()  # the place is in the address
        settle(page)
        expect(page.get_by_role("button", name="Start")).to_be_visible()

        # Reported: the menu's "My assignments" left the trainee inside the assignment.
        nav(page, "My assignments")
        expect(page.get_by_role("button", name="Open assignment")).to_be_visible()
        expect(page.get_by_role("button", name="Start")).to_have_count(0)
        expect(page.get_by_text("Signed in by personal link as")).to_be_visible()  # the link is kept across
    finally:
        server.stop()
