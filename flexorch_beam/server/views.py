"""Rows -> the JSON shapes the SDK reads (models/job.py, dataset.py, document.py)."""
from __future__ import annotations

import json
from datetime import datetime
from typing import Any, Callable, Optional

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from flexorch_beam.server.db import iso
from flexorch_beam.server.models import Dataset, Document, Job
from flexorch_beam.server.queue import DEGRADED_WARNINGS


def api_fields(row: Any, *names: str, **values: Any) -> dict[str, Any]:
    """``row``'s attributes ``names`` (or the ``values`` given for some of them) in the shape
    the SDK reads: ids (``id``, ``*_id``) as strings, times as ISO 8601 UTC, None kept."""
    data: dict[str, Any] = {}
    for name in names:
        value = values[name] if name in values else getattr(row, name)
        if isinstance(value, datetime):
            value = iso(value)
        elif value is not None and (name == "id" or name.endswith("_id")):
            value = str(value)
        data[name] = value
    return data


def job_view(session: Session, job: Job) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": job.id,
        "job_id": job.id,
        "type": job.kind,
        "status": job.status,
        "document_id": job.document_id,
        "execution_id": job.execution_id,
        "failure_reason": job.failure_reason,
        "created_at": iso(job.created_at),
        "started_at": iso(job.started_at),
        "completed_at": iso(job.completed_at),
    }
    if job.kind == "data_process":
        warnings = json.loads(job.warning_codes or "[]")
        data["execution_summary"] = {
            "execution_id": job.execution_id,
            "record_id": job.record_id,
            "degraded": job.status == "completed" and bool(set(warnings) & DEGRADED_WARNINGS),
            "warnings": warnings,
            "privacy": {
                "privacy_applied": job.privacy_applied,
                "pii_findings_count": job.pii_findings_count,
                "pii_type_summary": json.loads(job.pii_type_summary or "{}"),
            },
        }
        if job.status == "completed":
            data["quality"] = {"grade": job.quality_grade, "score": job.quality_score}
        data.update(doc_type=job.doc_type, language=job.language, page_count=job.page_count,
                    ocr_used=job.ocr_used, credits=job.credits)
        if job.document_id is not None:
            document = session.get(Document, job.document_id)
            data["filename"] = document.filename if document else None
        ready = session.scalar(select(Dataset.id).where(
            Dataset.source_execution_id == job.execution_id, Dataset.status == "ready",
            Dataset.deleted.is_(False), Dataset.key_id == job.key_id).limit(1))
        data["has_dataset"] = ready is not None
    else:
        data["dataset_id"] = job.dataset_id
        if job.status == "completed" and job.dataset_id is not None:
            dataset = session.get(Dataset, job.dataset_id)
            data["dataset_summary"] = {"dataset_id": job.dataset_id,
                                       "row_count": dataset.row_count if dataset else 0}
        else:
            data["dataset_summary"] = None
    return data


def dataset_view(dataset: Dataset) -> dict[str, Any]:
    privacy = {
        "privacy_applied": dataset.privacy_applied,
        "pii_findings_count": dataset.pii_findings_count,
        "pii_type_summary": json.loads(dataset.pii_type_summary or "{}"),
    }
    return {
        "id": dataset.id,
        "name": dataset.name,
        "slug": dataset.slug,
        "description": dataset.description,
        "status": dataset.status,
        "row_count": dataset.row_count,
        "source_execution_id": dataset.source_execution_id,
        "build_job_id": dataset.build_job_id,
        "privacy": privacy,
        "privacy_applied": dataset.privacy_applied,
        "pii_findings_count": dataset.pii_findings_count,
        "format_summary": {"files": json.loads(dataset.formats or "{}")},
        "created_at": iso(dataset.created_at),
    }


def document_view(session: Session, document: Document, detail: bool = False) -> dict[str, Any]:
    jobs = list(session.scalars(select(Job).where(Job.document_id == document.id,
                                                  Job.kind == "data_process")
                                .order_by(Job.created_at.desc(), Job.id.desc())))
    latest: Optional[Job] = jobs[0] if jobs else None
    data: dict[str, Any] = {
        "id": document.id,
        "filename": document.filename,
        "file_ext": document.file_ext,
        "size_bytes": document.size_bytes,
        "sha256": document.sha256,
        "status": document.status,
        # Where the server keeps it, relative to its data dir (never a host path).
        "storage_path": f"uploads/{document.key_id}/{document.id}/{document.filename}",
        "created_at": iso(document.created_at),
        "processing_count": len(jobs),
        "latest_execution": _execution(latest) if latest else None,
    }
    datasets = []
    if jobs:
        execution_ids = {job.execution_id for job in jobs}
        datasets = [
            {"id": d.id, "name": d.name, "status": d.status, "execution_id": d.source_execution_id}
            for d in session.scalars(select(Dataset).where(
                Dataset.source_execution_id.in_(execution_ids), Dataset.deleted.is_(False))
                .order_by(Dataset.id.desc()))
        ]
    data["dataset"] = datasets[0] if datasets else None
    if detail:
        data["processing_history"] = [_execution(job) for job in jobs]
        data["related_datasets"] = datasets
    return data


def _execution(job: Job) -> dict[str, Any]:
    return {
        "execution_id": job.execution_id,
        "job_id": job.id,
        "status": job.status,
        "quality_grade": job.quality_grade,
        "quality_score": job.quality_score,
        "doc_type": job.doc_type,
        "failure_reason": job.failure_reason,
        "created_at": iso(job.created_at),
        "completed_at": iso(job.completed_at),
    }


def page_params(page: int, page_size: int, max_size: int = 200) -> tuple[int, int]:
    from flexorch_beam.server.errors import ApiError

    if page < 1 or page_size < 1 or page_size > max_size:
        raise ApiError("VALIDATION_ERROR", f"page >= 1 and 1 <= page_size <= {max_size}")
    return page, page_size


def paged(items: list[Any], total: int, page: int, page_size: int) -> dict[str, Any]:
    return {"items": items, "total": total, "page": page, "page_size": page_size,
            "total_pages": (total + page_size - 1) // page_size}


def page_of(session: Session, query: Any, order: tuple, page: int, page_size: int,
            view: Callable[[Any], dict[str, Any]]) -> dict[str, Any]:
    """One page of ``query``'s rows in ``order``, each through ``view``, with the total."""
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    rows = session.scalars(query.order_by(*order).offset((page - 1) * page_size).limit(page_size))
    return paged([view(row) for row in rows], total, page, page_size)


def active_items(session: Session, model: Any, key_id: int,
                 view: Callable[[Any], dict[str, Any]]) -> dict[str, Any]:
    """Every active row of ``model`` the key owns, oldest first: ``{items, total}``."""
    rows = session.scalars(select(model).where(model.key_id == key_id, model.active.is_(True))
                           .order_by(model.id))
    items = [view(row) for row in rows]
    return {"items": items, "total": len(items)}


def wake_queue(request: Any) -> None:
    """Tell the app's run queue (when it has one) that work was queued."""
    queue = getattr(request.app.state, "queue", None)
    if queue is not None:
        queue.wake()
