"""Access probes (issue 8, item 3): the role × page × export matrix of test_app_supervisor.py, pushed further.

Hand-edited URLs and query parameters, stale, reissued, revoked and erased links, idle and signed-out
supervisor sessions, a second supervisor's view of the first one's cohorts, and the exports: every
(viewer × page × probe) check searches all that viewer is shown (texts, widgets and their options,
tables, expander and tab labels, the raw element protos, the contents of every download button) for
markers that belong only to another party, and fails on any it finds. The module prints how many
checks it made and how many leaked.
"""

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest
from apptest_helpers import (
    APP,
    PAGES,
    ROOT,
    STATE_KEY,
    SUPERVISOR_PAGES,
    TRAINEE_PAGES,
    signed_in_tab,
    tab_of,
    tab_with,
    texts,
    two_supervisors_world,
    unescape,
)
from google.protobuf.message import Message
from google.protobuf.text_format import MessageToString
from sqlalchemy import select, update
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest
from test_app_supervisor import unescaped_everything

from records.assignments import add_comment, create_assignment, hand_in, start_submission
from records.cohorts import add_members, create_cohort
from records.erasure import NotYours, delete_trainee, export_trainee, trainee_row_counts
from records.progress import finish_attempt, save_answer, save_reflection, start_attempt
from records.roster import check_row
from records.supervisors import IDLE_TIMEOUT, sign_in, sign_out
from records.tables import supervisor_sessions, trainees
from records.trainees import find_by_token, hash_token, reissue, revoke
from scenarios.load import load_library
from scoring.judge import judge, judged_record

PASSWORD = "correct horse battery"  # what apptest_helpers.new_supervisor gives every account
GUEST_SIDEBAR = "practising as a **guest**"  # the sidebar of anyone not signed in, casefolded

# What belongs to one party only: supervisor A, their cohort and trainee Ana (A_PARTY), or supervisor B,
# their cohort and trainee Ben (B_PARTY). Names and titles come from two_supervisors_world(); the rest
# is written into their work below.
ANA_PICK = "periwinkle pick by Ana"  # appended to the stored text of the option Ana chose
ANA_REFLECTION = "Ana reflects on the souvenir with a zebrafinch metaphor"
A_COMMENT = "Quokka note from Dr Alpha about the souvenir"
BEN_PICK = "saffron pick by Ben"
BEN_REFLECTION = "Ben reflects on the kids question with a marmoset metaphor"
B_COMMENT = "Narwhal note from Dr Beta about the kids question"
A_PARTY = ("Dr. Alpha", "Cohort Alpha", "Ana Alphason", "ana@alpha.edu", "Alpha assessment", ANA_PICK, ANA_REFLECTION, A_COMMENT)
B_PARTY = ("Dr. Beta", "Cohort Beta", "Ben Betason", "ben@beta.edu", "Beta practice", BEN_PICK, BEN_REFLECTION, B_COMMENT)
EVERYONE = A_PARTY + B_PARTY  # nothing of this is for a guest

LIBRARY = load_library()
FILES: dict[str, object] = {}  # download button url or deferred id -> its data or the callable that makes it
PAGE_HASHES: dict[str, str] = {}  # page -> the script hash a hand-edited URL path asks for
# A scenario no assignment of the world uses, for the unfinished attempts a stale session might still show.
UNFINISHED = next(
    s.id for s in LIBRARY.scenarios if s.id not in ("gift-from-a-work-trip", "the-poodle-photo", "do-you-have-kids") and len(s.steps) > 1
)


# ---------------------------------------------------------------- the ledger: every check, counted


class Ledger:
    def __init__(self):
        self.checks: set[tuple[str, str, str]] = set()
        self.leaks: list[tuple[tuple[str, str, str], list[str]]] = []

    def check(self, viewer: str, page: str, probe: str, shown: str, forbidden) -> list[str]:
        key = (viewer, page, probe)
        assert key not in self.checks, f"a check counted twice: {key}"
        self.checks.add(key)
        found = [marker for marker in forbidden if normal(marker) in shown]
        if found:
            self.leaks.append((key, found))
        return found

    def refusal(self, viewer: str, page: str, probe: str, refused: bool) -> None:
        """A check on a function rather than a page: it must refuse, and a call that goes through is a leak."""
        key = (viewer, page, probe)
        assert key not in self.checks, f"a check counted twice: {key}"
        self.checks.add(key)
        if not refused:
            self.leaks.append((key, ["not refused"]))


