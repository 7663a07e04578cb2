"""Per-key request rate limit: a sliding one-minute window kept in the metadata database, so
every server process on one database (SQLite file or PostgreSQL) counts against one limit.

Default 120 requests a minute (``--rate-limit``), a key may carry its own. Every
authenticated response gets ``X-RateLimit-Limit``, ``X-RateLimit-Remaining`` and
``X-RateLimit-Reset`` (seconds until a slot frees); a request over the limit gets 429
``RATE_LIMIT_EXCEEDED`` with ``Retry-After`` (whole seconds, as the SDK parses it).

One counted request is one ``rate_limit_hits`` row (Unix seconds). A count is one
transaction that first UPDATEs the key's row (``last_request_at``): on PostgreSQL that row
lock, on SQLite the database write lock, makes concurrent requests of one key (from any
process) count one after the other, so two processes cannot both take the last slot.
Hits older than the window are not counted, and deleted once more than the key's limit (at
least 100) of them piled up: one statement fewer per request.
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Callable

from sqlalchemy import BigInteger, Float, ForeignKey, Index, Integer, delete, func, select, update
from sqlalchemy.orm import Mapped, mapped_column

from flexorch_beam.server.db import Base, Database, utcnow
from flexorch_beam.server.models import ApiKey

WINDOW_S = 60.0
PRUNE_AFTER = 100  # a key's expired hits are deleted once more than this (or its limit) piled up


class RateLimitHit(Base):
    __tablename__ = "rate_limit_hits"
    __table_args__ = (Index("ix_rate_limit_hits_key_at", "key_id", "at"),)  # migration 0200
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True,
                                    autoincrement=True)
    key_id: Mapped[int] = mapped_column(ForeignKey("api_keys.id"))
    at: Mapped[float] = mapped_column(Float)


@dataclass(frozen=True)
class Decision:
    allowed: bool
    limit: int
    used: int
    remaining: int
    reset_in_s: int  # until the oldest request in the window leaves it

    def headers(self) -> dict[str, str]:
        values = {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(self.remaining),
            "X-RateLimit-Reset": str(self.reset_in_s),
        }
        if not self.allowed:
            values["Retry-After"] = str(max(1, self.reset_in_s))
        return values


def _decision(count: int, oldest: float | None, limit: int, now: float, allowed: bool) -> Decision:
    reset = math.ceil(oldest + WINDOW_S - now) if oldest is not None else 0
    return Decision(allowed, limit, count, max(0, limit - count), max(0, reset))


class RateLimiter:
    """The window of each key, in ``db``. ``clock``: Unix seconds (shared by processes)."""

    def __init__(self, db: Database, clock: Callable[[], float] = time.time) -> None:
        self.db = db
        self._clock = clock

    def hit(self, key_id: int, limit: int) -> Decision:
        """Count one request unless the window is full."""
        with self.db.session() as session:
            # The lock first (a write as the transaction's first statement: SQLite waits for
            # the write lock, PostgreSQL for the row), then read the window under it.
            session.execute(update(ApiKey).where(ApiKey.id == key_id)
                            .values(last_request_at=utcnow())
                            .execution_options(synchronize_session=False))
            now = self._clock()
            live = RateLimitHit.at > now - WINDOW_S
            count, oldest, total = session.execute(
                select(func.count().filter(live), func.min(RateLimitHit.at).filter(live), func.count())
                .where(RateLimitHit.key_id == key_id)).one()
            if total - count > max(limit, PRUNE_AFTER):  # expired rows, pruned now and then
                session.execute(delete(RateLimitHit).where(RateLimitHit.key_id == key_id,
                                                           RateLimitHit.at <= now - WINDOW_S))
            if count >= limit:
                return _decision(count, oldest, limit, now, allowed=False)
            session.add(RateLimitHit(key_id=key_id, at=now))
            return _decision(count + 1, oldest if oldest is not None else now, limit, now, allowed=True)

    def peek(self, key_id: int, limit: int) -> Decision:
        """The window's state without using a slot (GET /usage/rate-limits)."""
        now = self._clock()
        with self.db.session() as session:
            count, oldest = session.execute(
                select(func.count(), func.min(RateLimitHit.at))
                .where(RateLimitHit.key_id == key_id, RateLimitHit.at > now - WINDOW_S)).one()
        return _decision(count, oldest, limit, now, allowed=count < limit)
