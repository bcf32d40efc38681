"""Practicum Scenarios: the entry point identifies who is here and routes to the pages in views/."""

from pathlib import Path

import streamlit as st

from scenarios.parts import CITATION, DEFINITION
from services.markup import plain
from views.parts.common import current_supervisor, current_trainee
from views.parts.state import tab
from views.registry import visible

st.set_page_config(page_title="Practicum Scenarios", page_icon=str(Path(__file__).parent / "assets" / "icon.png"), layout="wide")

supervisor = current_supervisor()
trainee = None if supervisor else current_trainee()
tab().supervisor, tab().trainee = supervisor, trainee

menu = visible(trainee=trainee is not None, supervisor=supervisor is not None)
pages = {screen: screen.page() for screens in menu.values() for screen in screens}
# Streamlit's own sectioned sidebar puts section headers inside its <ul>, which screen readers
# misreport (axe: list, listitem); the menu is drawn here from plain links instead.
navigation = st.navigation(list(pages.values()), position="hidden")

with st.sidebar:
    for section, screens in menu.items():
        st.markdown(f"**{section}**")
        for screen in screens:
            st.page_link(pages[screen])
    st.divider()
    if supervisor:
        st.markdown(f"Signed in as supervisor **{plain(supervisor.name)}**.")
    elif trainee:
        st.markdown(f"Signed in by personal link as **{plain(trainee.name)}**. Every answer is saved.")
    else:
        st.markdown("Practising as a **guest**: answers are not kept. Open your personal link to save progress.")
    st.caption(f"“{DEFINITION}” ({CITATION})")

navigation.run()
