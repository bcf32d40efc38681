import streamlit as st

from records.supervisors import sign_out
from views.parts.common import database_or_none, session_token, signed_in_supervisor
from views.parts.state import forget_supervisor

signed_in_supervisor()
st.title("Sign out")
st.caption("Signing out ends your session in every tab and window where you are signed in.")


def leave() -> None:
    engine = database_or_none()
    token = session_token() or ""
    if engine is not None:
        sign_out(engine, token)
    forget_supervisor("You are signed out.", ended=token)


st.button("Sign out now", type="primary", key="sign_out_button", on_click=leave)
