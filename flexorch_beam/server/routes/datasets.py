"""Datasets: build from an execution (a dataset_build job), list, get, export in every sink
format, rows (paged, filterable), profile, and export to any fsspec URL."""
from __future__ import annotations

import io
import json
import os
import re
import uuid
import zipfile
from pathlib import Path
from typing import Any, Optional

from fastapi import APIRouter, Body, Depends, Request
from fastapi.responses import FileResponse, Response
from sqlalchemy import or_, select

from flexorch_beam.server.auth import Caller, caller
from flexorch_beam.server.db import utcnow
from flexorch_beam.server.errors import ApiError, ok
from flexorch_beam.server.models import Dataset, Execution, Job
from flexorch_beam.server.records import public_row, read_rows
from flexorch_beam.server.views import dataset_view, job_view, page_of, page_params, wake_queue

router = APIRouter()

# API format name -> the dataset folder's sink folder. Every sink of `flexorch run --formats`
# plus the SDK's names for them (md, json: one JSON array of the records).
EXPORT_FORMATS: dict[str, str] = {
    "jsonl": "jsonl", "csv": "csv", "parquet": "parquet", "hf": "hf", "markdown": "markdown",
    "md": "markdown", "xml": "xml", "xlsx": "xlsx", "finetune": "finetune", "json": "jsonl",
}
MEDIA = {"jsonl": "application/x-ndjson", "csv": "text/csv", "parquet": "application/vnd.apache.parquet",
         "markdown": "text/markdown", "xml": "application/xml", "json": "application/json",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "finetune": "application/x-ndjson", "hf": "application/zip"}
REMOTE_SCHEMES = ("s3", "gs", "gcs", "az", "abfs", "abfss", "memory")
FILTERS = ("status", "doc_type", "quality_grade", "language", "format")


def _int(value: str) -> Optional[int]:
    return int(value) if value.isdigit() else None


def own_dataset(session, who: Caller, dataset_id: str, ready: bool = False) -> Dataset:  # noqa: ANN001
    dataset = Dataset.of_key(session, who.key_id, dataset_id)
    if dataset is None or dataset.deleted:
        raise ApiError("NOT_FOUND", f"no dataset {dataset_id!r}")
    if ready and dataset.status != "ready":
        raise ApiError("NOT_READY", f"dataset {dataset.id} is {dataset.status}, not ready")
    return dataset


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80] or "dataset"


@router.post("/datasets/build-from-execution/{execution_id}", status_code=202)
def build_from_execution(execution_id: str, request: Request, body: Optional[dict] = Body(None),
                         who: Caller = Depends(caller)):  # noqa: ANN201
    body = body or {}
    for name in ("name", "description", "slug"):
        if body.get(name) is not None and not isinstance(body[name], str):
            raise ApiError("VALIDATION_ERROR", f"{name} must be a string")
    with request.app.state.db.session() as session:
        number = _int(execution_id)
        execution = session.get(Execution, number) if number is not None else None
        if execution is None or execution.key_id != who.key_id:
            raise ApiError("NOT_FOUND", f"no execution {execution_id!r}")
        if execution.status not in ("completed",):
            raise ApiError("NOT_READY", f"execution {execution.id} is {execution.status}; "
                           "a dataset is built from a completed execution")
        existing = session.scalar(select(Dataset).where(
            Dataset.source_execution_id == execution.id, Dataset.key_id == who.key_id,
            Dataset.deleted.is_(False), Dataset.status.in_(("queued", "building", "ready")))
            .order_by(Dataset.id.desc()).limit(1))
        if existing is not None and not (body.get("force_rebuild") or body.get("replace_existing")):
            job = session.get(Job, existing.build_job_id)  # the build that made (makes) it
            return ok(job_view(session, job), status_code=202)
        if existing is not None and body.get("replace_existing"):
            existing.deleted = True
        name = body.get("name") or f"execution-{execution.id}"
        dataset = Dataset(key_id=who.key_id, name=name, slug=_slug(body.get("slug") or name),
                          description=body.get("description"), status="queued",
                          source_execution_id=execution.id, path="", pii_type_summary="{}",
                          formats="{}", created_at=utcnow(), deleted=False, row_count=0,
                          privacy_applied=False, pii_findings_count=0)
        session.add(dataset)
        session.flush()
        job = Job(id=f"job_{uuid.uuid4().hex}", key_id=who.key_id, kind="dataset_build",
                  status="queued", execution_id=execution.id, dataset_id=dataset.id,
                  signature=f"build-{dataset.id}", options=json.dumps(body, sort_keys=True),
                  pii_type_summary="{}", warning_codes="[]", created_at=utcnow())
        session.add(job)
        dataset.build_job_id = job.id
        session.flush()
        data = job_view(session, job)
    wake_queue(request)
    return ok(data, status_code=202)


