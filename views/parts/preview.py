"""A scenario for supervisors choosing what to assign: its branch map (with ratings), then its steps as a trainee
meets them, numbered in the order of the map, each saying which choices lead there."""

import streamlit as st

from scenarios.graph import branch_graph, letter
from scenarios.parts import PART_BY_KEY
from services.markup import plain
from views.parts.branch_map import branch_map, step_heading


def scenario_preview(scenario, key: str | None = None) -> None:
    graph = branch_graph(scenario)
    st.markdown(
        f"**{plain(scenario.title)}** · {scenario.difficulty} · trains: " + ", ".join(PART_BY_KEY[p].name.lower() for p in scenario.parts)
    )
    st.markdown(plain(scenario.setting))
    branch_map(scenario, key or f"preview_map_{scenario.id}")
    st.caption("The steps as a trainee meets them (options are shown to trainees in a shuffled order):")
    for node in graph.steps:
        step = scenario.step(node.id)
        st.markdown(f"*{step_heading(graph, node.id)}:* {plain(step.prompt)}")
        st.markdown("\n".join(f"- {letter(o)}. {plain(option.text)}" for o, option in enumerate(step.options)))
    if scenario.reflection:
        st.markdown(f"*Reflection:* {plain(scenario.reflection)}")
