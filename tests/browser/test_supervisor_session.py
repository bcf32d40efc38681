"""A supervisor's session lives in an HttpOnly cookie: it survives a reload, a new tab and a typed
address, ends in every tab at sign-out, and the app cannot be framed by another site."""

from conftest import Server, settle
from db_fixtures import fresh_engine
from journeys import nav, sign_in
from playwright.sync_api import expect

from records.supervisors import SESSION_COOKIE, add_supervisor

EMAIL, PASSWORD = "kaur@example.edu", "correct horse battery"


def test_a_session_survives_reload_new_tab_and_typed_address_and_sign_out_ends_it_everywhere(context, tmp_path):
    engine = fresh_engine("sqlite", tmp_path)
    add_supervisor(engine, "Dr. Kaur", EMAIL, PASSWORD)
    server = Server(engine.url.render_as_string(hide_password=False), name="session").start()
    try:
        first = context.new_page()
        sign_in(first, server.url, EMAIL, PASSWORD)
        (cookie,) = [c for c in context.cookies() if c["name"] == SESSION_COOKIE]
        assert cookie["httpOnly"] and cookie["sameSite"] == "Lax" and cookie["path"] == "/"
        assert SESSION_COOKIE not in first.evaluate("document.cookie"), "page scripts cannot read the session"
        assert SESSION_COOKIE not in first.url, "the token never appears in an address"

        first.reload()
        settle(first)
        expect(first.get_by_text("Signed in as supervisor")).to_be_visible()

        second = context.new_page()
        second.goto(f"{server.url}/dashboard")  # a typed or bookmarked address of a supervisor's page
        settle(second)
        expect(second.get_by_role("heading", name="Dashboard")).to_be_visible()
        expect(second.get_by_text("Signed in as supervisor")).to_be_visible()

        nav(second, "Sign out")
        second.get_by_role("button", name="Sign out now").click()
        settle(second)
        expect(second.get_by_text("Practising as a guest")).to_be_visible()

        nav(first, "Home")  # the first tab's next step finds the session ended
        expect(first.get_by_text("Practising as a guest")).to_be_visible()
        expect(first.get_by_role("link", name="Cohorts and links")).to_have_count(0)
        first.reload()
        settle(first)
        expect(first.get_by_text("Practising as a guest")).to_be_visible()
    finally:
        server.stop()


def test_every_response_refuses_framing_and_another_site_cannot_frame_the_app(context, tmp_path):
    engine = fresh_engine("sqlite", tmp_path)
    server = Server(engine.url.render_as_string(hide_password=False), name="frames").start()
    try:
        page = context.new_page()
        for path in ("/", "/auth/sign-in", "/_stcore/health"):
            response = page.request.get(server.url + path)
            assert response.headers["x-frame-options"] == "DENY", path
            assert response.headers["content-security-policy"] == "frame-ancestors 'none'", path
            assert response.headers["x-content-type-options"] == "nosniff", path

        # Reported: the sign-in page used another font than the app. It uses the Source Sans Streamlit serves.
        sign_in_page = page.request.get(server.url + "/auth/sign-in").text()
        font = sign_in_page.split('src:url("', 1)[1].split('"', 1)[0]
        assert font.startswith("/static/media/SourceSans") and page.request.get(server.url + font).status == 200

        page.goto("about:blank")  # another origin than the app's
        page.set_content(f'<iframe id="victim" src="{server.url}/" title="framed app"></iframe>')  # waits for the frame's load event
        (framed,) = [f for f in page.frames if f != page.main_frame]
        framed.wait_for_load_state()
        assert framed.url.startswith("chrome-error://"), f"the frame loaded {framed.url}"
        expect(page.frame_locator("#victim").locator("[data-testid='stApp']")).to_have_count(0)
    finally:
        server.stop()
