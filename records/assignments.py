"""Assignments: what a supervisor set, who must do it, and each trainee's submissions."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import Connection, Engine, Row, bindparam, delete, func, insert, select, text, update

from records.cohorts import NotYours, own_cohort
from records.db import aware, insert_unless_taken, reading, writing
from records.progress import NotYours as NotTheTrainees
from records.progress import StoredAnswer
from records.tables import answers, assignment_trainees, assignments, attempts, cohorts, comments, submissions, supervisors, trainees
from scenarios.judged import Judged
from scenarios.text import refuse_controls

MODES = ("practice", "assessment")
DUPLICATE_WINDOW = timedelta(minutes=2)


class DuplicateAssignment(ValueError):
    """The same assignment was just created in this cohort."""


class AssignmentClosed(ValueError):
    """The supervisor has closed the assignment: nothing new can be started or handed in."""
COUNTS = ("first", "best", "last")
MAX_COMMENT = 4000


@dataclass(frozen=True)
class Assignment:
    id: int
    cohort_id: int
    title: str
    mode: str
    due_at: datetime | None
    attempts_allowed: int | None
    counts: str
    confidence: bool
    reflection_required: bool
    scenario_ids: tuple[str, ...]
    closed_at: datetime | None = None

    @property
    def closed(self) -> bool:
        return self.closed_at is not None

    def overdue(self, now: datetime | None = None) -> bool:
        due = aware(self.due_at)
        return due is not None and (now or datetime.now(UTC)) > due


@dataclass(frozen=True)
class Submission:
    id: int
    assignment_id: int
    trainee_id: int
    number: int
    started_at: datetime
    submitted_at: datetime | None



def _assignment(row: Row[Any]) -> Assignment:
    return Assignment(
        row.id, row.cohort_id, row.title, row.mode, aware(row.due_at), row.attempts_allowed, row.counts,
        bool(row.confidence), bool(row.reflection_required), tuple(row.scenario_ids), aware(row.closed_at),
    )


def _submission(row: Row[Any]) -> Submission:
    return Submission(row.id, row.assignment_id, row.trainee_id, row.number, aware(row.started_at) or row.started_at, aware(row.submitted_at))


def create_assignment(
    engine: Engine,
    supervisor_id: int,
    cohort_id: int,
    *,
    title: str,
    scenario_ids: list[str],
    mode: str = "practice",
    due_at: datetime | None = None,
    attempts_allowed: int | None = 1,
    counts: str = "best",
    confidence: bool = True,
    reflection_required: bool = False,
    trainee_ids: list[int] | None = None,
) -> Assignment:
    """Set an assignment for the whole cohort (trainee_ids None) or for chosen trainees of it."""
    title = _title(title)
    if not scenario_ids:
        raise ValueError("choose at least one scenario")
    if len(set(scenario_ids)) != len(scenario_ids):
        raise ValueError("a scenario is chosen twice")
    if mode not in MODES or counts not in COUNTS:
        raise ValueError(f"mode must be one of {MODES} and counts one of {COUNTS}")
    if attempts_allowed is not None and attempts_allowed < 1:
        raise ValueError("allow at least one attempt, or leave it unlimited")
    with writing(engine) as connection:
        own_cohort(connection, supervisor_id, cohort_id)
        cohort_members = {r.id for r in connection.execute(select(trainees.c.id).where(trainees.c.cohort_id == cohort_id))}
        chosen = cohort_members if trainee_ids is None else set(trainee_ids)
        if not chosen <= cohort_members:
            raise NotYours("some chosen trainees are not in this cohort")
        if not chosen:
            raise ValueError("the cohort has no trainees yet: add them before assigning")
        recent = connection.execute(
            select(assignments.c.title, assignments.c.scenario_ids).where(
                assignments.c.cohort_id == cohort_id, assignments.c.created_at > datetime.now(UTC) - DUPLICATE_WINDOW
            )
        ).all()
        if any(r.title == title and list(r.scenario_ids) == list(scenario_ids) for r in recent):
            # A second click on "Create assignment", or a form sent twice: one assignment, not two copies.
            raise DuplicateAssignment(f"“{title}” with these scenarios was created a moment ago; it was not created twice")
        row = connection.execute(
            insert(assignments)
            .values(
                cohort_id=cohort_id, title=title, mode=mode, due_at=due_at, attempts_allowed=attempts_allowed, counts=counts,
                confidence=confidence, reflection_required=reflection_required, scenario_ids=list(scenario_ids), created_at=datetime.now(UTC),
            )
            .returning(*assignments.c)
        ).one()
        connection.execute(insert(assignment_trainees), [{"assignment_id": row.id, "trainee_id": t} for t in sorted(chosen)])
    return _assignment(row)


def _title(title: str) -> str:
    title = " ".join(title.split())
    if not title or len(title) > 200:
        raise ValueError("an assignment needs a title of 1 to 200 characters")
    return refuse_controls("the title", title)


def _own_assignment(connection: Connection, supervisor_id: int, assignment_id: int) -> Row[Any]:
    row = connection.execute(
        select(assignments).join(cohorts, cohorts.c.id == assignments.c.cohort_id).where(assignments.c.id == assignment_id, cohorts.c.supervisor_id == supervisor_id)
    ).first()
    if row is None:
        raise NotYours(f"assignment {assignment_id} is not this supervisor's")
    return row


def update_assignment(
    engine: Engine,
    supervisor_id: int,
    assignment_id: int,
    *,
    title: str,
    due_at: datetime | None,
    attempts_allowed: int | None,
    confidence: bool,
    reflection_required: bool,
) -> Assignment:
    """Correct what can change without rewriting anyone's grade. Scenarios, mode and which attempt
    counts stay as created: trainees may already have answered under them (make a new assignment instead)."""
    title = _title(title)
    if attempts_allowed is not None and attempts_allowed < 1:
        raise ValueError("allow at least one attempt, or leave it unlimited")
    with writing(engine) as connection:
        _own_assignment(connection, supervisor_id, assignment_id)
        if attempts_allowed is not None:
            used = connection.execute(
                select(func.max(submissions.c.number)).where(submissions.c.assignment_id == assignment_id)
            ).scalar()
            if used and used > attempts_allowed:
                raise ValueError(f"a trainee has already used {used} attempts; allow at least {used}, or leave it unlimited")
        row = connection.execute(
            update(assignments)
            .where(assignments.c.id == assignment_id)
            .values(title=title, due_at=due_at, attempts_allowed=attempts_allowed, confidence=confidence, reflection_required=reflection_required)
            .returning(*assignments.c)
        ).one()
    return _assignment(row)


def set_closed(engine: Engine, supervisor_id: int, assignment_id: int, closed: bool) -> Assignment:
    """Close (trainees can no longer start, answer or hand in; what was handed in stays) or reopen."""
    with writing(engine) as connection:
        _own_assignment(connection, supervisor_id, assignment_id)
        row = connection.execute(
            update(assignments)
            .where(assignments.c.id == assignment_id)
            .values(closed_at=datetime.now(UTC) if closed else None)
            .returning(*assignments.c)
        ).one()
    return _assignment(row)


class DeletionImpact(NamedTuple):
    """What deleting an assignment touches, said to the supervisor before they confirm."""

    trainees: int
    submissions: int
    handed_in: int
    answers: int


def deletion_impact(engine: Engine, supervisor_id: int, assignment_id: int) -> DeletionImpact:
    with reading(engine) as connection:
        return _impact(connection, supervisor_id, assignment_id)


def _impact(connection: Connection, supervisor_id: int, assignment_id: int) -> DeletionImpact:
    _own_assignment(connection, supervisor_id, assignment_id)
    of_assignment = submissions.c.assignment_id == assignment_id
    trainee_count = connection.execute(select(func.count()).select_from(assignment_trainees).where(assignment_trainees.c.assignment_id == assignment_id)).scalar_one()
    counts = connection.execute(select(func.count(), func.count(submissions.c.submitted_at)).select_from(submissions).where(of_assignment)).one()
    answer_count = connection.execute(
        select(func.count())
        .select_from(answers.join(attempts, attempts.c.id == answers.c.attempt_id).join(submissions, submissions.c.id == attempts.c.submission_id))
        .where(of_assignment)
    ).scalar_one()
    return DeletionImpact(trainee_count, counts[0], counts[1], answer_count)


def delete_assignment(engine: Engine, supervisor_id: int, assignment_id: int, *, keep_answers: bool = True) -> DeletionImpact:
    """Delete an assignment, its submissions and its grades. By default every answer given to it stays,
    as free practice in each trainee's own progress; keep_answers=False deletes those answers too."""
    with writing(engine) as connection:
        impact = _impact(connection, supervisor_id, assignment_id)
        its_submissions = select(submissions.c.id).where(submissions.c.assignment_id == assignment_id).scalar_subquery()
        if keep_answers:
            connection.execute(update(attempts).where(attempts.c.submission_id.in_(its_submissions)).values(submission_id=None))
        else:
            connection.execute(delete(attempts).where(attempts.c.submission_id.in_(its_submissions)))  # answers and comments cascade
        connection.execute(delete(assignments).where(assignments.c.id == assignment_id))  # trainees' links to it and submissions cascade
    return impact


