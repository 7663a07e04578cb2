"""POST/GET/DELETE /v1/webhooks, GET /v1/webhooks/{id}, GET /v1/webhooks/{id}/deliveries
(the delivery log). The signing secret is in the answer to POST only (the SDK's Webhook)."""
from __future__ import annotations

import json
from typing import Optional
from urllib.parse import urlsplit

from fastapi import APIRouter, Body, Depends, Request
from sqlalchemy import select

from flexorch_beam.server import urlguard
from flexorch_beam.server.auth import Caller, caller
from flexorch_beam.server.db import utcnow
from flexorch_beam.server.errors import ApiError, ok
from flexorch_beam.server.extras_models import Webhook, WebhookDelivery
from flexorch_beam.server.routes.connectors import own_connector
from flexorch_beam.server.secretbox import app_box
from flexorch_beam.server.routes.owned import add_read_routes
from flexorch_beam.server.views import page_of, page_params
from flexorch_beam.server.webhooks import EVENTS, delivery_view, new_secret, webhook_view

router = APIRouter()
MAX_URL = 2000


def own_webhook(session, who: Caller, webhook_id: str) -> Webhook:  # noqa: ANN001
    webhook = Webhook.of_key(session, who.key_id, webhook_id)
    if webhook is None or not webhook.active:
        raise ApiError("NOT_FOUND", f"no webhook {webhook_id!r}")
    return webhook


def _check_url(url: object) -> str:
    if not isinstance(url, str) or len(url) > MAX_URL:
        raise ApiError("VALIDATION_ERROR", "url must be an http(s) URL")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.username or parts.password:
        raise ApiError("VALIDATION_ERROR", "url must be an http(s) URL without credentials in it")
    return url


@router.post("/webhooks")
def register(request: Request, body: Optional[dict] = Body(None),
             who: Caller = Depends(caller)):  # noqa: ANN201
    body = body or {}
    url = _check_url(body.get("url"))
    events = body.get("events")
    if not isinstance(events, list) or not events or not all(isinstance(e, str) for e in events):
        raise ApiError("VALIDATION_ERROR", "events must be a non-empty list", {"events": list(EVENTS)})
    unknown = sorted(set(events) - set(EVENTS))
    if unknown:
        raise ApiError("VALIDATION_ERROR", f"unknown event type(s): {unknown}", {"events": list(EVENTS)})
    auto_export = body.get("auto_export")
    if auto_export is not None:
        if not isinstance(auto_export, dict) or "connector_id" not in auto_export or "format" not in auto_export:
            raise ApiError("VALIDATION_ERROR", "auto_export needs connector_id and format")
        with request.app.state.db.session() as session:
            own_connector(session, who, str(auto_export["connector_id"]))
    try:  # last: the cheap checks answer first
        urlguard.check_url(url, request.app.state.settings.allow_private_urls, "the webhook url")
    except urlguard.UrlNotAllowed as error:
        raise ApiError("URL_NOT_ALLOWED", str(error)) from None
    secret = new_secret()
    with request.app.state.db.session() as session:
        webhook = Webhook(key_id=who.key_id, url=url, events=json.dumps(sorted(set(events))),
                          secret=app_box(request.app.state).seal(secret),
                          auto_export=json.dumps(auto_export) if auto_export is not None else None,
                          active=True, created_at=utcnow())
        session.add(webhook)
        session.flush()
        return ok(webhook_view(webhook, secret=secret), status_code=201)


add_read_routes(router, "webhook", Webhook, own_webhook, webhook_view)


@router.delete("/webhooks/{webhook_id}")
def delete_webhook(webhook_id: str, request: Request, who: Caller = Depends(caller)):  # noqa: ANN201
    with request.app.state.db.session() as session:
        own_webhook(session, who, webhook_id).active = False
    return ok({"id": str(webhook_id), "deleted": True})


@router.get("/webhooks/{webhook_id}/deliveries")
def deliveries(webhook_id: str, request: Request, who: Caller = Depends(caller),
               page: int = 1, page_size: int = 50, status: Optional[str] = None):  # noqa: ANN201
    page, page_size = page_params(page, page_size)
    with request.app.state.db.session() as session:
        webhook = own_webhook(session, who, webhook_id)
        query = select(WebhookDelivery).where(WebhookDelivery.webhook_id == webhook.id)
        if status is not None:
            query = query.where(WebhookDelivery.status == status)
        return ok(page_of(session, query, (WebhookDelivery.id.desc(),), page, page_size, delivery_view))
