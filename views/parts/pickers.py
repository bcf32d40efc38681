"""Searching scenarios, and choosing several from a filtered list without losing the ones already chosen."""

import streamlit as st

from scenarios.catalog import MAX_QUERY_CHARS, search_query
from scenarios.load import Library
from scenarios.model import Scenario
from services.markup import plain


def search_box(label: str, key: str, placeholder: str | None = None) -> str:
    """The search field of a scenario list: at most MAX_QUERY_CHARS characters, and a word when a search was cut.

    The box's own limit stops a typist; the search itself (scenarios.catalog.search_query) holds to its limits
    whatever the page is sent, and this says so when it had to."""
    text: str = st.text_input(label, key=key, placeholder=placeholder, max_chars=MAX_QUERY_CHARS)
    notice = search_query(text).notice
    if notice:
        st.caption(plain(notice))
    return text


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
