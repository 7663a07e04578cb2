"""extras: connectors, sync schedules and logs, webhooks and their deliveries, service state

Revision ID: 0100_extras
Revises: 0001_core
"""
import sqlalchemy as sa
from alembic import op

from flexorch_beam.server.migrations.columns import optional, owned, required

revision = "0100_extras"
down_revision = "0001_core"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "connectors", *owned(),
        *required(name=sa.String(200), type=sa.String(32), config_public=sa.Text, config_secret=sa.Text,
                  active=sa.Boolean, created_at=sa.DateTime),
        *optional(last_tested_at=sa.DateTime, last_used_at=sa.DateTime),
    )
    op.create_table(
        "sync_schedules", *owned(),
        sa.Column("connector_id", sa.Integer, sa.ForeignKey("connectors.id"), nullable=False, index=True),
        *required(cron_expression=sa.String(120)),
        *optional(prefix_filter=sa.Text),
        *required(is_active=sa.Boolean, created_at=sa.DateTime),
        *optional(last_run_at=sa.DateTime),
        sa.Column("next_run_at", sa.DateTime, index=True),
    )
    op.create_table(
        "sync_logs", *owned(),
        sa.Column("schedule_id", sa.Integer, sa.ForeignKey("sync_schedules.id"), nullable=False, index=True),
        *required(trigger=sa.String(16)),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        *required(created_at=sa.DateTime),
        *optional(started_at=sa.DateTime, completed_at=sa.DateTime),
        *required(files_found=sa.Integer, files_new=sa.Integer, files_skipped=sa.Integer,
                  files_failed=sa.Integer),
        *optional(error_message=sa.Text, run_id=sa.String(64), output_dir=sa.Text, dataset_id=sa.Integer),
    )
    op.create_table(
        "webhooks", *owned(),
        *required(url=sa.Text, events=sa.Text, secret=sa.Text),
        *optional(auto_export=sa.Text),
        *required(active=sa.Boolean, created_at=sa.DateTime),
    )
    op.create_table(
        "webhook_deliveries", *owned(),
        sa.Column("webhook_id", sa.Integer, sa.ForeignKey("webhooks.id"), nullable=False, index=True),
        *required(event=sa.String(64), subject=sa.String(128)),
        sa.Column("delivery_id", sa.String(64), nullable=False, unique=True),
        *required(payload=sa.Text),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        *required(attempts=sa.Integer),
        sa.Column("next_attempt_at", sa.DateTime, index=True),
        *optional(last_status_code=sa.Integer, last_error=sa.Text),
        *required(created_at=sa.DateTime),
        *optional(delivered_at=sa.DateTime),
        sa.UniqueConstraint("webhook_id", "event", "subject", name="uq_delivery_subject"),
    )
    op.create_table(
        "extras_state",
        sa.Column("name", sa.String(64), primary_key=True),
        *required(value=sa.Text),
    )


def downgrade() -> None:
    for table in ("extras_state", "webhook_deliveries", "webhooks", "sync_logs", "sync_schedules",
                  "connectors"):
        op.drop_table(table)
