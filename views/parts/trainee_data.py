"""The cohort page's "Export or delete data" tab: one trainee's stored data as JSON, or erased for good."""

import json

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from records.cohorts import NotYours
from records.erasure import delete_trainee, export_trainee, trainee_row_counts
from services.markup import plain
from views.parts.state import supervision

NOTICE = "trainee_data_notice"  # (kind, message) from the delete button's callback, shown once


def trainee_data(engine, supervisor, people) -> None:
    if notice := _take_notice():
        (st.success if notice[0] == "success" else st.error)(notice[1])
    if not people:
        st.info("No trainees in this cohort.")
        return
    by_id = {m.id: m for m in people}
    chosen = by_id[st.selectbox("Trainee", list(by_id), format_func=lambda i: f"{by_id[i].name} <{by_id[i].email or 'no email'}>", key="data_pick")]
    st.download_button(
        "Download this trainee's data (JSON)",
        lambda: json.dumps(export_trainee(engine, supervisor.id, chosen.id), indent=2, ensure_ascii=False).encode("utf-8"),
        file_name=f"trainee-{chosen.id}-data.json",
        mime="application/json",
        key="data_download",
        help="Their details, assignments, submissions, attempts with reflections, answers and the comments on them.",
    )
    st.divider()
    n = trainee_row_counts(engine, supervisor.id, chosen.id)
    st.warning(
        f"Deleting removes {plain(chosen.name)} from the cohort with everything stored about them: their personal link, "
        f"{n.get('attempts', 0)} attempt(s) with their reflections, {n.get('answers', 0)} answer(s), {n.get('submissions', 0)} "
        f"submission(s) and {n.get('comments', 0)} comment(s) on their work. **This cannot be undone**: download their data first if it must be kept."
    )
    typed = st.text_input("To confirm, type the trainee's name exactly as shown above", key="data_confirm_name")
    st.button(
        "Delete this trainee's data", type="primary", key="data_delete", disabled=" ".join(typed.split()) != chosen.name,
        on_click=_delete, args=(engine, supervisor.id, chosen.id, chosen.name),
    )


def _delete(engine, supervisor_id: int, trainee_id: int, name: str) -> None:
    try:
        deleted = delete_trainee(engine, supervisor_id, trainee_id)
    except NotYours:
        supervision().data_notice = ("error", "This trainee is not in your cohorts (any more). Nothing was deleted.")
    except SQLAlchemyError as error:
        supervision().data_notice = ("error", f"Nothing was deleted: the database did not respond ({type(error).__name__}). Please try again.")
    else:
        supervision().data_notice = ("success", f"{plain(name)}'s data is deleted ({sum(deleted.values())} stored rows); their link no longer works.")
        st.session_state.data_confirm_name = ""


def _take_notice():
    notice, supervision().data_notice = supervision().data_notice, None
    return notice
