"""Archives hold documents: one record per member document, made in the read step, with an
fsspec chained source_uri; the archive gets a record of its own only when it fails as a
whole. Archives are written here by zipfile and tarfile."""
from __future__ import annotations

import dataclasses
import io
import json
import tarfile
import zipfile

import apache_beam as beam
import fsspec
import pytest
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that

from flexorch_beam import archives, codes
from flexorch_beam.codes import ProcessingError
from flexorch_beam.config import ProcessingConfig
from flexorch_beam.extract_step import extract_record
from flexorch_beam.sources import SourceFile, expand_archive, fetch_content, read_source
from flexorch_beam.transforms.read import ReadDocuments

CONFIG = ProcessingConfig(run_id="arch", sandbox=False)


def make_zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def make_tar(members: dict[str, bytes], mode: str = "w") -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode=mode) as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def records_of(path, config: ProcessingConfig = CONFIG) -> dict[str, object]:
    """The records the read step makes of one file, by source_uri."""
    archive = read_source(SourceFile(uri=str(path), file_name=path.name), config.input)
    return {record.source_uri: record for record in expand_archive(archive, config.input)}


WORDS = " ".join(f"word{i * 7919 % 10007}" for i in range(3000)).encode()  # compresses ~3x
LETTERS = {"invoices/a.txt": b"Invoice INV-1 total 10.00 EUR",
           "b.txt": b"A letter about the spring delivery schedule"}


@pytest.mark.parametrize("suffix, content", [
    ("zip", make_zip(LETTERS)), ("tar", make_tar(LETTERS)), ("tar.gz", make_tar(LETTERS, "w:gz")),
])
def test_each_member_document_is_a_record_with_a_chained_uri(tmp_path, suffix, content):
    path = tmp_path / f"batch.{suffix}"
    path.write_bytes(content)
    records = records_of(path)
    protocol = "zip" if suffix == "zip" else "tar"
    assert sorted(records) == sorted(f"{protocol}://{name}::{path}" for name in LETTERS)
    for uri, record in records.items():
        name = uri.split("://", 1)[1].split("::", 1)[0]
        assert record.status == codes.STATUS_COMPLETED and record.format == "txt"
        assert record.file_name == name.rsplit("/", 1)[-1]
        assert record.content == LETTERS[name] and record.size_bytes == len(LETTERS[name])
        assert json.loads(record.metadata)["archive"] == {
            "uri": str(path), "format": "tgz" if suffix == "tar.gz" else suffix, "path": [name]}
        with fsspec.open(uri) as handle:  # the uri opens again with fsspec
            assert handle.read() == LETTERS[name]
        # Extract reads the member again: just its stored bytes (ZIP, tar), or through the
        # whole archive (a tar.gz has no index)
        assert (record.member.span is None) == (suffix == "tar.gz")
        done = extract_record(dataclasses.replace(record, content=None), CONFIG.extract)
        assert done.text == LETTERS[name].decode()


def test_the_manifest_metadata_is_kept_beside_the_archive(tmp_path):
    path = tmp_path / "batch.zip"
    path.write_bytes(make_zip(LETTERS))
    source = SourceFile(uri=str(path), file_name="batch.zip", metadata='{"tenant": "t1"}')
    members = list(expand_archive(read_source(source, CONFIG.input), CONFIG.input))
    assert {json.loads(m.metadata)["tenant"] for m in members} == {"t1"}


def test_nested_archives_are_opened_up_to_the_depth_limit(tmp_path):
    deepest = make_zip({"d.txt": b"Too deep to be read"})
    level3 = make_tar({"c.txt": b"Third level text", "deeper.zip": deepest}, "w:gz")
    level2 = make_zip({"inner.tar.gz": level3})
    path = tmp_path / "outer.zip"
    path.write_bytes(make_zip({"a.txt": b"Top level text", "level2.zip": level2}))
    records = records_of(path)
    top = f"zip://level2.zip::{path}"
    assert sorted(records) == sorted([
        f"zip://a.txt::{path}",
        f"tar://c.txt::zip://inner.tar.gz::{top}",
        f"tar://deeper.zip::zip://inner.tar.gz::{top}",
    ])
    too_deep = records[f"tar://deeper.zip::zip://inner.tar.gz::{top}"]
    assert too_deep.failure_reason == codes.UNSUPPORTED_FILE
    assert "nested deeper than 3 levels" in too_deep.processing_summary
    third = records[f"tar://c.txt::zip://inner.tar.gz::{top}"]
    assert fetch_content(dataclasses.replace(third, content=None), CONFIG.input) == b"Third level text"