LEDGER = Ledger()


class Audit:
    """One test's checks: every leak is recorded (so the summary counts them all), then the test fails on any."""

    def __init__(self):
        self.start = len(LEDGER.leaks)

    def check(self, viewer, page, probe, shown, forbidden) -> None:
        LEDGER.check(viewer, page, probe, shown, forbidden)

    def tour(self, at: AppTest, viewer: str, probe: str, forbidden, pages=PAGES) -> AppTest:
        """Every page in turn, in this one session (a page not in the viewer's menu by hand-edited URL)."""
        for page in pages:
            at = visit(at, page, fail_on_exception=False)
            self.check(viewer, page, probe, shown(at), forbidden)  # an error page is searched too, before it fails the test
            assert not at.exception, f"{viewer}, {page}, {probe}: {[e.value for e in at.exception]}"
        return at

    def done(self) -> None:
        leaks = LEDGER.leaks[self.start :]
        assert not leaks, "data shown to a viewer it does not belong to:\n" + "\n".join(f"  {key}: {found}" for key, found in leaks)


@pytest.fixture(scope="module", autouse=True)
def summary():
    yield LEDGER
    print(f"\naccess: {len(LEDGER.checks)} role×page×probe checks, {len(LEDGER.leaks)} leaks")


# ---------------------------------------------------------------- what a viewer is shown


@pytest.fixture(scope="module", autouse=True)
def downloads_kept():
    """AppTest drops its media file manager after each run; keep what download buttons would hand out."""
    real_add, real_deferred = MediaFileManager.add, MediaFileManager.add_deferred

    def add(self, path_or_data, *args, **kwargs):
        url = real_add(self, path_or_data, *args, **kwargs)
        FILES[url] = path_or_data
        return url

    def add_deferred(self, data_callable, *args, **kwargs):
        file_id = real_deferred(self, data_callable, *args, **kwargs)
        FILES[file_id] = data_callable
        return file_id

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(MediaFileManager, "add", add)
        patch.setattr(MediaFileManager, "add_deferred", add_deferred)
        yield
    FILES.clear()


def normal(text: str) -> str:
    return unescape(text).replace("\u2060", "").casefold()  # views.text.plain escapes markdown and breaks autolinks


def download_texts(at: AppTest) -> dict[str, str]:
    """What each download button of the page hands out (a deferred one is generated, as a click would), as text."""
    found = {}
    for button in at.get("download_button"):
        ref = button.proto.deferred_file_id or button.proto.url
        if not ref:
            assert button.proto.disabled, f"download button {button.label!r} has no data"
            continue
        data = FILES[ref]
        data = data() if callable(data) else data
        data = data.read() if hasattr(data, "read") else data
        data = data.encode("utf-8") if isinstance(data, str) else bytes(data)
        if data.startswith(b"PK\x03\x04"):  # a workbook: its cells, not its zipped XML
            text = "\n".join(sheet.to_csv() for sheet in pd.read_excel(io.BytesIO(data), sheet_name=None, header=None).values())
        else:
            text = data.decode("utf-8", errors="replace")
        found[button.key or button.label] = text
    return found


def _nodes(node):
    yield node
    for child in (getattr(node, "children", None) or {}).values():
        yield from _nodes(child)


def shown(at: AppTest) -> str:
    """Everything the run put in front of the viewer, normalised for marker search."""
    pieces = [texts(at), unescaped_everything(at)]
    pieces += [
        e.value for kind in ("text", "code", "toast", "exception") for e in at.get(kind) if isinstance(getattr(e, "value", None), str)
    ]
    pieces += [f"{w.label} {w.value}" for kind in ("text_input", "text_area") for w in at.get(kind)]
    pieces += [f"{r.label} {r.value} {' '.join(map(str, r.options))}" for r in at.radio]
    pieces += [frame.value.to_csv() for frame in at.dataframe]
    pieces += [MessageToString(p, as_utf8=True) for node in _nodes(at._tree) if isinstance(p := getattr(node, "proto", None), Message)]
    pieces += download_texts(at).values()
    return normal("\n".join(str(p) for p in pieces))


