"""Thin PTransforms around the pure core: one per step, composable (``docs | Extract()``)."""

from flexorch_beam.transforms import coder as _coder  # noqa: E402,F401 - registers the record's coder
