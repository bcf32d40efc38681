import streamlit as st

from records.supervisors import sign_out
from views.parts.common import database_or_none, signed_in_supervisor
from views.parts.state import forget_supervisor, supervision

signed_in_supervisor()
st.title("Sign out")


def leave() -> None:
    engine = database_or_none()
    if engine is not None:
        sign_out(engine, supervision().token or "")
    forget_supervisor("You are signed out.")


st.button("Sign out now", type="primary", key="sign_out_button", on_click=leave)
