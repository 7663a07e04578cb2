"""The two read endpoints every key-owned, soft-deleted resource has (connectors, webhooks):
``GET /things`` lists the key's active rows, ``GET /things/{thing_id}`` shows one of them."""
from __future__ import annotations

from typing import Any, Callable

from fastapi import APIRouter, Depends, Path, Request
from sqlalchemy.orm import Session

from flexorch_beam.server.auth import Caller, caller
from flexorch_beam.server.errors import ok
from flexorch_beam.server.views import active_items


def add_read_routes(router: APIRouter, noun: str, model: Any,
                    own: Callable[[Session, Caller, str], Any],
                    view: Callable[[Any], dict[str, Any]]) -> None:
    """Register GET /{noun}s and GET /{noun}s/{{noun}_id} on ``router``; ``own`` finds one row
    of the caller or raises NOT_FOUND. Route names (and so OpenAPI operation ids and path
    parameter names) are those of hand-written ``list_{noun}s`` / ``get_{noun}``."""
    param = f"{noun}_id"

    def list_rows(request: Request, who: Caller = Depends(caller)):  # noqa: ANN202
        with request.app.state.db.session() as session:
            return ok(active_items(session, model, who.key_id, view))

    def get_row(request: Request, row_id: str = Path(alias=param),
                who: Caller = Depends(caller)):  # noqa: ANN202
        with request.app.state.db.session() as session:
            return ok(view(own(session, who, row_id)))

    router.add_api_route(f"/{noun}s", list_rows, methods=["GET"], name=f"list_{noun}s")
    router.add_api_route(f"/{noun}s/{{{param}}}", get_row, methods=["GET"], name=f"get_{noun}")
