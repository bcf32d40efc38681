"""Race-free starts: each attempt inside a submission gets a try number, unique per scenario.

Two browser tabs pressing "Next scenario" at once each created an attempt for the same scenario of the
same submission. Now `attempts.try_number` (1 for the first attempt at a scenario in a submission, 2 once
a revised scenario starts again, ...) is unique per (submission_id, scenario_id), so the second tab's
insert does nothing and it is handed the first tab's attempt. Free-practice attempts (no submission)
leave it empty and are not constrained.

Existing rows, duplicates included, are kept: every attempt inside a submission is numbered 1, 2, ...
per scenario in the order it was created (by id), so duplicates left by the race become consecutive
tries. No attempt or answer is deleted or moved; which attempt counts is unchanged (the newest per
scenario, as before), and the migration cannot fail on them.

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


def downgrade() -> None:
    op.drop_index("uq_attempts_submission_scenario_try", "attempts")
    with op.batch_alter_table("attempts") as batch:
        batch.drop_column("try_number")
