import streamlit as st

from records.supervisors import sign_out
from views.common import database_or_none, signed_in_supervisor

signed_in_supervisor()
st.title("Sign out")
if st.button("Sign out now", type="primary", key="sign_out_button"):
    engine = database_or_none()
    if engine is not None:
        sign_out(engine, st.session_state.supervisor_token)
    st.session_state.supervisor_token = None
    st.session_state.supervisor_notice = "You are signed out."
    st.rerun()
