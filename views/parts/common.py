"""What every page shares: the library and database, opened once per process, and the session's state."""

import hashlib
import threading
import time

import streamlit as st
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from records.db import ConfigError, make_engine
from records.migrate import migrate
from records.trainees import Trainee, find_by_token
from scenarios.load import Library, default_paths, library_signature, load_library
from services.markup import count
from views.parts.state import forget_supervisor, forget_trainee, learner, supervision, tab
from views.registry import SCENARIO_FILES

_SIGNATURE_TTL = 1.0  # seconds between looks at the files' sizes and times
_signature: tuple[float, tuple, str] = (0.0, (), "")


def library() -> Library:
    """The library, read once and shared by every session until a scenario file changes on disk
    (a save in the Author page, or another replica's save to a shared folder). The files are
    looked at no more than once a second, whatever the number of reruns; a change of folders
    is noticed at once."""
    global _signature
    checked, folders, key = _signature
    now, current = time.monotonic(), tuple(default_paths())
    if now - checked > _SIGNATURE_TTL or current != folders or not key:
        key = hashlib.sha256(repr(library_signature(list(current))).encode()).hexdigest()
        _signature = (now, current, key)
    return _library(key)


def library_changed() -> None:
    """Look at the files again on the next call (after this process saved one)."""
    global _signature
    _signature = (0.0, (), "")


# The library and the engine are the app's own resources, kept in this module rather than in
# st.cache_resource: any visitor can send Streamlit's "clear cache" message, which empties st.cache_*
# for every user, and would force a library reload and the migrations on everyone's next run.
_libraries: dict[str, Library] = {}
_engine: Engine | None = None
_lock = threading.Lock()


def _library(signature: str) -> Library:
    with _lock:
        if signature not in _libraries:
            with st.spinner("Loading scenarios…"):
                loaded = load_library()
            _libraries.clear()  # one library at a time: an older signature is never asked for again
            _libraries[signature] = loaded
        return _libraries[signature]


def database() -> Engine:
    global _engine
    with _lock:
        if _engine is None:
            engine = make_engine()
            migrate(engine)
            _engine = engine
        return _engine


def forget_resources() -> None:
    """For tests that change the database or library folders between apps in one process."""
    global _engine
    with _lock:
        _libraries.clear()
        _engine = None


def database_or_none() -> Engine | None:
    """The engine, or None after telling the user, in words, why their answers cannot be kept."""
    try:
        return database()
    except ConfigError as error:
        st.error(f"The database setting is not usable: {error}. Answers cannot be saved until it is fixed.")
    except SQLAlchemyError as error:
        st.error(f"The database cannot be reached ({type(error).__name__}). Answers cannot be saved right now; try again later.")
    return None


def current_trainee() -> Trainee | None:
    """The trainee whose personal link (?t=...) opened this session, checked on every run so revocation bites."""
    work = learner()
    token = st.query_params.get("t") or work.token
    if not token:
        return None
    engine = database_or_none()
    trainee = find_by_token(engine, token) if engine else None
    if trainee is None:
        if engine is not None and work.token:  # it worked earlier in this session: revoked, reissued or erased since
            forget_trainee()
        learner().token = None
        st.warning("This personal link is not valid (it may have been revoked). You are practising as a guest; ask your supervisor for a new link.")
        return None
    work.token = token
    if st.query_params.get("t") != token:
        st.query_params["t"] = token  # keep the link in the address bar, so a reload stays signed in
    return trainee


def library_notice(lib: Library) -> None:
    """Tell authors, without blocking trainees, that some files could not be loaded."""
    bad = lib.problems_by_file()
    if bad:
        st.warning(
            f"{count(len(bad), 'scenario file')} could not be loaded and are not shown. "
            "The other scenarios work as usual.",
            icon=":material/warning:",
        )
        st.page_link(SCENARIO_FILES.page(), label="Authors: see what is wrong in each file", icon=":material/description:")


def viewer() -> Trainee | None:
    """The trainee main.py identified for this run, or None for a guest."""
    return tab().trainee


def same_browser() -> bool:
    """False when this run's connection does not carry the browser cookie the session began with: someone
    presenting the session's id (it shows in upload addresses) from another browser. Streamlit resumes a
    session for any websocket that names its id, so the app checks it itself (web/guards.py sets the cookie)."""
    from web.guards import BROWSER_COOKIE

    cookie = st.context.cookies.get(BROWSER_COOKIE)
    if not isinstance(cookie, str | None):  # AppTest's context answers with mock objects: no browser to bind to
        return True
    state = tab()
    if not state.browser_known:
        state.browser, state.browser_known = cookie, True
        return True
    return state.browser == cookie


def session_token() -> str | None:
    """The supervisor's session token: from the HttpOnly cookie the sign-in route set (so a reload, a new
    tab or a typed address keeps the session), or from this tab's state, where AppTest puts it (AppTest
    carries no cookies)."""
    from records.supervisors import SESSION_COOKIE

    cookie = st.context.cookies.get(SESSION_COOKIE)
    if not isinstance(cookie, str):  # AppTest's context answers with mock objects, not strings
        cookie = None
    return cookie or supervision().token


def current_supervisor():
    """The signed-in supervisor, checked against the database on every run (idle sessions expire there,
    and signing out in one tab ends the session in all of them)."""
    from records.supervisors import session_supervisor

    token = session_token()
    if not token:
        return None
    engine = database_or_none()
    supervisor = session_supervisor(engine, token) if engine else None
    if supervisor is None and supervision().ended != token:
        # Said once per ended session: the cookie that still holds it is sent on every run until the next sign-in.
        forget_supervisor("Your supervisor session ended (signed out, or idle for 30 minutes). Sign in again.")
        supervision().ended = token
    return supervisor


SIGN_IN_URL = "/auth/sign-in"  # served by the app's own server (web/auth.py), not a Streamlit page


def sign_in_link(label: str = "Sign in") -> None:
    """A link to the sign-in form that opens in this tab (Streamlit's own links open a new one)."""
    st.html(
        f'<a href="{SIGN_IN_URL}" target="_self" style="display:inline-block;padding:0.25rem 0.5rem;border-radius:0.5rem;'
        f'color:inherit;font-weight:600">{label} →</a>'
    )


def signed_in_supervisor():
    """For supervisor pages: the supervisor main.py identified, or stop the page with a pointer to sign-in."""
    supervisor = tab().supervisor
    if supervisor is None:
        st.warning("This page is for supervisors. Sign in first.")
        sign_in_link()
        st.stop()
    return supervisor


def try_save(what: str, action, *args, **kwargs):
    """Run a database write; on failure say so in words (never a trace) and return None, keeping the page usable.

    A write that returns nothing gives True, so None always means "not saved".
    """
    try:
        result = action(*args, **kwargs)
        return True if result is None else result
    except SQLAlchemyError as error:
        st.error(
            f"{what} could not be saved: the database did not respond ({type(error).__name__}). "
            "Everything saved before is safe; please try again in a moment."
        )
        return None


def trainee_and_database(title: str):
    """The trainee by link and the engine, or stop the page after saying how assignments are reached."""
    trainee = viewer()
    engine = database_or_none() if trainee else None
    if trainee is None or engine is None:
        st.title(title)
        st.info("Assignments appear when you open the app with the personal link your supervisor gave you.")
        st.stop()
    return trainee, engine
