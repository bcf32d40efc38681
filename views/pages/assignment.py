"""One of the trainee's assignments: the one named in the address (?assignment=ID)."""

import streamlit as st

from records.assignments import trainee_assignments
from views.parts.assignment_work import OPEN_PARAM, work_on
from views.parts.common import trainee_and_database
from views.parts.state import learner
from views.registry import MY_ASSIGNMENTS

trainee, engine = trainee_and_database("Assignment")

st.page_link(MY_ASSIGNMENTS.page(), label="Back to my assignments", icon=":material/arrow_back:")
if learner().assignment_open is not None:  # opened by a button: into the address, so a reload stays here
    st.query_params[OPEN_PARAM] = str(learner().assignment_open)
    learner().assignment_open = None
asked = st.query_params.get(OPEN_PARAM, "")

mine = {a.id for a, _ in trainee_assignments(engine, trainee.id)}
if not asked.isdigit() or int(asked) not in mine:
    st.title("Assignment")
    st.info("This assignment is not among yours. Choose one under My assignments.")
    st.stop()
work_on(engine, trainee, int(asked))
