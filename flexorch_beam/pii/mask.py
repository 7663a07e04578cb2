"""Masking: placeholder ``[IBAN]``, indexed ``<PERSON_1>``, keyed hash, or redact.

Values are keyed by type and compact form, so "TR33 0006 ..." in the text and
"TR330006..." in an extracted field get the same index or hash. The hash is HMAC-SHA256 under
a key read from the environment: stable across documents and runs, useless without the key.
"""
from __future__ import annotations

import dataclasses
import hashlib
import hmac
import os
from typing import Iterable, Optional, Sequence

from flexorch_beam.pii.recognizer import compact
from flexorch_beam.pii.scan import Match
from flexorch_beam.record import ExtractedField

REDACTED = "[REDACTED]"
HASH_CHARS = 16
# A field holding a detected value in other spacing ("TR330006…" for "TR33 0006 …") is masked
# whole; short values (an IP "1.2.3.4") are too likely to recur inside unrelated numbers.
MIN_REFORMATTED = 8


class MaskKeyMissing(ValueError):
    """Hash masking was asked for but its key environment variable is unset or empty."""

    def __init__(self, env_var: str) -> None:
        super().__init__(
            f"mask mode 'hash' needs a secret key in the environment variable {env_var}, "
            "which is not set (set it on every worker, or choose another --mask-mode)"
        )
        self.env_var = env_var


def mask_key(env_var: str) -> bytes:
    value = os.environ.get(env_var, "")
    if not value:
        raise MaskKeyMissing(env_var)
    return value.encode("utf-8")


class Masker:
    """Tokens for one document (indexed mode numbers values per type within it)."""

    def __init__(self, mode: str, key: Optional[bytes] = None) -> None:
        if mode not in ("placeholder", "indexed", "hash", "redact"):
            raise ValueError(f"unknown mask mode {mode!r}")
        if mode == "hash" and not key:
            raise ValueError("hash masking needs a key")
        self.mode = mode
        self._key = key
        self._indexes: dict[tuple[str, str], int] = {}
        self._counts: dict[str, int] = {}

    def token(self, pii_type: str, value: str) -> str:
        if self.mode == "placeholder":
            return f"[{pii_type}]"
        if self.mode == "redact":
            return REDACTED
        key = (pii_type, compact(value))
        if self.mode == "indexed":
            if key not in self._indexes:
                self._counts[pii_type] = self._counts.get(pii_type, 0) + 1
                self._indexes[key] = self._counts[pii_type]
            return f"<{pii_type}_{self._indexes[key]}>"
        digest = hmac.new(self._key or b"", f"{key[0]}:{key[1]}".encode("utf-8"), hashlib.sha256)
        return f"[{pii_type}:{digest.hexdigest()[:HASH_CHARS]}]"

    def mask_text(self, text: str, matches: Sequence[Match]) -> str:
        """Replace every span (non-overlapping, in text order) by its token."""
        tokens = [self.token(m.type, text[m.start : m.end]) for m in matches]  # index in order
        parts: list[str] = []
        position = 0
        for match, token in zip(matches, tokens):
            parts.append(text[position : match.start])
            parts.append(token)
            position = match.end
        parts.append(text[position:])
        return "".join(parts)

    def mask_fields(
        self, fields: Iterable[ExtractedField], text: str, matches: Sequence[Match]
    ) -> tuple[ExtractedField, ...]:
        """Mask field values that hold a detected value, verbatim or in another spacing."""
        values = sorted(
            {(m.type, text[m.start : m.end]) for m in matches}, key=lambda tv: -len(tv[1])
        )
        masked: list[ExtractedField] = []
        for field in fields:
            value = field.value
            if value:
                value = self._mask_value(value, values)
            masked.append(field if value == field.value else dataclasses.replace(field, value=value))
        return tuple(masked)

    def _mask_value(self, value: str, values: Sequence[tuple[str, str]]) -> str:
        for pii_type, raw in values:
            if raw in value:
                value = value.replace(raw, self.token(pii_type, raw))
        value_compact = compact(value)
        for pii_type, raw in values:
            raw_compact = compact(raw)
            if len(raw_compact) >= MIN_REFORMATTED and raw_compact in value_compact:
                return self.token(pii_type, raw)  # reformatted copy: the whole value goes
        return value
