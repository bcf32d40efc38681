"""A supervisor's start page: what needs attention across their cohorts, and the next step for a new account."""

from collections.abc import Callable
from zoneinfo import ZoneInfo

import streamlit as st

from records.attention import Attention, Item, attention
from services.landing import local_time, zone
from services.markup import plain
from views.registry import ASSIGN, COHORTS, DASHBOARD


def _steps(found: Attention) -> None:
    steps = [
        (found.cohorts > 0, "Create a cohort for your practicum group", COHORTS, "Cohorts and links"),
        (found.trainees > 0, "Add trainees (one by one or from a roster CSV) and send each their personal link", COHORTS, "Cohorts and links"),
        (found.assignments > 0, "Set an assignment: choose scenarios, a due date, practice or assessment", ASSIGN, "Assignments"),
        (False, "Read results on the Dashboard as trainees hand in", DASHBOARD, "Dashboard"),
    ]
    st.markdown("**Getting started**")
    for number, (done, text, screen, label) in enumerate(steps, start=1):
        left, right = st.columns([4, 1], vertical_alignment="center")
        left.markdown(f"{'✔' if done else '○'} {number}. {text}{' (done)' if done else ''}")
        if not done:
            right.page_link(screen.page(), label=label)


def _section(title: str, items: list[Item], count: int, line: Callable[[Item, ZoneInfo], str], tz: ZoneInfo) -> None:
    if not count:
        return
    with st.container(border=True):
        st.markdown(f"**{title}: {count}**")
        st.markdown("\n".join(f"- {line(item, tz)}" for item in items) + (f"\n- … and {count - len(items)} more" if count > len(items) else ""))


def _when(item: Item, tz: ZoneInfo) -> str:
    return local_time(item.when, tz) if item.when else ""


def supervisor_start(engine, supervisor) -> None:
    tz = zone(st.context.timezone)
    found = attention(engine, supervisor.id)
    st.subheader(f"Welcome, {plain(supervisor.name)}")
    if not (found.cohorts and found.trainees and found.assignments):
        _steps(found)
    st.markdown("**What needs your attention**")
    if found.calm:
        st.markdown("Nothing right now: no new submissions this week, no harmful choices, no reflections waiting, nobody overdue.")
    _section("Handed in this week", found.submitted, found.submitted_count,
             lambda i, tz: f"{plain(i.trainee)} handed in “{plain(i.what)}” ({_when(i, tz)})", tz)  # fmt: skip
    _section("Harmful choices in work handed in this week", found.harmful, found.harmful_count,
             lambda i, tz: f"⚠ {plain(i.trainee)}, in “{plain(i.what)}” ({_when(i, tz)})", tz)  # fmt: skip
    _section("Reflections waiting for your comment", found.reflections, found.reflections_count,
             lambda i, tz: f"{plain(i.trainee)} on “{plain(i.what)}”", tz)  # fmt: skip
    _section("Overdue", found.overdue, found.overdue_count,
             lambda i, tz: f"{plain(i.trainee)}: “{plain(i.what)}”, due {_when(i, tz)}", tz)  # fmt: skip
    if found.assignments:
        st.page_link(DASHBOARD.page(), label="Open the Dashboard", icon=":material/monitoring:")
    st.divider()
