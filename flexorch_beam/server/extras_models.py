"""Tables of connectors, their cron schedules and sync logs, and webhooks with their delivery
log. Registered on the core ``Base``; created by migration ``0100_extras``. Every row carries
``key_id``: one key never sees another key's connectors, schedules or webhooks.
"""
from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from flexorch_beam.server.db import Base, utcnow
from flexorch_beam.server.models import Owned


class Connector(Owned, Base):
    __tablename__ = "connectors"
    name: Mapped[str] = mapped_column(String(200))
    type: Mapped[str] = mapped_column(String(32))
    config_public: Mapped[str] = mapped_column(Text, default="{}")  # JSON, shown to the key
    config_secret: Mapped[str] = mapped_column(Text, default="")  # sealed (secretbox.py)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_tested_at: Mapped[Optional[datetime]]
    last_used_at: Mapped[Optional[datetime]]


class SyncSchedule(Owned, Base):
    __tablename__ = "sync_schedules"
    connector_id: Mapped[int] = mapped_column(ForeignKey("connectors.id"), index=True)
    cron_expression: Mapped[str] = mapped_column(String(120))
    prefix_filter: Mapped[Optional[str]] = mapped_column(Text, nullable=True)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_run_at: Mapped[Optional[datetime]]
    next_run_at: Mapped[Optional[datetime]] = mapped_column(DateTime, nullable=True, index=True)


class SyncLog(Owned, Base):
    """One sync run of a schedule (cron or trigger): one incremental Beam pipeline run."""
    __tablename__ = "sync_logs"
    schedule_id: Mapped[int] = mapped_column(ForeignKey("sync_schedules.id"), index=True)
    trigger: Mapped[str] = mapped_column(String(16), default="cron")  # cron | manual
    status: Mapped[str] = mapped_column(String(16), default="queued", index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    started_at: Mapped[Optional[datetime]]
    completed_at: Mapped[Optional[datetime]]
    files_found: Mapped[int] = mapped_column(Integer, default=0)
    files_new: Mapped[int] = mapped_column(Integer, default=0)
    files_skipped: Mapped[int] = mapped_column(Integer, default=0)
    files_failed: Mapped[int] = mapped_column(Integer, default=0)
    error_message: Mapped[Optional[str]] = mapped_column(Text, nullable=True)
    run_id: Mapped[Optional[str]] = mapped_column(String(64), nullable=True)
    output_dir: Mapped[Optional[str]] = mapped_column(Text, nullable=True)
    dataset_id: Mapped[Optional[int]]


class Webhook(Owned, Base):
    __tablename__ = "webhooks"
    url: Mapped[str] = mapped_column(Text)
    events: Mapped[str] = mapped_column(Text, default="[]")  # JSON list
    secret: Mapped[str] = mapped_column(Text)  # sealed (secretbox.py)
    auto_export: Mapped[Optional[str]] = mapped_column(Text, nullable=True)  # JSON
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class WebhookDelivery(Owned, Base):
    """One event for one webhook, and its attempts (the delivery log)."""
    __tablename__ = "webhook_deliveries"
    __table_args__ = (UniqueConstraint("webhook_id", "event", "subject", name="uq_delivery_subject"),)
    webhook_id: Mapped[int] = mapped_column(ForeignKey("webhooks.id"), index=True)
    event: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(String(128))  # the job / dataset id the event is about
    delivery_id: Mapped[str] = mapped_column(String(64), unique=True)
    payload: Mapped[str] = mapped_column(Text)  # the exact JSON body sent
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[Optional[datetime]] = mapped_column(DateTime, nullable=True, index=True)
    last_status_code: Mapped[Optional[int]]
    last_error: Mapped[Optional[str]] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    delivered_at: Mapped[Optional[datetime]]


class ServiceState(Base):
    """Small named values a background service keeps across restarts (a watermark)."""
    __tablename__ = "extras_state"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