# ---------------------------------------------------------------- sessions and pages


def start(params: dict | None = None, state: dict | None = None) -> AppTest:
    """A new browser session on the app's address with these query parameters (and server-side state)."""
    at = AppTest.from_file(str(APP), default_timeout=30)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    if state:
        for key, value in (state if STATE_KEY in state else tab_with(**state)).items():
            at.session_state[key] = value
    return at.run()


def registered(at: AppTest) -> set[str]:
    return {
        Path(info["script_path"]).resolve().relative_to(ROOT).as_posix()
        for info in at._registered_pages.values()
        if info.get("script_path")
    }


def visit(at: AppTest, page: str, fail_on_exception: bool = True) -> AppTest:
    """Open a page: from the menu when the viewer has it, else by typing its URL path by hand
    (AppTest refuses switch_page to an unregistered page, so the page hash is requested directly)."""
    if page in registered(at):
        at.switch_page(page)
    else:
        at._page_hash = PAGE_HASHES[page]
    at.run()
    assert not (fail_on_exception and at.exception), f"{page}: {[e.value for e in at.exception]}"
    return at


def signed_in_as(at: AppTest) -> str:
    return normal(" ".join(m.value for m in at.sidebar.markdown))


# ---------------------------------------------------------------- the data


def answered(engine, trainee_id: int, scenario_id: str, pick: str, *, submission_id=None, reflection=None, finished=True) -> int:
    """An attempt with one stored answer whose option text carries `pick`; returns the attempt id."""
    entry = LIBRARY.entries[scenario_id]
    step = entry.scenario.steps[0]
    option = next(o for o in step.options if o.next)  # the scenario goes on after it
    judgement = judge(step, option.id)
    judged = judged_record(judgement).model_copy(update={"option_text": f"{option.text} ({pick})"})
    attempt = start_attempt(engine, trainee_id, scenario_id, entry.content_hash, entry.scenario.title, submission_id=submission_id)
    save_answer(
        engine,
        trainee_id,
        attempt,
        position=0,
        step_id=step.id,
        option_id=option.id,
        rating=judgement.rating,
        credit=judgement.credit,
        judged=judged,
    )
    if reflection:
        save_reflection(engine, trainee_id, attempt, reflection)
    if finished:
        finish_attempt(engine, trainee_id, attempt)
    return attempt


def handed_in(engine, supervisor, trainee, assignment, pick, reflection, comment) -> int:
    """The trainee works through the assignment (a reflection on the first scenario) and submits; the supervisor comments."""
    submission = start_submission(engine, trainee.id, assignment.id)
    attempts = [
        answered(engine, trainee.id, sid, pick, submission_id=submission.id, reflection=reflection if n == 0 else None)
        for n, sid in enumerate(assignment.scenario_ids)
    ]
    hand_in(engine, trainee.id, submission.id)
    add_comment(engine, supervisor.id, attempts[0], comment)
    return attempts[0]


@pytest.fixture(scope="module")
def world():
    """two_supervisors_world(), with submitted work, reflections and comments on both sides, and a second cohort of A's
    for the trainees whose links the tests revoke, reissue or erase."""
    w = two_supervisors_world()
    engine = w["engine"]
    w["ana_attempt"] = handed_in(engine, w["sup_a"], w["ana"], w["assessment"], ANA_PICK, ANA_REFLECTION, A_COMMENT)
    w["ben_attempt"] = handed_in(engine, w["sup_b"], w["ben"], w["practice"], BEN_PICK, BEN_REFLECTION, B_COMMENT)
    w["alpha_two"] = create_cohort(engine, w["sup_a"].id, "Cohort Alpha Two")
    # The page hashes a hand-edited URL path asks for: the menus of a supervisor and of a trainee together.
    for at in (start(state=signed_in_tab(w["token_a"])), start({"t": w["ana_token"]})):
        for page_hash, info in at._registered_pages.items():
            PAGE_HASHES[Path(info["script_path"]).resolve().relative_to(ROOT).as_posix()] = page_hash
    assert set(PAGE_HASHES) == set(PAGES)
    return w


