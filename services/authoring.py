"""Saving a scenario from the Author page on behalf of a supervisor: who may replace what.

- A new id: saved, and the supervisor becomes its owner (the first to save an id owns it).
- An id someone else owns: refused. Only the owner may replace a file.
- The owner replacing it: replaced, unless an assignment of another supervisor uses it. Then that
  supervisor's assignment keeps what they assigned, and the new content is saved as a new scenario,
  `<id>-v2` (or the next free number), owned by the same author.
- A file with no recorded owner (saved before owners were recorded, or put in the authors' folder by
  whoever runs the app): the first supervisor to replace it becomes its owner, but only if no
  assignment of another supervisor uses it; otherwise it cannot be replaced from the app.
"""

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from records.assignments import assignments_using
from records.authored import claim, note_replaced, owned_ids, owner_of
from scenarios.authoring import next_version_id, save_scenario, saved_path, with_id
from scenarios.model import Scenario


class NotYourScenario(PermissionError):
    """The scenario belongs to another supervisor (or to nobody, and others use it): it cannot be replaced."""


@dataclass(frozen=True)
class Outlook:
    """What saving over an existing file of this id would do, for this supervisor."""

    refusal: str | None  # why it cannot be replaced; None: it can
    new_version: str | None  # the id a save goes to instead, when other supervisors' assignments use this one
    mine: list[str]  # titles of this supervisor's assignments that use it
    others: int  # how many assignments of other supervisors use it


@dataclass(frozen=True)
class Published:
    path: Path
    scenario_id: str  # what it was saved as: the id asked for, or the new version's
    replaced: bool  # an earlier file of the same id was replaced
    mine: list[str]  # titles of the author's own assignments that now use the replaced content
    new_version_of: str | None = None  # set when saved as a new version, so others' assignments keep theirs


def outlook(engine: Engine, supervisor_id: int, scenario_id: str, library_ids: Collection[str], folder: Path | None = None) -> Outlook:
    owner = owner_of(engine, scenario_id)
    mine, others = assignments_using(engine, supervisor_id, scenario_id)
    if (owner is not None and owner != supervisor_id) or (owner is None and others):
        return Outlook(_refusal(engine, scenario_id, owner, library_ids, folder), None, mine, others)
    return Outlook(None, _free_version(engine, scenario_id, library_ids, folder) if others else None, mine, others)


def publish(
    engine: Engine, supervisor_id: int, scenario: Scenario, data: bytes, library_ids: Collection[str], *, replace: bool = False, folder: Path | None = None
) -> Published:
    """Save `scenario` (the file's bytes `data`) as this supervisor, by the rules above.

    Raises NotYourScenario (with a message for the supervisor), or FileExistsError when the id is
    saved already and `replace` was not asked for.
    """
    if not saved_path(scenario.id, folder).exists():
        if not claim(engine, supervisor_id, scenario.id):
            raise NotYourScenario(_refusal(engine, scenario.id, owner_of(engine, scenario.id), library_ids, folder))
        return Published(save_scenario(scenario, data, folder=folder), scenario.id, replaced=False, mine=[])
    if not replace:
        raise FileExistsError(f"{scenario.id}.yaml already exists")
    seen = outlook(engine, supervisor_id, scenario.id, library_ids, folder)  # checked again here: the page may be stale
    if seen.refusal is not None or not claim(engine, supervisor_id, scenario.id):
        raise NotYourScenario(seen.refusal or _refusal(engine, scenario.id, owner_of(engine, scenario.id), library_ids, folder))
    if seen.others:
        while True:
            version = _free_version(engine, scenario.id, library_ids, folder)
            renamed, renamed_data = with_id(data, scenario, version)
            if claim(engine, supervisor_id, version):  # another save may have taken this number meanwhile
                break
        return Published(save_scenario(renamed, renamed_data, folder=folder), version, replaced=False, mine=[], new_version_of=scenario.id)
    path = save_scenario(scenario, data, overwrite=True, folder=folder)
    note_replaced(engine, supervisor_id, scenario.id)
    return Published(path, scenario.id, replaced=True, mine=seen.mine)


def _free_version(engine: Engine, scenario_id: str, library_ids: Collection[str], folder: Path | None) -> str:
    owned = owned_ids(engine)
    return next_version_id(scenario_id, lambda candidate: candidate in library_ids or candidate in owned or saved_path(candidate, folder).exists())


def _refusal(engine: Engine, scenario_id: str, owner: int | None, library_ids: Collection[str], folder: Path | None) -> str:
    # Never says who the owner is: a supervisor's email or name is not another supervisor's business.
    why = (
        f"'{scenario_id}' is not yours: another supervisor saved it first, and only they can replace it"
        if owner is not None
        else f"'{scenario_id}' has no recorded owner (it was saved before scenarios had owners, or placed in the authors' folder "
        "by whoever runs the app) and other supervisors' assignments use it, so it cannot be replaced from here"
    )
    return f"{why}. Nothing was saved. To save yours, give it a new id (for example '{_free_version(engine, scenario_id, library_ids, folder)}') and check it again."
