"""Nothing disappears: failed and below-grade records are in rejected/ with their reason."""
import glob
import json

from flexorch_beam.sinks.rejected import (
    BELOW_MIN_GRADE,
    FAILED,
    NOT_GRADED,
    in_dataset,
    reject_reason,
)


def test_rejected_output_holds_failures_and_filtered_records(dataset):
    out, records, kept, rejected = dataset
    lines = [json.loads(line) for f in sorted(glob.glob(f"{out}/rejected/rejected-*.jsonl"))
             for line in open(f, encoding="utf-8")]
    by_id = {line["id"]: line for line in lines}
    assert set(by_id) == set(rejected)
    assert set(by_id) | set(kept) == {r.id for r in records}  # every record somewhere
    codes = sorted(line["reject_code"] for line in lines)
    assert codes == [BELOW_MIN_GRADE, BELOW_MIN_GRADE, FAILED, FAILED]
    for line in lines:
        assert {k: v for k, v in line.items() if not k.startswith("reject_")} == rejected[line["id"]]
        if line["reject_code"] == FAILED:
            assert line["failure_reason"] in line["reject_reason"]
        else:
            assert "below --min-grade B" in line["reject_reason"]


def test_without_min_grade_the_dataset_keeps_failures_and_rejected_lists_them():
    failed = {"status": "failed", "failure_reason": "TIMEOUT"}
    assert in_dataset(failed, None) and not in_dataset(failed, "D")
    assert in_dataset({"status": "completed", "quality_grade": "D"}, None)
    assert not in_dataset({"status": "completed", "quality_grade": "D"}, "C")


def test_reject_reason_rules():
    assert reject_reason({"status": "failed", "failure_reason": "TIMEOUT"}, None)[0] == FAILED
    assert reject_reason({"status": "completed", "quality_grade": "D"}, None) is None
    assert reject_reason({"status": "completed", "quality_grade": "A"}, "A") is None
    assert reject_reason({"status": "completed", "quality_grade": None}, "C")[0] == NOT_GRADED
