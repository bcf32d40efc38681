"""Driving the app with Streamlit's AppTest, as a trainee would click through it."""

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from views.parts.state import _KEY as STATE_KEY
from views.parts.state import Learner, Supervision, TabState
from views.registry import SCREENS

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "main.py"  # the Streamlit script; app.py is the server around it
PAGES = [screen.path for screen in SCREENS]


def open_app(page: str | None = None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=30).run()
    if page:
        at.switch_page(page).run()
    return at


def start_scenario(at: AppTest, scenario_id: str) -> AppTest:
    at.selectbox(key="practice_pick").set_value(scenario_id).run()
    return at.button(key="practice_start").click().run()


def option_ids() -> list[str]:
    """Every option id of every scenario the app under test can serve (the values of answer radios)."""
    from scenarios.load import load_library

    return sorted({o.id for s in load_library().scenarios for step in s.steps for o in step.options})


def value_labelled(widget, label_start: str, candidates: list):
    """The value of a widget's option whose shown label starts with these words (widgets show text, hold ids)."""
    for value in candidates:
        try:
            shown = widget.format_func(value)
        except (KeyError, TypeError, AttributeError):
            continue
        if unescape(str(shown)).startswith(label_start):
            return value
    raise AssertionError(f"no option labelled {label_start!r} among {widget.options}")


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def answer(at: AppTest, option_text: str) -> AppTest:
    """Choose the option whose text starts with `option_text` (options are shown shuffled) and submit."""
    radio = at.radio[0]
    radio.set_value(value_labelled(radio, option_text, option_ids()))
    return next(b for b in at.button if b.label == "Submit answer").click().run()


def texts(at: AppTest) -> str:
    """Everything a reader sees as text on the page, markdown escapes removed."""
    parts = [e.value for kind in ("title", "header", "subheader", "markdown", "caption", "success", "info", "warning", "error") for e in getattr(at, kind)]
    return unescape("\n".join(str(p) for p in parts))


def open_as(token: str | None, page: str | None = None) -> AppTest:
    """The app opened from a personal link (?t=TOKEN), or as a guest when token is None."""
    at = AppTest.from_file(str(APP), default_timeout=30)
    if token:
        at.query_params["t"] = token
    at.run()
    if page:
        at.switch_page(page).run()
    return at


def app_engine():
    from records.db import make_engine
    from records.migrate import migrate

    engine = make_engine()
    migrate(engine)
    return engine


SUPERVISOR_PAGES = {screen.path for screen in SCREENS if screen.audience == "supervisor"}
TRAINEE_PAGES = {screen.path for screen in SCREENS if screen.audience == "trainee"}


def new_supervisor(name: str = "Dr. Rivera", email: str | None = None, password: str = "correct horse battery"):
    """A supervisor account and a signed-in session token for it."""
    import secrets

    from records.supervisors import add_supervisor, sign_in

    engine = app_engine()
    email = email or f"sup-{secrets.token_hex(4)}@example.edu"
    supervisor = add_supervisor(engine, name, email, password)
    _, token = sign_in(engine, email, password)
    return supervisor, token


def tab_of(at: AppTest) -> TabState:
    """What the app remembers for this tab (views.parts.state)."""
    found: TabState = at.session_state[STATE_KEY]
    return found


def tab_with(*, supervisor_token: str | None = None, supervisor_cohort: int | None = None, assignment_open: int | None = None,
             practice_attempt: int | None = None) -> dict[str, TabState]:
    """Session state for a tab that remembers these things (as a hand-edited or stale session might)."""
    return {STATE_KEY: TabState(
        learner=Learner(assignment_open=assignment_open, attempt=practice_attempt),
        supervision=Supervision(token=supervisor_token, cohort=supervisor_cohort),
    )}


def signed_in_tab(token: str, cohort: int | None = None) -> dict[str, TabState]:
    """Session state for a tab in which this supervisor session token is signed in."""
    return {STATE_KEY: TabState(supervision=Supervision(token=token, cohort=cohort))}


