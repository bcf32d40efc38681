"""What an independent security pass did with a session id and the upload route (issue 21, findings 2, 4
and 12), done again against the real server: each must now be refused."""

import urllib.error
import urllib.request

from conftest import Server, settle
from db_fixtures import fresh_engine
from journeys import sign_in
from playwright.sync_api import expect
from raw_session import RawSession, session_id_of

from records.supervisors import add_supervisor
from records.trainees import add_trainee
from web.guards import BROWSER_COOKIE, MAX_SESSION_UPLOAD_BYTES

EMAIL, PASSWORD = "okafor@example.edu", "correct horse battery"
REFUSED = "belongs to a session opened in another browser"


def frames_of(page) -> list[bytes]:
    frames: list[bytes] = []
    page.on("websocket", lambda socket: socket.on("framereceived", lambda payload: frames.append(payload) if isinstance(payload, bytes) else None))
    return frames


def test_a_session_id_alone_does_not_resume_a_trainee_or_a_supervisor(context, tmp_path):
    engine = fresh_engine("sqlite", tmp_path)
    add_supervisor(engine, "Dr. Okafor", EMAIL, PASSWORD)
    trainee, token = add_trainee(engine, "Tamsin Achterberg")
    server = Server(engine.url.render_as_string(hide_password=False), name="hijack").start()
    try:
        learner = context.new_page()
        learner_frames = frames_of(learner)
        learner.goto(f"{server.url}/?t={token}")
        settle(learner)
        expect(learner.get_by_text("Tamsin Achterberg").first).to_be_visible()
        (browser_cookie,) = [c for c in context.cookies() if c["name"] == BROWSER_COOKIE]
        assert browser_cookie["httpOnly"] and browser_cookie["sameSite"] == "Lax"

        with RawSession(server.url, resume=session_id_of(learner_frames)) as stranger:  # the link is not in its address
            seen = stranger.run(query_string="")
        assert REFUSED in seen
        assert "Tamsin" not in seen, "the resumed session showed the trainee's name"

        supervisor_context = context.browser.new_context(viewport={"width": 1280, "height": 900})
        desk = supervisor_context.new_page()
        desk_frames = frames_of(desk)
        sign_in(desk, server.url, EMAIL, PASSWORD)
        expect(desk.get_by_text("Signed in as supervisor")).to_be_visible()
        with RawSession(server.url, resume=session_id_of(desk_frames)) as stranger:
            seen = stranger.run()
        assert REFUSED in seen and "Okafor" not in seen

        desk.reload()  # the supervisor's own browser is still welcome
        settle(desk)
        expect(desk.get_by_text("Signed in as supervisor")).to_be_visible()
        supervisor_context.close()
    finally:
        server.stop()


def test_uploads_go_only_to_addresses_the_server_issued_once_and_within_a_budget(tmp_path):
    engine = fresh_engine("sqlite", tmp_path)
    server = Server(engine.url.render_as_string(hide_password=False), name="uploads").start()
    try:
        with RawSession(server.url) as guest:
            guest.run()
            made_up = f"/_stcore/upload_file/{guest.session_id}/00000000-0000-4000-8000-000000000000"
            assert guest.put(made_up, b"name\nA\n") == 403, "an id the server never issued was accepted"

            first, *others = guest.upload_urls(5)
            assert guest.put(first, b"name\nA\n") == 204, guest.last_text
            assert guest.put(first, b"name\nB\n") == 403, "a second PUT replaced a file already uploaded"

            two_mb = b"x" * (2 * 1024 * 1024 - 4096)
            statuses = [guest.put(url, two_mb) for url in others]
        accepted = statuses.count(204)
        assert accepted * len(two_mb) <= MAX_SESSION_UPLOAD_BYTES
        assert statuses[accepted:] and set(statuses[accepted:]) == {413}, statuses
        print(f"\nuploads: made-up id 403, second PUT 403, 2 MB files accepted {accepted} then 413 ({statuses})")

        try:
            status = urllib.request.urlopen(server.url + "/_stcore/metrics", timeout=10).status
        except urllib.error.HTTPError as refused:
            status = refused.code
        assert status == 404, "server metrics are public"
    finally:
        server.stop()
