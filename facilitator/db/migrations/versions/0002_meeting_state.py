"""Meeting state on a session: the step it was left on, the timer's elapsed times, the trash.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sessions") as batch:
        batch.add_column(
            sa.Column("current_step", sa.String(32), nullable=False, server_default="details")
        )
        batch.add_column(sa.Column("step_elapsed", sa.JSON(), nullable=False, server_default="{}"))
        batch.add_column(sa.Column("deleted_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sessions") as batch:
        batch.drop_column("deleted_at")
        batch.drop_column("step_elapsed")
        batch.drop_column("current_step")
