"""API keys: ``fx_`` + 256 random bits, shown once and stored as their SHA-256.

A key is a tenant: every row a request creates carries its ``key_id`` and every query filters
on it, so one key never sees another key's jobs, documents or datasets (their ids answer
NOT_FOUND). A fast hash is enough here: the keys are random 256-bit secrets, not passwords, so
there is nothing to brute-force a slow hash would protect.

The SDK sends ``X-API-KEY``; ``Authorization: Bearer fx_...`` works too.
"""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from typing import Optional

from fastapi import Request
from sqlalchemy import select

from flexorch_beam.server.db import Database, utcnow
from flexorch_beam.server.errors import ApiError
from flexorch_beam.server.models import ApiKey

PREFIX = "fx_"
PRIVACY_PROFILES = ("masked", "raw")


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Caller:
    """The authenticated key: what routes may read of it."""
    key_id: int
    name: str
    rate_limit_per_minute: Optional[int]
    credits_limit: Optional[int]
    privacy_profile: str

    @property
    def keeps_raw_text(self) -> bool:
        return self.privacy_profile == "raw"


def create_key(db: Database, name: str, rate_limit_per_minute: Optional[int] = None,
               credits_limit: Optional[int] = None, privacy_profile: str = "masked") -> tuple[int, str]:
    """A new key: returns (id, the key). The key itself is not stored."""
    if privacy_profile not in PRIVACY_PROFILES:
        raise ValueError(f"privacy profile must be one of {PRIVACY_PROFILES}")
    key = PREFIX + secrets.token_urlsafe(32)
    with db.session() as session:
        row = ApiKey(name=name, prefix=key[:10], key_hash=hash_key(key),
                     rate_limit_per_minute=rate_limit_per_minute, credits_limit=credits_limit,
                     privacy_profile=privacy_profile, created_at=utcnow())
        session.add(row)
        session.flush()
        return row.id, key


def list_keys(db: Database) -> list[ApiKey]:
    with db.session() as session:
        return list(session.scalars(select(ApiKey).order_by(ApiKey.id)))


def revoke_key(db: Database, ident: str) -> bool:
    """Revoke by id or by the shown prefix; False when no active key matches."""
    with db.session() as session:
        query = select(ApiKey).where(ApiKey.revoked_at.is_(None))
        if ident.isdigit():
            query = query.where(ApiKey.id == int(ident))
        else:
            query = query.where(ApiKey.prefix == ident[:10])
        rows = list(session.scalars(query))
        if len(rows) != 1:
            return False
        rows[0].revoked_at = utcnow()
        return True


def presented_key(request: Request) -> Optional[str]:
    key = request.headers.get("x-api-key")
    if key:
        return key.strip()
    authorization = request.headers.get("authorization", "")
    scheme, _, value = authorization.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return None


def authenticate(db: Database, key: Optional[str]) -> Caller:
    if not key:
        raise ApiError("AUTH_REQUIRED", "an API key is required (X-API-KEY or Authorization: Bearer)")
    with db.session() as session:
        row = session.scalar(select(ApiKey).where(ApiKey.key_hash == hash_key(key)))
        if row is None or row.revoked_at is not None:
            raise ApiError("AUTH_REQUIRED", "the API key is not valid")
        return Caller(row.id, row.name, row.rate_limit_per_minute, row.credits_limit,
                      row.privacy_profile)


def caller(request: Request) -> Caller:
    """FastAPI dependency: the calling key, after its rate limit (one slot per request)."""
    state = request.app.state
    who = authenticate(state.db, presented_key(request))
    limit = who.rate_limit_per_minute or state.settings.rate_limit_per_minute
    decision = state.limiter.hit(who.key_id, limit)
    request.state.ratelimit_headers = decision.headers()
    if not decision.allowed:
        raise ApiError("RATE_LIMIT_EXCEEDED",
                       f"over {limit} requests a minute; retry in {decision.reset_in_s} s",
                       headers=decision.headers())
    return who


def caller_no_slot(request: Request) -> Caller:
    """Dependency for GET /usage/rate-limits: authenticated, but uses no slot."""
    return authenticate(request.app.state.db, presented_key(request))
