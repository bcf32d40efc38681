"""What the supervisor pages share: the engine, the signed-in supervisor and the chosen cohort."""

import streamlit as st

from records.cohorts import cohorts_of
from views.parts.common import database_or_none, signed_in_supervisor
from views.parts.state import supervision
from views.registry import COHORTS


def supervisor_context():
    """(engine, supervisor); stops the page if either is missing."""
    supervisor = signed_in_supervisor()
    engine = database_or_none()
    if engine is None:
        st.stop()
    return engine, supervisor


def choose_cohort(engine, supervisor, key: str, *, on_cohorts_page: bool = False):
    """A select box of the supervisor's cohorts; None (with a pointer) when there are none."""
    mine = cohorts_of(engine, supervisor.id)
    if not mine:
        if on_cohorts_page:
            st.info("You have no cohorts yet. Create your first one above: give it a title, then add trainees to it.")
        else:
            st.info("You have no cohorts yet. Create one on the Cohorts and links page.")
            st.page_link(COHORTS.page(), label="Cohorts and links", icon=":material/groups:")
        return None
    by_id = {c.id: c for c in mine}
    remembered = supervision().cohort
    index = next((i for i, c in enumerate(mine) if c.id == remembered), 0)
    chosen = by_id[st.selectbox("Cohort", list(by_id), format_func=lambda i: by_id[i].title, index=index, key=key)]
    supervision().cohort = chosen.id
    return chosen