def assignments_of_cohort(engine: Engine, supervisor_id: int, cohort_id: int) -> list[Assignment]:
    with reading(engine) as connection:
        own_cohort(connection, supervisor_id, cohort_id)
        rows = connection.execute(select(assignments).where(assignments.c.cohort_id == cohort_id).order_by(assignments.c.id))
        return [_assignment(r) for r in rows]


def latest_handed_in(engine: Engine, supervisor_id: int, cohort_id: int) -> int | None:
    """The cohort's assignment with the most recent submission, if any has one: what the Dashboard opens on."""
    with reading(engine) as connection:
        own_cohort(connection, supervisor_id, cohort_id)
        found = connection.execute(
            select(submissions.c.assignment_id)
            .join(assignments, assignments.c.id == submissions.c.assignment_id)
            .where(assignments.c.cohort_id == cohort_id, submissions.c.submitted_at.is_not(None))
            .order_by(submissions.c.submitted_at.desc(), submissions.c.id.desc())
            .limit(1)
        ).scalar()
    return int(found) if found is not None else None


def supervisor_assignment(engine: Engine, supervisor_id: int, assignment_id: int) -> Assignment:
    with reading(engine) as connection:
        return _assignment(_own_assignment(connection, supervisor_id, assignment_id))


def trainee_assignments(engine: Engine, trainee_id: int) -> list[tuple[Assignment, list[Submission]]]:
    """The trainee's assignments, soonest due first, each with the trainee's submissions in order."""
    with reading(engine) as connection:
        rows = connection.execute(
            select(assignments)
            .join(assignment_trainees, assignment_trainees.c.assignment_id == assignments.c.id)
            .where(assignment_trainees.c.trainee_id == trainee_id)
        ).all()
        subs = connection.execute(select(submissions).where(submissions.c.trainee_id == trainee_id).order_by(submissions.c.number)).all()
    by_assignment: dict[int, list[Submission]] = {}
    for s in subs:
        by_assignment.setdefault(s.assignment_id, []).append(_submission(s))
    found = [(_assignment(r), by_assignment.get(r.id, [])) for r in rows]
    far = datetime.max.replace(tzinfo=UTC)
    return sorted(found, key=lambda pair: (pair[0].due_at or far, pair[0].id))


