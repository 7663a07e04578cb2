"""Reading earlier runs' Parquet: globs, refs of completed documents, full rows, memory://."""
import os

import fsspec
import pyarrow as pa
import pyarrow.parquet as pq

from flexorch_beam import codes
from flexorch_beam.history import (
    HistoryRef,
    earliest,
    record_from_history,
    history_files,
    read_refs,
    read_rows,
)
from flexorch_beam.record import SCHEMA, Record, ExtractedField, to_row


def _rows():
    done = Record(id="job_a", document_id="doc_1", source_uri="/a", file_name="a",
                     sha256="1" * 64, text="hello", run_id="r1", created_at="2024-01-01",
                     fields=(ExtractedField("date", "2024-01-01", 0.9, "rule"),))
    dup = Record(id="job_b", document_id="doc_1", source_uri="/b", file_name="b",
                    sha256="1" * 64, is_duplicate=True, original_job_id="job_a", run_id="r1",
                    created_at="2024-01-01")
    failed = Record(id="job_c", document_id="doc_2", source_uri="/c", file_name="c",
                       sha256="2" * 64, status=codes.STATUS_FAILED,
                       failure_reason=codes.TIMEOUT, run_id="r1", created_at="2024-01-01")
    return [done, dup, failed]


def _write(path, records):
    pq.write_table(pa.Table.from_pylist([to_row(e) for e in records], schema=SCHEMA), path)


def test_globs_dirs_and_nothing_yet(tmp_path):
    (tmp_path / "run1" / "parquet").mkdir(parents=True)
    _write(tmp_path / "run1" / "parquet" / "records-00000-of-00001.parquet", _rows())
    assert history_files([str(tmp_path / "run*/parquet/*.parquet")]) == [
        str(tmp_path / "run1/parquet/records-00000-of-00001.parquet")]
    assert history_files([str(tmp_path / "run1")]) == history_files(
        [str(tmp_path / "run1/**/*.parquet")])
    assert history_files([str(tmp_path / "nothing/*.parquet")]) == []


def test_refs_are_completed_rows_pointing_at_the_real_original(tmp_path):
    path = str(tmp_path / "h.parquet")
    _write(path, _rows())
    refs = list(read_refs(path))
    assert [(r.row_id, r.origin_job_id) for r in refs] == [("job_a", "job_a"), ("job_b", "job_a")]
    assert earliest(refs).row_id == "job_a"
    assert earliest([]) is None
    assert earliest([HistoryRef("2025", "job_z", "s", "job_z", "r2"),
                     HistoryRef("2024", "job_y", "s", "job_y", "r1")]).row_id == "job_y"


def test_full_rows_round_trip_to_executions(tmp_path):
    path = str(tmp_path / "h.parquet")
    _write(path, _rows())
    restored = [record_from_history(row) for row in read_rows(path)]
    assert restored == _rows()


def test_reads_through_fsspec_urls():
    fs = fsspec.filesystem("memory")
    with fs.open("/hist/run1/records.parquet", "wb") as handle:
        pq.write_table(pa.Table.from_pylist([to_row(e) for e in _rows()], schema=SCHEMA), handle)
    files = history_files(["memory://hist/*/*.parquet"])
    assert len(files) == 1 and files[0].startswith("memory://")
    assert files[0].endswith("/hist/run1/records.parquet")
    assert [r.row_id for r in read_refs(files[0])] == ["job_a", "job_b"]
    fs.rm("/hist", recursive=True)


def test_older_files_without_new_columns_still_read(tmp_path):
    path = str(tmp_path / "old.parquet")
    table = pa.Table.from_pylist([to_row(e) for e in _rows()], schema=SCHEMA)
    pq.write_table(table.drop_columns(["is_near_duplicate", "near_duplicate_of"]), path)
    assert [e.id for e in map(record_from_history, read_rows(path))] == ["job_a", "job_b", "job_c"]


def test_this_runs_own_output_and_rows_are_not_history(tmp_path):
    from flexorch_beam.history import ref_from_row

    for run in ("day1", "day2"):
        (tmp_path / run / "parquet").mkdir(parents=True)
        (tmp_path / run / "parquet" / "records.parquet").write_bytes(b"")
    pattern = [str(tmp_path / "*" / "parquet" / "*.parquet")]
    assert history_files(pattern, exclude_dir=str(tmp_path / "day2")) == [
        str(tmp_path / "day1" / "parquet" / "records.parquet")]
    # another spelling of the same folder is the same folder
    other = os.path.relpath(tmp_path / "day2" / ".." / "day2")
    assert len(history_files(pattern, exclude_dir=other)) == 1
    row = {"id": "job_a", "sha256": "ab", "status": "completed", "run_id": "day2"}
    assert ref_from_row(row) is not None
    assert ref_from_row(row, exclude_run_id="day2") is None
    assert ref_from_row(row, exclude_run_id="day3") is not None
