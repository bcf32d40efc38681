import pandas as pd
import streamlit as st

from records.assignments import (
    AnswerDetail,
    Comment,
    add_comment,
    assignment_answers,
    assignments_of_cohort,
    latest_handed_in,
    trainee_answers,
)
from records.cohorts import NotYours
from scoring.agenda import agenda_html, agenda_markdown, agenda_of, missed_note
from scoring.judge import RATING_LABEL
from scoring.results import (
    answers_export,
    counted_detail,
    part_rollup,
    to_csv_bytes,
    to_xlsx_bytes,
    trainee_profile,
)
from services.dashboard import cohort_gradebook, load_summary
from services.links import slug
from services.markup import PERCENT_FORMAT, plain
from services.wording import MIN_ANSWERS, PLAIN_ROLLUP_COLUMNS, Wording, readable_items, readable_options, shown_number
from views.parts.charts import heatmap, profile_chart
from views.parts.common import library
from views.parts.state import supervision
from views.parts.supervisor_common import choose_cohort, supervisor_context

engine, supervisor = supervisor_context()
st.title("Dashboard")
cohort = choose_cohort(engine, supervisor, "dashboard_cohort")
if cohort is None:
    st.stop()
sets = assignments_of_cohort(engine, supervisor.id, cohort.id)
if not sets:
    st.info("No assignments in this cohort yet. Create one on the Assignments page.")
    st.stop()
by_id = {a.id: a for a in sets}
# Opens on the assignment most recently handed in (what Home's "Handed in this week" points to), else the newest.
opening = latest_handed_in(engine, supervisor.id, cohort.id) or sets[-1].id
assignment = by_id[st.selectbox("Assignment", list(by_id), format_func=lambda i: by_id[i].title, index=list(by_id).index(opening), key="dashboard_assignment")]
summary = load_summary(engine, supervisor.id, assignment.id)
found = summary.overview
scores = summary.score_table()

counts = scores["status"].value_counts()
if assignment.closed:
    st.caption(f"Closed on {assignment.closed_at:%Y-%m-%d}: trainees can no longer start or submit. Reopen it on the Assignments page.")
cols = st.columns(5)
last = "closed" if assignment.closed else "overdue"
for col, label in zip(cols, ["not started", "in progress", "submitted", "submitted late", last], strict=True):
    col.metric(label.capitalize(), int(counts.get(label, 0)))

st.header("Scores")
st.caption(f"Mode: {assignment.mode}; the {assignment.counts} submitted attempt counts. Score: mean over scenarios of credit per step.")
st.dataframe(
    scores.drop(columns=["trainee_id"]),
    hide_index=True,
    column_config={"score (%)": st.column_config.ProgressColumn("score (%)", min_value=0, max_value=100, format=PERCENT_FORMAT)},
)

st.header("Trainee × part")
cells = summary.heatmap_frame()
if cells.empty:
    st.info("The heatmap fills in as trainees submit.")
else:
    st.caption(
        "Share of each trainee's answers that upheld the part when it was at stake (counted submissions); n is how many answers "
        "put it at stake. Red cells are the low ones, blue the high ones; pale cells rest on fewer than 3 answers; n/a: the part was never at stake."
    )
    st.altair_chart(heatmap(cells), key="dashboard_heatmap")

st.header("How each step worked", help="In Moodle's quiz statistics these are the facility and the discrimination index.")
items = summary.item_statistics()
wording = Wording({s.id: s for s in library().scenarios})


def _grey_when_few(row: pd.Series) -> list[str]:
    return ["color: #6b6b6b; font-style: italic" if row["answers"] < MIN_ANSWERS else ""] * len(row)


if items.empty:
    st.info("These figures appear once trainees have submitted.")
else:
    st.caption(
        "For each step: **chose well** is the average credit (100% when everyone chose the strongest response). "
        "**Worth a look**: too easy (above 90%), too hard (below 30%), or weaker trainees did better here, which often "
        "means a step can be read two ways. **Tells strong from weak** (from −1 to 1, from 3 answers on) is high when "
        "the trainees who chose well here also did well on the rest."
    )
    st.caption(f"Rows in grey have fewer than {MIN_ANSWERS} answers: their figures can swing with one trainee.")
    readable = readable_items(items, wording).drop(columns="spread")  # kept in the exports; a figure few supervisors read
    readable["chose well"] = [shown_number(v, "{:.0%}") for v in readable["chose well"]]
    readable["tells strong from weak"] = [shown_number(v, "{:.2f}") for v in readable["tells strong from weak"]]
    narrow = st.column_config.TextColumn(width="medium")
    st.dataframe(
        readable.style.apply(_grey_when_few, axis=1),
        hide_index=True,
        column_config={"scenario": narrow, "step": narrow, "worth a look": narrow, "parts": narrow, "note": narrow},
    )
    st.markdown("**Which responses were chosen**")
    st.dataframe(
        readable_options(summary.option_frequencies(), wording).pipe(lambda f: f.assign(share=f["share"] * 100)),
        hide_index=True,
        column_config={"share": st.column_config.NumberColumn(format="%.0f%%"), "scenario": narrow, "step": narrow},
    )
    st.markdown("**Per part**")
    st.dataframe(
        part_rollup(items)
        .rename(columns=PLAIN_ROLLUP_COLUMNS)
        .pipe(
            lambda f: f.assign(
                **{
                    "chose well (mean)": [shown_number(v, "{:.0%}") for v in f["chose well (mean)"]],
                    "tells strong from weak (mean)": [shown_number(v, "{:.2f}") for v in f["tells strong from weak (mean)"]],
                }
            )
        ),
        hide_index=True,
    )