def trainee_assignment(engine: Engine, trainee_id: int, assignment_id: int) -> tuple[Assignment, list[Submission]]:
    for assignment, subs in trainee_assignments(engine, trainee_id):
        if assignment.id == assignment_id:
            return assignment, subs
    raise NotTheTrainees(f"assignment {assignment_id} is not set for this trainee")


def open_submission(subs: list[Submission]) -> Submission | None:
    return next((s for s in subs if s.submitted_at is None), None)


def start_submission(engine: Engine, trainee_id: int, assignment_id: int) -> Submission:
    """The open submission, or a new one if the attempts allowed are not used up.

    Idempotent: two tabs pressing Start at once get the same submission, never a second one or an error.
    """
    assignment, _ = trainee_assignment(engine, trainee_id, assignment_id)
    if assignment.closed:
        raise AssignmentClosed("your supervisor has closed this assignment, so it cannot be started or continued")
    mine = (submissions.c.assignment_id == assignment_id, submissions.c.trainee_id == trainee_id)
    with writing(engine) as connection:  # read again in the write transaction: another tab may have just started it
        subs = [_submission(r) for r in connection.execute(select(submissions).where(*mine).order_by(submissions.c.number))]
        current = open_submission(subs)
        if current:
            return current
        if assignment.attempts_allowed is not None and len(subs) >= assignment.attempts_allowed:
            raise ValueError(f"all {assignment.attempts_allowed} attempt(s) allowed for this assignment are used")
        number = max((s.number for s in subs), default=0) + 1
        values = dict(assignment_id=assignment_id, trainee_id=trainee_id, number=number, started_at=datetime.now(UTC))
        insert_unless_taken(connection, submissions, values, ["assignment_id", "trainee_id", "number"])
        row = connection.execute(select(submissions).where(*mine, submissions.c.number == number)).one()
    return _submission(row)


