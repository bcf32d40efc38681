"""The Author page's "Write in a form" tab: a scenario written field by field, with no YAML typed.

The open document (scenarios.editing.ScenarioDocument) is kept in the supervisor's tab state,
`Supervision.form` (views/parts/state.py), so reruns, the other tabs and other pages lose no edit.
It is the form's only record: on every run each widget is filled from it, and a changed widget
writes back to it in its on_change callback. Buttons that add, remove or move steps and options are
callbacks too, so one click does it. Widget keys carry the document's own keys for steps and options,
which never change while it is open, so moving a step or an option moves its values with it.

Every change is checked as `python -m scenarios check` checks a file; each problem is shown under
the field it belongs to, those that belong to no field at the top.
"""

import hashlib
from contextlib import nullcontext
from pathlib import Path
from typing import Any, get_args

import streamlit as st

from scenarios.canon import CANON
from scenarios.editing import MAX_OPTIONS, MAX_STEPS, MIN_OPTIONS, VERDICTS, CannotOpen, FieldProblem, ScenarioDocument
from scenarios.editing import Path as FieldPath
from scenarios.load import Library
from scenarios.model import DIFFICULTIES, RATINGS, Kind, Source, Venue
from scenarios.parts import PART_BY_KEY, PART_KEYS
from scoring.judge import RATING_LABEL
from services.markup import plain
from views.parts.branch_map import branch_map
from views.parts.saving import builtin_id_message, in_own_folder, save_controls
from views.parts.state import supervision
from views.parts.walker import walk

TEMPLATE = "template"
END = ""  # the `next` choice that ends the scenario (no step id is empty)
NOT_SAID = ""  # the venue choice that leaves it out

SOURCE_WORDS = {"original": "Original: written for this programme", "article": "Article: a moment from the source article"}
KIND_WORDS = {"moment": "Moment: a decision in the room", "knowledge": "Knowledge: a fact check"}
VERDICT_WORDS = {"upholds": "upholds it", "undermines": "undermines it"}
FIELD_WORDS = {
    "steps": "the steps", "options": "its options", "prompt": "the question", "text": "what the therapist says", "effects": "the parts",
    "next": "after this choice", "reflection": "reflection prompt", "parts": "parts it trains",
}  # fmt: skip


def scenario_form(engine, supervisor, lib: Library, own_folder: Path) -> None:
    state = supervision()
    _start_controls(lib, own_folder)
    if state.form_notice is not None:
        kind, message = state.form_notice
        getattr(st, kind)(message)
        state.form_notice = None
    doc = state.form
    if doc is None:
        st.info("Choose where to start, then press **Open in the form**. The template is a worked skeleton: replace each value with your own.")
        return
    form = _Form(doc, f"form{state.form_number}", lib, own_folder)
    form.draw(engine, supervisor)


def _start_controls(lib: Library, own_folder: Path) -> None:
    state = supervision()
    doc = state.form
    choices = {TEMPLATE: "The template: a worked skeleton to fill in"}
    entries = sorted(lib.entries.values(), key=lambda e: e.scenario.title.lower())
    for entry in entries:
        if in_own_folder(lib, entry.scenario.id, own_folder):
            choices[f"edit:{entry.scenario.id}"] = f"Revise the saved “{entry.scenario.title}” (keeps its id, {entry.scenario.id})"
    for entry in entries:
        choices[f"copy:{entry.scenario.id}"] = f"A copy of “{entry.scenario.title}” (gets a new id)"
    with st.expander("Start a scenario" if doc is None else "Start another scenario", expanded=doc is None):
        st.selectbox("Start from", list(choices), format_func=choices.__getitem__, key="form_source")
        unsaved = doc is not None and doc.version != state.form_saved
        confirmed = not unsaved or st.checkbox(
            "Discard the scenario now in the form: it has changes that are not saved (download it first to keep them)", key="form_discard"
        )
        st.button("Open in the form", key="form_open", on_click=_open, args=(lib,), disabled=not confirmed)


