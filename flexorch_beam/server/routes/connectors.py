"""POST/GET/DELETE /v1/connectors, POST /v1/connectors/{id}/test, and the connector's cron
schedules: POST/GET/DELETE .../schedules, POST .../schedules/{id}/trigger, GET .../logs.

Shapes are the flexorch-sdk's (models/connector.py): ids are strings; list endpoints of
schedules and logs return a bare list (the SDK reads it so); a connector's ``config`` holds
its public fields only, never a credential.
"""
from __future__ import annotations

import json
from typing import Any, Optional

from fastapi import APIRouter, Body, Depends, Request
from sqlalchemy import select

from flexorch_beam.server import connectors as connector_lib
from flexorch_beam.server import urlguard
from flexorch_beam.server.auth import Caller, caller
from flexorch_beam.server.db import utcnow
from flexorch_beam.server.errors import ApiError, ok
from flexorch_beam.server.extras_models import Connector, SyncLog, SyncSchedule
from flexorch_beam.server.schedules import check_cron, log_view, next_run, schedule_view
from flexorch_beam.server.secretbox import app_box
from flexorch_beam.server.routes.owned import add_read_routes
from flexorch_beam.server.views import api_fields

router = APIRouter()
MAX_LOGS = 100  # GET .../logs: the most recent runs


def connector_view(connector: Connector) -> dict[str, Any]:
    return api_fields(connector, "id", "name", "type", "active", "last_tested_at", "last_used_at",
                      "created_at", "config", config=json.loads(connector.config_public or "{}"))


def _roots(request: Request):  # noqa: ANN202
    settings = request.app.state.settings
    return connector_lib.allowed_local_roots(settings.data_dir, settings.extra.get("connector_roots", ()))


def own_connector(session, who: Caller, connector_id: str) -> Connector:  # noqa: ANN001
    connector = Connector.of_key(session, who.key_id, connector_id)
    if connector is None or not connector.active:
        raise ApiError("NOT_FOUND", f"no connector {connector_id!r}")
    return connector


def own_schedule(session, who: Caller, connector: Connector, schedule_id: str) -> SyncSchedule:  # noqa: ANN001
    schedule = SyncSchedule.of_key(session, who.key_id, schedule_id)
    if schedule is None or schedule.connector_id != connector.id or not schedule.is_active:
        raise ApiError("NOT_FOUND", f"no schedule {schedule_id!r}")
    return schedule


def connector_target(request: Request, who: Caller, connector_id: Any) -> connector_lib.Target:
    """A connector of ``who`` as an fsspec target (NOT_FOUND when it is not theirs)."""
    with request.app.state.db.session() as session:
        connector = own_connector(session, who, str(connector_id))
        public = json.loads(connector.config_public or "{}")
        sealed, type_ = connector.config_secret, connector.type
    try:
        return connector_lib.target(type_, public, app_box(request.app.state).open(sealed) or {}, _roots(request),
                                    request.app.state.settings.allow_private_urls)
    except connector_lib.ConnectorError as error:
        raise ApiError("VALIDATION_ERROR", str(error)) from None
    except urlguard.UrlNotAllowed as error:
        raise ApiError("URL_NOT_ALLOWED", str(error)) from None


@router.post("/connectors")
def create_connector(request: Request, body: Optional[dict] = Body(None),
                     who: Caller = Depends(caller)):  # noqa: ANN201
    body = body or {}
    name, type_, config = body.get("name"), body.get("type"), body.get("config") or {}
    if not isinstance(name, str) or not name.strip() or len(name) > 200:
        raise ApiError("VALIDATION_ERROR", "name is required (at most 200 characters)")
    if type_ not in connector_lib.TYPES:
        raise ApiError("VALIDATION_ERROR",
                       f"connector type {type_!r} is not supported by this server",
                       {"types": list(connector_lib.TYPES)})
    try:
        public, secret = connector_lib.split_config(type_, config)
        # a local path and an endpoint's host are checked now
        connector_lib.target(type_, public, secret, _roots(request),
                             request.app.state.settings.allow_private_urls)
    except connector_lib.ConnectorError as error:
        raise ApiError("VALIDATION_ERROR", str(error)) from None
    except urlguard.UrlNotAllowed as error:
        raise ApiError("URL_NOT_ALLOWED", str(error)) from None
    with request.app.state.db.session() as session:
        connector = Connector(key_id=who.key_id, name=name.strip(), type=type_,
                              config_public=json.dumps(public, sort_keys=True),
                              config_secret=app_box(request.app.state).seal(secret) if secret else "",
                              active=True, created_at=utcnow())
        session.add(connector)
        session.flush()
        return ok(connector_view(connector), status_code=201)


