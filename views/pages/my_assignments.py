import pandas as pd
import streamlit as st

from records.assignments import comments_for_trainee, trainee_assignments
from scoring.results import status_of
from services.markup import plain
from views.parts.assignment_work import work_on
from views.parts.common import database_or_none, viewer
from views.parts.state import learner

trainee = viewer()
engine = database_or_none() if trainee else None
if trainee is None or engine is None:
    st.title("My assignments")
    st.info("Assignments appear when you open the app with the personal link your supervisor gave you.")
    st.stop()

mine = trainee_assignments(engine, trainee.id)
opened = learner().assignment_open
if opened is not None and any(a.id == opened for a, _ in mine):
    work_on(engine, trainee, opened)
    st.stop()

st.title("My assignments")
if not mine:
    st.info("Your supervisor has not assigned anything to you yet. Meanwhile, the Practice page is open.")
    st.stop()
rows = []
for assignment, subs in mine:
    rows.append(
        {
            "assignment": assignment.title,
            "mode": assignment.mode,
            "due (UTC)": f"{assignment.due_at:%Y-%m-%d %H:%M}" if assignment.due_at else "no due date",
            "scenarios": len(assignment.scenario_ids),
            "status": status_of(assignment, subs),
            "attempts used": f"{sum(s.submitted_at is not None for s in subs)} of {assignment.attempts_allowed or 'unlimited'}",
        }
    )
st.dataframe(pd.DataFrame(rows), hide_index=True)
titles = {a.id: a.title for a, _ in mine}
pick = st.selectbox("Assignment", list(titles), format_func=titles.__getitem__, key="assignments_pick")


def open_assignment() -> None:
    learner().assignment_open = pick


st.button("Open assignment", type="primary", key="assignments_open", on_click=open_assignment)
notes = comments_for_trainee(engine, trainee.id)
if notes:
    st.header("Comments from your supervisor")
    for attempt_notes in notes.values():
        for note in attempt_notes:
            with st.container(border=True):
                st.caption(f"On “{plain(note.scenario_title)}”: {plain(note.supervisor)}, {note.created_at:%Y-%m-%d}")
                st.text(note.text)
