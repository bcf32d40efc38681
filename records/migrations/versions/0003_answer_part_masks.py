"""Per-answer part marks as bit masks, so dashboards count parts without reading JSON; an index
that finds the newest attempt per scenario of a submission without sorting.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

PART_KEYS = ("professional", "personal", "relationship", "necessary_help", "for_the_client")  # frozen as of this revision


def _mask(keys) -> int:
    return sum(1 << PART_KEYS.index(k) for k in set(keys) if k in PART_KEYS)


def upgrade() -> None:
    for column in ("at_stake_mask", "upheld_mask", "undermined_mask"):
        op.add_column("answers", sa.Column(column, sa.Integer, nullable=False, server_default="0"))
    op.create_index("ix_attempts_submission_scenario", "attempts", ["submission_id", "scenario_id", "id"])
    connection = op.get_bind()
    answers = sa.table("answers", sa.column("id", sa.Integer), sa.column("judged", sa.JSON), sa.column("at_stake_mask"), sa.column("upheld_mask"), sa.column("undermined_mask"))
    last = 0
    while True:  # backfill in batches, so a large database never needs all rows in memory
        rows = connection.execute(sa.select(answers.c.id, answers.c.judged).where(answers.c.id > last).order_by(answers.c.id).limit(5000)).all()
        if not rows:
            break
        updates = []
        for row in rows:
            judged = json.loads(row.judged) if isinstance(row.judged, str) else (row.judged or {})
            effects = judged.get("effects", {})
            updates.append({
                "answer_id": row.id,
                "stake": _mask(judged.get("at_stake", [])),
                "up": _mask(k for k, v in effects.items() if v and v[0] == "upholds"),
                "down": _mask(k for k, v in effects.items() if v and v[0] == "undermines"),
            })
        connection.execute(
            answers.update().where(answers.c.id == sa.bindparam("answer_id")).values(at_stake_mask=sa.bindparam("stake"), upheld_mask=sa.bindparam("up"), undermined_mask=sa.bindparam("down")),
            updates,
        )
        last = rows[-1].id


def downgrade() -> None:
    op.drop_index("ix_attempts_submission_scenario", "attempts")
    with op.batch_alter_table("answers") as batch:
        for column in ("undermined_mask", "upheld_mask", "at_stake_mask"):
            batch.drop_column(column)
