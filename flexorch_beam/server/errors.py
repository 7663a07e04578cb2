"""The error envelope and codes of the FlexOrch API.

Every /v1 response is ``{"status", "data", "error"}``; an error is
``{"status": "error", "data": null, "error": {"code", "message", "details"}}`` with the HTTP
status the SDK maps to its error classes (401 AuthError, 402 QuotaError, 404 NotFoundError,
422 ValidationError, 429 RateLimitError with ``Retry-After``, 5xx ServerError; other 4xx are
the base FlexOrchError, the code in ``error_code``). Messages never carry document content.
"""
from __future__ import annotations

import logging
from typing import Any, Optional

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

LOG = logging.getLogger("flexorch_beam.server")

# code -> HTTP status. The codes are the API's documented contract (README).
CODES: dict[str, int] = {
    "AUTH_REQUIRED": 401,  # no key, or a key that is unknown or revoked
    "QUOTA_EXCEEDED": 402,  # the key's credit limit is used up
    "NOT_FOUND": 404,  # unknown id, or another key's id (indistinguishable on purpose)
    "VALIDATION_ERROR": 422,  # malformed JSON, a bad field or parameter
    "UNSUPPORTED_FILE": 422,  # an upload that is no supported document format
    "UNSUPPORTED_FORMAT": 422,  # an export format the server does not write
    "INVALID_FILE_NAME": 422,  # a file name with a path in it (../, /, \\) or empty
    "TOO_MANY_FILES": 422,
    "MISSING_INPUT": 400,  # no `files` part in an upload
    "DOCUMENT_FILE_NOT_AVAILABLE": 400,
    "SEARCH_MODE_NOT_AVAILABLE": 400,  # a search mode this server does not offer (vectors)
    "URL_NOT_ALLOWED": 422,  # a webhook/connector URL whose host is internal (SSRF guard)
    "NOT_READY": 409,  # e.g. building a dataset from an execution still running
    "FILE_TOO_LARGE": 413,  # over --max-upload-mb, cut off while streaming
    "RATE_LIMIT_EXCEEDED": 429,
    "INTERNAL_ERROR": 500,
}


class ApiError(Exception):
    def __init__(self, code: str, message: str, details: Optional[Any] = None,
                 headers: Optional[dict[str, str]] = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details
        self.headers = headers or {}
        self.status = CODES.get(code, 400)


def envelope(data: Any = None, status: str = "success") -> dict[str, Any]:
    return {"status": status, "data": data, "error": None}


def ok(data: Any = None, status_code: int = 200, headers: Optional[dict[str, str]] = None) -> JSONResponse:
    status = "accepted" if status_code == 202 else "success"
    return JSONResponse(envelope(data, status), status_code=status_code, headers=headers)


def error_response(code: str, message: str, details: Any = None, status_code: Optional[int] = None,
                   headers: Optional[dict[str, str]] = None) -> JSONResponse:
    body = {"status": "error", "data": None,
            "error": {"code": code, "message": message, "details": details}}
    return JSONResponse(body, status_code=status_code or CODES.get(code, 400), headers=headers)


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, error: ApiError) -> JSONResponse:
        return error_response(error.code, error.message, error.details, error.status, error.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, error: RequestValidationError) -> JSONResponse:
        details = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", "")} for e in error.errors()]
        return error_response("VALIDATION_ERROR", "the request is not valid", details)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, error: StarletteHTTPException) -> JSONResponse:
        code = {401: "AUTH_REQUIRED", 404: "NOT_FOUND", 405: "VALIDATION_ERROR",
                413: "FILE_TOO_LARGE", 422: "VALIDATION_ERROR"}.get(error.status_code, "VALIDATION_ERROR")
        if error.status_code >= 500:
            code = "INTERNAL_ERROR"
        return error_response(code, str(error.detail), status_code=error.status_code)

    @app.exception_handler(Exception)
    async def _unexpected(_request: Request, error: Exception) -> JSONResponse:
        LOG.error("unexpected %s in a request", type(error).__name__)  # type only: no content
        return error_response("INTERNAL_ERROR", "internal error")
