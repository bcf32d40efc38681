"""What one browser tab remembers between reruns, as typed objects: one for whoever practises
(a guest, or a trainee by link) and one for a signed-in supervisor. Someone leaving is one
assignment (`forget_trainee`, `forget_supervisor`), never a hand-kept list of keys.

Widget values (a text box's contents, a selectbox's choice) stay under their widget keys in
st.session_state, where Streamlit keeps them; everything else the app remembers lives here.
"""

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

import streamlit as st

from records.supervisors import Supervisor
from records.trainees import Trainee
from scoring.run import Run

if TYPE_CHECKING:
    from scenarios.editing import ScenarioDocument
    from views.parts.shown_once import OneTimeLinks

_KEY = "practicum_state"


@dataclass
class Learner:
    """A guest's or a trainee's work in this tab."""

    token: str | None = None  # the personal link's token, kept when the URL loses it
    run: Run | None = None  # the scenario being practised, or None while choosing
    last_scenario: str | None = None  # the scenario last started, selected again when the list comes back
    attempt: int | None = None  # the stored attempt behind the run (trainees only)
    order: list[str] = field(default_factory=list)  # the filtered list the run was started from, for "Next scenario"
    tried: set[str] = field(default_factory=set)  # scenarios finished in this tab (guests)
    round: int = 0  # bumped on every new run, so that answer widgets start empty
    resumed: bool = False  # the stored, unfinished attempt has been looked for
    fresh: bool = False  # the run was started or brought back just now: Practice shows it, wherever the trainee came from
    paused: bool = False  # the run is set aside while the list shows (the trainee came to Practice from another page)
    assignment_open: int | None = None
    assignment_review: tuple[int, int] | None = None  # (attempt id, answers seen) while a practice-mode answer is reviewed
    assignment_notice: str | None = None
    filters: dict[str, object] = field(default_factory=dict)  # the Practice list's search and filters, kept while a scenario runs
    practice_notice: str | None = None  # said once at the top of the scenario (e.g. that it goes on from an earlier answer)


@dataclass
class Supervision:
    """A supervisor's session in this tab (the session itself lives in the database)."""

    token: str | None = None  # set only by tests (AppTest has no cookies); the browser's session is in a cookie
    ended: str | None = None  # the session last found ended, so that its notice is given once
    cohort: int | None = None  # the cohort last chosen, remembered across pages
    pasted: str | None = None  # the scenario text last checked on the Author page
    notice: str | None = None  # why the supervisor was signed out, shown once on the sign-in page
    data_notice: tuple[Literal["success", "error"], str] | None = None  # the outcome of a deletion, shown once
    comment_notice: tuple[int, Literal["success", "error"], str] | None = None  # (attempt id, kind, message), shown once
    member_refused: str | None = None  # why a trainee typed in was not added, shown once
    rosters_added: int = 0  # rosters added in this tab: keys a fresh, empty upload box after each
    one_time: "OneTimeLinks | None" = None  # links just made, held for their dialog until dismissed (views/parts/shown_once.py)
    assignment_notice: tuple[Literal["success", "error"], str] | None = None  # the outcome of a change to an assignment, shown once
    create_notice: tuple[Literal["success", "info", "error"], str] | None = None  # the outcome of "Create assignment", shown once
    deleting: int | None = None  # the assignment whose deletion is waiting for confirmation
    # The scenario open in the Author page's form (views/parts/scenario_form.py). It is the form's only record:
    # every widget is filled from it on each run and writes back to it when changed, so reruns, the other tabs
    # and other pages lose nothing of what was typed. `form_number` counts the documents opened in this tab
    # (widget keys carry it, so a new document never inherits an old one's widgets); `form_saved` is the
    # document's version when it was opened or last saved, so that discarding unsaved work asks first.
    form: "ScenarioDocument | None" = None
    form_number: int = 0
    form_saved: int = 0
    form_notice: tuple[Literal["success", "info", "error"], str] | None = None  # the outcome of a form action, shown once


@dataclass
class TabState:
    learner: Learner = field(default_factory=Learner)
    supervision: Supervision = field(default_factory=Supervision)
    # Who this run is for: set by main.py at the top of every run, after checking the token.
    trainee: Trainee | None = None
    supervisor: Supervisor | None = None
    # The page this run shows, and whether the visitor came to it from another page (the menu, a link).
    page: str | None = None
    arrived: bool = False
    # The browser cookie of the connection that began this session (see views.parts.common.same_browser).
    browser: str | None = None
    browser_known: bool = False


def tab() -> TabState:
    """This tab's state, made on first use."""
    if _KEY not in st.session_state:
        st.session_state[_KEY] = TabState()
    found: TabState = st.session_state[_KEY]
    return found


def learner() -> Learner:
    return tab().learner


def supervision() -> Supervision:
    return tab().supervision


def forget_trainee() -> None:
    """Whoever uses this tab next, as a guest or a supervisor, sees nothing of the trainee's work."""
    tab().learner = Learner()


def forget_supervisor(notice: str | None = None, ended: str | None = None) -> None:
    tab().supervision = Supervision(notice=notice, ended=ended)