@router.get("/datasets")
def list_datasets(request: Request, who: Caller = Depends(caller), page: int = 1, page_size: int = 20,
                  status: Optional[str] = None, source_execution_id: Optional[int] = None,
                  source_document_id: Optional[int] = None, job_id: Optional[str] = None,
                  q: Optional[str] = None):  # noqa: ANN201
    page, page_size = page_params(page, page_size)
    with request.app.state.db.session() as session:
        query = select(Dataset).where(Dataset.key_id == who.key_id, Dataset.deleted.is_(False))
        if status is not None:
            query = query.where(Dataset.status == status)
        if source_execution_id is not None:
            query = query.where(Dataset.source_execution_id == source_execution_id)
        if source_document_id is not None:
            query = query.where(Dataset.source_execution_id.in_(
                select(Job.execution_id).where(Job.document_id == source_document_id)))
        if job_id is not None:  # the data_process job's execution, or the build job itself
            query = query.where(or_(Dataset.build_job_id == job_id, Dataset.source_execution_id.in_(
                select(Job.execution_id).where(Job.id == job_id, Job.key_id == who.key_id))))
        if q:
            query = query.where(or_(Dataset.name.contains(q), Dataset.slug.contains(q)))
        return ok(page_of(session, query, (Dataset.created_at.desc(), Dataset.id.desc()), page,
                          page_size, dataset_view))


@router.get("/datasets/{dataset_id}")
def get_dataset(dataset_id: str, request: Request, who: Caller = Depends(caller)):  # noqa: ANN201
    with request.app.state.db.session() as session:
        return ok(dataset_view(own_dataset(session, who, dataset_id)))


def _files(dataset: Dataset, folder: str) -> list[Path]:
    base = Path(dataset.path) / folder
    return sorted(p for p in base.rglob("*") if p.is_file()) if base.is_dir() else []


@router.get("/datasets/{dataset_id}/export/{fmt}")
def export(dataset_id: str, fmt: str, request: Request, who: Caller = Depends(caller)):  # noqa: ANN201
    with request.app.state.db.session() as session:
        dataset = own_dataset(session, who, dataset_id, ready=True)
    if fmt not in EXPORT_FORMATS:
        raise ApiError("UNSUPPORTED_FORMAT", f"unknown export format {fmt!r}",
                       {"formats": sorted(EXPORT_FORMATS)})
    if fmt == "json":
        rows = [public_row(r, who.keeps_raw_text) for r in read_rows(dataset.path)]
        return Response(json.dumps(rows, ensure_ascii=False).encode("utf-8"), media_type=MEDIA["json"],
                        headers={"Content-Disposition": f'attachment; filename="{dataset.slug}.json"'})
    folder = EXPORT_FORMATS[fmt]
    files = _files(dataset, folder)
    if not files:
        raise ApiError("NOT_FOUND", f"dataset {dataset.id} has no {fmt} files")
    if len(files) == 1:
        return FileResponse(files[0], media_type=MEDIA.get(folder, "application/octet-stream"),
                            filename=f"{dataset.slug}{''.join(files[0].suffixes[-1:])}")
    buffer = io.BytesIO()  # several shards/files (hf: data + card): one zip
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            archive.write(path, (Path(folder) / path.relative_to(Path(dataset.path) / folder)).as_posix())
    return Response(buffer.getvalue(), media_type="application/zip",
                    headers={"Content-Disposition": f'attachment; filename="{dataset.slug}-{fmt}.zip"'})


def check_target(settings, target: str) -> None:  # noqa: ANN001
    """Local targets only under DATA_DIR/exports or an --export-dir: a key must not write
    over the server's own files."""
    from flexorch_beam.local_files import local_path

    scheme = target.split("://", 1)[0].lower() if "://" in target else ""
    if "::" in target or (scheme and scheme not in REMOTE_SCHEMES and local_path(target) is None):
        raise ApiError("VALIDATION_ERROR", f"export targets are local paths or {', '.join(REMOTE_SCHEMES)} URLs")
    path = local_path(target)
    if path is None:
        return
    resolved = Path(os.path.realpath(path))
    roots = [settings.exports_dir, *(Path(d) for d in settings.export_dirs)]
    if not any(resolved.is_relative_to(Path(os.path.realpath(root))) for root in roots):
        raise ApiError("VALIDATION_ERROR", "a local export target must be under the server's "
                       "export folders (DATA_DIR/exports or --export-dir)")


