import streamlit as st

from scenarios.parts import CITATION, DEFINITION, PARTS
from views.common import library, library_notice

st.title("Practicum Scenarios")
st.markdown(
    "A trainer for psychotherapy trainees in practicum. Work through realistic moments from "
    "the therapy room: a client offers a gift, asks about your children, wants only spiritual "
    "counsel. Choose what you would do, and see why one response is stronger than another."
)
st.markdown(f"> {DEFINITION}\n>\n> — {CITATION}")
st.markdown(
    "Every answer is explained against the five parts of that definition: "
    + ", ".join(f"**{part.name.lower()}**" for part in PARTS)
    + "."
)

lib = library()
left, right = st.columns(2)
with left:
    st.page_link("views/definition.py", label="Learn the definition", icon=":material/menu_book:")
    st.caption("What each of the five parts asks of a therapist.")
with right:
    st.page_link("views/practice.py", label="Practise scenarios", icon=":material/exercise:")
    st.caption(f"{len(lib.entries)} scenarios to choose from, by part, difficulty or tag.")
library_notice(lib)
