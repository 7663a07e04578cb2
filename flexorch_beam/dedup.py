"""Content and text fingerprints: exact duplicates by sha256, near-duplicates by MinHash.

Exact duplicates: byte-identical files (same sha256) in one run are one document. The
original is the one with the smallest source uri (deterministic whatever the read order);
the others are marked and never extracted. A document an earlier run already completed (see
history.py) is a duplicate of that earlier job. A duplicate's record is completed afterwards
with the original's results (same bytes, same results), keeping its own identity.

Near-duplicates: after extraction, the published text is normalised (NFKC, lower case,
punctuation dropped, whitespace collapsed) and cut into word 5-shingles; a 128-hash MinHash
signature estimates the Jaccard similarity of two documents' shingle sets. Locality-sensitive
hashing (16 bands of 8 rows) proposes candidate pairs, which count as near-duplicates when
the estimated similarity is at least ``NEAR_THRESHOLD``. Shingles of five words make two
invoices of one template with different numbers and names dissimilar (each changed word
breaks five shingles), while a re-export of the same text stays similar.

A signature travels as 512 bytes (128 little-endian uint32), once per band through the
near-duplicate shuffle: as a tuple of Python ints it encoded to ~770 bytes, and that shuffle is
the largest a run makes after the records themselves (16 members per document).
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Iterator, Optional

import numpy as np

from flexorch_beam.config import DedupOptions
from flexorch_beam.record import Record, evolve

SHINGLE_WORDS = 5
MIN_WORDS = 20  # shorter texts are too small to call near-duplicates
NUM_PERM = 128
BANDS = 16
ROWS = NUM_PERM // BANDS
NEAR_THRESHOLD = 0.80
_CHUNK = 4096

_MERSENNE = np.uint64((1 << 61) - 1)
_MAX32 = np.uint64(0xFFFFFFFF)
_rng = np.random.default_rng(20240611)
_A = _rng.integers(1, 1 << 31, size=NUM_PERM, dtype=np.uint64)
_B = _rng.integers(0, 1 << 31, size=NUM_PERM, dtype=np.uint64)
_NON_WORD = re.compile(r"[^\w]+")
_SIGNATURE_DTYPE = np.dtype("<u4")

# Results a duplicate takes from its original; its identity (id, uri, name, metadata, run,
# timestamps) stays its own.
COPIED_FIELDS: tuple[str, ...] = (
    "status", "failure_reason", "warnings", "page_count", "ocr_used", "ocr_confidence",
    "language", "language_confidence", "doc_type", "doc_type_confidence", "doc_subtype", "languages", "fields",
    "pii_findings", "pii_findings_count", "pii_types", "privacy_applied", "text", "raw_text",
    "token_count", "quality_score", "quality_grade", "quality_components",
    "is_near_duplicate", "near_duplicate_of", "pipeline_version",
)


@dataclass(frozen=True)
class Original:
    """Where a duplicate's results come from: a job of this run or of an earlier run."""

    job_id: str
    from_history: bool = False  # the original is a job of an earlier run (--history)


def choose_original(candidates: Iterable[tuple[str, str]]) -> tuple[str, str]:
    """``(source_uri, job_id)`` pairs of one content hash -> the original (smallest uri)."""
    return min(candidates)


def exact_decisions(
    in_run: Iterable[tuple[str, str]], earlier_job_id: Optional[str] = None
) -> Iterator[tuple[str, Original]]:
    """One content hash: its copies in this run as ``(source_uri, job_id)`` and the job of an
    earlier run that completed it, if any -> ``(job_id, Original)`` for every copy that is a
    duplicate: all of them when an earlier run has it, else all but the original."""
    copies = sorted(in_run)
    if not copies:
        return
    if earlier_job_id is not None:
        original = Original(earlier_job_id, from_history=True)
        for _uri, job_id in copies:
            yield job_id, original
        return
    _uri, original_id = choose_original(copies)
    for _uri, job_id in copies:
        if job_id != original_id:
            yield job_id, Original(original_id)


def exact_duplicates_of(records: Iterable[Record]) -> dict[str, Original]:
    """job_id -> Original for a whole run held in memory (the benches' plain loop); the
    pipeline makes the same decisions per content hash after a CoGroupByKey."""
    by_sha: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for record in records:
        if not record.failed and record.sha256:
            by_sha[record.sha256].append((record.source_uri, record.id))
    return {job_id: original for copies in by_sha.values()
            for job_id, original in exact_decisions(copies)}


def duplicate_summary(original: Original) -> str:
    if original.from_history:
        return f"exact duplicate of {original.job_id} from an earlier run; not processed again"
    return f"exact duplicate of {original.job_id}; not processed again"


def mark_duplicate(record: Record, original: Original) -> Record:
    """Flag a record as an exact duplicate and drop its bytes: it is never extracted."""
    return evolve(
        record,
        is_duplicate=True,
        original_job_id=original.job_id,
        processing_summary=duplicate_summary(original),
        content=None,
    )


