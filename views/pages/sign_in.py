import streamlit as st

from records.supervisors import SignInRefused, sign_in
from views.parts.common import database_or_none
from views.parts.state import forget_supervisor, forget_trainee, supervision

st.title("Supervisor sign-in")
if supervision().notice:
    st.info(supervision().notice)
    supervision().notice = None
st.caption("Trainees do not sign in: they open the personal link their supervisor gives them.")
with st.form("sign_in_form"):
    email = st.text_input("Email", key="sign_in_email", autocomplete="username")
    password = st.text_input("Password", type="password", key="sign_in_password", autocomplete="current-password")
    submitted = st.form_submit_button("Sign in", type="primary")
if submitted:
    engine = database_or_none()
    if engine is not None:
        try:
            _, token = sign_in(engine, email, password)
        except SignInRefused as refusal:
            st.error(str(refusal))
        else:
            forget_supervisor()
            supervision().token = token
            forget_trainee()
            st.query_params.pop("t", None)
            st.rerun()
st.markdown(
    "No account yet? Whoever runs the app creates the first one on the server: "
    "`python -m records add-supervisor --name \"Dr. A. Rivera\" --email rivera@example.edu`."
)