def _open(lib: Library) -> None:
    state = supervision()
    how, _, scenario_id = st.session_state["form_source"].partition(":")  # read here: a choice made in the same rerun counts
    try:
        if how == TEMPLATE:
            doc = ScenarioDocument.from_template()
            notice = "The template is open. Replace each value with your own; problems are shown under their fields."
        else:
            entry = lib.entries[scenario_id]
            data = Path(entry.path).read_bytes()
            if how == "edit":
                doc = ScenarioDocument(data, f"{scenario_id}.yaml")
                notice = f"“{entry.scenario.title}” is open. Saving it replaces the saved file, if it is yours to replace."
            else:
                doc = ScenarioDocument.copy_of(data, f"{scenario_id}.yaml", lib.entries.keys())
                notice = f"A copy of “{entry.scenario.title}” is open with the new id '{doc.value(('id',))}'. Give it a title and an id of its own."
    except (KeyError, OSError):
        state.form_notice = ("error", "That scenario is no longer in the library; choose another.")
        return
    except CannotOpen as refused:
        first = refused.problems[0]
        state.form_notice = ("error", f"It cannot be opened in the form until it is valid: line {first.line}, {plain(first.field)}: {plain(first.message)}")
        return
    state.form = doc
    state.form_number += 1
    state.form_saved = doc.version
    state.form_notice = ("info", plain(notice))


def _seed(key: str, value: Any) -> None:
    """Fill a widget from the document before it is drawn (the document, not the widget, is the record)."""
    if key not in st.session_state or st.session_state[key] != value:
        st.session_state[key] = value


def _show(problems: list[FieldProblem]) -> None:
    for problem in problems:
        if problem.advice:
            st.warning(f"Advice: {plain(problem.message)}", icon=":material/lightbulb:")
        else:
            st.error(plain(problem.message), icon=":material/error:")