def _matches(row: dict[str, Any], filters: dict[str, str], q: Optional[str]) -> bool:
    for name, wanted in filters.items():
        if str(row.get(name)) not in wanted.split(","):
            return False
    if q:
        needle = q.lower()
        return needle in (row.get("text") or "").lower() or needle in (row.get("file_name") or "").lower()
    return True


@router.get("/datasets/{dataset_id}/rows")
def rows(dataset_id: str, request: Request, who: Caller = Depends(caller), page: int = 1,
         page_size: int = 50, q: Optional[str] = None, status: Optional[str] = None,
         doc_type: Optional[str] = None, quality_grade: Optional[str] = None,
         language: Optional[str] = None, format: Optional[str] = None):  # noqa: ANN201, A002
    page, page_size = page_params(page, page_size)
    with request.app.state.db.session() as session:
        dataset = own_dataset(session, who, dataset_id, ready=True)
    filters = {name: value for name, value in (("status", status), ("doc_type", doc_type),
               ("quality_grade", quality_grade), ("language", language), ("format", format))
               if value is not None}
    matched = [r for r in read_rows(dataset.path) if _matches(r, filters, q)]
    chosen = [public_row(r, who.keeps_raw_text) for r in matched[(page - 1) * page_size: page * page_size]]
    columns = list(chosen[0].keys()) if chosen else [c for c in _columns() if who.keeps_raw_text or c != "raw_text"]
    total = len(matched)
    return ok({"columns": columns, "rows": chosen,
               "pagination": {"page": page, "page_size": page_size, "total": total,
                              "total_pages": (total + page_size - 1) // page_size}})


def _columns() -> list[str]:
    from flexorch_beam.record import COLUMNS

    return list(COLUMNS)


@router.get("/datasets/{dataset_id}/profile")
def profile(dataset_id: str, request: Request, who: Caller = Depends(caller)):  # noqa: ANN201
    with request.app.state.db.session() as session:
        dataset = own_dataset(session, who, dataset_id, ready=True)
    path = Path(dataset.path) / "profile.json"
    return ok(json.loads(path.read_text(encoding="utf-8")) if path.exists() else {})


@router.post("/datasets/{dataset_id}/export-s3")
def export_s3(dataset_id: str, request: Request, body: dict = Body(...),
              who: Caller = Depends(caller)):  # noqa: ANN201
    """Copy one export to an fsspec URL (``url``: s3://, gs://, az://, file://, memory://),
    or to a connector (``connector_id``: resolved by ``app.state.connector_url`` when the
    connectors part is installed); ``prefix`` is joined under it."""
    fmt = body.get("format")
    if fmt not in EXPORT_FORMATS:
        raise ApiError("UNSUPPORTED_FORMAT", f"unknown export format {fmt!r}", {"formats": sorted(EXPORT_FORMATS)})
    prefix = body.get("prefix") or ""
    if not isinstance(prefix, str) or ".." in prefix.split("/"):
        raise ApiError("VALIDATION_ERROR", "prefix must be a relative key prefix")
    with request.app.state.db.session() as session:
        dataset = own_dataset(session, who, dataset_id, ready=True)
    options: dict = {}  # fsspec storage options: a connector's credentials
    if body.get("url"):
        base = str(body["url"])
    elif body.get("connector_id") is not None:
        resolve = getattr(request.app.state, "connector_url", None)
        base = resolve(who, body["connector_id"]) if resolve else None
        if isinstance(base, tuple):  # (url, storage options)
            base, options = base
        if not base:
            raise ApiError("NOT_FOUND", f"no connector {body['connector_id']!r}")
    else:
        raise ApiError("VALIDATION_ERROR", "give `url` (an fsspec URL) or `connector_id`")
    response = export(dataset_id, fmt, request, who)
    payload = response.body if not isinstance(response, FileResponse) else Path(response.path).read_bytes()
    suffix = ".zip" if response.media_type == "application/zip" else (
        Path(response.path).suffix if isinstance(response, FileResponse) else ".json")
    name = f"{dataset.slug}-{dataset.id}{suffix}"
    target = base.rstrip("/") + "/" + "/".join(p.strip("/") for p in (prefix, name) if p.strip("/"))
    if body.get("url"):  # a connector's target is checked when the connector is made
        check_target(request.app.state.settings, target)
    import fsspec

    try:
        with fsspec.open(target, "wb", **options) as handle:
            handle.write(payload)
    except Exception as error:  # noqa: BLE001 - the target's error, by type only
        raise ApiError("VALIDATION_ERROR", f"could not write to the target ({type(error).__name__})") from None
    return ok({"s3_key": target, "url": target, "size_bytes": len(payload), "format": fmt})
