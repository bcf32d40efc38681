import streamlit as st

from records.progress import latest_attempt
from scenarios.parts import CITATION, DEFINITION, PARTS
from services.markup import plain
from views.parts.common import database_or_none, library, library_notice, viewer
from views.parts.landing import trainee_landing
from views.parts.state import learner, tab
from views.parts.supervisor_start import supervisor_start
from views.registry import LEARN, PRACTICE

lib = library()
trainee = viewer()
engine = database_or_none() if trainee else None

st.title("Practicum Scenarios")
supervisor = tab().supervisor
if supervisor is not None:
    supervisor_engine = database_or_none()
    if supervisor_engine is not None:
        supervisor_start(supervisor_engine, supervisor)
elif trainee and engine:
    trainee_landing(engine, trainee)
    # Near the top (reported: it sat under the introduction), and straight into the scenario, not the list.
    unfinished = latest_attempt(engine, trainee.id)
    if unfinished and unfinished.finished_at is None and unfinished.submission_id is None and unfinished.scenario_id in lib.entries:
        st.info(f"You were in the middle of “{plain(unfinished.scenario_title)}”.")
        if st.button("Continue where you left off", icon=":material/play_arrow:", key="home_continue"):
            running = learner().run
            if running is not None and running.scenario_id == unfinished.scenario_id:
                learner().fresh, learner().paused = True, False
            st.switch_page(PRACTICE.page())
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

left, right = st.columns(2)
with left:
    st.page_link(LEARN.page(), label="Learn the definition", icon=":material/menu_book:")
    st.caption("What each of the five parts asks of a therapist.")
with right:
    st.page_link(PRACTICE.page(), label="Practise scenarios", icon=":material/exercise:")
    st.caption(f"{len(lib.entries)} scenarios to choose from, by part, difficulty or tag.")
library_notice(lib)
