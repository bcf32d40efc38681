"""Cohorts and their trainees, always reached through the supervisor who owns them."""

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, insert, select, update

from records.db import reading, writing
from records.roster import RosterRow
from records.tables import cohorts, trainees
from records.trainees import Trainee, hash_token, new_token
from scenarios.text import refuse_controls


class NotYours(Exception):
    """The cohort or trainee does not belong to this supervisor (or does not exist)."""


@dataclass(frozen=True)
class Cohort:
    id: int
    title: str


@dataclass(frozen=True)
class Member:
    id: int
    name: str
    email: str | None
    sis_id: str | None
    active: bool


def create_cohort(engine: Engine, supervisor_id: int, title: str) -> Cohort:
    title = " ".join(title.split())
    if not title or len(title) > 200:
        raise ValueError("a cohort needs a title of 1 to 200 characters")
    refuse_controls("the title", title)
    with writing(engine) as connection:
        cohort_id = connection.execute(
            insert(cohorts).values(supervisor_id=supervisor_id, title=title, created_at=datetime.now(UTC)).returning(cohorts.c.id)
        ).scalar_one()
    return Cohort(cohort_id, title)


def cohorts_of(engine: Engine, supervisor_id: int) -> list[Cohort]:
    with reading(engine) as connection:
        rows = connection.execute(select(cohorts.c.id, cohorts.c.title).where(cohorts.c.supervisor_id == supervisor_id).order_by(cohorts.c.id))
        return [Cohort(r.id, r.title) for r in rows]


def own_cohort(connection: Connection, supervisor_id: int, cohort_id: int) -> None:
    if connection.execute(select(cohorts.c.id).where(cohorts.c.id == cohort_id, cohorts.c.supervisor_id == supervisor_id)).first() is None:
        raise NotYours(f"cohort {cohort_id} is not this supervisor's")


def own_trainee(connection: Connection, supervisor_id: int, trainee_id: int) -> None:
    owned = connection.execute(
        select(trainees.c.id).join(cohorts, cohorts.c.id == trainees.c.cohort_id).where(trainees.c.id == trainee_id, cohorts.c.supervisor_id == supervisor_id)
    ).first()
    if owned is None:
        raise NotYours(f"trainee {trainee_id} is not in this supervisor's cohorts")


def members(engine: Engine, supervisor_id: int, cohort_id: int) -> list[Member]:
    with reading(engine) as connection:
        own_cohort(connection, supervisor_id, cohort_id)
        rows = connection.execute(select(trainees).where(trainees.c.cohort_id == cohort_id).order_by(trainees.c.name, trainees.c.id))
        return [Member(r.id, r.name, r.email, r.sis_id, r.revoked_at is None) for r in rows]


def add_members(engine: Engine, supervisor_id: int, cohort_id: int, rows: list[RosterRow]) -> list[tuple[Trainee, str]]:
    """Add accepted roster rows in one transaction; returns each new trainee with the token for their link."""
    created = []
    now = datetime.now(UTC)
    with writing(engine) as connection:
        own_cohort(connection, supervisor_id, cohort_id)
        taken = {e for (e,) in connection.execute(select(trainees.c.email).where(trainees.c.cohort_id == cohort_id)) if e}
        for row in rows:
            if not row.accepted or row.email in taken:
                continue
            token = new_token()
            trainee_id = connection.execute(
                insert(trainees)
                .values(name=row.name, email=row.email, sis_id=row.sis_id or None, cohort_id=cohort_id, token_hash=hash_token(token), created_at=now)
                .returning(trainees.c.id)
            ).scalar_one()
            taken.add(row.email)
            created.append((Trainee(trainee_id, row.name), token))
    return created


def cohort_emails(engine: Engine, supervisor_id: int, cohort_id: int) -> set[str]:
    return {m.email for m in members(engine, supervisor_id, cohort_id) if m.email}


def revoke_link(engine: Engine, supervisor_id: int, trainee_id: int) -> None:
    with writing(engine) as connection:
        own_trainee(connection, supervisor_id, trainee_id)
        connection.execute(update(trainees).where(trainees.c.id == trainee_id).values(revoked_at=datetime.now(UTC)))


def reissue_links(engine: Engine, supervisor_id: int, trainee_ids: list[int]) -> dict[int, str]:
    """New tokens for these trainees (old links stop working). Only tokens just issued can be shown."""
    tokens = {}
    with writing(engine) as connection:
        for trainee_id in trainee_ids:
            own_trainee(connection, supervisor_id, trainee_id)
            token = new_token()
            connection.execute(update(trainees).where(trainees.c.id == trainee_id).values(token_hash=hash_token(token), revoked_at=None))
            tokens[trainee_id] = token
    return tokens
