"""Feedback on records: a reviewer's verdict (positive or negative, a code, a note), kept in a
table beside the dataset, ``DATASET/feedback/feedback.jsonl``, one JSON object a line.

Keyed by the document's content hash (the record's ``sha256``), not its record id: ids derive
from the run id and path, so only the hash survives re-runs, ``--history`` builds and
exports. The table is append-only; the latest entry for a hash is the verdict in force
(:func:`latest_verdicts`), so a later positive entry withdraws an earlier negative one.

The next build (``--feedback``, and the table in ``--output`` or beside ``--history``
datasets) and the next ``flexorch export`` read it: negative feedback keeps the record out of
the dataset and the training split and sends it to ``rejected/`` with the feedback as reason
(admission.py); the profile counts verdicts by kind and code. No Beam import.
"""
from __future__ import annotations

import json
import logging
import os
import posixpath
import threading
import time
from dataclasses import asdict, dataclass
from typing import Iterable, Iterator, Optional, Sequence

from flexorch_beam.local_files import local_path

LOG = logging.getLogger(__name__)

FOLDER = "feedback"
TABLE = "feedback.jsonl"
POSITIVE = "positive"
NEGATIVE = "negative"
# The documented codes (README "Feedback"): what was wrong with the record.
CODES: tuple[str, ...] = (
    "WRONG_TYPE",  # doc_type is wrong
    "WRONG_FIELDS",  # a typed field is wrong or missing
    "PII_MISSED",  # personal data left unmasked
    "PII_OVERMASKED",  # text masked that is not personal data
    "BAD_TEXT",  # the extracted text is wrong or unreadable
    "OTHER",
)
DEFAULT_NEGATIVE_CODE = "OTHER"
MAX_NOTE_CHARS = 2000
_APPEND_LOCK = threading.Lock()


class FeedbackError(ValueError):
    """Feedback that cannot be recorded (an unknown code, a record without a content hash)."""


@dataclass(frozen=True)
class Verdict:
    """One feedback entry. ``code`` is None only for positive feedback given without one."""

    sha256: str
    positive: bool
    code: Optional[str] = None
    note: str = ""
    record_id: Optional[str] = None
    created_at: str = ""

    def reason(self) -> str:
        """The ``reject_reason`` of a record this negative verdict keeps out."""
        text = f"negative feedback {self.code or DEFAULT_NEGATIVE_CODE}"
        return f"{text}: {self.note}" if self.note else text

    def to_json(self) -> dict:
        out = asdict(self)
        out["verdict"] = POSITIVE if out.pop("positive") else NEGATIVE
        return out


def table_path(dataset: str) -> str:
    return posixpath.join(dataset.rstrip("/"), FOLDER, TABLE)


def make_verdict(
    sha256: Optional[str],
    positive: bool,
    code: Optional[str] = None,
    note: Optional[str] = None,
    record_id: Optional[str] = None,
) -> Verdict:
    """A checked entry: the code must be one of :data:`CODES` (negative feedback without a code
    is ``OTHER``); the note is one line of at most :data:`MAX_NOTE_CHARS` characters."""
    if not sha256:
        raise FeedbackError(
            f"record {record_id} has no content hash (it could not be read), so feedback on it "
            "could not follow the document"
        )
    if code is not None and code not in CODES:
        raise FeedbackError(f"unknown feedback code {code!r}; use one of {', '.join(CODES)}")
    if not positive and code is None:
        code = DEFAULT_NEGATIVE_CODE
    note = " ".join((note or "").split())
    if len(note) > MAX_NOTE_CHARS:
        raise FeedbackError(f"the note is longer than {MAX_NOTE_CHARS} characters")
    return Verdict(sha256, positive, code, note, record_id,
                   time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))


def parse_line(line: str) -> Optional[Verdict]:
    """One table line -> Verdict, or None for a line that is not a valid entry."""
    try:
        value = json.loads(line)
        verdict = value["verdict"]
        if verdict not in (POSITIVE, NEGATIVE) or not value.get("sha256"):
            return None
        code = value.get("code")
        if code is not None and code not in CODES:
            return None
        return Verdict(str(value["sha256"]), verdict == POSITIVE, code,
                       str(value.get("note") or ""), value.get("record_id"),
                       str(value.get("created_at") or ""))
    except (ValueError, KeyError, TypeError):
        return None