def hand_in(engine: Engine, trainee_id: int, submission_id: int) -> None:
    with writing(engine) as connection:
        closed = connection.execute(
            select(assignments.c.closed_at).join(submissions, submissions.c.assignment_id == assignments.c.id).where(submissions.c.id == submission_id)
        ).scalar()
        if closed is not None:
            raise AssignmentClosed("your supervisor has closed this assignment, so it can no longer be submitted")
        updated = connection.execute(
            update(submissions)
            .where(submissions.c.id == submission_id, submissions.c.trainee_id == trainee_id, submissions.c.submitted_at.is_(None))
            .values(submitted_at=datetime.now(UTC))
        )
        if updated.rowcount == 0 and connection.execute(select(submissions.c.id).where(submissions.c.id == submission_id, submissions.c.trainee_id == trainee_id)).first() is None:
            raise NotTheTrainees(f"submission {submission_id} is not this trainee's")


# The answers as columns, for bulk figures and exports (the only list of them: scoring takes whatever it is given).
ANSWER_COLUMNS = (
    "trainee_id", "submission_id", "attempt_id", "scenario_id", "step_id", "option_id", "rating", "credit", "confidence",
    "at_stake_mask", "upheld_mask", "undermined_mask", "answered_at", "scenario_title", "reflection", "judged",
)
AnswerColumns = dict[str, tuple[Any, ...]]


@dataclass(frozen=True)
class Person:
    """A trainee as a supervisor's pages show them."""

    id: int
    name: str
    email: str | None
    sis_id: str | None


@dataclass(frozen=True)
class Reflection:
    """An attempt with a written reflection."""

    id: int
    trainee_id: int
    submission_id: int
    scenario_id: str
    scenario_title: str
    reflection: str


@dataclass(frozen=True)
class Comment:
    attempt_id: int
    text: str
    created_at: datetime
    supervisor: str
    scenario_title: str = ""


@dataclass(frozen=True)
class AnswerDetail(StoredAnswer):
    """One answer of a trainee to an assignment (a stored answer), with the attempt it belongs to."""

    trainee_id: int
    submission_id: int
    attempt_id: int
    scenario_id: str
    scenario_title: str
    reflection: str | None


@dataclass(frozen=True)
class Overview:
    """Who the assignment is for and how far each has got, limited to the supervisor's own cohort."""

    assignment: Assignment
    trainees: list[Person]
    submissions: list[Submission]
    reflections: list[Reflection]
    comments: list[Comment]

    def person(self, trainee_id: int) -> Person:
        return next(p for p in self.trainees if p.id == trainee_id)


