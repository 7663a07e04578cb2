"""The end-of-run summary table, from Beam metrics (works for every runner that reports them)."""
from __future__ import annotations

from typing import Mapping

from flexorch_beam.transforms.base import NAMESPACE


def counters_from_result(result) -> dict[str, int]:  # noqa: ANN001 - a PipelineResult
    """Committed counter values (attempted where a runner does not commit) by name."""
    counters: dict[str, int] = {}
    try:
        query = result.metrics().query()
    except Exception:  # noqa: BLE001 - some runners expose no metrics
        return counters
    for item in query.get("counters", []):
        if item.key.metric.namespace != NAMESPACE:
            continue
        value = item.committed if item.committed is not None else item.attempted
        counters[item.key.metric.name] = counters.get(item.key.metric.name, 0) + int(value or 0)
    return counters


def _group(counters: Mapping[str, int], prefix: str) -> list[tuple[str, int]]:
    return sorted(
        ((name[len(prefix):], value) for name, value in counters.items() if name.startswith(prefix)),
        key=lambda item: (-item[1], item[0]),
    )


def render_summary(counters: Mapping[str, int], wall_seconds: float) -> str:
    docs = counters.get("docs", 0)
    rate = docs / wall_seconds if wall_seconds > 0 else 0.0
    lines = [
        "flexorch_beam run summary",
        "-" * 40,
        f"{'files':<28}{docs:>12}",
        f"{'completed':<28}{counters.get('completed', 0):>12}",
        f"{'failed':<28}{counters.get('failed', 0):>12}",
    ]
    lines += [f"{'  ' + code:<28}{value:>12}" for code, value in _group(counters, "failed_")]
    lines.append(f"{'duplicates':<28}{counters.get('duplicates', 0):>12}")
    if counters.get("near_duplicates"):
        lines.append(f"{'near duplicates':<28}{counters['near_duplicates']:>12}")
    lines.append(f"{'pages':<28}{counters.get('pages', 0):>12}")
    lines.append(f"{'  with OCR':<28}{counters.get('ocr_pages', 0):>12}")
    for title, prefix in (
        ("by format", "format_"),
        ("by doc type", "doc_type_"),
        ("by grade", "grade_"),
        ("warnings", "warning_"),
    ):
        group = _group(counters, prefix)
        if group:
            lines.append(title)
            lines += [f"{'  ' + key:<28}{value:>12}" for key, value in group]
    lines.append(f"{'wall time (s)':<28}{wall_seconds:>12.1f}")
    lines.append(f"{'docs/s':<28}{rate:>12.2f}")
    return "\n".join(lines)
