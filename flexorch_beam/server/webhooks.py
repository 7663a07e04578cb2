"""Webhooks: job and dataset events POSTed to the key's registered URLs, signed with
HMAC-SHA256, retried with exponential backoff, every attempt kept in a delivery log.

Events: ``job.completed``, ``job.failed`` (every job, processing or dataset build),
``dataset.ready`` (a dataset build or a scheduled sync finished), ``quota.warning`` (a key
with a credit limit reached 80 %, then 100 %, of it). A watcher finds finished jobs in the database
(past a stored watermark), so the queue needs no hook and an event is never lost to a
restart; a unique (webhook, event, subject) row makes each event one delivery per webhook.

Each request carries:
- ``X-FlexOrch-Event``: the event; ``X-FlexOrch-Delivery``: the delivery id (retries keep it);
- ``X-FlexOrch-Timestamp``: Unix seconds of this attempt;
- ``X-FlexOrch-Signature``: ``sha256=`` + hex HMAC-SHA256 under the webhook's secret of
  ``"{timestamp}.{body}"`` (the raw body bytes). Verify it with ``verify_signature`` or the
  same three lines in any language, and reject stale timestamps to stop replays.

A 2xx answer delivers; anything else (or no answer within the timeout) is retried after
``base * 2**(attempt-1)`` seconds (default 10 s, 20 s, 40 s ...) until ``max_attempts``
(default 6), then the delivery is ``failed``. Redirects are not followed.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import logging
import secrets
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Optional

import fsspec
import httpx
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from flexorch_beam.server import urlguard
from flexorch_beam.server.db import Database, iso, utcnow
from flexorch_beam.server.extras_models import ServiceState, Webhook, WebhookDelivery
from flexorch_beam.server.models import ApiKey, Dataset, Job
from flexorch_beam.server.secretbox import SecretBox, app_box
from flexorch_beam.server.settings import Settings
from flexorch_beam.server.workers import WorkerThreads
from flexorch_beam.server.views import api_fields

LOG = logging.getLogger("flexorch_beam.server.webhooks")
EVENTS = ("dataset.ready", "job.completed", "job.failed", "quota.warning")
SIGNATURE_HEADER = "X-FlexOrch-Signature"
TIMESTAMP_HEADER = "X-FlexOrch-Timestamp"
WATERMARK = "webhooks.jobs_watermark"
OVERLAP_S = 120
QUOTA_SHARES = (80, 100)  # quota.warning at these percentages of a key's credit limit
EXPORT_FOLDERS = {"md": "markdown"}  # the SDK's format name -> the dataset's folder
DEFAULTS = {"webhook_backoff_s": 10.0, "webhook_max_attempts": 6, "webhook_timeout_s": 10.0,
            "webhook_tick_s": 1.0}


def new_secret() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


def sign(secret: str, timestamp: int | str, body: bytes) -> str:
    """The signature header value for one attempt."""
    message = str(timestamp).encode("ascii") + b"." + body
    return "sha256=" + hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def verify_signature(secret: str, timestamp: str, body: bytes, header: str,
                     tolerance_s: Optional[float] = 300.0, now: Optional[float] = None) -> bool:
    """What a receiver does: constant-time compare, and a timestamp within ``tolerance_s``."""
    if tolerance_s is not None:
        try:
            if abs((now if now is not None else time.time()) - int(timestamp)) > tolerance_s:
                return False
        except ValueError:
            return False
    return hmac.compare_digest(sign(secret, timestamp, body), header or "")


def webhook_view(webhook: Webhook, secret: Optional[str] = None) -> dict[str, Any]:
    view = api_fields(webhook, "id", "url", "events", "active", "created_at", "auto_export",
                      events=json.loads(webhook.events or "[]"),
                      auto_export=json.loads(webhook.auto_export) if webhook.auto_export else None)
    if secret is not None:  # only the answer to POST /webhooks
        view["secret"] = secret
    return view


def delivery_view(delivery: WebhookDelivery) -> dict[str, Any]:
    return api_fields(delivery, "id", "webhook_id", "event", "subject", "status", "attempts",
                      "last_status_code", "last_error", "next_attempt_at", "created_at", "delivered_at",
                      id=delivery.delivery_id)


def job_payload(job: Job) -> dict[str, Any]:
    """What a job event says: ids, outcome, grade; never document content or a file name."""
    return {
        "job_id": job.id, "type": job.kind, "status": job.status,
        "document_id": str(job.document_id) if job.document_id is not None else None,
        "execution_id": str(job.execution_id) if job.execution_id is not None else None,
        "dataset_id": str(job.dataset_id) if job.dataset_id is not None else None,
        "quality_grade": job.quality_grade, "quality_score": job.quality_score,
        "doc_type": job.doc_type, "pii_findings_count": job.pii_findings_count,
        "failure_reason": (job.failure_reason or "").split(":", 1)[0] or None,
        "completed_at": iso(job.completed_at),
    }


def dataset_payload(dataset: Dataset) -> dict[str, Any]:
    return {
        "dataset_id": str(dataset.id), "name": dataset.name, "status": dataset.status,
        "row_count": dataset.row_count, "pii_findings_count": dataset.pii_findings_count,
        "privacy_applied": dataset.privacy_applied, "created_at": iso(dataset.created_at),
    }


def start(app: Any):  # noqa: ANN201 - the SERVICES hook of app.py
    box = app_box(app.state)
    dispatcher = Dispatcher(app.state.settings, app.state.db, box)
    dispatcher.connector_resolver = lambda key_id, connector_id: _resolve(app, key_id, connector_id)
    app.state.webhooks = dispatcher
    queue = getattr(app.state, "queue", None)
    if queue is not None and hasattr(queue, "listeners"):
        # The queue says when jobs finish: look at once instead of at the next tick. The
        # watcher stays the source of events (it also sees what finished while no listener ran).
        queue.listeners.append(lambda _event, _payload: dispatcher.wake())
    dispatcher.recover()
    if app.state.settings.start_workers:
        dispatcher.start()
    return dispatcher.stop


def _resolve(app: Any, key_id: int, connector_id: Any) -> Any:
    """The connectors part's resolver (schedules.start sets it), for one key."""
    resolve = getattr(app.state, "connector_url", None)
    if resolve is None:
        return None
    from types import SimpleNamespace

    return resolve(SimpleNamespace(key_id=key_id), connector_id)


