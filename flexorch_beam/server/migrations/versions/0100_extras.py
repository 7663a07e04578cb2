"""extras: connectors, sync schedules and logs, webhooks and their deliveries, service state

Revision ID: 0100_extras
Revises: 0001_core
"""
import sqlalchemy as sa
from alembic import op

revision = "0100_extras"
down_revision = "0001_core"
branch_labels = None
depends_on = None


def _key():
    return sa.Column("key_id", sa.Integer, sa.ForeignKey("api_keys.id"), nullable=False, index=True)


def upgrade() -> None:
    op.create_table(
        "connectors",
        sa.Column("id", sa.Integer, primary_key=True),
        _key(),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("config_public", sa.Text, nullable=False),
        sa.Column("config_secret", sa.Text, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("last_tested_at", sa.DateTime),
        sa.Column("last_used_at", sa.DateTime),
    )
    op.create_table(
        "sync_schedules",
        sa.Column("id", sa.Integer, primary_key=True),
        _key(),
        sa.Column("connector_id", sa.Integer, sa.ForeignKey("connectors.id"), nullable=False, index=True),
        sa.Column("cron_expression", sa.String(120), nullable=False),
        sa.Column("prefix_filter", sa.Text),
        sa.Column("is_active", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("last_run_at", sa.DateTime),
        sa.Column("next_run_at", sa.DateTime, index=True),
    )
    op.create_table(
        "sync_logs",
        sa.Column("id", sa.Integer, primary_key=True),
        _key(),
        sa.Column("schedule_id", sa.Integer, sa.ForeignKey("sync_schedules.id"), nullable=False, index=True),
        sa.Column("trigger", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("started_at", sa.DateTime),
        sa.Column("completed_at", sa.DateTime),
        sa.Column("files_found", sa.Integer, nullable=False),
        sa.Column("files_new", sa.Integer, nullable=False),
        sa.Column("files_skipped", sa.Integer, nullable=False),
        sa.Column("files_failed", sa.Integer, nullable=False),
        sa.Column("error_message", sa.Text),
        sa.Column("run_id", sa.String(64)),
        sa.Column("output_dir", sa.Text),
        sa.Column("dataset_id", sa.Integer),
    )
    op.create_table(
        "webhooks",
        sa.Column("id", sa.Integer, primary_key=True),
        _key(),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("events", sa.Text, nullable=False),
        sa.Column("secret", sa.Text, nullable=False),
        sa.Column("auto_export", sa.Text),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "webhook_deliveries",
        sa.Column("id", sa.Integer, primary_key=True),
        _key(),
        sa.Column("webhook_id", sa.Integer, sa.ForeignKey("webhooks.id"), nullable=False, index=True),
        sa.Column("event", sa.String(64), nullable=False),
        sa.Column("subject", sa.String(128), nullable=False),
        sa.Column("delivery_id", sa.String(64), nullable=False, unique=True),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("next_attempt_at", sa.DateTime, index=True),
        sa.Column("last_status_code", sa.Integer),
        sa.Column("last_error", sa.Text),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("delivered_at", sa.DateTime),
        sa.UniqueConstraint("webhook_id", "event", "subject", name="uq_delivery_subject"),
    )
    op.create_table(
        "extras_state",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )


def downgrade() -> None:
    for table in ("extras_state", "webhook_deliveries", "webhooks", "sync_logs", "sync_schedules",
                  "connectors"):
        op.drop_table(table)
