"""Practicum Scenarios: the entry point routes to the pages in views/."""

import streamlit as st

from scenarios.parts import CITATION, DEFINITION

st.set_page_config(page_title="Practicum Scenarios", page_icon=":material/psychology:", layout="wide")

pages = [
    st.Page("views/home.py", title="Home", icon=":material/home:", default=True),
    st.Page("views/definition.py", title="Learn the definition", icon=":material/menu_book:"),
    st.Page("views/practice.py", title="Practice", icon=":material/exercise:"),
    st.Page("views/scenario_files.py", title="Scenario files", icon=":material/description:"),
]
navigation = st.navigation(pages)

with st.sidebar:
    st.caption(f"“{DEFINITION}” ({CITATION})")

navigation.run()
