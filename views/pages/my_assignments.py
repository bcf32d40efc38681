import streamlit as st

from records.assignments import comments_for_trainee, trainee_assignments
from scoring.results import status_of
from services.landing import local_time, zone
from services.markup import plain
from views.parts.assignment_work import OPEN_PARAM
from views.parts.common import trainee_and_database
from views.parts.state import learner
from views.registry import ASSIGNMENT

trainee, engine = trainee_and_database("My assignments")

mine = trainee_assignments(engine, trainee.id)
if learner().assignment_open is not None:  # "Open assignment" (or Home's "Open"): the assignment has its own page
    st.switch_page(ASSIGNMENT.page(), query_params={OPEN_PARAM: str(learner().assignment_open)})

st.title("My assignments")
if not mine:
    st.info("Your supervisor has not assigned anything to you yet. Meanwhile, the Practice page is open.")
    st.stop()
tz = zone(st.context.timezone)
for assignment, subs in mine:  # cards, not a table: they read as well on a phone as on a desktop
    used = sum(s.submitted_at is not None for s in subs)
    due = f"due {local_time(assignment.due_at, tz)}" if assignment.due_at else "no due date"
    with st.container(border=True):
        st.markdown(f"**{plain(assignment.title)}** · {status_of(assignment, subs)}")
        st.caption(
            f"{assignment.mode} · {len(assignment.scenario_ids)} scenario(s) · {due} · "
            f"attempts used: {used} of {assignment.attempts_allowed or 'unlimited'}"
            + (" · reflections required" if assignment.reflection_required else "")
        )
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
