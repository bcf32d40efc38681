"""A trainee's landing by personal link: what is due and when (in their own time zone), and new comments."""

from datetime import UTC, datetime

import streamlit as st

from records.assignments import comments_for_trainee, trainee_assignments
from services.landing import RECENT_COMMENTS, local_time, to_do, zone
from services.markup import plain
from views.parts.state import learner
from views.registry import ASSIGNMENT


def trainee_landing(engine, trainee) -> None:
    tz = zone(st.context.timezone)
    items = to_do(trainee_assignments(engine, trainee.id), tz)
    st.subheader(f"Welcome, {plain(trainee.name)}")
    if not items:
        st.markdown("Nothing is due from you right now. Practise any scenario you like below.")
    else:
        st.markdown(f"**{len(items)} assignment{'s' if len(items) != 1 else ''} to do**, soonest due first:")
    for item in items:
        with st.container(border=True):
            left, right = st.columns([3, 1], vertical_alignment="center")
            when = f"{'⚠ Overdue: was due' if item.overdue else 'Due'} {plain(item.due)}" if item.due_at else "No due date"
            left.markdown(f"**{plain(item.title)}**  \n{when}")
            left.caption(plain(item.facts) + (" · started" if item.started else ""))
            if right.button("Continue" if item.started else "Open", key=f"landing_open_{item.assignment_id}", type="primary"):
                learner().assignment_open = item.assignment_id
                st.switch_page(ASSIGNMENT.page())
    since = datetime.now(UTC) - RECENT_COMMENTS
    recent = [note for notes in comments_for_trainee(engine, trainee.id).values() for note in notes if note.created_at >= since]
    if recent:
        st.markdown(f"**New comments from your supervisor** (last {RECENT_COMMENTS.days} days):")
        for note in sorted(recent, key=lambda n: n.created_at, reverse=True):
            st.info(f"On “{plain(note.scenario_title)}”, {plain(note.supervisor)} ({local_time(note.created_at, tz)}): {plain(note.text)}")
    st.divider()
