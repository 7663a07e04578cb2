"""Scheduled incremental builds: each run over a growing folder, with the earlier runs' Parquet
as --history, extracts only the files that are new; --reprocess extracts everything again."""
import glob
import json

import apache_beam as beam
import pyarrow.parquet as pq
from apache_beam.metrics.metric import MetricsFilter

from flexorch_beam import pipeline as pipeline_module
from flexorch_beam.config import ProcessingConfig
from flexorch_beam.record import job_id


def run(tmp_path, run_id, history=(), reprocess=False, formats=("jsonl", "parquet")):
    out = tmp_path / run_id
    config = ProcessingConfig(run_id=run_id, sandbox=False, history=tuple(history),
                              reprocess=reprocess, formats=formats)
    pipe = beam.Pipeline()
    pipeline_module.build(pipe, config, str(out), globs=[str(tmp_path / "inbox" / "*.txt")])
    result = pipe.run()
    result.wait_until_finish()
    extracted = result.metrics().query(MetricsFilter().with_name("step_ms_extract"))
    count = sum(d.committed.count for d in extracted["distributions"])
    rows = {
        r["file_name"]: r
        for f in glob.glob(str(out / "parquet" / "*.parquet"))
        for r in pq.read_table(f).to_pylist()
    }
    return count, rows, str(out / "parquet" / "*.parquet")


def add(tmp_path, name, text):
    (tmp_path / "inbox").mkdir(exist_ok=True)
    (tmp_path / "inbox" / name).write_text(text, encoding="utf-8")


def test_second_run_processes_only_new_files(tmp_path):
    add(tmp_path, "a.txt", "Invoice INV-1, total 10.00 EUR, due in thirty days.")
    add(tmp_path, "b.txt", "Receipt from the corner shop, total 3.20 EUR.")
    add(tmp_path, "a_copy.txt", "Invoice INV-1, total 10.00 EUR, due in thirty days.")
    first_count, first, first_glob = run(tmp_path, "run1")
    assert first_count == 2  # a and b; a_copy is an in-run duplicate
    assert first["a_copy.txt"]["original_job_id"] == first["a.txt"]["id"]

    add(tmp_path, "c.txt", "Purchase order PO-7 for twelve chairs, delivery in May.")
    second_count, second, second_glob = run(tmp_path, "run2", history=[first_glob])
    assert second_count == 1  # only c.txt is new
    assert len(second) == 4  # still one record per file
    assert not second["c.txt"]["is_duplicate"]
    for name in ("a.txt", "b.txt", "a_copy.txt"):
        row = second[name]
        assert row["is_duplicate"] and row["status"] == "completed"
        assert row["original_job_id"] == first["a.txt" if name != "b.txt" else "b.txt"]["id"]
        assert row["id"] == job_id("run2", str(tmp_path / "inbox" / name))
        assert row["text"] == first[name]["text"]  # complete record, copied from run 1

    add(tmp_path, "d.txt", "Bank statement for March, closing balance 1,234.56 EUR.")
    third_count, third, _ = run(tmp_path, "run3", history=[first_glob, second_glob])
    assert third_count == 1
    assert third["a_copy.txt"]["original_job_id"] == first["a.txt"]["id"]  # chains resolve

    again_count, again, _ = run(tmp_path, "run4", history=[first_glob], reprocess=True)
    assert again_count == 4 and not any(r["is_duplicate"] for n, r in again.items() if n != "a_copy.txt")


STABLE = ("id", "document_id", "is_duplicate", "original_job_id", "is_near_duplicate", "status",
          "text", "quality_grade", "doc_type", "run_id")


def test_rerun_of_a_day_with_its_own_output_in_history_gives_the_same_dataset(tmp_path):
    """A scheduler retry: same run id, same folder, --history glob that matches the folder."""
    add(tmp_path, "a.txt", "Invoice INV-1, total 10.00 EUR, due in thirty days.")
    add(tmp_path, "b.txt", "Receipt from the corner shop, total 3.20 EUR.")
    add(tmp_path, "a_copy.txt", "Invoice INV-1, total 10.00 EUR, due in thirty days.")
    history = [str(tmp_path / "*" / "parquet" / "*.parquet")]  # README pattern: every day
    formats = ("jsonl", "parquet", "finetune")
    first_count, first, _ = run(tmp_path, "day1", history=history, formats=formats)
    again_count, again, _ = run(tmp_path, "day1", history=history, formats=formats)
    assert first_count == again_count == 2
    assert sorted(again) == sorted(first) == ["a.txt", "a_copy.txt", "b.txt"]
    for name, row in again.items():
        assert {k: row[k] for k in STABLE} == {k: first[name][k] for k in STABLE}, name
    assert [n for n, r in again.items() if r["is_duplicate"]] == ["a_copy.txt"]
    examples = [json.loads(line) for f in glob.glob(str(tmp_path / "day1" / "finetune" / "*.jsonl"))
                for line in open(f, encoding="utf-8")]
    assert sorted(e["meta"]["file_name"] for e in examples) == ["a.txt", "b.txt"]

    # the next day still sees day1 as history (and not its own output)
    add(tmp_path, "c.txt", "Purchase order PO-7 for twelve chairs, delivery in May.")
    day2_count, day2, _ = run(tmp_path, "day2", history=history, formats=formats)
    day2_again_count, day2_again, _ = run(tmp_path, "day2", history=history, formats=formats)
    assert day2_count == day2_again_count == 1  # only c.txt
    assert {n: r["is_duplicate"] for n, r in day2_again.items()} == {
        "a.txt": True, "a_copy.txt": True, "b.txt": True, "c.txt": False}
    assert day2_again["a.txt"]["original_job_id"] == first["a.txt"]["id"]
