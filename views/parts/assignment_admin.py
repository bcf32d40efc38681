"""Correcting an assignment after it is set: edit what does not rewrite grades, close or reopen, delete."""

from datetime import UTC, datetime, time
from typing import Literal

import streamlit as st

from records.assignments import Assignment, delete_assignment, deletion_impact, set_closed, update_assignment
from records.cohorts import NotYours
from services.markup import plain
from views.parts.common import try_save
from views.parts.state import supervision


def due_at_end_of(day) -> datetime | None:
    return datetime.combine(day, time(23, 59, 59), tzinfo=UTC) if day else None


def _done(message: str, kind: Literal["success", "error"] = "success") -> None:
    supervision().assignment_notice = (kind, message)


def _save_changes(engine, supervisor_id: int, assignment: Assignment) -> None:
    key = f"edit_{assignment.id}_"
    values = st.session_state
    try:
        saved = try_save(
            "The changes",
            update_assignment,
            engine,
            supervisor_id,
            assignment.id,
            title=values.get(key + "title", assignment.title),
            due_at=due_at_end_of(values.get(key + "due")),
            attempts_allowed=int(values.get(key + "attempts", 0)) or None,
            confidence=bool(values.get(key + "confidence")),
            reflection_required=bool(values.get(key + "reflections")),
        )
    except (ValueError, NotYours) as error:
        _done(f"Not saved: {error}.", "error")
        return
    if saved:
        _done(f"Saved the changes to “{saved.title}”.")


def _toggle_closed(engine, supervisor_id: int, assignment: Assignment) -> None:
    changed = try_save("Closing the assignment", set_closed, engine, supervisor_id, assignment.id, not assignment.closed)
    if changed:
        if changed.closed:
            _done(f"“{changed.title}” is closed: trainees can read what they handed in, but can no longer start, answer or submit.")
        else:
            _done(f"“{changed.title}” is open again.")


def _delete(engine, supervisor_id: int, assignment: Assignment) -> None:
    keep = not st.session_state.get(f"delete_{assignment.id}_answers", False)
    impact = try_save("The deletion", delete_assignment, engine, supervisor_id, assignment.id, keep_answers=keep)
    supervision().deleting = None
    if impact:
        kept = (
            f" The {impact.answers} answer(s) given to it stay in each trainee's own progress as practice."
            if keep and impact.answers
            else (f" {impact.answers} answer(s) were deleted with it." if impact.answers else "")
        )
        _done(f"Deleted “{assignment.title}” and its {impact.submissions} submission(s).{kept}")


def manage_assignments(engine, supervisor, existing: list[Assignment]) -> None:
    notice = supervision().assignment_notice
    if not existing:
        if notice:  # e.g. "Deleted ..." of the last one
            (st.success if notice[0] == "success" else st.error)(plain(notice[1]))
            supervision().assignment_notice = None
        return
    by_id = {a.id: a for a in existing}
    # Open again after a change, with its outcome inside: the buttons stay where the supervisor was working.
    with st.expander("Change, close or delete an assignment", expanded=notice is not None or supervision().deleting is not None):
        if notice:
            (st.success if notice[0] == "success" else st.error)(plain(notice[1]))
            supervision().assignment_notice = None
        chosen = by_id[
            st.selectbox(
                "Assignment", list(by_id), format_func=lambda i: by_id[i].title, index=len(by_id) - 1, key="manage_pick"
            )
        ]
        # Its state is said here, not in the picker's label: a label that changes is not redrawn in the open box.
        st.caption(f"Closed on {chosen.closed_at:%Y-%m-%d}: trainees cannot start, answer or submit." if chosen.closed_at else "Open to trainees.")
        key = f"edit_{chosen.id}_"
        with st.form(f"edit_form_{chosen.id}", border=False):
            st.text_input("Title", value=chosen.title, key=key + "title")
            a, b = st.columns(2)
            a.date_input("Due date", value=chosen.due_at.date() if chosen.due_at else None, key=key + "due", help="Leave empty for no due date. Due at the end of that day (UTC).")
            b.number_input("Attempts allowed (0 = unlimited)", min_value=0, max_value=20, value=chosen.attempts_allowed or 0, step=1, key=key + "attempts")
            c, d = st.columns(2)
            c.toggle("Ask for confidence with each answer", value=chosen.confidence, key=key + "confidence")
            d.toggle("Reflections required", value=chosen.reflection_required, key=key + "reflections")
            st.caption(
                f"Scenarios ({len(chosen.scenario_ids)}), mode ({chosen.mode}) and which attempt counts ({chosen.counts}) stay as they were set, "
                "because trainees may already have answered under them. To change those, create a new assignment and delete this one."
            )
            st.form_submit_button("Save changes", on_click=_save_changes, args=(engine, supervisor.id, chosen))
        left, right = st.columns(2)
        left.button(
            "Reopen assignment" if chosen.closed else "Close assignment",
            key=f"manage_close_{chosen.id}",
            on_click=_toggle_closed,
            args=(engine, supervisor.id, chosen),
            help="Closed: trainees can read what they handed in, but cannot start, answer or submit. You can reopen it.",
        )
        if supervision().deleting != chosen.id:
            right.button("Delete assignment…", key=f"manage_delete_{chosen.id}", on_click=lambda: setattr(supervision(), "deleting", chosen.id))
            return
        impact = deletion_impact(engine, supervisor.id, chosen.id)
        with st.container(border=True):
            st.warning(
                f"Delete “{plain(chosen.title)}”? It is set for {impact.trainees} trainee(s), who have {impact.submissions} submission(s), "
                f"{impact.handed_in} of them handed in, with {impact.answers} answer(s). The assignment, its submissions and their grades go. "
                "The answers stay in each trainee's own progress as practice, unless you tick the box below."
            )
            if impact.answers:
                st.checkbox(f"Also delete the {impact.answers} answer(s) trainees gave to it", key=f"delete_{chosen.id}_answers")
            yes, no = st.columns(2)
            yes.button("Delete it", type="primary", key=f"manage_delete_yes_{chosen.id}", on_click=_delete, args=(engine, supervisor.id, chosen))
            no.button("Keep it", key=f"manage_delete_no_{chosen.id}", on_click=lambda: setattr(supervision(), "deleting", None))
