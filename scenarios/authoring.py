"""Saving scenarios written in the app into the authors' folder, safely."""

import os
import tempfile
from pathlib import Path

from scenarios.load import author_dir
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


def suspicious_name(name: str) -> bool:
    """An uploaded name with folders or '..' in it (it is never used as a path, but the author should know)."""
    return "/" in name or "\\" in name or ".." in name
