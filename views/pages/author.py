from pathlib import Path

import pandas as pd
import streamlit as st

from scenarios.authoring import MAX_FILES_PER_UPLOAD, TEMPLATE, suspicious_name
from scenarios.coverage import measure
from scenarios.load import Problem, author_dir, load_bytes
from scenarios.model import DIFFICULTIES
from scenarios.parts import PARTS
from scenarios.schema import schema_text
from services.authoring import NotYourScenario, Published, outlook, publish
from services.markup import plain
from views.parts.branch_map import branch_map
from views.parts.charts import coverage_heatmap
from views.parts.common import library, library_changed
from views.parts.state import supervision
from views.parts.supervisor_common import supervisor_context
from views.parts.walker import walk

engine, supervisor = supervisor_context()
lib = library()
own_folder = author_dir().resolve()
st.title("Author scenarios")
st.markdown(
    "Upload scenario files or paste one. Each is checked exactly as `python -m scenarios check` does; a valid one "
    f"can be previewed as a trainee sees it and saved to the authors' folder (`{own_folder.name}/`), after which "
    "it can be assigned like any built-in scenario. The format: docs/writing-scenarios.md."
)
left, right = st.columns(2)
left.download_button("Download the commented template", TEMPLATE.read_bytes(), file_name="scenario-template.yaml", key="author_template")
right.download_button("Download scenario.schema.json (editor completion)", schema_text(), file_name="scenario.schema.json", key="author_schema")

upload, paste = st.tabs(["Upload files", "Paste a scenario"])
candidates: list[tuple[str, bytes]] = []
with upload:
    files = st.file_uploader("Scenario files (.yaml or .yml)", type=["yaml", "yml"], accept_multiple_files=True, key="author_upload")
    if files and len(files) > MAX_FILES_PER_UPLOAD:
        st.error(f"You chose {len(files)} files; check at most {MAX_FILES_PER_UPLOAD} at a time. Nothing was checked or saved.")
    elif files:
        candidates += [(f.name, f.getvalue()) for f in files]
with paste:
    pasted = st.text_area("Scenario YAML", height=320, key="author_paste", placeholder="Paste the whole file here, then press Check.")
    if st.button("Check", key="author_check"):
        supervision().pasted = pasted
    if supervision().pasted:
        candidates.append(("pasted scenario", (supervision().pasted or "").encode("utf-8")))


def check_one(number: int, name: str, data: bytes) -> None:
    loaded, problems, marks = load_bytes(data, name)
    existing = lib.entries.get(loaded.scenario.id) if loaded else None
    own = existing is not None and Path(existing.path).resolve().parent == own_folder
    if loaded and existing and not own:
        line, column = marks.get(("id",), (1, 1))
        problems = [Problem(name, line, column, "id", f"'{loaded.scenario.id}' is a built-in scenario's id; give yours another id")]
        loaded = None
    with st.container(border=True):
        st.header(plain(name))
        if suspicious_name(name):
            st.info("The file name contains folders or '..'; it is not used. Saved files are always named after the scenario's id.")
        text_side, problem_side = st.columns([3, 2])
        text = data.decode("utf-8", errors="replace")
        if "\x00" in text:
            text_side.caption("Binary content is not shown.")
        else:
            text_side.code(text[:20000], language="yaml", line_numbers=True)
        if problems or loaded is None:
            problem_side.error(f"{len(problems)} problem(s); nothing can be saved until they are fixed.")
            for problem in problems:
                problem_side.markdown(f"- **Line {problem.line}, column {problem.column}**, {plain(problem.field)}: {plain(problem.message)}")
            return
        scenario = loaded.scenario
        problem_side.success(f"Valid: “{plain(scenario.title)}”, {len(scenario.steps)} step(s).")
        replace = False
        seen = outlook(engine, supervisor.id, scenario.id, lib.entries.keys()) if own else None
        if seen is not None:
            if seen.refusal:
                problem_side.error(plain(seen.refusal))
            else:
                problem_side.warning(
                    f"A saved scenario already has the id '{scenario.id}'. "
                    + (f"It is used by your assignment(s): {plain(', '.join(seen.mine))}. " if seen.mine else "None of your assignments uses it. ")
                    + (
                        f"{seen.others} assignment(s) of other supervisors use it, and they keep the version they assigned: "
                        f"yours will be saved as a new scenario, '{seen.new_version}', which you can then assign. "
                        if seen.new_version
                        else ("Replacing it changes those assignments. " if seen.mine else "")
                    )
                    + "Answers already given keep what they were judged against."
                )
                label = f"Save as the new version '{seen.new_version}'" if seen.new_version else "Replace the saved version"
                replace = problem_side.checkbox(label, key=f"author_replace_{number}")
        refused = seen is not None and seen.refusal is not None
        if not refused and problem_side.button("Save to the library", type="primary", key=f"author_save_{number}", disabled=own and not replace):
            try:
                saved = publish(engine, supervisor.id, scenario, data, lib.entries.keys(), replace=replace)
            except FileExistsError:
                problem_side.error("A file with this id was saved meanwhile; tick 'Replace the saved version' to replace it.")
            except NotYourScenario as refusal:
                problem_side.error(plain(str(refusal)))
            except (OSError, ValueError) as error:
                problem_side.error(f"Could not save: {plain(getattr(error, 'strerror', None) or str(error))}. Nothing was changed.")
            else:
                library_changed()
                problem_side.success(saved_message(saved))
        with st.expander("Branch map: every step and choice, coloured by rating"):
            branch_map(scenario, f"author_map_{number}_{scenario.id}")
        with st.expander("Preview as a trainee sees it (every branch)"):
            walk(scenario, f"author_walk_{number}_{scenario.id}")


def saved_message(saved: Published) -> str:
    if saved.new_version_of:
        return (
            f"Saved as {plain(saved.path.name)}, a new scenario with the id '{saved.scenario_id}'. "
            f"'{saved.new_version_of}' was not changed, because other supervisors' assignments use it: every assignment that uses it, "
            f"yours included, keeps it. Assign '{saved.scenario_id}' on the Assignments page to use the new version."
        )
    if saved.replaced and saved.mine:
        return f"Saved as {plain(saved.path.name)}, replacing the earlier version. Your assignment(s) {plain(', '.join(saved.mine))} now use it."
    if saved.replaced:
        return f"Saved as {plain(saved.path.name)}, replacing the earlier version."
    return f"Saved as {plain(saved.path.name)}. It is in the library now: assign it on the Assignments page."


for number, (name, data) in enumerate(candidates):
    check_one(number, name, data)

st.header("Coverage of the whole library")
coverage = measure(lib.scenarios)
cells = pd.DataFrame(
    [{"part": p.name, "difficulty": d, "scenarios": coverage.cells[(p.key, d)]} for p in PARTS for d in DIFFICULTIES]
)
st.caption(f"{coverage.scenarios} scenarios (built-in and your own): how many train each part at each difficulty.")
st.altair_chart(coverage_heatmap(cells), key="author_coverage")
