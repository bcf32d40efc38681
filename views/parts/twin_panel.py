"""The end-of-scenario panel for twin steps: the same responses met with another client."""

from collections.abc import Callable

import streamlit as st

from scenarios.twins import TwinContrast
from services.markup import plain, quoted


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def twin_panel(contrast: TwinContrast, tried: set[str], sealed: set[str], start: Callable[[str], None]) -> None:
    twin = contrast.twin
    with st.container(border=True):
        st.markdown("**Same words, another client**")
        if twin.id in tried:
            st.markdown(
                f"The responses at {plain(quoted(_short(contrast.step.prompt)))} also appear, word for word, in *{plain(twin.title)}*.\n\n"
                f"- **Here** the strongest was: {plain(contrast.strongest.text)}  \n  {plain(contrast.strongest.feedback)}\n"
                f"- **In {plain(twin.title)}** it was: {plain(contrast.twin_strongest.text)}  \n  {plain(contrast.twin_strongest.feedback)}"
            )
            return
        st.markdown(
            f"The responses you chose from at {plain(quoted(_short(contrast.step.prompt)))} also appear, word for word, in *{plain(twin.title)}*. "
            "The client there is different, and so is the strongest response. Try it and notice what decides it; "
            "when you have, this panel sets the two side by side."
        )
        if twin.id in sealed:
            st.caption("It is part of an assessment that is still open, so it waits until that is over.")
        else:
            st.button(f"Try “{plain(twin.title)}”", key=f"practice_twin_{twin.id}", on_click=start, args=(twin.id,))
