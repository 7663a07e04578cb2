"""Thin PTransforms around the pure core: one per step, composable (``docs | Extract()``)."""
