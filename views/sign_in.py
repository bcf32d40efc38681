import streamlit as st

from records.supervisors import SignInRefused, sign_in
from views.common import database_or_none, forget_trainee

st.title("Supervisor sign-in")
if st.session_state.get("supervisor_notice"):
    st.info(st.session_state.supervisor_notice)
    st.session_state.supervisor_notice = None
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
            st.session_state.supervisor_token = token
            st.session_state.trainee_token = None
            forget_trainee()
            st.query_params.pop("t", None)
            st.rerun()
st.markdown(
    "No account yet? Whoever runs the app creates the first one on the server: "
    "`python -m records add-supervisor --name \"Dr. A. Rivera\" --email rivera@example.edu`."
)