def overview(engine: Engine, supervisor_id: int, assignment_id: int) -> Overview:
    assignment = supervisor_assignment(engine, supervisor_id, assignment_id)
    with reading(engine) as connection:
        people = connection.execute(
            select(trainees.c.id, trainees.c.name, trainees.c.email, trainees.c.sis_id)
            .join(assignment_trainees, assignment_trainees.c.trainee_id == trainees.c.id)
            .where(assignment_trainees.c.assignment_id == assignment_id)
            .order_by(trainees.c.name, trainees.c.id)
        ).all()
        subs = connection.execute(select(submissions).where(submissions.c.assignment_id == assignment_id).order_by(submissions.c.trainee_id, submissions.c.number)).all()
        tries = connection.execute(
            select(attempts.c.id, attempts.c.trainee_id, attempts.c.submission_id, attempts.c.scenario_id, attempts.c.scenario_title, attempts.c.reflection)
            .join(submissions, submissions.c.id == attempts.c.submission_id)
            .where(submissions.c.assignment_id == assignment_id, attempts.c.reflection.is_not(None))
        ).all()
        notes = connection.execute(
            select(comments.c.attempt_id, comments.c.text, comments.c.created_at, supervisors.c.name.label("supervisor"))
            .join(attempts, attempts.c.id == comments.c.attempt_id)
            .join(submissions, submissions.c.id == attempts.c.submission_id)
            .join(supervisors, supervisors.c.id == comments.c.supervisor_id)
            .where(submissions.c.assignment_id == assignment_id)
            .order_by(comments.c.created_at)
        ).all()
    return Overview(
        assignment,
        [Person(**r._mapping) for r in people],
        [_submission(s) for s in subs],
        [Reflection(**r._mapping) for r in tries],
        [Comment(r.attempt_id, r.text, aware(r.created_at) or r.created_at, r.supervisor) for r in notes],
    )


# The newest attempt at each scenario of each handed-in submission: an attempt restarted because
# its scenario was revised replaces the older one.
_NEWEST = """
SELECT MAX(at.id) AS id FROM attempts at JOIN submissions s ON s.id = at.submission_id
WHERE s.assignment_id = :assignment AND s.submitted_at IS NOT NULL {only}
GROUP BY at.submission_id, at.scenario_id
"""


_SCORES = """
    WITH newest AS ({newest}),
    per_attempt AS (
        SELECT at.submission_id AS submission_id, AVG(a.credit) AS mean_credit, SUM(a.credit) AS total
        FROM newest n JOIN attempts at ON at.id = n.id JOIN answers a ON a.attempt_id = at.id
        GROUP BY at.id, at.submission_id)
    SELECT submission_id, AVG(mean_credit) * 100 AS score, SUM(total) AS total FROM per_attempt GROUP BY submission_id
"""


def _scores(connection: Connection, assignment_id: int, only: str = "", **params: object) -> dict[int, tuple[float, float]]:
    query = text(_SCORES.format(newest=_NEWEST.format(only=only)))
    return {r.submission_id: (float(r.score), float(r.total)) for r in connection.execute(query, {"assignment": assignment_id, **params})}


def submission_scores(engine: Engine, supervisor_id: int, assignment_id: int) -> dict[int, tuple[float, float]]:
    """For each handed-in submission: (score in percent, total credit). The score is the mean over
    its scenarios of credit per step answered."""
    supervisor_assignment(engine, supervisor_id, assignment_id)
    with reading(engine) as connection:
        return _scores(connection, assignment_id)


def own_submission_score(engine: Engine, trainee_id: int, submission_id: int) -> float | None:
    """The score of one of the trainee's own handed-in submissions, reckoned exactly as the supervisor's dashboard does."""
    with reading(engine) as connection:
        row = connection.execute(
            select(submissions.c.assignment_id).where(submissions.c.id == submission_id, submissions.c.trainee_id == trainee_id)
        ).first()
        if row is None:
            raise NotTheTrainees(f"submission {submission_id} is not this trainee's")
        found = _scores(connection, row.assignment_id, "AND at.submission_id = :submission", submission=submission_id)
    return found[submission_id][0] if submission_id in found else None


class ItemSums(NamedTuple):
    scenario_id: str
    step_id: str
    n: int
    sx: float  # x: the step's credit
    sxx: float
    st: float  # t: the submission's total credit
    stt: float
    stx: float


class PartCount(NamedTuple):
    trainee_id: int
    at_stake_mask: int
    upheld_mask: int
    answers: int


class OptionCount(NamedTuple):
    scenario_id: str
    step_id: str
    option_id: str
    rating: str
    at_stake_mask: int
    answers: int


@dataclass(frozen=True)
class Aggregates:
    """Sums over the answers of the counted submissions, from which every dashboard figure is derived."""

    items: list[ItemSums]
    parts: list[PartCount]
    options: list[OptionCount]


