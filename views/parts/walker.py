"""Walk any branch of a scenario as a trainee would, without saving anything (authors' preview)."""

import streamlit as st

from scoring.judge import judge
from scoring.run import presentation_order
from services.markup import plain
from views.parts.feedback import judgement_card


def walk(scenario, key: str) -> None:
    state_key = f"{key}_step"
    steps = [step.id for step in scenario.steps]
    if st.session_state.get(state_key) not in steps:
        st.session_state[state_key] = steps[0]
    st.markdown(f"**{plain(scenario.title)}** · {scenario.difficulty}")
    st.markdown(plain(scenario.setting))
    st.selectbox("Step", steps, key=state_key, help="Every step can be opened here, so every branch can be checked.")
    step = scenario.step(st.session_state[state_key])
    texts = {o.id: plain(o.text) for o in presentation_order(step, key)}
    # The prompt is drawn as text above the radio: a markdown label would reach screen readers as raw markup.
    st.markdown(f"**{plain(step.prompt)}**")
    choice = st.radio("Your response", list(texts), format_func=texts.__getitem__, index=None, key=f"{key}_choice_{step.id}", label_visibility="collapsed")
    if choice is None:
        return
    judgement = judge(step, choice)
    judgement_card(judgement)
    following = judgement.option.next
    if following:
        st.button(f"Go on to step '{following}'", key=f"{key}_next_{step.id}", on_click=lambda: st.session_state.update({state_key: following}))
    else:
        st.caption("This choice ends the scenario.")
        st.button("Start over", key=f"{key}_restart_{step.id}", on_click=lambda: st.session_state.update({state_key: steps[0]}))
