from datetime import UTC, datetime, time

import pandas as pd
import streamlit as st

from records.assignments import COUNTS, DuplicateAssignment, assignments_of_cohort, create_assignment
from records.cohorts import NotYours, members
from scenarios.catalog import all_tags, filter_scenarios
from scenarios.model import DIFFICULTIES
from scenarios.parts import PART_BY_KEY, PART_KEYS
from services.markup import plain
from views.parts.common import library
from views.parts.pickers import choose_scenarios
from views.parts.preview import scenario_preview
from views.parts.supervisor_common import choose_cohort, supervisor_context

engine, supervisor = supervisor_context()
lib = library()
st.title("Assignments")
cohort = choose_cohort(engine, supervisor, "assign_cohort")
if cohort is None:
    st.stop()

existing = assignments_of_cohort(engine, supervisor.id, cohort.id)
if existing:
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "title": a.title,
                    "mode": a.mode,
                    "scenarios": len(a.scenario_ids),
                    "due (UTC)": a.due_at,
                    "attempts": a.attempts_allowed or "unlimited",
                    "counts": a.counts,
                }
                for a in existing
            ]
        ),
        hide_index=True,
    )

st.header("New assignment")
with st.container(border=True):
    search = st.text_input("Search scenarios", key="assign_search")
    c1, c2, c3 = st.columns(3)
    parts = c1.multiselect("Part", PART_KEYS, format_func=lambda k: PART_BY_KEY[k].name, key="assign_parts")
    levels = c2.multiselect("Difficulty", DIFFICULTIES, key="assign_levels")
    tags = c3.multiselect("Tag", all_tags(lib.scenarios), key="assign_tags")
    shown = filter_scenarios(lib.scenarios, parts, levels, tags, search)
    chosen_ids = choose_scenarios(lib, shown, f"Scenarios, in the order trainees meet them ({len(shown)} match the filters)", "assign_chosen")
    if chosen_ids:
        with st.expander("Preview the chosen scenarios as a trainee sees them"):
            for scenario_id in chosen_ids:
                scenario_preview(lib.get(scenario_id))
                st.divider()

people = members(engine, supervisor.id, cohort.id)
with st.form("assign_form"):
    title = st.text_input("Title", key="assign_title", placeholder="e.g. Week 3: boundaries")
    a, b = st.columns(2)
    due_date = a.date_input("Due date", value=None, key="assign_due", help="Leave empty for no due date. Due at the end of that day (UTC).")
    mode = b.radio(
        "Mode",
        ["practice", "assessment"],
        key="assign_mode",
        horizontal=True,
        help="Practice: feedback after each answer. Assessment: feedback only after the whole set is submitted.",
    )
    c, d = st.columns(2)
    attempts = c.number_input("Attempts allowed (0 = unlimited)", min_value=0, max_value=20, value=1, step=1, key="assign_attempts")
    counts = d.selectbox("Which attempt counts", COUNTS, index=1, key="assign_counts")
    e, f = st.columns(2)
    confidence = e.toggle("Ask for confidence with each answer", value=True, key="assign_confidence")
    reflections = f.toggle("Reflections required", value=False, key="assign_reflections")
    audience = {"cohort": "the whole cohort", "chosen": "chosen trainees"}
    assign_to = st.radio("Assign to", list(audience), format_func=audience.__getitem__, key="assign_to", horizontal=True)
    who = {m.id: m.name for m in people if m.active}
    picked = st.multiselect("Chosen trainees", list(who), format_func=who.__getitem__, key="assign_who")
    create = st.form_submit_button("Create assignment", type="primary")
if create and assign_to == "chosen" and not picked:
    st.error("Not created: choose at least one trainee, or assign to the whole cohort.")
elif create:
    try:
        due = datetime.combine(due_date, time(23, 59, 59), tzinfo=UTC) if due_date else None
        made = create_assignment(
            engine,
            supervisor.id,
            cohort.id,
            title=title,
            scenario_ids=chosen_ids,
            mode=mode,
            due_at=due,
            attempts_allowed=int(attempts) or None,
            counts=counts,
            confidence=confidence,
            reflection_required=reflections,
            trainee_ids=None if assign_to == "cohort" else list(picked),
        )
    except DuplicateAssignment as error:
        st.info(f"{plain(str(error)).capitalize()}.")
    except (ValueError, NotYours) as error:
        st.error(f"Not created: {plain(str(error))}.")
    else:
        st.success(f"“{plain(made.title)}” is assigned. Trainees see it under My assignments when they open their link.")
