"""Practicum Scenarios: the entry point routes to the pages in views/."""

import streamlit as st

from scenarios.parts import CITATION, DEFINITION
from views.common import current_trainee
from views.text import plain

st.set_page_config(page_title="Practicum Scenarios", page_icon=":material/psychology:", layout="wide")

pages = [
    st.Page("views/home.py", title="Home", icon=":material/home:", default=True),
    st.Page("views/definition.py", title="Learn the definition", icon=":material/menu_book:"),
    st.Page("views/practice.py", title="Practice", icon=":material/exercise:"),
    st.Page("views/progress.py", title="My progress", icon=":material/insights:"),
    st.Page("views/scenario_files.py", title="Scenario files", icon=":material/description:"),
]
navigation = st.navigation(pages)

st.session_state["trainee"] = trainee = current_trainee()
with st.sidebar:
    if trainee:
        st.markdown(f"Signed in by personal link as **{plain(trainee.name)}**. Every answer is saved.")
    else:
        st.markdown("Practising as a **guest**: answers are not kept. Open your personal link to save progress.")
    st.caption(f"“{DEFINITION}” ({CITATION})")

navigation.run()
