"""GET /v1/jobs, GET /v1/jobs/{id}, POST/GET /v1/jobs/{id}/feedback."""
from __future__ import annotations

from typing import Any, Optional

from fastapi import APIRouter, Body, Depends, Query, Request
from sqlalchemy import select

from flexorch_beam import feedback as feedback_table
from flexorch_beam.server.auth import Caller, caller
from flexorch_beam.server.db import iso, utcnow
from flexorch_beam.server.errors import ApiError, ok
from flexorch_beam.server.models import Feedback, Job, Run
from flexorch_beam.server.records import read_rows
from flexorch_beam.server.views import job_view, page_of, page_params

router = APIRouter()

RATINGS = ("up", "down")
ISSUES = ("wrong_doc_type", "missing_fields", "wrong_values", "pii_missed", "pii_over_masked", "other")
# The SDK's issue names -> the dataset feedback codes (flexorch_beam.feedback.CODES).
ISSUE_CODES = {"wrong_doc_type": "WRONG_TYPE", "missing_fields": "WRONG_FIELDS",
               "wrong_values": "WRONG_FIELDS", "pii_missed": "PII_MISSED",
               "pii_over_masked": "PII_OVERMASKED", "other": "OTHER"}
STATUSES = ("queued", "processing", "completed", "failed")
TYPES = ("data_process", "dataset_build")


def own_job(session, who: Caller, job_id: str) -> Job:  # noqa: ANN001
    job = session.get(Job, job_id)
    if job is None or job.key_id != who.key_id:  # another key's job does not exist for you
        raise ApiError("NOT_FOUND", f"no job {job_id!r}")
    return job


@router.get("/jobs")
def list_jobs(request: Request, who: Caller = Depends(caller), page: int = 1, page_size: int = 20,
              status: Optional[str] = None, type: Optional[str] = None,  # noqa: A002
              execution_id: Optional[int] = None, document_id: Optional[int] = None,
              quality_grade: Optional[str] = None, doc_type: Optional[str] = None):  # noqa: ANN201
    page, page_size = page_params(page, page_size)
    if status is not None and status not in STATUSES:
        raise ApiError("VALIDATION_ERROR", f"status must be one of {list(STATUSES)}")
    if type is not None and type not in TYPES:
        raise ApiError("VALIDATION_ERROR", f"type must be one of {list(TYPES)}")
    with request.app.state.db.session() as session:
        query = select(Job).where(Job.key_id == who.key_id)
        for column, value in ((Job.status, status), (Job.kind, type), (Job.execution_id, execution_id),
                              (Job.document_id, document_id), (Job.quality_grade, quality_grade),
                              (Job.doc_type, doc_type)):
            if value is not None:
                query = query.where(column == value)
        return ok(page_of(session, query, (Job.created_at.desc(), Job.id.desc()), page, page_size,
                          lambda job: job_view(session, job)))


@router.get("/jobs/{job_id}")
def get_job(job_id: str, request: Request, who: Caller = Depends(caller)):  # noqa: ANN201
    with request.app.state.db.session() as session:
        return ok(job_view(session, own_job(session, who, job_id)))


def feedback_view(feedback: Feedback) -> dict[str, Any]:
    return {"id": feedback.id, "job_id": feedback.job_id, "rating": feedback.rating,
            "issue": feedback.issue, "notes": feedback.notes, "created_at": iso(feedback.created_at)}


@router.post("/jobs/{job_id}/feedback")
def submit_feedback(job_id: str, request: Request, body: dict = Body(...),
                    who: Caller = Depends(caller)):  # noqa: ANN201
    rating, issue, notes = body.get("rating"), body.get("issue"), body.get("notes")
    if rating not in RATINGS:
        raise ApiError("VALIDATION_ERROR", f"rating must be one of {list(RATINGS)}")
    if issue is not None and issue not in ISSUES:
        raise ApiError("VALIDATION_ERROR", f"issue must be one of {list(ISSUES)}")
    if notes is not None and (not isinstance(notes, str) or len(notes) > 4000):
        raise ApiError("VALIDATION_ERROR", "notes must be a string of at most 4000 characters")
    with request.app.state.db.session() as session:
        job = own_job(session, who, job_id)
        if job.status not in ("completed", "failed"):
            raise ApiError("NOT_READY", "feedback is for finished jobs")
        table, verdict = _verdict(session, job, rating, issue, notes)
        feedback = session.scalar(select(Feedback).where(Feedback.job_id == job.id))
        if feedback is None:  # upsert: a second call replaces the first
            feedback = Feedback(key_id=who.key_id, job_id=job.id, rating=rating)
            session.add(feedback)
        feedback.rating, feedback.issue, feedback.notes = rating, issue, notes
        feedback.created_at = utcnow()
        session.flush()
        if verdict is not None:
            feedback_table.append(table, verdict)
        return ok(feedback_view(feedback))


def _verdict(session: Any, job: Job, rating: str, issue: Optional[str],
             notes: Optional[str]) -> tuple[str, Optional[feedback_table.Verdict]]:
    """Where the verdict also goes, and the verdict: the feedback table beside the run's
    records, keyed by the document's content hash, as `flexorch feedback` writes it. A dataset
    built from the run reads that table, so negative feedback keeps the document out of it and
    of its training split (to rejected/, with the feedback as reason). A job without a record
    or a content hash (a file that could not be read) only keeps the stored feedback."""
    run = session.get(Run, job.run_id) if job.run_id else None
    if run is None or not job.record_id or not run.output_dir:
        return "", None
    rows = read_rows(run.output_dir, [job.record_id])
    if not rows or not rows[0].get("sha256"):
        return "", None
    positive = rating == "up"
    code = ISSUE_CODES.get(issue) if issue else None
    try:
        verdict = feedback_table.make_verdict(rows[0]["sha256"], positive, code, notes, job.record_id)
    except feedback_table.FeedbackError as error:
        raise ApiError("VALIDATION_ERROR", str(error)) from None
    return run.output_dir, verdict


@router.get("/jobs/{job_id}/feedback")
def get_feedback(job_id: str, request: Request, who: Caller = Depends(caller)):  # noqa: ANN201
    with request.app.state.db.session() as session:
        job = own_job(session, who, job_id)
        feedback = session.scalar(select(Feedback).where(Feedback.job_id == job.id))
        return ok(feedback_view(feedback) if feedback else None)