def marked_trainee(w, name: str):
    """A trainee of A's second cohort with submitted work, a comment, and an unfinished practice attempt.
    Returns (trainee, token, their markers, the text of the option their unfinished attempt chose)."""
    engine, sup_a = w["engine"], w["sup_a"]
    word = name.split()[0]
    ((trainee, token),) = add_members(engine, sup_a.id, w["alpha_two"].id, [check_row(1, name, f"{word.lower()}@alpha.edu", "", set())])
    assignment = create_assignment(
        engine,
        sup_a.id,
        w["alpha_two"].id,
        title=f"{word} follow up",
        scenario_ids=["the-poodle-photo"],
        mode="practice",
        trainee_ids=[trainee.id],
    )
    markers = (name, f"{word.lower()}@alpha.edu", f"{word} follow up", f"{word} pick", f"{word} reflection text", f"{word} comment text")
    handed_in(engine, sup_a, trainee, assignment, markers[3], markers[4], markers[5])
    answered(engine, trainee.id, UNFINISHED, f"{word} unfinished pick", finished=False)  # resumed on Practice
    chosen = next(o for o in LIBRARY.entries[UNFINISHED].scenario.steps[0].options if o.next).text[:60]
    return trainee, token, markers, chosen


# ---------------------------------------------------------------- the controls: markers are seen by their owners


def test_owners_see_their_own_markers_and_nothing_of_the_other_party(world):
    """The positive control: the collector finds every marker where it belongs, so the probes below can fail."""
    audit = Audit()
    seen_by = {}
    for viewer, params, state, other in [
        ("supervisor A", {}, {"supervisor_token": world["token_a"]}, B_PARTY),
        ("supervisor B", {}, {"supervisor_token": world["token_b"]}, A_PARTY),
        ("trainee Ana", {"t": world["ana_token"]}, {}, B_PARTY),
        ("trainee Ben", {"t": world["ben_token"]}, {}, A_PARTY),
    ]:
        at = start(params, state)
        collected = []
        for page in PAGES:
            at = visit(at, page)
            collected.append(page_seen := shown(at))
            audit.check(viewer, page, "own session", page_seen, other)
        seen_by[viewer] = "\n".join(collected)
    # A trainee opening their submitted assignment sees their reflection and the stored option text.
    for viewer, token, assignment, other in [
        ("trainee Ana", "ana_token", "assessment", B_PARTY),
        ("trainee Ben", "ben_token", "practice", A_PARTY),
    ]:
        at = visit(start({"t": world[token]}, {"assignment_open": world[assignment].id}), "views/pages/my_assignments.py")
        seen_by[viewer] += (page_seen := shown(at))
        audit.check(viewer, "views/pages/my_assignments.py", "own submitted assignment opened", page_seen, other)
    audit.done()
    for viewer, own in [("supervisor A", A_PARTY), ("supervisor B", B_PARTY)]:
        assert [m for m in own if normal(m) not in seen_by[viewer]] == [], f"{viewer} should see all of their own party's markers"
    for viewer, own in [("trainee Ana", A_PARTY), ("trainee Ben", B_PARTY)]:
        missing = [m for m in own if normal(m) not in seen_by[viewer]]
        assert set(missing) <= {own[1], own[3]}, f"{viewer} misses {missing}"  # a trainee is not shown the cohort or their own email
    assert GUEST_SIDEBAR not in seen_by["trainee Ana"]


# ---------------------------------------------------------------- guests


def test_guest_on_every_page_through_the_app_and_run_directly(world):
    audit = Audit()
    at = start()
    assert GUEST_SIDEBAR in signed_in_as(at)
    audit.tour(at, "guest", "menu or hand-edited URL path", EVERYONE)
    # A supervisor's or trainee's page file run on its own, with nothing app.py would have set up. (The public
    # pages link to other pages, which only works inside the app's navigation.)
    for page in sorted(SUPERVISOR_PAGES | TRAINEE_PAGES | {"views/pages/progress.py", "views/pages/practice.py"}):
        direct = AppTest.from_file(str(ROOT / page), default_timeout=30).run()
        assert not direct.exception, page
        audit.check("guest", page, "page run directly", shown(direct), EVERYONE)
        if page in SUPERVISOR_PAGES:
            assert "This page is for supervisors" in texts(direct) and not direct.dataframe and not direct.get("download_button"), page
    audit.done()


