"""Train/validation assignment by a stable hash of the content (``--split`` fraction).

Keyed on ``document_id`` (a content hash), so the assignment survives reruns and a file and
its byte-identical copies always land in the same split (no leakage between them).
"""
from __future__ import annotations

import hashlib

TRAIN = "train"
VALIDATION = "validation"
_BUCKETS = 10_000


def check_fraction(validation_fraction: float | None) -> float | None:
    """``--split`` must leave both splits possible: a fraction strictly between 0 and 1."""
    if validation_fraction is None:
        return None
    value = float(validation_fraction)
    if not 0.0 < value < 1.0:
        raise ValueError(f"--split must be a fraction between 0 and 1 (exclusive), got {value:g}")
    return value


def split_of(row: dict, validation_fraction: float) -> str:
    key = row.get("document_id") or row.get("id") or ""
    bucket = int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:8], 16) % _BUCKETS
    return VALIDATION if bucket < validation_fraction * _BUCKETS else TRAIN
