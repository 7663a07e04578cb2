"""Sample corpus generator: realistic business documents with ground truth.

CLI: ``python -m flexorch_samples OUT_DIR [--count N] [--seed S]``.

API for tests and benchmarks:
- :func:`generate_corpus` (out_dir, count, seed) -> list[TruthRecord]: the whole corpus.
- :func:`spec_for_slot` / :func:`build_spec`: one document spec (content + truth).
- :func:`render`: a spec to its format's bytes; ``WRITERS[variant]`` for a specific one.
- :func:`truth_for`: a spec's TruthRecord; :func:`load_truth` reads a corpus back;
  :func:`truth_relpath` maps ``docs/...`` to ``truth/....json``.
- PII values come from the catalog rows' own generators (``flexorch_beam.pii``: each
  ``Recognizer.example`` / ``lookalike``, and the per-type ``*_example`` functions).

Names resolve lazily, so ``python -m flexorch_samples`` can explain a missing
``samples`` extra (reportlab, faker) instead of failing on import.
"""
from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "build_spec": "content", "COMPLETE_MARKER": "corpus", "generate_corpus": "corpus", "load_truth": "corpus",
    "spec_for_slot": "corpus", "truth_relpath": "corpus", "DocSpec": "model", "DOC_TYPES": "mix",
    "FORMAT_CYCLE": "mix", "LANGUAGES": "mix", "plan": "mix", "slot": "mix", "BYTE_STABLE": "writers",
    "WRITERS": "writers", "render": "writers", "TruthRecord": "truth", "truth_for": "truth",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
