import streamlit as st

from records.progress import MAX_REFLECTION, save_reflection
from scenarios.catalog import all_tags, filter_scenarios, next_after, random_for_part, teaser
from scenarios.model import DIFFICULTIES
from scenarios.parts import PART_BY_KEY, PART_KEYS
from scenarios.twins import twins_of
from scoring.run import Run, current_step, fits, is_finished, judgements, part_outcomes, progress, total_credit
from services.markup import count, plain, quoted
from views.parts.answering import answer_form
from views.parts.common import database_or_none, library, library_notice, try_save, viewer
from views.parts.feedback import judgement_card, outcome_chart
from views.parts.pickers import search_box
from views.parts.runs import answer_step, continue_run, resume, sealed_for_viewer, start_run, tried
from views.parts.state import learner, tab
from views.parts.twin_panel import twin_panel

lib = library()
work = learner()


def back_to_list() -> None:
    work.run = None


def begin(scenario_id: str | None, order: list[str] | None = None) -> None:
    """A button's callback: start the scenario before the page is drawn again."""
    if scenario_id:
        start_run(lib, scenario_id, order)


FILTER_KEYS = ("practice_search", "practice_parts", "practice_levels", "practice_tags", "practice_fresh")


def carry_on() -> None:
    work.paused = False


def choose() -> None:
    st.title("Practice")
    if work.run is not None and work.paused and (paused := lib.get(work.run.scenario_id)) is not None and current_step(paused, work.run) is not None:
        with st.container(border=True):
            answered = len(work.run.answers)
            st.markdown(f"You are in the middle of **{plain(paused.title)}** ({answered} step{'s' if answered != 1 else ''} answered).")
            st.button("Continue it", type="primary", key="practice_carry_on", on_click=carry_on)
    if viewer() is None:
        st.caption("You are practising as a guest: your answers are not kept. Open your personal link to save them.")
    library_notice(lib)
    done = tried()
    # Streamlit forgets a widget's value while it is off the page (during a scenario): put the list's back.
    for key, value in work.filters.items():
        st.session_state.setdefault(key, value)
    search = search_box("Search titles, settings, prompts, options and tags (any form of a word)", "practice_search", "e.g. gift, interpreter, grief")
    # The filters fold away (they filled a phone's first screen), open by themselves while any is in use.
    filtering = sum(bool(st.session_state.get(key)) for key in ("practice_parts", "practice_levels", "practice_tags", "practice_fresh"))
    with st.expander(f"Filters: part, difficulty, tag{f' · {filtering} in use' if filtering else ''}", expanded=bool(filtering)):
        c1, c2, c3 = st.columns(3)
        parts = c1.multiselect("Part", PART_KEYS, format_func=lambda k: PART_BY_KEY[k].name, key="practice_parts")
        levels = c2.multiselect("Difficulty", DIFFICULTIES, key="practice_levels")
        tags = c3.multiselect("Tag", all_tags(lib.scenarios), key="practice_tags")
        fresh_only = st.toggle("Only scenarios I have not yet tried", key="practice_fresh")
    work.filters = {key: st.session_state[key] for key in FILTER_KEYS if key in st.session_state}
    sealed = sealed_for_viewer()
    shown = filter_scenarios(lib.scenarios, parts, levels, tags, search, (done if fresh_only else set()) | sealed)
    if sealed:
        if viewer() is None:
            st.caption(f"{count(len(sealed), 'scenario')} held back while an assessment that uses them is open.")
        else:
            st.caption(f"{count(len(sealed), 'scenario')} of an assessment you have not yet submitted held back until you submit it.")
    if not shown:
        st.info("No scenario matches these filters. Remove a filter or change the search.")
    else:
        st.markdown(f"**{count(len(shown), 'scenario')}**")
        cards(shown, done)
        # The scenario's id is the value, its description only the label: marking a scenario tried changes
        # the label, and a label used as the value would make the list jump back to its first entry.
        described = {s.id: _describe(s, done) for s in shown}
        if "practice_pick" not in st.session_state and work.last_scenario in described:
            # Streamlit forgets a widget's choice while it is off the page (during the scenario): come back to it.
            st.session_state["practice_pick"] = work.last_scenario
        pick = st.selectbox("Or pick one by title", list(described), format_func=described.__getitem__, key="practice_pick")
        order = [s.id for s in shown]
        st.button("Start scenario", type="primary", key="practice_start", on_click=lambda: begin(st.session_state.get("practice_pick", pick), order))
    with st.expander("Or a random scenario from one part"):
        part = st.selectbox("Part", PART_KEYS, format_func=lambda k: PART_BY_KEY[k].name, key="practice_random_part")

        def random_one() -> None:
            found = random_for_part([s for s in lib.scenarios if s.id not in sealed], st.session_state.get("practice_random_part", part), avoid=done)
            begin(found.id if found else None, [found.id] if found else None)

        st.button("Start a random scenario", key="practice_random", on_click=random_one)


CARDS_AT_A_TIME = 12


def cards(shown, done: set[str]) -> None:
    """The matching scenarios as cards (title, a one-line teaser, level and parts), a few at a time."""
    limit = st.session_state.get("practice_cards", CARDS_AT_A_TIME)
    order = [s.id for s in shown]
    for row_start in range(0, min(limit, len(shown)), 3):
        columns = st.columns(3)
        for column, scenario in zip(columns, shown[row_start : row_start + 3], strict=False):
            with column.container(border=True):
                st.markdown(f"**{plain(scenario.title)}**" + (" ✓" if scenario.id in done else ""))
                st.caption(plain(teaser(scenario)))
                st.caption(f"{scenario.difficulty} · " + ", ".join(PART_BY_KEY[p].name.lower() for p in scenario.parts) + (" · tried" if scenario.id in done else ""))
                st.button("Start", key=f"practice_card_{scenario.id}", on_click=begin, args=(scenario.id, order), help=f"Start “{scenario.title}”")
    if len(shown) > limit:
        st.button(f"Show {min(CARDS_AT_A_TIME, len(shown) - limit)} more", key="practice_more", on_click=lambda: st.session_state.update(practice_cards=limit + CARDS_AT_A_TIME))