def test_a_corrupt_member_is_a_failed_record_of_its_own(tmp_path):
    content = bytearray(make_zip({"good.txt": b"Readable text " * 20, "bad.txt": WORDS}))
    start = content.index(b"bad.txt") + len(b"bad.txt")  # the local header's name, then data
    content[start + 500 : start + 600] = b"\xff" * 100  # inside the member's deflate data
    path = tmp_path / "batch.zip"
    path.write_bytes(bytes(content))
    records = records_of(path)
    assert records[f"zip://good.txt::{path}"].status == codes.STATUS_COMPLETED
    bad = records[f"zip://bad.txt::{path}"]
    assert bad.failure_reason == codes.CORRUPT_FILE and bad.file_name == "bad.txt"


def test_a_member_over_the_size_limit_is_not_read(tmp_path):
    small = dataclasses.replace(CONFIG, max_file_mb=0.01)  # ~10 KB
    path = tmp_path / "batch.zip"  # the archive is small: its member compresses well
    path.write_bytes(make_zip({"big.txt": b"x" * 20_000, "small.txt": b"short text"}))
    records = records_of(path, small)
    assert records[f"zip://big.txt::{path}"].failure_reason == codes.FILE_TOO_LARGE
    assert records[f"zip://small.txt::{path}"].status == codes.STATUS_COMPLETED


@pytest.mark.parametrize("content, code, words", [
    (make_zip({"huge.txt": b"0" * (8 * 1024 * 1024)}), codes.UNPROCESSABLE, "zip bomb"),
    (make_tar({"huge.txt": b"0" * (16 * 1024 * 1024)}, "w:gz"), codes.UNPROCESSABLE, "zip bomb"),
    (make_tar({"long.txt": WORDS}, "w:gz")[:2000], codes.CORRUPT_FILE, "damaged"),
    (make_zip({}), codes.UNPROCESSABLE, "holds no files"),
])
def test_an_archive_that_fails_as_a_whole_is_one_record(tmp_path, content, code, words):
    path = tmp_path / "bad.archive"
    path.write_bytes(content)
    records = records_of(path)
    assert list(records) == [str(path)]
    record = records[str(path)]
    assert record.failure_reason == code and words in record.processing_summary


def test_a_nested_bomb_fails_as_its_own_record(tmp_path):
    bomb = make_zip({"huge.txt": b"0" * (8 * 1024 * 1024)})
    path = tmp_path / "outer.tar"
    path.write_bytes(make_tar({"a.txt": b"Fine text", "bomb.zip": bomb}))
    records = records_of(path)
    assert records[f"tar://bomb.zip::{path}"].failure_reason == codes.UNPROCESSABLE
    assert records[f"tar://a.txt::{path}"].status == codes.STATUS_COMPLETED


def test_the_member_count_is_bounded(monkeypatch):
    monkeypatch.setattr(archives, "MAX_MEMBERS", 3)
    monkeypatch.setattr(archives._Budget, "__init__", lambda self: (
        setattr(self, "members", 3), setattr(self, "inflated", 1 << 20))[0])
    with pytest.raises(ProcessingError) as error:
        archives.open_members(make_zip({f"{i}.txt": b"x" for i in range(4)}), "zip", 1 << 20)
    assert error.value.code == codes.UNPROCESSABLE and "more than" in error.value.summary


def test_a_changed_archive_is_not_processed(tmp_path):
    path = tmp_path / "batch.zip"
    path.write_bytes(make_zip(LETTERS))
    record = records_of(path)[f"zip://b.txt::{path}"]
    path.write_bytes(make_zip({**LETTERS, "b.txt": b"Another text now"}))
    with pytest.raises(ProcessingError) as error:
        fetch_content(dataclasses.replace(record, content=None), CONFIG.input)
    assert error.value.code == codes.READ_ERROR


def test_read_documents_fans_members_out_in_a_beam_pipeline(tmp_path):
    """Local files and an object store (fsspec memory://) give one record per document."""
    (tmp_path / "loose.txt").write_bytes(b"A loose text file")
    (tmp_path / "batch.tar.gz").write_bytes(make_tar(LETTERS, "w:gz"))
    with fsspec.open("memory://archives-test/batch.zip", "wb") as handle:
        handle.write(make_zip(LETTERS))
    expected = sorted([str(tmp_path / "loose.txt")]
                      + [f"tar://{n}::{tmp_path / 'batch.tar.gz'}" for n in LETTERS]
                      + [f"zip://{n}::memory:///archives-test/batch.zip" for n in LETTERS])

    def check(records):
        assert sorted(r.source_uri for r in records) == expected
        assert all(r.status == codes.STATUS_COMPLETED and r.content is None for r in records)
        assert all(r.format == "txt" for r in records)

    with TestPipeline() as pipe:
        records = pipe | ReadDocuments([f"{tmp_path}/*", "memory://archives-test/*.zip"],
                                       config=CONFIG)
        assert_that(records | beam.combiners.ToList(), lambda lists: check(lists[0]))


