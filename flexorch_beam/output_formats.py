"""The ``--formats`` ids, in the order ``--help`` lists them: a leaf with no import.

config.py validates ``--formats`` against this tuple without importing the sinks (they are
Beam transforms, far above the settings); ``sinks/registry.py`` refuses to load unless its
plugins are exactly these ids in this order, so the two cannot drift. Adding a sink is one id
here and one plugin line in the registry.
"""
from __future__ import annotations

OUTPUT_FORMATS: tuple[str, ...] = (
    "jsonl", "csv", "parquet", "hf", "markdown", "xml", "xlsx", "finetune",
)
