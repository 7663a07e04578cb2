"""POST /v1/search, GET /v1/datasets/{id}/chunks, POST /v1/datasets/{id}/index,
GET /v1/datasets/{id}/index/status: full-text search and RAG chunks over masked text
(search.py).

Modes: the index is full-text only (SQLite FTS5, BM25); there is no embedding model here.
``auto`` (the SDK's default) and ``bm25`` are answered by BM25 and the response's ``mode``
says ``bm25``. The SDK's other modes, ``semantic``, ``hybrid`` (vectors) and ``structured``,
are not offered: 400 ``SEARCH_MODE_NOT_AVAILABLE`` with the modes that are, rather than a
BM25 answer passed off as another mode. Any other value is a VALIDATION_ERROR."""
from __future__ import annotations

import logging
import threading
from typing import Any, Optional

from fastapi import APIRouter, Body, Depends, Request
from sqlalchemy import select

from flexorch_beam.server import dataset_rows
from flexorch_beam.server.auth import Caller, caller
from flexorch_beam.server.db import iso, utcnow
from flexorch_beam.server.errors import ApiError, ok
from flexorch_beam.server.models import Dataset
from flexorch_beam.server.routes.datasets import own_dataset
from flexorch_beam.server.search import SearchIndex, chunk_records, filter_chunks, grades_filter

LOG = logging.getLogger("flexorch_beam.server.search")
router = APIRouter()
MODES = ("auto", "bm25")  # offered; each is answered by BM25
NOT_OFFERED = ("semantic", "hybrid", "structured")  # the SDK's other modes
FILTER_KEYS = ("document_type", "doc_type", "language", "pii_masked", "quality_grade", "dataset_id")
_LOCK = threading.Lock()


def key_index(request: Request, key_id: int) -> SearchIndex:
    return SearchIndex(request.app.state.settings.data_dir / "search" / f"key_{key_id}.sqlite")


def _running(request: Request) -> set:
    state = request.app.state
    with _LOCK:
        if not hasattr(state, "indexing"):
            state.indexing = set()
        return state.indexing


@router.post("/search")
def search(request: Request, body: Optional[dict] = Body(None), who: Caller = Depends(caller)):  # noqa: ANN201
    body = body or {}
    query = body.get("query")
    if not isinstance(query, str) or not query.strip() or len(query) > 2000:
        raise ApiError("VALIDATION_ERROR", "query must be a non-empty string (at most 2000 characters)")
    top_k = body.get("top_k", 10)
    if not isinstance(top_k, int) or isinstance(top_k, bool) or not 1 <= top_k <= 50:
        raise ApiError("VALIDATION_ERROR", "top_k must be an integer from 1 to 50")
    mode = body.get("mode", "auto")
    if mode in NOT_OFFERED:
        need = ("a structured-field index" if mode == "structured" else "vector embeddings")
        raise ApiError("SEARCH_MODE_NOT_AVAILABLE",
                       f"search mode {mode!r} needs {need}, which this server does not have; "
                       f"use one of {list(MODES)} (full-text BM25)",
                       {"requested": mode, "available": list(MODES)})
    if mode not in MODES:
        raise ApiError("VALIDATION_ERROR", f"mode must be one of {list(MODES)}",
                       {"available": list(MODES)})
    filters = body.get("filters") or {}
    if not isinstance(filters, dict) or set(filters) - set(FILTER_KEYS):
        raise ApiError("VALIDATION_ERROR", f"filters may hold {list(FILTER_KEYS)}")
    try:
        grades_filter(filters.get("quality_grade"))
    except ValueError as error:
        raise ApiError("VALIDATION_ERROR", str(error)) from None
    with request.app.state.db.session() as session:
        live = [str(i) for i in session.scalars(select(Dataset.id).where(
            Dataset.key_id == who.key_id, Dataset.deleted.is_(False)))]
    results = key_index(request, who.key_id).search(query, top_k=top_k, filters=filters, dataset_ids=live)
    return ok({"query": query, "mode": "bm25", "mode_requested": mode, "results": results,
               "total": len(results)})


