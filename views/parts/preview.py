"""A scenario as a trainee meets it, without ratings or feedback, for supervisors choosing what to assign."""

import streamlit as st

from scenarios.parts import PART_BY_KEY
from services.markup import plain


def scenario_preview(scenario) -> None:
    st.markdown(f"**{plain(scenario.title)}** · {scenario.difficulty} · trains: " + ", ".join(PART_BY_KEY[p].name.lower() for p in scenario.parts))
    st.markdown(plain(scenario.setting))
    for number, step in enumerate(scenario.steps, start=1):
        st.markdown(f"*Step {number}{' (follows some choices)' if number > 1 else ''}:* {plain(step.prompt)}")
        st.markdown("\n".join(f"- {plain(option.text)}" for option in step.options))
    if scenario.reflection:
        st.markdown(f"*Reflection:* {plain(scenario.reflection)}")
