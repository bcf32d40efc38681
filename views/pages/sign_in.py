import streamlit as st

from views.parts.common import sign_in_link

st.title("Supervisor sign-in")
st.caption("Trainees do not sign in: they open the personal link their supervisor gives them.")
st.markdown("Supervisors sign in on a short form. You stay signed in through reloads and new tabs until you sign out or leave the app idle for 30 minutes.")
sign_in_link()
st.markdown(
    "No account yet? A supervisor who has one can invite you. Whoever runs the app creates the first one on the server: "
    "`python -m records add-supervisor --name \"Dr. A. Rivera\" --email rivera@example.edu`."
)
