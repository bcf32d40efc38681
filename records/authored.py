"""Who owns each scenario saved from the Author page. The rules built on it are in services/authoring.py."""

from datetime import UTC, datetime

from sqlalchemy import Engine, select, update

from records.db import insert_unless_taken, reading, writing
from records.tables import authored_scenarios


def owner_of(engine: Engine, scenario_id: str) -> int | None:
    """The id of the supervisor who first saved this scenario, or None if no owner is recorded."""
    with reading(engine) as connection:
        owner: int | None = connection.execute(
            select(authored_scenarios.c.supervisor_id).where(authored_scenarios.c.scenario_id == scenario_id)
        ).scalar()
        return owner


def claim(engine: Engine, supervisor_id: int, scenario_id: str) -> bool:
    """Make the supervisor the owner unless someone already is. True if the supervisor owns it now.

    Race-free: of two supervisors claiming the same id at once, exactly one becomes its owner.
    """
    with writing(engine) as connection:
        values = dict(scenario_id=scenario_id, supervisor_id=supervisor_id, created_at=datetime.now(UTC))
        insert_unless_taken(connection, authored_scenarios, values, ["scenario_id"])
        owner = connection.execute(select(authored_scenarios.c.supervisor_id).where(authored_scenarios.c.scenario_id == scenario_id)).scalar_one()
        return bool(owner == supervisor_id)


def owned_ids(engine: Engine) -> set[str]:
    """Every scenario id that has an owner (taken, even if its file is gone)."""
    with reading(engine) as connection:
        return set(connection.execute(select(authored_scenarios.c.scenario_id)).scalars())


def note_replaced(engine: Engine, supervisor_id: int, scenario_id: str) -> None:
    with writing(engine) as connection:
        connection.execute(
            update(authored_scenarios)
            .where(authored_scenarios.c.scenario_id == scenario_id, authored_scenarios.c.supervisor_id == supervisor_id)
            .values(replaced_at=datetime.now(UTC))
        )
