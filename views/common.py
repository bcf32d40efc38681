"""What every page shares: the library, loaded once per process, and the session's state defaults."""

import streamlit as st

from scenarios.load import Library, load_library

STATE_DEFAULTS = {
    "practice_run": None,  # scoring.run.Run of the scenario in progress, or None while choosing
    "practice_order": [],  # ids of the filtered list the run was started from, for "Next scenario"
    "practice_tried": set(),  # ids of scenarios finished in this session
    "practice_round": 0,  # bumped on every new run so that answer widgets start empty
}


@st.cache_resource(show_spinner="Loading scenarios…")
def library() -> Library:
    return load_library()


def init_state() -> None:
    for key, default in STATE_DEFAULTS.items():
        if key not in st.session_state:
            st.session_state[key] = default.copy() if hasattr(default, "copy") else default


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
