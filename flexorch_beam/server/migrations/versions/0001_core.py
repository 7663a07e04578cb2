"""core tables: api keys, documents, executions, runs, jobs, datasets, job feedback

Revision ID: 0001_core
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "0001_core"
down_revision = None
branch_labels = None
depends_on = None


def _key():
    return sa.Column("key_id", sa.Integer, sa.ForeignKey("api_keys.id"), nullable=False, index=True)


def upgrade() -> None:
    op.create_table(
        "api_keys",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("prefix", sa.String(16), nullable=False),
        sa.Column("key_hash", sa.String(64), nullable=False, unique=True, index=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("revoked_at", sa.DateTime),
        sa.Column("rate_limit_per_minute", sa.Integer),
        sa.Column("credits_limit", sa.Integer),
        sa.Column("privacy_profile", sa.String(32), nullable=False, server_default="masked"),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True),
        _key(),
        sa.Column("filename", sa.String(300), nullable=False),
        sa.Column("file_ext", sa.String(32), nullable=False),
        sa.Column("size_bytes", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("storage_path", sa.Text, nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False, index=True),
    )
    op.create_table(
        "executions",
        sa.Column("id", sa.Integer, primary_key=True),
        _key(),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("locale", sa.String(16), nullable=False),
        sa.Column("pipeline_config", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("completed_at", sa.DateTime),
    )
    op.create_table(
        "runs",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("instance", sa.String(64), nullable=False),
        sa.Column("output_dir", sa.Text, nullable=False),
        sa.Column("started_at", sa.DateTime, nullable=False),
        sa.Column("finished_at", sa.DateTime),
        sa.Column("error", sa.Text),
    )
    op.create_table(
        "jobs",
        sa.Column("id", sa.String(64), primary_key=True),
        _key(),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("status", sa.String(32), nullable=False, index=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id")),
        sa.Column("execution_id", sa.Integer, sa.ForeignKey("executions.id")),
        sa.Column("dataset_id", sa.Integer),
        sa.Column("signature", sa.String(64), nullable=False),
        sa.Column("run_id", sa.String(64), sa.ForeignKey("runs.id"), index=True),
        sa.Column("options", sa.Text, nullable=False),
        sa.Column("failure_reason", sa.Text),
        sa.Column("record_id", sa.String(64)),
        sa.Column("quality_grade", sa.String(4)),
        sa.Column("quality_score", sa.Float),
        sa.Column("doc_type", sa.String(64)),
        sa.Column("language", sa.String(16)),
        sa.Column("page_count", sa.Integer),
        sa.Column("ocr_used", sa.Boolean, nullable=False),
        sa.Column("privacy_applied", sa.Boolean, nullable=False),
        sa.Column("pii_findings_count", sa.Integer, nullable=False),
        sa.Column("pii_type_summary", sa.Text, nullable=False),
        sa.Column("warning_codes", sa.Text, nullable=False),
        sa.Column("credits", sa.Integer, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False, index=True),
        sa.Column("started_at", sa.DateTime),
        sa.Column("completed_at", sa.DateTime),
    )
    op.create_table(
        "datasets",
        sa.Column("id", sa.Integer, primary_key=True),
        _key(),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("slug", sa.String(300), nullable=False),
        sa.Column("description", sa.Text),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("source_execution_id", sa.Integer, sa.ForeignKey("executions.id"), nullable=False, index=True),
        sa.Column("build_job_id", sa.String(64)),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("row_count", sa.Integer, nullable=False),
        sa.Column("privacy_applied", sa.Boolean, nullable=False),
        sa.Column("pii_findings_count", sa.Integer, nullable=False),
        sa.Column("pii_type_summary", sa.Text, nullable=False),
        sa.Column("formats", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False, index=True),
        sa.Column("deleted", sa.Boolean, nullable=False),
    )
    op.create_table(
        "job_feedback",
        sa.Column("id", sa.Integer, primary_key=True),
        _key(),
        sa.Column("job_id", sa.String(64), sa.ForeignKey("jobs.id"), nullable=False, unique=True),
        sa.Column("rating", sa.String(8), nullable=False),
        sa.Column("issue", sa.String(64)),
        sa.Column("notes", sa.Text),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    for table in ("job_feedback", "datasets", "jobs", "runs", "executions", "documents", "api_keys"):
        op.drop_table(table)
