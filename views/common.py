"""What every page shares: the library and database, opened once per process, and the session's state."""

import hashlib
import time

import streamlit as st
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from records.db import ConfigError, make_engine
from records.migrate import migrate
from records.trainees import Trainee, find_by_token
from scenarios.load import Library, default_paths, library_signature, load_library

STATE_DEFAULTS = {
    "practice_run": None,  # scoring.run.Run of the scenario in progress, or None while choosing
    "practice_attempt": None,  # id of the stored attempt behind the run (trainees only)
    "practice_order": [],  # ids of the filtered list the run was started from, for "Next scenario"
    "practice_tried": set(),  # ids of scenarios finished in this session (guests)
    "practice_round": 0,  # bumped on every new run so that answer widgets start empty
    "practice_resumed": False,  # the stored, unfinished attempt has been looked for in this session
    "trainee_token": None,  # the personal link's token, kept when the URL loses it
    "supervisor_token": None,  # a supervisor's session token (the session itself lives in the database)
    "supervisor_notice": None,  # why a supervisor was signed out, shown once on the sign-in page
}


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


@st.cache_resource(show_spinner="Loading scenarios…", max_entries=2)
def _library(signature: str) -> Library:
    return load_library()


@st.cache_resource(show_spinner="Opening the database…")
def database() -> Engine:
    engine = make_engine()
    migrate(engine)
    return engine


def database_or_none() -> Engine | None:
    """The engine, or None after telling the user, in words, why their answers cannot be kept."""
    try:
        return database()
    except ConfigError as error:
        st.error(f"The database setting is not usable: {error}. Answers cannot be saved until it is fixed.")
    except SQLAlchemyError as error:
        st.error(f"The database cannot be reached ({type(error).__name__}). Answers cannot be saved right now; try again later.")
    return None


def init_state() -> None:
    for key, default in STATE_DEFAULTS.items():
        if key not in st.session_state:
            st.session_state[key] = default.copy() if hasattr(default, "copy") else default


def current_trainee() -> Trainee | None:
    """The trainee whose personal link (?t=...) opened this session, checked on every run so revocation bites."""
    init_state()
    token = st.query_params.get("t") or st.session_state.trainee_token
    if not token:
        return None
    engine = database_or_none()
    trainee = find_by_token(engine, token) if engine else None
    if trainee is None:
        if engine is not None and st.session_state.trainee_token:  # it worked earlier in this session: revoked, reissued or erased since
            forget_trainee()
        st.session_state.trainee_token = None
        st.warning("This personal link is not valid (it may have been revoked). You are practising as a guest; ask your supervisor for a new link.")
        return None
    st.session_state.trainee_token = token
    if st.query_params.get("t") != token:
        st.query_params["t"] = token  # keep the link in the address bar, so a reload stays signed in
    return trainee


def forget_trainee() -> None:
    """Drop what this session loaded for a trainee (their resumed run, the scenarios they finished, the assignment
    they had open), so that whoever uses the session next, as a guest or a supervisor, is not shown it."""
    trainee_keys = ("practice_run", "practice_attempt", "practice_order", "practice_tried", "practice_resumed")
    for key in (*trainee_keys, "assignment_open", "assignment_review", "assignment_notice"):
        st.session_state.pop(key, None)
    init_state()  # the practice keys come back at their defaults


def library_notice(lib: Library) -> None:
    """Tell authors, without blocking trainees, that some files could not be loaded."""
    bad = lib.problems_by_file()
    if bad:
        st.warning(
            f"{len(bad)} scenario file(s) could not be loaded and are not shown. "
            "The other scenarios work as usual.",
            icon=":material/warning:",
        )
        st.page_link("views/scenario_files.py", label="Authors: see what is wrong in each file", icon=":material/description:")


def viewer() -> Trainee | None:
    """The trainee app.py identified for this run, or None for a guest."""
    return st.session_state.get("trainee")


def current_supervisor():
    """The signed-in supervisor, checked against the database on every run (idle sessions expire there)."""
    from records.supervisors import session_supervisor

    token = st.session_state.get("supervisor_token")
    if not token:
        return None
    engine = database_or_none()
    supervisor = session_supervisor(engine, token) if engine else None
    if supervisor is None:
        st.session_state.supervisor_token = None
        st.session_state.supervisor_notice = "Your supervisor session ended (signed out, or idle for 30 minutes). Sign in again."
    return supervisor


def signed_in_supervisor():
    """For supervisor pages: the supervisor app.py identified, or stop the page with a pointer to sign-in."""
    supervisor = st.session_state.get("supervisor")
    if supervisor is None:
        st.warning("This page is for supervisors. Sign in first.")
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
