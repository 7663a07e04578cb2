"""Dataset sinks: one module per output format, all from the one schema in record.py.

Each sink is a PTransform ``(output_dir, config)`` over rows (``record.to_row`` dicts) that
writes through Beam's file sinks (sharded, temp files renamed on finalize). :data:`SINKS`
maps the ``--formats`` ids to them.
"""
from __future__ import annotations

import flexorch_beam.fsspec_filesystem  # noqa: F401 - registers az:// with Beam FileSystems
from flexorch_beam.sinks.registry import SINKS, sink_path

__all__ = ["SINKS", "sink_path"]
