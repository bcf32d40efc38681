"""Choosing several scenarios from a filtered list without losing the ones already chosen."""

import streamlit as st

from scenarios.load import Library


def scenario_label(scenario) -> str:
    return f"{scenario.title} · {scenario.difficulty} [{scenario.id}]"


def label_id(label: str) -> str:
    return label.rsplit("[", 1)[-1].rstrip("]")


def choose_scenarios(lib: Library, shown: list, label: str, key: str) -> list[str]:
    """A multiselect of the shown scenarios that keeps earlier choices when the filters change; returns ids in order."""
    kept = [chosen for chosen in st.session_state.get(key, []) if label_id(chosen) in lib.entries]
    options = list(dict.fromkeys(kept + [scenario_label(s) for s in shown]))
    return [label_id(chosen) for chosen in st.multiselect(label, options, key=key)]
