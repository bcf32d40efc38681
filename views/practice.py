import streamlit as st

from scenarios.catalog import all_tags, filter_scenarios, next_after, random_for_part
from scenarios.model import DIFFICULTIES
from scenarios.parts import PART_BY_KEY, PARTS
from scoring.run import Run, current_step, is_finished, judgements, part_outcomes, proceed, progress, submit, total_credit
from views.common import init_state, library, library_notice
from views.feedback import judgement_card, outcome_chart
from views.text import plain

init_state()
lib = library()
state = st.session_state
PART_BY_NAME = {part.name: part.key for part in PARTS}


def start(scenario_id: str, order: list[str] | None = None) -> None:
    state.practice_run = Run(scenario_id)
    state.practice_round += 1
    if order is not None:
        state.practice_order = order


def choose() -> None:
    st.title("Practice")
    library_notice(lib)
    with st.container(border=True):
        search = st.text_input("Search titles, settings and options", key="practice_search", placeholder="e.g. gift, interpreter, grief")
        c1, c2, c3 = st.columns(3)
        parts = [PART_BY_NAME[n] for n in c1.multiselect("Part", list(PART_BY_NAME), key="practice_parts")]
        levels = c2.multiselect("Difficulty", DIFFICULTIES, key="practice_levels")
        tags = c3.multiselect("Tag", all_tags(lib.scenarios), key="practice_tags")
        fresh_only = st.toggle("Only scenarios I have not yet tried", key="practice_fresh")
    shown = filter_scenarios(lib.scenarios, parts, levels, tags, search, state.practice_tried if fresh_only else ())
    if not shown:
        st.info("No scenario matches these filters. Remove a filter or change the search.")
    else:
        labels = {_describe(s): s.id for s in shown}
        pick = labels[st.selectbox(f"{len(shown)} scenario(s)", list(labels), key="practice_pick")]
        st.button("Start scenario", type="primary", key="practice_start", on_click=start, args=(pick, [s.id for s in shown]))
    with st.expander("Or a random scenario from one part"):
        part = PART_BY_NAME[st.selectbox("Part", list(PART_BY_NAME), key="practice_random_part")]
        if st.button("Start a random scenario", key="practice_random"):
            found = random_for_part(lib.scenarios, part, avoid=state.practice_tried)
            start(found.id, [found.id]) if found else st.info("No scenario trains that part yet.")
            st.rerun()


def _describe(scenario) -> str:
    tried = " ✓ tried" if scenario.id in state.practice_tried else ""
    parts = ", ".join(PART_BY_KEY[p].name.lower() for p in scenario.parts)
    return f"{scenario.title} · {scenario.difficulty} · {parts}{tried} [{scenario.id}]"


def play(run: Run) -> None:
    scenario = lib.get(run.scenario_id)
    if scenario is None:  # the file was removed or broken since the run began
        st.warning("This scenario is no longer in the library.")
        st.button("Back to the list", key="practice_missing_back", on_click=lambda: state.update(practice_run=None))
        return
    st.title(scenario.title)
    st.caption(f"{scenario.difficulty} · trains: " + ", ".join(PART_BY_KEY[p].name.lower() for p in scenario.parts))
    st.markdown(plain(scenario.setting))
    done, total = progress(scenario, run)
    st.progress(done / total if total else 1.0, text=f"Step {min(done + (0 if run.reviewing else 1), total)} of {total}" if not is_finished(scenario, run) else "Finished")

    found = judgements(scenario, run)
    for number, judgement in enumerate(found[: -1 if run.reviewing else None], start=1):
        with st.expander(f"Step {number}: you chose “{plain(_short(judgement.option.text))}”"):
            judgement_card(judgement)

    if run.reviewing:
        last = found[-1]
        st.markdown(f"**{plain(last.step.prompt)}**")
        st.markdown(f"You chose: *{plain(last.option.text)}*")
        judgement_card(last)
        label = "Continue" if current_step(scenario, run) is not None else "See summary"
        st.button(label, type="primary", key="practice_continue", on_click=lambda: state.update(practice_run=proceed(run)))
    elif not is_finished(scenario, run):
        ask(scenario, run)
    else:
        summary(scenario, run)
    st.button("Back to the list", key="practice_back", on_click=lambda: state.update(practice_run=None))


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def ask(scenario, run: Run) -> None:
    step = current_step(scenario, run)
    with st.form(key=f"practice_form_{state.practice_round}_{step.id}"):
        texts = {plain(o.text): o.id for o in step.options}
        choice = st.radio(plain(step.prompt), list(texts), index=None, key=f"practice_choice_{state.practice_round}_{step.id}")
        submitted = st.form_submit_button("Submit answer", type="primary")
    if submitted:
        if choice is None:
            st.warning("Choose one of the responses first.")
        else:
            state.practice_run = submit(scenario, run, texts[choice])
            st.rerun()


def summary(scenario, run: Run) -> None:
    state.practice_tried.add(scenario.id)
    found = judgements(scenario, run)
    credit, steps = total_credit(found)
    st.subheader("Summary")
    st.metric("Credit", f"{credit:g} of {steps}")
    if any(j.flagged for j in found):
        st.error("⚠ One of your choices was rated harmful. Bring it to supervision.")
    st.altair_chart(outcome_chart(part_outcomes(found)), key="practice_chart")
    if scenario.reflection:
        st.markdown(f"**Reflection:** {plain(scenario.reflection)}")
        text = st.text_area("Your reflection", key=f"practice_reflection_{state.practice_round}", max_chars=4000)
        st.download_button("Download my reflection", text or "", file_name=f"{scenario.id}-reflection.txt", key="practice_reflection_download", disabled=not text)
    again, following = st.columns(2)
    again.button("Try again", key="practice_again", on_click=start, args=(scenario.id,))
    nxt = next_after(scenario.id, state.practice_order or [s.id for s in lib.scenarios])
    following.button("Next scenario", type="primary", key="practice_next", on_click=start, args=(nxt,), disabled=nxt is None)


if state.practice_run is None:
    choose()
else:
    play(state.practice_run)