def _describe(scenario, done: set[str]) -> str:
    mark = " ✓ tried" if scenario.id in done else ""
    parts = ", ".join(PART_BY_KEY[p].name.lower() for p in scenario.parts)
    return f"{scenario.title} · {scenario.difficulty} · {parts}{mark}"


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def play(run: Run) -> None:
    scenario = lib.get(run.scenario_id)
    if scenario is None or not fits(scenario, run):  # the file was removed, broken or edited since the run began
        st.warning("This scenario was changed or removed while you were working on it. Your answers so far are kept in My progress; start it again from the list.")
        st.button("Back to the list", key="practice_missing_back", on_click=back_to_list)
        return
    st.title(plain(scenario.title))
    if work.practice_notice:
        st.info(work.practice_notice)
        work.practice_notice = None
    st.caption(f"{scenario.difficulty} · trains: " + ", ".join(PART_BY_KEY[p].name.lower() for p in scenario.parts))
    st.markdown(plain(scenario.setting))
    done, total = progress(scenario, run)
    finished = is_finished(scenario, run)
    label = "Finished" if finished else f"Step {min(done + (0 if run.reviewing else 1), total)} of {total}"
    st.progress(done / total if total else 1.0, text=label)

    found = judgements(scenario, run)
    for number, judgement in enumerate(found[: -1 if run.reviewing else None], start=1):
        with st.expander(f"Step {number}: you chose {plain(quoted(_short(judgement.option.text)))}"):
            judgement_card(judgement)

    if run.reviewing:
        last = found[-1]
        st.markdown(f"**{plain(last.step.prompt)}**")
        st.markdown(f"You chose: *{plain(last.option.text)}*")
        judgement_card(last)
        label = "Continue" if current_step(scenario, run) is not None else "See summary"
        st.button(label, type="primary", key="practice_continue", on_click=continue_run, args=(scenario, run))
    elif not finished:
        ask(scenario, run)
    else:
        summary(scenario, run)
    st.button("Back to the list", key="practice_back", on_click=back_to_list)


def ask(scenario, run: Run) -> None:
    answer_form(current_step(scenario, run), f"{scenario.id}:{work.round}", "practice", lambda option, sure: answer_step(scenario, run, option, sure))


def summary(scenario, run: Run) -> None:
    found = judgements(scenario, run)
    credit, steps = total_credit(found)
    st.header("Summary")
    st.metric("Credit", f"{credit:g} of {steps}")
    st.caption("Each step gives 1 for the strongest response, ½ for an acceptable one, and 0 for a weak or harmful one.")
    if any(j.flagged for j in found):
        st.error("⚠ One of your choices was rated harmful. Bring it to supervision.")
    st.altair_chart(outcome_chart(part_outcomes(found)), key="practice_chart")
    st.caption("What your answers did to each part where it was at stake: upheld, undermined or missed; parts no step put at stake have no bar.")
    contrasts = twins_of(scenario, {s.id: s for s in lib.scenarios})
    if contrasts:
        done, sealed = tried(), sealed_for_viewer()
        for contrast in contrasts:
            twin_panel(contrast, done, sealed, begin)
    if scenario.reflection:
        reflection(scenario)
    again, following = st.columns(2)
    again.button("Try again", key="practice_again", on_click=begin, args=(scenario.id,))
    nxt = next_after(scenario.id, work.order)
    if nxt in (None, scenario.id):  # started alone (a random pick): go on through the library, not round to itself
        nxt = next_after(scenario.id, [s.id for s in lib.scenarios if s.id not in sealed_for_viewer()])
    following.button("Next scenario", type="primary", key="practice_next", disabled=nxt is None, on_click=begin, args=(nxt,))


def reflection(scenario) -> None:
    st.markdown(f"**Reflection:** {plain(scenario.reflection)}")
    key = f"practice_reflection_{work.round}"
    text = st.text_area(f"Your reflection (up to {MAX_REFLECTION:,} characters)", key=key, max_chars=MAX_REFLECTION)
    trainee, attempt = viewer(), work.attempt
    if trainee and attempt:
        # Never disabled: a box being typed in holds its text only once it loses focus, so a button enabled by
        # its text would need two clicks. Clicking with nothing written says so instead.
        if st.button("Save reflection", key="practice_reflection_save"):
            engine = database_or_none()
            if not text.strip():
                st.warning("Write your reflection first, then save it.")
            elif engine:
                if try_save("Your reflection", save_reflection, engine, trainee.id, attempt, text):
                    st.success("Reflection saved. Your supervisor will be able to read it.")
    else:
        # The box stops a typist at MAX_REFLECTION; what a crafted message sends is cut here, as saving refuses it.
        st.download_button("Download my reflection", (text or "")[:MAX_REFLECTION], file_name=f"{scenario.id}-reflection.txt", key="practice_reflection_download", disabled=not text)


resume(lib)
if work.run is not None and tab().arrived and not work.fresh:
    work.paused = True  # came here by the menu or a link: the list, with the scenario in progress offered at its top
work.fresh = False
if work.run is None or work.paused:
    choose()
else:
    play(work.run)
