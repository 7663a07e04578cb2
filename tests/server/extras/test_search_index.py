"""The embedded FTS5 index: chunks of masked text only, BM25 ranking, filters, per-key files."""
from __future__ import annotations

import pytest

from flexorch_beam.server import dataset_rows
from flexorch_beam.server.search import (
    SearchIndex, chunk_records, filter_chunks, fts_query, grades_filter, split_text,
)

from .conftest import RAW_EMAIL, RAW_IBAN, RAW_SSN


def _index_bytes(path):
    """Every byte SQLite wrote for the index (main file, WAL, shared memory)."""
    data = b""
    for suffix in ("", "-wal", "-shm"):
        candidate = path.with_name(path.name + suffix)
        if candidate.exists():
            data += candidate.read_bytes()
    return data


def test_raw_pii_never_reaches_the_index(built_dataset, tmp_path):
    raw = list(dataset_rows.read_records(built_dataset, columns=("raw_text", "text", "file_name")))
    assert any(RAW_EMAIL in (r.get("text") or "") for r in raw) is False
    # The dataset does hold the raw values (in raw_text, which the reader refuses to read).
    import pyarrow.parquet as pq
    table = pq.read_table(next((built_dataset / "parquet").glob("*.parquet")), columns=["raw_text"])
    assert any(RAW_EMAIL in (v or "") for v in table.column("raw_text").to_pylist())

    index = SearchIndex(tmp_path / "key_1.sqlite")
    status = index.index_dataset("7", dataset_rows.read_records(built_dataset), "now")
    assert status["status"] == "ready" and status["chunks_indexed"] >= 3
    blob = _index_bytes(index.path)
    for value in (RAW_EMAIL, RAW_IBAN, RAW_SSN, RAW_IBAN.replace(" ", ""), "ayse.yilmaz"):
        assert value.encode() not in blob, "a raw PII value reached the index"
    assert b"[EMAIL]" in blob  # the masked text is what was indexed
    assert index.search("ayse yilmaz example") == [] or all(
        "ayse" not in r["text"].lower() for r in index.search("ayse yilmaz example"))


def test_bm25_ranks_the_matching_chunk_first_with_sdk_shape(built_dataset, tmp_path):
    index = SearchIndex(tmp_path / "key_1.sqlite")
    index.index_dataset("7", dataset_rows.read_records(built_dataset), "now")
    results = index.search("late payment interest terms", top_k=5)
    assert results, "no result"
    best = results[0]
    assert "Late payment interest" in best["text"]
    assert set(best) >= {"chunk_id", "text", "score", "dataset_id", "chunk_index", "token_count", "metadata"}
    assert best["dataset_id"] == "7" and best["score"] > 0
    assert [r["score"] for r in results] == sorted((r["score"] for r in results), reverse=True)
    meta = best["metadata"]
    assert meta["doc_type"] == "invoice" and meta["pii_masked"] is True
    assert meta["quality_grade"] in "ABCD" and meta["source_filename"] == "invoice.txt"
    # Filters narrow; a grade or type no chunk has gives nothing.
    assert index.search("warehouse", filters={"pii_masked": True}) == []
    assert index.search("warehouse", filters={"pii_masked": False})
    assert index.search("payment", filters={"document_type": "payroll_slip"}) == []
    assert index.search("payment", dataset_ids=["8"]) == []


def test_reindex_replaces_and_chunks_page(built_dataset, tmp_path):
    index = SearchIndex(tmp_path / "key_1.sqlite")
    first = index.index_dataset("7", dataset_rows.read_records(built_dataset), "t1")
    second = index.index_dataset("7", dataset_rows.read_records(built_dataset), "t2")
    assert first["chunks_indexed"] == second["chunks_indexed"]  # replaced, not doubled
    page, total = index.chunks("7", page=1, page_size=2)
    assert total == second["chunks_indexed"] and len(page) == min(2, total)
    rest, _ = index.chunks("7", page=2, page_size=2)
    assert {c.chunk_id for c in page}.isdisjoint(c.chunk_id for c in rest)
    # The chunks computed on the fly are the indexed ones (same ids, same order).
    computed = list(chunk_records("7", dataset_rows.read_records(built_dataset)))
    assert [c.chunk_id for c in computed][:2] == [c.chunk_id for c in page]
    index.drop_dataset("7")
    assert index.status("7")["status"] == "not_indexed"
    assert index.search("payment") == []


def test_unmasked_records_are_left_out():
    records = [
        {"id": "a", "status": "completed", "text": "raw john@example.com", "privacy_applied": False,
         "pii_findings_count": 1},
        {"id": "b", "status": "completed", "text": "clean text", "privacy_applied": False,
         "pii_findings_count": 0},
        {"id": "c", "status": "failed", "text": None},
    ]
    chunks = list(chunk_records("1", records))
    assert [c.record_id for c in chunks] == ["b"]


def test_split_text_packs_paragraphs_and_splits_long_ones():
    paragraphs = ["Sentence number %d is here." % i for i in range(200)]
    chunks = split_text(" ".join(paragraphs), target_tokens=50)
    assert len(chunks) > 5 and all(chunks)
    assert split_text("a\n\nb") == ["a\n\nb"]
    assert split_text("   \n\n ") == []