def counted_aggregates(engine: Engine, supervisor_id: int, assignment_id: int, submission_ids: list[int]) -> Aggregates:
    supervisor_assignment(engine, supervisor_id, assignment_id)
    if not submission_ids:
        return Aggregates([], [], [])
    rows = f"""
        WITH newest AS ({_NEWEST.format(only="AND at.submission_id IN :subs")}),
        rows AS (
            SELECT at.submission_id AS submission_id, at.trainee_id AS trainee_id, at.scenario_id AS scenario_id, a.step_id AS step_id,
                   a.option_id AS option_id, a.rating AS rating, a.credit AS x, a.at_stake_mask AS m, a.upheld_mask AS u
            FROM newest n JOIN attempts at ON at.id = n.id JOIN answers a ON a.attempt_id = at.id)
    """
    queries = {
        "items": rows + """, totals AS (SELECT submission_id, SUM(x) AS t FROM rows GROUP BY submission_id)
            SELECT r.scenario_id, r.step_id, COUNT(*), SUM(r.x), SUM(r.x * r.x), SUM(t.t), SUM(t.t * t.t), SUM(t.t * r.x)
            FROM rows r JOIN totals t ON t.submission_id = r.submission_id GROUP BY r.scenario_id, r.step_id""",
        "parts": rows + " SELECT trainee_id, m, u, COUNT(*) FROM rows GROUP BY trainee_id, m, u",
        "options": rows + " SELECT scenario_id, step_id, option_id, rating, m, COUNT(*) FROM rows GROUP BY scenario_id, step_id, option_id, rating, m",
    }
    shapes: dict[str, type[ItemSums] | type[PartCount] | type[OptionCount]] = {"items": ItemSums, "parts": PartCount, "options": OptionCount}
    found: dict[str, list[Any]] = {}
    with reading(engine) as connection:
        for name, sql in queries.items():
            query = text(sql).bindparams(bindparam("subs", expanding=True))
            found[name] = [shapes[name](*r) for r in connection.execute(query, {"assignment": assignment_id, "subs": list(submission_ids)})]
    return Aggregates(**found)


def assignment_answers(engine: Engine, supervisor_id: int, assignment_id: int) -> AnswerColumns:
    """Every answer of the assignment as columns (for the answers export), handed in or not."""
    supervisor_assignment(engine, supervisor_id, assignment_id)
    with reading(engine) as connection:
        given = connection.execute(
            select(
                attempts.c.trainee_id, attempts.c.submission_id, answers.c.attempt_id, attempts.c.scenario_id, answers.c.step_id, answers.c.option_id,
                answers.c.rating, answers.c.credit, answers.c.confidence, answers.c.at_stake_mask, answers.c.upheld_mask, answers.c.undermined_mask,
                answers.c.answered_at, attempts.c.scenario_title, attempts.c.reflection, answers.c.judged,
            )
            .join(attempts, attempts.c.id == answers.c.attempt_id)
            .join(submissions, submissions.c.id == attempts.c.submission_id)
            .where(submissions.c.assignment_id == assignment_id)
            .order_by(answers.c.attempt_id, answers.c.position)
        ).all()
    return dict(zip(ANSWER_COLUMNS, zip(*given, strict=True) if given else [()] * len(ANSWER_COLUMNS), strict=True))


def trainee_answers(engine: Engine, supervisor_id: int, assignment_id: int, trainee_id: int) -> list[AnswerDetail]:
    """One trainee's answers to an assignment with what each was judged against, in order."""
    supervisor_assignment(engine, supervisor_id, assignment_id)
    with reading(engine) as connection:
        rows = connection.execute(
            select(
                attempts.c.trainee_id, attempts.c.submission_id, answers.c.attempt_id, attempts.c.scenario_id, attempts.c.scenario_title, attempts.c.reflection,
                answers.c.position, answers.c.step_id, answers.c.option_id, answers.c.rating, answers.c.credit, answers.c.judged, answers.c.confidence,
                answers.c.answered_at,
            )
            .join(attempts, attempts.c.id == answers.c.attempt_id)
            .join(submissions, submissions.c.id == attempts.c.submission_id)
            .where(submissions.c.assignment_id == assignment_id, attempts.c.trainee_id == trainee_id)
            .order_by(answers.c.attempt_id, answers.c.position)
        ).all()
    return [AnswerDetail(**{**r._mapping, "judged": Judged.from_stored(r.judged)}) for r in rows]