def test_incremental_history_sees_members_by_their_content(tmp_path):
    """Run 2 with run 1's Parquet as --history: the members already read are duplicates
    (their own content hash), a new member is processed; one record per member each time."""
    import glob

    import pyarrow.parquet as pq
    from apache_beam.metrics.metric import MetricsFilter

    from flexorch_beam import pipeline as pipeline_module

    inbox = tmp_path / "inbox"
    inbox.mkdir()

    def run(run_id, history=()):
        out = tmp_path / run_id
        config = ProcessingConfig(run_id=run_id, sandbox=False, history=tuple(history),
                                  formats=("parquet",))
        pipe = beam.Pipeline()
        pipeline_module.build(pipe, config, str(out), globs=[str(inbox / "*")])
        result = pipe.run()
        result.wait_until_finish()
        extracted = result.metrics().query(MetricsFilter().with_name("step_ms_extract"))
        rows = {r["source_uri"]: r for f in glob.glob(str(out / "parquet" / "*.parquet"))
                for r in pq.read_table(f).to_pylist()}
        return sum(d.committed.count for d in extracted["distributions"]), rows

    (inbox / "batch1.zip").write_bytes(make_zip(LETTERS))
    first_count, first = run("run1")
    assert first_count == 2 and len(first) == 2
    (inbox / "batch2.tar.gz").write_bytes(make_tar(
        {**LETTERS, "c.txt": b"Purchase order PO-7 for twelve chairs"}, "w:gz"))
    second_count, second = run("run2", [str(tmp_path / "run1" / "parquet" / "*.parquet")])
    assert second_count == 1 and len(second) == 5  # only c.txt is new
    for name in LETTERS:
        row = second[f"tar://{name}::{inbox / 'batch2.tar.gz'}"]
        assert row["is_duplicate"] and row["original_job_id"] == first[
            f"zip://{name}::{inbox / 'batch1.zip'}"]["id"]
    assert not second[f"tar://c.txt::{inbox / 'batch2.tar.gz'}"]["is_duplicate"]


def test_pii_in_member_and_archive_names_is_masked_in_metadata_too(tmp_path):
    from flexorch_beam.pii.step import mask_names

    path = tmp_path / "Jane_Doe_SSN_123-45-6789.zip"
    path.write_bytes(make_zip({"payslips/SSN_123-45-6789.txt": b"Payslip for March"}))
    (record,) = records_of(path).values()
    assert "123-45-6789" in record.metadata  # raw until the PII step
    masked = mask_names(record, CONFIG.pii)
    for value in (masked.source_uri, masked.file_name, masked.metadata):
        assert "123-45-6789" not in value
    assert json.loads(masked.metadata)["archive"]["format"] == "zip"


@pytest.mark.filterwarnings("ignore:Duplicate name")
def test_a_name_twice_in_a_zip_gives_one_record(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", b"first copy of the text")
        archive.writestr("a.txt", b"second copy, appended")
    path = tmp_path / "twice.zip"
    path.write_bytes(buffer.getvalue())
    (record,) = records_of(path).values()
    assert record.status == codes.STATUS_COMPLETED
    assert fetch_content(dataclasses.replace(record, content=None), CONFIG.input) == record.content


def test_members_on_an_object_store_are_read_again_by_range():
    with fsspec.open("memory://archives-range/batch.zip", "wb") as handle:
        handle.write(make_zip({"pad.txt": WORDS, **LETTERS}))
    archive = read_source(SourceFile(uri="memory:///archives-range/batch.zip",
                                     file_name="batch.zip"), CONFIG.input)
    records = {r.file_name: r for r in expand_archive(archive, CONFIG.input)}
    record = records["a.txt"]
    assert record.source_uri == "zip://invoices/a.txt::memory:///archives-range/batch.zip"
    assert record.member.span.offset > len(WORDS) // 4  # behind the padding member
    assert fetch_content(dataclasses.replace(record, content=None), CONFIG.input) == LETTERS["invoices/a.txt"]
