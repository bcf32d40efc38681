import pandas as pd
import streamlit as st

from records.assignments import COUNTS, DuplicateAssignment, assignments_of_cohort, create_assignment
from records.cohorts import NotYours, members
from scenarios.catalog import all_tags, filter_scenarios
from scenarios.model import DIFFICULTIES
from scenarios.parts import PART_BY_KEY, PART_KEYS
from services.markup import plain, sentence
from views.parts.assignment_admin import due_at_end_of, manage_assignments
from views.parts.common import library, try_save
from views.parts.pickers import choose_scenarios, search_box
from views.parts.preview import scenario_preview
from views.parts.state import supervision
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
                    "open": "closed" if a.closed else "open",
                    "mode": a.mode,
                    "scenarios": len(a.scenario_ids),
                    "due (UTC)": f"{a.due_at:%Y-%m-%d %H:%M}" if a.due_at else "no due date",
                    "attempts": a.attempts_allowed or "unlimited",
                    "counts": a.counts,
                }
                for a in existing
            ]
        ),
        hide_index=True,
    )
manage_assignments(engine, supervisor, existing)

st.header("New assignment")
with st.container(border=True):
    search = search_box("Search scenarios", "assign_search")
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


def create() -> None:
    """The button's callback, so the list of assignments above already shows the new one when the page is drawn."""
    values = st.session_state
    notice = supervision()
    if values.get("assign_to") == "chosen" and not values.get("assign_who"):
        notice.create_notice = ("error", "Not created: choose at least one trainee, or assign to the whole cohort.")
        return
    try:
        made = try_save(
            "The assignment",
            create_assignment,
            engine,
            supervisor.id,
            cohort.id,
            title=values.get("assign_title", ""),
            scenario_ids=list(values.get("assign_chosen", [])),
            mode=values.get("assign_mode", "practice"),
            due_at=due_at_end_of(values.get("assign_due")),
            attempts_allowed=int(values.get("assign_attempts", 1)) or None,
            counts=values.get("assign_counts", "best"),
            confidence=bool(values.get("assign_confidence", True)),
            reflection_required=bool(values.get("assign_reflections", False)),
            trainee_ids=None if values.get("assign_to") == "cohort" else list(values.get("assign_who", [])),
        )
    except DuplicateAssignment as error:
        notice.create_notice = ("info", f"{sentence(str(error))}.")
    except (ValueError, NotYours) as error:
        notice.create_notice = ("error", f"Not created: {error}.")
    else:
        if made:
            notice.create_notice = ("success", f"“{made.title}” is assigned. Trainees see it under My assignments when they open their link.")
            # A fresh form for the next one (reported: the due date and "reflections required" carried over unseen).
            values["assign_title"], values["assign_chosen"], values["assign_due"] = "", [], None
            values["assign_reflections"], values["assign_to"], values["assign_who"] = False, "cohort", []


# Outside the form, so that choosing "chosen trainees" shows the list of trainees at once (and hides it again).
audience = {"cohort": "the whole cohort", "chosen": "chosen trainees"}
st.radio("Assign to", list(audience), format_func=audience.__getitem__, key="assign_to", horizontal=True)
if st.session_state.get("assign_to") == "chosen":
    who = {m.id: m.name for m in people if m.active}
    st.multiselect("Chosen trainees", list(who), format_func=who.__getitem__, key="assign_who")
with st.form("assign_form"):
    st.text_input("Title", key="assign_title", placeholder="e.g. Week 3: boundaries")
    a, b = st.columns(2)
    a.date_input("Due date", value=None, key="assign_due", help="Leave empty for no due date. Due at the end of that day (UTC).")
    b.radio(
        "Mode",
        ["practice", "assessment"],
        key="assign_mode",
        horizontal=True,
        help="Practice: feedback after each answer. Assessment: feedback only after the whole set is submitted.",
    )
    c, d = st.columns(2)
    c.number_input("Attempts allowed (0 = unlimited)", min_value=0, max_value=20, value=1, step=1, key="assign_attempts")
    d.selectbox("Which attempt counts", COUNTS, index=1, key="assign_counts")
    e, f = st.columns(2)
    e.toggle("Ask for confidence with each answer", value=True, key="assign_confidence")
    f.toggle("Reflections required", value=False, key="assign_reflections")
    st.form_submit_button("Create assignment", type="primary", on_click=create)
created = supervision().create_notice
if created:
    {"success": st.success, "info": st.info, "error": st.error}[created[0]](plain(created[1]))
    supervision().create_notice = None
