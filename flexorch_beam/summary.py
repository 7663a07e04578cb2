"""The end-of-run summary table, from Beam metrics (works for every runner that reports them).

The same ``flexorch`` counters and distributions show in the Dataflow UI's custom counters;
this renders them for a local run: documents by status, failure code, format, doc type,
grade, language and warning; pages, OCR pages, bytes; PII findings by type; per-step time.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Optional

from flexorch_beam.transforms.base import NAMESPACE
from flexorch_beam.transforms.outcome import LATENCY_BUCKETS_MS


@dataclass(frozen=True)
class DistributionStats:
    count: int
    sum: int
    min: int
    max: int

    @property
    def mean(self) -> float:
        return self.sum / self.count if self.count else 0.0


def _value(item):  # noqa: ANN001, ANN202 - a MetricResult
    return item.committed if item.committed is not None else item.attempted


def _query(result) -> dict:  # noqa: ANN001
    try:
        return result.metrics().query()
    except Exception:  # noqa: BLE001 - some runners (a Dataflow dry run) expose no metrics
        return {}


def counters_from_result(result) -> dict[str, int]:  # noqa: ANN001 - a PipelineResult
    """Committed counter values (attempted where a runner does not commit) by name."""
    counters: dict[str, int] = {}
    for item in _query(result).get("counters", []):
        if item.key.metric.namespace != NAMESPACE:
            continue
        name = item.key.metric.name
        counters[name] = counters.get(name, 0) + int(_value(item) or 0)
    return counters


def distributions_from_result(result) -> dict[str, DistributionStats]:  # noqa: ANN001
    """Distribution metrics by name, merged across steps that report the same name."""
    merged: dict[str, DistributionStats] = {}
    for item in _query(result).get("distributions", []):
        if item.key.metric.namespace != NAMESPACE:
            continue
        value = _value(item)
        if value is None or not value.count:
            continue
        stats = DistributionStats(int(value.count), int(value.sum), int(value.min), int(value.max))
        name = item.key.metric.name
        if name in merged:
            old = merged[name]
            stats = DistributionStats(
                old.count + stats.count, old.sum + stats.sum,
                min(old.min, stats.min), max(old.max, stats.max),
            )
        merged[name] = stats
    return merged


def latency_percentile(counters: Mapping[str, int], fraction: float) -> Optional[str]:
    """The histogram bucket holding the given fraction of completed documents ("<= 500 ms")."""
    buckets = [(f"latency_le_{bound:06d}ms", f"<= {bound:,} ms") for bound in LATENCY_BUCKETS_MS]
    buckets.append(("latency_le_inf", f"> {LATENCY_BUCKETS_MS[-1]:,} ms"))
    total = sum(counters.get(name, 0) for name, _label in buckets)
    if not total:
        return None
    running = 0
    for name, label in buckets:
        running += counters.get(name, 0)
        if running >= fraction * total:
            return label
    return buckets[-1][1]


def _group(counters: Mapping[str, int], prefix: str, skip: tuple[str, ...] = ()) -> list[tuple[str, int]]:
    return sorted(
        (
            (name[len(prefix):], value)
            for name, value in counters.items()
            if name.startswith(prefix) and name not in skip
        ),
        key=lambda item: (-item[1], item[0]),
    )


def _row(label: str, value: object) -> str:
    return f"{label:<28}{value:>12}"


def _mib(value: int) -> str:
    return f"{value / 1048576:.2f} MiB"


def render_summary(
    counters: Mapping[str, int],
    wall_seconds: float,
    distributions: Optional[Mapping[str, DistributionStats]] = None,
) -> str:
    docs = counters.get("docs", 0)
    rate = docs / wall_seconds if wall_seconds > 0 else 0.0
    lines = [
        "flexorch_beam run summary",
        "-" * 40,
        _row("files", docs),
        _row("completed", counters.get("completed", 0)),
        _row("failed", counters.get("failed", 0)),
    ]
    lines += [_row("  " + code, value) for code, value in _group(counters, "failed_")]
    lines.append(_row("duplicates", counters.get("duplicates", 0)))
    if counters.get("near_duplicates"):
        lines.append(_row("near duplicates", counters["near_duplicates"]))
    lines.append(_row("pages", counters.get("pages", 0)))
    lines.append(_row("  with OCR", counters.get("ocr_pages", 0)))
    lines.append(_row("bytes", _mib(counters.get("bytes", counters.get("bytes_read", 0)))))
    if counters.get("tokens"):
        lines.append(_row("tokens (estimated)", counters["tokens"]))
    if counters.get("pii_findings") or counters.get("privacy_applied"):
        lines.append(_row("PII findings", counters.get("pii_findings", 0)))
        lines.append(_row("  docs masked", counters.get("privacy_applied", 0)))
    for title, prefix, skip in (
        ("by format", "format_", ()),
        ("by doc type", "doc_type_", ()),
        ("by grade", "grade_", ()),
        ("by language", "language_", ()),
        ("warnings", "warning_", ()),
        ("PII by type", "pii_", ("pii_privacy_applied", "pii_findings")),
    ):
        group = _group(counters, prefix, skip)
        if group:
            lines.append(title)
            lines += [_row("  " + key, value) for key, value in group]
    lines += _timing_lines(counters, distributions or {})
    lines.append(_row("wall time (s)", f"{wall_seconds:.1f}"))
    lines.append(_row("docs/s", f"{rate:.2f}"))
    if wall_seconds > 0 and counters.get("pages"):
        lines.append(_row("pages/s", f"{counters['pages'] / wall_seconds:.2f}"))
    return "\n".join(lines)


def _timing_lines(
    counters: Mapping[str, int], distributions: Mapping[str, DistributionStats]
) -> list[str]:
    """Per-step time (docs, mean, max), then per-document percentiles from the histogram."""
    steps = sorted(
        (name[len("step_ms_"):], stats)
        for name, stats in distributions.items()
        if name.startswith("step_ms_")
    )
    lines: list[str] = []
    if steps:
        lines.append(f"{'time per step (ms)':<22}{'docs':>6}{'mean':>9}{'max':>9}")
        for step, stats in steps:
            lines.append(f"{'  ' + step:<22}{stats.count:>6}{stats.mean:>9.0f}{stats.max:>9}")
    doc = distributions.get("doc_processing_ms")
    if doc is not None:
        lines.append(_row("doc time mean (ms)", f"{doc.mean:.0f}"))
        lines.append(_row("doc time max (ms)", doc.max))
    for label, fraction in (("doc time p50", 0.5), ("doc time p95", 0.95)):
        bucket = latency_percentile(counters, fraction)
        if bucket:
            lines.append(_row(label, bucket))
    return lines
