"""Choosing several scenarios from a filtered list without losing the ones already chosen."""

import streamlit as st

from scenarios.load import Library
from scenarios.model import Scenario


def choose_scenarios(lib: Library, shown: list[Scenario], label: str, key: str) -> list[str]:
    """A multiselect of the shown scenarios that keeps earlier choices when the filters change; returns ids in order.

    The values are scenario ids and the titles only labels, so a choice survives a change of title or filter.
    """
    kept = [chosen for chosen in st.session_state.get(key, []) if chosen in lib.entries]
    options = list(dict.fromkeys(kept + [s.id for s in shown]))

    def label_of(scenario_id: str) -> str:
        scenario = lib.get(scenario_id)
        return f"{scenario.title} · {scenario.difficulty}" if scenario else scenario_id

    # Typed text finds titles containing it (not Streamlit's fuzzy default, where "salon" matched 18 titles),
    # and there is no "Select all": Enter in the box must never choose every match at once.
    chosen: list[str] = st.multiselect(label, options, format_func=label_of, key=key, filter_mode="contains", select_all=False)
    return chosen