def add_comment(engine: Engine, supervisor_id: int, attempt_id: int, text: str) -> None:
    text = text.strip()
    if not text:
        raise ValueError("the comment is empty")
    if len(text) > MAX_COMMENT:
        raise ValueError(f"a comment may have at most {MAX_COMMENT} characters")
    with writing(engine) as connection:
        owned = connection.execute(
            select(attempts.c.id)
            .join(trainees, trainees.c.id == attempts.c.trainee_id)
            .join(cohorts, cohorts.c.id == trainees.c.cohort_id)
            .where(attempts.c.id == attempt_id, cohorts.c.supervisor_id == supervisor_id)
        ).first()
        if owned is None:
            raise NotYours(f"attempt {attempt_id} is not by a trainee of this supervisor")
        connection.execute(insert(comments).values(attempt_id=attempt_id, supervisor_id=supervisor_id, text=text, created_at=datetime.now(UTC)))


def comments_for_trainee(engine: Engine, trainee_id: int) -> dict[int, list[Comment]]:
    """Comments on the trainee's own attempts, by attempt id."""
    with reading(engine) as connection:
        rows = connection.execute(
            select(comments.c.attempt_id, comments.c.text, comments.c.created_at, supervisors.c.name.label("supervisor"), attempts.c.scenario_title)
            .join(attempts, attempts.c.id == comments.c.attempt_id)
            .join(supervisors, supervisors.c.id == comments.c.supervisor_id)
            .where(attempts.c.trainee_id == trainee_id)
            .order_by(comments.c.created_at)
        ).all()
    found: dict[int, list[Comment]] = {}
    for r in rows:
        found.setdefault(r.attempt_id, []).append(Comment(r.attempt_id, r.text, aware(r.created_at) or r.created_at, r.supervisor, r.scenario_title))
    return found


def sealed_scenario_ids(engine: Engine, trainee_id: int) -> set[str]:
    """Scenarios of the trainee's assessments not yet handed in: kept out of free practice until then,
    so their ratings cannot be seen early by practising them there."""
    sealed: set[str] = set()
    for assignment, subs in trainee_assignments(engine, trainee_id):
        if assignment.mode == "assessment" and not assignment.closed and not any(s.submitted_at for s in subs):
            sealed.update(assignment.scenario_ids)
    return sealed


def open_assessment_scenario_ids(engine: Engine, now: datetime | None = None) -> set[str]:
    """Scenarios of every assessment still open (not past due, and not yet handed in by everyone it is for).

    Guests see none of them in free practice: otherwise a trainee could open the app without their
    link and practise the assessment's scenarios with full feedback before sitting it.
    """
    moment = now or datetime.now(UTC)
    with reading(engine) as connection:
        rows = connection.execute(
            select(assignments.c.id, assignments.c.due_at, assignments.c.scenario_ids).where(
                assignments.c.mode == "assessment", assignments.c.closed_at.is_(None)
            )
        ).all()
        handed_in = select(submissions.c.trainee_id).where(
            submissions.c.assignment_id == assignment_trainees.c.assignment_id, submissions.c.submitted_at.is_not(None)
        )
        waiting = {
            r.assignment_id
            for r in connection.execute(
                select(assignment_trainees.c.assignment_id).where(assignment_trainees.c.trainee_id.not_in(handed_in.scalar_subquery())).distinct()
            )
        }
    sealed: set[str] = set()
    for row in rows:
        due = aware(row.due_at)
        if row.id in waiting and (due is None or due > moment):
            sealed.update(row.scenario_ids)
    return sealed


def assignments_using(engine: Engine, supervisor_id: int, scenario_id: str) -> tuple[list[str], int]:
    """Titles of this supervisor's assignments that use a scenario, and how many other supervisors' do."""
    with reading(engine) as connection:
        rows = connection.execute(
            select(assignments.c.title, assignments.c.scenario_ids, cohorts.c.supervisor_id).join(cohorts, cohorts.c.id == assignments.c.cohort_id)
        ).all()
    using = [r for r in rows if scenario_id in r.scenario_ids]
    return [r.title for r in using if r.supervisor_id == supervisor_id], sum(r.supervisor_id != supervisor_id for r in using)
