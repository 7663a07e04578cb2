"""The record's Beam coder: deterministic bytes instead of the pickle fallback.

A record crosses worker boundaries at every shuffle (dedup's CoGroupByKey, the sinks'
reshards). Its columns travel as the JSON line a JSONL sink writes (schema order, so equal
records give equal bytes and a new column needs no coder change); its transient attributes
(``record.TRANSIENT``: the input bytes, an e-document's reading, the running step's methods,
an archive member's place in its archive) follow through Beam's deterministic coder, so they must stay bytes, tuples or frozen
dataclasses. Registered for :class:`~flexorch_beam.record.Record` on import; the
transforms declare their element types, so Beam picks it without being asked.
"""
from __future__ import annotations

import json

from apache_beam import coders

from flexorch_beam.record import TRANSIENT, Record, evolve, from_row, to_json_line

_TRANSIENT = coders.TupleCoder(
    [coders.FastPrimitivesCoder().as_deterministic_coder(f"record.{name}") for name in TRANSIENT])
_PARTS = coders.TupleCoder([coders.BytesCoder(), _TRANSIENT])


class RecordCoder(coders.Coder):
    """``Record`` <-> bytes: its JSON line, then its transient attributes."""

    def encode(self, value: Record) -> bytes:
        columns = to_json_line(value).encode("utf-8")
        return _PARTS.encode((columns, tuple(getattr(value, name) for name in TRANSIENT)))

    def decode(self, encoded: bytes) -> Record:
        columns, transient = _PARTS.decode(encoded)
        record = from_row(json.loads(columns))
        return evolve(record, **dict(zip(TRANSIENT, transient)))

    def is_deterministic(self) -> bool:
        return True

    def to_type_hint(self):  # noqa: ANN201 - Beam's hook
        return Record

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))


coders.registry.register_coder(Record, RecordCoder)
