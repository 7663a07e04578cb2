"""rate limit shared by every server process: one row per counted request, and the key's
last request time (its row is the per-key lock of the count)

Revision ID: 0200_ratelimit
Revises: 0001_core
"""
import sqlalchemy as sa
from alembic import op

revision = "0200_ratelimit"
down_revision = "0001_core"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("api_keys", sa.Column("last_request_at", sa.DateTime))
    op.create_table(
        "rate_limit_hits",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True,
                  autoincrement=True),
        sa.Column("key_id", sa.Integer, sa.ForeignKey("api_keys.id"), nullable=False),
        sa.Column("at", sa.Float, nullable=False),  # Unix seconds (every process's clock)
    )
    op.create_index("ix_rate_limit_hits_key_at", "rate_limit_hits", ["key_id", "at"])


def downgrade() -> None:
    op.drop_index("ix_rate_limit_hits_key_at", table_name="rate_limit_hits")
    op.drop_table("rate_limit_hits")
    with op.batch_alter_table("api_keys") as batch:
        batch.drop_column("last_request_at")
