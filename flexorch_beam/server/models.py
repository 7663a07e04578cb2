"""The core tables. Every row that belongs to a caller carries ``key_id``: queries filter on
it (auth.py), so one key never sees another key's jobs, documents or datasets.

Vocabulary (the SDK's): a *document* is an uploaded file; a *job* is one document's trip
through the pipeline (``data_process``) or a dataset build (``dataset_build``); an
*execution* is one upload request's batch of jobs (``execution_id``: what a dataset is built
from); a *run* is one Beam pipeline run, which takes one or more queued executions' jobs.

A nullable column with nothing more to say is its annotation alone
(``Mapped[Optional[datetime]]``: SQLAlchemy derives the type and NULL from it). The tables
themselves are built by the migrations; tests/server/test_migration_schema.py keeps both equal.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any, Optional

from sqlalchemy import Boolean, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, Session, mapped_column

from flexorch_beam.server.db import Base, utcnow


class Owned:
    """The first columns of a row that belongs to one API key: an integer id (a subclass may
    declare another) and the indexed ``key_id`` every query filters on."""
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key_id: Mapped[int] = mapped_column(ForeignKey("api_keys.id"), index=True)

    @classmethod
    def of_key(cls, session: Session, key_id: int, row_id: Any) -> Any:
        """The row with this id (as a URL gives it: digits) when the key owns it, else None."""
        number = int(row_id) if str(row_id).isdigit() else None
        row = session.get(cls, number) if number is not None else None
        return row if row is not None and row.key_id == key_id else None


class ApiKey(Base):
    __tablename__ = "api_keys"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    prefix: Mapped[str] = mapped_column(String(16))  # shown by `keys list`; not a secret
    key_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    revoked_at: Mapped[Optional[datetime]]
    rate_limit_per_minute: Mapped[Optional[int]]
    credits_limit: Mapped[Optional[int]]
    # "masked" (default): responses and datasets carry masked text only; "raw": the pipeline
    # also keeps raw_text for this key's documents (--keep-raw-text).
    privacy_profile: Mapped[str] = mapped_column(String(32), default="masked")
    # Set by every counted request: the UPDATE is also the per-key lock of the rate limit.
    last_request_at: Mapped[Optional[datetime]]


class Document(Owned, Base):
    __tablename__ = "documents"
    filename: Mapped[str] = mapped_column(String(300))
    file_ext: Mapped[str] = mapped_column(String(32), default="")
    size_bytes: Mapped[int] = mapped_column(Integer, default=0)
    sha256: Mapped[str] = mapped_column(String(64), default="")
    storage_path: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(32), default="uploaded")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)


class Execution(Owned, Base):
    __tablename__ = "executions"
    status: Mapped[str] = mapped_column(String(32), default="queued")
    locale: Mapped[str] = mapped_column(String(16), default="und")
    pipeline_config: Mapped[str] = mapped_column(Text, default="{}")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    completed_at: Mapped[Optional[datetime]]


class Run(Base):
    __tablename__ = "runs"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))  # process | dataset_build
    status: Mapped[str] = mapped_column(String(32), default="running")
    instance: Mapped[str] = mapped_column(String(64))  # the server process that claimed it
    output_dir: Mapped[str] = mapped_column(Text)
    started_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    finished_at: Mapped[Optional[datetime]]
    error: Mapped[Optional[str]] = mapped_column(Text, nullable=True)


class Job(Owned, Base):
    __tablename__ = "jobs"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # "job_" + a uuid, not a counter
    kind: Mapped[str] = mapped_column(String(32), default="data_process")
    status: Mapped[str] = mapped_column(String(32), default="queued", index=True)
    document_id: Mapped[Optional[int]] = mapped_column(ForeignKey("documents.id"), nullable=True)
    execution_id: Mapped[Optional[int]] = mapped_column(ForeignKey("executions.id"), nullable=True)
    dataset_id: Mapped[Optional[int]]
    # Jobs with the same signature (privacy profile, locale, pipeline_config) share a run.
    signature: Mapped[str] = mapped_column(String(64), default="")
    run_id: Mapped[Optional[str]] = mapped_column(ForeignKey("runs.id"), nullable=True, index=True)
    options: Mapped[str] = mapped_column(Text, default="{}")  # dataset_build body
    failure_reason: Mapped[Optional[str]] = mapped_column(Text, nullable=True)
    record_id: Mapped[Optional[str]] = mapped_column(String(64), nullable=True)
    quality_grade: Mapped[Optional[str]] = mapped_column(String(4), nullable=True)
    quality_score: Mapped[Optional[float]] = mapped_column(Float, nullable=True)
    doc_type: Mapped[Optional[str]] = mapped_column(String(64), nullable=True)
    language: Mapped[Optional[str]] = mapped_column(String(16), nullable=True)
    page_count: Mapped[Optional[int]]
    ocr_used: Mapped[bool] = mapped_column(Boolean, default=False)
    privacy_applied: Mapped[bool] = mapped_column(Boolean, default=False)
    pii_findings_count: Mapped[int] = mapped_column(Integer, default=0)
    pii_type_summary: Mapped[str] = mapped_column(Text, default="{}")
    warning_codes: Mapped[str] = mapped_column(Text, default="[]")
    credits: Mapped[int] = mapped_column(Integer, default=0)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    started_at: Mapped[Optional[datetime]]
    completed_at: Mapped[Optional[datetime]]


class Dataset(Owned, Base):
    __tablename__ = "datasets"
    name: Mapped[str] = mapped_column(String(300))
    slug: Mapped[str] = mapped_column(String(300))
    description: Mapped[Optional[str]] = mapped_column(Text, nullable=True)
    status: Mapped[str] = mapped_column(String(32), default="queued")
    source_execution_id: Mapped[int] = mapped_column(ForeignKey("executions.id"), index=True)
    build_job_id: Mapped[Optional[str]] = mapped_column(String(64), nullable=True)
    path: Mapped[str] = mapped_column(Text, default="")
    row_count: Mapped[int] = mapped_column(Integer, default=0)
    privacy_applied: Mapped[bool] = mapped_column(Boolean, default=False)
    pii_findings_count: Mapped[int] = mapped_column(Integer, default=0)
    pii_type_summary: Mapped[str] = mapped_column(Text, default="{}")
    formats: Mapped[str] = mapped_column(Text, default="{}")  # format -> [file names]
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)


class Feedback(Owned, Base):
    __tablename__ = "job_feedback"
    job_id: Mapped[str] = mapped_column(ForeignKey("jobs.id"), unique=True)
    rating: Mapped[str] = mapped_column(String(8))
    issue: Mapped[Optional[str]] = mapped_column(String(64), nullable=True)
    notes: Mapped[Optional[str]] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
