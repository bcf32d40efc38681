"""Showing a judged answer: rating, feedback, the five-part strip and the strongest response."""

import altair as alt
import pandas as pd
import streamlit as st

from records.progress import StoredAnswer
from scenarios.model import Option, Step
from scenarios.parts import PART_BY_KEY
from scoring.judge import RATING_LABEL, STRIP_SYMBOL, Judgement, PartLine, StripState, every_option
from scoring.judge import part_lines as lines_of
from services.markup import plain

_RATING_BOX = {"best": st.success, "acceptable": st.info, "poor": st.warning, "harmful": st.error}


def five_part_strip(judgement: Judgement) -> None:
    """The five parts in one line, grouped by what the answer did, each with symbol and word (never colour
    alone); one line on a phone as on a desktop."""
    by_state: dict[StripState, list[str]] = {}
    for key, state in judgement.strip().items():
        by_state.setdefault(state, []).append(PART_BY_KEY[key].name)
    order: tuple[StripState, ...] = ("upheld", "undermined", "missed", "not at stake")
    st.markdown(" · ".join(f"{STRIP_SYMBOL[state]} {state}: {', '.join(by_state[state])}" for state in order if state in by_state))


def part_lines(lines: tuple[PartLine, ...]) -> None:
    st.markdown("\n".join(f"- {_symbol(line)} **{line.part.name}**, {line.verdict}: {plain(line.reason)}" for line in lines))


def _symbol(line: PartLine) -> str:
    return STRIP_SYMBOL["upheld" if line.verdict == "upholds" else "undermined"]


CONFIDENT_MISS = (
    "**You were sure of this one, and it was not the strongest response.** A confident miss is the most useful kind: "
    "before you read on, name what made it feel right, and bring that to supervision."
)


def judgement_card(judgement: Judgement) -> None:
    why_tempting = f"\n\n*Why it tempts:* {plain(judgement.option.tempting)}" if judgement.option.tempting else ""
    if judgement.confident_miss:
        st.markdown(CONFIDENT_MISS)
    _RATING_BOX[judgement.rating](f"**{judgement.label}**\n\n{plain(judgement.option.feedback)}{why_tempting}")
    st.markdown("**Against the five parts**")
    five_part_strip(judgement)
    part_lines(judgement.lines)
    if judgement.strongest is not None:
        with st.container(border=True):
            st.markdown(f"**The strongest response:** {plain(judgement.strongest.text)}")
            st.caption(plain(judgement.strongest.feedback))
            part_lines(judgement.strongest_lines)
    every_option_list(judgement.step.options, chosen=judgement.option.id)


def every_option_list(options: list[Option], chosen: str | None) -> None:
    """Each response of the step with its rating and reasons, strongest first: what the others would have done."""
    with st.expander("See every option"):
        for option in every_option(options):
            mine = " (your choice)" if option.id == chosen else ""
            st.markdown(f"**{RATING_LABEL[option.rating]}**{mine}: {plain(option.text)}")
            st.caption(plain(option.feedback) + (f" Why it tempts: {plain(option.tempting)}" if option.tempting else ""))
            part_lines(lines_of(option))


OUTCOME_ORDER = ["upheld", "undermined", "missed", "not at stake"]


def outcome_chart(outcomes: pd.DataFrame) -> alt.LayerChart:
    """Stacked bars per part, each segment labelled with its symbol and count, so colour is never the only cue.
    Only what the answers did is drawn: a part that was never at stake gets no bar, not a full grey one."""
    data = outcomes[(outcomes["steps"] > 0) & (outcomes["outcome"] != "not at stake")].assign(
        rank=lambda d: d["outcome"].map(OUTCOME_ORDER.index),
        label=lambda d: d["outcome"].map(STRIP_SYMBOL) + " " + d["steps"].astype(str),
    )
    y = alt.Y("part:N", sort=list(data["part"].unique()), title=None)
    x = alt.X("steps:Q", stack="zero", title="steps", axis=alt.Axis(tickMinStep=1))
    order = alt.Order("rank:Q")
    bars = alt.Chart(data).mark_bar().encode(
        y=y,
        x=x,
        order=order,
        color=alt.Color(
            "outcome:N",
            scale=alt.Scale(domain=OUTCOME_ORDER[:3], range=["#1b7837", "#b2182b", "#8c6d1f"]),
            legend=alt.Legend(title="your answers", orient="bottom"),
        ),
        tooltip=["part", "outcome", "steps"],
    )
    labels = alt.Chart(data).mark_text(align="right", dx=-4, color="white", fontWeight="bold").encode(
        y=y, x=x, order=order, text="label:N"
    )
    return (bars + labels).properties(height=alt.Step(34))


def stored_answer_card(answer: StoredAnswer, step: Step | None = None) -> None:
    """An answer as it was judged when given (from the stored record, not today's file)."""
    from scoring.judge import RATING_LABEL

    judged = answer.judged
    if answer.confidence == "high" and answer.rating != "best":
        st.markdown(CONFIDENT_MISS)
    st.markdown(f"You chose: *{plain(judged.said(answer.option_id))}*")
    label = next((text for rating, text in RATING_LABEL.items() if rating == answer.rating), answer.rating)  # stored as plain text
    _RATING_BOX.get(answer.rating, st.info)(f"**{label}**\n\n{plain(judged.feedback)}")
    lines = []
    for key, verdict, reason in judged.in_order():
        symbol = STRIP_SYMBOL["upheld" if verdict == "upholds" else "undermined"]
        lines.append(f"- {symbol} **{PART_BY_KEY[key].name}**, {verdict}: {plain(reason)}")
    if lines:
        st.markdown("\n".join(lines))
    strongest = _strongest_of(answer, step)
    if answer.rating != "best" and strongest:
        with st.container(border=True):
            st.markdown(f"**The strongest response:** {plain(strongest[0])}")
            if strongest[1]:
                st.caption(plain(strongest[1]))
    if step is not None:  # the file is still the one the answer was given to
        every_option_list(step.options, chosen=answer.option_id)


def _strongest_of(answer: StoredAnswer, step: Step | None) -> tuple[str, str] | None:
    """The strongest response as stored with the answer; for answers stored before that was kept,
    from the scenario file, when the file is still the one the answer was given to."""
    judged = answer.judged
    if judged.strongest_text:
        return judged.strongest_text, judged.strongest_feedback
    if step is not None and judged.strongest and any(o.id == judged.strongest for o in step.options):
        option = step.option(judged.strongest)
        return option.text, option.feedback
    return None
