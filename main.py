"""Practicum Scenarios: the Streamlit script. It identifies who is here and routes to the pages in views/.
(app.py is the server that runs it, with the sign-in routes and security headers.)"""

from pathlib import Path

import streamlit as st

from scenarios.parts import CITATION, DEFINITION
from services.markup import plain
from views.parts.common import current_supervisor, current_trainee, same_browser, sign_in_link
from views.parts.state import learner, tab
from views.registry import HOME, visible

st.set_page_config(page_title="Practicum Scenarios", page_icon=str(Path(__file__).parent / "assets" / "icon.png"), layout="wide")
# Room between answer options, so a thumb hits the one it means and the eye sees where each ends.
st.html("<style>[data-testid='stRadio'] [role='radiogroup']{row-gap:0.6rem}</style>")

if not same_browser():  # this session was begun by another browser: show nothing of it
    st.error("This page belongs to a session opened in another browser. Reload the page to start your own.")
    st.stop()

# A personal link decides its own tab: a supervisor who opens a trainee's link (to try it) sees what the
# trainee sees there, and a tab a link opened stays the trainee's even if a supervisor's session cookie
# reaches it later. Elsewhere the supervisor's session cookie decides.
opened_by_link = bool(st.query_params.get("t")) or learner().token is not None
supervisor = None if opened_by_link else current_supervisor()
trainee = None if supervisor else current_trainee()
tab().supervisor, tab().trainee = supervisor, trainee

menu = visible(trainee=trainee is not None, supervisor=supervisor is not None)
pages = {screen: screen.page(hidden=not screen.listed(trainee=trainee is not None, supervisor=supervisor is not None)) for screens in menu.values() for screen in screens}
# Streamlit's own menu, as one flat list: on a phone it closes itself after a page is chosen. (Its
# sectioned form puts the section headers inside its <ul>, which screen readers misreport: axe list, listitem.)
navigation = st.navigation(list(pages.values()), position="sidebar", expanded=True)

with st.sidebar:
    if not supervisor:  # the form is served by the app's own server (so that it can set the session cookie)
        sign_in_link("Supervisor sign-in")
    st.divider()
    if supervisor:
        st.markdown(f"Signed in as supervisor **{plain(supervisor.name)}**.")
    elif trainee:
        st.markdown(f"Signed in by personal link as **{plain(trainee.name)}**. Every answer is saved.")
    else:
        st.markdown("Practising as a **guest**: answers are not kept. Open your personal link to save progress.")
    if navigation.url_path != pages[HOME].url_path:  # Home quotes the definition itself, in full view
        st.caption(f"“{DEFINITION}” ({CITATION})")

if tab().supervision.notice:  # why a supervisor was signed out, said once on whatever page comes next
    st.info(tab().supervision.notice)
    tab().supervision.notice = None
tab().arrived, tab().page = tab().page != navigation.url_path, navigation.url_path
navigation.run()
