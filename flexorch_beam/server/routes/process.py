"""POST /v1/data-process/async: upload files, queue one job per file (one execution)."""
from __future__ import annotations

import json
import os
import shutil
import uuid

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool
from sqlalchemy import func, select

from flexorch_beam.server.auth import Caller, caller
from flexorch_beam.server.db import utcnow
from flexorch_beam.server.errors import ApiError, ok
from flexorch_beam.server.models import Document, Execution, Job
from flexorch_beam.server.runconfig import check_locale, parse_pipeline_config, signature
from flexorch_beam.server.uploads import ParsedUpload, parse_upload
from flexorch_beam.server.views import job_view

router = APIRouter()


def supported_format(path: str) -> str | None:
    """The sniffed format when the pipeline has an extractor for it, else None."""
    from flexorch_beam.extract.registry import EXTRACTORS
    from flexorch_beam.sniff import sniff_format

    with open(path, "rb") as handle:
        content = handle.read()
    fmt = sniff_format(content, os.path.basename(path))
    return fmt if fmt in EXTRACTORS else None


def credits_used(session, key_id: int) -> int:  # noqa: ANN001
    return int(session.scalar(select(func.coalesce(func.sum(Job.credits), 0))
                              .where(Job.key_id == key_id)) or 0)


@router.post("/data-process/async", status_code=202)
async def process_async(request: Request, who: Caller = Depends(caller)):  # noqa: ANN201
    settings = request.app.state.settings
    upload = await parse_upload(request, settings.uploads_dir / "tmp", settings.max_upload_bytes,
                                settings.max_files_per_request)
    # Sniffing, moving files and the database writes block: off the event loop.
    data = await run_in_threadpool(store_upload, request.app, who, upload)
    queue = getattr(request.app.state, "queue", None)
    if queue is not None:
        queue.wake()
    return ok(data, status_code=202)


def store_upload(app, who: Caller, upload: ParsedUpload) -> dict:  # noqa: ANN001
    """Check the fields and files of a parsed upload; store the good files and queue their
    jobs in one transaction. Raises ApiError with nothing stored."""
    settings, db = app.state.settings, app.state.db
    try:
        if "source" in upload.fields:  # files already in a connector (SDK process_from_s3)
            resolve = getattr(app.state, "resolve_source", None)
            if resolve is None:
                raise ApiError("VALIDATION_ERROR", "`source` needs the connectors part of the server")
            # resolve(who, source_json, temp_dir, max_file_bytes) -> [UploadedFile] fetched
            # into temp_dir (the connectors part), checked below like uploaded files.
            upload.files += resolve(who, upload.fields["source"], settings.uploads_dir / "tmp",
                                    settings.max_upload_bytes)
        locale = check_locale(upload.fields.get("locale", "und"))
        config = parse_pipeline_config(upload.fields.get("pipeline_config"))
    except ValueError as error:
        upload.discard()
        raise ApiError("VALIDATION_ERROR", str(error)) from None
    except ApiError:
        upload.discard()
        raise
    if not upload.files:
        raise ApiError("MISSING_INPUT", "no `files` part in the upload")
    for item in upload.files:
        if item.error_code is None and supported_format(str(item.temp_path)) is None:
            item.temp_path.unlink(missing_ok=True)
            item.temp_path = None
            item.error_code = "UNSUPPORTED_FILE"
            item.error = "the content is no supported document format"
    accepted = [item for item in upload.files if item.error_code is None]
    rejected = [{"filename": item.filename, "code": item.error_code, "error": item.error}
                for item in upload.files if item.error_code is not None]
    if not accepted:
        first = rejected[0]
        raise ApiError(first["code"], f"{first['filename']}: {first['error']}", {"rejected": rejected})
    sig = signature(locale, config, who.keeps_raw_text)
    try:
        with db.session() as session:
            if who.credits_limit is not None and credits_used(session, who.key_id) >= who.credits_limit:
                raise ApiError("QUOTA_EXCEEDED", f"the key's {who.credits_limit} credits are used up")
            execution = Execution(key_id=who.key_id, status="queued", locale=locale,
                                  pipeline_config=json.dumps(config, sort_keys=True),
                                  created_at=utcnow())
            session.add(execution)
            session.flush()
            jobs = []
            for item in accepted:
                stem, dot, ext = item.filename.rpartition(".")
                document = Document(key_id=who.key_id, filename=item.filename,
                                    file_ext=ext.lower() if dot and stem else "",
                                    size_bytes=item.size_bytes, sha256=item.sha256,
                                    storage_path="", status="queued", created_at=utcnow())
                session.add(document)
                session.flush()
                folder = settings.uploads_dir / str(who.key_id) / str(document.id)
                folder.mkdir(parents=True, exist_ok=True)
                target = folder / item.filename
                shutil.move(str(item.temp_path), target)
                item.temp_path = target
                document.storage_path = str(target)
                job = Job(id=f"job_{uuid.uuid4().hex}", key_id=who.key_id, kind="data_process",
                          status="queued", document_id=document.id, execution_id=execution.id,
                          signature=sig, options="{}", pii_type_summary="{}", warning_codes="[]",
                          created_at=utcnow())
                session.add(job)
                session.flush()
                jobs.append(job_view(session, job))
    except BaseException:
        upload.discard()  # nothing stored: the rows rolled back, the files go too
        for item in accepted:
            if item.temp_path is not None and item.temp_path.exists():
                shutil.rmtree(item.temp_path.parent, ignore_errors=True)
        raise
    return {"accepted": len(accepted), "rejected": rejected, "jobs": jobs,
            "execution_id": execution.id}
