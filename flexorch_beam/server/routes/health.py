"""GET /v1/health: liveness, no key needed (load balancers, the tests' start-up wait)."""
from fastapi import APIRouter

from flexorch_beam.server.errors import ok

router = APIRouter()


@router.get("/health")
def health():  # noqa: ANN201
    return ok({"ok": True})
