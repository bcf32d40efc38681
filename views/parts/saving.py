"""Saving a checked scenario from the Author page, for each way of writing one (upload, paste, form):
what saving would do to an existing file of the same id, the Save button, and what happened."""

from collections.abc import Collection
from pathlib import Path

from sqlalchemy import Engine

from scenarios.load import Library
from scenarios.model import Scenario
from services.authoring import NotYourScenario, Published, outlook, publish
from services.markup import plain
from views.parts.common import library_changed


def in_own_folder(lib: Library, scenario_id: str, own_folder: Path) -> bool | None:
    """None: no scenario has this id; True: the one that has it was saved in the authors' folder; False: built in."""
    existing = lib.entries.get(scenario_id)
    if existing is None:
        return None
    return Path(existing.path).resolve().parent == own_folder


def builtin_id_message(scenario_id: str) -> str:
    return f"'{scenario_id}' is a built-in scenario's id; give yours another id"


def save_controls(
    where, engine: Engine, supervisor_id: int, library_ids: Collection[str], scenario: Scenario, data: bytes, own: bool, save_key: str, replace_key: str
) -> Published | None:
    """The ownership outlook and the Save button (in `where`, a container), and the outcome of a click.
    `own`: a scenario with this id is already saved in the authors' folder. Returns what was saved, if it was."""
    replace = False
    seen = outlook(engine, supervisor_id, scenario.id, library_ids) if own else None
    if seen is not None:
        if seen.refusal:
            where.error(plain(seen.refusal))
        else:
            where.warning(
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
            replace = where.checkbox(label, key=replace_key)
    if seen is not None and seen.refusal is not None:
        return None
    if not where.button("Save to the library", type="primary", key=save_key, disabled=own and not replace):
        return None
    try:
        saved = publish(engine, supervisor_id, scenario, data, library_ids, replace=replace)
    except FileExistsError:
        where.error("A file with this id was saved meanwhile; tick 'Replace the saved version' to replace it.")
    except NotYourScenario as refusal:
        where.error(plain(str(refusal)))
    except (OSError, ValueError) as error:
        where.error(f"Could not save: {plain(getattr(error, 'strerror', None) or str(error))}. Nothing was changed.")
    else:
        library_changed()
        where.success(saved_message(saved))
        return saved
    return None


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
