"""The answer form both free practice and assignments use."""

import streamlit as st

from scoring.run import presentation_order
from views.text import plain


def answer_form(step, seed: str, key: str, ask_confidence: bool = True) -> tuple[str, str | None] | None:
    """Radio of the step's options (shuffled per seed) and an optional confidence; returns the choice once submitted."""
    with st.form(key=f"{key}_form_{seed}_{step.id}"):
        texts = {plain(o.text): o.id for o in presentation_order(step, seed)}
        choice = st.radio(f"**{plain(step.prompt)}**", list(texts), index=None, key=f"{key}_choice_{seed}_{step.id}")
        confidence = None
        if ask_confidence:
            confidence = st.radio(
                "How sure are you? (optional)", ["low", "medium", "high"], index=None, horizontal=True, key=f"{key}_confidence_{seed}_{step.id}"
            )
        submitted = st.form_submit_button("Submit answer", type="primary")
    if not submitted:
        return None
    if choice is None:
        st.warning("Choose one of the responses first.")
        return None
    return texts[choice], confidence
