"""core tables: api keys, documents, executions, runs, jobs, datasets, job feedback

Revision ID: 0001_core
Revises:
"""
import sqlalchemy as sa
from alembic import op

from flexorch_beam.server.migrations.columns import optional, owned, pii_summary, required

revision = "0001_core"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "api_keys",
        sa.Column("id", sa.Integer, primary_key=True),
        *required(name=sa.String(200), prefix=sa.String(16)),
        sa.Column("key_hash", sa.String(64), nullable=False, unique=True, index=True),
        *required(created_at=sa.DateTime),
        *optional(revoked_at=sa.DateTime, rate_limit_per_minute=sa.Integer, credits_limit=sa.Integer),
        sa.Column("privacy_profile", sa.String(32), nullable=False, server_default="masked"),
    )
    op.create_table(
        "documents", *owned(),
        *required(filename=sa.String(300), file_ext=sa.String(32), size_bytes=sa.Integer,
                  sha256=sa.String(64), storage_path=sa.Text, status=sa.String(32)),
        sa.Column("created_at", sa.DateTime, nullable=False, index=True),
    )
    op.create_table(
        "executions", *owned(),
        *required(status=sa.String(32), locale=sa.String(16), pipeline_config=sa.Text,
                  created_at=sa.DateTime),
        *optional(completed_at=sa.DateTime),
    )
    op.create_table(
        "runs",
        sa.Column("id", sa.String(64), primary_key=True),
        *required(kind=sa.String(32), status=sa.String(32), instance=sa.String(64), output_dir=sa.Text,
                  started_at=sa.DateTime),
        *optional(finished_at=sa.DateTime, error=sa.Text),
    )
    op.create_table(
        "jobs", *owned(sa.String(64)),
        *required(kind=sa.String(32)),
        sa.Column("status", sa.String(32), nullable=False, index=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id")),
        sa.Column("execution_id", sa.Integer, sa.ForeignKey("executions.id")),
        *optional(dataset_id=sa.Integer),
        *required(signature=sa.String(64)),
        sa.Column("run_id", sa.String(64), sa.ForeignKey("runs.id"), index=True),
        *required(options=sa.Text),
        *optional(failure_reason=sa.Text, record_id=sa.String(64), quality_grade=sa.String(4),
                  quality_score=sa.Float, doc_type=sa.String(64), language=sa.String(16),
                  page_count=sa.Integer),
        *required(ocr_used=sa.Boolean),
        *pii_summary(),
        *required(warning_codes=sa.Text, credits=sa.Integer, attempts=sa.Integer),
        sa.Column("created_at", sa.DateTime, nullable=False, index=True),
        *optional(started_at=sa.DateTime, completed_at=sa.DateTime),
    )
    op.create_table(
        "datasets", *owned(),
        *required(name=sa.String(300), slug=sa.String(300)),
        *optional(description=sa.Text),
        *required(status=sa.String(32)),
        sa.Column("source_execution_id", sa.Integer, sa.ForeignKey("executions.id"), nullable=False, index=True),
        *optional(build_job_id=sa.String(64)),
        *required(path=sa.Text, row_count=sa.Integer),
        *pii_summary(),
        *required(formats=sa.Text),
        sa.Column("created_at", sa.DateTime, nullable=False, index=True),
        *required(deleted=sa.Boolean),
    )
    op.create_table(
        "job_feedback", *owned(),
        sa.Column("job_id", sa.String(64), sa.ForeignKey("jobs.id"), nullable=False, unique=True),
        *required(rating=sa.String(8)),
        *optional(issue=sa.String(64), notes=sa.Text),
        *required(created_at=sa.DateTime),
    )


def downgrade() -> None:
    for table in ("job_feedback", "datasets", "jobs", "runs", "executions", "documents", "api_keys"):
        op.drop_table(table)
