"""Practicum Scenarios: the entry point identifies who is here and routes to the pages in views/."""

from pathlib import Path

import streamlit as st

from scenarios.parts import CITATION, DEFINITION
from views.common import current_supervisor, current_trainee, init_state
from views.text import plain

st.set_page_config(page_title="Practicum Scenarios", page_icon=str(Path(__file__).parent / "assets" / "icon.png"), layout="wide")
init_state()

supervisor = current_supervisor()
trainee = None if supervisor else current_trainee()
st.session_state["supervisor"] = supervisor
st.session_state["trainee"] = trainee

trainer = [
    st.Page("views/home.py", title="Home", icon=":material/home:", default=True),
    st.Page("views/definition.py", title="Learn the definition", icon=":material/menu_book:"),
    st.Page("views/practice.py", title="Practice", icon=":material/exercise:"),
]
if trainee:
    trainer.append(st.Page("views/my_assignments.py", title="My assignments", icon=":material/assignment:"))
trainer.append(st.Page("views/progress.py", title="My progress", icon=":material/insights:"))
authors = [st.Page("views/scenario_files.py", title="Scenario files", icon=":material/description:")]
if supervisor:
    supervising = [
        st.Page("views/cohorts.py", title="Cohorts and links", icon=":material/groups:"),
        st.Page("views/assign.py", title="Assignments", icon=":material/assignment_add:"),
        st.Page("views/dashboard.py", title="Dashboard", icon=":material/monitoring:"),
        st.Page("views/author.py", title="Author scenarios", icon=":material/edit_note:"),
        st.Page("views/export.py", title="Export scenarios", icon=":material/ios_share:"),
        st.Page("views/sign_out.py", title="Sign out", icon=":material/logout:"),
    ]
else:
    supervising = [st.Page("views/sign_in.py", title="Supervisor sign-in", icon=":material/login:")]
sections = {"Trainer": trainer, "Authors": authors, "Supervisors": supervising}
# Streamlit's own sectioned sidebar puts section headers inside its <ul>, which screen readers
# misreport (axe: list, listitem); the menu is drawn here from plain links instead.
navigation = st.navigation([page for pages in sections.values() for page in pages], position="hidden")

with st.sidebar:
    for section, pages in sections.items():
        st.markdown(f"**{section}**")
        for page in pages:
            st.page_link(page)
    st.divider()
    if supervisor:
        st.markdown(f"Signed in as supervisor **{plain(supervisor.name)}**.")
    elif trainee:
        st.markdown(f"Signed in by personal link as **{plain(trainee.name)}**. Every answer is saved.")
    else:
        st.markdown("Practising as a **guest**: answers are not kept. Open your personal link to save progress.")
    st.caption(f"“{DEFINITION}” ({CITATION})")

navigation.run()
