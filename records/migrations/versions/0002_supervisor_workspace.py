"""Supervisor workspace: supervisors and their sessions, cohorts, assignments, submissions, comments.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "supervisors",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("failed_logins", sa.Integer, nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_supervisors"),
        sa.UniqueConstraint("email", name="uq_supervisors_email"),
    )
    op.create_table(
        "supervisor_sessions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("supervisor_id", sa.Integer, nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True)),
        sa.PrimaryKeyConstraint("id", name="pk_supervisor_sessions"),
        sa.UniqueConstraint("token_hash", name="uq_supervisor_sessions_token_hash"),
        sa.ForeignKeyConstraint(["supervisor_id"], ["supervisors.id"], name="fk_supervisor_sessions_supervisor_id_supervisors", ondelete="CASCADE"),
    )
    op.create_table(
        "cohorts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("supervisor_id", sa.Integer, nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_cohorts"),
        sa.ForeignKeyConstraint(["supervisor_id"], ["supervisors.id"], name="fk_cohorts_supervisor_id_supervisors", ondelete="CASCADE"),
    )
    op.create_index("ix_cohorts_supervisor", "cohorts", ["supervisor_id"])
    with op.batch_alter_table("trainees") as batch:
        batch.add_column(sa.Column("cohort_id", sa.Integer))
        batch.add_column(sa.Column("email", sa.String(320)))
        batch.add_column(sa.Column("sis_id", sa.String(100)))
        batch.create_foreign_key("fk_trainees_cohort_id_cohorts", "cohorts", ["cohort_id"], ["id"], ondelete="CASCADE")
        batch.create_unique_constraint("uq_trainees_cohort_email", ["cohort_id", "email"])
    op.create_table(
        "assignments",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("cohort_id", sa.Integer, nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("mode", sa.String(12), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True)),
        sa.Column("attempts_allowed", sa.Integer),
        sa.Column("counts", sa.String(8), nullable=False),
        sa.Column("confidence", sa.Boolean, nullable=False),
        sa.Column("reflection_required", sa.Boolean, nullable=False),
        sa.Column("scenario_ids", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_assignments"),
        sa.ForeignKeyConstraint(["cohort_id"], ["cohorts.id"], name="fk_assignments_cohort_id_cohorts", ondelete="CASCADE"),
    )
    op.create_index("ix_assignments_cohort", "assignments", ["cohort_id"])
    op.create_table(
        "assignment_trainees",
        sa.Column("assignment_id", sa.Integer, nullable=False),
        sa.Column("trainee_id", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("assignment_id", "trainee_id", name="pk_assignment_trainees"),
        sa.ForeignKeyConstraint(["assignment_id"], ["assignments.id"], name="fk_assignment_trainees_assignment_id_assignments", ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["trainee_id"], ["trainees.id"], name="fk_assignment_trainees_trainee_id_trainees", ondelete="CASCADE"),
    )
    op.create_index("ix_assignment_trainees_trainee", "assignment_trainees", ["trainee_id"])
    op.create_table(
        "submissions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("assignment_id", sa.Integer, nullable=False),
        sa.Column("trainee_id", sa.Integer, nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True)),
        sa.PrimaryKeyConstraint("id", name="pk_submissions"),
        sa.UniqueConstraint("assignment_id", "trainee_id", "number", name="uq_submissions_try"),
        sa.ForeignKeyConstraint(["assignment_id"], ["assignments.id"], name="fk_submissions_assignment_id_assignments", ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["trainee_id"], ["trainees.id"], name="fk_submissions_trainee_id_trainees", ondelete="CASCADE"),
    )
    with op.batch_alter_table("attempts") as batch:
        batch.add_column(sa.Column("submission_id", sa.Integer))
        batch.create_foreign_key("fk_attempts_submission_id_submissions", "submissions", ["submission_id"], ["id"], ondelete="CASCADE")
        batch.create_index("ix_attempts_submission", ["submission_id"])
    op.create_table(
        "comments",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("attempt_id", sa.Integer, nullable=False),
        sa.Column("supervisor_id", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_comments"),
        sa.ForeignKeyConstraint(["attempt_id"], ["attempts.id"], name="fk_comments_attempt_id_attempts", ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["supervisor_id"], ["supervisors.id"], name="fk_comments_supervisor_id_supervisors", ondelete="CASCADE"),
    )
    op.create_index("ix_comments_attempt", "comments", ["attempt_id"])


def downgrade() -> None:
    op.drop_table("comments")
    with op.batch_alter_table("attempts") as batch:
        batch.drop_index("ix_attempts_submission")
        batch.drop_constraint("fk_attempts_submission_id_submissions", type_="foreignkey")
        batch.drop_column("submission_id")
    op.drop_table("submissions")
    op.drop_table("assignment_trainees")
    op.drop_table("assignments")
    with op.batch_alter_table("trainees") as batch:
        batch.drop_constraint("uq_trainees_cohort_email", type_="unique")
        batch.drop_constraint("fk_trainees_cohort_id_cohorts", type_="foreignkey")
        batch.drop_column("sis_id")
        batch.drop_column("email")
        batch.drop_column("cohort_id")
    op.drop_table("cohorts")
    op.drop_table("supervisor_sessions")
    op.drop_table("supervisors")
