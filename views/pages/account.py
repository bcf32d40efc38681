import streamlit as st

from records.supervisors import MIN_PASSWORD, change_password, invite_supervisor
from services.links import invite_link, link_base
from services.markup import plain
from views.parts.common import session_token, try_save
from views.parts.shown_once import OneTimeLinks, hold, show_held
from views.parts.supervisor_common import supervisor_context

engine, supervisor = supervisor_context()
st.title("Your account")
st.caption(f"Signed in as {plain(supervisor.name)} ({plain(supervisor.email)}).")

st.header("Change your password")
with st.form("password_form", clear_on_submit=True):
    current = st.text_input("Current password", type="password", key="password_current", autocomplete="current-password")
    new = st.text_input(f"New password (at least {MIN_PASSWORD} characters)", type="password", key="password_new", autocomplete="new-password")
    again = st.text_input("New password again", type="password", key="password_again", autocomplete="new-password")
    changing = st.form_submit_button("Change password", type="primary")
if changing:
    if new != again:
        st.error("Not changed: the two new passwords differ. Type the same password twice.")
    else:
        try:
            if try_save("The new password", change_password, engine, supervisor.id, current, new, keep_session=session_token()):
                st.success("Password changed. You stay signed in here; any other place you were signed in is signed out.")
        except ValueError as problem:
            st.error(f"Not changed: {plain(str(problem))}.")

st.header("Invite another supervisor")
st.markdown(
    "A colleague who will supervise trainees gets a one-time link. With it they choose their name and password; "
    "the link works once, for 7 days. They see only their own cohorts, not yours."
)
with st.form("invite_form", clear_on_submit=True):
    email = st.text_input("Their email", key="invite_email")
    inviting = st.form_submit_button("Make an invitation link")
if inviting:
    try:
        token = try_save("The invitation", invite_supervisor, engine, supervisor.id, email)
    except ValueError as problem:
        st.error(f"Not made: {plain(str(problem))}.")
    else:
        if token:
            invited = email.strip().lower()
            hold(OneTimeLinks(f"Invitation for {plain(invited)} made", ((invited, invite_link(token, link_base(st.context.url, "account"))),), what="link"))
show_held()
