"""Factor "?" marks and evidence, "internal" marks for public write-ups, the effectiveness review.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

FALSE = sa.false()


def upgrade() -> None:
    op.create_table(
        "action_reviews",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("session_id", sa.String(length=36), nullable=False),
        sa.Column("action_id", sa.String(length=36), nullable=False),
        sa.Column("verdict", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["action_items.id"],
            name=op.f("fk_action_reviews_action_id_action_items"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sessions.id"],
            name=op.f("fk_action_reviews_session_id_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_reviews")),
        sa.UniqueConstraint(
            "session_id", "action_id", name=op.f("uq_action_reviews_session_id_action_id")
        ),
    )
    op.create_index(op.f("ix_action_reviews_action_id"), "action_reviews", ["action_id"])
    op.create_index(op.f("ix_action_reviews_session_id"), "action_reviews", ["session_id"])
    op.create_table(
        "factor_evidence",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("factor_id", sa.String(length=36), nullable=False),
        sa.Column("entry_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["timeline_entries.id"],
            name=op.f("fk_factor_evidence_entry_id_timeline_entries"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["factor_id"],
            ["factors.id"],
            name=op.f("fk_factor_evidence_factor_id_factors"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_factor_evidence")),
        sa.UniqueConstraint(
            "factor_id", "entry_id", name=op.f("uq_factor_evidence_factor_id_entry_id")
        ),
    )
    op.create_index(op.f("ix_factor_evidence_entry_id"), "factor_evidence", ["entry_id"])
    op.create_index(op.f("ix_factor_evidence_factor_id"), "factor_evidence", ["factor_id"])
    for table in ("attachments", "list_items", "timeline_entries"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(
                sa.Column("internal", sa.Boolean(), nullable=False, server_default=FALSE)
            )
    with op.batch_alter_table("factors") as batch:
        batch.add_column(sa.Column("unknown", sa.Boolean(), nullable=False, server_default=FALSE))


def downgrade() -> None:
    with op.batch_alter_table("factors") as batch:
        batch.drop_column("unknown")
    for table in ("timeline_entries", "list_items", "attachments"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("internal")
    op.drop_table("factor_evidence")
    op.drop_table("action_reviews")
