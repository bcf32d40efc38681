"""Trainees, attempts and answers.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "trainees",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True)),
        sa.PrimaryKeyConstraint("id", name="pk_trainees"),
        sa.UniqueConstraint("token_hash", name="uq_trainees_token_hash"),
    )
    op.create_table(
        "attempts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("trainee_id", sa.Integer, nullable=False),
        sa.Column("scenario_id", sa.String(64), nullable=False),
        sa.Column("scenario_hash", sa.String(64), nullable=False),
        sa.Column("scenario_title", sa.String(200), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True)),
        sa.Column("reflection", sa.Text),
        sa.PrimaryKeyConstraint("id", name="pk_attempts"),
        sa.ForeignKeyConstraint(["trainee_id"], ["trainees.id"], name="fk_attempts_trainee_id_trainees", ondelete="CASCADE"),
    )
    op.create_index("ix_attempts_trainee_started", "attempts", ["trainee_id", "started_at"])
    op.create_table(
        "answers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("attempt_id", sa.Integer, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("step_id", sa.String(64), nullable=False),
        sa.Column("option_id", sa.String(64), nullable=False),
        sa.Column("rating", sa.String(16), nullable=False),
        sa.Column("credit", sa.Float, nullable=False),
        sa.Column("judged", sa.JSON, nullable=False),
        sa.Column("confidence", sa.String(8)),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_answers"),
        sa.ForeignKeyConstraint(["attempt_id"], ["attempts.id"], name="fk_answers_attempt_id_attempts", ondelete="CASCADE"),
        sa.UniqueConstraint("attempt_id", "step_id", name="uq_answers_attempt_step"),
    )


def downgrade() -> None:
    op.drop_table("answers")
    op.drop_table("attempts")
    op.drop_table("trainees")
