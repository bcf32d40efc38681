"""What needs a supervisor's attention, across their cohorts: the start page after sign-in."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, Select, and_, exists, func, select

from records.db import aware, reading
from records.tables import answers, assignment_trainees, assignments, attempts, cohorts, comments, submissions, trainees

RECENT = timedelta(days=7)
LISTED = 8  # rows shown per list; the count says how many there are


@dataclass(frozen=True)
class Item:
    trainee: str
    what: str  # an assignment or scenario title
    when: datetime | None
    assignment_id: int | None = None


@dataclass(frozen=True)
class Attention:
    cohorts: int
    trainees: int
    assignments: int
    submitted: list[Item]  # handed in during the last 7 days, newest first
    submitted_count: int
    harmful: list[Item]  # harmful choices in work handed in during the last 7 days
    harmful_count: int
    reflections: list[Item]  # reflections in handed-in work with no comment yet
    reflections_count: int
    overdue: list[Item]  # past due, not closed, not handed in
    overdue_count: int

    @property
    def calm(self) -> bool:
        return not (self.submitted_count or self.harmful_count or self.reflections_count or self.overdue_count)



def attention(engine: Engine, supervisor_id: int, now: datetime | None = None) -> Attention:
    moment = now or datetime.now(UTC)
    mine = and_(cohorts.c.id == assignments.c.cohort_id, cohorts.c.supervisor_id == supervisor_id)
    handed_in = (
        select(trainees.c.name, assignments.c.title, submissions.c.submitted_at, assignments.c.id)
        .select_from(submissions)
        .join(assignments, assignments.c.id == submissions.c.assignment_id)
        .join(cohorts, mine)
        .join(trainees, trainees.c.id == submissions.c.trainee_id)
        .where(submissions.c.submitted_at >= moment - RECENT)
        .order_by(submissions.c.submitted_at.desc())
    )
    in_handed_in_work = (
        select(trainees.c.name, attempts.c.scenario_title, answers.c.answered_at, assignments.c.id)
        .select_from(answers)
        .join(attempts, attempts.c.id == answers.c.attempt_id)
        .join(submissions, submissions.c.id == attempts.c.submission_id)
        .join(assignments, assignments.c.id == submissions.c.assignment_id)
        .join(cohorts, mine)
        .join(trainees, trainees.c.id == attempts.c.trainee_id)
        .where(answers.c.rating == "harmful", submissions.c.submitted_at >= moment - RECENT)
        .order_by(answers.c.answered_at.desc())
    )
    uncommented = (
        select(trainees.c.name, attempts.c.scenario_title, submissions.c.submitted_at, assignments.c.id)
        .select_from(attempts)
        .join(submissions, submissions.c.id == attempts.c.submission_id)
        .join(assignments, assignments.c.id == submissions.c.assignment_id)
        .join(cohorts, mine)
        .join(trainees, trainees.c.id == attempts.c.trainee_id)
        .where(
            attempts.c.reflection.is_not(None),
            attempts.c.reflection != "",
            submissions.c.submitted_at.is_not(None),
            ~exists().where(comments.c.attempt_id == attempts.c.id),
        )
        .order_by(submissions.c.submitted_at.desc())
    )
    has_handed_in = exists().where(
        submissions.c.assignment_id == assignment_trainees.c.assignment_id,
        submissions.c.trainee_id == assignment_trainees.c.trainee_id,
        submissions.c.submitted_at.is_not(None),
    )
    late = (
        select(trainees.c.name, assignments.c.title, assignments.c.due_at, assignments.c.id)
        .select_from(assignment_trainees)
        .join(assignments, assignments.c.id == assignment_trainees.c.assignment_id)
        .join(cohorts, mine)
        .join(trainees, trainees.c.id == assignment_trainees.c.trainee_id)
        .where(assignments.c.due_at < moment, assignments.c.closed_at.is_(None), trainees.c.revoked_at.is_(None), ~has_handed_in)
        .order_by(assignments.c.due_at.desc())
    )
    with reading(engine) as connection:

        def listed(query: Select[Any]) -> tuple[list[Item], int]:
            count = connection.execute(select(func.count()).select_from(query.order_by(None).subquery())).scalar_one()
            rows = connection.execute(query.limit(LISTED)).all()
            return [Item(r[0], r[1], aware(r[2]), r[3]) for r in rows], count

        cohort_count = connection.execute(select(func.count()).select_from(cohorts).where(cohorts.c.supervisor_id == supervisor_id)).scalar_one()
        trainee_count = connection.execute(
            select(func.count()).select_from(trainees.join(cohorts, cohorts.c.id == trainees.c.cohort_id)).where(cohorts.c.supervisor_id == supervisor_id)
        ).scalar_one()
        assignment_count = connection.execute(select(func.count()).select_from(assignments.join(cohorts, mine))).scalar_one()
        submitted, submitted_count = listed(handed_in)
        harmful, harmful_count = listed(in_handed_in_work)
        reflections, reflections_count = listed(uncommented)
        overdue, overdue_count = listed(late)
    return Attention(
        cohort_count, trainee_count, assignment_count,
        submitted, submitted_count, harmful, harmful_count, reflections, reflections_count, overdue, overdue_count,
    )  # fmt: skip