class Dispatcher(WorkerThreads):
    """The watcher (finished jobs -> events) and the sender (due deliveries -> POST)."""

    role = "webhook"

    def __init__(self, settings: Settings, db: Database, box: SecretBox) -> None:
        super().__init__()
        self.settings = settings
        self.db = db
        self.box = box
        options = {**DEFAULTS, **{k: v for k, v in settings.extra.items() if k in DEFAULTS}}
        self.backoff_s = float(options["webhook_backoff_s"])
        self.max_attempts = int(options["webhook_max_attempts"])
        self.timeout_s = float(options["webhook_timeout_s"])
        self.tick_s = float(options["webhook_tick_s"])
        # (key_id, connector_id) -> (url, fsspec options) | None; set by start()
        self.connector_resolver: Any = None

    def start(self) -> None:
        self._start_threads(["flexorch-webhooks"])

    def recover(self) -> None:
        """Deliveries a stopped server was sending are due again; the watermark starts now
        on a first start (no events for jobs finished before webhooks existed)."""
        with self.db.session() as session:
            session.execute(update(WebhookDelivery).where(WebhookDelivery.status == "sending")
                            .values(status="pending"))
            if session.get(ServiceState, WATERMARK) is None:
                session.add(ServiceState(name=WATERMARK, value=utcnow().isoformat()))

    def _round(self) -> bool:
        self.watch()
        while not self._stop.is_set() and self.send_next():
            pass
        return False

    # -- events ---------------------------------------------------------------------------
    def emit(self, key_id: int, event: str, subject: str, data: dict[str, Any]) -> int:
        """One pending delivery per active webhook of the key subscribed to ``event``
        (none twice for the same subject); the count created."""
        created = 0
        with self.db.session() as session:
            hooks = [h for h in session.scalars(select(Webhook).where(Webhook.key_id == key_id,
                                                                       Webhook.active.is_(True)))
                     if event in json.loads(h.events or "[]")]
            existing = set(session.scalars(select(WebhookDelivery.webhook_id).where(
                WebhookDelivery.event == event, WebhookDelivery.subject == subject)))
        for hook in hooks:
            if hook.id in existing:
                continue
            delivery_id = "dlv_" + uuid.uuid4().hex
            hook_data = data
            if event == "dataset.ready" and hook.auto_export:
                hook_data = {**data, "auto_export": self.auto_export(key_id, json.loads(hook.auto_export),
                                                                     data.get("dataset_id"))}
            now = utcnow()
            body = json.dumps({"id": delivery_id, "event": event, "created_at": iso(now),
                               "data": hook_data}, sort_keys=True)
            try:
                with self.db.session() as session:
                    session.add(WebhookDelivery(key_id=key_id, webhook_id=hook.id, event=event,
                                                subject=subject, delivery_id=delivery_id,
                                                payload=body, status="pending", attempts=0,
                                                next_attempt_at=now, created_at=now))
                created += 1
            except IntegrityError:  # another thread or server emitted it first
                continue
        if created:
            self.wake()
        return created

    def auto_export(self, key_id: int, spec: dict[str, Any], dataset_id: Any) -> dict[str, Any]:
        """A webhook's ``auto_export``: copy the dataset's files of ``format`` under the
        connector's root + ``prefix`` (default ``exports/``) + ``SLUG-ID/``; the outcome goes
        into the event (``url`` and ``files``, or ``error`` by type)."""
        fmt = str(spec.get("format") or "")
        folder_name = EXPORT_FOLDERS.get(fmt, fmt)
        try:
            with self.db.session() as session:
                dataset = session.get(Dataset, int(dataset_id))
                path, slug = Path(dataset.path), dataset.slug
            resolved = self.connector_resolver(key_id, spec.get("connector_id")) if self.connector_resolver else None
            if resolved is None:
                return {"error": "connector not found", "format": fmt}
            url, options = resolved
            folder = path / folder_name
            files = sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []
            if not files:
                return {"error": f"the dataset has no {fmt!r} files", "format": fmt}
            prefix = str(spec.get("prefix", "exports/")).strip("/")
            if ".." in prefix.split("/"):
                return {"error": "prefix must be a relative key prefix", "format": fmt}
            base = "/".join(p for p in (url.rstrip("/"), prefix, f"{slug}-{dataset_id}") if p)
            fs, root = fsspec.core.url_to_fs(base, **options)
            for file in files:
                fs.pipe_file(root + "/" + file.relative_to(folder).as_posix(), file.read_bytes())
            return {"url": base, "files": len(files), "format": fmt}
        except Exception as error:  # noqa: BLE001 - reported in the event, by type only
            LOG.error("auto export of dataset %s failed: %s", dataset_id, type(error).__name__)
            return {"error": f"export failed ({type(error).__name__})", "format": fmt}

    def dataset_ready(self, key_id: int, dataset_id: int) -> None:
        with self.db.session() as session:
            dataset = session.get(Dataset, dataset_id)
            data = dataset_payload(dataset) if dataset is not None else None
        if data is not None:
            self.emit(key_id, "dataset.ready", f"dataset:{dataset_id}", data)

    def watch(self) -> int:
        """Events for jobs finished since the watermark; the count of events."""
        with self.db.session() as session:
            state = session.get(ServiceState, WATERMARK)
            mark = datetime.fromisoformat(state.value) if state else utcnow()
            # An overlap: a run's jobs get their completed_at before their transaction
            # commits, so rows appear out of order; emit() drops the repeats.
            jobs = list(session.scalars(
                select(Job).where(Job.status.in_(("completed", "failed")),
                                  Job.completed_at >= mark - timedelta(seconds=OVERLAP_S))
                .order_by(Job.completed_at)))
            events = []
            for job in jobs:
                kind = "job.completed" if job.status == "completed" else "job.failed"
                events.append((job.key_id, kind, f"job:{job.id}", job_payload(job)))
                if job.kind == "dataset_build" and job.status == "completed" and job.dataset_id:
                    dataset = session.get(Dataset, job.dataset_id)
                    if dataset is not None and dataset.status == "ready":
                        events.append((job.key_id, "dataset.ready", f"dataset:{dataset.id}",
                                       dataset_payload(dataset)))
            newest = max((j.completed_at for j in jobs), default=None)
        if jobs:
            events += self._quota_events({job.key_id for job in jobs})
        for event in events:
            self.emit(*event)
        if newest is not None and newest > mark:
            with self.db.session() as session:
                state = session.get(ServiceState, WATERMARK)
                if state is None:
                    session.add(ServiceState(name=WATERMARK, value=newest.isoformat()))
                else:
                    state.value = newest.isoformat()
        return len(events)

    def _quota_events(self, key_ids: set[int]) -> list[tuple]:
        """quota.warning when a key with a credit limit has used 80 % of it, and again at
        100 % (once per limit: raising the limit warns anew)."""
        events = []
        with self.db.session() as session:
            for key_id in sorted(key_ids):
                key = session.get(ApiKey, key_id)
                if key is None or not key.credits_limit:
                    continue
                used = int(session.scalar(select(func.coalesce(func.sum(Job.credits), 0))
                                          .where(Job.key_id == key_id)) or 0)
                for share in QUOTA_SHARES:
                    if used >= key.credits_limit * share / 100:
                        events.append((key_id, "quota.warning", f"quota:{key.credits_limit}:{share}",
                                       {"credits_used": used, "credits_limit": key.credits_limit,
                                        "percent": share}))
        return events

    # -- sending --------------------------------------------------------------------------
    def send_next(self) -> bool:
        """Claim one due delivery and attempt it; False when none is due."""
        now = utcnow()
        with self.db.session() as session:
            delivery = session.scalar(
                select(WebhookDelivery).where(WebhookDelivery.status == "pending",
                                              WebhookDelivery.next_attempt_at <= now)
                .order_by(WebhookDelivery.next_attempt_at, WebhookDelivery.id).limit(1))
            if delivery is None:
                return False
            claimed = session.execute(
                update(WebhookDelivery).where(WebhookDelivery.id == delivery.id,
                                              WebhookDelivery.status == "pending")
                .values(status="sending").execution_options(synchronize_session=False)).rowcount
            if not claimed:
                return True
            hook = session.get(Webhook, delivery.webhook_id)
            target = (hook.url, hook.secret, hook.active) if hook else (None, None, False)
            delivery_id, event, body, attempts = (delivery.id, delivery.event,
                                                  delivery.payload.encode("utf-8"), delivery.attempts)
            public_id = delivery.delivery_id
        url, sealed, active = target
        if not active:
            self._finish(delivery_id, "failed", attempts, None, "the webhook was deleted")
            return True
        try:  # again at send time: the name may resolve elsewhere now (DNS rebinding)
            addresses = urlguard.check_url(url, self.settings.allow_private_urls, "the webhook url")
        except urlguard.UnresolvedHost:  # DNS may be down for a moment: an attempt that failed
            addresses, (code, error) = None, (None, "the host does not resolve")
        except urlguard.UrlNotAllowed as refused:
            LOG.warning("delivery %s refused by the SSRF guard", public_id)
            self._finish(delivery_id, "failed", attempts, None, f"URL_NOT_ALLOWED: {refused}")
            return True
        if addresses is not None:
            code, error = self._post(url, self.box.open(sealed), event, public_id, body,
                                     addresses[0] if addresses else None)
        attempts += 1
        if code is not None and 200 <= code < 300:
            self._finish(delivery_id, "delivered", attempts, code, None)
        elif attempts >= self.max_attempts:
            self._finish(delivery_id, "failed", attempts, code, error)
        else:
            delay = self.backoff_s * (2 ** (attempts - 1))
            self._finish(delivery_id, "pending", attempts, code, error,
                         next_attempt_at=utcnow() + timedelta(seconds=delay))
        return True

    def _post(self, url: str, secret: str, event: str, delivery_id: str, body: bytes,
              address: Any = None) -> tuple[Optional[int], Optional[str]]:
        """POST one attempt; with ``address`` (checked by the SSRF guard) the connection goes
        to that address, with the URL's Host header and TLS server name."""
        timestamp = str(int(time.time()))
        headers = {
            "Content-Type": "application/json",
            "User-Agent": "flexorch-webhooks/1",
            "X-FlexOrch-Event": event,
            "X-FlexOrch-Delivery": delivery_id,
            TIMESTAMP_HEADER: timestamp,
            SIGNATURE_HEADER: sign(secret, timestamp, body),
        }
        extensions: dict[str, Any] = {}
        if address is not None:
            url, headers["Host"], name = urlguard.pinned_url(url, address)
            if url.startswith("https:"):
                extensions["sni_hostname"] = name  # and the certificate is checked for it
        try:
            with httpx.Client(timeout=self.timeout_s, follow_redirects=False) as client:
                response = client.post(url, content=body, headers=headers, extensions=extensions)
        except httpx.HTTPError as error:
            return None, f"request failed ({type(error).__name__})"
        if 200 <= response.status_code < 300:
            return response.status_code, None
        return response.status_code, f"HTTP {response.status_code}"

    def _finish(self, delivery_id: int, status: str, attempts: int, code: Optional[int],
                error: Optional[str], next_attempt_at: Optional[datetime] = None) -> None:
        with self.db.session() as session:
            delivery = session.get(WebhookDelivery, delivery_id)
            delivery.status, delivery.attempts = status, attempts
            delivery.last_status_code, delivery.last_error = code, error
            delivery.next_attempt_at = next_attempt_at
            if status == "delivered":
                delivery.delivered_at = utcnow()
