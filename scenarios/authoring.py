"""Saving scenarios written in the app into the authors' folder, safely."""

import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from scenarios.load import author_dir, load_bytes
from scenarios.model import Scenario

MAX_FILES_PER_UPLOAD = 20
TEMPLATE = Path(__file__).resolve().parent / "template.yaml"


def saved_path(scenario_id: str, folder: Path | None = None) -> Path:
    """<folder>/<id>.yaml. The name comes from the validated id, never from an uploaded file name."""
    folder = (folder or author_dir()).resolve()
    path = (folder / f"{scenario_id}.yaml").resolve()
    if path.parent != folder:
        raise ValueError(f"'{scenario_id}' is not a safe file name")
    return path


def save_scenario(scenario: Scenario, data: bytes, overwrite: bool = False, folder: Path | None = None) -> Path:
    """Write the file atomically; refuse to replace an existing one unless `overwrite` is given."""
    path = saved_path(scenario.id, folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and not overwrite:
        raise FileExistsError(f"{path.name} already exists")
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".saving-", suffix=".yaml")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def next_version_id(scenario_id: str, taken: Callable[[str], bool]) -> str:
    """'<id>-v2', or the next number not taken ('x-v2' gives 'x-v3'); within the 64 characters an id may have."""
    found = re.fullmatch(r"(.+)-v(\d+)", scenario_id)
    base, number = (found.group(1), int(found.group(2)) + 1) if found else (scenario_id, 2)
    while True:
        suffix = f"-v{number}"
        candidate = base[: 64 - len(suffix)].rstrip("-") + suffix
        if not taken(candidate):
            return candidate
        number += 1


def with_id(data: bytes, scenario: Scenario, new_id: str) -> tuple[Scenario, bytes]:
    """The same file with its `id:` changed to `new_id` (the loader names the file after the id), checked by
    loading it again: only the id may differ. Comments and layout are kept."""
    text = data.decode("utf-8")
    pattern = re.compile(r"^(id[ \t]*:[ \t]*)([\"']?)" + re.escape(scenario.id) + r"\2(?=\s|$)", re.MULTILINE)
    rewritten, count = pattern.subn(lambda m: m.group(1) + m.group(2) + new_id + m.group(2), text, count=1)
    loaded, problems, _ = load_bytes(rewritten.encode("utf-8"), f"{new_id}.yaml")
    if count != 1 or problems or loaded is None or loaded.scenario != scenario.model_copy(update={"id": new_id}):
        raise ValueError(f"the id of '{scenario.id}' could not be changed to '{new_id}' in the file; change it yourself and save again")
    return loaded.scenario, rewritten.encode("utf-8")


def suspicious_name(name: str) -> bool:
    """An uploaded name with folders or '..' in it (it is never used as a path, but the author should know)."""
    return "/" in name or "\\" in name or ".." in name
