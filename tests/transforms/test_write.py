"""WriteDataset: only the selected formats; without --min-grade every record (failed too) in
the dataset sinks, with it only good-enough completed ones; failures and filtered records
always in rejected/; the profile written once; no temporary files left behind."""
import glob
import json
import os

import apache_beam as beam

from flexorch_beam import codes
from flexorch_beam.config import ProcessingConfig
from flexorch_beam.record import Record, fail, job_id
from flexorch_beam.transforms.write import WriteDataset


def records():
    done = [
        Record(id=job_id("w", f"/d/{i}"), document_id=f"doc_{i}", source_uri=f"/d/{i}",
                  file_name=f"{i}.txt", status=codes.STATUS_COMPLETED, text=f"text {i}",
                  token_count=2, quality_score=score, quality_grade=grade, format="txt")
        for i, (score, grade) in enumerate([(95.0, "A"), (70.0, "B"), (10.0, "D")])
    ]
    failed = fail(Record(id=job_id("w", "/d/x"), document_id=None, source_uri="/d/x",
                            file_name="x"), codes.TIMEOUT, "extraction took too long")
    return done + [failed]


def _lines(pattern):
    return [json.loads(line) for f in sorted(glob.glob(pattern)) for line in open(f)]


def test_default_formats_and_no_grade_filter(tmp_path):
    config = ProcessingConfig(run_id="w")
    with beam.Pipeline() as pipeline:
        _ = pipeline | beam.Create(records()) | WriteDataset(str(tmp_path), config)
    assert sorted(os.listdir(tmp_path)) == ["_SUCCESS", "jsonl", "parquet", "profile.json", "rejected", "report.html"]
    kept = _lines(f"{tmp_path}/jsonl/*.jsonl")
    rejected = _lines(f"{tmp_path}/rejected/*.jsonl")
    # no --min-grade: every record, the failed one too (one input file, one record)
    assert sorted(str(r["quality_grade"]) for r in kept) == ["A", "B", "D", "None"]
    assert [(r["reject_code"], r["failure_reason"]) for r in rejected] == [("FAILED", "TIMEOUT")]
    profile = json.loads((tmp_path / "profile.json").read_text())
    assert profile["record_count"] == 4 and profile["failure_counts"] == {"TIMEOUT": 1}
    assert (profile["dataset_count"], profile["rejected_count"], profile["training_count"]) == (4, 1, 3)
    leftovers = [p for p in glob.glob(f"{tmp_path}/**", recursive=True) if ".tmp" in p or "temp" in p.lower()]
    assert leftovers == []


def test_min_grade_moves_records_to_rejected(tmp_path):
    config = ProcessingConfig(run_id="w", formats=("jsonl", "finetune"), min_grade="A")
    with beam.Pipeline() as pipeline:
        _ = pipeline | beam.Create(records()) | WriteDataset(str(tmp_path), config)
    assert [r["quality_grade"] for r in _lines(f"{tmp_path}/jsonl/*.jsonl")] == ["A"]
    assert [e["text"] for e in _lines(f"{tmp_path}/finetune/*.jsonl")] == ["text 0"]
    rejected = _lines(f"{tmp_path}/rejected/*.jsonl")
    assert sorted(r["reject_code"] for r in rejected) == ["BELOW_MIN_GRADE", "BELOW_MIN_GRADE", "FAILED"]
    assert not os.path.exists(tmp_path / "parquet")
