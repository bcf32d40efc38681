from pathlib import Path

import pandas as pd
import streamlit as st

from scenarios.load import LIBRARY_DIR, author_dir, default_paths, library_dir
from scenarios.parts import PART_BY_KEY
from services.markup import plain
from views.parts.common import library


def shown(file: str) -> str:
    """A file as its folder's role and its name, never the server's full path (anyone may open this page)."""
    path = Path(file) if Path(file).is_absolute() else Path.cwd() / file
    for label, folder in (("built-in", library_dir()), ("authored", author_dir())) + tuple(("extra", f) for f in default_paths()[1:]):
        if path.is_relative_to(folder):
            return f"{label}/{path.relative_to(folder).as_posix()}"
    return path.name


st.title("Scenario files")
lib = library()
st.markdown(
    f"The built-in library is read from `{LIBRARY_DIR.name}/` once when the app starts. "
    "Check files yourself with `python -m scenarios check PATH`; see docs/writing-scenarios.md for the format."
)
bad = lib.problems_by_file()
if bad:
    st.header(f"{len(bad)} file(s) could not be loaded")
    for file, problems in bad.items():
        with st.expander(f"{plain(shown(file))}: {len(problems)} problem(s)", expanded=True):
            st.code("\n".join(str(p).replace(file, shown(file)) for p in problems), language=None, wrap_lines=True)
else:
    st.success("Every scenario file loaded without problems.")

st.header(f"{len(lib.entries)} scenarios loaded")
rows = [
    {
        "id": s.id,
        "title": s.title,
        "difficulty": s.difficulty,
        "parts": ", ".join(PART_BY_KEY[p].name for p in s.parts),
        "steps": len(s.steps),
        "tags": ", ".join(s.tags),
        "file": shown(str(entry.path)),
    }
    for entry in lib.entries.values()
    for s in [entry.scenario]
]
st.dataframe(pd.DataFrame(rows), hide_index=True, key="files_table")