class _Form:
    def __init__(self, doc: ScenarioDocument, prefix: str, lib: Library, own_folder: Path):
        self.doc, self.prefix, self.lib, self.own_folder = doc, prefix, lib, own_folder
        self.checked = doc.check()
        scenario = self.checked.scenario
        self.own = in_own_folder(lib, scenario.id, own_folder) if scenario else None
        self.problems = list(self.checked.problems)
        if self.own is False and scenario is not None:
            self.problems.append(FieldProblem(("id",), 0, builtin_id_message(scenario.id)))
        self.advice = self.checked.advice

    def key(self, path: FieldPath) -> str:
        return "_".join((self.prefix, *path))

    def place(self, path: FieldPath) -> str:
        """Where a field is, in the form's words: 'Step 3, option 1: feedback'."""
        if not path:
            return "the scenario as a whole"
        if path[0] != "steps" or len(path) < 2:
            return FIELD_WORDS.get(path[0], path[0])
        words = f"Step {self.doc.step_keys.index(path[1]) + 1}"
        rest = path[2:]
        if len(rest) > 1 and rest[0] == "options":
            words += f", option {self.doc.options_of(path[1]).index(rest[1]) + 1}"
            rest = rest[2:]
        return f"{words}: {FIELD_WORDS.get(rest[0], rest[0])}" if rest else words

    def at(self, path: FieldPath) -> list[FieldProblem]:
        return [p for p in self.problems + self.advice if p.path == path]

    # Widgets ------------------------------------------------------------------------------------

    def text(self, path: FieldPath, label: str, *, area: bool = False, optional: bool = False, help: str | None = None, where: Any = st) -> None:
        key = self.key(path)
        _seed(key, self.doc.value(path) or "")
        widget = where.text_area if area else where.text_input
        widget(label, key=key, on_change=_write_text, args=(self.doc, path, key, optional), help=help)
        with nullcontext() if where is st else where:
            _show(self.at(path))

    def choose(self, path: FieldPath, label: str, options: list[str], words: dict[str, str], *, empty: str | None = None, where: Any = st) -> None:
        key = self.key(path)
        value = self.doc.value(path)
        value = empty if value is None and empty is not None else value
        if value not in options:  # a value the choices do not offer (a removed step): shown, and its problem under it
            options = [*options, value]
        _seed(key, value)
        where.selectbox(label, options, key=key, format_func=lambda v: words.get(v, str(v)), on_change=_write_choice, args=(self.doc, path, key, empty))
        with nullcontext() if where is st else where:
            _show(self.at(path))

    def choose_many(self, path: FieldPath, label: str, options: list[str], words: dict[str, str], *, new_ones: bool = False, help: str | None = None) -> None:
        key = self.key(path)
        value = list(self.doc.value(path) or [])
        _seed(key, value)
        st.multiselect(
            label, list(dict.fromkeys([*options, *value])), key=key, format_func=lambda v: words.get(v, v), accept_new_options=new_ones,
            on_change=_write_list, args=(self.doc, path, key), help=help,
        )  # fmt: skip
        _show(self.at(path))

    # The form -----------------------------------------------------------------------------------

    def draw(self, engine, supervisor) -> None:
        scenario = self.checked.scenario
        if self.problems:
            places = ", ".join(dict.fromkeys(self.place(p.path) for p in self.problems))
            st.error(f"{len(self.problems)} problem(s), each shown under its field below ({plain(places)}). Nothing can be saved until they are fixed.")
        elif scenario is not None:
            st.success(f"Valid: “{plain(scenario.title)}”, {len(scenario.steps)} step(s). Preview and save it at the end of the form.")
        _show(self.at(()))
        if not self.doc.layout_kept:
            st.caption("Some lines of this file were wrapped by hand; a field you change is written back on one line, the others stay as they were.")

        st.subheader("The scenario")
        left, right = st.columns(2)
        self.text(("id",), "Id", help="Lower-case words joined by hyphens, e.g. gift-from-a-work-trip; unique in the library. The file is named after it.", where=left)
        self.text(("title",), "Title", help="What trainees see in the list; up to 120 characters.", where=right)
        left, right = st.columns(2)
        self.choose(("difficulty",), "Difficulty", list(DIFFICULTIES), {d: d.capitalize() for d in DIFFICULTIES}, where=left)
        venues = list(get_args(Venue))
        self.choose(("venue",), "Venue", [NOT_SAID, *venues], {NOT_SAID: "Not said", **{v: v.replace("_", " ").capitalize() for v in venues}}, empty=NOT_SAID, where=right)
        left, right = st.columns(2)
        self.choose(("source",), "Source", list(get_args(Source)), SOURCE_WORDS, where=left)
        self.choose(("kind",), "Kind", list(get_args(Kind)), KIND_WORDS, where=right)
        self.choose_many(("parts",), "Parts it trains", list(PART_KEYS), {k: p.name for k, p in PART_BY_KEY.items()})
        known_tags = sorted({t for s in self.lib.scenarios for t in s.tags})
        self.choose_many(("tags",), "Tags", known_tags, {}, new_ones=True, help="Words for filtering; type a new one and press Enter to add it.")
        self.text(("setting",), "Setting", area=True, help="Who the client is, how long you have worked together, and what has just happened: 2 to 5 sentences.")

        st.subheader("Steps")
        st.caption("Trainees start at the first step. Each option's “After this choice” leads to another step or ends the scenario; no choice may lead back round to a step already passed.")
        for number, step_key in enumerate(self.doc.step_keys):
            self.step(number, step_key)
        _show(self.at(("steps",)))
        st.button(
            "Add a step", icon=":material/add:", key=self.key(("add_step",)), on_click=_add_step, args=(self.doc,),
            disabled=len(self.doc.step_keys) >= MAX_STEPS, help=f"At most {MAX_STEPS} steps.",
        )  # fmt: skip

        st.subheader("The end")
        self.text(("reflection",), "Reflection prompt (optional)", area=True, optional=True, help="A prompt for a written answer at the end; leave empty for none.")
        self.finish(engine, supervisor)

    def step(self, number: int, step_key: str) -> None:
        doc, path = self.doc, ("steps", step_key)
        count = len(doc.step_keys)
        with st.container(border=True):
            st.markdown(f"#### Step {number + 1}" + (" · trainees start here" if number == 0 else ""))
            row = st.container(horizontal=True)
            _moves(row, self.key(path), f"step {number + 1}", number, count, (doc.move_step, (step_key,)), (_remove_step, (doc, step_key)), count > 1)
            _show(self.at(path))
            self.text((*path, "id"), "Step id", help="Lower-case words joined by hyphens; options name it to lead here.")
            self.text((*path, "prompt"), "What happens now, and the question", area=True)
            st.markdown("**Options**")
            _show(self.at((*path, "options")))
            options = doc.options_of(step_key)
            for index, option_key in enumerate(options):
                self.option(number, step_key, index, option_key, len(options))
            st.button(
                f"Add an option to step {number + 1}", icon=":material/add:", key=self.key((*path, "add_option")), on_click=_add_option,
                args=(doc, step_key), disabled=len(options) >= MAX_OPTIONS, help=f"{MIN_OPTIONS} to {MAX_OPTIONS} options per step.",
            )  # fmt: skip

    def option(self, step_number: int, step_key: str, index: int, option_key: str, count: int) -> None:
        doc, path = self.doc, ("steps", step_key, "options", option_key)
        name = f"option {index + 1}"
        with st.container(border=True):
            st.markdown(f"**{name.capitalize()}**")
            row = st.container(horizontal=True)
            _moves(
                row, self.key(path), name, index, count, (doc.move_option, (step_key, option_key)), (doc.remove_option, (step_key, option_key)),
                count > MIN_OPTIONS,
            )  # fmt: skip
            _show(self.at(path))
            left, right = st.columns(2)
            self.text((*path, "id"), "Option id", help="Lower-case words joined by hyphens; unique in this step.", where=left)
            self.choose((*path, "rating"), "Rating", list(RATINGS), {r: RATING_LABEL[r] for r in RATINGS}, where=right)
            self.text((*path, "text"), "What the therapist says or does", area=True)
            self.effects(step_key, option_key)
            self.text((*path, "feedback"), "Feedback: why it is rated so", area=True)
            if doc.value((*path, "rating")) != "best" or doc.value((*path, "tempting")):  # a best option has no `tempting:`
                self.text((*path, "tempting"), "Why a trainee might choose it (tempting)", optional=True, help="One line on why real trainees pick this option; shown with the feedback.")
            left, right = st.columns(2)
            steps = [s for k, s in zip(doc.step_keys, doc.step_ids(), strict=True) if k != step_key]
            words = {END: "The scenario ends", **{s: f"Step {doc.step_ids().index(s) + 1}: {s}" for s in steps}}
            self.choose((*path, "next"), "After this choice (next)", [*dict.fromkeys(steps), END], words, empty=END, where=left)
            with right:
                self.choose_many((*path, "canon"), "Practice-canon rulings it applies", [r.id for r in CANON], {r.id: f"{r.id}: {r.topic}" for r in CANON})

    def effects(self, step_key: str, option_key: str) -> None:
        doc, path = self.doc, ("steps", step_key, "options", option_key, "effects")
        touched = doc.effects(step_key, option_key)
        key = self.key(path)
        _seed(key, list(touched))
        st.multiselect(
            "Parts it upholds or undermines", list(PART_KEYS), key=key, format_func=lambda k: PART_BY_KEY[k].name,
            on_change=_write_parts, args=(doc, step_key, option_key, key), help="Leave out the parts it does not bear on.",
        )  # fmt: skip
        _show(self.at(path))
        for part, (verdict, reason) in touched.items():
            here = (*path, part)
            left, right = st.columns([1, 3])
            verdict_key, reason_key = self.key((*here, "verdict")), self.key((*here, "reason"))
            _seed(verdict_key, verdict)
            _seed(reason_key, reason)
            name = PART_BY_KEY[part].name
            left.selectbox(name, list(VERDICTS), key=verdict_key, format_func=VERDICT_WORDS.__getitem__, on_change=_write_effect, args=(doc, step_key, option_key, part, verdict_key, reason_key))
            right.text_area(f"{name}: why", key=reason_key, height=68, on_change=_write_effect, args=(doc, step_key, option_key, part, verdict_key, reason_key))
            _show(self.at(here))

    def finish(self, engine, supervisor) -> None:
        state = supervision()
        doc, scenario = self.doc, self.checked.scenario
        data = doc.data()
        st.subheader("Preview and save")
        with st.expander("See the YAML"):
            st.code(doc.text(), language="yaml")
        st.download_button("Download YAML", data, file_name=doc.file_name, mime="application/x-yaml", key=self.key(("download",)))
        if scenario is None or self.problems:
            st.caption("The preview and the Save button appear once the problems above are fixed.")
            return
        # The preview starts afresh after every change (its answers were to the old text); earlier previews' places are dropped.
        walker = f"{self.prefix}_walk_{hashlib.sha256(data).hexdigest()[:12]}"
        for stale in [k for k in st.session_state if isinstance(k, str) and k.startswith(f"{self.prefix}_walk_") and not k.startswith(walker)]:
            del st.session_state[stale]
        with st.expander("Branch map: every step and choice, coloured by rating", expanded=True):
            branch_map(scenario, f"{self.prefix}_map")
        with st.expander("Preview as a trainee sees it (every branch)"):
            walk(scenario, walker)
        saved = save_controls(
            st, engine, supervisor.id, self.lib.entries.keys(), scenario, data, self.own is True,
            save_key=self.key(("save",)), replace_key=self.key(("replace",)),
        )  # fmt: skip
        if saved is not None:
            if saved.new_version_of:
                doc.set(("id",), saved.scenario_id)
            state.form_saved = doc.version