st.header("One trainee")
names = {p.id: p.name for p in found.trainees}
trainee_id = st.selectbox("Trainee", list(names), format_func=names.__getitem__, key="dashboard_trainee")
detail = counted_detail(summary, trainee_answers(engine, supervisor.id, assignment.id, trainee_id))
profile = trainee_profile(detail)
if profile["at stake"].sum():
    st.altair_chart(profile_chart(profile), key="dashboard_profile")


def save_comment(attempt_id: int) -> None:
    """Saved before the page is drawn again, so the new comment is listed at once."""
    try:
        add_comment(engine, supervisor.id, attempt_id, st.session_state.get(f"comment_text_{attempt_id}", ""))
        supervision().comment_notice = (attempt_id, "success", "Comment saved; the trainee sees it under My assignments.")
    except (ValueError, NotYours) as error:
        supervision().comment_notice = (attempt_id, "error", f"Not saved: {plain(str(error))}.")


RATING_SHOWN: dict[str, str] = {str(rating): label for rating, label in RATING_LABEL.items()}  # as trainees read it; stored ratings are plain strings
notes: dict[int, list[Comment]] = {}
for note in found.comments:
    notes.setdefault(note.attempt_id, []).append(note)
if not detail:
    st.info("No submitted answers from this trainee yet.")
by_attempt: dict[int, list[AnswerDetail]] = {}
for row in detail:
    by_attempt.setdefault(row.attempt_id, []).append(row)
for attempt_id, rows in by_attempt.items():
    with st.expander(plain(rows[0].scenario_title)):
        for row in rows:
            sure = f" · confidence: {row.confidence}" if row.confidence else ""
            st.markdown(f"**{plain(row.judged.prompt)}**  \nChose “{plain(row.judged.said(row.option_id))}”  \n{RATING_SHOWN.get(row.rating, row.rating)}{sure}")
            st.caption(plain(row.judged.feedback))
        if rows[0].reflection:
            st.markdown("**Reflection**")
            st.text(rows[0].reflection)
        for note in notes.get(attempt_id, []):
            st.caption(f"Your comment, {note.created_at:%Y-%m-%d}:")
            st.text(note.text)
        notice = supervision().comment_notice
        if notice and notice[0] == attempt_id:
            (st.success if notice[1] == "success" else st.error)(notice[2])
            supervision().comment_notice = None
        with st.form(f"comment_form_{attempt_id}", clear_on_submit=True):
            st.text_area("Comment for the trainee", key=f"comment_text_{attempt_id}", max_chars=4000)
            st.form_submit_button("Save comment", on_click=save_comment, args=(attempt_id,))
name = names[trainee_id]
agenda = agenda_of(summary, trainee_id, detail)
with st.expander(f"Supervision agenda for {plain(name)}", expanded=False):
    if not agenda.answered:
        st.markdown("No submitted answers yet.")
    else:
        st.markdown("**Weakest parts**\n" + "\n".join(f"- {plain(line)}" for line in agenda.weakest))
        st.markdown("**Harmful choices**")
        for h in agenda.harmful:
            st.markdown(f"- **{plain(h.scenario)}**: {plain(h.prompt)} Chose “{plain(h.chose)}”. {plain(h.feedback)}")
        if not agenda.harmful:
            st.markdown("None.")
        st.markdown("**Reflections worth discussing**")
        for item in agenda.reflections:
            st.markdown(f"{plain(item.scenario)}{plain(missed_note(item))}:")
            st.text(item.text)
        if not agenda.reflections:
            st.markdown("No written reflections.")
    trainee_slug = slug(name)
    left, right = st.columns(2)
    left.download_button(
        "Printable agenda (HTML: open, then print)", agenda_html(agenda), file_name=f"agenda-{trainee_slug}.html", mime="text/html", key="dashboard_agenda_html"
    )
    right.download_button("Agenda as Markdown", agenda_markdown(agenda), file_name=f"agenda-{trainee_slug}.md", mime="text/markdown", key="dashboard_agenda")

st.header("Exports")


def gradebook() -> pd.DataFrame:
    """Built only when downloaded: it reads every assignment of the cohort."""
    return cohort_gradebook(engine, supervisor.id, cohort)


a, b, c = st.columns(3)
a.download_button("Gradebook CSV (Canvas layout)", lambda: to_csv_bytes(gradebook()), file_name=f"gradebook-{slug(cohort.title)}.csv", mime="text/csv", key="export_gradebook_csv")
b.download_button("Gradebook XLSX", lambda: to_xlsx_bytes(gradebook()), file_name=f"gradebook-{slug(cohort.title)}.xlsx", key="export_gradebook_xlsx")
c.download_button(
    "All answers of this assignment (CSV)",
    lambda: to_csv_bytes(answers_export(found, assignment_answers(engine, supervisor.id, assignment.id))),
    file_name=f"answers-{slug(assignment.title)}.csv",
    mime="text/csv",
    key="export_answers_csv",
)
