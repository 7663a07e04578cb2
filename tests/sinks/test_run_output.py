"""The output folder before a run: another run's dataset is refused (or replaced with
--overwrite), this run id's own earlier attempt and a killed run's temp files are cleared,
a user's other files are left alone; _SUCCESS lists the files."""
import json
import os

import pytest

from flexorch_beam.sinks.run_output import (
    OutputInUseError,
    finish_run,
    is_temp,
    prepare_output,
    read_success,
)


def _tree(root):
    out = {}
    for folder, _dirs, files in os.walk(root):
        for name in files:
            path = os.path.join(folder, name)
            out[os.path.relpath(path, root)] = open(path, "rb").read()
    return out


def _dataset(root, run_id, finished=True):
    (root / "jsonl").mkdir(parents=True)
    (root / "jsonl" / "records-00000-of-00001.jsonl").write_text('{"id":"a"}\n')
    (root / "profile.json").write_text("{}")
    (root / "notes.txt").write_text("mine")
    marker = "_SUCCESS" if finished else "_STARTED"
    files = [{"path": "jsonl/records-00000-of-00001.jsonl", "bytes": 11}]
    (root / marker).write_text(json.dumps({"run_id": run_id, "files": files}))


def test_another_runs_dataset_is_refused_and_nothing_changes(tmp_path):
    _dataset(tmp_path, "day1")
    before = _tree(tmp_path)
    with pytest.raises(OutputInUseError, match="day1.*--overwrite"):
        prepare_output(str(tmp_path), "day2")
    assert _tree(tmp_path) == before


def test_overwrite_removes_that_dataset_only(tmp_path):
    _dataset(tmp_path, "day1")
    removed = prepare_output(str(tmp_path), "day2", overwrite=True)
    assert "jsonl/records-00000-of-00001.jsonl" in removed and "_SUCCESS" in removed
    assert sorted(_tree(tmp_path)) == ["_STARTED", "notes.txt"]
    assert not (tmp_path / "jsonl").exists()
    assert json.loads((tmp_path / "_STARTED").read_text())["run_id"] == "day2"


def test_same_run_id_replaces_its_own_dataset_without_overwrite(tmp_path):
    _dataset(tmp_path, "day1")
    prepare_output(str(tmp_path), "day1")
    assert sorted(_tree(tmp_path)) == ["_STARTED", "notes.txt"]


def test_killed_run_leftovers_are_cleaned(tmp_path):
    _dataset(tmp_path, "day1", finished=False)  # killed: _STARTED, no _SUCCESS
    temps = [
        "parquet/beam-temp-records-0123456789abcdef/3f2a.parquet",
        "xlsx/.temp7b1e8c2a-1111-2222-3333-444455556666/1234567",
        "profile.json.tmp-" + "ab" * 16,
    ]
    for rel in temps:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(b"partial")
        assert is_temp(rel)
    with pytest.raises(OutputInUseError):  # another run id: refused, temps untouched too
        prepare_output(str(tmp_path), "day2")
    assert all((tmp_path / rel).exists() for rel in temps)
    prepare_output(str(tmp_path), "day1")  # the retry of the killed run
    assert sorted(_tree(tmp_path)) == ["_STARTED", "notes.txt"]
    assert sorted(os.listdir(tmp_path)) == ["_STARTED", "notes.txt"]  # empty folders gone


def test_temp_files_alone_are_cleaned_without_overwrite(tmp_path):
    rel = "jsonl/beam-temp-records-feed/part"
    (tmp_path / rel).parent.mkdir(parents=True)
    (tmp_path / rel).write_text("x")
    assert prepare_output(str(tmp_path), "r") == [rel]


def test_an_unmarked_dataset_is_refused(tmp_path):
    (tmp_path / "parquet").mkdir()
    (tmp_path / "parquet" / "records-00000-of-00001.parquet").write_bytes(b"PAR1")
    with pytest.raises(OutputInUseError, match="no _SUCCESS"):
        prepare_output(str(tmp_path), "r")


def test_output_that_is_a_file_is_refused(tmp_path):
    (tmp_path / "f").write_text("x")
    with pytest.raises(OutputInUseError, match="is a file"):
        prepare_output(str(tmp_path / "f"), "r")


def test_finish_run_writes_success_last_with_the_manifest(tmp_path):
    (tmp_path / "jsonl").mkdir()
    shard = tmp_path / "jsonl" / "records-00000-of-00001.jsonl"
    shard.write_text("{}\n")
    (tmp_path / "xlsx" / ".temp-empty").mkdir(parents=True)
    finish_run({"record_count": 1, "completed_count": 1, "failed_count": 0, "dataset_count": 1,
                "rejected_count": 0, "total_tokens": 0, "avg_quality_score": None,
                "duplicate_count": 0, "near_duplicate_count": 0, "docs_with_pii": 0,
                "grade_counts": {}, "quality_histogram": [], "doc_type_counts": {},
                "pii_type_count": {}, "failure_counts": {}, "reject_counts": {},
                "language_counts": {}, "format_counts": {}},
               str(tmp_path), "r1", [str(shard)])
    success = read_success(str(tmp_path))
    assert success["run_id"] == "r1" and success["record_count"] == 1
    assert [f["path"] for f in success["files"]] == [
        "jsonl/records-00000-of-00001.jsonl", "profile.json", "report.html"]
    assert success["files"][0]["bytes"] == 3
    assert os.path.getmtime(tmp_path / "_SUCCESS") >= os.path.getmtime(tmp_path / "report.html")
    assert not (tmp_path / "xlsx").exists()
