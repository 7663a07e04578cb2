"""profile.json numbers recomputed independently from the records."""
import json
from collections import Counter

from flexorch_beam.sinks.profile import profile_rows


def test_profile_matches_the_records(dataset):
    out, records, kept, rejected = dataset
    profile = json.loads((out / "profile.json").read_text(encoding="utf-8"))
    done = [r for r in records if not r.failed]
    assert profile["record_count"] == len(records) == 9
    assert profile["completed_count"] == len(done)
    assert profile["failed_count"] == len(records) - len(done)
    assert profile["dataset_count"] == len(kept) and profile["rejected_count"] == len(rejected)
    assert profile["total_tokens"] == sum(r.token_count for r in done)
    assert profile["dataset_tokens"] == sum(row["token_count"] for row in kept.values())
    scores = [r.quality_score for r in done if r.quality_score is not None]
    assert profile["avg_quality_score"] == round(sum(scores) / len(scores), 2)
    assert profile["grade_counts"] == {"A": 4, "B": 1, "C": 1, "D": 1}
    assert profile["grade_counts"] == {g: sum(r.quality_grade == g for r in done) for g in "ABCD"}
    assert profile["pii_type_count"] == dict(
        Counter(f.type for r in done for f in r.pii_findings))
    assert profile["doc_type_counts"] == dict(Counter(r.doc_type for r in done))
    assert profile["language_counts"] == {"en": 5, "de": 1, "unknown": 1}
    assert profile["format_counts"] == {"pdf": 8, "unknown": 1}
    assert profile["failure_counts"] == {"CORRUPT_FILE": 1, "UNSUPPORTED_FILE": 1}
    assert profile["duplicate_count"] == 1 and profile["near_duplicate_count"] == 1
    hist = {b["from"]: b["count"] for b in profile["quality_histogram"]}
    assert hist[90] == 4 and hist[70] == 1 and hist[50] == 1 and hist[20] == 1
    assert profile["training_count"] == 3  # kept, with text, not (near-)duplicate
    assert profile["min_grade"] == "B"


def test_profile_of_nothing():
    profile = profile_rows([])
    assert profile["record_count"] == 0 and profile["avg_quality_score"] is None
