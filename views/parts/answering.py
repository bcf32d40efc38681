"""The answer form both free practice and assignments use."""

from collections.abc import Callable

import streamlit as st

from scoring.run import presentation_order
from services.markup import plain


def answer_form(step, seed: str, key: str, on_answer: Callable[[str, str | None], None], ask_confidence: bool = True) -> None:
    """Radio of the step's options (shuffled per seed) and an optional confidence.

    The answer is handled in the submit button's callback, before the page runs again, so the
    feedback appears in that same run: one rerun per answer, not two.
    """
    choice_key, confidence_key, missing_key = f"{key}_choice_{seed}_{step.id}", f"{key}_confidence_{seed}_{step.id}", f"{key}_missing"
    texts = {o.id: plain(o.text) for o in presentation_order(step, seed)}

    def submitted() -> None:
        chosen = st.session_state.get(choice_key)
        if chosen is None:
            st.session_state[missing_key] = True
        else:
            on_answer(chosen, st.session_state.get(confidence_key))

    with st.form(key=f"{key}_form_{seed}_{step.id}"):
        # The prompt is drawn as text above the radio: a markdown label would reach screen readers as raw markup.
        st.markdown(f"**{plain(step.prompt)}**")
        st.radio("Your response", list(texts), format_func=texts.__getitem__, index=None, key=choice_key, label_visibility="collapsed")
        if ask_confidence:
            st.radio("How sure are you? (optional)", ["low", "medium", "high"], index=None, horizontal=True, key=confidence_key)
        st.form_submit_button("Submit answer", type="primary", on_click=submitted)
    if st.session_state.pop(missing_key, False):
        st.warning("Choose one of the responses first.")