def read_table(path: str) -> Iterator[Verdict]:
    """Entries of one table, in order; a missing table has none. Lines that are not entries
    (a torn last line) are skipped and counted in the log, never quoted."""
    from flexorch_beam.sources import filesystem

    fs, stripped = filesystem(path)
    if not fs.exists(stripped):
        return
    bad = 0
    with fs.open(stripped, "r", encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            verdict = parse_line(line)
            if verdict is None:
                bad += 1
                continue
            yield verdict
    if bad:
        LOG.warning("feedback table %s: %d line(s) are not feedback entries, skipped", path, bad)


def latest_verdicts(entries: Iterable[Verdict]) -> dict[str, Verdict]:
    """Content hash -> the latest entry for it (later entries win; across tables, the later
    ``created_at``)."""
    out: dict[str, Verdict] = {}
    for verdict in entries:
        current = out.get(verdict.sha256)
        if current is None or verdict.created_at >= current.created_at:
            out[verdict.sha256] = verdict
    return out


def table_paths(patterns: Sequence[str]) -> list[str]:
    """Feedback tables named by paths, globs or dataset folders (``DATASET`` ->
    ``DATASET/feedback/feedback.jsonl``); matching nothing is fine."""
    from flexorch_beam.sources import filesystem, is_glob

    found: list[str] = []
    for pattern in patterns:
        fs, stripped = filesystem(pattern)
        matches = sorted(fs.glob(stripped)) if is_glob(stripped) else [stripped]
        for match in matches:
            if fs.isdir(match):
                match = posixpath.join(match, FOLDER, TABLE)
            if fs.exists(match):
                found.append(fs.unstrip_protocol(match) if "://" in pattern else match)
    return sorted(set(found))


def history_tables(history_globs: Sequence[str]) -> list[str]:
    """The feedback tables beside the datasets a ``--history`` glob reads
    (``out/*/parquet/*.parquet`` -> ``out/*/feedback/feedback.jsonl``)."""
    patterns = []
    for pattern in history_globs:
        head, sep, _tail = pattern.rpartition("/parquet/")
        if sep:
            patterns.append(posixpath.join(head, FOLDER, TABLE))
    return table_paths(patterns)


def load(paths: Sequence[str]) -> dict[str, Verdict]:
    """The verdicts in force over every table named (paths, globs or dataset folders)."""
    entries: list[Verdict] = []
    for path in table_paths(paths):
        entries.extend(read_table(path))
    return latest_verdicts(entries)


def append(dataset: str, verdict: Verdict) -> str:
    """Append one entry to the dataset's table; returns the table path. Local tables are
    appended under a lock (flock) so concurrent writers (the API server) never tear a
    line; on an object store the table is rewritten whole through a temp name."""
    path = table_path(dataset)
    line = json.dumps(verdict.to_json(), ensure_ascii=False, separators=(",", ":")) + "\n"
    local = local_path(path)
    if local is not None:
        import fcntl

        os.makedirs(os.path.dirname(local), exist_ok=True)
        with _APPEND_LOCK, open(local, "a", encoding="utf-8") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                handle.write(line)
                handle.flush()
                os.fsync(handle.fileno())
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
        return path
    from flexorch_beam.whole_files import write_atomic
    from flexorch_beam.sources import filesystem

    fs, stripped = filesystem(path)
    old = fs.cat_file(stripped) if fs.exists(stripped) else b""
    with _APPEND_LOCK:
        write_atomic(path, old + line.encode("utf-8"))
    return path


def counts(verdicts: Iterable[Optional[Verdict]]) -> dict:
    """Profile numbers over records' verdicts: positive, negative and by code."""
    out = {"positive": 0, "negative": 0, "by_code": {}}
    for verdict in verdicts:
        if verdict is None:
            continue
        out[POSITIVE if verdict.positive else NEGATIVE] += 1
        if verdict.code:
            out["by_code"][verdict.code] = out["by_code"].get(verdict.code, 0) + 1
    return out
