"""Attempts and answers. Every function takes the trainee's id and touches only that trainee's rows."""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, Row, Select, exists, insert, select, update

from records.db import insert_unless_taken, reading, writing
from records.tables import answers, assignments, attempts, submissions
from scenarios.judged import Judged

MAX_REFLECTION = 4000
CONFIDENCE_LEVELS = ("low", "medium", "high")


class NotYours(Exception):
    """The attempt does not belong to this trainee (or does not exist)."""


@dataclass(frozen=True)
class StoredAnswer:
    position: int
    step_id: str
    option_id: str
    rating: str
    credit: float
    judged: Judged
    confidence: str | None
    answered_at: datetime


@dataclass(frozen=True)
class Attempt:
    id: int
    scenario_id: str
    scenario_hash: str
    scenario_title: str
    started_at: datetime
    finished_at: datetime | None
    reflection: str | None
    answers: tuple[StoredAnswer, ...] = ()
    submission_id: int | None = None

    @property
    def credit(self) -> float:
        return sum(a.credit for a in self.answers)


def _own(connection: Connection, trainee_id: int, attempt_id: int) -> None:
    owned = connection.execute(
        select(exists().where(attempts.c.id == attempt_id, attempts.c.trainee_id == trainee_id))
    ).scalar()
    if not owned:
        raise NotYours(f"attempt {attempt_id} is not this trainee's")


def start_attempt(engine: Engine, trainee_id: int, scenario_id: str, scenario_hash: str, title: str, submission_id: int | None = None) -> int:
    """A new attempt; inside a submission, the scenario's current attempt if it was begun on this version of the file.

    Idempotent inside a submission: two tabs starting the same scenario at once get the same attempt.
    A scenario revised since its newest attempt began gets the next try number.
    """
    values = dict(trainee_id=trainee_id, scenario_id=scenario_id, scenario_hash=scenario_hash, scenario_title=title[:200], started_at=datetime.now(UTC))
    with writing(engine) as connection:
        if submission_id is None:
            created: int = connection.execute(insert(attempts).values(**values).returning(attempts.c.id)).scalar_one()
            return created
        owned = connection.execute(select(submissions.c.id).where(submissions.c.id == submission_id, submissions.c.trainee_id == trainee_id)).first()
        if owned is None:
            raise NotYours(f"submission {submission_id} is not this trainee's")
        of_scenario = (attempts.c.submission_id == submission_id, attempts.c.scenario_id == scenario_id)
        newest = connection.execute(
            select(attempts.c.id, attempts.c.scenario_hash, attempts.c.try_number).where(*of_scenario).order_by(attempts.c.id.desc()).limit(1)
        ).first()
        if newest is not None and newest.scenario_hash == scenario_hash:
            return int(newest.id)
        number = (newest.try_number or 0) + 1 if newest is not None else 1
        # Does nothing if another tab's transaction made this try between our read and our insert: we carry on with theirs.
        insert_unless_taken(connection, attempts, values | dict(submission_id=submission_id, try_number=number), ["submission_id", "scenario_id", "try_number"])
        made: int = connection.execute(select(attempts.c.id).where(*of_scenario, attempts.c.try_number == number)).scalar_one()
        return made


def save_answer(
    engine: Engine,
    trainee_id: int,
    attempt_id: int,
    *,
    position: int,
    step_id: str,
    option_id: str,
    rating: str,
    credit: float,
    judged: Judged,
    confidence: str | None = None,
) -> bool:
    """Store an answer. Returns False, storing nothing, if this step of the attempt was already answered."""
    if confidence not in (None, *CONFIDENCE_LEVELS):
        raise ValueError(f"confidence must be one of {CONFIDENCE_LEVELS} or left out")
    with writing(engine) as connection:
        _own(connection, trainee_id, attempt_id)
        taken = connection.execute(
            select(exists().where(answers.c.attempt_id == attempt_id, answers.c.step_id == step_id))
        ).scalar()
        if taken:
            return False
        connection.execute(
            insert(answers).values(
                at_stake_mask=judged.at_stake_mask,
                upheld_mask=judged.upheld_mask,
                undermined_mask=judged.undermined_mask,
                attempt_id=attempt_id,
                position=position,
                step_id=step_id,
                option_id=option_id,
                rating=rating,
                credit=credit,
                judged=judged.to_stored(),
                confidence=confidence,
                answered_at=datetime.now(UTC),
            )
        )
    return True


