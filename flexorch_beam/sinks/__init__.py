"""Dataset sinks: one module per output format, all from the one schema in record.py.

Each sink is a PTransform ``(output_dir, options)`` (the run's OutputOptions) over rows (``record.to_row`` dicts) that
writes through Beam's file sinks (sharded, temp files renamed on finalize). The line formats
share one base (lines.py); registry.py declares every sink once, and the ``--formats`` ids
(:data:`ALL_FORMATS`) and :data:`SINKS` derive from it.
"""
from __future__ import annotations

import flexorch_beam.fsspec_filesystem  # noqa: F401 - registers az:// with Beam FileSystems
from flexorch_beam.sinks.registry import ALL_FORMATS, PLUGINS, SINKS

__all__ = ["ALL_FORMATS", "PLUGINS", "SINKS"]