# ---------------------------------------------------------------- hand-edited links and query parameters


def link_variants(w) -> dict[str, str]:
    ana = w["ana_token"]
    return {
        "garbage token": "not-a-real-token-at-all",
        "empty token": "",
        "token with surrounding spaces": f"  {ana}  ",
        "token with a trailing newline": f"{ana}\n",
        "token with a tab inside": f"{ana[:10]}\t{ana[10:]}",
        "token upper-cased": ana.upper(),
        "token lower-cased": ana.lower(),
        "token case-swapped": ana.swapcase(),
        "token one character short": ana[:-1],
        "token one character long": ana + "A",
        "token percent-encoded": "".join(f"%{ord(c):02X}" for c in ana),
        "token repeated to 10 kB": ana * (10_000 // len(ana)),
        "100 kB token": "A" * 100_000,  # Streamlit itself drops a query string over 512 kB
        "the token's stored sha256 hash": hash_token(ana),
        "the token's hash upper-cased": hash_token(ana).upper(),
        "supervisor A's session token": w["token_a"],
        "the trainee's numeric id": str(w["ana"].id),
        "supervisor A's numeric id": str(w["sup_a"].id),
        "the trainee's email": "ana@alpha.edu",
        "SQL in the token": "' OR '1'='1",
    }


@pytest.mark.slow
def test_hand_edited_links_open_nothing(world):
    audit, opened = Audit(), []
    for probe, value in link_variants(world).items():
        at = start({"t": value})
        warned = "This personal link is not valid" in texts(at)
        if find_by_token(world["engine"], value) or GUEST_SIDEBAR not in signed_in_as(at) or warned != bool(value):
            opened.append(probe)
        audit.tour(at, "holder of a hand-edited link", f"?t=<{probe}>", EVERYONE)
    audit.done()
    assert not opened, f"not treated as an invalid link: {opened}"


def test_unknown_query_parameters_naming_other_peoples_ids_are_ignored(world):
    """The views read only ?t=; any other parameter, even naming A's trainee, cohort, assignment or attempt, changes nothing."""
    ids = {
        "trainee": world["ana"].id, "trainee_id": world["ana"].id, "supervisor": world["sup_a"].id, "supervisor_id": world["sup_a"].id,
        "cohort": world["alpha"].id, "assignment": world["assessment"].id, "assignment_open": world["assessment"].id,
        "attempt": world["ana_attempt"], "page": "dashboard", "supervisor_token": world["token_a"], "token": world["ana_token"],
        "embed": "true", "embed_options": "show_toolbar",
    }  # fmt: skip
    ids = {key: str(value) for key, value in ids.items()}
    audit = Audit()
    audit.tour(start(ids), "guest", "unknown parameters naming A's ids", EVERYONE)
    audit.tour(start(ids | {"t": "garbage"}), "holder of a hand-edited link", "garbage ?t= plus parameters naming A's ids", EVERYONE)
    at = start(ids | {"t": world["ben_token"]})
    assert "ben betason" in signed_in_as(at)
    audit.tour(at, "trainee Ben", "own link plus parameters naming A's ids", A_PARTY)
    at = start(ids, {"supervisor_token": world["token_b"]})
    assert "dr. beta" in signed_in_as(at)
    audit.tour(at, "supervisor B", "parameters naming A's ids", A_PARTY)
    audit.done()


def test_state_pointing_at_the_other_partys_records_is_not_followed(world):
    """Selections the pages remember (a cohort id, an open assignment id) set to the other party's: still nothing."""
    audit = Audit()
    at = start(state=signed_in_tab(world["token_b"], world["alpha"].id))
    audit.tour(at, "supervisor B", "remembered cohort set to A's cohort", A_PARTY)
    at = start({"t": world["ben_token"]}, {"assignment_open": world["assessment"].id, "practice_attempt": world["ana_attempt"]})
    audit.tour(at, "trainee Ben", "open assignment and attempt set to Ana's", A_PARTY)
    audit.done()


# ---------------------------------------------------------------- stale, reissued, revoked and erased links


def test_a_revoked_link_opens_nothing_even_in_a_session_it_already_opened(world):
    trainee, token, markers, chosen = marked_trainee(world, "Rhea Revokedottir")
    forbidden = markers + (chosen,) + EVERYONE
    open_session = visit(start({"t": token}), "views/pages/practice.py")
    before = shown(open_session)
    assert normal(markers[0]) in before and normal(chosen) in before, "the unfinished attempt is resumed before revocation (control)"
    kept = start({"t": token})
    assert tab_of(kept).learner.token == token
    revoke(world["engine"], trainee.id)
    audit = Audit()
    audit.tour(open_session, "session opened before revocation", "link revoked while the session was open", forbidden)
    kept.query_params.pop("t")  # the address bar lost the token; the session still holds it
    audit.tour(kept, "session holding a revoked token", "revoked link, dropped from the URL", forbidden)
    audit.tour(start({"t": token}), "holder of a revoked link", "revoked link, new session", forbidden)
    audit.done()


def test_a_reissued_link_replaces_the_old_one(world):
    trainee, old, markers, chosen = marked_trainee(world, "Reuben Reissuedson")
    forbidden = markers + (chosen,) + EVERYONE
    open_session = visit(start({"t": old}), "views/pages/practice.py")
    new = reissue(world["engine"], trainee.id)
    audit = Audit()
    audit.tour(open_session, "session opened before reissue", "link reissued while the session was open", forbidden)
    audit.tour(start({"t": old}), "holder of a replaced link", "old link after reissue, new session", forbidden)
    audit.done()
    fresh = visit(start({"t": new}), "views/pages/my_assignments.py")
    assert normal(markers[0]) in signed_in_as(fresh) and normal(markers[5]) in shown(fresh), "the new link works (control)"


def test_an_erased_trainees_link_opens_nothing(world):
    trainee, token, markers, chosen = marked_trainee(world, "Erin Erasedsdottir")
    delete_trainee(world["engine"], world["sup_a"].id, trainee.id)
    audit = Audit()
    audit.tour(start({"t": token}), "holder of an erased trainee's link", "link of an erased trainee", markers + (chosen,) + EVERYONE)
    audit.done()


def test_a_tab_a_trainees_link_opened_stays_the_trainees_when_a_supervisor_session_reaches_it(world):
    """A shared computer: B signs in while A's trainee's tab is open, and that tab's session picks up B's cookie
    (a websocket reconnect keeps the tab's state). The tab stays the trainee's: nothing of B's appears there,
    and the trainee's work is still the trainee's alone."""
    trainee, token, markers, chosen = marked_trainee(world, "Sian Sharedtab")
    at = visit(start({"t": token}), "views/pages/practice.py")
    assert normal(chosen) in shown(at), "the trainee's unfinished attempt is on screen (control)"
    at.query_params.clear()
    tab_of(at).supervision.token = sign_in(world["engine"], world["sup_b"].email, PASSWORD)[1]  # where the cookie would be read
    at = at.run()
    assert "sian sharedtab" in signed_in_as(at) and "dr. beta" not in signed_in_as(at)
    audit = Audit()
    audit.tour(at, "trainee Sian", "tab of a trainee's link that a supervisor's session reached", B_PARTY)
    audit.done()


# ---------------------------------------------------------------- supervisor sessions


def new_session_of_a(world) -> str:
    return sign_in(world["engine"], world["sup_a"].email, PASSWORD)[1]


def age(engine, token: str, idle: timedelta) -> None:
    then = datetime.now(UTC) - idle
    with engine.begin() as connection:
        connection.execute(
            update(supervisor_sessions)
            .where(supervisor_sessions.c.token_hash == hash_token(token))
            .values(last_seen_at=then, created_at=then)
        )


def test_an_idle_session_ends_and_shows_nothing(world):
    engine = world["engine"]
    almost = new_session_of_a(world)
    age(engine, almost, IDLE_TIMEOUT - timedelta(minutes=1))
    assert "dr. alpha" in signed_in_as(start(state=signed_in_tab(almost))), "just under the idle limit the session lives (control)"

    audit = Audit()
    idle = new_session_of_a(world)
    age(engine, idle, IDLE_TIMEOUT + timedelta(minutes=1))
    at = start(state=signed_in_tab(idle))
    signed_out = not tab_of(at).supervision.token and GUEST_SIDEBAR in signed_in_as(at)
    audit.tour(at, "holder of an idle session", "idle past the limit, new session", EVERYONE)
    told = "Your supervisor session ended" in texts(start(state=signed_in_tab(idle)))

    open_session = visit(start(state=signed_in_tab(new_session_of_a(world))), "views/pages/dashboard.py")
    assert normal(ANA_REFLECTION) in shown(open_session), "the open session shows A's data before it idles (control)"
    age(engine, tab_of(open_session).supervision.token, IDLE_TIMEOUT + timedelta(seconds=5))
    audit.tour(open_session, "session open while it idled", "idled while the session was open", EVERYONE)
    audit.done()
    assert signed_out and told, "an idle session's holder is a guest, and told why"
    with engine.connect() as connection:
        ended = connection.execute(
            select(supervisor_sessions.c.ended_at).where(supervisor_sessions.c.token_hash == hash_token(idle))
        ).scalar_one()
    assert ended is not None, "an idle session is ended in the database, not only refused"


def test_a_signed_out_session_token_opens_nothing(world):
    audit = Audit()
    token = new_session_of_a(world)
    sign_out(world["engine"], token)
    audit.tour(start(state=signed_in_tab(token)), "holder of a signed-out token", "signed out (records), token reused", EVERYONE)

    token = new_session_of_a(world)
    at = visit(start(state=signed_in_tab(token)), "views/pages/sign_out.py")
    at = at.button(key="sign_out_button").click().run()
    assert GUEST_SIDEBAR in signed_in_as(at)
    audit.tour(at, "session after Sign out", "signed out on the Sign out page, same session", EVERYONE)
    audit.tour(start(state=signed_in_tab(token)), "holder of a signed-out token", "signed out on the page, token reused", EVERYONE)
    audit.done()


# ---------------------------------------------------------------- exports


def test_supervisor_b_downloads_nothing_of_a_and_a_downloads_their_own(world):
    audit = Audit()
    for viewer, token, other, own in [("supervisor B", "token_b", A_PARTY, B_PARTY), ("supervisor A", "token_a", B_PARTY, A_PARTY)]:
        pages = {
            "views/pages/dashboard.py": start(state=signed_in_tab(world[token])),
            "views/pages/cohorts.py": start(state=signed_in_tab(world[token])),
        }
        export = visit(start(state=signed_in_tab(world[token])), "views/pages/export.py")
        export.multiselect(key="export_chosen").set_value(sorted(LIBRARY.entries)[:3])
        pages["views/pages/export.py"] = export
        files = {}
        for page, at in pages.items():
            at = visit(at, page)
            for key, text in download_texts(at).items():
                files[key] = text
                audit.check(viewer, f"{page} download {key}", "export", normal(text), other)
        expected = {
            "dashboard_agenda",
            "dashboard_agenda_html",
            "export_gradebook_csv",
            "export_gradebook_xlsx",
            "export_answers_csv",
            "data_download",
            "export_moodle",
            "export_gift",
            "export_handout",
        }
        assert expected <= set(files), f"{viewer}: {sorted(files)}"
        # The trainee data export carries every marker of the supervisor's own party (control).
        assert [m for m in own if normal(m) not in normal(files["data_download"])] == [], viewer

    engine, sup_b, ana = world["engine"], world["sup_b"], world["ana"]
    for name, call in [("export_trainee", export_trainee), ("trainee_row_counts", trainee_row_counts), ("delete_trainee", delete_trainee)]:
        try:
            call(engine, sup_b.id, ana.id)
        except NotYours:
            refused = True
        else:
            refused = False
        LEDGER.refusal("supervisor B", f"records.erasure.{name}", "A's trainee id", refused)
    with engine.connect() as connection:
        assert connection.execute(select(trainees.c.id).where(trainees.c.id == ana.id)).first(), "the refused delete kept Ana"
    audit.done()
