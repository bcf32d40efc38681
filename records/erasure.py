"""A trainee's data, all of it: exported as JSON, or deleted for good, by the supervisor whose cohort they are in.

Which rows are "about the trainee" is worked out from the tables' foreign keys rather than listed
by hand: the trainee's row, every row that references it, every row that references one of those,
and so on (attempts of the trainee's submissions, answers and comments on the trainee's attempts).
A table added later is covered without touching this file. Export and delete use the same rows.
"""

from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, Engine, Table, delete, func, or_, select

from records.cohorts import NotYours, own_trainee
from records.db import reading, writing
from records.tables import assignment_trainees, assignments, cohorts, metadata, supervisors, trainees

SECRET_COLUMNS = {"token_hash", "password_hash"}  # never exported
FORMAT = "practicum-scenarios trainee data, version 1"

__all__ = ["NotYours", "export_trainee", "delete_trainee", "trainee_row_counts"]


def _conditions(trainee_id: int) -> dict[Table, Any]:
    """For each table holding rows about the trainee: the WHERE clause that picks them, parents first."""
    found: dict[Table, Any] = {trainees: trainees.c.id == trainee_id}
    for table in metadata.sorted_tables:  # a referenced table always comes before the tables referencing it
        if table is trainees:
            continue
        clauses = [
            fk.parent.in_(select(fk.column).where(found[fk.column.table]))
            for fk in table.foreign_keys
            if fk.column.table in found
        ]
        if clauses:
            found[table] = or_(*clauses)
    return found


def trainee_row_counts(engine: Engine, supervisor_id: int, trainee_id: int) -> dict[str, int]:
    """How many rows of each table are about the trainee (what a deletion would remove)."""
    with reading(engine) as connection:
        own_trainee(connection, supervisor_id, trainee_id)
        return _counts(connection, trainee_id)


def _counts(connection: Connection, trainee_id: int) -> dict[str, int]:
    return {table.name: connection.execute(select(func.count()).select_from(table).where(where)).scalar_one() for table, where in _conditions(trainee_id).items()}


def export_trainee(engine: Engine, supervisor_id: int, trainee_id: int) -> dict[str, Any]:
    """Everything stored about the trainee, JSON-ready: their details (no link hash), cohort, assignments,
    submissions, and attempts with reflections, answers (with what each was judged against) and the
    comments on them. `rows` counts the rows exported per table; a deletion removes exactly these."""
    with reading(engine) as connection:
        own_trainee(connection, supervisor_id, trainee_id)
        rows = {
            table.name: [_plain(r._mapping) for r in connection.execute(select(table).where(where).order_by(*table.primary_key.columns))]
            for table, where in _conditions(trainee_id).items()
        }
        person = rows["trainees"][0]
        cohort = connection.execute(select(cohorts.c.id, cohorts.c.title).where(cohorts.c.id == person["cohort_id"])).one()
        assigned = connection.execute(
            select(assignments)
            .join(assignment_trainees, assignment_trainees.c.assignment_id == assignments.c.id)
            .where(assignment_trainees.c.trainee_id == trainee_id)
            .order_by(assignments.c.id)
        ).all()
        names = dict(connection.execute(select(supervisors.c.id, supervisors.c.name)).all())
    answers_by: dict[int, list[dict[str, Any]]] = {}
    comments_by: dict[int, list[dict[str, Any]]] = {}
    for answer in rows.get("answers", []):
        answers_by.setdefault(answer.pop("attempt_id"), []).append(answer)
    for comment in rows.get("comments", []):
        comment["supervisor"] = names.get(comment.pop("supervisor_id"))
        comments_by.setdefault(comment.pop("attempt_id"), []).append(comment)
    attempts = [attempt | {"answers": answers_by.get(attempt["id"], []), "comments": comments_by.get(attempt["id"], [])} for attempt in rows.get("attempts", [])]
    known = {"trainees", "assignment_trainees", "submissions", "attempts", "answers", "comments"}
    return {
        "format": FORMAT,
        "exported_at": datetime.now(UTC).isoformat(),
        "trainee": person,
        "cohort": {"id": cohort.id, "title": cohort.title},
        "assignments": [_plain(a._mapping) for a in assigned],
        "submissions": rows.get("submissions", []),
        "attempts": attempts,
        **{name: found for name, found in rows.items() if name not in known},  # tables added later, as they are
        "rows": {name: len(found) for name, found in rows.items()},
    }


def delete_trainee(engine: Engine, supervisor_id: int, trainee_id: int) -> dict[str, int]:
    """Delete every row about the trainee in one transaction, children before parents (so it does not
    depend on ON DELETE CASCADE, which SQLite only honours with foreign keys switched on).
    Returns the rows deleted per table."""
    with writing(engine) as connection:
        own_trainee(connection, supervisor_id, trainee_id)
        doomed = _conditions(trainee_id)
        deleted = {}
        for table in reversed(metadata.sorted_tables):
            if table in doomed:
                deleted[table.name] = connection.execute(delete(table).where(doomed[table])).rowcount
    if engine.dialect.name == "sqlite":
        # Until a checkpoint, the write-ahead log still holds the pages as they were before the delete.
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return deleted


def _plain(mapping: Mapping[Any, Any]) -> dict[str, Any]:
    return {key: _json_value(value) for key, value in mapping.items() if key not in SECRET_COLUMNS}


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value
