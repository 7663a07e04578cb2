"""GET /v1/usage, /usage/history, /usage/quality-trend, /usage/rate-limits.

Credits follow credits.py (1 per completed document, +1 per page after the first, +1 per
OCR page; failures and dataset builds are free); a key's ``credits_limit`` (``flexorch keys
create --credits-limit``) is its quota, none = unlimited.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from typing import Optional

from fastapi import APIRouter, Depends, Request
from sqlalchemy import select

from flexorch_beam.server.auth import Caller, caller, caller_no_slot
from flexorch_beam.server.db import iso, utcnow
from flexorch_beam.server.errors import ApiError, ok
from flexorch_beam.server.models import Job

router = APIRouter()
PERIODS = {"7d": 7, "30d": 30, "90d": 90}
PLAN = "self-hosted"


def _period(period: str) -> int:
    if period not in PERIODS:
        raise ApiError("VALIDATION_ERROR", f"period must be one of {list(PERIODS)}")
    return PERIODS[period]


def _finished(session, who: Caller, days: Optional[int] = None) -> list[Job]:  # noqa: ANN001
    query = select(Job).where(Job.key_id == who.key_id, Job.kind == "data_process",
                              Job.status.in_(("completed", "failed")))
    if days is not None:
        query = query.where(Job.completed_at >= utcnow() - timedelta(days=days))
    return list(session.scalars(query))


@router.get("/usage")
def usage(request: Request, who: Caller = Depends(caller)):  # noqa: ANN201
    with request.app.state.db.session() as session:
        jobs = _finished(session, who)
    used = sum(job.credits for job in jobs)
    completed = [job for job in jobs if job.status == "completed"]
    pages = sum(max(1, job.page_count or 1) for job in completed)
    ocr_pages = sum(max(1, job.page_count or 1) for job in completed if job.ocr_used)
    limit = who.credits_limit
    return ok({
        "plan": PLAN,
        "trial": {"is_trial": False, "trial_ends_at": None, "trial_days_remaining": None},
        "usage": {
            "credits": {"used": used, "limit": limit,
                        "remaining": None if limit is None else max(0, limit - used)},
            "documents": {"completed": len(completed), "failed": len(jobs) - len(completed)},
            "pages": pages,
            "ocr_pages": ocr_pages,
        },
        "credit_rule": "1 credit per completed document, +1 per page after the first, +1 per "
                       "page of a document that needed OCR; failed documents and dataset builds are free",
    })


@router.get("/usage/history")
def history(request: Request, period: str = "30d", who: Caller = Depends(caller)):  # noqa: ANN201
    days = _period(period)
    with request.app.state.db.session() as session:
        jobs = _finished(session, who, days)
    by_day: dict[str, list[Job]] = defaultdict(list)
    for job in jobs:
        by_day[job.completed_at.date().isoformat()].append(job)
    return ok([{"date": day, "credits_used": sum(j.credits for j in items),
                "jobs_count": sum(1 for j in items if j.status == "completed"),
                "failed_count": sum(1 for j in items if j.status == "failed")}
               for day, items in sorted(by_day.items())])


@router.get("/usage/quality-trend")
def quality_trend(request: Request, period: str = "30d", who: Caller = Depends(caller)):  # noqa: ANN201
    days = _period(period)
    with request.app.state.db.session() as session:
        jobs = [j for j in _finished(session, who, days) if j.status == "completed"]
    by_day: dict[str, list[Job]] = defaultdict(list)
    for job in jobs:
        by_day[job.completed_at.date().isoformat()].append(job)
    out = []
    for day, items in sorted(by_day.items()):
        scores = [j.quality_score for j in items if j.quality_score is not None]
        grades: dict[str, int] = defaultdict(int)
        for job in items:
            if job.quality_grade:
                grades[job.quality_grade] += 1
        out.append({"date": day, "avg_quality_score": round(sum(scores) / len(scores), 2) if scores else 0.0,
                    "grade_distribution": dict(sorted(grades.items())), "avg_field_fill_rate": None,
                    "job_count": len(items)})
    return ok(out)


@router.get("/usage/rate-limits")
def rate_limits(request: Request, who: Caller = Depends(caller_no_slot)):  # noqa: ANN201
    limit = who.rate_limit_per_minute or request.app.state.settings.rate_limit_per_minute
    decision = request.app.state.limiter.peek(who.key_id, limit)
    return ok({"plan": PLAN, "unlimited": False, "limit": limit, "used": decision.used,
               "remaining": decision.remaining, "window_seconds": 60,
               "reset_in_seconds": decision.reset_in_s, "checked_at": iso(utcnow())})

