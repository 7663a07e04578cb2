"""Search and RAG chunks: an embedded full-text index (SQLite FTS5, ranked by BM25) over the
MASKED text of built datasets.

Why FTS5: it ships inside Python's sqlite3, needs no model download and no service, and BM25
is the standard lexical ranking. One index file per API key (``search/key_<id>.sqlite`` in
the data dir), so one key's search can never reach another key's chunks.

Privacy: only a record's published ``text`` is chunked (``raw_text`` is never read, see
dataset_rows.py), and a record whose findings were not masked (a run with ``--no-mask``) is
left out of the index altogether and counted as ``skipped_unmasked``.
"""
from __future__ import annotations

import hashlib
import re
import sqlite3
import threading
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

from flexorch_beam.tokens import estimate_tokens

CHUNK_TOKENS = 200  # target size; a paragraph longer than twice that is split on sentences
GRADES = ("A", "B", "C", "D")
STATUSES = ("not_indexed", "indexing", "ready", "failed")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS chunks (
    rowid INTEGER PRIMARY KEY,
    chunk_id TEXT NOT NULL UNIQUE,
    dataset_id TEXT NOT NULL,
    record_id TEXT,
    document_id TEXT,
    chunk_index INTEGER NOT NULL,
    text TEXT NOT NULL,
    token_count INTEGER NOT NULL,
    doc_type TEXT,
    language TEXT,
    quality_grade TEXT,
    quality_score REAL,
    pii_masked INTEGER NOT NULL,
    source_filename TEXT
);
CREATE INDEX IF NOT EXISTS chunks_dataset ON chunks(dataset_id, chunk_index);
CREATE VIRTUAL TABLE IF NOT EXISTS chunks_fts USING fts5(
    text, content='chunks', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER IF NOT EXISTS chunks_ai AFTER INSERT ON chunks BEGIN
    INSERT INTO chunks_fts(rowid, text) VALUES (new.rowid, new.text);
END;
CREATE TRIGGER IF NOT EXISTS chunks_ad AFTER DELETE ON chunks BEGIN
    INSERT INTO chunks_fts(chunks_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
END;
CREATE TABLE IF NOT EXISTS index_state (
    dataset_id TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    chunks_indexed INTEGER NOT NULL DEFAULT 0,
    total_chunks INTEGER NOT NULL DEFAULT 0,
    records_indexed INTEGER NOT NULL DEFAULT 0,
    skipped_unmasked INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT,
    error TEXT
);
"""

_SCHEMA_READY: set[str] = set()  # index files whose schema exists (this process)
_SCHEMA_LOCK = threading.Lock()
_PARAGRAPHS = re.compile(r"\n\s*\n")
_SENTENCES = re.compile(r"(?<=[.!?])\s+")
_QUERY_TERMS = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Chunk:
    chunk_id: str
    dataset_id: str
    record_id: Optional[str]
    document_id: Optional[str]
    chunk_index: int
    text: str
    token_count: int
    doc_type: Optional[str]
    language: Optional[str]
    quality_grade: Optional[str]
    quality_score: Optional[float]
    pii_masked: bool
    source_filename: Optional[str]

    def as_item(self) -> dict[str, Any]:
        """The shape GET /datasets/{id}/chunks and POST /search return (the SDK's)."""
        return {
            "chunk_id": self.chunk_id,
            "dataset_id": self.dataset_id,
            "chunk_index": self.chunk_index,
            "text": self.text,
            "token_count": self.token_count,
            "metadata": {
                "record_id": self.record_id,
                "document_id": self.document_id,
                "doc_type": self.doc_type,
                "language": self.language,
                "quality_grade": self.quality_grade,
                "quality_score": self.quality_score,
                "pii_masked": self.pii_masked,
                "source_filename": self.source_filename,
            },
        }


def split_text(text: str, target_tokens: int = CHUNK_TOKENS) -> list[str]:
    """Paragraph-packed chunks of about ``target_tokens``; long paragraphs split on sentences."""
    pieces: list[str] = []
    for paragraph in _PARAGRAPHS.split(text):
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        if estimate_tokens(paragraph) <= 2 * target_tokens:
            pieces.append(paragraph)
        else:
            pieces.extend(s for s in _SENTENCES.split(paragraph) if s.strip())
    chunks: list[str] = []
    current: list[str] = []
    size = 0
    for piece in pieces:
        cost = estimate_tokens(piece)
        if current and size + cost > target_tokens:
            chunks.append("\n\n".join(current))
            current, size = [], 0
        current.append(piece)
        size += cost
    if current:
        chunks.append("\n\n".join(current))
    return chunks


def indexable(record: dict) -> bool:
    """A completed record with text whose findings (if any) were masked."""
    if record.get("status") != "completed" or not record.get("text"):
        return False
    return bool(record.get("privacy_applied")) or not int(record.get("pii_findings_count") or 0)


def chunk_records(dataset_id: str, records: Iterable[dict]) -> Iterator[Chunk]:
    """Chunks of every indexable record, in record order (deterministic ids)."""
    for record in records:
        if not indexable(record):
            continue
        record_id = record.get("id") or ""
        for index, text in enumerate(split_text(record["text"])):
            digest = hashlib.sha256(f"{dataset_id}\0{record_id}\0{index}".encode()).hexdigest()
            yield Chunk(
                chunk_id=f"chk_{digest[:24]}",
                dataset_id=str(dataset_id),
                record_id=record_id or None,
                document_id=record.get("document_id"),
                chunk_index=index,
                text=text,
                token_count=estimate_tokens(text),
                doc_type=record.get("doc_type"),
                language=record.get("language"),
                quality_grade=record.get("quality_grade"),
                quality_score=record.get("quality_score"),
                pii_masked=bool(record.get("privacy_applied")),
                source_filename=record.get("file_name"),
            )


def fts_query(query: str) -> Optional[str]:
    """A safe FTS5 expression: each word of the query quoted, any of them may match (BM25
    ranks chunks holding more of them, and rarer ones, first). None for a query of no words."""
    terms = [t for t in _QUERY_TERMS.findall(query.lower()) if t]
    if not terms:
        return None
    unique = list(dict.fromkeys(terms))[:32]
    return " OR ".join('"' + t.replace('"', '""') + '"' for t in unique)


def grades_filter(value: Any) -> Optional[list[str]]:
    """``"A,B"`` or ``["A", "B"]`` -> ["A", "B"]; None for no filter; ValueError for junk."""
    if value is None or value == "" or value == []:
        return None
    items = value.split(",") if isinstance(value, str) else list(value)
    grades = [str(g).strip().upper() for g in items if str(g).strip()]
    bad = [g for g in grades if g not in GRADES]
    if bad:
        raise ValueError(f"unknown quality grade(s): {', '.join(bad)} (A, B, C or D)")
    return grades or None


class SearchIndex:
    """One key's index file. Every call opens its own connection (threads share nothing)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        key = str(self.path.resolve())
        with _SCHEMA_LOCK:
            if key in _SCHEMA_READY and self.path.exists():
                return  # no DDL per request: it would wait behind a long indexing write
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with closing(self._connect()) as connection:
                connection.executescript(_SCHEMA)
            _SCHEMA_READY.add(key)

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, timeout=30)
        connection.row_factory = sqlite3.Row
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA busy_timeout=30000")
        return connection

    # --- state ---------------------------------------------------------------------------
    def status(self, dataset_id: str) -> dict[str, Any]:
        with closing(self._connect()) as connection:
            row = connection.execute(
                "SELECT * FROM index_state WHERE dataset_id = ?", (str(dataset_id),)
            ).fetchone()
        if row is None:
            return {"dataset_id": str(dataset_id), "status": "not_indexed", "chunks_indexed": 0,
                    "total_chunks": 0, "records_indexed": 0, "skipped_unmasked": 0,
                    "updated_at": None, "error": None}
        return dict(row)

    def set_status(self, dataset_id: str, status: str, updated_at: str,
                   error: Optional[str] = None) -> None:
        with closing(self._connect()) as connection, connection:
            connection.execute(
                "INSERT INTO index_state(dataset_id, status, updated_at, error) VALUES (?, ?, ?, ?)"
                " ON CONFLICT(dataset_id) DO UPDATE SET status = excluded.status,"
                " updated_at = excluded.updated_at, error = excluded.error",
                (str(dataset_id), status, updated_at, error),
            )

    # --- writing -------------------------------------------------------------------------
    def index_dataset(self, dataset_id: str, records: Iterable[dict], updated_at: str) -> dict[str, Any]:
        """Replace the dataset's chunks with those of ``records`` in one transaction."""
        dataset_id = str(dataset_id)
        skipped = 0
        indexed_records: set[str] = set()

        def counted(rows: Iterable[dict]) -> Iterator[dict]:
            nonlocal skipped
            for row in rows:
                if row.get("status") == "completed" and row.get("text") and not indexable(row):
                    skipped += 1
                yield row

        with closing(self._connect()) as connection, connection:
            connection.execute("DELETE FROM chunks WHERE dataset_id = ?", (dataset_id,))
            count = 0
            for chunk in chunk_records(dataset_id, counted(records)):
                connection.execute(
                    "INSERT INTO chunks(chunk_id, dataset_id, record_id, document_id, chunk_index,"
                    " text, token_count, doc_type, language, quality_grade, quality_score,"
                    " pii_masked, source_filename) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (chunk.chunk_id, chunk.dataset_id, chunk.record_id, chunk.document_id,
                     chunk.chunk_index, chunk.text, chunk.token_count, chunk.doc_type,
                     chunk.language, chunk.quality_grade, chunk.quality_score,
                     int(chunk.pii_masked), chunk.source_filename),
                )
                count += 1
                indexed_records.add(chunk.record_id or "")
            connection.execute(
                "INSERT INTO index_state(dataset_id, status, chunks_indexed, total_chunks,"
                " records_indexed, skipped_unmasked, updated_at, error)"
                " VALUES (?, 'ready', ?, ?, ?, ?, ?, NULL) ON CONFLICT(dataset_id) DO UPDATE SET"
                " status = 'ready', chunks_indexed = excluded.chunks_indexed,"
                " total_chunks = excluded.total_chunks, records_indexed = excluded.records_indexed,"
                " skipped_unmasked = excluded.skipped_unmasked, updated_at = excluded.updated_at,"
                " error = NULL",
                (dataset_id, count, count, len(indexed_records), skipped, updated_at),
            )
        return self.status(dataset_id)

    def drop_dataset(self, dataset_id: str) -> None:
        with closing(self._connect()) as connection, connection:
            connection.execute("DELETE FROM chunks WHERE dataset_id = ?", (str(dataset_id),))
            connection.execute("DELETE FROM index_state WHERE dataset_id = ?", (str(dataset_id),))
            connection.execute("INSERT INTO chunks_fts(chunks_fts) VALUES ('optimize')")

    # --- reading -------------------------------------------------------------------------
    @staticmethod
    def _filters(filters: dict[str, Any], where: list[str], params: list[Any]) -> None:
        if filters.get("dataset_id") not in (None, ""):
            ids = filters["dataset_id"]
            ids = [str(i) for i in (ids if isinstance(ids, (list, tuple)) else [ids])]
            where.append(f"c.dataset_id IN ({','.join('?' * len(ids))})")
            params.extend(ids)
        doc_type = filters.get("document_type") or filters.get("doc_type")
        if doc_type:
            where.append("c.doc_type = ?")
            params.append(str(doc_type))
        if filters.get("language"):
            where.append("c.language = ?")
            params.append(str(filters["language"]))
        if filters.get("pii_masked") is not None:
            where.append("c.pii_masked = ?")
            params.append(int(_truthy(filters["pii_masked"])))
        grades = grades_filter(filters.get("quality_grade"))
        if grades:
            where.append(f"c.quality_grade IN ({','.join('?' * len(grades))})")
            params.extend(grades)

    def search(self, query: str, top_k: int = 10, filters: Optional[dict[str, Any]] = None,
               dataset_ids: Optional[Iterable[str]] = None) -> list[dict[str, Any]]:
        """Best ``top_k`` chunks by BM25 (score: higher is better) among ``dataset_ids``."""
        expression = fts_query(query)
        if expression is None:
            return []
        where = ["chunks_fts MATCH ?"]
        params: list[Any] = [expression]
        self._filters(dict(filters or {}), where, params)
        if dataset_ids is not None:
            ids = [str(i) for i in dataset_ids]
            if not ids:
                return []
            where.append(f"c.dataset_id IN ({','.join('?' * len(ids))})")
            params.extend(ids)
        sql = (
            "SELECT c.*, bm25(chunks_fts) AS rank FROM chunks_fts"
            " JOIN chunks c ON c.rowid = chunks_fts.rowid"
            f" WHERE {' AND '.join(where)} ORDER BY rank LIMIT ?"
        )
        params.append(int(top_k))
        with closing(self._connect()) as connection:
            rows = connection.execute(sql, params).fetchall()
        results = []
        for row in rows:
            item = _chunk(row).as_item()
            item["score"] = round(-float(row["rank"]), 6)
            results.append(item)
        return results

    def chunks(self, dataset_id: str, page: int = 1, page_size: int = 20,
               filters: Optional[dict[str, Any]] = None) -> tuple[list[Chunk], int]:
        """One page of a dataset's indexed chunks in order, and the filtered total."""
        where = ["c.dataset_id = ?"]
        params: list[Any] = [str(dataset_id)]
        self._filters({k: v for k, v in (filters or {}).items() if k != "dataset_id"}, where, params)
        clause = " AND ".join(where)
        with closing(self._connect()) as connection:
            total = connection.execute(f"SELECT COUNT(*) FROM chunks c WHERE {clause}", params).fetchone()[0]
            rows = connection.execute(
                f"SELECT c.* FROM chunks c WHERE {clause} ORDER BY c.rowid LIMIT ? OFFSET ?",
                [*params, int(page_size), (int(page) - 1) * int(page_size)],
            ).fetchall()
        return [_chunk(r) for r in rows], int(total)


def filter_chunks(chunks: Iterable[Chunk], filters: dict[str, Any]) -> list[Chunk]:
    """The same filters as the index's, over chunks computed on the fly (a dataset not indexed)."""
    grades = grades_filter(filters.get("quality_grade"))
    masked = filters.get("pii_masked")
    out = []
    for chunk in chunks:
        if grades and chunk.quality_grade not in grades:
            continue
        if masked is not None and chunk.pii_masked != _truthy(masked):
            continue
        doc_type = filters.get("document_type") or filters.get("doc_type")
        if doc_type and chunk.doc_type != doc_type:
            continue
        if filters.get("language") and chunk.language != filters["language"]:
            continue
        out.append(chunk)
    return out


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)


def _chunk(row: sqlite3.Row) -> Chunk:
    return Chunk(
        chunk_id=row["chunk_id"], dataset_id=row["dataset_id"], record_id=row["record_id"],
        document_id=row["document_id"], chunk_index=row["chunk_index"], text=row["text"],
        token_count=row["token_count"], doc_type=row["doc_type"], language=row["language"],
        quality_grade=row["quality_grade"], quality_score=row["quality_score"],
        pii_masked=bool(row["pii_masked"]), source_filename=row["source_filename"],
    )