def _write_text(doc: ScenarioDocument, path: FieldPath, key: str, optional: bool) -> None:
    value = st.session_state[key]
    doc.set(path, None if optional and not value.strip() else value)


def _write_choice(doc: ScenarioDocument, path: FieldPath, key: str, empty: str | None) -> None:
    value = st.session_state[key]
    doc.set(path, None if empty is not None and value == empty else value)


def _write_list(doc: ScenarioDocument, path: FieldPath, key: str) -> None:
    doc.set(path, list(st.session_state[key]))


def _write_parts(doc: ScenarioDocument, step_key: str, option_key: str, key: str) -> None:
    chosen = st.session_state[key]
    touched = doc.effects(step_key, option_key)
    for part in touched:
        if part not in chosen:
            doc.set_effect(step_key, option_key, part, None)
    for part in chosen:
        if part not in touched:
            doc.set_effect(step_key, option_key, part, "upholds", "")


def _write_effect(doc: ScenarioDocument, step_key: str, option_key: str, part: str, verdict_key: str, reason_key: str) -> None:
    doc.set_effect(step_key, option_key, part, st.session_state[verdict_key], st.session_state[reason_key])


def _remove_step(doc: ScenarioDocument, step_key: str) -> None:
    ended = doc.remove_step(step_key)
    if ended:
        supervision().form_notice = ("info", f"The step was removed; option(s) {plain(', '.join(ended))} led to it and now end the scenario.")


def _moves(row, key: str, name: str, index: int, count: int, move: tuple, remove: tuple, removable: bool) -> None:
    """Up, Down and Remove for a step or an option: short labels that fit a phone, the item named in each tooltip."""
    (shift, where), (drop, which) = move, remove
    row.button("Up", icon=":material/arrow_upward:", key=f"{key}_up", on_click=shift, args=(*where, -1), disabled=index == 0, help=f"Move {name} up")
    row.button("Down", icon=":material/arrow_downward:", key=f"{key}_down", on_click=shift, args=(*where, 1), disabled=index == count - 1, help=f"Move {name} down")
    row.button("Remove", icon=":material/delete:", key=f"{key}_remove", on_click=drop, args=which, disabled=not removable, help=f"Remove {name}")


def _add_step(doc: ScenarioDocument) -> None:
    doc.add_step()


def _add_option(doc: ScenarioDocument, step_key: str) -> None:
    doc.add_option(step_key)
