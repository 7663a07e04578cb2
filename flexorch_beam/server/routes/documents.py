"""GET /v1/documents, GET /v1/documents/{id}, POST /v1/documents/{id}/reprocess."""
from __future__ import annotations

import json
import os
import uuid
from typing import Optional

from fastapi import APIRouter, Body, Depends, Query, Request
from sqlalchemy import select

from flexorch_beam.server.auth import Caller, caller
from flexorch_beam.server.db import utcnow
from flexorch_beam.server.errors import ApiError, ok
from flexorch_beam.server.models import Document, Execution, Job
from flexorch_beam.server.runconfig import parse_pipeline_config, signature
from flexorch_beam.server.views import document_view, job_view, page_of, page_params, wake_queue

router = APIRouter()


def own_document(session, who: Caller, document_id: str) -> Document:  # noqa: ANN001
    document = Document.of_key(session, who.key_id, document_id)
    if document is None:
        raise ApiError("NOT_FOUND", f"no document {document_id}")
    return document


@router.get("/documents")
def list_documents(request: Request, who: Caller = Depends(caller), page: int = 1,
                   page_size: int = 20, status: Optional[str] = None,
                   q: Optional[str] = None):  # noqa: ANN201
    page, page_size = page_params(page, page_size)
    with request.app.state.db.session() as session:
        query = select(Document).where(Document.key_id == who.key_id)
        if status is not None:
            query = query.where(Document.status == status)
        if q:
            query = query.where(Document.filename.contains(q))
        return ok(page_of(session, query, (Document.created_at.desc(), Document.id.desc()), page,
                          page_size, lambda d: document_view(session, d)))


@router.get("/documents/{document_id}")
def get_document(document_id: str, request: Request, who: Caller = Depends(caller)):  # noqa: ANN201
    with request.app.state.db.session() as session:
        return ok(document_view(session, own_document(session, who, document_id), detail=True))


@router.post("/documents/{document_id}/reprocess", status_code=202)
def reprocess(document_id: str, request: Request, body: Optional[dict] = Body(None),
              who: Caller = Depends(caller)):  # noqa: ANN201
    body = body or {}
    with request.app.state.db.session() as session:
        document = own_document(session, who, document_id)
        if not document.storage_path or not os.path.isfile(document.storage_path):
            raise ApiError("DOCUMENT_FILE_NOT_AVAILABLE", "the uploaded file is no longer stored")
        latest = session.scalar(select(Job).where(Job.document_id == document.id)
                                .order_by(Job.created_at.desc()).limit(1))
        previous = session.get(Execution, latest.execution_id) if latest else None
        locale = previous.locale if previous else "und"
        config = body.get("pipeline_config")
        try:
            config = parse_pipeline_config(json.dumps(config)) if config is not None else (
                json.loads(previous.pipeline_config) if previous else {})
        except ValueError as error:
            raise ApiError("VALIDATION_ERROR", str(error)) from None
        execution = Execution(key_id=who.key_id, status="queued", locale=locale,
                              pipeline_config=json.dumps(config, sort_keys=True), created_at=utcnow())
        session.add(execution)
        session.flush()
        job = Job(id=f"job_{uuid.uuid4().hex}", key_id=who.key_id, kind="data_process",
                  status="queued", document_id=document.id, execution_id=execution.id,
                  signature=signature(locale, config, who.keeps_raw_text), options="{}",
                  pii_type_summary="{}", warning_codes="[]", created_at=utcnow())
        session.add(job)
        document.status = "queued"
        session.flush()
        data = job_view(session, job)
    wake_queue(request)
    return ok(data, status_code=202)