def test_query_and_filter_parsing():
    assert fts_query('payment" OR terms*') == '"payment" OR "or" OR "terms"'
    assert fts_query("!!!") is None
    assert grades_filter("a,B") == ["A", "B"] and grades_filter(None) is None
    with pytest.raises(ValueError):
        grades_filter("E")
    assert filter_chunks([], {"quality_grade": "A"}) == []


def test_an_interrupted_indexing_reads_failed_not_indexing_forever(built_dataset, tmp_path):
    """Through the SDK on a real server: a dataset row over the built folder, an index left
    'indexing' by a stopped server, then a fresh indexing and a search."""
    import time

    from flexorch_beam.server import auth
    from flexorch_beam.server.db import utcnow
    from flexorch_beam.server.models import Dataset, Execution

    from .conftest import running_server

    with running_server(tmp_path / "data", start_workers=False) as server:
        key_id, key = auth.create_key(server.app.state.db, "idx")
        client = server.client(key)
        with server.app.state.db.session() as session:
            execution = Execution(key_id=key_id, status="completed", created_at=utcnow())
            session.add(execution)
            session.flush()
            row = Dataset(key_id=key_id, name="d", slug="d", status="ready", path=str(built_dataset),
                          source_execution_id=execution.id, created_at=utcnow())
            session.add(row)
            session.flush()
            dataset_id = str(row.id)
        index = SearchIndex(server.settings.data_dir / "search" / f"key_{key_id}.sqlite")
        index.set_status(dataset_id, "indexing", "t")  # as a server stopped mid-way leaves it
        dataset = client.datasets.get(dataset_id)
        status = dataset.index_status()
        assert status["status"] == "failed" and status["error"] == "interrupted"
        assert dataset.index()["status"] == "indexing"
        deadline = time.monotonic() + 30
        while dataset.index_status()["status"] == "indexing" and time.monotonic() < deadline:
            time.sleep(0.1)
        assert dataset.index_status()["status"] == "ready"
        assert client.search("warehouse pallets")[0].dataset_id == dataset_id


def test_search_answers_while_a_long_indexing_write_is_open(built_dataset, tmp_path):
    """WAL: readers do not wait for the indexing transaction (nor create schema per call)."""
    import sqlite3
    import time

    index = SearchIndex(tmp_path / "key_1.sqlite")
    index.index_dataset("7", dataset_rows.read_records(built_dataset), "t1")
    writer = sqlite3.connect(index.path, timeout=30)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("DELETE FROM chunks WHERE dataset_id = '7'")  # an indexing run in progress
    started = time.monotonic()
    again = SearchIndex(index.path)
    assert again.search("late payment interest")  # the last committed index
    assert again.status("7")["status"] == "ready"
    assert time.monotonic() - started < 5
    writer.rollback()
    writer.close()


def test_search_modes_say_what_answered_and_refuse_what_is_not_offered(built_dataset, tmp_path):
    """The SDK's modes: auto/bm25 answered by BM25 (the response says `bm25`); semantic,
    hybrid, structured refused with SEARCH_MODE_NOT_AVAILABLE (400); nonsense is a 422."""
    import httpx
    from flexorch_sdk import FlexOrchError, ValidationError

    from flexorch_beam.server import auth
    from flexorch_beam.server.db import utcnow
    from flexorch_beam.server.models import Dataset, Execution

    from .conftest import running_server

    with running_server(tmp_path / "data", start_workers=False) as server:
        key_id, key = auth.create_key(server.app.state.db, "modes")
        with server.app.state.db.session() as session:
            execution = Execution(key_id=key_id, status="completed", created_at=utcnow())
            session.add(execution)
            session.flush()
            row = Dataset(key_id=key_id, name="d", slug="d", status="ready", path=str(built_dataset),
                          source_execution_id=execution.id, created_at=utcnow())
            session.add(row)
            session.flush()
            dataset_id = str(row.id)
        SearchIndex(server.settings.data_dir / "search" / f"key_{key_id}.sqlite").index_dataset(
            dataset_id, dataset_rows.read_records(built_dataset), "t")
        client = server.client(key)
        headers = {"X-API-KEY": key}
        for mode in ("auto", "bm25"):
            answer = httpx.post(f"{server.base_url}/search", headers=headers,
                                json={"query": "warehouse pallets", "mode": mode}).json()["data"]
            assert answer["mode"] == "bm25" and answer["mode_requested"] == mode
            assert answer["results"]
        assert client.search("warehouse pallets")  # the SDK's default mode, auto
        for mode in ("semantic", "hybrid", "structured"):
            with pytest.raises(FlexOrchError) as caught:
                client.search("warehouse pallets", mode=mode)
            assert caught.value.status_code == 400
            assert caught.value.error_code == "SEARCH_MODE_NOT_AVAILABLE"
            body = httpx.post(f"{server.base_url}/search", headers=headers,
                              json={"query": "x", "mode": mode}).json()["error"]
            assert body["details"] == {"requested": mode, "available": ["auto", "bm25"]}
        with pytest.raises(ValidationError):
            client.search("warehouse pallets", mode="telepathy")
