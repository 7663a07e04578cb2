"""GET /v1/datasets/{id}/compliance-report?format=json|html|pdf (compliance.py)."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from flexorch_beam.server import dataset_rows
from flexorch_beam.server.auth import Caller, caller
from flexorch_beam.server.compliance import build_report, render_html, render_pdf
from flexorch_beam.server.db import iso, utcnow
from flexorch_beam.server.errors import ApiError, ok
from flexorch_beam.server.routes.datasets import own_dataset

router = APIRouter()
FORMATS = ("json", "html", "pdf")


@router.get("/datasets/{dataset_id}/compliance-report")
def compliance_report(dataset_id: str, request: Request, format: str = "json",  # noqa: A002
                      who: Caller = Depends(caller)):  # noqa: ANN201
    if format not in FORMATS:
        raise ApiError("UNSUPPORTED_FORMAT", f"format must be one of {list(FORMATS)}", {"formats": list(FORMATS)})
    with request.app.state.db.session() as session:
        dataset = own_dataset(session, who, dataset_id, ready=True)
    report = build_report(dataset_rows.read_records(dataset.path), dataset_rows.read_profile(dataset.path),
                          {"id": dataset.id, "name": dataset.name, "key_privacy_profile": who.privacy_profile},
                          iso(utcnow()))
    name = f"compliance-report-{dataset.id}"
    if format == "html":
        return HTMLResponse(render_html(report), headers={"Content-Disposition": f'inline; filename="{name}.html"'})
    if format == "pdf":
        return Response(render_pdf(report), media_type="application/pdf",
                        headers={"Content-Disposition": f'attachment; filename="{name}.pdf"'})
    return ok(report)
