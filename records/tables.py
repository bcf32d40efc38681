"""The tables. Changes to them go through a migration in records/migrations/versions/."""

from sqlalchemy import JSON, Boolean, Column, DateTime, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text, UniqueConstraint

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

supervisors = Table(
    "supervisors",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("email", String(320), nullable=False, unique=True),
    Column("password_hash", String(200), nullable=False),  # argon2id, PHC string
    Column("failed_logins", Integer, nullable=False),
    Column("locked_until", DateTime(timezone=True)),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

supervisor_sessions = Table(
    "supervisor_sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("supervisor_id", Integer, ForeignKey("supervisors.id", ondelete="CASCADE"), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_seen_at", DateTime(timezone=True), nullable=False),
    Column("ended_at", DateTime(timezone=True)),
)

supervisor_invites = Table(
    "supervisor_invites",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),  # sha256 of the one-time link's token
    Column("email", String(320), nullable=False),  # the account it makes has this email
    Column("invited_by", Integer, ForeignKey("supervisors.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("used_at", DateTime(timezone=True)),
)

cohorts = Table(
    "cohorts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("supervisor_id", Integer, ForeignKey("supervisors.id", ondelete="CASCADE"), nullable=False),
    Column("title", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_cohorts_supervisor", "supervisor_id"),
)

trainees = Table(
    "trainees",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),  # sha256 of the link's token; the token itself is never stored
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
    Column("cohort_id", Integer, ForeignKey("cohorts.id", ondelete="CASCADE")),  # None: created from the command line
    Column("email", String(320)),
    Column("sis_id", String(100)),
    UniqueConstraint("cohort_id", "email", name="uq_trainees_cohort_email"),
)

assignments = Table(
    "assignments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("cohort_id", Integer, ForeignKey("cohorts.id", ondelete="CASCADE"), nullable=False),
    Column("title", String(200), nullable=False),
    Column("mode", String(12), nullable=False),  # practice | assessment
    Column("due_at", DateTime(timezone=True)),
    Column("attempts_allowed", Integer),  # None: unlimited
    Column("counts", String(8), nullable=False),  # first | best | last
    Column("confidence", Boolean, nullable=False),
    Column("reflection_required", Boolean, nullable=False),
    Column("scenario_ids", JSON, nullable=False),  # in the order trainees meet them
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("closed_at", DateTime(timezone=True)),  # None: open; set, trainees can no longer start or hand in
    Index("ix_assignments_cohort", "cohort_id"),
)

assignment_trainees = Table(
    "assignment_trainees",
    metadata,
    Column("assignment_id", Integer, ForeignKey("assignments.id", ondelete="CASCADE"), primary_key=True),
    Column("trainee_id", Integer, ForeignKey("trainees.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_assignment_trainees_trainee", "trainee_id"),
)

submissions = Table(
    "submissions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("assignment_id", Integer, ForeignKey("assignments.id", ondelete="CASCADE"), nullable=False),
    Column("trainee_id", Integer, ForeignKey("trainees.id", ondelete="CASCADE"), nullable=False),
    Column("number", Integer, nullable=False),  # 1 for the trainee's first try at the assignment
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("submitted_at", DateTime(timezone=True)),
    UniqueConstraint("assignment_id", "trainee_id", "number", name="uq_submissions_try"),
)

attempts = Table(
    "attempts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("trainee_id", Integer, ForeignKey("trainees.id", ondelete="CASCADE"), nullable=False),
    Column("scenario_id", String(64), nullable=False),
    Column("scenario_hash", String(64), nullable=False),  # the file's content hash when the attempt began
    Column("scenario_title", String(200), nullable=False),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Column("reflection", Text),
    Column("submission_id", Integer, ForeignKey("submissions.id", ondelete="CASCADE")),  # None: free practice
    # In a submission: 1 for the first attempt at this scenario, 2 once a revised scenario starts again, ...
    # Unique with the two columns before it, so two tabs starting the same scenario at once make one attempt.
    Column("try_number", Integer),
    Index("ix_attempts_trainee_started", "trainee_id", "started_at"),
    Index("ix_attempts_submission", "submission_id"),
    Index("ix_attempts_submission_scenario", "submission_id", "scenario_id", "id"),
    Index("uq_attempts_submission_scenario_try", "submission_id", "scenario_id", "try_number", unique=True),
)

answers = Table(
    "answers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("attempt_id", Integer, ForeignKey("attempts.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),  # 0 for the first answer of the attempt
    Column("step_id", String(64), nullable=False),
    Column("option_id", String(64), nullable=False),
    Column("rating", String(16), nullable=False),
    Column("credit", Float, nullable=False),
    # What the answer was judged against, so later edits to the file never rewrite history:
    # {"prompt", "option_text", "feedback", "effects": {part: [verdict, reason]}, "at_stake": [parts]}
    Column("judged", JSON, nullable=False),
    Column("confidence", String(8)),
    Column("answered_at", DateTime(timezone=True), nullable=False),
    # The same part marks as bits (scenarios.parts.part_mask), for counting in bulk without JSON.
    Column("at_stake_mask", Integer, nullable=False, server_default="0"),
    Column("upheld_mask", Integer, nullable=False, server_default="0"),
    Column("undermined_mask", Integer, nullable=False, server_default="0"),
    UniqueConstraint("attempt_id", "step_id", name="uq_answers_attempt_step"),  # a double submit stores one answer
)

comments = Table(
    "comments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("attempt_id", Integer, ForeignKey("attempts.id", ondelete="CASCADE"), nullable=False),
    Column("supervisor_id", Integer, ForeignKey("supervisors.id", ondelete="CASCADE"), nullable=False),
    Column("text", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_comments_attempt", "attempt_id"),
)

authored_scenarios = Table(
    "authored_scenarios",
    metadata,
    # A scenario saved from the Author page, and the supervisor who first saved it: only they may replace it.
    Column("scenario_id", String(64), primary_key=True),
    Column("supervisor_id", Integer, ForeignKey("supervisors.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("replaced_at", DateTime(timezone=True)),  # the owner's last replacement; None: never replaced
)