def open_supervisor(token: str, page: str | None = None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=30)
    for key, value in signed_in_tab(token).items():
        at.session_state[key] = value
    at.run()
    if page:
        at.switch_page(page).run()
    return at


def _elements(node):
    children = getattr(node, "children", None)
    if children is None:
        yield node
    else:
        for child in children.values():
            yield from _elements(child)


def step_prompt(at: AppTest) -> str:
    """The prompt drawn just above the answer radio, markdown escapes removed."""
    before = None
    for element in _elements(at.main):
        if element.type == "radio" and element.label == "Your response":
            return unescape(before.value) if before is not None else ""
        if element.type == "markdown":
            before = element
    return ""


def two_supervisors_world() -> dict:
    """Supervisor A with cohort Alpha (trainee Ana, an assessment), supervisor B with cohort Beta (trainee Ben)."""
    from records.assignments import create_assignment
    from records.cohorts import add_members, create_cohort
    from records.roster import check_row

    engine = app_engine()
    sup_a, token_a = new_supervisor("Dr. Alpha")
    sup_b, token_b = new_supervisor("Dr. Beta")
    alpha = create_cohort(engine, sup_a.id, "Cohort Alpha")
    beta = create_cohort(engine, sup_b.id, "Cohort Beta")
    ((ana, ana_token),) = add_members(engine, sup_a.id, alpha.id, [check_row(1, "Ana Alphason", "ana@alpha.edu", "A1", set())])
    ((ben, ben_token),) = add_members(engine, sup_b.id, beta.id, [check_row(1, "Ben Betason", "ben@beta.edu", "B1", set())])
    gifts = ["gift-from-a-work-trip", "the-poodle-photo"]
    assessment = create_assignment(
        engine, sup_a.id, alpha.id, title="Alpha assessment", scenario_ids=gifts, mode="assessment", reflection_required=False
    )
    practice = create_assignment(engine, sup_b.id, beta.id, title="Beta practice", scenario_ids=["do-you-have-kids"], mode="practice")
    return dict(
        engine=engine, sup_a=sup_a, token_a=token_a, sup_b=sup_b, token_b=token_b, alpha=alpha, beta=beta,
        ana=ana, ana_token=ana_token, ben=ben, ben_token=ben_token, assessment=assessment, practice=practice,
    )  # fmt: skip


def downloaded(at: AppTest, media: list, label: str):
    """The file behind a download button (its .content and .filename), fetched as the browser would."""
    (button,) = [b for b in at.get("download_button") if b.proto.label == label]
    manager = media[-1]
    url = manager.execute_deferred(button.proto.deferred_file_id) if button.proto.deferred_file_id else button.proto.url
    return manager._storage.get_file(url.rsplit("/", 1)[-1].split("?", 1)[0])


def download(at: AppTest, media: list, label: str) -> bytes:
    """The bytes behind a download button."""
    return bytes(downloaded(at, media, label).content)


def links_shown_once(at: AppTest) -> dict[str, str]:
    """The links in the "Copy this/these now" window, by whom they are for (one link: a name and a code
    block; several: one code block of "name: link" lines)."""
    codes = [c.value for c in at.code if "http" in c.value]
    if not codes:
        return {}
    if ": http" in codes[-1]:
        return dict(line.rsplit(": ", 1) for line in codes[-1].splitlines())
    names = [unescape(m.value).strip("*") for m in at.markdown if m.value.startswith("**") and m.value.endswith("**")]
    return dict(zip(names[-1:], codes[-1:], strict=True))


def dialogs(at: AppTest) -> list:
    """The open dialog windows (st.dialog) of the page."""
    found, stack = [], list(at._tree.children.values())
    while stack:
        node = stack.pop()
        if getattr(node, "type", None) == "dialog":
            found.append(node)
        stack.extend(getattr(node, "children", {}).values())
    return found
