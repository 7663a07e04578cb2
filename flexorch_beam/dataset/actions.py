"""What the ``flexorch`` dataset commands (and the API server) do to a built dataset, besides
export: record feedback, recompute the profile, delete the dataset's files."""
from __future__ import annotations

import json
import os
import posixpath
from typing import Optional, Sequence

from flexorch_beam import feedback as feedback_table
from flexorch_beam.dataset.store import (
    PROFILE,
    STARTED,
    SUCCESS,
    Dataset,
    DatasetError,
    get_record,
    iter_records,
)
from flexorch_beam.feedback import FeedbackError, Verdict
from flexorch_beam.local_files import local_path
from flexorch_beam.sources import filesystem

REPORT = "report.html"


def dataset_feedback(dataset: Dataset, extra: Sequence[str] = ()) -> dict[str, Verdict]:
    """The verdicts in force for this dataset: its own table plus ``extra`` tables."""
    return feedback_table.load([dataset.path, *extra])


def append_feedback(
    dataset: Dataset,
    record_id: str,
    positive: bool,
    code: Optional[str] = None,
    note: Optional[str] = None,
) -> Verdict:
    """Record a verdict on one record's document (keyed by its content hash) in
    ``DATASET/feedback/feedback.jsonl``. Bad input (an unknown code, an unknown record, a
    record without a content hash) raises :class:`DatasetError` and writes nothing."""
    if code is not None and code not in feedback_table.CODES:
        raise DatasetError(
            f"unknown feedback code {code!r}; use one of {', '.join(feedback_table.CODES)}"
        )
    row = get_record(dataset, record_id)
    try:
        verdict = feedback_table.make_verdict(row.get("sha256"), positive, code, note, record_id)
    except FeedbackError as error:
        raise DatasetError(str(error)) from None
    feedback_table.append(dataset.path, verdict)
    return verdict


def recompute_profile(dataset: Dataset, feedback_paths: Sequence[str] = ()) -> dict:
    """profile.json and report.html again, from the dataset's records, its build's
    ``--min-grade`` and the feedback recorded so far (so the counts say what the next export
    or build will hold); ``_SUCCESS`` is rewritten with the new sizes of the two files."""
    from flexorch_beam.whole_files import write_atomic
    from flexorch_beam.sinks.profile import profile_rows, write_profile

    verdicts = dataset_feedback(dataset, feedback_paths)
    rows = ({k: v for k, v in row.items() if not k.startswith("reject_")}
            for row in iter_records(dataset))
    profile = profile_rows(rows, dataset.min_grade, verdicts)
    write_profile(profile, dataset.path, dataset.run_id)
    success = dict(dataset.success)
    fs, _ = filesystem(dataset.path)
    files = []
    for entry in success.get("files") or []:
        if isinstance(entry, dict) and entry.get("path") in (PROFILE, REPORT):
            _, stripped = filesystem(dataset.join(entry["path"]))
            entry = {**entry, "bytes": fs.size(stripped)}
        files.append(entry)
    success["files"] = files
    write_atomic(dataset.join(SUCCESS), json.dumps(success, indent=2).encode("utf-8"))
    return profile


def delete_plan(dataset: Dataset, include_feedback: bool = False) -> list[str]:
    """The files ``flexorch delete`` removes, relative to the dataset folder: exactly those
    its ``_SUCCESS`` lists, then the markers; the feedback table only when asked (it is keyed
    by content and serves the next build)."""
    fs, _ = filesystem(dataset.path)
    plan = [rel for rel in dataset.files if fs.exists(filesystem(dataset.join(rel))[1])]
    plan += [m for m in (STARTED, SUCCESS) if fs.exists(filesystem(dataset.join(m))[1])]
    if include_feedback:
        table = posixpath.join(feedback_table.FOLDER, feedback_table.TABLE)
        if fs.exists(filesystem(dataset.join(table))[1]):
            plan.append(table)
    return plan


def delete_dataset(dataset: Dataset, plan: Sequence[str]) -> list[str]:
    """Remove the planned files (``_SUCCESS`` last, so a torn delete still reads as a dataset
    that can be deleted again), then the folders they leave empty; returns what went."""
    fs, _ = filesystem(dataset.path)
    order = [rel for rel in plan if rel != SUCCESS] + [rel for rel in plan if rel == SUCCESS]
    removed = []
    for rel in order:
        _, stripped = filesystem(dataset.join(rel))
        if fs.exists(stripped):
            fs.rm_file(stripped)
            removed.append(rel)
    root = local_path(dataset.path)
    if root is not None:
        folders = sorted({posixpath.dirname(rel) for rel in removed if "/" in rel},
                         key=lambda f: -f.count("/"))
        for folder in folders:
            parts = folder.split("/")
            for depth in range(len(parts), 0, -1):
                try:
                    os.rmdir(os.path.join(root, *parts[:depth]))
                except OSError:
                    break  # not empty (a user's file) or already gone
    return removed