add_read_routes(router, "connector", Connector, own_connector, connector_view)


@router.delete("/connectors/{connector_id}")
def delete_connector(connector_id: str, request: Request, who: Caller = Depends(caller)):  # noqa: ANN201
    """Deactivates the connector and its schedules, and forgets its credentials."""
    with request.app.state.db.session() as session:
        connector = own_connector(session, who, connector_id)
        connector.active, connector.config_secret = False, ""
        for schedule in session.scalars(select(SyncSchedule).where(SyncSchedule.connector_id == connector.id)):
            schedule.is_active = False
    return ok({"id": str(connector_id), "deleted": True})


@router.post("/connectors/{connector_id}/test")
def test_connector(connector_id: str, request: Request, who: Caller = Depends(caller)):  # noqa: ANN201
    tgt = connector_target(request, who, connector_id)
    result = connector_lib.test_connection(tgt)
    with request.app.state.db.session() as session:
        own_connector(session, who, connector_id).last_tested_at = utcnow()
    return ok(result)


# --- schedules ------------------------------------------------------------------------------

@router.post("/connectors/{connector_id}/schedules")
def create_schedule(connector_id: str, request: Request, body: Optional[dict] = Body(None),
                    who: Caller = Depends(caller)):  # noqa: ANN201
    body = body or {}
    try:
        cron = check_cron(body.get("cron_expression", ""))
    except ValueError as error:
        raise ApiError("VALIDATION_ERROR", str(error)) from None
    prefix = body.get("prefix_filter")
    if prefix is not None and (not isinstance(prefix, str) or ".." in prefix.split("/")):
        raise ApiError("VALIDATION_ERROR", "prefix_filter must be a key prefix (no '..')")
    now = utcnow()
    with request.app.state.db.session() as session:
        connector = own_connector(session, who, connector_id)
        schedule = SyncSchedule(key_id=who.key_id, connector_id=connector.id, cron_expression=cron,
                                prefix_filter=prefix or None, is_active=True, created_at=now,
                                next_run_at=next_run(cron, now))
        session.add(schedule)
        session.flush()
        view = schedule_view(schedule)
    _wake(request)
    return ok(view, status_code=201)


@router.get("/connectors/{connector_id}/schedules")
def list_schedules(connector_id: str, request: Request, who: Caller = Depends(caller)):  # noqa: ANN201
    with request.app.state.db.session() as session:
        connector = own_connector(session, who, connector_id)
        rows = session.scalars(select(SyncSchedule).where(SyncSchedule.connector_id == connector.id,
                                                          SyncSchedule.is_active.is_(True))
                               .order_by(SyncSchedule.id))
        return ok([schedule_view(s) for s in rows])


@router.delete("/connectors/{connector_id}/schedules/{schedule_id}")
def delete_schedule(connector_id: str, schedule_id: str, request: Request,
                    who: Caller = Depends(caller)):  # noqa: ANN201
    with request.app.state.db.session() as session:
        connector = own_connector(session, who, connector_id)
        own_schedule(session, who, connector, schedule_id).is_active = False
    return ok({"id": str(schedule_id), "deleted": True})


@router.post("/connectors/{connector_id}/schedules/{schedule_id}/trigger")
def trigger_schedule(connector_id: str, schedule_id: str, request: Request,
                     who: Caller = Depends(caller)):  # noqa: ANN201
    with request.app.state.db.session() as session:
        connector = own_connector(session, who, connector_id)
        schedule = own_schedule(session, who, connector, schedule_id)
    scheduler = getattr(request.app.state, "scheduler", None)
    if scheduler is None:
        raise ApiError("INTERNAL_ERROR", "the scheduler is not running")
    log = scheduler.trigger(schedule)
    return ok(log_view(log), status_code=202)


@router.get("/connectors/{connector_id}/schedules/{schedule_id}/logs")
def schedule_logs(connector_id: str, schedule_id: str, request: Request,
                  who: Caller = Depends(caller)):  # noqa: ANN201
    with request.app.state.db.session() as session:
        connector = own_connector(session, who, connector_id)
        schedule = SyncSchedule.of_key(session, who.key_id, schedule_id)
        if schedule is None or schedule.connector_id != connector.id:
            raise ApiError("NOT_FOUND", f"no schedule {schedule_id!r}")  # logs outlive a deleted schedule
        rows = session.scalars(select(SyncLog).where(SyncLog.schedule_id == schedule.id)
                               .order_by(SyncLog.id.desc()).limit(MAX_LOGS))
        return ok([log_view(log) for log in rows])


def _wake(request: Request) -> None:
    scheduler = getattr(request.app.state, "scheduler", None)
    if scheduler is not None:
        scheduler.wake()
