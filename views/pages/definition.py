import streamlit as st

from scenarios.parts import CITATION, DEFINITION, PARTS
from views.registry import PRACTICE

st.title("Learn the definition")
st.markdown(f"> {DEFINITION}\n>\n> — {CITATION}")
st.markdown(
    "The sentence is short, but each phrase carries a demand on the therapist. The trainer "
    "judges every response against these five parts. The explanations below are this "
    "project's own summary of the article's argument."
)
for number, part in enumerate(PARTS, start=1):
    with st.container(border=True):
        st.header(f"{number}. {part.headline}")
        st.markdown(part.meaning)
        st.markdown("**What it asks of you**\n" + "\n".join(f"- {ask}" for ask in part.asks))
        st.caption(f"Key in scenario files: `{part.key}`")
st.page_link(PRACTICE.page(), label="Try it on a scenario", icon=":material/exercise:")