def complete_duplicate(
    duplicate: Record, original: Optional[Record], config: DedupOptions
) -> Record:
    """The duplicate's full record: the original's results under the duplicate's identity.

    A failed original gives a failed duplicate (same bytes fail the same way); an original
    that cannot be found (a broken history file) is said plainly, never hidden.
    """
    summary = duplicate.processing_summary
    if original is None:
        return evolve(
            duplicate,
            status="failed",
            failure_reason="INTERNAL_ERROR",
            processing_summary=f"{summary}, but the original's record was not found",
        )
    changes = {name: getattr(original, name) for name in COPIED_FIELDS}
    if not config.keep_raw_text:
        changes["raw_text"] = None
    if original.failed:
        summary = f"{summary}; the original failed: {original.processing_summary}"
    return evolve(duplicate, processing_summary=summary, content=None, **changes)


def complete_duplicates(
    duplicates: Iterable[Record], originals: Iterable[Record], config: DedupOptions
) -> Iterator[Record]:
    """The duplicates of one original, completed from it; of several records found for the
    original (this run and a history file) the earliest-created one is taken."""
    found = sorted(originals, key=lambda record: (record.created_at, record.id))
    original = found[0] if found else None
    for duplicate in sorted(duplicates, key=lambda record: record.id):
        yield complete_duplicate(duplicate, original, config)


def normalise_text(text: str) -> list[str]:
    """NFKC, lower case, words only: what two renderings of one text have in common."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return [word for word in _NON_WORD.split(folded) if word]


def _shingle_hashes(words: list[str]) -> np.ndarray:
    shingles = {
        " ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)
    }
    return np.array(
        sorted(
            int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=4).digest(), "big")
            for s in shingles
        ),
        dtype=np.uint64,
    )


def minhash(text: Optional[str]) -> Optional[bytes]:
    """MinHash signature of the text's word 5-shingles (``NUM_PERM`` uint32 as bytes); None
    for texts too short to judge."""
    words = normalise_text(text or "")
    if len(words) < MIN_WORDS:
        return None
    hashes = _shingle_hashes(words)
    minimum = np.full(NUM_PERM, _MAX32, dtype=np.uint64)
    for start in range(0, len(hashes), _CHUNK):  # bounded memory for book-length texts
        chunk = hashes[start : start + _CHUNK]
        permuted = ((np.outer(chunk, _A) + _B) % _MERSENNE) & _MAX32
        minimum = np.minimum(minimum, permuted.min(axis=0))
    return minimum.astype(_SIGNATURE_DTYPE).tobytes()


def band_keys(signature: bytes) -> Iterator[tuple[int, str]]:
    """LSH bands: documents sharing any band are candidate near-duplicates."""
    width = ROWS * _SIGNATURE_DTYPE.itemsize
    for band in range(BANDS):
        rows = signature[band * width : (band + 1) * width]
        yield band, hashlib.blake2b(rows, digest_size=8).hexdigest()


def band_members(
    record: Record,
) -> Iterator[tuple[tuple[int, str], tuple[str, str, bytes]]]:
    """``(band key, (source_uri, job_id, signature))`` for each LSH band of a completed,
    not exactly duplicated record with enough text; nothing otherwise."""
    if record.failed or record.is_duplicate:
        return
    signature = minhash(record.text)
    if signature is None:
        return
    member = (record.source_uri, record.id, signature)
    for key in band_keys(signature):
        yield key, member


def similarity(left: bytes, right: bytes) -> float:
    """Estimated Jaccard similarity of two signatures."""
    equal = np.frombuffer(left, _SIGNATURE_DTYPE) == np.frombuffer(right, _SIGNATURE_DTYPE)
    return int(np.count_nonzero(equal)) / NUM_PERM


def near_duplicate_pairs(
    members: Iterable[tuple[str, str, bytes]],
) -> Iterator[tuple[str, tuple[str, str]]]:
    """Within one LSH bucket of ``(source_uri, job_id, signature)``: ``(later_job_id,
    (earlier_uri, earlier_job_id))`` with the earliest similar member for each later one;
    "earlier" is the smaller uri, so the choice is deterministic. Stopping at the first match
    keeps a bucket of n copies of one template at n - 1 pairs instead of n(n-1)/2: only the
    earliest match is ever used (the caller takes the minimum over all bands)."""
    ordered = sorted(members)
    for j, (_, later_id, later_sig) in enumerate(ordered):
        for earlier_uri, earlier_id, earlier_sig in ordered[:j]:
            if earlier_id != later_id and similarity(earlier_sig, later_sig) >= NEAR_THRESHOLD:
                yield later_id, (earlier_uri, earlier_id)
                break


def near_duplicates_of(records: Iterable[Record]) -> dict[str, str]:
    """job_id -> the earliest similar job_id for a whole run held in memory (the benches'
    plain loop); the pipeline groups the same band members with a GroupByKey."""
    buckets: dict[tuple[int, str], list[tuple[str, str, bytes]]] = defaultdict(list)
    for record in records:
        for key, member in band_members(record):
            buckets[key].append(member)
    earliest: dict[str, tuple[str, str]] = {}
    for members in buckets.values():
        for later_id, earlier in near_duplicate_pairs(members):
            earliest[later_id] = min(earliest.get(later_id, earlier), earlier)
    return {job_id: earlier[1] for job_id, earlier in earliest.items()}


def mark_near_duplicate(record: Record, original_job_id: str) -> Record:
    return evolve(record, is_near_duplicate=True, near_duplicate_of=original_job_id)
