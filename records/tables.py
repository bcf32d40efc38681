"""The tables. Changes to them go through a migration in records/migrations/versions/."""

from sqlalchemy import JSON, Column, DateTime, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text, UniqueConstraint

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

trainees = Table(
    "trainees",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),  # sha256 of the link's token; the token itself is never stored
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
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
    Index("ix_attempts_trainee_started", "trainee_id", "started_at"),
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
    UniqueConstraint("attempt_id", "step_id", name="uq_answers_attempt_step"),  # a double submit stores one answer
)
