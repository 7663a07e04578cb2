"""Dataset profile: one pass over every record (a Beam CombineFn), written once at the end
(after every sink, by run_output.finish_run).

``profile.json`` keys: record_count, completed_count, failed_count, dataset_count (rows in
the dataset sinks), rejected_count, training_count (rows in the finetune sink), total_tokens
(all completed records), dataset_tokens, training_tokens, avg_quality_score (completed,
scored records), grade_counts, quality_histogram (ten 10-point bins, 0-10 … 90-100),
pii_type_count (findings per PII type), docs_with_pii, duplicate_count,
near_duplicate_count, page_count, ocr_docs, counts by doc_type, language, format and
failure code (failure_counts), and from the records' step ledgers: step_ms (per step: the
documents it ran on, total and mean milliseconds) and slowest_documents (the ten records
with the longest processing time, with their slowest step). Feedback (feedback.py):
feedback_positive_count and feedback_negative_count (records whose document has that verdict
in force) and feedback_code_counts (by code); negative feedback is also a reject code
(NEGATIVE_FEEDBACK). Given the run's settings: ``finetune`` (format, task, min_confidence)
with ``finetune_skipped`` (training rows left out of the finetune sink for a missing or
unconfident target, by admission code), and ``privacy_profile`` (the named profile in
force, the settings it gave, the flags that overrode it: :func:`privacy_profile_entry`).
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Iterable, Optional

import apache_beam as beam

from flexorch_beam import codes
from flexorch_beam.admission import (
    Feedback,
    finetune_skip,
    in_dataset,
    is_training_row,
    reject_reason,
    verdict_of,
)
from flexorch_beam.config import GRADES, OutputOptions, PIIOptions
from flexorch_beam.privacy_profiles import get_profile
from flexorch_beam.whole_files import write_atomic

HIST_BINS = 10
_INTS = (
    "record_count",
    "completed_count",
    "failed_count",
    "dataset_count",
    "rejected_count",
    "training_count",
    "total_tokens",
    "dataset_tokens",
    "training_tokens",
    "scored_count",
    "docs_with_pii",
    "duplicate_count",
    "near_duplicate_count",
    "page_count",
    "ocr_docs",
    "feedback_positive_count",
    "feedback_negative_count",
)
_COUNTERS = (
    "grade_counts",
    "pii_type_count",
    "doc_type_counts",
    "language_counts",
    "format_counts",
    "failure_counts",
    "reject_counts",
    "finetune_skipped",
    "step_ms_sum",
    "step_runs",
    "feedback_code_counts",
)
SLOWEST = 10


def _empty() -> dict:
    acc: dict = {key: 0 for key in _INTS}
    acc["score_sum"] = 0.0
    acc["quality_histogram"] = [0] * HIST_BINS
    for key in _COUNTERS:
        acc[key] = Counter()
    acc["slowest"] = []
    return acc


def _add_ledger(acc: dict, row: dict) -> None:
    """Time per step, and the record among the slowest ones if it is."""
    steps = row.get("steps") or []
    for entry in steps:
        acc["step_ms_sum"][entry["name"]] += int(entry.get("ms") or 0)
        acc["step_runs"][entry["name"]] += 1
    slowest = max(steps, key=lambda entry: int(entry.get("ms") or 0), default=None)
    acc["slowest"] = _top([*acc["slowest"], {
        "id": row.get("id"), "file_name": row.get("file_name"),
        "processing_ms": int(row.get("processing_ms") or 0), "status": row.get("status"),
        "slowest_step": slowest["name"] if slowest else None,
        "slowest_step_ms": int(slowest.get("ms") or 0) if slowest else None}])


def _top(documents: list[dict]) -> list[dict]:
    return sorted(documents, key=lambda doc: (-doc["processing_ms"], doc["id"] or ""))[:SLOWEST]


def add_row(
    acc: dict,
    row: dict,
    min_grade: Optional[str],
    feedback: Optional[Feedback] = None,
    config: Optional[OutputOptions] = None,
) -> dict:
    acc["record_count"] += 1
    _add_ledger(acc, row)
    acc["format_counts"][row.get("format") or "none"] += 1
    tokens = int(row.get("token_count") or 0)
    verdict = verdict_of(row, feedback)
    if verdict is not None:
        acc["feedback_positive_count" if verdict.positive else "feedback_negative_count"] += 1
        if verdict.code:
            acc["feedback_code_counts"][verdict.code] += 1
    rejected = reject_reason(row, min_grade, feedback)
    if rejected:
        acc["rejected_count"] += 1
        acc["reject_counts"][rejected[0]] += 1
    if in_dataset(row, min_grade, feedback):
        acc["dataset_count"] += 1
        acc["dataset_tokens"] += tokens
        if is_training_row(row, feedback):
            config = config or OutputOptions()
            skipped = finetune_skip(row, config.finetune_target, config.finetune_min_confidence)
            if skipped:
                acc["finetune_skipped"][skipped] += 1
            else:
                acc["training_count"] += 1
                acc["training_tokens"] += tokens
    if row.get("status") == codes.STATUS_FAILED:
        acc["failed_count"] += 1
        acc["failure_counts"][row.get("failure_reason") or "UNKNOWN"] += 1
        return acc
    acc["completed_count"] += 1
    acc["total_tokens"] += tokens
    acc["doc_type_counts"][row.get("doc_type") or "unknown"] += 1
    acc["language_counts"][row.get("language") or "unknown"] += 1
    acc["page_count"] += int(row.get("page_count") or 0)
    acc["ocr_docs"] += 1 if row.get("ocr_used") else 0
    acc["duplicate_count"] += 1 if row.get("is_duplicate") else 0
    acc["near_duplicate_count"] += 1 if row.get("is_near_duplicate") else 0
    score = row.get("quality_score")
    if score is not None:
        acc["scored_count"] += 1
        acc["score_sum"] += float(score)
        acc["quality_histogram"][min(HIST_BINS - 1, max(0, int(float(score) // 10)))] += 1
    if row.get("quality_grade"):
        acc["grade_counts"][row["quality_grade"]] += 1
    findings = row.get("pii_findings") or []
    if findings or row.get("pii_findings_count"):
        acc["docs_with_pii"] += 1
    for finding in findings:
        acc["pii_type_count"][finding["type"]] += 1
    return acc


def merge(accs: Iterable[dict]) -> dict:
    out = _empty()
    for acc in accs:
        for key in _INTS:
            out[key] += acc[key]
        out["score_sum"] += acc["score_sum"]
        out["quality_histogram"] = [
            a + b for a, b in zip(out["quality_histogram"], acc["quality_histogram"])
        ]
        for key in _COUNTERS:
            out[key].update(acc[key])
        out["slowest"] = _top(out["slowest"] + acc["slowest"])
    return out


def _sorted_counts(counter: Counter) -> dict:
    return dict(sorted(counter.items(), key=lambda item: (-item[1], item[0])))


def privacy_profile_entry(pii: PIIOptions) -> Optional[dict]:
    """What ``profile.json`` records as ``privacy_profile``: the profile's name, the values
    it set, the flags that overrode it and the PII settings in force. None without one."""
    if not pii.privacy_profile:
        return None
    profile = get_profile(pii.privacy_profile)
    return {
        "name": profile.id,
        "settings": profile.settings(),
        "overridden": list(pii.privacy_overrides),
        "in_force": {
            "jurisdictions": list(pii.jurisdictions),
            "pii_types": list(pii.pii_types),
            "mask": pii.mask,
            "mask_mode": pii.mask_mode,
            "keep_raw_text": pii.keep_raw_text,
            "min_mask_key_bytes": pii.min_mask_key_bytes,
        },
    }


def run_settings(config: OutputOptions, privacy: Optional[dict] = None) -> dict:
    """What the profile records of the run's settings: the finetune target and the privacy
    profile in force (``privacy``: :func:`privacy_profile_entry` of the run's PIIOptions,
    made by whoever holds them)."""
    return {
        "finetune": {
            "format": None if config.finetune_format is None else str(config.finetune_format),
            "task": None if config.finetune_target is None else str(config.finetune_target),
            "min_confidence": config.finetune_min_confidence,
        },
        "privacy_profile": privacy,
    }


def finish(
    acc: dict, min_grade: Optional[str] = None, config: Optional[OutputOptions] = None,
    privacy: Optional[dict] = None,
) -> dict:
    profile = {key: acc[key] for key in _INTS if key != "scored_count"}
    profile["avg_quality_score"] = (
        round(acc["score_sum"] / acc["scored_count"], 2) if acc["scored_count"] else None
    )
    profile["min_grade"] = min_grade
    profile["grade_counts"] = {grade: acc["grade_counts"].get(grade, 0) for grade in GRADES}
    profile["quality_histogram"] = [
        {"from": 10 * i, "to": 10 * (i + 1), "count": n}
        for i, n in enumerate(acc["quality_histogram"])
    ]
    for key in _COUNTERS:
        if key not in ("grade_counts", "step_ms_sum", "step_runs"):
            profile[key] = _sorted_counts(acc[key])
    profile["step_ms"] = {
        name: {"documents": runs, "total_ms": acc["step_ms_sum"][name],
               "mean_ms": round(acc["step_ms_sum"][name] / runs, 1)}
        for name, runs in acc["step_runs"].items()}
    profile["slowest_documents"] = acc["slowest"]
    profile.update(run_settings(config or OutputOptions(), privacy))
    return profile


def profile_rows(
    rows: Iterable[dict],
    min_grade: Optional[str] = None,
    feedback: Optional[Feedback] = None,
    config: Optional[OutputOptions] = None,
    privacy: Optional[dict] = None,
) -> dict:
    """The profile of ``rows`` without Beam (tests, notebooks, ``flexorch profile``)."""
    acc = _empty()
    for row in rows:
        add_row(acc, row, min_grade, feedback, config)
    return finish(acc, min_grade, config, privacy)


class ProfileCombineFn(beam.CombineFn):
    """The profile over every row. Feedback comes as the constructor's mapping or as a side
    input (``CombineGlobally(ProfileCombineFn(g), AsSingleton(feedback))``), which wins."""

    def __init__(
        self,
        min_grade: Optional[str],
        feedback: Optional[Feedback] = None,
        config: Optional[OutputOptions] = None,
        privacy: Optional[dict] = None,
    ) -> None:
        self._min_grade = min_grade
        self._feedback = dict(feedback or {})
        self._config = config
        self._privacy = privacy

    def create_accumulator(self, *_side) -> dict:  # noqa: ANN002
        return _empty()

    def add_input(self, acc: dict, row: dict, feedback: Optional[Feedback] = None) -> dict:
        return add_row(acc, row, self._min_grade,
                       self._feedback if feedback is None else feedback, self._config)

    def merge_accumulators(self, accs, *_side) -> dict:  # noqa: ANN001, ANN002
        return merge(accs)

    def extract_output(self, acc: dict, *_side) -> dict:  # noqa: ANN002
        return finish(acc, self._min_grade, self._config, self._privacy)


def write_profile(profile: dict, output_dir: str, run_id: str) -> dict:
    from flexorch_beam.sinks.report import render_report

    base = output_dir.rstrip("/")
    write_atomic(
        f"{base}/profile.json", json.dumps(profile, indent=2, ensure_ascii=False).encode("utf-8")
    )
    write_atomic(f"{base}/report.html", render_report(profile, run_id).encode("utf-8"))
    return profile
