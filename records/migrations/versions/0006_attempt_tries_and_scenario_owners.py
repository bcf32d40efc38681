"""Race-free starts (attempts get a try number, unique per scenario of a submission) and owners for authored scenarios.

Two browser tabs pressing "Next scenario" at once each created an attempt for the same scenario of the
same submission. Now `attempts.try_number` (1 for the first attempt at a scenario in a submission, 2 once
a revised scenario starts again, ...) is unique per (submission_id, scenario_id), so the second tab's
insert does nothing and it is handed the first tab's attempt. Free-practice attempts (no submission)
leave it empty and are not constrained.

Existing rows, duplicates included, are kept: every attempt inside a submission is numbered 1, 2, ...
per scenario in the order it was created (by id), so duplicates left by the race become consecutive
tries. No attempt or answer is deleted or moved; which attempt counts is unchanged (the newest per
scenario, as before), and the migration cannot fail on them.

`authored_scenarios` records who first saved each scenario from the Author page: only that supervisor may
replace it (services/authoring.py). Files already in the authors' folder get no owner here: the first
supervisor to replace one becomes its owner, and only if no other supervisor's assignment uses it.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("attempts", sa.Column("try_number", sa.Integer))
    op.execute(
        """
        UPDATE attempts SET try_number = (
            SELECT COUNT(*) FROM attempts AS earlier
            WHERE earlier.submission_id = attempts.submission_id AND earlier.scenario_id = attempts.scenario_id AND earlier.id <= attempts.id
        )
        WHERE submission_id IS NOT NULL
        """
    )
    op.create_index("uq_attempts_submission_scenario_try", "attempts", ["submission_id", "scenario_id", "try_number"], unique=True)
    op.create_table(
        "authored_scenarios",
        sa.Column("scenario_id", sa.String(64), nullable=False),
        sa.Column("supervisor_id", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("replaced_at", sa.DateTime(timezone=True)),
        sa.PrimaryKeyConstraint("scenario_id", name="pk_authored_scenarios"),
        sa.ForeignKeyConstraint(["supervisor_id"], ["supervisors.id"], name="fk_authored_scenarios_supervisor_id_supervisors", ondelete="CASCADE"),
    )


def downgrade() -> None:
    op.drop_table("authored_scenarios")
    op.drop_index("uq_attempts_submission_scenario_try", "attempts")
    with op.batch_alter_table("attempts") as batch:
        batch.drop_column("try_number")
