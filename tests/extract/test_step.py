"""The extract step on records: in-process and through the sandbox pool."""
from __future__ import annotations

import pytest

from flexorch_beam import codes
from flexorch_beam.codes import ProcessingError
from flexorch_beam.extract.sandbox import SandboxPool
from flexorch_beam.extract_step import extract_record
from flexorch_beam.record import Record, RecordWarning


def _record(content: bytes, fmt: str) -> Record:
    return Record(
        id="job_1", document_id="doc_1", source_uri="mem://a", file_name="a", format=fmt,
        warnings=(RecordWarning("LOW_CONFIDENCE", None, "earlier"),), content=content,
    )


def test_in_process_extraction_fills_the_record_and_drops_bytes(config):
    result = extract_record(_record(b"hello world", "txt"), config)
    assert result.text == "hello world" and result.page_count == 1
    assert result.content is None
    assert result.warnings[0].message == "earlier"  # earlier warnings kept
    assert result.processing_summary == "Extracted 11 characters from 1 page(s) from a txt file."


def test_sandboxed_extraction_gives_the_same_record(config):
    pool = SandboxPool(timeout_s=30, memory_mb=2048)
    try:
        record = _record(b"same text either way", "txt")
        assert extract_record(record, config, pool) == extract_record(record, config)
    finally:
        pool.close()


def test_missing_content_is_an_internal_error(config):
    with pytest.raises(ProcessingError) as error:
        extract_record(_record(None, "txt"), config)  # type: ignore[arg-type]
    assert error.value.code == codes.INTERNAL_ERROR


def test_a_record_without_bytes_is_read_again_from_its_source(config, tmp_path):
    from flexorch_beam.config import InputOptions
    from flexorch_beam.sources import expand_glob, read_source, release_bytes

    (tmp_path / "note.txt").write_text("read me twice")
    record = release_bytes(read_source(next(expand_glob(str(tmp_path / "note.txt"))), InputOptions()))
    assert extract_record(record, config).text == "read me twice"
    with pytest.raises(ProcessingError) as error:  # never read at all: a bug, said so
        extract_record(Record(id="job_2", document_id="doc_2", source_uri="mem://b",
                                    file_name="b", format="txt"), config)
    assert error.value.code == codes.INTERNAL_ERROR
