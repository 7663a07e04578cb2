"""``create_app(settings)``: the FastAPI app of `flexorch serve`.

Other parts plug in with one line each: a router in ``ROUTERS`` (``"module:attribute"``,
mounted under ``/v1``) and, for background work (a queue, a scheduler), a service in
``SERVICES``: ``"module:function"`` taking the app and returning a stop callable, started
after the migrations and stopped in reverse order at shutdown.

Hooks on ``app.state`` for those parts: ``queue.listeners`` (job/dataset events, queue.py),
``connector_url(caller, connector_id)`` (export-s3 to a connector: a URL, or (URL, fsspec
options)), ``resolve_source(caller, source_json, temp_dir, max_bytes)`` (uploads whose
``source`` names files in a connector).
"""
from __future__ import annotations

import importlib
import logging
from contextlib import asynccontextmanager
from typing import Any, Callable

from fastapi import FastAPI

from flexorch_beam.server import errors
from flexorch_beam.server.db import Database, migrate
from flexorch_beam.server.ratelimit import RateLimiter
from flexorch_beam.server.settings import Settings

LOG = logging.getLogger("flexorch_beam.server")
BASE_PATH = "/v1"

ROUTERS: list[str] = [
    "flexorch_beam.server.routes.health:router",
    "flexorch_beam.server.routes.process:router",
    "flexorch_beam.server.routes.jobs:router",
    "flexorch_beam.server.routes.documents:router",
    "flexorch_beam.server.routes.datasets:router",
    "flexorch_beam.server.routes.usage:router",
    "flexorch_beam.server.routes.connectors:router",
    "flexorch_beam.server.routes.webhooks:router",
    "flexorch_beam.server.routes.search:router",
    "flexorch_beam.server.routes.compliance:router",
]

SERVICES: list[str] = [
    "flexorch_beam.server.queue:start",
    "flexorch_beam.server.webhooks:start",
    "flexorch_beam.server.schedules:start",
]


def _load(spec: str) -> Any:
    module, _, attribute = spec.partition(":")
    return getattr(importlib.import_module(module), attribute)


class RateLimitHeaders:
    """ASGI middleware: copy the rate-limit headers the auth dependency computed onto the
    response, whatever kind of response the route returned (JSON, file, stream)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state = scope.setdefault("state", {})

        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                extra = state.get("ratelimit_headers") or {}
                if extra:
                    present = {name.lower() for name, _ in message.get("headers", [])}
                    headers = list(message.get("headers", []))
                    headers += [(k.lower().encode(), v.encode()) for k, v in extra.items()
                                if k.lower().encode() not in present]
                    message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(settings: Settings) -> FastAPI:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    db = Database(settings.db_url)

    @asynccontextmanager
    async def lifespan(app: FastAPI):  # noqa: ANN202
        migrate(db.engine)
        import flexorch_beam.extract.registry  # noqa: F401 - uploads sniff with it: load it now, not on the first upload
        stops = []
        for spec in SERVICES:
            stops.append(_load(spec)(app))
        try:
            yield
        finally:
            for stop in reversed(stops):
                try:
                    stop()
                except Exception as error:  # noqa: BLE001 - shut the rest down anyway
                    LOG.error("stopping a service failed: %s", type(error).__name__)
            db.dispose()

    app = FastAPI(title="FlexOrch API (flexorch_beam)", version="1", lifespan=lifespan,
                  docs_url=f"{BASE_PATH}/docs", openapi_url=f"{BASE_PATH}/openapi.json",
                  redoc_url=None)
    app.state.settings = settings
    app.state.db = db
    app.state.limiter = RateLimiter(db)
    errors.install(app)
    for spec in ROUTERS:
        app.include_router(_load(spec), prefix=BASE_PATH)
    app.add_middleware(RateLimitHeaders)
    return app