@router.get("/datasets/{dataset_id}/chunks")
def chunks(dataset_id: str, request: Request, who: Caller = Depends(caller), page: int = 1,
           page_size: int = 20, quality_grade: Optional[str] = None,
           pii_masked: Optional[bool] = None, document_type: Optional[str] = None,
           language: Optional[str] = None):  # noqa: ANN201
    """The dataset's RAG chunks: from the index when it is ready, else chunked on the fly
    (the same chunker, so the same ids)."""
    if page < 1 or not 1 <= page_size <= 100:
        raise ApiError("VALIDATION_ERROR", "page >= 1 and 1 <= page_size <= 100")
    filters: dict[str, Any] = {"quality_grade": quality_grade, "pii_masked": pii_masked,
                               "document_type": document_type, "language": language}
    try:
        grades_filter(quality_grade)
    except ValueError as error:
        raise ApiError("VALIDATION_ERROR", str(error)) from None
    with request.app.state.db.session() as session:
        dataset = own_dataset(session, who, dataset_id, ready=True)
    index = key_index(request, who.key_id)
    if index.status(str(dataset.id))["status"] == "ready":
        items, total = index.chunks(str(dataset.id), page, page_size, filters)
    else:
        every = filter_chunks(chunk_records(str(dataset.id), dataset_rows.read_records(dataset.path)), filters)
        total = len(every)
        items = every[(page - 1) * page_size: page * page_size]
    return ok({"items": [c.as_item() for c in items], "total": total, "page": page,
               "page_size": page_size, "total_pages": (total + page_size - 1) // page_size})


@router.post("/datasets/{dataset_id}/index")
def index_dataset(dataset_id: str, request: Request, who: Caller = Depends(caller)):  # noqa: ANN201
    """Start (re)indexing in the background; poll .../index/status."""
    with request.app.state.db.session() as session:
        dataset = own_dataset(session, who, dataset_id, ready=True)
    index = key_index(request, who.key_id)
    job = (who.key_id, dataset.id)
    running = _running(request)
    with _LOCK:
        if job in running:
            return ok({**index.status(str(dataset.id)), "message": "indexing is already running"},
                      status_code=202)
        running.add(job)
    index.set_status(str(dataset.id), "indexing", iso(utcnow()))
    thread = threading.Thread(target=_build, args=(index, str(dataset.id), dataset.path, running, job),
                              name=f"flexorch-index-{dataset.id}", daemon=True)
    thread.start()
    return ok({"status": "indexing", "dataset_id": str(dataset.id),
               "message": "indexing started; poll GET /datasets/{id}/index/status"}, status_code=202)


def _build(index: SearchIndex, dataset_id: str, path: str, running: set, job: tuple) -> None:
    try:
        index.index_dataset(dataset_id, dataset_rows.read_records(path), iso(utcnow()))
    except Exception as error:  # noqa: BLE001 - the status says failed, by error type only
        LOG.error("indexing dataset %s failed: %s", dataset_id, type(error).__name__)
        index.set_status(dataset_id, "failed", iso(utcnow()), error=type(error).__name__)
    finally:
        with _LOCK:
            running.discard(job)


@router.get("/datasets/{dataset_id}/index/status")
def index_status(dataset_id: str, request: Request, who: Caller = Depends(caller)):  # noqa: ANN201
    with request.app.state.db.session() as session:
        dataset = own_dataset(session, who, dataset_id)
    index = key_index(request, who.key_id)
    status = index.status(str(dataset.id))
    if status["status"] == "indexing":
        running = _running(request)
        with _LOCK:
            alive = (who.key_id, dataset.id) in running
        if not alive:  # a server stopped mid-way: say so instead of "indexing" forever
            index.set_status(str(dataset.id), "failed", iso(utcnow()), error="interrupted")
            status = index.status(str(dataset.id))
    return ok(status)