def finish_attempt(engine: Engine, trainee_id: int, attempt_id: int) -> None:
    with writing(engine) as connection:
        _own(connection, trainee_id, attempt_id)
        connection.execute(
            update(attempts).where(attempts.c.id == attempt_id, attempts.c.finished_at.is_(None)).values(finished_at=datetime.now(UTC))
        )


def save_reflection(engine: Engine, trainee_id: int, attempt_id: int, text: str) -> None:
    text = text.strip()
    if len(text) > MAX_REFLECTION:
        raise ValueError(f"a reflection may have at most {MAX_REFLECTION} characters; this one has {len(text)}")
    with writing(engine) as connection:
        _own(connection, trainee_id, attempt_id)
        connection.execute(update(attempts).where(attempts.c.id == attempt_id).values(reflection=text or None))


def _sealed_submissions(trainee_id: int) -> Select[tuple[int]]:
    """Assessment submissions not yet handed in: their answers stay out of sight until then."""
    return (
        select(submissions.c.id)
        .join(assignments, assignments.c.id == submissions.c.assignment_id)
        .where(submissions.c.trainee_id == trainee_id, assignments.c.mode == "assessment", submissions.c.submitted_at.is_(None))
    )


def attempts_of(
    engine: Engine, trainee_id: int, limit: int | None = None, *, submission_id: int | None = None, free_practice_only: bool = False
) -> list[Attempt]:
    """The trainee's attempts, newest first, each with its answers in order.

    By default: everything except attempts inside an assessment that is not yet submitted.
    With `submission_id`: only that submission's attempts (sealed or not: the caller decides what to show).
    """
    with reading(engine) as connection:
        query = select(attempts).where(attempts.c.trainee_id == trainee_id)
        if submission_id is not None:
            query = query.where(attempts.c.submission_id == submission_id)
        elif free_practice_only:
            query = query.where(attempts.c.submission_id.is_(None))
        else:
            query = query.where((attempts.c.submission_id.is_(None)) | (attempts.c.submission_id.not_in(_sealed_submissions(trainee_id))))
        query = query.order_by(attempts.c.started_at.desc(), attempts.c.id.desc())
        rows = connection.execute(query.limit(limit) if limit else query).all()
        ids = [row.id for row in rows]
        stored: dict[int, list[StoredAnswer]] = {i: [] for i in ids}
        if ids:
            for a in connection.execute(select(answers).where(answers.c.attempt_id.in_(ids)).order_by(answers.c.attempt_id, answers.c.position)):
                stored[a.attempt_id].append(_stored(a))
    return [
        Attempt(r.id, r.scenario_id, r.scenario_hash, r.scenario_title, r.started_at, r.finished_at, r.reflection, tuple(stored[r.id]), r.submission_id)
        for r in rows
    ]


def answers_of(engine: Engine, trainee_id: int, attempt_id: int) -> tuple[StoredAnswer, ...]:
    """The answers stored for one of the trainee's attempts, in order."""
    with reading(engine) as connection:
        _own(connection, trainee_id, attempt_id)
        rows = connection.execute(select(answers).where(answers.c.attempt_id == attempt_id).order_by(answers.c.position))
        return tuple(_stored(a) for a in rows)


def _stored(a: Row[Any]) -> StoredAnswer:
    return StoredAnswer(a.position, a.step_id, a.option_id, a.rating, a.credit, Judged.from_stored(a.judged), a.confidence, a.answered_at)


def latest_attempt(engine: Engine, trainee_id: int) -> Attempt | None:
    """The newest free-practice attempt (assignment attempts are resumed from their assignment)."""
    found = attempts_of(engine, trainee_id, limit=1, free_practice_only=True)
    return found[0] if found else None


def tried_scenarios(engine: Engine, trainee_id: int) -> set[str]:
    with reading(engine) as connection:
        rows = connection.execute(
            select(attempts.c.scenario_id)
            .where(attempts.c.trainee_id == trainee_id, attempts.c.finished_at.is_not(None))
            .where((attempts.c.submission_id.is_(None)) | (attempts.c.submission_id.not_in(_sealed_submissions(trainee_id))))
            .distinct()
        )
        return {row.scenario_id for row in rows}
