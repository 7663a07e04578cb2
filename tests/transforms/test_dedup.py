"""MarkDuplicates / CompleteDuplicates / MarkNearDuplicates in a real Beam pipeline with real
extraction: duplicates are not extracted, and every record comes out complete."""
import hashlib

import apache_beam as beam
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from apache_beam.metrics.metric import MetricsFilter
from apache_beam.testing.util import assert_that

from flexorch_beam import codes
from flexorch_beam.config import ProcessingConfig
from flexorch_beam.record import SCHEMA, Record, fail, job_id, to_row
from flexorch_beam.sources import describe_content
from flexorch_beam.transforms.dedup import CompleteDuplicates, MarkDuplicates, MarkNearDuplicates
from flexorch_beam.transforms.process import ProcessDocuments

RUN = "dedup-test"
PROSE = (
    "This agreement is made between the supplier and the customer for the delivery of office "
    "furniture to the customer's premises in accordance with the specification attached as "
    "annex one and the price list attached as annex two of this agreement signed today"
)
HISTORY_BYTES = b"A document an earlier run already processed, word for word the same."


def source(uri: str, content: bytes) -> Record:
    return describe_content(
        Record(id=job_id(RUN, uri), document_id=None, source_uri=uri,
                  file_name=uri.rsplit("/", 1)[-1], run_id=RUN, created_at="2024-06-01"),
        content,
    )


def inputs() -> list[Record]:
    same = b"Invoice INV-1 total 10.00 EUR, the same bytes in three files."
    return [
        source("/in/c.txt", same), source("/in/a.txt", same), source("/in/b.txt", same),
        source("/in/unique.txt", b"Receipt from the corner shop, total 3.20 EUR."),
        source("/in/seen.txt", HISTORY_BYTES),
        source("/in/near1.txt", PROSE.encode()),
        source("/in/near2.txt", (PROSE + " in Berlin").encode()),
        fail(Record(id=job_id(RUN, "/in/gone.txt"), document_id=None, source_uri="/in/gone.txt",
                       file_name="gone.txt", run_id=RUN), codes.READ_ERROR, "file not found at its path"),
    ]


@pytest.fixture
def history_glob(tmp_path):
    earlier = Record(
        id="job_earlier", document_id="doc_e", source_uri="/old/seen.txt", file_name="seen.txt",
        sha256=hashlib.sha256(HISTORY_BYTES).hexdigest(), format="txt", text="from history",
        doc_type="other", quality_score=88.0, quality_grade="A", run_id="r0",
        created_at="2024-05-01", processing_summary="Extracted 70 characters.",
    )
    path = tmp_path / "records-00000-of-00001.parquet"
    pq.write_table(pa.Table.from_pylist([to_row(earlier)], schema=SCHEMA), path)
    return str(tmp_path / "*.parquet")


def run_graph(config: ProcessingConfig, check) -> int:
    pipeline = beam.Pipeline()
    marked = pipeline | beam.Create(inputs()) | MarkDuplicates(config)
    unique, duplicates = marked | beam.Partition(lambda e, _n: int(e.is_duplicate), 2)
    processed = unique | ProcessDocuments(config) | MarkNearDuplicates(config)
    done = (processed, duplicates) | CompleteDuplicates(config)
    assert_that((processed, done) | beam.Flatten(), check)
    result = pipeline.run()
    result.wait_until_finish()
    extracted = result.metrics().query(MetricsFilter().with_name("step_ms_extract"))
    return sum(d.committed.count for d in extracted["distributions"])


def by_uri(records):
    return {r.source_uri: r for r in records}


def test_duplicates_are_marked_completed_and_not_extracted(history_glob):
    config = ProcessingConfig(run_id=RUN, sandbox=False, history=(history_glob,))

    def check(records):
        got = by_uri(records)
        assert len(records) == 8 and len(got) == 8  # one record per input, always
        original = got["/in/a.txt"]
        assert not original.is_duplicate and original.text and original.content is None
        for uri in ("/in/b.txt", "/in/c.txt"):
            dup = got[uri]
            assert dup.is_duplicate and dup.original_job_id == original.id
            assert dup.processing_summary == f"exact duplicate of {original.id}; not processed again"
            assert (dup.text, dup.format, dup.page_count) == (original.text, "txt", original.page_count)
            assert dup.id == job_id(RUN, uri) and dup.status == codes.STATUS_COMPLETED
        seen = got["/in/seen.txt"]
        assert seen.is_duplicate and seen.original_job_id == "job_earlier"
        assert seen.text == "from history" and seen.quality_grade == "A"
        assert "earlier run" in seen.processing_summary and seen.run_id == RUN
        assert got["/in/near2.txt"].is_near_duplicate
        assert got["/in/near2.txt"].near_duplicate_of == got["/in/near1.txt"].id
        assert not got["/in/near1.txt"].is_near_duplicate
        assert not got["/in/unique.txt"].is_duplicate and not got["/in/unique.txt"].is_near_duplicate
        assert got["/in/gone.txt"].failed and not got["/in/gone.txt"].is_duplicate

    # a, unique, near1, near2: the copies and the document in history are never extracted
    assert run_graph(config, check) == 4


def test_reprocess_ignores_history(history_glob):
    config = ProcessingConfig(run_id=RUN, sandbox=False, history=(history_glob,), reprocess=True)

    def check(records):
        seen = by_uri(records)["/in/seen.txt"]
        assert not seen.is_duplicate and seen.text != "from history"

    assert run_graph(config, check) == 5


def test_original_choice_does_not_depend_on_input_order():
    config = ProcessingConfig(run_id=RUN)
    original = job_id(RUN, "/in/a.txt")

    def check(got):
        assert sorted(got) == [("/in/b.txt", original, None), ("/in/c.txt", original, None)]

    with beam.Pipeline() as pipeline:
        marked = pipeline | beam.Create(list(reversed(inputs()))) | MarkDuplicates(config)
        duplicates = marked | beam.Filter(lambda e: e.is_duplicate) | beam.Map(
            lambda e: (e.source_uri, e.original_job_id, e.content)
        )
        assert_that(duplicates, check)


def test_a_duplicates_own_file_name_is_masked(tmp_path):
    """Found by the API work: a duplicate skips DetectPII, so its own name kept raw PII."""
    import json

    from flexorch_beam import cli

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    body = "Dear team, the quarterly meeting moves to Friday at ten o'clock in room four."
    (inbox / "0.txt").write_text(body)
    (inbox / "Jane_Doe_SSN_123-45-6789.txt").write_text(body)
    out = tmp_path / "out"
    assert cli.run(["--input", f"{inbox}/*", "--output", str(out), "--formats", "jsonl",
                    "--run_id", "dup", "--no-sandbox"]) == 0
    rows = [json.loads(line) for part in (out / "jsonl").glob("*.jsonl")
            for line in part.read_text().splitlines()]
    assert len(rows) == 2 and sum(row["is_duplicate"] for row in rows) == 1
    for row in rows:
        assert "123-45-6789" not in row["file_name"] and "123-45-6789" not in row["source_uri"]
