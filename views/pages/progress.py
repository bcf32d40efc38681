import streamlit as st

from records.progress import attempts_of
from scenarios.catalog import random_for_part
from scenarios.parts import PART_BY_KEY
from scoring.judge import RATING_LABEL
from scoring.profile import answers_of, calibration, missed_scenarios, part_profile, weakest_part
from services.markup import count, plain
from views.parts.charts import profile_chart
from views.parts.common import database_or_none, library, viewer
from views.parts.runs import sealed_for_viewer, start_run
from views.registry import PRACTICE

RATING_SHOWN: dict[str, str] = {str(rating): label for rating, label in RATING_LABEL.items()}
st.title("My progress")
trainee = viewer()
engine = database_or_none() if trainee else None
if trainee is None or engine is None:
    st.info("Your progress is kept only when you open the app with your personal link. Ask your supervisor for one.")
    st.stop()

lib = library()
attempts = attempts_of(engine, trainee.id)
if not attempts:
    st.info("Nothing yet: answer a scenario on the Practice page and your profile starts here.")
    st.page_link(PRACTICE.page(), label="Go to Practice", icon=":material/exercise:")
    st.stop()


def go(scenario_id: str | None) -> None:
    if scenario_id and start_run(lib, scenario_id, [scenario_id]):
        st.switch_page(PRACTICE.page())


answers = answers_of(attempts)
profile = part_profile(answers)
finished = [a for a in attempts if a.finished_at]
c1, c2, c3 = st.columns(3)
c1.metric("Scenarios finished", len(finished))
c2.metric("Answers given", len(answers))
c3.metric("Strongest responses chosen", f"{sum(a.rating == 'best' for a in answers)} of {len(answers)}")

st.header("Per-part profile")
st.caption("For each part: of the answers where it was at stake, how many upheld it.")
st.altair_chart(profile_chart(profile), key="progress_profile_chart")
with st.expander("The same figures as a table (with undermined and missed)"):  # folded: a wide table is cramped on a phone
    st.dataframe(
        profile.drop(columns=["key"]).assign(**{"upheld rate": profile["upheld rate"] * 100}),
        hide_index=True,
        column_config={"upheld rate": st.column_config.ProgressColumn("upheld rate", format="%.0f%%", min_value=0, max_value=100)},
        key="progress_profile_table",
    )

weakest = weakest_part(profile)
left, right = st.columns(2)
with left:
    st.header("Practise your weakest part")
    if weakest:
        st.markdown(f"Your weakest part so far is **{PART_BY_KEY[weakest].name}**.")
        if st.button(f"Start a {PART_BY_KEY[weakest].name.lower()} scenario", key="progress_weakest", type="primary"):
            sealed = sealed_for_viewer()
            found = random_for_part([s for s in lib.scenarios if s.id not in sealed], weakest, avoid={a.scenario_id for a in finished})
            go(found.id if found else None)
with right:
    st.header("Retry what I missed")
    missed = [sid for sid in missed_scenarios(attempts) if lib.get(sid) and sid not in sealed_for_viewer()]
    if missed:
        titles = {sid: entry.scenario.title for sid in missed if (entry := lib.entries.get(sid))}
        pick = st.selectbox("Scenarios where you did not choose the strongest response every time", list(titles), format_func=titles.__getitem__, key="progress_missed")
        if st.button("Retry it", key="progress_retry"):
            go(pick)
    else:
        st.markdown("Nothing to retry: every finished scenario went to the strongest response.")

st.header("Calibration")
st.caption("When you said how sure you were: how often that answer was the strongest response.")
table = calibration(answers)
if table.empty:
    st.markdown("Rate your confidence when you answer, and this table shows how well it matches your results.")
else:
    st.dataframe(
        table.assign(**{"strongest chosen": table["strongest chosen"] * 100}),
        hide_index=True,
        column_config={"strongest chosen": st.column_config.ProgressColumn("strongest chosen", format="%.0f%%", min_value=0, max_value=100)},
        key="progress_calibration",
    )

st.header("History")
HISTORY_AT_A_TIME = 10


def history_line(attempt) -> str:
    """One line per scenario tried: a list reads on a phone, where a six-column table had to be scrolled sideways."""
    state = "finished" if attempt.finished_at else "in progress"
    reflected = " · reflection written" if attempt.reflection else ""
    return (
        f"- **{plain(attempt.scenario_title)}** · {state} · {count(len(attempt.answers), 'answer')} · credit {attempt.credit:g} of {len(attempt.answers)}{reflected}"
        f" · {attempt.started_at:%Y-%m-%d}"
    )


newest_first = sorted(attempts, key=lambda a: a.started_at, reverse=True)
st.markdown("\n".join(history_line(a) for a in newest_first[:HISTORY_AT_A_TIME]))
if len(newest_first) > HISTORY_AT_A_TIME:
    with st.expander(f"{len(newest_first) - HISTORY_AT_A_TIME} earlier"):
        st.markdown("\n".join(history_line(a) for a in newest_first[HISTORY_AT_A_TIME:]))
with st.expander("Every answer, with how it was judged"):
    for attempt in attempts:
        for answer in attempt.answers:
            said = plain(answer.judged.said(answer.option_id))
            sure = f" · confidence: {answer.confidence}" if answer.confidence else ""
            st.markdown(f"**{plain(attempt.scenario_title)}**: “{said}”  \n{RATING_SHOWN.get(answer.rating, answer.rating)}{sure}")
